"""Scope: reports of events outside the conflict's countries are dropped, with a note."""

from __future__ import annotations

from pathlib import Path

import pytest

from fogwatch.errors import ProfileError
from fogwatch.model import Actor, Document, Place, Report
from fogwatch.pipeline import DEFAULT_STAGES, Analysis, Resources
from fogwatch.profiles import load_scope, scope_path
from fogwatch.scope import countries_of, in_scope, make_stage, out_of_scope

SCOPE = load_scope("ukraine")


def _report(place: Place | None, side: str | None = None, n: int = 1) -> Report:
    attacker = Actor("someone", side) if side else None
    return Report(event_id=f"d-{n}", doc_id="d", event_type="Explosions/Remote violence",
                  location=place, attacker=attacker)


def _resolved(name: str, country: str, admin1: str | None) -> Place:
    return Place(mention=name, name=name, country=country, admin1=admin1, lat=1.0, lon=1.0)


def test_the_scope_file_sits_beside_the_profile() -> None:
    assert SCOPE is not None
    assert scope_path("ukraine").name == "ukraine_scope.yaml"
    assert "UA" in SCOPE.countries and "Belgorod" in SCOPE.partial["RU"][0]


@pytest.mark.parametrize(("place", "side", "kept"), [
    (_resolved("Kupiansk", "UA", "Kharkiv"), None, True),
    (_resolved("Sevastopol", "UA", "Sevastopol"), "UA", True),
    (_resolved("Shebekino", "RU", "Belgorod"), None, True),       # border region
    (_resolved("Engels", "RU", "Saratov"), None, False),          # deep in Russia
    (_resolved("Engels", "RU", "Saratov"), "UA", True),           # a strike on Russia
    (_resolved("Warsaw", "PL", "Masovia"), "RU", False),
    (Place(mention="Paderborn"), None, False),                    # a German city
    (Place(mention="Transnistria"), None, False),                 # the scope file's name
    (Place(mention="Ireland"), None, False),                      # a country
    (Place(mention="Russia"), None, True),        # somewhere in Russia: maybe its border
    (Place(mention="Moscow"), None, False),       # a Russian city far from the border
    (Place(mention="Mozyr"), None, True),         # a town of Belarus's border region
    (Place(mention="Minsk"), None, False),        # Belarus's capital, far from it
    (Place(mention="Minsk"), "UA", True),         # ... unless Ukraine struck there
    (Place(mention="Russia", country="RU", lat=1.0, lon=1.0), None, True),
    (Place(mention="Odessa"), None, True),                        # also a US city: kept
    (Place(mention="Zorvanka"), None, True),                      # nobody knows it
    (None, None, True),                                           # no place at all
])
def test_in_or_out(place: Place | None, side: str | None, kept: bool) -> None:
    assert SCOPE is not None
    why = out_of_scope(_report(place, side), SCOPE)
    assert (why is None) is kept, why


def test_unresolved_names_give_every_country_they_could_be_in() -> None:
    assert SCOPE is not None
    assert countries_of("Hanover", SCOPE) == {"DE"}
    assert countries_of("Odessa", SCOPE) == {"UA", "US"}  # Ukraine's, and one in Texas
    assert countries_of("the UK", SCOPE) == {"GB"}
    assert countries_of("Zorvanka", SCOPE) == frozenset()


def test_dropped_reports_are_noted_on_the_document() -> None:
    assert SCOPE is not None
    reports = (_report(_resolved("Kupiansk", "UA", "Kharkiv"), n=1),
               _report(Place(mention="Paderborn"), n=2))
    kept, notes = in_scope(reports, SCOPE)
    assert [r.event_id for r in kept] == ["d-1"]
    assert notes == ("scope: dropped d-2: Paderborn (DE) is outside the conflict",)
    stage = make_stage(Resources())
    out = stage(Analysis(Document(id="d", text="x"), reports))
    assert [r.event_id for r in out.reports] == ["d-1"]
    assert out.document.flags.notes == notes


def test_the_stage_runs_after_geocoding() -> None:
    assert DEFAULT_STAGES.index("scope") == DEFAULT_STAGES.index("geocode") + 1


def test_a_profile_without_scope_has_none(tmp_path: Path) -> None:
    profile = tmp_path / "other.yaml"
    profile.write_text("profile: other\n", encoding="utf-8")
    assert load_scope(profile) is None


@pytest.mark.parametrize(("body", "message"), [
    ("countries: [Ukraine]\n", "'Ukraine' is not a country code"),
    ("countries: [UA]\npartial:\n  RU:\n    regions: [Kursk]\n", "unknown key 'regions'"),
    ("partial: {}\n", "lacks countries"),
])
def test_bad_scope_files_name_the_file_and_the_fault(tmp_path: Path, body: str,
                                                     message: str) -> None:
    path = tmp_path / "broken_scope.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ProfileError, match=message) as error:
        load_scope(path)
    assert "broken_scope.yaml" in str(error.value)


def test_the_whole_pipeline_keeps_the_war_and_drops_a_rally_abroad() -> None:
    from fogwatch.pipeline import Pipeline

    pipeline = Pipeline()
    abroad = pipeline(Document(id="far", text="Protesters rallied in Paderborn on Monday "
                               "against the war, police said.", published="2024-03-12"))
    assert abroad.error is None and abroad.reports == ()
    assert abroad.document.flags.notes == (
        "scope: dropped far-1: Paderborn (DE) is outside the conflict",)
    home = pipeline(Document(id="home", text="Russian shells hit Kupiansk on Monday, "
                             "killing two people, the governor said.", published="2024-03-12"))
    assert [r.location.country for r in home.reports if r.location] == ["UA"]
    assert home.document.flags.notes == ()
