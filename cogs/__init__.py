"""Discord features, one module each. Modules starting with ``_`` are shared helpers."""
