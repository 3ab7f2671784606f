"""The web app: a JSON API and server-rendered pages over one fogwatch database.

``create_app(engine)`` builds it; ``fogwatch serve`` runs it with uvicorn. Nothing
is loaded at import time; the pipeline is built only when ingestion over HTTP is
switched on and first used.
"""

from .app import create_app

__all__ = ["create_app"]
