"""uvicorn's HTTP protocol with a response written in one piece, not two.

uvicorn writes a response's status line and headers as soon as the app starts the
response, and the body when it comes: two ``send()`` calls, two TCP segments, and on
loopback the client woken twice. A profile of ``fogwatch serve`` under load had that
first small write as the largest single cost of a list request. Here the writes a
response makes in one turn of the event loop are joined and written at the end of
the turn (also when the connection closes), so headers and body leave together.
Streamed responses still stream: each turn's writes go out in that turn.
"""

from __future__ import annotations

import asyncio
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

__all__ = ["CoalescingHttpToolsProtocol"]


class _CoalescingTransport:
    """Forwards everything to the real transport but joins the writes of one turn."""

    def __init__(self, transport: asyncio.Transport, loop: asyncio.AbstractEventLoop) -> None:
        self._transport = transport
        self._loop = loop
        self._pending: list[bytes] = []

    def write(self, data: bytes) -> None:
        if not self._pending:
            self._loop.call_soon(self.flush)
        self._pending.append(bytes(data))

    def writelines(self, chunks: Any) -> None:
        for chunk in chunks:
            self.write(chunk)

    def flush(self) -> None:
        if self._pending:
            data = b"".join(self._pending)
            self._pending.clear()
            if not self._transport.is_closing():
                self._transport.write(data)

    def close(self) -> None:
        self.flush()
        self._transport.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)


class CoalescingHttpToolsProtocol(HttpToolsProtocol):
    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(_CoalescingTransport(transport, self.loop))  # type: ignore[arg-type]
