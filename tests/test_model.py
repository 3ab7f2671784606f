"""The data classes survive JSON and keep their invariants."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

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
    StatusChange,
    Target,
    Weapon,
    content_hash,
)

spans = st.builds(
    lambda a, b: Span(min(a, b), max(a, b)), st.integers(0, 10_000), st.integers(0, 10_000)
)
names = st.text(min_size=1, max_size=30)
sides = st.sampled_from(["UA", "RU", "other", "unknown"])
days = st.dates(min_value=dt.date(2014, 1, 1), max_value=dt.date(2030, 12, 31))
counts = st.none() | st.integers(0, 10_000)
floats = st.none() | st.floats(-90, 90, allow_nan=False)

places = st.builds(
    Place, mention=names, name=st.none() | names, geonameid=st.none() | st.integers(1, 10**8),
    lat=floats, lon=floats, admin1=st.none() | names, admin2=st.none() | names,
    country=st.none() | st.sampled_from(["UA", "RU"]), geo_precision=st.none() | st.integers(1, 3),
    span=st.none() | spans,
)
claims = st.builds(Claim, claimant=names, side=sides, stance=st.sampled_from(Stance),
                   span=st.none() | spans)
weapons = st.builds(Weapon, name=names, weapon_class=st.none() | names)
date_ranges = st.none() | st.tuples(days, days).map(lambda t: (min(t), max(t)))
evidence = st.dictionaries(st.sampled_from(["location", "fatalities", "weapons", "date"]),
                           st.lists(spans, max_size=3).map(tuple), max_size=4)

reports = st.builds(
    Report, event_id=names, doc_id=names, event_type=names, sub_event_type=st.none() | names,
    date=st.none() | days, date_range=date_ranges, time_precision=st.none() | st.integers(1, 3),
    time=st.none() | st.just("18:45"), location=st.none() | places,
    attacker=st.none() | st.builds(Actor, name=names, side=sides),
    target=st.none() | st.builds(Target, name=names, category=st.none() | names),
    weapons=st.lists(weapons, max_size=3).map(tuple), munitions=counts, fatalities=counts,
    injured=counts, children=counts, civilians=st.none() | st.booleans(),
    claims=st.lists(claims, max_size=3).map(tuple), disputed=st.booleans(), evidence=evidence,
    summary=st.text(max_size=50), sentences=st.lists(spans, max_size=3).map(tuple),
)


def roundtrip(record):
    return type(record).from_dict(json.loads(json.dumps(record.to_dict())))


@given(reports)
def test_report_round_trips_through_json(report: Report) -> None:
    assert roundtrip(report) == report


@given(st.builds(
    Incident, incident_id=names, event_type=names, date=st.none() | days, date_range=date_ranges,
    location=st.none() | places, weapons=st.lists(weapons, max_size=2).map(tuple),
    fatalities=st.builds(Estimate, best=counts, low=counts, high=counts),
    status=st.sampled_from(Status), claims=st.lists(claims, max_size=2).map(tuple),
    reports=st.lists(names, max_size=3).map(tuple),
    history=st.lists(st.builds(StatusChange, status=st.sampled_from(Status), at=names,
                               reason=st.text(max_size=10)), max_size=2).map(tuple),
))
def test_incident_round_trips_through_json(incident: Incident) -> None:
    assert roundtrip(incident) == incident


@given(st.text(max_size=200), st.lists(spans, max_size=3), st.lists(
    st.builds(LanguageSpan, span=spans, language=st.sampled_from(["en", "ru", "uk"])), max_size=3))
def test_document_round_trips_through_json(text: str, boilerplate, languages) -> None:
    doc = Document(id="d1", text=text, source="s", published="2022-08-08T14:05:00+03:00",
                   flags=Flags(boilerplate=tuple(boilerplate), languages=tuple(languages)))
    assert roundtrip(doc) == doc


def test_weapon_class_is_spelled_class_in_json() -> None:
    assert Weapon("HIMARS", "MLRS").to_dict() == {"name": "HIMARS", "class": "MLRS"}


def test_report_json_uses_schema_names_and_iso_dates() -> None:
    report = Report(
        event_id="000-1", doc_id="000", event_type="Explosions/Remote violence",
        date=dt.date(2022, 8, 7), date_range=(dt.date(2022, 8, 7), dt.date(2022, 8, 7)),
        claims=(Claim("JCCC", "RU", Stance.DENIES, Span(3, 9)),),
        evidence={"location": (Span(211, 219),)},
    )
    d = report.to_dict()
    assert d["date"] == "2022-08-07"
    assert d["date_range"] == ["2022-08-07", "2022-08-07"]
    assert d["claims"] == [{"claimant": "JCCC", "side": "RU", "stance": "denies", "span": [3, 9]}]
    assert d["evidence"] == {"location": [[211, 219]]}
    assert d["fatalities"] is None


def test_span_rejects_negative_and_reversed() -> None:
    with pytest.raises(ValueError):
        Span(5, 2)
    with pytest.raises(ValueError):
        Span(-1, 2)


def test_span_relations() -> None:
    assert Span(0, 5).overlaps(Span(4, 9))
    assert not Span(0, 5).overlaps(Span(5, 9))
    assert Span(0, 10).contains(Span(2, 3))
    assert Span(2, 5).text("abcdefg") == "cde"


def test_main_language_is_the_longest_and_mixed_is_the_rest() -> None:
    flags = Flags(languages=(LanguageSpan(Span(0, 100), "en"), LanguageSpan(Span(100, 130), "ru"),
                             LanguageSpan(Span(130, 200), "en")))
    assert flags.main_language == "en"
    assert [ls.language for ls in flags.mixed_language] == ["ru"]
    assert flags.to_dict()["mixed_language"] == [[100, 130, "ru"]]


def test_document_languages_lists_main_first() -> None:
    doc = Document(id="x", text="t", flags=Flags(languages=(
        LanguageSpan(Span(0, 2), "ru"), LanguageSpan(Span(2, 90), "en"))))
    assert doc.languages == ["en", "ru"]
    assert doc.published_date is None


def test_content_hash_is_sha256_of_text() -> None:
    assert content_hash("abc") == (
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    assert Document(id="a", text="abc").content_hash == content_hash("abc")
