"""The services run on every back-end, as the store tests do: the same fixtures."""

from __future__ import annotations

from tests.storage.conftest import backend_url, store

__all__ = ["backend_url", "store"]
