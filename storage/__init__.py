"""Leg Day's persistence: SQLModel tables, the store and its units of work, queries, migrations."""
