"""Records for the outside world: the SCHEMA.md extract line, ACLED-style CSV, GeoJSON.

Pure functions over model records and plain dicts, so the CLI, the web app and
Spark jobs produce byte-identical output. ACLED's column names are kept so a file
drops into an analyst's existing ACLED workflow; fogwatch's extras (status, claims)
come after them. Numbers the text did not give stay empty: ACLED writes 0 for an
unknown fatality count, fogwatch never invents one.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterable, Mapping
from functools import cache
from typing import IO, Any

from .model import Document, Incident, Report
from .pipeline import Analysis

__all__ = [
    "ACLED_COLUMNS",
    "EXPORT_FORMATS",
    "acled_row",
    "document_record",
    "incident_records",
    "to_acled_csv",
    "to_geojson",
    "write_incidents",
    "write_jsonl",
]

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type",
    "event_type", "sub_event_type", "actor1", "actor2", "location", "latitude",
    "longitude", "geo_precision", "admin1", "admin2", "country", "source", "notes",
    "fatalities",
    # fogwatch extras
    "status", "claims", "injured", "fatalities_low", "fatalities_high", "reports",
    "documents",
)

# ACLED's disorder types, by event type (ACLED codebook 2023).
_DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Riots": "Political violence",
    "Protests": "Demonstrations",
    "Strategic developments": "Strategic developments",
}


def document_record(analysis: Analysis) -> dict[str, Any]:
    """One line of ``fogwatch extract --format jsonl`` (SCHEMA.md), for one document."""
    document: Document = analysis.document
    flags = document.flags.to_dict()
    record: dict[str, Any] = {
        "doc_id": document.id,
        "published": document.published,
        "languages": document.languages,
        # SCHEMA.md's two flags, then what else cleaning and scoping found: a live
        # blog's entries, the genre and why nothing was read, reports left out.
        "flags": {key: flags[key] for key in ("boilerplate", "mixed_language", "entries",
                                             "genre", "skip_extraction", "notes")},
        "events": [_report_record(r) for r in analysis.reports],
        "source": document.source,
        "url": document.url,
        "title": document.title,
        "content_hash": document.content_hash,
    }
    if analysis.error:
        record["error"] = analysis.error
    return record


def _report_record(report: Report) -> dict[str, Any]:
    d = report.to_dict()
    # The extract line is per document already; doc_id inside each event is noise.
    d.pop("doc_id", None)
    return d


def incident_records(incidents: Iterable[Incident | Mapping[str, Any]]) -> list[dict[str, Any]]:
    """SCHEMA.md incident lines, from ``Incident`` objects or dicts already in that shape."""
    return [i.to_dict() if isinstance(i, Incident) else dict(i) for i in incidents]


def _as_dict(record: Incident | Report | Mapping[str, Any]) -> dict[str, Any]:
    if isinstance(record, Incident | Report):
        return record.to_dict()
    return dict(record)


def _best(value: Any) -> Any:
    return value.get("best") if isinstance(value, Mapping) else value


def _time_precision(date_range: list[str] | None, given: Any) -> Any:
    if given is not None:
        return given
    if not date_range or None in date_range:
        return None
    days = (dt.date.fromisoformat(date_range[1]) - dt.date.fromisoformat(date_range[0])).days
    return 1 if days == 0 else 2 if days <= 7 else 3


@cache
def _country_name(code: str) -> str:
    import pycountry  # only exports need it

    country = pycountry.countries.get(alpha_2=code.upper()) if len(code) == 2 else None
    return country.name if country else code


def _claims_text(claims: Iterable[Mapping[str, Any]]) -> str:
    return "; ".join(
        f"{c.get('claimant')} ({c.get('side') or 'unknown'}, {c.get('stance') or 'asserts'})"
        for c in claims
    )


def acled_row(
    record: Incident | Report | Mapping[str, Any],
    sources: Mapping[str, str | None] | None = None,
) -> dict[str, Any]:
    """One ACLED-style row for an incident (or a single report); ``sources``: doc_id -> outlet."""
    d = _as_dict(record)
    place = d.get("location") or {}
    date_range = d.get("date_range")
    event_date = d.get("date") or (date_range[0] if date_range else None)
    documents = list(d.get("documents") or ([d["doc_id"]] if d.get("doc_id") else []))
    outlets = sorted({s for s in ((sources or {}).get(doc) for doc in documents) if s})
    fatalities, injured = d.get("fatalities"), d.get("injured")
    country = place.get("country")
    return {
        "event_id_cnty": d.get("incident_id") or d.get("event_id"),
        "event_date": event_date,
        "year": event_date[:4] if event_date else None,
        "time_precision": _time_precision(date_range, d.get("time_precision")),
        "disorder_type": _DISORDER.get(d.get("event_type") or ""),
        "event_type": d.get("event_type"),
        "sub_event_type": d.get("sub_event_type"),
        "actor1": (d.get("attacker") or {}).get("name"),
        "actor2": (d.get("target") or {}).get("name"),
        "location": place.get("name") or place.get("mention"),
        "latitude": place.get("lat"),
        "longitude": place.get("lon"),
        "geo_precision": place.get("geo_precision"),
        "admin1": place.get("admin1"),
        "admin2": place.get("admin2"),
        "country": _country_name(country) if country else None,
        "source": "; ".join(outlets),
        "notes": d.get("summary"),
        "fatalities": _best(fatalities),
        "status": d.get("status") or ("disputed" if d.get("disputed") else "claimed"),
        "claims": _claims_text(d.get("claims") or ()),
        "injured": _best(injured),
        "fatalities_low": fatalities.get("low") if isinstance(fatalities, Mapping) else None,
        "fatalities_high": fatalities.get("high") if isinstance(fatalities, Mapping) else None,
        "reports": "; ".join(d.get("reports") or ([d["event_id"]] if d.get("event_id") else [])),
        "documents": "; ".join(documents),
    }


def to_acled_csv(
    records: Iterable[Incident | Report | Mapping[str, Any]],
    out: IO[str],
    sources: Mapping[str, str | None] | None = None,
) -> int:
    """Write ACLED-style CSV (header first); returns the number of rows."""
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for record in records:
        writer.writerow(acled_row(record, sources))
        n += 1
    return n


def to_geojson(records: Iterable[Incident | Report | Mapping[str, Any]]) -> dict[str, Any]:
    """A GeoJSON FeatureCollection of the located records (lon, lat order, RFC 7946).

    Records without coordinates are left out (counted in ``fogwatch:unlocated``) rather
    than given a made-up point.
    """
    features = []
    unlocated = 0
    for record in records:
        d = _as_dict(record)
        place = d.get("location") or {}
        lat, lon = place.get("lat"), place.get("lon")
        if lat is None or lon is None:
            unlocated += 1
            continue
        features.append({
            "type": "Feature",
            "id": d.get("incident_id") or d.get("event_id"),
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": d,
        })
    return {"type": "FeatureCollection", "features": features, "fogwatch:unlocated": unlocated}


# Characters that str.splitlines() and many line readers treat as line breaks but JSON
# leaves raw inside strings: escaped so one record is always one line.
_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def write_jsonl(records: Iterable[Mapping[str, Any]], out: IO[str]) -> int:
    """One JSON object a line, UTF-8 as is (Cyrillic stays readable); returns the count."""
    n = 0
    for record in records:
        line = json.dumps(record, ensure_ascii=False, default=str).translate(_LINE_BREAKS)
        out.write(line + "\n")
        n += 1
    return n


#: ``fogwatch export --format`` / ``fogwatch incidents --format`` choices that write files.
EXPORT_FORMATS = ("jsonl", "acled-csv", "csv", "geojson")


def write_incidents(store: Any, fmt: str, out: IO[str], **filters: Any) -> int:
    """Write the store's incidents (``Store.incidents(**filters)``) as ``fmt``; returns the count.

    ``csv`` is the ACLED-style CSV. The one function behind ``fogwatch export`` and the
    file formats of ``fogwatch incidents``.
    """
    incidents = store.incidents(**filters)
    if fmt == "jsonl":
        return write_jsonl(incident_records(incidents), out)
    if fmt in ("acled-csv", "csv"):
        sources = store.sources(doc for i in incidents for doc in i.documents)
        return to_acled_csv(incidents, out, sources)
    if fmt == "geojson":
        collection = to_geojson(incidents)
        json.dump(collection, out, ensure_ascii=False, default=str)
        out.write("\n")
        return len(collection["features"])
    raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
