"""The vocabulary of fogwatch: documents, reports, claims, incidents and places.

Every record is a frozen dataclass so that pipeline stages cannot change what an
earlier stage produced behind its back; a stage returns new records with
``dataclasses.replace``. Offsets are always character spans into ``Document.text``
(the repaired text), never into the raw input, so evidence can be shown to a user
exactly where it was read.

JSON follows ``SCHEMA.md``: ``to_dict`` gives the documented field names (``class``
for a weapon's class, lists for spans) and ``from_dict`` reads them back, so that a
record survives a round trip through JSON unchanged.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

__all__ = [
    "Actor",
    "Claim",
    "Document",
    "Estimate",
    "Flags",
    "Incident",
    "LanguageSpan",
    "Place",
    "Report",
    "Span",
    "Stance",
    "Status",
    "StatusChange",
    "Target",
    "Weapon",
    "content_hash",
    "published_date",
]


class Stance(StrEnum):
    """What a claimant does with a report."""

    ASSERTS = "asserts"
    DENIES = "denies"
    UNVERIFIED = "unverified"


class Status(StrEnum):
    """How well an incident is established across its sources."""

    CLAIMED = "claimed"
    CORROBORATED = "corroborated"
    DISPUTED = "disputed"


@dataclass(frozen=True, order=True)
class Span:
    """A half-open character range ``[start, end)`` in a document's text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"invalid span [{self.start}, {self.end})")

    def __len__(self) -> int:
        return self.end - self.start

    def text(self, document_text: str) -> str:
        return document_text[self.start : self.end]

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def to_list(self) -> list[int]:
        return [self.start, self.end]

    @classmethod
    def from_list(cls, value: list[int] | tuple[int, int]) -> Span:
        start, end = value[0], value[1]
        return cls(int(start), int(end))


@dataclass(frozen=True)
class LanguageSpan:
    """A stretch of text in one language (``en``, ``ru``, ``uk``)."""

    span: Span
    language: str

    def to_list(self) -> list[Any]:
        return [self.span.start, self.span.end, self.language]

    @classmethod
    def from_list(cls, value: list[Any]) -> LanguageSpan:
        return cls(Span(int(value[0]), int(value[1])), str(value[2]))


