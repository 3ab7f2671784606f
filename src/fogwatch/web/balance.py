"""Keeps keep-alive connections spread evenly over ``fogwatch serve --workers`` processes.

Each worker has its own SO_REUSEPORT socket, and the kernel hands a new connection to
one of them by a hash of its addresses: 20 clients come out 13 to 7 as often as not,
and as keep-alive connections last, one core then queues while the other idles. Each
worker publishes how many connections it holds in a small shared array; one holding
more than its fair share asks the client to reconnect (``Connection: close`` on a
response it sends anyway), and the new connection lands by the hash again. Clients
lose nothing but a reconnect, and the workers even out within a few requests.
"""

from __future__ import annotations

from collections.abc import Sized
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["ConnectionBalance", "current", "install"]

_installed: tuple[Sized, int, Any] | None = None


def install(connections: Sized, index: int, counts: Any) -> None:
    """Called in a worker process before its app is built (``serve._worker``)."""
    global _installed
    _installed = (connections, index, counts)


def current() -> tuple[Sized, int, Any] | None:
    """What ``install`` was given in this process, or None (a single process)."""
    return _installed


class ConnectionBalance:
    """ASGI middleware: ``Connection: close`` while this worker holds too many.

    ``connections`` is the worker's live set of connections (uvicorn's server state),
    ``counts`` a shared array with one slot per worker, ``index`` this worker's slot.
    """

    def __init__(self, app: ASGIApp, connections: Sized, index: int, counts: Any) -> None:
        self.app = app
        self.connections = connections
        self.index = index
        self.counts = counts

    def over_share(self) -> bool:
        """Two or more connections above the ceiling of the mean: one less is still at
        or above it, so workers never pass a connection back and forth."""
        mine = len(self.connections)
        self.counts[self.index] = mine
        workers = len(self.counts)
        return mine >= -(-sum(self.counts) // workers) + 2

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_balanced(message: Message) -> None:
            if message["type"] == "http.response.start" and self.over_share():
                message["headers"] = [*message.get("headers", []), (b"connection", b"close")]
            await send(message)

        await self.app(scope, receive, send_balanced)
