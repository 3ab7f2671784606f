"""Score extracted reports against a gold set, as SCHEMA.md "Gold sets" defines it.

Analysts judge fogwatch on two questions: did it find the incidents (event precision,
recall, F1), and are the fields of the ones it found right (share right per field,
with how many were scored). Both are computed here from plain records so the scorer
can be tested on hand-made gold and predictions without running the pipeline.

Matching is greedy, best pairs first: every candidate pair (event type among the
gold's, date ranges overlapping or either missing) gets a lexicographic score (place
right, sub-event type right, date right); pairs are taken in descending order while
both sides are free. Greedy rather than Hungarian because the score is lexicographic
(an assignment maximising a sum would trade one right place for two right dates) and a
document has a handful of events, where the two rarely differ.

Optional gold events do not count: a report matching one is not a false positive and
is not a true positive either, and an optional event left unmatched is no miss.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import InputError
from .model import Document, Place, Report, Stance

if TYPE_CHECKING:
    from rich.console import Console

    from .pipeline import Pipeline

__all__ = [
    "FIELDS",
    "Evaluation",
    "GoldDocument",
    "GoldEvent",
    "evaluate",
    "load_gold",
    "print_evaluation",
    "score",
]

#: Fields scored on matched pairs, in the order they are shown.
FIELDS: tuple[str, ...] = (
    "sub_event_type", "date", "location", "attacker_side", "weapons", "fatalities",
    "injured", "claimant_sides", "disputed",
)  # fmt: skip

#: Tolerance for a gold place with coordinates but no tolerance_km.
DEFAULT_TOLERANCE_KM = 10.0


@dataclass(frozen=True)
class GoldEvent:
    """One gold event: what counts as right for each field (the JSON object as read)."""

    gold_id: str
    data: dict[str, Any]

    @property
    def optional(self) -> bool:
        return bool(self.data.get("optional"))

    @property
    def event_types(self) -> list[str]:
        return list(self.data.get("event_type") or [])

    @property
    def date_range(self) -> tuple[dt.date, dt.date] | None:
        value = self.data.get("date")
        if not value:
            return None
        if isinstance(value, str):
            value = [value, value]
        # A range with one end null ("2022-04-01", null) is open on that side.
        low, high = value[0], value[-1]
        if not low and not high:
            return None
        return (dt.date.fromisoformat(low[:10]) if low else dt.date.min,
                dt.date.fromisoformat(high[:10]) if high else dt.date.max)


@dataclass(frozen=True)
class GoldDocument:
    """A gold line: the document to run and the events it tells of."""

    doc_id: str
    text: str
    published: str | None
    language: str | None
    events: tuple[GoldEvent, ...]
    line: int = 0
    source: str | None = None

    def document(self) -> Document:
        # The source is input metadata like the date: a headline that names no claimant
        # is claimed by its outlet, so dropping it would score a different input.
        return Document(id=self.doc_id, text=self.text, published=self.published,
                        language=self.language, source=self.source, origin="gold")


@dataclass
class Pairing:
    """How one gold event fared: its report, or why it has none."""

    doc_id: str
    gold_id: str
    optional: bool
    event_id: str | None = None
    reason: str = ""
    fields: dict[str, bool] = field(default_factory=dict)
    wrong: dict[str, str] = field(default_factory=dict)
    summary: str = ""


@dataclass
class Evaluation:
    """Event detection and per-field scores over a gold set."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    scored: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    pairings: list[Pairing] = field(default_factory=list)
    false_positives: list[dict[str, Any]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    documents: int = 0
    matching: str = "greedy"

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def share(self, name: str) -> float | None:
        n = self.scored[name]
        return self.right[name] / n if n else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "events": {"precision": self.precision, "recall": self.recall, "f1": self.f1,
                       "tp": self.tp, "fp": self.fp, "fn": self.fn},
            "fields": {name: {"right": self.right[name], "n": self.scored[name],
                              "share": self.share(name)} for name in FIELDS},
            "matching": self.matching,
            "gold": [p.__dict__ for p in self.pairings],
            "false_positives": self.false_positives,
            "errors": self.errors,
        }


# -- loading -------------------------------------------------------------------------