@dataclass(frozen=True)
class Flags:
    """Quality flags found while cleaning; extraction skips boilerplate spans.

    ``languages`` covers the whole text; ``mixed_language`` is the part of it not in
    the document's main language, which is what SCHEMA.md's ``flags`` shows.
    ``entries`` are the timestamped entries of a live blog (empty for one story), so
    that no incident is pieced together from two entries. ``genre`` is what kind of
    piece it is when cleaning could tell (``liveblog``, ``opinion``, ``letters``, ...);
    ``skip_extraction`` says why no incident is read from it (opinion, reviews, ...).
    """

    boilerplate: tuple[Span, ...] = ()
    languages: tuple[LanguageSpan, ...] = ()
    repaired: bool = False
    notes: tuple[str, ...] = ()
    entries: tuple[Span, ...] = ()
    genre: str | None = None
    skip_extraction: str | None = None

    @property
    def main_language(self) -> str | None:
        totals: dict[str, int] = {}
        for ls in self.languages:
            totals[ls.language] = totals.get(ls.language, 0) + len(ls.span)
        return max(totals, key=lambda k: totals[k]) if totals else None

    @property
    def mixed_language(self) -> tuple[LanguageSpan, ...]:
        main = self.main_language
        return tuple(ls for ls in self.languages if ls.language != main)

    def to_dict(self) -> dict[str, Any]:
        return {
            "boilerplate": [s.to_list() for s in self.boilerplate],
            "mixed_language": [ls.to_list() for ls in self.mixed_language],
            "languages": [ls.to_list() for ls in self.languages],
            "repaired": self.repaired,
            "notes": list(self.notes),
            "entries": [s.to_list() for s in self.entries],
            "genre": self.genre,
            "skip_extraction": self.skip_extraction,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> Flags:
        if not d:
            return cls()
        languages = tuple(LanguageSpan.from_list(x) for x in d.get("languages") or ())
        if not languages and d.get("mixed_language"):
            languages = tuple(LanguageSpan.from_list(x) for x in d["mixed_language"])
        return cls(
            boilerplate=tuple(Span.from_list(x) for x in d.get("boilerplate") or ()),
            languages=languages,
            repaired=bool(d.get("repaired", False)),
            notes=tuple(d.get("notes") or ()),
            entries=tuple(Span.from_list(x) for x in d.get("entries") or ()),
            genre=d.get("genre"),
            skip_extraction=d.get("skip_extraction"),
        )


def content_hash(text: str) -> str:
    """The key of a document: sha256 of its text, so re-ingesting adds nothing."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def published_date(published: str | None) -> dt.date | None:
    """The day of an ISO publication time; ``None`` when absent or not a date, not an error,
    since feeds give malformed times and a document without a day is still kept."""
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None


@dataclass(frozen=True)
class Document:
    """One piece of reporting, as read and then cleaned.

    ``text`` is the repaired text that every span points into; ``raw`` is what was
    read (an HTML page, a feed entry) when it differs from ``text``. ``published`` is
    ISO 8601 as given (a date, or a date and time with offset).
    """

    id: str
    text: str
    source: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    language: str | None = None
    raw: str | None = None
    origin: str | None = None
    flags: Flags = field(default_factory=Flags)
    sentences: tuple[Span, ...] = ()

    @property
    def content_hash(self) -> str:
        return content_hash(self.text)

    @property
    def published_date(self) -> dt.date | None:
        return published_date(self.published)

    @property
    def languages(self) -> list[str]:
        """Languages present, main language first (SCHEMA.md ``languages``)."""
        main = self.flags.main_language or self.language
        seen = [main] if main else []
        for ls in self.flags.languages:
            if ls.language not in seen:
                seen.append(ls.language)
        return seen

    def to_dict(self, *, include_text: bool = True) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id,
            "source": self.source,
            "url": self.url,
            "title": self.title,
            "published": self.published,
            "language": self.language,
            "languages": self.languages,
            "origin": self.origin,
            "content_hash": self.content_hash,
            "flags": self.flags.to_dict(),
            "sentences": [s.to_list() for s in self.sentences],
        }
        if include_text:
            d["text"] = self.text
            d["raw"] = self.raw
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Document:
        return cls(
            id=str(d["id"]),
            text=d.get("text") or "",
            source=d.get("source"),
            url=d.get("url"),
            title=d.get("title"),
            published=d.get("published"),
            language=d.get("language"),
            raw=d.get("raw"),
            origin=d.get("origin"),
            flags=Flags.from_dict(d.get("flags")),
            sentences=tuple(Span.from_list(s) for s in d.get("sentences") or ()),
        )


@dataclass(frozen=True)
class Place:
    """A place as mentioned and, once resolved, as located.

    Before resolution only ``mention`` (and perhaps ``admin1`` from a region named
    nearby) is set; ``geo_precision`` follows ACLED: 1 the settlement, 2 near it or
    its district, 3 the region.
    """

    mention: str
    name: str | None = None
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    admin1: str | None = None
    admin2: str | None = None
    country: str | None = None
    geo_precision: int | None = None
    span: Span | None = None

    @property
    def resolved(self) -> bool:
        return self.lat is not None and self.lon is not None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "mention": self.mention,
            "geonameid": self.geonameid,
            "lat": self.lat,
            "lon": self.lon,
            "admin1": self.admin1,
            "admin2": self.admin2,
            "country": self.country,
            "geo_precision": self.geo_precision,
            "span": self.span.to_list() if self.span is not None else None,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> Place | None:
        if d is None:
            return None
        return cls(
            mention=d.get("mention") or d.get("name") or "",
            name=d.get("name"),
            geonameid=d.get("geonameid"),
            lat=d.get("lat"),
            lon=d.get("lon"),
            admin1=d.get("admin1"),
            admin2=d.get("admin2"),
            country=d.get("country"),
            geo_precision=d.get("geo_precision"),
            span=Span.from_list(d["span"]) if d.get("span") is not None else None,
        )


@dataclass(frozen=True)
class Actor:
    """An attacker or claimant organisation with its side code from the profile."""

    name: str
    side: str = "unknown"

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "side": self.side}

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> Actor | None:
        return None if d is None else cls(name=d["name"], side=d.get("side") or "unknown")


@dataclass(frozen=True)
class Target:
    """What was hit: a name as written and a category (civilian, residential, …)."""

    name: str
    category: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "category": self.category}

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> Target | None:
        return None if d is None else cls(name=d["name"], category=d.get("category"))


#: Classes of named systems that fire what reporters call a bare "missile" or "rocket"
#: (a HIMARS, a Bayraktar, an S-300 launch, a jet).
LAUNCHER_CLASSES = frozenset({"mlrs", "air defence", "aircraft", "drone"})


def class_covers(kind: str, cls: str) -> bool:
    """Whether a generic word of class ``kind`` can stand for a named system of ``cls``.

    The same class, a class it names the head of ("missile" for "cruise missile"), or a
    bare "missile" for anything that fires one. Extraction drops a generic word a named
    system of the same report covers; clustering reads it as agreeing across reports.
    """
    kind, cls = kind.lower(), cls.lower()
    return cls == kind or (bool(kind) and cls.endswith(" " + kind)) or (
        kind == "missile" and (cls in LAUNCHER_CLASSES or "missile" in cls))


@dataclass(frozen=True)
class Weapon:
    """A weapon system with its class from the profile (HIMARS → MLRS)."""

    name: str
    weapon_class: str | None = None
    #: A word for a kind of arm ("missiles", "drones"), not a named system: the profile's
    #: ``generic`` weapons. Written only when true.
    generic: bool = False

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"name": self.name, "class": self.weapon_class}
        if self.generic:
            d["generic"] = True
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Weapon:
        return cls(name=d["name"], weapon_class=d.get("class"), generic=bool(d.get("generic")))


@dataclass(frozen=True)
class Claim:
    """Who asserts, denies or could not verify a report, and where the text says so."""

    claimant: str
    side: str = "unknown"
    stance: Stance = Stance.ASSERTS
    span: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "claimant": self.claimant,
            "side": self.side,
            "stance": self.stance.value,
            "span": self.span.to_list() if self.span is not None else None,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Claim:
        return cls(
            claimant=d["claimant"],
            side=d.get("side") or "unknown",
            stance=Stance(d.get("stance") or "asserts"),
            span=Span.from_list(d["span"]) if d.get("span") is not None else None,
        )


def _date(value: str | dt.date | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value[:10])


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _date_range(value: Any) -> tuple[dt.date, dt.date] | None:
    if not value:
        return None
    start, end = _date(value[0]), _date(value[1])
    return (start, end) if start and end else None


def _evidence_to_dict(evidence: dict[str, tuple[Span, ...]]) -> dict[str, list[list[int]]]:
    return {key: [s.to_list() for s in spans] for key, spans in evidence.items()}


def _evidence_from_dict(d: dict[str, Any] | None) -> dict[str, tuple[Span, ...]]:
    return {key: tuple(Span.from_list(s) for s in spans) for key, spans in (d or {}).items()}


@dataclass(frozen=True)
class Report:
    """One document's account of one incident.

    Numbers are ``None`` when the text does not give them; 0 only when it says there
    were none. ``evidence`` maps a field name to the spans it was read from.
    """

    event_id: str
    doc_id: str
    event_type: str
    sub_event_type: str | None = None
    date: dt.date | None = None
    date_range: tuple[dt.date, dt.date] | None = None
    time_precision: int | None = None
    time: str | None = None
    location: Place | None = None
    attacker: Actor | None = None
    target: Target | None = None
    weapons: tuple[Weapon, ...] = ()
    munitions: int | None = None
    fatalities: int | None = None
    injured: int | None = None
    children: int | None = None
    civilians: bool | None = None
    claims: tuple[Claim, ...] = ()
    disputed: bool = False
    evidence: dict[str, tuple[Span, ...]] = field(default_factory=dict)
    summary: str = ""
    sentences: tuple[Span, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "event_id": self.event_id,
            "doc_id": self.doc_id,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "date": _iso(self.date),
            "date_range": [_iso(d) for d in self.date_range] if self.date_range else None,
            "time_precision": self.time_precision,
            "time": self.time,
            "location": self.location.to_dict() if self.location else None,
            "attacker": self.attacker.to_dict() if self.attacker else None,
            "target": self.target.to_dict() if self.target else None,
            "weapons": [w.to_dict() for w in self.weapons],
            "munitions": self.munitions,
            "fatalities": self.fatalities,
            "injured": self.injured,
            "children": self.children,
            "civilians": self.civilians,
            "claims": [c.to_dict() for c in self.claims],
            "disputed": self.disputed,
            "evidence": _evidence_to_dict(self.evidence),
            "summary": self.summary,
            "sentences": [s.to_list() for s in self.sentences],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Report:
        return cls(
            event_id=d["event_id"],
            doc_id=d.get("doc_id") or "",
            event_type=d["event_type"],
            sub_event_type=d.get("sub_event_type"),
            date=_date(d.get("date")),
            date_range=_date_range(d.get("date_range")),
            time_precision=d.get("time_precision"),
            time=d.get("time"),
            location=Place.from_dict(d.get("location")),
            attacker=Actor.from_dict(d.get("attacker")),
            target=Target.from_dict(d.get("target")),
            weapons=tuple(Weapon.from_dict(w) for w in d.get("weapons") or ()),
            munitions=d.get("munitions"),
            fatalities=d.get("fatalities"),
            injured=d.get("injured"),
            children=d.get("children"),
            civilians=d.get("civilians"),
            claims=tuple(Claim.from_dict(c) for c in d.get("claims") or ()),
            disputed=bool(d.get("disputed", False)),
            evidence=_evidence_from_dict(d.get("evidence")),
            summary=d.get("summary") or "",
            sentences=tuple(Span.from_list(s) for s in d.get("sentences") or ()),
        )


@dataclass(frozen=True)
class Estimate:
    """A count across sources, UCDP style: best guess with a low and high bound."""

    best: int | None = None
    low: int | None = None
    high: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"best": self.best, "low": self.low, "high": self.high}

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> Estimate:
        d = d or {}
        return cls(best=d.get("best"), low=d.get("low"), high=d.get("high"))


@dataclass(frozen=True)
class StatusChange:
    """One step in an incident's status history, with the document that caused it."""

    status: Status
    at: str
    reason: str = ""
    doc_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"status": self.status.value, "at": self.at, "reason": self.reason,
                "doc_id": self.doc_id}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> StatusChange:
        return cls(status=Status(d["status"]), at=d["at"], reason=d.get("reason") or "",
                   doc_id=d.get("doc_id"))


