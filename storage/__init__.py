"""Leg Day's persistence: SQLModel tables, the async store, queries and migrations."""