def load_gold(path: str | Path) -> list[GoldDocument]:
    """Read a gold JSONL file; texts given by ``path`` are relative to the file's folder."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise InputError(str(path), f"cannot read gold file: {error.strerror}",
                         hint="give the path of a gold JSONL file") from error
    found: list[GoldDocument] = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(where, f"not JSON: {error.msg}",
                             hint="one JSON object a line") from None
        found.append(_gold_document(record, path.parent, where, number))
    return found


def _gold_document(record: dict[str, Any], folder: Path, where: str, line: int) -> GoldDocument:
    text = record.get("text")
    if text is None:
        if not record.get("path"):
            raise InputError(where, "gold line has neither 'text' nor 'path'",
                             hint="add the text inline or a path relative to the gold file")
        # SCHEMA.md: relative to the gold file's folder. The shared seeds give paths
        # relative to the folder above it (gold/ beside corpus/), so parents are tried too.
        candidates = [folder / record["path"], *(p / record["path"] for p in folder.parents[:2])]
        target = next((c for c in candidates if c.is_file()), candidates[0])
        try:
            text = target.read_text(encoding="utf-8")
        except OSError as error:
            raise InputError(where, f"cannot read {record['path']}: {error.strerror}",
                             hint="paths are relative to the gold file's folder") from error
    doc_id = str(record.get("doc_id") or record.get("id") or f"line{line}")
    events = []
    for i, event in enumerate(record.get("events") or []):
        if not event.get("event_type"):
            raise InputError(where, f"gold event {i} has no event_type list",
                             hint="event_type is a list of ACLED event types")
        events.append(GoldEvent(str(event.get("gold_id") or f"{doc_id}-{i}"), event))
    return GoldDocument(doc_id, text, record.get("published"), record.get("language"),
                        tuple(events), line, record.get("source"))


# -- field rules ---------------------------------------------------------------------


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, a)))


_REGION_WORDS = re.compile(
    r"\b(?:oblast|oblasti|region|province|people'?s|republic|raion|district|city|of|the)\b"
)
_REGION_ALIASES = {"lnr": "luhansk", "lpr": "luhansk", "dnr": "donetsk", "dpr": "donetsk"}


def _region_key(name: str) -> str:
    """A region name folded so "Luhansk", "Luhansk Oblast" and "Luhanska" compare equal."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = text.replace("’", "'")
    text = _REGION_WORDS.sub(" ", text)
    text = re.sub(r"[^a-z ]", "", text).strip()
    text = _REGION_ALIASES.get(text, text)
    text = text.replace("g", "h")  # Russian "Lugansk" for Ukrainian "Luhansk"
    return re.sub(r"(?:ska|skaya|skyi|skiy|ka|s)$", "", text.replace(" ", ""))


