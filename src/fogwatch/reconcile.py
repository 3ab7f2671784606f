"""An incident's fields and status from its reports.

A pure function of the reports, what is known of their documents (source, publication
time, which one copies which) and the incident as it stood before, so that the store,
the benchmark and the tests reconcile the same way and a status change can be traced to
the document that caused it.

Counting follows UCDP: each independent source (a distinct outlet, syndicated copies
not counted) gives at most one figure, its latest; ``low`` and ``high`` are the least and
the most any source gives and ``best`` is the median of the sources' figures (the lower
middle one when even, so it is always a figure some source gave). Nothing is invented: no
figure in any report gives ``None``.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from .cluster import cut_at_publication
from .model import (
    Actor,
    Claim,
    Estimate,
    Incident,
    Place,
    Report,
    Stance,
    Status,
    StatusChange,
    Weapon,
    published_date,
)

__all__ = [
    "CONFLICT_RATIO",
    "CONFLICT_MIN",
    "DocInfo",
    "PARTY_SIDES",
    "estimate",
    "reconcile",
    "source_key",
    "status_of",
]

#: Figures conflict when the highest exceeds the lowest by more than half the lowest
#: AND by more than this many people (1 vs 2 killed is an update, not a dispute).
CONFLICT_RATIO = 0.5
CONFLICT_MIN = 2
#: Sides that are parties to the conflict; any other side (``other``, ``unknown``) is
#: independent media or an outside observer.
PARTY_SIDES = frozenset({"UA", "RU"})


@dataclass(frozen=True)
class DocInfo:
    """What reconciliation needs to know of a document."""

    doc_id: str
    source: str | None = None
    published: str | None = None
    copy_of: str | None = None


def source_key(doc: DocInfo) -> str:
    """Two articles by one outlet are one source; documents with no outlet count alone."""
    return f"source:{doc.source.strip().lower()}" if doc.source else f"doc:{doc.doc_id}"


def estimate(figures: Sequence[int]) -> Estimate:
    if not figures:
        return Estimate()
    return Estimate(best=int(statistics.median_low(figures)), low=min(figures),
                    high=max(figures))


def _conflicting(e: Estimate) -> bool:
    if e.low is None or e.high is None:
        return False
    return e.high - e.low > max(CONFLICT_RATIO * e.low, CONFLICT_MIN)


def _report_sides(report: Report) -> set[str]:
    """The sides that assert a report; a report with no asserting claim is the outlet's own."""
    sides = {c.side if c.side in PARTY_SIDES else "other"
             for c in report.claims if c.stance == Stance.ASSERTS}
    return sides or {"other"}


def status_of(reports_by_source: Mapping[str, Sequence[Report]], fatalities: Estimate,
              injured: Estimate) -> tuple[Status, str]:
    """The status and a one-line reason for it.

    ``disputed`` wins over everything: a denial, a report marked disputed, or figures
    further apart than the stated margin. ``corroborated`` needs at least two
    independent sources whose asserting sides differ (UA and RU, or a party and
    independent media). Otherwise ``claimed``.
    """
    for reports in reports_by_source.values():
        for r in reports:
            for c in r.claims:
                if c.stance == Stance.DENIES:
                    return Status.DISPUTED, f"{c.claimant} ({c.side}) denies it"
            if r.disputed:
                return Status.DISPUTED, f"report {r.event_id} marks it disputed"
    for label, e in (("killed", fatalities), ("injured", injured)):
        if _conflicting(e):
            return Status.DISPUTED, f"{label} figures conflict ({e.low} to {e.high})"
    per_source = [set().union(*(_report_sides(r) for r in rs)) for rs in
                  reports_by_source.values() if rs]
    sides = set().union(*per_source) if per_source else set()
    if len(per_source) >= 2 and len(sides) >= 2:
        return (Status.CORROBORATED,
                f"{len(per_source)} independent sources from {', '.join(sorted(sides))}")
    if sides and sides <= {"other"}:
        return Status.CLAIMED, f"{len(per_source)} independent source(s), media only"
    return Status.CLAIMED, f"only {', '.join(sorted(sides))} sources"


def _best_place(reports: Sequence[Report]) -> Place | None:
    places = [r.location for r in reports if r.location is not None]
    if not places:
        return None

    def rank(p: Place) -> tuple[int, int]:
        return (0 if p.resolved else 1, p.geo_precision or 3)

    return min(places, key=rank)


