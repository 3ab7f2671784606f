"""Cutting a document's text into pieces at span boundaries, for marking it up.

The pieces are plain strings with CSS classes; the template writes them out with
Jinja2's autoescape (markupsafe), so no piece of document text ever becomes markup
and overlapping spans need no nested tags.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["Layer", "Segment", "segments"]


@dataclass(frozen=True)
class Layer:
    """A span to show: ``kind`` becomes a CSS class, ``label`` a tooltip."""

    start: int
    end: int
    kind: str
    label: str = ""
    mark: bool = True


@dataclass(frozen=True)
class Segment:
    text: str
    classes: tuple[str, ...]
    label: str
    mark: bool


def segments(text: str, layers: Iterable[Layer], *, rest: str = "") -> list[Segment]:
    """``text`` in consecutive pieces, each with the classes of every layer over it.

    Layers outside the text are clipped; ``rest`` is the class of unmarked pieces
    (``"dim"`` on the incident page).
    """
    n = len(text)
    clipped = [
        Layer(max(0, min(layer.start, n)), max(0, min(layer.end, n)), layer.kind,
              layer.label, layer.mark)
        for layer in layers
    ]
    clipped = [layer for layer in clipped if layer.end > layer.start]
    cuts = sorted({0, n, *(x.start for x in clipped), *(x.end for x in clipped)})
    out: list[Segment] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        over = [x for x in clipped if x.start <= a and b <= x.end]
        classes = tuple(dict.fromkeys(x.kind for x in over))
        labels = "; ".join(dict.fromkeys(x.label for x in over if x.label))
        mark = any(x.mark for x in over)
        if not classes and rest:
            classes = (rest,)
        out.append(Segment(text[a:b], classes, labels, mark))
    return out