def same_region(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    ka, kb = _region_key(a), _region_key(b)
    if not ka or not kb:
        return False
    shorter, longer = sorted((ka, kb), key=len)
    return longer.startswith(shorter) and len(shorter) >= 4


def place_right(gold: Mapping[str, Any] | None, report: Report) -> bool:
    """SCHEMA.md: within tolerance_km; else the same admin1; gold null: any place."""
    if gold is None:
        return True
    place = report.location
    if place is None:
        return False
    if gold.get("lat") is not None and gold.get("lon") is not None:
        if place.lat is None or place.lon is None:
            return False
        tolerance = gold.get("tolerance_km") or DEFAULT_TOLERANCE_KM
        return haversine_km(gold["lat"], gold["lon"], place.lat, place.lon) <= tolerance
    if gold.get("admin1"):
        return same_region(gold["admin1"], place.admin1)
    country = _country_code(gold.get("name"))
    if country:  # the gold says only "Ukraine": any place in it is right
        return place.country in (None, country)
    return same_region(gold.get("name"), place.name or place.mention)


def _country_code(name: str | None) -> str | None:
    if not name:
        return None
    import pycountry

    try:
        return str(pycountry.countries.lookup(name).alpha_2)
    except LookupError:
        return None


def _date_right(gold: GoldEvent, report: Report) -> bool | None:
    wanted = gold.date_range
    if wanted is None:
        return None
    return report.date is not None and wanted[0] <= report.date <= wanted[1]


def _weapons_right(gold: Sequence[str], report: Report) -> bool:
    wanted = [g.lower().strip() for g in gold if g]
    for weapon in report.weapons:
        for said in (weapon.name, weapon.weapon_class):
            said = (said or "").lower().strip()
            if said and any(said == g or said in g or g in said for g in wanted):
                return True
    return False


def field_results(gold: GoldEvent, report: Report) -> dict[str, bool]:
    """Right or wrong for each field the gold event scores (absent: not scored)."""
    d = gold.data
    results: dict[str, bool] = {}
    if d.get("sub_event_type"):
        results["sub_event_type"] = report.sub_event_type in d["sub_event_type"]
    date_ok = _date_right(gold, report)
    if date_ok is not None:
        results["date"] = date_ok
    results["location"] = place_right(d.get("location"), report)
    if d.get("attacker_side") is not None:
        side = report.attacker.side if report.attacker else "unknown"
        results["attacker_side"] = side == d["attacker_side"]
    if d.get("weapons"):
        results["weapons"] = _weapons_right(d["weapons"], report)
    for name in ("fatalities", "injured"):
        if d.get(name) is not None:
            results[name] = getattr(report, name) == d[name]
    if d.get("claimants"):
        wanted = {c.get("side") or "unknown" for c in d["claimants"]}
        said = {c.side for c in report.claims if c.stance == Stance.ASSERTS}
        results["claimant_sides"] = said == wanted
    if "disputed" in d and d["disputed"] is not None:
        results["disputed"] = bool(report.disputed) == bool(d["disputed"])
    return results


def _place_text(place: Place | None) -> str:
    if place is None:
        return "no place"
    where = f" ({place.lat:.4f}, {place.lon:.4f})" if place.resolved else ""
    return f"{place.name or place.mention}, admin1 {place.admin1}{where}"


def wrong_details(gold: GoldEvent, report: Report, results: Mapping[str, bool]) -> dict[str, str]:
    """For each wrong field, what was predicted and what the gold wants (for --verbose)."""
    d = gold.data
    got: dict[str, Any] = {
        "sub_event_type": (report.sub_event_type, d.get("sub_event_type")),
        "date": (report.date, d.get("date")),
        "location": (_place_text(report.location), d.get("location")),
        "attacker_side": (report.attacker.side if report.attacker else None,
                          d.get("attacker_side")),
        "weapons": ([w.name for w in report.weapons], d.get("weapons")),
        "fatalities": (report.fatalities, d.get("fatalities")),
        "injured": (report.injured, d.get("injured")),
        "claimant_sides": (sorted({c.side for c in report.claims if c.stance == Stance.ASSERTS}),
                           sorted({c.get("side") or "unknown" for c in d.get("claimants") or []})),
        "disputed": (report.disputed, d.get("disputed")),
    }
    return {name: f"got {got[name][0]}, want {got[name][1]}"
            for name, ok in results.items() if not ok}


# -- matching ------------------------------------------------------------------------


def _overlaps(a: tuple[dt.date, dt.date] | None, b: tuple[dt.date, dt.date] | None) -> bool:
    return a is None or b is None or (a[0] <= b[1] and b[0] <= a[1])


def _report_range(report: Report) -> tuple[dt.date, dt.date] | None:
    if report.date_range:
        return report.date_range
    return (report.date, report.date) if report.date else None


def is_candidate(gold: GoldEvent, report: Report) -> bool:
    return report.event_type in gold.event_types and _overlaps(
        gold.date_range, _report_range(report)
    )


def _pair_score(gold: GoldEvent, report: Report) -> tuple[bool, bool, bool]:
    subs = gold.data.get("sub_event_type") or []
    return (
        place_right(gold.data.get("location"), report),
        not subs or report.sub_event_type in subs,
        bool(_date_right(gold, report) in (True, None)),
    )


def match(
    golds: Sequence[GoldEvent], reports: Sequence[Report]
) -> list[tuple[int, int]]:
    """Greedy best-first pairs (gold index, report index), at most one each."""
    pairs = [
        (_pair_score(g, r), -gi, -ri, gi, ri)
        for gi, g in enumerate(golds)
        for ri, r in enumerate(reports)
        if is_candidate(g, r)
    ]
    pairs.sort(reverse=True)
    used_gold: set[int] = set()
    used_report: set[int] = set()
    chosen: list[tuple[int, int]] = []
    for *_, gi, ri in pairs:
        if gi not in used_gold and ri not in used_report:
            used_gold.add(gi)
            used_report.add(ri)
            chosen.append((gi, ri))
    return chosen


def _range_text(value: tuple[dt.date, dt.date] | None) -> str:
    if value is None:
        return "no date"
    low, high = (d.isoformat() if d not in (dt.date.min, dt.date.max) else "…" for d in value)
    return low if low == high else f"{low}..{high}"


def _why_unmatched(gold: GoldEvent, reports: Sequence[Report]) -> str:
    typed = [r for r in reports if r.event_type in gold.event_types]
    if not reports:
        return "no reports extracted from this document"
    if not typed:
        kinds = sorted({r.event_type for r in reports})
        return f"no report of type {gold.event_types} (reports: {kinds})"
    if not any(is_candidate(gold, r) for r in typed):
        dates = sorted({_range_text(_report_range(r)) for r in typed})
        return (f"dates do not overlap the gold range {_range_text(gold.date_range)}"
                f" (reports: {', '.join(dates)})")
    return "its candidate reports matched other gold events better"


def score(
    gold: Iterable[GoldDocument], predictions: Mapping[str, Sequence[Report]],
    errors: Mapping[str, str] | None = None,
) -> Evaluation:
    """Score predicted reports (by document id) against gold documents."""
    result = Evaluation()
    for doc in gold:
        result.documents += 1
        if errors and doc.doc_id in errors:
            result.errors.append(errors[doc.doc_id])
        reports = list(predictions.get(doc.doc_id, ()))
        required = [g for g in doc.events if not g.optional]
        optional = [g for g in doc.events if g.optional]
        pairs = dict(match(required, reports))
        for gi, g in enumerate(required):
            pairing = Pairing(doc.doc_id, g.gold_id, False)
            if gi in pairs:
                report = reports[pairs[gi]]
                result.tp += 1
                pairing.event_id, pairing.summary = report.event_id, report.summary
                pairing.fields = field_results(g, report)
                pairing.wrong = wrong_details(g, report, pairing.fields)
                for name, ok in pairing.fields.items():
                    result.scored[name] += 1
                    result.right[name] += int(ok)
            else:
                result.fn += 1
                pairing.reason = _why_unmatched(g, reports)
            result.pairings.append(pairing)
        taken = set(pairs.values())
        rest = [(ri, r) for ri, r in enumerate(reports) if ri not in taken]
        absorbed = dict(match(optional, [r for _, r in rest]))
        for gi, g in enumerate(optional):
            pairing = Pairing(doc.doc_id, g.gold_id, True, reason="optional; not scored")
            if gi in absorbed:
                pairing.event_id = rest[absorbed[gi]][1].event_id
            result.pairings.append(pairing)
        for _, r in rest:
            if any(is_candidate(g, r) for g in optional):
                continue
            result.fp += 1
            result.false_positives.append({
                "doc_id": doc.doc_id, "event_id": r.event_id, "event_type": r.event_type,
                "sub_event_type": r.sub_event_type,
                "date": r.date.isoformat() if r.date else None,
                "place": (r.location.name or r.location.mention) if r.location else None,
                "summary": r.summary,
            })
    return result


def evaluate(path: str | Path, pipeline: Pipeline | None = None,
             n_process: int = 1) -> Evaluation:
    """Run the pipeline over a gold file's documents and score what it extracts."""
    gold = load_gold(path)
    if pipeline is None:
        from .pipeline import DEFAULT_STAGES, Pipeline

        pipeline = Pipeline(DEFAULT_STAGES)
    predictions: dict[str, tuple[Report, ...]] = {}
    errors: dict[str, str] = {}
    for doc, analysis in zip(gold, _run(pipeline, gold, n_process), strict=True):
        predictions[doc.doc_id] = analysis.reports
        if analysis.error:
            errors[doc.doc_id] = analysis.error
    return score(gold, predictions, errors)


def _run(pipeline: Pipeline, gold: list[GoldDocument], n_process: int) -> Iterator[Any]:
    return pipeline.pipe((g.document() for g in gold), n_process=n_process)


# -- output --------------------------------------------------------------------------


def print_evaluation(result: Evaluation, console: Console, *, verbose: bool = False) -> None:
    """The scores as Rich tables; with ``verbose`` every gold event and false positive."""
    from rich.markup import escape as e
    from rich.table import Table

    events = Table(title=f"events ({result.documents} documents, {result.matching} matching)",
                   title_justify="left")
    for name in ("precision", "recall", "F1", "TP", "FP", "FN"):
        events.add_column(name, justify="right")
    events.add_row(f"{result.precision:.3f}", f"{result.recall:.3f}", f"{result.f1:.3f}",
                   str(result.tp), str(result.fp), str(result.fn))
    console.print(events)
    fields = Table(title="fields on matched pairs", title_justify="left")
    fields.add_column("field")
    fields.add_column("share right", justify="right")
    fields.add_column("right", justify="right")
    fields.add_column("n", justify="right")
    for name in FIELDS:
        share = result.share(name)
        fields.add_row(name, "-" if share is None else f"{share:.3f}",
                       str(result.right[name]), str(result.scored[name]))
    console.print(fields)
    for line in result.errors:
        console.print(f"error: {line}", markup=False, soft_wrap=True)
    if not verbose:
        return
    for p in result.pairings:
        if p.event_id and not p.optional:
            wrong = [k for k, ok in p.fields.items() if not ok]
            console.print(f"[green]matched[/] {e(p.gold_id)} -> {e(p.event_id)}"
                          f" wrong: {', '.join(wrong) or 'none'}", soft_wrap=True)
            if p.summary:
                console.print(f"    {p.summary}", markup=False, soft_wrap=True)
            for name, detail in p.wrong.items():
                console.print(f"    {name}: {detail}", markup=False, soft_wrap=True)
        elif p.optional:
            console.print(f"[dim]optional[/] {e(p.gold_id)} -> {e(p.event_id or '(none)')}",
                          soft_wrap=True)
        else:
            console.print(f"[red]missed[/] {e(p.gold_id)}: {e(p.reason)}", soft_wrap=True)
    for fp in result.false_positives:
        detail = f"{fp['event_id']} ({fp['event_type']}, {fp['date']}, {fp['place']})"
        console.print(f"[yellow]false positive[/] {e(detail)}: {e(fp['summary'])}",
                      soft_wrap=True)
