"""One incident told in several sentences is one report; different incidents stay apart."""

from __future__ import annotations

import datetime as dt

from extract_helpers import one, reports, sides

from fogwatch.extract.fold import Draft, compatible, container_of, merge, place_key, same_place
from fogwatch.extract.slots import PlaceHit
from fogwatch.model import Span


def test_same_place_folds_and_ids_follow_text_order() -> None:
    text = ("Ukrainian troops shelled Alchevsk with a HIMARS on Friday. "
            "The shelling of Alchevsk damaged a school. "
            "Separately, Russian jets bombed Kupiansk on Thursday.")
    found = reports(text, doc_id="d")
    assert [(r.event_id, r.location.mention if r.location else None) for r in found] == [
        ("d-1", "Alchevsk"), ("d-2", "Kupiansk")]
    assert len(found[0].sentences) == 2


def test_definite_reference_folds() -> None:
    text = ("A missile hit a warehouse in Bila Tserkva on Friday. The strike started a fire, "
            "and two workers were injured in the attack.")
    report = one(text)
    assert report.injured == 2
    assert report.location is not None and report.location.mention == "Bila Tserkva"


def test_different_explicit_dates_stay_apart() -> None:
    text = ("On 8 March, rockets hit Alchevsk. On 1 March, Alchevsk had already been fired "
            "upon by rockets.")
    found = reports(text)
    assert [r.date for r in found] == [dt.date(2024, 3, 8), dt.date(2024, 3, 1)]


def test_opposite_attackers_stay_apart() -> None:
    text = ("Kyiv said Russian troops shelled the town with heavy artillery. "
            "Separatists accused Ukrainian soldiers of firing on their positions in the LPR.")
    found = reports(text)
    assert [r.attacker.side if r.attacker else None for r in found] == ["RU", "UA"]


def test_vague_place_folds_into_the_named_one() -> None:
    text = ("Russian jets destroyed two HIMARS launchers in a village south of Kramatorsk, "
            "the ministry said. Near the village of Malotaranivka, two HIMARS launchers were "
            "destroyed by air-launched missiles, its spokesman said.")
    report = one(text)
    assert report.location is not None and report.location.mention == "Malotaranivka"
    assert report.sub_event_type == "Air/drone strike"


def test_two_named_places_in_different_regions_stay_apart() -> None:
    text = ("Russian missiles struck Lozova in the Kharkiv region on Friday. "
            "Russian missiles also struck Pavlohrad in the Dnipropetrovsk region on Friday.")
    found = reports(text)
    assert [(r.location.mention, r.location.admin1) for r in found if r.location] == [
        ("Lozova", "Kharkiv"), ("Pavlohrad", "Dnipropetrovsk")]


def test_definite_reference_keeps_the_incident_place() -> None:
    text = ("Russian missiles struck Odesa port on Saturday. The attack came hours before "
            "talks in Istanbul on Saturday.")
    report = one(text)
    assert report.location is not None and report.location.mention == "Odesa"
    assert len(report.sentences) == 2


def test_control_prefix_is_not_part_of_the_place() -> None:
    report = one("A blast hit the prison in Kremlin-controlled Olenivka on Friday.")
    assert report.location is not None and report.location.mention == "Olenivka"


def test_live_blog_retelling_far_below_is_the_same_incident() -> None:
    filler = " ".join(f"Talks on grain exports continued in Istanbul, day {i}." for i in range(14))
    text = ("Russian forces seized Sievierodonetsk on Saturday. " + filler +
            " Recap: Russian forces seized Sievierodonetsk on Saturday, officials said.")
    report = one(text)
    assert len(report.sentences) == 2


def test_a_day_named_later_narrows_a_week() -> None:
    from extract_helpers import one
    report = one("This week's missile strike on the centre of Uman killed 20 people. Uman was "
                 "struck on Thursday.", published="2024-08-09")
    assert str(report.date) == "2024-08-08"
    assert report.fatalities == 20


def test_a_later_strike_with_its_own_place_is_not_folded_by_reference() -> None:
    text = ("Russian artillery shelled a bus stop in Nikopol on Monday, killing three people, "
            "the mayor said. The town's water supply was cut. Schools moved online. "
            "Markets stayed shut. Moscow and Kyiv have blamed each other for the strikes on "
            "the dam in Kakhovka, which happened days earlier.")
    found = reports(text, published="2024-03-06")
    places = sorted(r.location.mention for r in found if r.location)
    assert places == ["Kakhovka", "Nikopol"]
    nikopol = next(r for r in found if r.location and r.location.mention == "Nikopol")
    assert {c.claimant for c in nikopol.claims} == {"mayor"}


