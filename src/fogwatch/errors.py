"""One family of exceptions, so callers catch ``FogwatchError`` and nothing else.

Each error has a short code and says how to fix the problem; third-party exceptions
are translated at the boundary with ``raise … from``. ``str(error)`` is the single
line the CLI prints on stderr, so it always names the input it is about.
"""

from __future__ import annotations

__all__ = [
    "FogwatchError",
    "GazetteerError",
    "InputError",
    "ProfileError",
    "StoreError",
]


class FogwatchError(Exception):
    """Base of every error fogwatch raises on purpose."""

    code = "E000"

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        text = f"[{self.code}] {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


class InputError(FogwatchError):
    """An input (file, URL, line, feed entry) that cannot be read as a document.

    ``source`` names the input; the batch skips it and goes on.
    """

    code = "E100"

    def __init__(self, source: str, reason: str, *, hint: str | None = None) -> None:
        super().__init__(f"{source}: {reason}", hint=hint)
        self.source = source
        self.reason = reason


class ProfileError(FogwatchError):
    """A profile file that is missing or does not validate; names file and line."""

    code = "E200"


class GazetteerError(FogwatchError):
    """A gazetteer file that is missing, stale or cannot be built."""

    code = "E300"


class StoreError(FogwatchError):
    """The database cannot be opened, created or written."""

    code = "E400"
