"""Export records: the SCHEMA.md extract line, ACLED-style CSV, GeoJSON."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

from hypothesis import given
from hypothesis import strategies as st

from fogwatch.export import (
    ACLED_COLUMNS,
    acled_row,
    document_record,
    incident_records,
    to_acled_csv,
    to_geojson,
    write_jsonl,
)
from fogwatch.model import (
    Actor,
    Claim,
    Document,
    Estimate,
    Flags,
    Incident,
    LanguageSpan,
    Place,
    Report,
    Span,
    Stance,
    Status,
    Target,
)
from fogwatch.pipeline import Analysis

TEXT = "Shelling hit Zarichne on Monday, officials said. Два человека погибли."

PLACE = Place(mention="Zarichne", name="Zarichne", geonameid=1, lat=48.5, lon=37.9,
              admin1="Donetsk", admin2="Kramatorsk", country="UA", geo_precision=1)

INCIDENT = Incident(
    incident_id="inc-1", event_type="Explosions/Remote violence",
    sub_event_type="Shelling/artillery/missile attack", date=dt.date(2022, 8, 8),
    date_range=(dt.date(2022, 8, 8), dt.date(2022, 8, 8)), location=PLACE,
    attacker=Actor("Armed Forces of Ukraine", "UA"), target=Target("market", "civilian"),
    fatalities=Estimate(2, 2, 3), injured=Estimate(None, None, None),
    status=Status.DISPUTED,
    claims=(Claim("district administration", "RU", Stance.ASSERTS, Span(0, 10)),
            Claim("General Staff", "UA", Stance.DENIES)),
    reports=("d1-0", "d2-0"), documents=("d1", "d2"), independent_sources=2,
    summary="Shelling killed 2 in Zarichne.",
)


def test_document_record_is_the_schema_extract_line() -> None:
    document = Document(
        id="d1", text=TEXT, published="2022-08-08", source="Wire",
        flags=Flags(boilerplate=(Span(60, 66),),
                    languages=(LanguageSpan(Span(0, 49), "en"), LanguageSpan(Span(50, 71), "ru")),
                    entries=(Span(0, 49), Span(50, 71)), genre="liveblog",
                    notes=("Paderborn (DE) is outside the conflict",)),
    )
    report = Report(event_id="d1-0", doc_id="d1", event_type="Explosions/Remote violence",
                    location=PLACE, evidence={"location": (Span(13, 21),)})
    record = document_record(Analysis(document, (report,)))
    assert record["doc_id"] == "d1"
    assert record["published"] == "2022-08-08"
    assert record["languages"] == ["en", "ru"]
    assert record["flags"] == {"boilerplate": [[60, 66]], "mixed_language": [[50, 71, "ru"]],
                               "entries": [[0, 49], [50, 71]], "genre": "liveblog",
                               "skip_extraction": None,
                               "notes": ["Paderborn (DE) is outside the conflict"]}
    assert len(record["events"]) == 1
    event = record["events"][0]
    assert event["event_id"] == "d1-0" and "doc_id" not in event
    assert event["evidence"] == {"location": [[13, 21]]}
    assert event["location"]["lat"] == 48.5
    assert "error" not in record
    json.dumps(record)  # serialisable as is


def test_acled_row_uses_acled_names_and_leaves_unknown_numbers_empty() -> None:
    row = acled_row(INCIDENT, {"d1": "Wire A", "d2": "Wire B"})
    assert set(row) == set(ACLED_COLUMNS)
    assert row["event_id_cnty"] == "inc-1"
    assert (row["event_date"], row["year"], row["time_precision"]) == ("2022-08-08", "2022", 1)
    assert row["disorder_type"] == "Political violence"
    assert (row["actor1"], row["actor2"]) == ("Armed Forces of Ukraine", "market")
    assert (row["location"], row["latitude"], row["longitude"]) == ("Zarichne", 48.5, 37.9)
    assert (row["admin1"], row["admin2"], row["country"]) == ("Donetsk", "Kramatorsk", "Ukraine")
    assert row["source"] == "Wire A; Wire B"
    assert row["fatalities"] == 2 and row["fatalities_high"] == 3
    assert row["injured"] is None  # never 0 for "not said"
    assert row["status"] == "disputed"
    assert row["claims"] == ("district administration (RU, asserts); "
                             "General Staff (UA, denies)")
    assert row["reports"] == "d1-0; d2-0"


def test_acled_csv_round_trips_through_a_csv_reader() -> None:
    out = io.StringIO()
    assert to_acled_csv([INCIDENT, INCIDENT.to_dict()], out) == 2
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert list(rows[0]) == list(ACLED_COLUMNS)
    assert rows[0] == rows[1]
    assert rows[0]["fatalities"] == "2" and rows[0]["injured"] == ""


def test_time_precision_from_the_date_range() -> None:
    week = Incident(incident_id="w", event_type="Battles",
                    date_range=(dt.date(2022, 8, 1), dt.date(2022, 8, 6)))
    month = Incident(incident_id="m", event_type="Battles",
                     date_range=(dt.date(2022, 8, 1), dt.date(2022, 8, 31)))
    assert acled_row(week)["time_precision"] == 2
    assert acled_row(week)["event_date"] == "2022-08-01"
    assert acled_row(month)["time_precision"] == 3
    assert acled_row(Incident(incident_id="n", event_type="Battles"))["time_precision"] is None


def test_geojson_has_lon_lat_points_and_leaves_out_unlocated_records() -> None:
    unlocated = Incident(incident_id="nowhere", event_type="Battles")
    collection = to_geojson([INCIDENT, unlocated])
    assert collection["type"] == "FeatureCollection"
    assert [f["id"] for f in collection["features"]] == ["inc-1"]
    assert collection["features"][0]["geometry"] == {"type": "Point", "coordinates": [37.9, 48.5]}
    assert collection["features"][0]["properties"]["status"] == "disputed"
    assert collection["fogwatch:unlocated"] == 1


def test_incident_records_are_schema_lines() -> None:
    [record] = incident_records([INCIDENT])
    assert record["fatalities"] == {"best": 2, "low": 2, "high": 3}
    assert Incident.from_dict(record) == INCIDENT


@given(st.lists(st.dictionaries(st.text(max_size=5), st.text(max_size=20), max_size=4),
                max_size=5))
def test_write_jsonl_writes_one_parseable_line_per_record(records: list[dict[str, str]]) -> None:
    out = io.StringIO()
    assert write_jsonl(records, out) == len(records)
    assert [json.loads(line) for line in out.getvalue().splitlines()] == records
