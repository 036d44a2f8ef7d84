"""Leg Day's pure training domain: catalog, notation, strength maths, balance model.

Nothing here talks to Discord, a database or the clock; callers pass ``as_of``.
"""
