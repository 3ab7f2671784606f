"""Geocoder rules on sentences of our own, against the tiny gazetteer extract."""

from __future__ import annotations

import pytest
from geo_helpers import mini_gazetteer
from hypothesis import given, settings
from hypothesis import strategies as st

from fogwatch.geo import DocumentGeocoder, explain, find_places, geocode, make_stage
from fogwatch.geo.gazetteer import Gazetteer
from fogwatch.geo.resolve import haversine_km
from fogwatch.model import Document, Place, Report, Span
from fogwatch.pipeline import Analysis, Resources


@pytest.fixture(scope="module")
def gaz(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    return mini_gazetteer(tmp_path_factory.mktemp("geo"))


def near(place: Place | None, lat: float, lon: float, km: float = 10) -> bool:
    assert place is not None and place.lat is not None and place.lon is not None, place
    return haversine_km(place.lat, place.lon, lat, lon) <= km


# -- homonyms decided by region ------------------------------------------------------

def test_maiak_follows_the_region_named(gaz: Gazetteer) -> None:
    luhansk = geocode("A drone hit the village of Mayak in the LNR overnight.", gaz)
    donetsk = geocode("A drone hit the village of Mayak in the Donetsk region overnight.", gaz)
    assert luhansk is not None and luhansk.admin1 == "Luhansk" and luhansk.geonameid == 809997
    assert donetsk is not None and donetsk.admin1 == "Donetsk" and donetsk.geonameid == 701563


def test_berestove_follows_the_oblast_named(gaz: Gazetteer) -> None:
    place = geocode("Shells landed on Berestove, Zaporizhzhia oblast, on Monday.", gaz)
    assert place is not None and place.admin1 == "Zaporizhia" and place.geo_precision == 1


def test_zolochiv_by_region_and_in_brackets(gaz: Gazetteer) -> None:
    east = geocode("Artillery struck Zolochiv in the Kharkiv region.", gaz)
    west = geocode("Artillery struck Zolochiv in the Lviv region.", gaz)
    assert east is not None and east.admin1 == "Kharkiv"
    assert west is not None and west.admin1 == "Lviv"


def test_regional_centre_in_brackets_names_the_region(gaz: Gazetteer) -> None:
    east = geocode("Shelling of Zolochiv (Kharkiv) killed two.", gaz)
    west = geocode("Shelling of Zolochiv (Lviv) killed two.", gaz)
    assert east is not None and east.admin1 == "Kharkiv" and east.name == "Zolochiv"
    assert west is not None and west.admin1 == "Lviv" and west.name == "Zolochiv"


def test_other_places_of_the_document_decide(gaz: Gazetteer) -> None:
    place = geocode("Troops advanced between Vodiane and Vuhledar.", gaz)
    assert near(place, 47.78, 37.25, 25) and place.admin1 == "Donetsk"


def test_two_ambiguous_names_in_a_sentence_pick_the_closest_pair(gaz: Gazetteer) -> None:
    # Lymany: two in Mykolaiv oblast; Blahodatne: 30 villages, one 30 km from them.
    names = {r.match.text: r for r in explain("Clashes near Lymany and Blahodatne.", gaz)}
    lymany = names["Lymany"]
    assert lymany.chosen is not None and gaz.admin1[lymany.chosen] == "Mykolaiv"


def test_no_guess_when_nothing_tells_homonyms_apart(gaz: Gazetteer) -> None:
    place = geocode("Shelling hit Berestove.", gaz)
    assert place is not None and place.mention == "Berestove"
    assert place.lat is None and place.lon is None and place.geonameid is None


def test_no_guess_when_no_homonym_lies_in_the_region_named(gaz: Gazetteer) -> None:
    (r, region) = explain("Shelling hit Berestove in the Sumy region.", gaz)
    assert r.chosen is None and "Sumy" in r.why
    assert region.region == "Sumy"


# -- renamed places and transliterations ---------------------------------------------

@pytest.mark.parametrize(("text", "geonameid"), [
    ("Fighting was reported near Artemivsk.", 713174),        # Bakhmut before 2016
    ("Fighting was reported near Artemovsk.", 713174),
    ("Shelling of Dzerzhynsk, Donetsk region.", 709354),        # Toretsk before 2016
    ("Shelling of Zhelanne, Donetsk region.", 687223),          # Blahodatne since 2024
    ("Ukrainian units left Lisichansk.", 702972),
    ("Ukrainian units left Lysychans'k.", 702972),
    ("Ukrainian units left Lysychans’k.", 702972),
    ("Clashes around Kleshcheevka went on.", 13512497),
    ("Clashes around Klishchiivka went on.", 13512497),
    ("Explosions were heard in Kharkov.", 706483),
    ("Explosions were heard in Kiev.", 703448),
    ("Explosions were heard in Kyiv.", 703448),
    ("A strike on Ugledar was reported.", 690823),
    ("Russian forces entered Izium.", 707292),
    ("Russian forces entered Izyum.", 707292),
])
def test_spellings_and_old_names(gaz: Gazetteer, text: str, geonameid: int) -> None:
    place = geocode(text, gaz)
    assert place is not None and place.geonameid == geonameid, place


# -- Cyrillic inflections -------------------------------------------------------------

@pytest.mark.parametrize(("text", "geonameid"), [
    ("Обстрел в Алчевске продолжался всю ночь.", 713716),
    ("Взрывы прогремели в Донецке.", 709717),
    ("Бои у Малотарановки.", 702055),
    ("Колонна вышла из Харькова.", 706483),
    ("Удар по Бахмуту.", 713174),
    ("Вибухи у Лисичанську.", 702972),
])
def test_cyrillic_case_endings(gaz: Gazetteer, text: str, geonameid: int) -> None:
    place = geocode(text, gaz)
    assert place is not None and place.geonameid == geonameid, place


def test_inflected_city_beats_a_hamlet_spelt_like_it(gaz: Gazetteer) -> None:
    place = geocode("Взрывы прогремели в Харькове.", gaz)
    assert place is not None and place.geonameid == 706483


def test_crimea_in_russian_cases_is_the_region(gaz: Gazetteer) -> None:
    for text in ("Обстрел Крыма.", "Взрывы в Крыму."):
        place = geocode(text, gaz)
        assert place is not None and place.admin1 == "Crimea" and place.geo_precision == 3


def test_oblast_in_russian_genitive(gaz: Gazetteer) -> None:
    place = geocode("Обстрелы Донецкой области продолжаются.", gaz)
    assert place is not None and place.admin1 == "Donetsk" and place.geo_precision == 3


# -- words that are names of places and of other things ----------------------------------

@pytest.mark.parametrize("text", [
    "Vladimir Putin spoke on Mayak radio about the Maidan protests.",
    "The Pivdenne operational command said the situation was stable.",
    "Peace talks resumed in May and Victory was declared.",
    "Kyrylo Bayev won the title.",
    "the shelling of the village continued",
    "Radio Liberty said Many residents had left.",
    "The New York Times quoted Doroshenko.",
    "Officials from Romania and Kosovo met in Berlin.",
])
def test_non_place_words_are_not_places(gaz: Gazetteer, text: str) -> None:
    assert [r.match.text for r in explain(text, gaz) if r.chosen is not None] == []


def test_an_old_name_of_a_hamlet_needs_the_text_to_back_it(gaz: Gazetteer) -> None:
    (r,) = explain("Shelling of Zhelanne was reported.", gaz)
    assert r.chosen is None and "old or foreign" in r.why
    assert geocode("Shelling of Zhelanne, Donetsk region.", gaz).geonameid == 687223


def test_a_regional_centre_wins_over_villages_of_the_documents_region(gaz: Gazetteer) -> None:
    text = ("Fighting went on near Bakhmut in the Donetsk region. "
            "Separately, a missile hit Mykolaiv.")
    names = {r.match.text: r.chosen for r in explain(text, gaz)}
    assert gaz.geonameid[names["Mykolaiv"]] == 700569


def test_mayak_is_a_place_with_a_settlement_cue(gaz: Gazetteer) -> None:
    place = geocode("A shell wounded a man in the city of Mayak (LNR) on Monday.", gaz)
    assert place is not None and place.admin1 == "Luhansk" and place.name == "Maiak"


def test_lowercase_words_are_never_places(gaz: Gazetteer) -> None:
    assert find_places("a lyman and a maidan", gaz) == []


# -- fuzzy rescue -------------------------------------------------------------------------

def test_fuzzy_rescue_in_a_place_context(gaz: Gazetteer) -> None:
    place = geocode("Two launchers burned near the village of Malotaranovi, Donetsk "
                    "People's Republic.", gaz)
    assert near(place, 48.66165, 37.51025, 1) and place.geo_precision == 2
    (match, *_) = find_places("near the village of Malotaranovi", gaz)
    assert match.via == "fuzzy" and match.similarity >= 93


def test_quotes_do_not_hide_the_context(gaz: Gazetteer) -> None:
    place = geocode("Launchers were hit near the village of “Malotaranovi”, DPR.", gaz)
    assert place is not None and place.geonameid == 702055 and place.geo_precision == 2


def test_fuzzy_rescue_needs_a_place_context(gaz: Gazetteer) -> None:
    assert find_places("Malotaranovi said nothing.", gaz) == []


def test_fuzzy_rescue_with_a_region_right_after(gaz: Gazetteer) -> None:
    place = geocode("Malotaranovi, Donetsk People's Republic", gaz)
    assert place is not None and place.geonameid == 702055


# -- relative phrases, regions, parts of cities ------------------------------------------------

@pytest.mark.parametrize("text", [
    "Heavy fighting south of Kramatorsk.",
    "Positions near Bakhmut were shelled.",
    "Clashes in the Bakhmut area.",
    "Attacks on the outskirts of Bakhmut.",
    "The enemy advanced in the Bakhmut direction.",
])
def test_relative_phrases_give_precision_2(gaz: Gazetteer, text: str) -> None:
    place = geocode(text, gaz)
    assert place is not None and place.geo_precision == 2 and place.admin1 == "Donetsk"


def test_a_raion_gives_precision_2(gaz: Gazetteer) -> None:
    place = geocode("The enemy shelled the Bakhmut district overnight.", gaz)
    assert place is not None and place.geo_precision == 2 and place.admin1 == "Donetsk"
    assert "Raion" in (place.name or "")


def test_settlement_gives_precision_1(gaz: Gazetteer) -> None:
    place = geocode("A missile hit Kramatorsk.", gaz)
    assert place is not None and place.geo_precision == 1 and place.name == "Kramatorsk"


@pytest.mark.parametrize(("text", "admin1"), [
    ("Shelling in the Mykolaiv region.", "Mykolaiv"),
    ("Shelling in Kherson oblast.", "Kherson"),
    ("Shelling in the Donetsk People's Republic.", "Donetsk"),
    ("Shelling in the LPR.", "Luhansk"),
    ("Shelling across Zaporizhzhia Oblast.", "Zaporizhia"),
    ("Shelling in the Belgorod region.", "Belgorod"),
    ("Shelling in Crimea.", "Crimea"),
])
def test_region_alone_gives_admin1_and_precision_3(gaz: Gazetteer, text: str,
                                                   admin1: str) -> None:
    place = geocode(text, gaz)
    assert place is not None and place.admin1 == admin1 and place.geo_precision == 3
    assert place.lat is not None


def test_a_city_that_names_its_region_is_the_city(gaz: Gazetteer) -> None:
    for text in ("Rocket attack on Zaporizhia.", "Ракетний удар по Запоріжжю."):
        place = geocode(text, gaz)
        assert place is not None and place.geonameid == 687700 and place.geo_precision == 1


def test_the_capital_of_a_region_is_its_centre(gaz: Gazetteer) -> None:
    place = geocode("Ukrainian troops shelled the capital of the DPR.", gaz)
    assert place is not None and place.geonameid == 709717 and place.geo_precision == 1


def test_donbas_names_two_regions_and_no_point(gaz: Gazetteer) -> None:
    assert geocode("Fighting continued in Donbas.", gaz) is None


def test_district_of_a_city_is_the_city(gaz: Gazetteer) -> None:
    place = geocode("A shell hit the Kievsky district of Donetsk.", gaz)
    assert place is not None and place.geonameid == 709717


def test_nothing_found(gaz: Gazetteer) -> None:
    assert geocode("Nobody said anything about it.", gaz) is None
    assert find_places("", gaz) == []


def test_spans_point_at_the_mention(gaz: Gazetteer) -> None:
    text = "Overnight, Alchevsk came under fire."
    place = geocode(text, gaz)
    assert place is not None and place.span is not None
    assert text[place.span.start:place.span.end] == "Alchevsk"


# -- the pipeline stage -----------------------------------------------------------------------

def _report(doc_id: str, location: Place | None, sentences: tuple[Span, ...] = ()) -> Report:
    return Report(event_id=f"{doc_id}-1", doc_id=doc_id, event_type="Battles",
                  location=location, sentences=sentences)


def test_stage_resolves_mentions_and_searches_sentences(gaz: Gazetteer) -> None:
    text = ("Rockets fell on Alchevsk. Later a village near Malotaranovi was hit. "
            "Officials in the Donetsk People's Republic blamed Kyiv.")
    doc = Document(id="d1", text=text)
    s = text.index("Malotaranovi")
    reports = (
        _report("d1", Place(mention="Alchevsk", span=Span(16, 24))),
        _report("d1", Place(mention="Malotaranovi", span=Span(s, s + 12))),
        _report("d1", None, sentences=(Span(0, 25),)),
        _report("d1", Place(mention="the north", admin1="Donetsk", geo_precision=3)),
    )
    stage = make_stage(Resources(injected={"gazetteer": gaz}))
    out = stage(Analysis(doc, reports))
    alchevsk, malo, found, region = (r.location for r in out.reports)
    assert alchevsk.geonameid == 713716 and alchevsk.span == Span(16, 24)
    assert malo.geonameid == 702055 and malo.mention == "Malotaranovi"
    assert found is not None and found.geonameid == 713716
    assert region.admin1 == "Donetsk" and region.geo_precision == 3 and region.lat is not None


def test_boilerplate_names_are_no_context(gaz: Gazetteer) -> None:
    text = "Shells hit Mayak overnight.\nMore stories: storms in the Kharkiv region."
    boiler = Span(text.index("More"), len(text))
    with_footer = DocumentGeocoder(text, gaz)
    without = DocumentGeocoder(text, gaz, boilerplate=(boiler,))
    assert [m.text for m in without.matches] == []
    assert any(m.regions == ("Kharkiv",) for m in with_footer.matches)


def test_stage_uses_the_region_the_extractor_read(gaz: Gazetteer) -> None:
    text = "Shelling hit Berestove. Officials said so."
    loc = Place(mention="Berestove", span=Span(13, 22), admin1="Zaporizhzhia oblast")
    place = DocumentGeocoder(text, gaz).locate(_report("d3", loc))
    assert place is not None and place.admin1 == "Zaporizhia" and place.lat is not None
    assert place.span == Span(13, 22) and place.name == "Berestove"


def test_stage_keeps_an_unresolvable_mention(gaz: Gazetteer) -> None:
    doc = Document(id="d2", text="Fighting near Qwertyvka continued.")
    loc = Place(mention="Qwertyvka", span=Span(14, 23))
    geocoder = DocumentGeocoder(doc.text, gaz)
    place = geocoder.locate(_report("d2", loc))
    assert place == loc and place.lat is None


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("Mayk LNR,.'’-()ДонецкеAlchvsBrto\n")), max_size=80))
def test_find_places_never_fails_and_spans_are_exact(gaz: Gazetteer, text: str) -> None:
    for m in find_places(text, gaz):
        assert text[m.span.start:m.span.end] == m.text
    for r in explain(text, gaz):
        assert r.chosen is None or 0 <= r.chosen < len(gaz)



def test_the_region_of_a_regional_centre_is_the_region(gaz: Gazetteer) -> None:
    region = geocode("Russian forces were shelling the eastern region of Donetsk.", gaz)
    assert region is not None and region.admin1 == "Donetsk" and region.geo_precision == 3
    city = geocode("Shelling hit Donetsk.", gaz)
    assert city is not None and city.geo_precision == 1


def test_every_place_of_a_near_list_is_approximate(gaz: Gazetteer) -> None:
    found = explain("Clashes went on near the villages of Lymany and Blahodatne.", gaz)
    assert [r.match.relative for r in found] == [True, True] and found[0].precision == 2
    plain = explain("Shelling hit Lymany and Blahodatne.", gaz)
    assert [r.match.relative for r in plain] == [False, False]