def test_an_indefinite_strike_after_that_is_no_reference() -> None:
    text = ("Russia's defence ministry said it struck a depot in Stryi in the Lviv region "
            "on Tuesday. Lviv's governor confirmed the strike. Nobody was hurt. "
            "Officials also said that a Ukrainian drone strike hit a supply train in "
            "Kherson oblast on Tuesday.")
    found = reports(text, published="2024-03-06")
    stryi = next(r for r in found if r.location and r.location.mention == "Stryi")
    assert stryi.attacker is None or stryi.attacker.side == "RU"
    assert len(stryi.sentences) == 3  # the act, the governor's confirmation, the toll
    assert stryi.location.admin1 != "Kherson"


def test_a_follow_up_sentence_about_another_place_is_not_attached() -> None:
    text = ("Russian rockets struck a school in Kupiansk on Tuesday, killing two teachers. "
            "Turkey's envoy said that a grain ship was expected to reach Istanbul.")
    found = one(text, published="2024-03-06")
    assert len(found.sentences) == 1
    assert found.claims == [] or all(c.claimant != "Turkey's envoy" for c in found.claims)


def test_two_spellings_of_one_place_are_one_report() -> None:
    text = ("Russian forces struck the central market of Sloviansk on 5 March, killing two "
            "people. Firefighters worked through the night. Volunteers brought water. "
            "Shops stayed shut the next day. The 5 March strike on Slovyansk's market was the "
            "worst this year.")
    found = reports(text, published="2024-03-07")
    assert len(found) == 1
    assert found[0].fatalities == 2
    assert found[0].date == dt.date(2024, 3, 5)


def test_place_key_ignores_transliteration_but_not_other_names() -> None:
    from fogwatch.extract.fold import place_key

    assert place_key("Sievierodonetsk") == place_key("Severodonetsk")
    assert place_key("Kharkiv") == place_key("Kharkov")
    assert place_key("Izium") == place_key("Izyum")
    assert place_key("Lyman") != place_key("Lysychansk")
    assert place_key("Bakhmut") != place_key("Bakhmutske")


def test_a_weekend_attack_whose_toll_rose_on_tuesday_is_dated_to_the_weekend() -> None:
    text = ("On Tuesday the death toll from a weekend missile strike on an apartment block in "
            "Chasiv Yar rose to 45. Saturday’s attack levelled the building and also hit "
            "nearby houses in the town.")
    found = one(text, published="2024-03-12")
    assert found.date == dt.date(2024, 3, 9)
    assert found.fatalities == 45
    assert found.location.mention == "Chasiv Yar"


def test_an_it_in_a_later_sentence_does_not_attach_another_body_s_news() -> None:
    text = ("Russian rockets struck a school in Kupiansk on Tuesday, killing two people. "
            "The US treasury announced that it was sending more economic aid.")
    found = one(text, published="2024-03-06")
    assert len(found.sentences) == 1


def test_drafts_of_two_live_blog_entries_never_fold() -> None:
    from fogwatch.extract.fold import Draft, fold_into

    def draft(sentence: int, entry: int | None) -> Draft:
        made = Draft([sentence], [], "Explosions/Remote violence", "Air/drone strike", 2,
                     entry=entry, anaphoric=True)
        return made

    earlier = [draft(0, 1)]
    assert not fold_into(earlier, draft(1, 2), 1)  # "the attack" in the next entry
    assert fold_into(earlier, draft(2, 1), 2)  # ... and in the same one
    assert fold_into([draft(0, None)], draft(1, 2), 1)  # an unknown entry forbids nothing


# --- a place and a part of it -----------------------------------------------------------


def _hit(text: str, name: str) -> PlaceHit:
    i = text.index(name)
    return PlaceHit(name, Span(i, i + len(name)), 1, False)


def _draft(text: str, name: str) -> Draft:
    draft = Draft([0], [Span(0, len(text))], "Explosions/Remote violence",
                  "Shelling/artillery/missile attack", 2)
    draft.place = _hit(text, name)
    draft.within = container_of(text, draft.place)
    return draft