@dataclass(frozen=True)
class Incident:
    """The real-world event behind one or more reports, with reconciled fields."""

    incident_id: str
    event_type: str
    sub_event_type: str | None = None
    date: dt.date | None = None
    date_range: tuple[dt.date, dt.date] | None = None
    location: Place | None = None
    attacker: Actor | None = None
    target: Target | None = None
    weapons: tuple[Weapon, ...] = ()
    fatalities: Estimate = field(default_factory=Estimate)
    injured: Estimate = field(default_factory=Estimate)
    status: Status = Status.CLAIMED
    claims: tuple[Claim, ...] = ()
    reports: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    independent_sources: int = 0
    summary: str = ""
    history: tuple[StatusChange, ...] = ()
    reasons: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "incident_id": self.incident_id,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "date": _iso(self.date),
            "date_range": [_iso(d) for d in self.date_range] if self.date_range else None,
            "location": self.location.to_dict() if self.location else None,
            "attacker": self.attacker.to_dict() if self.attacker else None,
            "target": self.target.to_dict() if self.target else None,
            "weapons": [w.to_dict() for w in self.weapons],
            "fatalities": self.fatalities.to_dict(),
            "injured": self.injured.to_dict(),
            "status": self.status.value,
            "claims": [c.to_dict() for c in self.claims],
            "reports": list(self.reports),
            "documents": list(self.documents),
            "independent_sources": self.independent_sources,
            "summary": self.summary,
            "history": [h.to_dict() for h in self.history],
            "reasons": list(self.reasons),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Incident:
        return cls(
            incident_id=d["incident_id"],
            event_type=d["event_type"],
            sub_event_type=d.get("sub_event_type"),
            date=_date(d.get("date")),
            date_range=_date_range(d.get("date_range")),
            location=Place.from_dict(d.get("location")),
            attacker=Actor.from_dict(d.get("attacker")),
            target=Target.from_dict(d.get("target")),
            weapons=tuple(Weapon.from_dict(w) for w in d.get("weapons") or ()),
            fatalities=Estimate.from_dict(d.get("fatalities")),
            injured=Estimate.from_dict(d.get("injured")),
            status=Status(d.get("status") or "claimed"),
            claims=tuple(Claim.from_dict(c) for c in d.get("claims") or ()),
            reports=tuple(d.get("reports") or ()),
            documents=tuple(d.get("documents") or ()),
            independent_sources=int(d.get("independent_sources") or 0),
            summary=d.get("summary") or "",
            history=tuple(StatusChange.from_dict(h) for h in d.get("history") or ()),
            reasons=tuple(d.get("reasons") or ()),
        )
