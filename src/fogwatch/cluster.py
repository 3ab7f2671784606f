"""Incremental clustering of reports into incidents.

Reports arrive document by document, so clustering is incremental: each new report
either joins the best compatible incident already known or starts a new one, and an
incident's id (a hash of the report that started it) never changes afterwards. The one
second chance: a report still alone in its incident is placed again with the batches of
the next REVISIT_DAYS days, since the tellings that make its incident clear often come
later; if it joins another incident, its own is dropped and its id kept as an alias. The
same ``Clusterer`` runs in memory (the benchmark) and over the store (``update_incidents``
loads the candidate incidents of a batch's date window and area, then saves what moved).

Candidates come from blocking, never from a scan: an incident is indexed under the
~25 km grid cell of its point and the days of its date range, and under its oblast
(``admin1``) and days, so one report looks at a few dozen buckets (3 x 3 cells a day)
whatever the size of the database. Compatibility is then a list of vetoes (another
event family, attackers on different sides, clock times hours apart, places too far
apart for their precision, dates more than a day apart, the same document) and a score
whose parts are kept as the human-readable merge reason
(``same day, 3 km apart, both HIMARS, both UA attacker``). The parts are rough
log-likelihood ratios of "the same event" against "another event of the same block", so
evidence counts against as well as for: two exact days a day apart, another sub-event
type, death tolls far apart, a vague date range (the wider, the less it says, and its
days weighed by how recent they were at publication). Assignment
is greedy, so a batch is placed most precise report first (``evidence_order``): a vague
report then meets every candidate of its batch. The best candidate must clear a bar that
rises with the number of incidents that fit at all (in a city struck several times a day
a report naming nothing else may tell of yet another strike) and must not tie with the
runner-up. A report's dates never run past its publication day (plus a day's slack).

What limits it (bench/cluster.py --ceiling): even with every earlier report in its true
incident and the weights fitted on the truth, report-by-report placement on these kinds
of evidence reaches pairwise F1 ~0.93 on the benchmark's generator; the hand-set scores
here, with the second chance, reach ~0.93 too. Reports that name only an oblast are the
largest share of what is left (about two fifths of the wrong pairs, from 5% of reports).
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import product
from typing import TYPE_CHECKING

from .model import Report, class_covers

if TYPE_CHECKING:  # pragma: no cover
    from sqlalchemy import Connection

    from .model import Document

__all__ = [
    "Clusterer",
    "Decision",
    "Features",
    "IncidentState",
    "compatibility",
    "cut_at_publication",
    "evidence_order",
    "features_of",
    "incident_id_for",
    "join_threshold",
    "update_incidents",
]

#: How far a geocoded point may lie from the true spot, by geo_precision (ACLED: 1 the
#: settlement, 2 near it / its district). A town's gazetteer point and one of its
#: districts' are a few km apart; "near X" or "X district" may be 10 km off. Two points
#: further apart than the sum of their radii cannot be one event.
RADIUS_KM: dict[int, float] = {1: 3.0, 2: 12.0}
#: Score of two points: from PLACE_NEAR at 0 km falling linearly to PLACE_FAR at the
#: limit, so a neighbouring village needs other evidence; naming the same gazetteer
#: entry adds SAME_PLACE_SCORE ("near X" and "in X" name the same entry: the resolver
#: gives "near X" X's point), two different entries both named as the place itself
#: (two villages, or a city and one of its districts) add ANOTHER_PLACE.
PLACE_NEAR = 2.5
PLACE_FAR = -1.0
SAME_PLACE_SCORE = 0.5
ANOTHER_PLACE = -0.5
#: Date ranges that do not overlap may still join when this many days apart (a report
#: dated by its publication day, the night that straddles midnight).
MAX_GAP_DAYS = 1
#: The score is a sum of rough log-likelihood ratios (same event vs another event among
#: the candidates of the block), each part named in the merge reason. A report joins
#: the best incident only with at least this score: same day, same settlement and
#: sub-type pass on their own; a neighbouring village, a vague date or a day's gap need
#: a shared weapon, clock time or figure as well.
JOIN_MIN = 2.0
#: ... plus this much per doubling-ish (natural log) of the compatible candidates around
#: it: where many incidents fit place and date (a city shelled several times a day),
#: the chance that the report tells of yet another one, not seen so far, grows with
#: them, so the best candidate needs more evidence than a lone one in a village.
#: (bench/cluster.py at 10k: 0 gave F1 0.899, 0.3 0.905, 0.5 0.905 with JOIN_MIN 1.5.)
DENSITY_WEIGHT = 0.3
#: A report that fits two incidents about equally well (within this much) joins neither:
#: which one it tells of is a coin toss, and a wrong merge costs as much as a missed one.
TIE_MARGIN = 0.3
#: Same exact day. A range covering the incident's dates scores this less
#: DATE_WIDTH_WEIGHT x ln(days of the wider range): a range of n days is about n times
#: less specific than a day (a week's range also covers the six other strikes of the
#: week), weighted half because extracted ranges are often wider than the real doubt
#: (a week for a report without a date). Two days: +0.65, a week: 0.0, a month: -0.7.
SAME_DAY_SCORE = 1.0
DATE_WIDTH_WEIGHT = 0.5
#: ... but not every day of a range is as likely: news tells recent events. Of the
#: exact-dated reports ``fogwatch extract`` reads from the Guardian dev set (40), 13 were
#: published the same day, 15 a day later, 4 two days, 2 three, 6 later. So a range of a
#: report (or of an incident, from its first publication) is weighed day by day with
#: these shares for 0-3 days before publication, RECENCY_OLDER for each older day and
#: RECENCY_AHEAD for the day after (a time zone's slack): "this week" published on
#: Friday meets Thursday's strike far more than Monday's. Without a publication day, a
#: range's days weigh the same.
RECENCY = (0.325, 0.375, 0.1, 0.05)
RECENCY_OLDER = 0.006
RECENCY_AHEAD = 0.02
#: Dates a day apart: both exact days (a town shelled daily: usually two strikes), or a
#: range next to a day (more often the same night told two ways; less the range's width).
GAP_EXACT_SCORE = -1.0
GAP_RANGE_SCORE = -0.3
#: A report published on day P tells of nothing after P: its range is cut at P plus
#: this slack (a wire story stamped in UTC before midnight in Kyiv).
PUBLISHED_SLACK_DAYS = 1
#: Sub-event types alike / different (extractors confuse a missile strike with an air
#: strike about one time in ten, so a difference is evidence, not a veto).
SUBTYPE_SCORE = 0.5
SUBTYPE_MISMATCH = -1.5
#: A shared weapon class / none shared. A penalty, not a veto, so
#: that a combined missile and drone attack told by one source as missiles and by
#: another as drones still joins on a shared clock time or toll, while the same town
#: struck the same day with other weapons and nothing else in common stays two
#: incidents. On bench/cluster.py the veto gave F1 0.891, -2.0 0.899 (but merged the
#: latter case), -2.5 0.897, -3.0 0.895. The same system by name (both "HIMARS") adds
#: WEAPON_NAME_SCORE to the class's: a class alone (MLRS) is shared by Grad, Uragan and
#: HIMARS strikes all over the front, a named system much less so. A generic word (the
#: profile's ``generic`` weapons: "missiles", "drones", "artillery") agrees with a named
#: system it can stand for (``model.class_covers``: "missiles" and an Iskander) as a
#: shared class does; beside another named system it is neither: reporters say
#: "drones" for Shaheds and "shelling" for rockets, so it does not contradict.
WEAPON_SCORE = 0.5
WEAPON_NAME_SCORE = 1.0
WEAPON_MISMATCH = -2.5
#: Both name the same attacker side (most strikes are by one side, so this says little).
SIDE_SCORE = 0.5
#: Clock times within 30 min / within an hour / within MAX_MINUTES_APART (sources time
#: the first alert, the blast, the all-clear: tens of minutes apart, rarely hours, so
#: one to two hours apart is slightly more likely two strikes); further is a veto.
CLOCK_CLOSE_SCORE = 2.0
CLOCK_SCORE = 0.5
CLOCK_FAR_SCORE = -0.5
MAX_MINUTES_APART = 120
#: The same non-zero death (or injured) toll / tolls too far apart to be one count rising
#: (apart by more than 5 and more than twice the lower: a count that rises for days
#: stays within that, so beyond it two events are far more likely).
SAME_TOLL_SCORE = 1.0
TOLL_MISMATCH = -2.0
#: ... and more for a larger shared toll, TOLL_SIZE_WEIGHT x ln(1 + n): most strikes
#: kill or wound one or two, so "both 1 killed" is common between two events and
#: "both 14 killed" is not.
TOLL_SIZE_WEIGHT = 0.5
#: The same target category / another one (sources describe one hit differently: a
#: house, civilians; so a difference weighs less than a match).
TARGET_SCORE = 0.7
TARGET_MISMATCH = -0.5
#: An oblast-only report joins only a candidate with at least this score (dates overlap).
OBLAST_MIN = 1.2
#: An oblast-only report joins one of several candidates only this far ahead of the rest.
CLEAR_MARGIN = 1.0
#: Grid cell size in degrees. The 3 x 3 cells around a report are searched, so a cell
#: must be at least the largest reach (2 x RADIUS_KM[2], 24 km) wide everywhere in the
#: area covered: 0.23° of
#: latitude is 25.6 km; 0.37° of longitude is 25 km at 52.4° N (Ukraine's north) and
#: more further south. Smaller cells would mean more lookups, larger more candidates.
CELL_LAT = 0.23
CELL_LON = 0.37
#: An incident with a long date range (a month-precision report) is indexed under at
#: most this many days of it, spread evenly, to keep the index linear in reports.
MAX_INDEXED_DAYS = 62
#: A report left alone in its incident is placed again after the batches of the next
#: REVISIT_DAYS days of publication: an early or vague telling that found nothing to
#: join may fit the incident that later, more precise tellings opened. If it joins one,
#: its own incident is dropped (the store keeps the old id as an alias of the new).
REVISIT_DAYS = 2


def incident_id_for(event_id: str) -> str:
    """A stable incident id derived from the report that started the incident."""
    return "inc_" + hashlib.sha1(event_id.encode("utf-8")).hexdigest()[:16]


@dataclass(slots=True)
class Features:
    """What clustering needs from one report, flattened for speed and for loading."""

    event_id: str
    doc_id: str
    event_type: str
    sub_event_type: str | None
    start: int  # date ordinal, inclusive
    end: int
    lat: float | None
    lon: float | None
    precision: int  # 1 settlement, 2 near it, 3 oblast only or no point
    admin1: str | None
    geonameid: int | None  # only for a settlement-precise place
    weapon_classes: frozenset[str]
    weapon_names: tuple[tuple[str, str], ...]  # (class, name as written)
    side: str | None
    minute: int | None
    fatalities: int | None
    injured: int | None = None
    target: str | None = None  # the target's category (residential, military, ...)
    published: int | None = None  # the document's publication day (ordinal)
    named_classes: frozenset[str] = frozenset()  # the classes of named (not generic) weapons

    @property
    def has_point(self) -> bool:
        return self.lat is not None and self.lon is not None and self.precision < 3


def _minute(value: str | None) -> int | None:
    if not value:
        return None
    try:
        hours, minutes = value.strip()[:5].split(":")
        return int(hours) * 60 + int(minutes)
    except ValueError:
        return None


def cut_at_publication(start: int, end: int, published: int) -> tuple[int, int]:
    """A report's date range (day ordinals) as its publication day allows it.

    Nothing is told before it happens: a range running past the publication day ("this
    week", "in March") ends there, and a day well after it is a misread weekday. The
    slack (PUBLISHED_SLACK_DAYS) allows for a publication stamped in another time zone.
    """
    end = min(end, published + PUBLISHED_SLACK_DAYS)
    return min(start, end), end


def features_of(report: Report, published: dt.date | None = None) -> Features | None:
    """Flatten a report; None when it has no date at all to block on.

    A report without a date of its own is placed on the day before its publication
    and the day itself (news tells yesterday's events), which is what a reader assumes.
    """
    if report.date_range:
        start, end = report.date_range[0].toordinal(), report.date_range[1].toordinal()
    elif report.date:
        start = end = report.date.toordinal()
    elif published:
        start, end = published.toordinal() - 1, published.toordinal()
    else:
        return None
    if published is not None:
        start, end = cut_at_publication(start, end, published.toordinal())
    place = report.location
    lat = lon = None
    precision = 3
    admin1 = None
    if place is not None:
        admin1 = place.admin1
        if place.resolved:
            lat, lon = place.lat, place.lon
            precision = place.geo_precision or 1
    classes = frozenset(
        (w.weapon_class or w.name).strip().lower() for w in report.weapons if w.name
    )
    side = report.attacker.side if report.attacker else None
    if side in ("unknown", ""):
        side = None
    return Features(
        event_id=report.event_id,
        doc_id=report.doc_id,
        event_type=report.event_type,
        sub_event_type=report.sub_event_type,
        start=min(start, end),
        end=max(start, end),
        lat=lat,
        lon=lon,
        precision=min(max(precision, 1), 3),
        admin1=admin1,
        geonameid=place.geonameid if place is not None and precision < 3 and lat is not None
        else None,
        weapon_classes=classes,
        weapon_names=tuple(
            ((w.weapon_class or w.name).strip().lower(), w.name) for w in report.weapons if w.name
        ),
        named_classes=frozenset((w.weapon_class or w.name).strip().lower()
                                for w in report.weapons if w.name and not w.generic),
        side=side,
        minute=_minute(report.time),
        fatalities=report.fatalities,
        injured=report.injured,
        target=(report.target.category or None) if report.target is not None else None,
        published=published.toordinal() if published is not None else None,
    )


@dataclass(slots=True)
class IncidentState:
    """The running summary of an incident's reports that new reports are compared with."""

    incident_id: str
    event_type: str
    sub_event_types: dict[str, int] = field(default_factory=dict)  # type -> reports
    start: int = 0
    end: int = 0
    lat: float | None = None
    lon: float | None = None
    precision: int = 3
    admin1: str | None = None
    geonameids: set[int] = field(default_factory=set)
    weapon_classes: set[str] = field(default_factory=set)
    named_classes: set[str] = field(default_factory=set)
    weapon_names: dict[str, str] = field(default_factory=dict)  # class -> a name
    weapon_named: set[str] = field(default_factory=set)  # every name told, lower case
    sides: set[str] = field(default_factory=set)
    minutes: list[int] = field(default_factory=list)
    fatalities: list[int] = field(default_factory=list)
    injured: list[int] = field(default_factory=list)
    targets: dict[str, int] = field(default_factory=dict)  # category -> reports
    published: int | None = None  # the earliest publication day of its reports
    doc_ids: set[str] = field(default_factory=set)
    members: list[str] = field(default_factory=list)

    @property
    def has_point(self) -> bool:
        return self.lat is not None and self.lon is not None and self.precision < 3

    def absorb(self, f: Features) -> None:
        """Fold a report in: narrow the dates where they agree, keep the best place."""
        if not self.members:
            self.start, self.end = f.start, f.end
        else:
            lo, hi = max(self.start, f.start), min(self.end, f.end)
            if lo <= hi:
                self.start, self.end = lo, hi
            elif f.end - f.start < self.end - self.start:
                self.start, self.end = f.start, f.end
        if f.has_point and (not self.has_point or f.precision < self.precision):
            self.lat, self.lon, self.precision = f.lat, f.lon, f.precision
        if self.admin1 is None and f.admin1:
            self.admin1 = f.admin1
        if f.geonameid is not None:
            self.geonameids.add(f.geonameid)
        if f.sub_event_type:
            self.sub_event_types[f.sub_event_type] = (
                self.sub_event_types.get(f.sub_event_type, 0) + 1)
        self.weapon_classes.update(f.weapon_classes)
        self.named_classes.update(f.named_classes)
        for cls, name in f.weapon_names:
            self.weapon_names.setdefault(cls, name)
            self.weapon_named.add(name.lower())
        if f.side:
            self.sides.add(f.side)
        if f.minute is not None:
            self.minutes.append(f.minute)
        if f.fatalities is not None:
            self.fatalities.append(f.fatalities)
        if f.injured is not None:
            self.injured.append(f.injured)
        if f.target:
            self.targets[f.target] = self.targets.get(f.target, 0) + 1
        if f.published is not None and (self.published is None or f.published < self.published):
            self.published = f.published
        self.doc_ids.add(f.doc_id)
        self.members.append(f.event_id)


def join_threshold(candidates: int) -> float:
    """The score a report's best incident needs, given how many incidents fit at all."""
    return JOIN_MIN + DENSITY_WEIGHT * math.log(max(1, candidates))


def _range_score(width: int) -> float:
    """The score of overlapping dates whose wider range spans ``width + 1`` days."""
    return SAME_DAY_SCORE - DATE_WIDTH_WEIGHT * math.log(width + 1)


def _day_weight(days_before: int) -> float:
    if days_before < 0:
        return RECENCY_AHEAD
    return RECENCY[days_before] if days_before < len(RECENCY) else RECENCY_OLDER


def overlap_score(start: int, end: int, published: int | None, lo: int, hi: int) -> float:
    """The score of a range [start, end] (day ordinals) of which [lo, hi] is shared.

    SAME_DAY_SCORE plus DATE_WIDTH_WEIGHT x ln(the share of the range's weight that
    falls on the shared days), the days weighed by how recent they are at publication
    (RECENCY); without a publication day this is ``_range_score`` of the range.
    """
    if published is None:
        return _range_score(end - start)
    total = sum(_day_weight(published - d) for d in range(start, end + 1))
    shared = sum(_day_weight(published - d) for d in range(lo, hi + 1))
    return SAME_DAY_SCORE + DATE_WIDTH_WEIGHT * math.log(shared / total)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def _clock(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def toll_agreement(value: int | None, told: Iterable[int]) -> tuple[str, int] | None:
    """How a report's toll compares with the figures an incident was told with.

    ("far", closest) beyond the margin sources differ by in practice, ("same", n) for
    one non-zero figure, ("near", closest) otherwise; None when either side says nothing.
    """
    figures = list(told)
    if value is None or not figures:
        return None
    near = min(figures, key=lambda x: abs(x - value))
    if abs(near - value) > max(5, 2 * min(near, value)):
        return "far", near
    return ("same" if near == value and near > 0 else "near"), near


def compatibility(f: Features, inc: IncidentState) -> tuple[float, list[str]] | None:
    """Score how well a report fits an incident; None when something rules it out.

    Vetoes are facts that cannot both be true of one event; everything else adds or
    takes away score. Casualty figures lower the score only when far apart: they rise
    for days after a strike, so a later, higher count is the same event more often
    than not.
    """
    if f.event_type != inc.event_type or f.doc_id in inc.doc_ids:
        return None
    # the cheap vetoes first: most candidates of a busy oblast fall here
    if f.start > inc.end + MAX_GAP_DAYS or inc.start > f.end + MAX_GAP_DAYS:
        return None
    if f.side and inc.sides and f.side not in inc.sides:
        return None
    clock_apart = None
    if f.minute is not None and inc.minutes:
        clock_apart = min(min(abs(f.minute - m), 1440 - abs(f.minute - m))
                          for m in inc.minutes)
        if clock_apart > MAX_MINUTES_APART:
            return None
    score = 0.0
    reasons: list[str] = []
    # place first (it vetoes most of what is left)
    if f.has_point and inc.has_point:
        km = haversine_km(f.lat, f.lon, inc.lat, inc.lon)  # type: ignore[arg-type]
        limit = RADIUS_KM[f.precision] + RADIUS_KM[inc.precision]
        if km > limit:
            return None
        score += PLACE_NEAR + (PLACE_FAR - PLACE_NEAR) * km / limit
        if f.geonameid is not None and f.geonameid in inc.geonameids:
            score += SAME_PLACE_SCORE
            reasons.append("same place")
        elif f.geonameid is not None and inc.geonameids:
            if f.precision == 1 and inc.precision == 1:
                score += ANOTHER_PLACE
            reasons.append(f"another settlement {km:.0f} km away")
        else:
            reasons.append(f"{km:.0f} km apart")
    else:
        if not f.admin1 or not inc.admin1 or f.admin1 != inc.admin1:
            return None
        score += 0.3
        reasons.append(f"same oblast ({f.admin1}), one of them without a precise place")
    # dates: an exact shared day counts most; a vague range that merely covers the
    # incident's day says little (a month-long range covers thirty other strikes too)
    lo, hi = max(f.start, inc.start), min(f.end, inc.end)
    width = max(f.end - f.start, inc.end - inc.start)
    if lo <= hi:
        if f.start == f.end == inc.start == inc.end:
            score += SAME_DAY_SCORE
            reasons.insert(0, "same day")
        elif f.end - f.start > inc.end - inc.start:
            score += overlap_score(f.start, f.end, f.published, lo, hi)
            reasons.insert(0, "vaguer date range covers it")
        else:
            score += overlap_score(inc.start, inc.end, inc.published, lo, hi)
            reasons.insert(0, "dates overlap")
    else:
        gap = lo - hi
        exact = f.start == f.end and inc.start == inc.end
        score += (GAP_EXACT_SCORE if exact
                  else GAP_RANGE_SCORE + _range_score(width) - SAME_DAY_SCORE)
        reasons.insert(0, f"{gap} day apart")
    # event sub-type
    # (compared with the incident's most told sub-type: one report that confused an air
    # strike with shelling must not open the incident to every air strike nearby)
    if f.sub_event_type and inc.sub_event_types:
        if inc.sub_event_types.get(f.sub_event_type, 0) == max(inc.sub_event_types.values()):
            score += SUBTYPE_SCORE
        else:
            score += SUBTYPE_MISMATCH
            reasons.append("sub-event types differ")
    # weapons
    if f.weapon_classes and inc.weapon_classes:
        shared = f.weapon_classes & inc.weapon_classes
        # (a class told only by a generic word, a named system's class), either way round
        loose = [*product(f.weapon_classes - f.named_classes, inc.named_classes),
                 *product(inc.weapon_classes - inc.named_classes, f.named_classes)]
        covered = sorted((g, n) for g, n in loose if class_covers(g, n))
        if not shared and covered:
            score += WEAPON_SCORE
            told = {**inc.weapon_names, **dict(f.weapon_names)}
            reasons.append(f"{told.get(covered[0][0])} and {told.get(covered[0][1])}")
        elif not shared and loose:
            reasons.append("a generic weapon beside a named one")
        elif not shared:
            score += WEAPON_MISMATCH
            reasons.append("different weapons named")
        else:
            score += WEAPON_SCORE
            if {n.lower() for _, n in f.weapon_names} & inc.weapon_named:
                score += WEAPON_NAME_SCORE
            names = ", ".join(sorted(inc.weapon_names.get(c, c) for c in shared))
            reasons.append(f"both {names}")
    # attacker side
    if f.side and inc.sides:
        score += SIDE_SCORE
        reasons.append(f"both {f.side} attacker")
    # time of day
    if clock_apart is not None:
        score += (CLOCK_CLOSE_SCORE if clock_apart <= 30 else CLOCK_SCORE if clock_apart <= 60
                  else CLOCK_FAR_SCORE)
        reasons.append(f"both at {_clock(f.minute)}" if clock_apart == 0  # type: ignore[arg-type]
                       else f"times {clock_apart} min apart")
    # casualties
    for value, told, what in ((f.fatalities, inc.fatalities, "killed"),
                              (f.injured, inc.injured, "injured")):
        agreement = toll_agreement(value, told)
        if agreement is None:
            continue
        kind, near = agreement
        if kind == "far":
            score += TOLL_MISMATCH
            reasons.append(f"{what} figures differ ({value} vs {near})")
        elif kind == "same":
            score += SAME_TOLL_SCORE + TOLL_SIZE_WEIGHT * math.log(1 + near)
            reasons.append(f"both {near} {what}")
    # what was hit, compared with the incident's most told category
    if f.target and inc.targets:
        if inc.targets.get(f.target, 0) == max(inc.targets.values()):
            score += TARGET_SCORE
            reasons.append(f"both hit {f.target} targets")
        else:
            score += TARGET_MISMATCH
            reasons.append("targets differ")
    return score, reasons


@dataclass(frozen=True, slots=True)
class Decision:
    """Where one report went and why (``reason`` is empty for a new incident's first)."""

    event_id: str
    incident_id: str
    created: bool
    reason: str


def _clear_winner(fits: list[tuple[float, str, list[str]]]
                  ) -> tuple[float, str, list[str]] | None:
    """The candidate an imprecise report may join: the only one, or one far ahead.

    Without a point, place cannot tell the candidates of an oblast apart, so a report
    joins only when nothing else competes: a single compatible incident, or one whose
    score beats every other by ``CLEAR_MARGIN`` (a shared weapon and clock time, say).
    """
    if not fits:
        return None
    ranked = sorted((x for x in fits if x[0] >= OBLAST_MIN), key=lambda x: -x[0])
    if not ranked:
        return None
    if len(ranked) == 1:
        return (ranked[0][0], ranked[0][1], [*ranked[0][2], "the only candidate in that oblast"])
    if ranked[0][0] - ranked[1][0] >= CLEAR_MARGIN:
        return (ranked[0][0], ranked[0][1],
                [*ranked[0][2], f"clearly the best of {len(ranked)} candidates in that oblast"])
    return None


def evidence_order(f: Features) -> tuple[int, int, int, str]:
    """Sort key for a batch: precise reports first, so vague ones meet every candidate.

    Assignment is greedy; a vague report (a week-long range, a place "near" a town)
    placed before the precise reports of its batch would join whatever happened to be
    there, or start an incident that the precise telling then cannot see as the same.
    Ties fall back to the event id, so the order (and every incident id) is the same on
    every run of the same batch.
    """
    return (f.precision, min(f.end - f.start, 2), 0 if f.weapon_classes else 1, f.event_id)


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return (math.floor(lat / CELL_LAT), math.floor(lon / CELL_LON))


def _days(start: int, end: int) -> range | list[int]:
    if end - start < MAX_INDEXED_DAYS:
        return range(start, end + 1)
    step = (end - start) / (MAX_INDEXED_DAYS - 1)
    return sorted({start + round(i * step) for i in range(MAX_INDEXED_DAYS)})


class Clusterer:
    """Assigns reports to incidents one at a time, with blocking indexes.

    Seed it with the incidents that could be affected (``seed``), then place each batch
    of reports (``add_all`` with the batch's day, or ``take_lone`` then ``add``).
    ``incidents`` holds every state, ``touched`` the ids changed, ``dropped`` the
    incidents whose only report was taken out, ``moved`` where those reports went.
    """

    def __init__(self) -> None:
        self.incidents: dict[str, IncidentState] = {}
        self.touched: set[str] = set()
        self.event_incident: dict[str, str] = {}
        self._by_cell: dict[tuple[int, int, int], list[str]] = {}
        self._by_admin: dict[tuple[str, int], list[str]] = {}
        self._imprecise: dict[tuple[str, int], list[str]] = {}  # incidents with no point
        #: publication day -> the reports that opened an incident, for ``take_lone``
        self._opened_on: dict[int, dict[str, Features]] = {}
        self.dropped: set[str] = set()
        self.moved: dict[str, str] = {}  # dropped incident -> the incident its report joined
        #: Compatibility checks made so far: the cost per report, whatever the machine load.
        self.checks = 0

    # -- index -------------------------------------------------------------------
    def _index(self, inc: IncidentState) -> None:
        days = _days(inc.start - MAX_GAP_DAYS, inc.end + MAX_GAP_DAYS)
        if inc.has_point:
            cy, cx = _cell(inc.lat, inc.lon)  # type: ignore[arg-type]
            for d in days:
                bucket = self._by_cell.setdefault((cy, cx, d), [])
                if not bucket or bucket[-1] != inc.incident_id:
                    bucket.append(inc.incident_id)
        if inc.admin1:
            for d in days:
                bucket = self._by_admin.setdefault((inc.admin1, d), [])
                if not bucket or bucket[-1] != inc.incident_id:
                    bucket.append(inc.incident_id)
                if not inc.has_point:
                    bucket = self._imprecise.setdefault((inc.admin1, d), [])
                    if not bucket or bucket[-1] != inc.incident_id:
                        bucket.append(inc.incident_id)

    def _near(self, f: Features) -> set[str]:
        found: set[str] = set()
        cy, cx = _cell(f.lat, f.lon)  # type: ignore[arg-type]
        for d in _days(f.start, f.end):
            for dy in (-1, 0, 1):
                for dx in (-1, 0, 1):
                    ids = self._by_cell.get((cy + dy, cx + dx, d))
                    if ids:
                        found.update(ids)
        return found

    def _imprecise_in_admin(self, f: Features) -> set[str]:
        """The incidents without a point in the report's oblast and days."""
        found: set[str] = set()
        if f.admin1:
            for d in _days(f.start, f.end):
                for iid in self._imprecise.get((f.admin1, d), ()):
                    if iid in self.incidents and not self.incidents[iid].has_point:
                        found.add(iid)
        return found

    def _in_admin(self, f: Features) -> set[str]:
        found: set[str] = set()
        if f.admin1:
            for d in _days(f.start, f.end):
                ids = self._by_admin.get((f.admin1, d))
                if ids:
                    found.update(ids)
        return found

    # -- public ------------------------------------------------------------------
    def seed(self, incident_id: str, members: Iterable[Features]) -> IncidentState | None:
        """Rebuild a stored incident's state from its reports (in their stored order)."""
        inc: IncidentState | None = None
        for f in members:
            if inc is None:
                inc = IncidentState(incident_id=incident_id, event_type=f.event_type)
            inc.absorb(f)
            self.event_incident[f.event_id] = incident_id
        if inc is not None:
            self.incidents[incident_id] = inc
            self._index(inc)
            if len(inc.members) == 1 and f.published is not None:  # f: its only report
                self._opened_on.setdefault(f.published, {})[f.event_id] = f
        return inc

    def add(self, f: Features, copy_of: Sequence[str] = ()) -> Decision:
        """Place one report; ``copy_of`` lists the event ids of the document it copies.

        A syndicated copy joins the incident of the original report it matches best,
        so the copy never starts a rival incident for the same wire story.
        """
        if f.event_id in self.event_incident:
            return Decision(f.event_id, self.event_incident[f.event_id], False, "already")
        best: tuple[float, str, list[str]] | None = None
        if copy_of:
            for eid in copy_of:
                iid = self.event_incident.get(eid)
                if iid is None:
                    continue
                got = compatibility(f, self.incidents[iid])
                if got is not None and (best is None or got[0] > best[0]):
                    best = (got[0], iid, ["syndicated copy of " + eid, *got[1]])
            if best is not None:
                return self._join(f, best[1], best[2])
        if f.has_point:
            best = self._best(f, self._near(f), need_point=True)
            if best is not None:
                return self._join(f, best[1], best[2])
            # No precise incident fits: an oblast-only one may, if nothing else in the
            # oblast competes for it. Seen at oblast level (the point set aside), every
            # incident of the oblast and window competes, as for an oblast-only report.
            imprecise = self._imprecise_in_admin(f)
            blurred = copy.copy(f)
            blurred.lat = blurred.lon = blurred.geonameid = None
            blurred.precision = 3
            if any(x[0] >= OBLAST_MIN for x in self._fitting(blurred, imprecise)):
                winner = _clear_winner(self._fitting(blurred, self._in_admin(f)))
                if winner is not None and not self.incidents[winner[1]].has_point:
                    return self._join(f, winner[1], winner[2])
        elif f.admin1:
            winner = _clear_winner(self._fitting(f, self._in_admin(f)))
            if winner is not None:
                return self._join(f, winner[1], winner[2])
        return self.start(f)

    def _fitting(self, f: Features, ids: Iterable[str], keep_all: bool = False
                 ) -> list[tuple[float, str, list[str]]]:
        out = []
        # sorted: a set of strings iterates in a per-process order, and ties between
        # equal scores must be broken the same way on every run
        ids = sorted(i for i in ids if i in self.incidents)  # not the dropped ones
        self.checks += len(ids)
        for iid in ids:
            got = compatibility(f, self.incidents[iid])
            if got is not None and (keep_all or got[0] > 0):
                out.append((got[0], iid, got[1]))
        return out

    def _best(self, f: Features, ids: Iterable[str], *, need_point: bool
              ) -> tuple[float, str, list[str]] | None:
        best = None
        fits = self._fitting(f, ids, keep_all=True)
        need = join_threshold(len(fits))
        runner_up = -math.inf
        for score, iid, reasons in fits:
            if need_point and not self.incidents[iid].has_point:
                continue
            if best is None or score > best[0]:
                if best is not None:
                    runner_up = best[0]
                best = (score, iid, reasons)
            else:
                runner_up = max(runner_up, score)
        if best is None or best[0] < need or best[0] - runner_up < TIE_MARGIN:
            return None
        return best

    def _join(self, f: Features, iid: str, reasons: list[str]) -> Decision:
        inc = self.incidents[iid]
        before = (inc.start, inc.end, inc.lat, inc.lon, inc.admin1)
        inc.absorb(f)
        if (inc.start, inc.end, inc.lat, inc.lon, inc.admin1) != before:
            self._index(inc)
        self.event_incident[f.event_id] = iid
        self.touched.add(iid)
        own = incident_id_for(f.event_id)
        if own in self.dropped:  # a lone report placed again (take_lone) went elsewhere
            self.moved[own] = iid
            reasons = [f"placed again after later reports (was {own})", *reasons]
        return Decision(f.event_id, iid, False, ", ".join(reasons))

    def start(self, f: Features) -> Decision:
        """Open a new incident with this report as its first."""
        iid = incident_id_for(f.event_id)
        inc = IncidentState(incident_id=iid, event_type=f.event_type)
        inc.absorb(f)
        self.incidents[iid] = inc
        self._index(inc)
        self.event_incident[f.event_id] = iid
        self.touched.add(iid)
        self.dropped.discard(iid)
        if f.published is not None:
            self._opened_on.setdefault(f.published, {})[f.event_id] = f
        return Decision(f.event_id, iid, True, "first report")

    def take_lone(self, today: int) -> list[Features]:
        """Take out the lone reports published in the REVISIT_DAYS before ``today``.

        A report alone in its incident may fit an incident that later, more precise
        tellings opened; ``add_all`` places these again with the new batch (most precise
        first). Alone again, a report reopens the same incident id; one that joins another
        incident leaves its own in ``dropped`` (and ``moved``). Older days are forgotten,
        so memory stays bounded by a few days of reports.
        """
        lone = []
        for day in sorted(self._opened_on):
            if day < today - REVISIT_DAYS:
                del self._opened_on[day]
            elif day < today:
                for eid, f in sorted(self._opened_on[day].items()):
                    iid = self.event_incident.get(eid)
                    if iid is not None and self.incidents[iid].members == [eid]:
                        del self.incidents[iid]
                        del self.event_incident[eid]
                        self.dropped.add(iid)
                        lone.append(f)
        return lone

    def add_all(self, items: Iterable[Features], today: int | None = None) -> list[Decision]:
        """Place one batch of reports, most precise first (see ``evidence_order``).

        With ``today`` (the batch's publication day), the lone reports of the days before
        are placed again with it (``take_lone``).
        """
        again = self.take_lone(today) if today is not None else []
        return [self.add(f) for f in sorted([*items, *again], key=evidence_order)]


def update_incidents(conn: Connection, reports: Sequence[Report],
                     documents: Sequence[Document]) -> list[Decision]:
    """The ingest hook: cluster one stored batch inside the caller's transaction.

    Marks syndicated copies among the batch's documents, loads the incidents the
    batch could join, assigns its reports, reconciles every touched incident and writes
    incidents, links with their merge reasons and status history.
    """
    from .store.incidents import apply_batch

    return apply_batch(conn, reports, documents)