def test_the_text_says_which_larger_place_a_district_lies_in() -> None:
    cases = {
        ("Blasts shook the northern Lviv suburbs of Rudne and Zymna Voda.", "Zymna Voda"):
            "Lviv",
        ("A rocket landed in the Industrialnyi district of Dnipro.", "Industrialnyi"): "Dnipro",
        ("Odesa’s Peresyp district lost power after the hit.", "Peresyp"): "Odesa",
        ("Shells fell on the Saltivka neighbourhood in the city of Kharkiv.", "Saltivka"):
            "Kharkiv",
    }
    for (text, part), whole in cases.items():
        assert container_of(text, _hit(text, part)) == place_key(whole), text


def test_two_places_side_by_side_are_not_parts_of_each_other() -> None:
    for text, name in [("Rockets hit Kharkiv and Izium overnight.", "Izium"),
                       ("Fighting went on in the outskirts of Bakhmut.", "Bakhmut"),
                       ("The Kherson region was shelled.", "Kherson")]:
        assert container_of(text, _hit(text, name)) is None, text


def test_a_strike_on_a_city_and_on_its_district_is_one_place_for_folding() -> None:
    city = _draft("Missiles struck Dnipro at dawn.", "Dnipro")
    part = _draft("A rocket landed in the Industrialnyi district of Dnipro.", "Industrialnyi")
    other = _draft("A rocket landed in Pavlohrad.", "Pavlohrad")
    assert same_place(city, part) and same_place(part, city)
    assert compatible(city, part) == (True, 2)
    assert not same_place(city, other)
    assert compatible(city, other)[0] is False


def test_merging_keeps_what_the_kept_place_lies_in() -> None:
    part = _draft("A rocket landed in the Industrialnyi district of Dnipro.", "Industrialnyi")
    vague = Draft([1], [Span(0, 1)], "Explosions/Remote violence",
                  "Shelling/artillery/missile attack", 2)
    merge(vague, part)
    assert vague.place is part.place and vague.within == place_key("Dnipro")


# --- each side blames the other -----------------------------------------------------------


def test_each_side_blaming_the_other_for_one_place_is_one_disputed_report() -> None:
    text = ("Ukraine’s military said Russian forces shelled a chemical plant in Sumy on "
            "Tuesday. Russia’s defence ministry said Ukrainian troops had shelled the plant.")
    report = one(text)
    assert report.attacker is None  # each side names the other: no attacker can be coded
    assert report.disputed is True
    assert sides(report) == {"UA"} and sides(report, "denies") == {"RU"}


def test_blame_for_two_places_or_from_one_side_stays_two_reports() -> None:
    two_places = ("Ukraine’s military said Russian forces shelled Sumy on Tuesday. "
                  "Russia’s defence ministry said Ukrainian troops had shelled Belgorod.")
    one_voice = ("Ukraine’s military said Russian forces shelled Sumy on Tuesday. "
                 "Ukraine’s military said Ukrainian troops had shelled Sumy in return.")
    for text in (two_places, one_voice):
        found = reports(text)
        assert [r.attacker.side if r.attacker else None for r in found] == ["RU", "UA"]
        assert not any(r.disputed for r in found)


def test_a_region_from_a_folded_region_only_sentence_is_not_the_towns_region() -> None:
    town = _draft("Rockets hit the market in Pavlohrad.", "Pavlohrad")
    region_only = Draft([1], [Span(0, 1)], "Explosions/Remote violence",
                        "Shelling/artillery/missile attack", 0)
    region_only.place = PlaceHit("Kharkiv region", Span(40, 54), 3, False)
    region_only.admin1 = ("Kharkiv", Span(40, 54))
    merge(town, region_only)
    assert town.place is not None and town.place.mention == "Pavlohrad"
    assert town.admin1 is None


def test_a_region_named_with_the_same_town_is_kept() -> None:
    town = _draft("Rockets hit the market in Pavlohrad.", "Pavlohrad")
    again = _draft("Pavlohrad, in the Dnipropetrovsk region, was hit again.", "Pavlohrad")
    again.admin1 = ("Dnipropetrovsk", Span(18, 32))
    merge(town, again)
    assert town.admin1 is not None and town.admin1[0] == "Dnipropetrovsk"


def test_a_district_of_a_region_names_no_city_and_two_parts_are_not_one_place() -> None:
    for text in ("Shells fell on the Chuhuiv district of Kharkiv region.",
                 "Shells fell on the Chuhuiv district of Kharkiv Oblast."):
        assert container_of(text, _hit(text, "Chuhuiv")) is None, text
    one_part = _draft("Residential districts of Sumy were shelled.", "Sumy")
    other_part = _draft("Residential districts of Okhtyrka were shelled.", "Okhtyrka")
    assert not same_place(one_part, other_part)