def _date_range(reports: Sequence[Report], docs: Mapping[str, DocInfo]
                ) -> tuple[tuple[dt.date, dt.date] | None, dt.date | None]:
    """The intersection of the reports' ranges or, when they disagree, the narrowest.

    Each range is first cut at its document's publication day, as clustering cuts it
    (``cluster.cut_at_publication``): "in March" told on 10 March is 1-11 March.
    """
    ranges = []
    for r in reports:
        told = r.date_range or ((r.date, r.date) if r.date else None)
        if told is None:
            continue
        info = docs.get(r.doc_id)
        pub = published_date(info.published if info else None)
        if pub is not None:
            lo, hi = cut_at_publication(told[0].toordinal(), told[1].toordinal(),
                                        pub.toordinal())
            told = (dt.date.fromordinal(lo), dt.date.fromordinal(hi))
        ranges.append(told)
    if not ranges:
        return None, None
    lo = max(a for a, _ in ranges)
    hi = min(b for _, b in ranges)
    rng = (lo, hi) if lo <= hi else min(ranges, key=lambda x: (x[1] - x[0], x[0]))
    days = Counter(r.date for r in reports if r.date and rng[0] <= r.date <= rng[1])
    best = rng[0] if rng[0] == rng[1] else (days.most_common(1)[0][0] if days else None)
    return rng, best


def _weapons(reports: Iterable[Report]) -> tuple[Weapon, ...]:
    seen: dict[str, Weapon] = {}
    for r in reports:
        for w in r.weapons:
            key = w.name.strip().lower()
            if key not in seen or (seen[key].weapon_class is None and w.weapon_class):
                seen[key] = w
    return tuple(seen.values())


def _claims(reports: Iterable[Report]) -> tuple[Claim, ...]:
    seen: dict[tuple[str, str, str], Claim] = {}
    for r in reports:
        for c in r.claims:
            seen.setdefault((c.claimant.strip().lower(), c.side, c.stance.value), c)
    return tuple(seen.values())


def _attacker(reports: Sequence[Report]) -> Actor | None:
    known = [r.attacker for r in reports if r.attacker and r.attacker.side != "unknown"]
    pool = known or [r.attacker for r in reports if r.attacker]
    if not pool:
        return None
    return Counter(pool).most_common(1)[0][0]


def reconcile(incident_id: str, reports: Sequence[Report], docs: Mapping[str, DocInfo],
              previous: Incident | None = None, *, cause: str | None = None,
              at: str | None = None, reasons: Sequence[str] = ()) -> Incident:
    """Build the incident from all its reports; extend the history if the status moved.

    ``cause`` is the document whose arrival triggered this reconciliation and ``at``
    when (ISO 8601), both recorded in the new history entry.
    """
    if not reports:
        raise ValueError(f"incident {incident_id} has no reports")

    def published(r: Report) -> str:
        d = docs.get(r.doc_id)
        return (d.published if d and d.published else "") + r.doc_id

    ordered = sorted(reports, key=published)
    by_source: dict[str, list[Report]] = {}
    for r in ordered:
        d = docs.get(r.doc_id, DocInfo(r.doc_id))
        if d.copy_of and d.copy_of != r.doc_id:
            continue  # a syndicated copy adds no independent source
        by_source.setdefault(source_key(d), []).append(r)

    def figures(name: str) -> list[int]:
        out = []
        for rs in by_source.values():
            vals = [getattr(r, name) for r in rs if getattr(r, name) is not None]
            if vals:
                out.append(vals[-1])  # the source's latest word
        return out

    fatalities, injured = estimate(figures("fatalities")), estimate(figures("injured"))
    status, why = status_of(by_source, fatalities, injured)
    rng, day = _date_range(ordered, docs)
    history = previous.history if previous else ()
    if not history or history[-1].status != status:
        history = (*history, StatusChange(status=status, at=at or dt.datetime.now(
            dt.UTC).isoformat(timespec="seconds"), reason=why, doc_id=cause))
    subs = Counter(r.sub_event_type for r in ordered if r.sub_event_type)
    documents = tuple(dict.fromkeys(r.doc_id for r in ordered))
    summary = next((r.summary for r in ordered if r.summary), "")
    return Incident(
        incident_id=incident_id,
        event_type=Counter(r.event_type for r in ordered).most_common(1)[0][0],
        sub_event_type=subs.most_common(1)[0][0] if subs else None,
        date=day,
        date_range=rng,
        location=_best_place(ordered),
        attacker=_attacker(ordered),
        target=next((r.target for r in ordered if r.target), None),
        weapons=_weapons(ordered),
        fatalities=fatalities,
        injured=injured,
        status=status,
        claims=_claims(ordered),
        reports=tuple(r.event_id for r in ordered),
        documents=documents,
        independent_sources=len(by_source),
        summary=summary,
        history=history,
        reasons=tuple(reasons),
    )
