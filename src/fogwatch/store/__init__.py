"""Storage over SQLAlchemy Core: SQLite by default, any SQLAlchemy URL (PostgreSQL) by choice.

``Store(make_engine(url)).create()`` opens (and if needed creates) a database;
``Store.add`` writes a batch of analyses in one transaction.
"""

from .engine import DEFAULT_URL, display_url, make_engine
from .repository import BatchResult, Found, Hook, Store, lookup

__all__ = [
    "DEFAULT_URL",
    "BatchResult",
    "Found",
    "Hook",
    "Store",
    "display_url",
    "lookup",
    "make_engine",
]
