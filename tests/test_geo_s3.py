"""Session 3 location rules, on short texts of our own against the shipped gazetteer:
which place a report is put at, its region, and its precision."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import DamerauLevenshtein

from fogwatch.geo import DocumentGeocoder, explain, geocode, load_gazetteer, make_stage
from fogwatch.geo.gazetteer import Gazetteer
from fogwatch.geo.match import _closest_in, _region_keys
from fogwatch.model import Document, Place, Report, Span
from fogwatch.pipeline import Analysis, Resources


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def _chosen(gaz: Gazetteer, text: str, word: str, nth: int = 0) -> tuple[str | None, int | None]:
    """(region, precision) the geocoder gave the ``nth`` mention of ``word``."""
    hits = [r for r in explain(text, gaz) if r.match.text == word]
    r = hits[nth]
    return r.region, r.precision


def _report(text: str, mention: str, admin1: str | None, precision: int,
            sentences: tuple[Span, ...], nth: int = 0) -> Report:
    start = -1
    for _ in range(nth + 1):
        start = text.index(mention, start + 1)
    loc = Place(mention=mention, admin1=admin1, geo_precision=precision,
                span=Span(start, start + len(mention)))
    return Report(event_id="d-1", doc_id="d", event_type="Explosions/Remote violence",
                  location=loc, sentences=sentences, evidence={"location": (loc.span,)},
                  summary="placeholder")


def _sentences(text: str) -> tuple[Span, ...]:
    out, start = [], 0
    for part in text.split(". "):
        out.append(Span(start, start + len(part) + 1))
        start += len(part) + 2
    return tuple(out)


# -- homonyms: a hamlet by a place of another story does not beat the town ---------------

def test_a_place_named_in_another_paragraph_does_not_pull_a_hamlet(gaz: Gazetteer) -> None:
    text = ("Both sides blame each other for the blast that killed captives kept in the "
            "village of Olenivka.\n\nIn other news, a rocket struck a bus stop in Mykolaiv.")
    assert _chosen(gaz, text, "Olenivka") == ("Donetsk", 1)


def test_a_place_named_in_the_same_paragraph_still_decides(gaz: Gazetteer) -> None:
    text = "Shells fell on Mykolaiv and on the nearby village of Olenivka overnight."
    assert _chosen(gaz, text, "Olenivka")[0] == "Mykolaiv"


def test_the_only_homonym_near_the_places_named_wins_a_close_score(gaz: Gazetteer) -> None:
    text = ("Shelling killed three evacuees in a van near Kherson. The southern command "
            "said the van was struck near Dovhove.")
    assert _chosen(gaz, text, "Dovhove") == ("Kherson", 2)


# -- a region report whose sentences name a settlement of it ------------------------------

def test_a_region_report_moves_to_the_settlement_its_sentences_name(gaz: Gazetteer) -> None:
    text = ("Drones were said to have hit a refinery in the Rostov region. Plant staff said "
            "two drones struck the installations of Novoshakhtinsk at dawn.")
    report = _report(text, "Rostov region", "Rostov", 3, _sentences(text))
    doc = Document(id="d", text=text, sentences=_sentences(text))
    stage = make_stage(Resources(injected={"gazetteer": gaz}))
    out = stage(Analysis(document=doc, reports=(report,))).reports[0]
    assert out.location is not None
    assert (out.location.name, out.location.admin1, out.location.geo_precision) == (
        "Novoshakhtinsk", "Rostov", 1)
    # the evidence and the summary follow the place
    assert out.evidence["location"] == (out.location.span,)
    assert out.location.span is not None and text[out.location.span.start:
                                                  out.location.span.end] == "Novoshakhtinsk"
    assert "Novoshakhtinsk" in out.summary


def test_a_region_report_is_not_moved_to_the_regional_centre(gaz: Gazetteer) -> None:
    text = ("A strike on a supply train in Kherson oblast means the railway between Kherson "
            "and Crimea is probably cut.")
    report = _report(text, "Kherson oblast", "Kherson", 3, (Span(0, len(text)),))
    place = DocumentGeocoder(text, gaz, (Span(0, len(text)),)).locate(report)
    assert place is not None and place.geo_precision == 3 and place.admin1 == "Kherson"


# -- a region called by its bare name -----------------------------------------------------

def test_a_writer_who_says_northern_donetsk_means_the_region_by_donetsk(gaz: Gazetteer) -> None:
    text = ("Five people died in fresh Russian shelling in Donetsk, officials said. A "
            "rocket in Kostiantynivka, northern Donetsk, wrecked a shop.")
    assert _chosen(gaz, text, "Donetsk", 0) == ("Donetsk", 3)
    place = geocode(text[:text.index(".")], gaz)
    assert place is not None and place.geo_precision == 1  # alone, Donetsk is the city


def test_regional_capital_wording_makes_fighting_in_kherson_the_region(gaz: Gazetteer) -> None:
    text = ("Troops push on towards Kherson's regional capital. The army said it destroyed "
            "two depots while fighting in Kherson.")
    assert _chosen(gaz, text, "Kherson") == ("Kherson", 3)


def test_the_regions_of_x_and_y_name_both_regions(gaz: Gazetteer) -> None:
    text = ("Kyiv vows to free the occupied regions of Kherson and Zaporizhzhia. Heavy "
            "fighting continued in Zaporizhzhia on Sunday.")
    assert _chosen(gaz, text, "Zaporizhzhia", 1) == ("Zaporizhia", 3)


@pytest.mark.parametrize(("text", "word"), [
    ("Guns pounded Beryslav, in southern Kherson. Later Kherson's mayor said a school was hit.",
     "Kherson's"),
    ("Guns pounded Beryslav, in southern Kherson. A shell landed in the city of Kherson.",
     "Kherson"),
    ("Guns pounded Beryslav, in southern Kherson. A shell then landed near Kherson.", "Kherson"),
])
def test_a_city_word_keeps_the_city(gaz: Gazetteer, text: str, word: str) -> None:
    region, precision = _chosen(gaz, text, word, 1 if word == "Kherson" else 0)
    assert region == "Kherson" and precision in (1, 2)


@pytest.mark.parametrize("first", [
    "Guns pounded Beryslav, in southern Kherson.",
    "Guns pounded the town of Beryslav in Kherson.",
    "Guns pounded Beryslav, a town in Russian-held Kherson.",
])
def test_a_town_placed_in_x_makes_bare_x_the_region(gaz: Gazetteer, first: str) -> None:
    text = first + " A shell then landed in Kherson."
    assert _chosen(gaz, text, "Kherson", 1) == ("Kherson", 3)


def test_a_list_of_cities_is_no_cue_for_the_region(gaz: Gazetteer) -> None:
    text = "Shelling hit Mariupol, Donetsk and Luhansk. Later shells hit Donetsk."
    assert _chosen(gaz, text, "Donetsk", 1) == ("Donetsk", 1)


@pytest.mark.parametrize("text", [
    "Shelling hit northern Kharkiv at night. Three died in Kharkiv, the governor said.",
    "Shelling hit Saltivka, northern Kharkiv, at night. Three died in Kharkiv, he said.",
])
def test_a_part_of_a_city_is_no_cue_for_the_region(gaz: Gazetteer, text: str) -> None:
    assert _chosen(gaz, text, "Kharkiv", 1) == ("Kharkiv", 1)


def test_the_city_of_x_anywhere_keeps_every_bare_x_the_city(gaz: Gazetteer) -> None:
    text = ("Blasts shook the city of Belgorod. Officials of the southern region of Belgorod "
            "said a depot in Belgorod burned.")
    assert _chosen(gaz, text, "Belgorod", 2) == ("Belgorod", 1)


def test_the_national_capital_stays_the_city(gaz: Gazetteer) -> None:
    text = "Drones buzzed over northern Kyiv at night. In the morning a missile hit Kyiv."
    assert _chosen(gaz, text, "Kyiv", 1) == ("Kyiv City", 1)


# -- a misspelt name rescued by the region its sentence names -----------------------------

def test_a_misspelt_name_is_rescued_by_the_region_in_its_sentence(gaz: Gazetteer) -> None:
    place = geocode("Two rockets struck a base in Yaroviv, the Lviv regional governor said.", gaz)
    assert place is not None and (place.name, place.admin1, place.mention) == (
        "Yavoriv", "Lviv", "Yaroviv")
    place = geocode("Fighting went on around Popansa in the Luhansk region.", gaz)
    assert place is not None and (place.name, place.admin1) == ("Popasna", "Luhansk")


def test_no_rescue_without_a_region_in_the_sentence(gaz: Gazetteer) -> None:
    text = "Two rockets struck a base in Yaroviv. The Lviv governor spoke later."
    assert all(r.match.text != "Yaroviv" for r in explain(text, gaz))


def test_no_rescue_for_a_word_too_far_from_every_name_of_the_region(gaz: Gazetteer) -> None:
    text = "Two rockets struck a base in Quantumville, the Lviv regional governor said."
    assert all(r.match.text != "Quantumville" for r in explain(text, gaz))


def test_a_compound_adjective_is_not_a_misspelt_village(gaz: Gazetteer) -> None:
    text = "Blasts hit a jail in Kremlin-controlled Olenivka, in the Donetsk region."
    names = [r.match.text for r in explain(text, gaz)]
    assert "Kremlin" not in names and "Olenivka" in names


@pytest.mark.parametrize("text", [
    "Drones hit a refinery in the Rostov region, the mayor of Novoshakhtinsk said.",
    "Drones hit a refinery in the Rostov region, the governor said speaking from Shakhty.",
    "Drones were said to have hit a refinery in the Rostov region. Later people in "
    "Novoshakhtinsk queued for fuel.",
])
def test_a_region_report_stays_when_the_settlement_is_not_where_it_happened(
        gaz: Gazetteer, text: str) -> None:
    sentences = _sentences(text)
    report = _report(text, "Rostov region", "Rostov", 3, sentences)
    hit = text.index("hit")
    report = replace(report, evidence={**report.evidence, "event_type": (Span(hit, hit + 3),)})
    place = DocumentGeocoder(text, gaz, sentences).locate(report)
    assert place is not None and place.geo_precision == 3


# -- the region a speaker governs ---------------------------------------------------------

@pytest.mark.parametrize(("text", "admin1"), [
    ("Shells struck Zolochiv, the Kharkiv governor said.", "Kharkiv"),
    ("Shells struck Zolochiv, the governor of Kharkiv said.", "Kharkiv"),
    ("Shells struck Zolochiv, Kharkiv's regional military administration said.", "Kharkiv"),
    ("Shells struck Zolochiv, the Lviv regional administration reported.", "Lviv"),
])
def test_a_homonym_lies_in_the_region_the_speaker_governs(gaz: Gazetteer, text: str,
                                                          admin1: str) -> None:
    place = geocode(text, gaz)
    assert place is not None and (place.name, place.admin1) == ("Zolochiv", admin1)


def test_the_mayor_of_a_city_is_no_region_cue(gaz: Gazetteer) -> None:
    # the city's mayor speaks for the city, not its region: Zolochiv stays undecided
    # by him (the Lviv town, the likelier reading alone)
    place = geocode("Shells struck Zolochiv, the mayor of Kharkiv said.", gaz)
    assert place is not None and place.admin1 == geocode("Shells struck Zolochiv.", gaz).admin1


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_region_rescue_returns_a_name_itself_and_never_a_far_one(data: st.DataObject) -> None:
    gaz = load_gazetteer()
    keys = _region_keys(gaz)["Lviv"]
    key = data.draw(st.sampled_from(keys))
    if len(key) >= 6:
        found = _closest_in(gaz, key, {"Lviv"})
        assert found is not None and found[0] == key
    garbled = data.draw(st.text(alphabet="abcdefhiklmnoprstuvz", min_size=6, max_size=12))
    found = _closest_in(gaz, garbled, {"Lviv"})
    if found is not None:
        assert DamerauLevenshtein.distance(garbled, found[0]) <= 2
        assert found[0] in keys and found[0][0] == garbled[0]


# -- the mention the extractor chose, resolved in the document's context ------------------

def test_a_tie_the_document_cannot_break_is_not_broken_by_the_mention_alone(
        gaz: Gazetteer) -> None:
    # Two Donetsk Vodianes lie by the places named; alone, the name would be the
    # Zaporizhzhia town. No guess beats the wrong region.
    text = "Clashes went on at Vodiane, halfway between Mariupol and Vuhledar."
    assert geocode("Vodiane", gaz).admin1 == "Zaporizhia"
    report = _report(text, "Vodiane", None, 1, (Span(0, len(text)),))
    place = DocumentGeocoder(text, gaz, (Span(0, len(text)),)).locate(report)
    assert place is not None and place.mention == "Vodiane"
    assert place.lat is None and place.admin1 != "Zaporizhia"


def test_the_one_homonym_by_a_place_named_with_it_wins_a_tie(gaz: Gazetteer) -> None:
    text = "Russian units were hit in the area of Vodiane and Vugledar, Moscow said."
    place = geocode(text[:text.index(" and")], gaz)  # alone, the Zaporizhzhia one
    assert place is not None and place.admin1 == "Zaporizhia"
    assert _chosen(gaz, text, "Vodiane")[0] == "Donetsk"


def test_a_district_of_a_city_is_placed_at_the_city(gaz: Gazetteer) -> None:
    text = "A woman died when shells hit the Kuibyshevsky district of Donetsk, the mayor said."
    report = _report(text, "Kuibyshevsky", None, 1, (Span(0, len(text)),))
    place = DocumentGeocoder(text, gaz, (Span(0, len(text)),)).locate(report)
    assert place is not None and (place.name, place.admin1, place.mention) == (
        "Donetsk", "Donetsk", "Kuibyshevsky")


def test_an_overruled_region_guess_leaves_the_summary_and_evidence(gaz: Gazetteer) -> None:
    text = "A man died in shelling of the Kiev region of Donetsk, the DPR said."
    start = text.index("Donetsk")
    loc = Place(mention="Donetsk", admin1="Kyiv", geo_precision=1,
                span=Span(start, start + 7))
    kiev = text.index("Kiev")
    report = Report(event_id="d-1", doc_id="d", event_type="Explosions/Remote violence",
                    sub_event_type="Shelling/artillery/missile attack", location=loc,
                    sentences=(Span(0, len(text)),),
                    evidence={"location": (loc.span,), "admin1": (Span(kiev, kiev + 11),)},
                    summary="stale (Kyiv)")
    doc = Document(id="d", text=text, sentences=(Span(0, len(text)),))
    stage = make_stage(Resources(injected={"gazetteer": gaz}))
    out = stage(Analysis(document=doc, reports=(report,))).reports[0]
    assert out.location is not None and out.location.admin1 == "Donetsk"
    assert "Kyiv" not in out.summary and "admin1" not in out.evidence


def test_near_a_regional_centre_gives_way_to_the_village_the_report_names(
        gaz: Gazetteer) -> None:
    text = ("Shelling killed three evacuees in a van near Kherson. The southern command "
            "said the van was hit near Dovhove.")
    report = _report(text, "Kherson", "Kherson", 2, _sentences(text))
    hit = text.index("hit")
    report = replace(report, evidence={**report.evidence, "event_type": (Span(hit, hit + 3),)})
    place = DocumentGeocoder(text, gaz, _sentences(text)).locate(report)
    assert place is not None and (place.name, place.admin1, place.geo_precision) == (
        "Dovhove", "Kherson", 2)
    # near a town that is no regional centre, the report keeps its place
    text2 = text.replace("Kherson", "Beryslav")
    report2 = _report(text2, "Beryslav", "Kherson", 2, _sentences(text2))
    place2 = DocumentGeocoder(text2, gaz, _sentences(text2)).locate(report2)
    assert place2 is not None and place2.name == "Beryslav"


# -- a city that is a region of its own ---------------------------------------------------

@pytest.mark.parametrize(("text", "admin1", "precision"), [
    ("Russian forces hit a base north-west of Kyiv.", "Kyiv", 2),
    ("A blast shook an airfield outside Sevastopol.", "Crimea", 2),
    ("Missiles hit Kyiv at dawn.", "Kyiv City", 1),
    ("Explosions were heard near Kyiv.", "Kyiv City", 2),  # may be the city's own edge
])
def test_a_place_outside_a_city_region_lies_in_the_region_around(
        gaz: Gazetteer, text: str, admin1: str, precision: int) -> None:
    place = geocode(text, gaz)
    assert place is not None and (place.admin1, place.geo_precision) == (admin1, precision)


def test_a_town_in_another_spelling_outweighs_a_hromada_village(gaz: Gazetteer) -> None:
    # the Russian spelling of the Donetsk town is no main name of any candidate, yet
    # a 60,000 town is what the news means, not a village heading a hromada
    place = geocode("Russian shelling hit Konstantinovka on Monday.", gaz)
    assert place is not None and (place.admin1, place.geo_precision) == ("Donetsk", 1)
    assert place.lat is not None and abs(place.lat - 48.53) < 0.1


def test_a_spelling_the_rules_vouch_for_beats_villages_of_that_name(gaz: Gazetteer) -> None:
    # villages called Krasnyi Lyman exist, but rules.yaml says the Russian name of the
    # town of Lyman is meant
    place = geocode("Russian shelling hit Krasny Liman on Monday.", gaz)
    assert place is not None and (place.name, place.admin1) == ("Lyman", "Donetsk")
    village = geocode("Shells hit the village of Krasnyi Lyman in the Luhansk region.", gaz)
    assert village is not None and village.admin1 == "Luhansk"


def _battle(text: str, mention: str, precision: int = 1) -> Report:
    report = _report(text, mention, None, precision, _sentences(text))
    verb = text.index("ighting") - 1
    return replace(report, event_type="Battles",
                   evidence={**report.evidence, "event_type": (Span(verb, verb + 8),)})


def test_fighting_in_a_bare_regional_name_is_at_the_village_its_sentence_names(
        gaz: Gazetteer) -> None:
    text = "Fighting raged in Luhansk, where Russian units pushed towards Bilohorivka."
    place = DocumentGeocoder(text, gaz, _sentences(text)).locate(_battle(text, "Luhansk"))
    assert place is not None and (place.name, place.admin1) == ("Bilohorivka", "Luhansk")


@pytest.mark.parametrize("text", [
    "Fighting raged in Luhansk city, as units pushed towards Bilohorivka.",
    "Fighting raged in the city of Luhansk, as units pushed towards Bilohorivka.",
])
def test_fighting_in_a_city_named_as_such_stays_there(gaz: Gazetteer, text: str) -> None:
    place = DocumentGeocoder(text, gaz, _sentences(text)).locate(_battle(text, "Luhansk"))
    assert place is not None and place.name == "Luhansk" and place.geo_precision == 1


@pytest.mark.parametrize("apostrophe", ["'", "’"])
def test_fighting_at_a_city_its_mayor_is_named_for_stays_in_the_city(
        gaz: Gazetteer, apostrophe: str) -> None:
    # the possessive is part of the name's match ("Luhansk's"), so the mayor after it
    # must still be read: a city with a mayor is the city, not the region around it
    text = (f"Fighting forced Luhansk{apostrophe}s mayor to leave his office while units "
            "moved on Bilohorivka.")
    place = DocumentGeocoder(text, gaz, _sentences(text)).locate(_battle(text, "Luhansk"))
    assert place is not None and place.name == "Luhansk" and place.geo_precision == 1


def test_homonyms_of_the_region_named_that_nothing_separates_give_the_region(
        gaz: Gazetteer) -> None:
    # Donetsk oblast has several villages called Pavlivka, far apart: the report keeps
    # its mention at region level rather than a guessed village
    text = "Russian units tried to storm Ukrainian lines near Pavlivka, in the Donetsk region."
    start = text.index("Pavlivka")
    loc = Place(mention="Pavlivka", admin1="Donetsk", geo_precision=2,
                span=Span(start, start + 8))
    report = Report(event_id="d-1", doc_id="d", event_type="Battles", location=loc,
                    sentences=(Span(0, len(text)),))
    place = DocumentGeocoder(text, gaz, (Span(0, len(text)),)).locate(report)
    assert place is not None and (place.mention, place.admin1, place.geo_precision) == (
        "Pavlivka", "Donetsk", 3)
    # a region with one village of the name still gives the village
    text = "Shells landed on Chornobaivka, in the Kherson region."
    start = text.index("Chornobaivka")
    loc = Place(mention="Chornobaivka", admin1="Kherson", geo_precision=1,
                span=Span(start, start + 12))
    report = replace(report, location=loc)
    place = DocumentGeocoder(text, gaz, (Span(0, len(text)),)).locate(report)
    assert place is not None and place.geo_precision == 1 and place.admin1 == "Kherson"


# -- rivers and lists of regions ----------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Ukrainian troops crossed the Dnipro river near Kherson.",
    "Boats were shot at on the river Dnipro near Kherson.",
    "Water poured out of the Kakhovka reservoir near Kherson.",
])
def test_a_river_or_a_reservoir_is_not_the_town_named_like_it(gaz: Gazetteer,
                                                             text: str) -> None:
    assert [r.match.text for r in explain(text, gaz)] == ["Kherson"]


def test_the_x_and_y_regions_are_regions(gaz: Gazetteer) -> None:
    text = "Shells hit Odesa, and the Kherson, Mykolaiv and Sumy regions."
    got = {r.match.text: (r.region, r.precision) for r in explain(text, gaz)}
    assert got == {"Odesa": ("Odesa", 1), "Kherson": ("Kherson", 3),
                   "Mykolaiv": ("Mykolaiv", 3), "Sumy": ("Sumy", 3)}


def test_a_misspelt_subject_the_extractor_found_is_rescued_by_its_region(
        gaz: Gazetteer) -> None:
    text = "Yaroviv was hit by four rockets, the Lviv regional governor said."
    report = _report(text, "Yaroviv", None, 1, (Span(0, len(text)),))
    place = DocumentGeocoder(text, gaz, (Span(0, len(text)),)).locate(report)
    assert place is not None and (place.name, place.admin1, place.mention) == (
        "Yavoriv", "Lviv", "Yaroviv")
    other = "Yaroviv was hit by four rockets. The Lviv regional governor spoke later."
    report = _report(other, "Yaroviv", None, 1, _sentences(other))
    place = DocumentGeocoder(other, gaz, _sentences(other)).locate(report)
    assert place is None or place.lat is None


def test_a_report_put_where_its_speaker_sits_moves_to_where_the_act_was(
        gaz: Gazetteer) -> None:
    text = ("The head of the occupation administration in Zaporizhzhia said rockets hit "
            "Tokmak.")
    start = text.index("Zaporizhzhia")
    hit = text.index("hit")
    loc = Place(mention="Zaporizhzhia", geo_precision=1, span=Span(start, start + 12))
    report = Report(event_id="d-1", doc_id="d", event_type="Explosions/Remote violence",
                    location=loc, sentences=(Span(0, len(text)),),
                    evidence={"location": (loc.span,), "event_type": (Span(hit, hit + 3),)})
    place = DocumentGeocoder(text, gaz, (Span(0, len(text)),)).locate(report)
    assert place is not None and (place.name, place.admin1) == ("Tokmak", "Zaporizhia")
    # with no other place in the sentence, the speaker's place stays
    alone = "The head of the occupation administration in Zaporizhzhia said rockets hit."
    report = replace(report, sentences=(Span(0, len(alone)),))
    place = DocumentGeocoder(alone, gaz, (Span(0, len(alone)),)).locate(report)
    assert place is not None and place.admin1 == "Zaporizhia" and place.geo_precision == 1


def test_strikes_reported_in_a_place_happened_there(gaz: Gazetteer) -> None:
    text = "Strikes were also reported in Kharkiv, where flats were hit, and in Mykolaiv."
    start = text.index("Kharkiv")
    hit = text.index("Strikes")
    loc = Place(mention="Kharkiv", geo_precision=1, span=Span(start, start + 7))
    report = Report(event_id="d-1", doc_id="d", event_type="Explosions/Remote violence",
                    location=loc, sentences=(Span(0, len(text)),),
                    evidence={"location": (loc.span,), "event_type": (Span(hit, hit + 7),)})
    place = DocumentGeocoder(text, gaz, (Span(0, len(text)),)).locate(report)
    assert place is not None and place.name == "Kharkiv"


def test_a_city_apposition_anywhere_keeps_bare_x_the_city(gaz: Gazetteer) -> None:
    text = ("Izium, in eastern Kharkiv, was shelled. Rockets also fell on Kharkiv, the "
            "country's second-biggest city. Later Kharkiv was hit again.")
    assert _chosen(gaz, text, "Kharkiv", 2) == ("Kharkiv", 1)
