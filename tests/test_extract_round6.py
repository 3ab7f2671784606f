"""Round-6 rules from the audit of real output (report slots): each case is a short text of
ours, written to fail without its rule."""

from __future__ import annotations

import pytest
from extract_helpers import one, reports
from hypothesis import given
from hypothesis import strategies as st

from fogwatch.extract.slots import find_munitions, find_places
from fogwatch.profiles import load_profile

_PROFILE = load_profile("ukraine")


def _at(found: list, place: str):  # type: ignore[no-untyped-def]
    return next(r for r in found if r.location and r.location.mention == place)


@pytest.mark.parametrize(("text", "published", "place"), [
    # a toll day of another place does not date the next act
    ("The number killed by a weekend shelling of flats in Bakhmut climbed to 12 on "
     "Tuesday. Rescuers are still searching the rubble. Three people died when a "
     "Ukrainian rocket hit a fuel depot in Melitopol.", "2024-05-15", "Melitopol"),
    # a day said in passing of other news does not date the act
    ("A missile strike on a prison camp in Olenivka killed 30 inmates, officials said.\n\n"
     "Kyiv expects the shipping deal to be signed later on Thursday, ministers said.",
     "2024-05-17", "Olenivka"),
])
def test_a_day_of_another_matter_does_not_date_the_act(text: str, published: str,
                                                       place: str) -> None:
    act = _at(reports(text, published=published), place)
    assert act.time_precision == 2
    assert act.date_range is not None and act.date_range[0] < act.date_range[1]


def test_a_day_said_of_the_same_act_still_dates_it() -> None:
    found = reports(
        "A missile strike on a prison camp in Olenivka killed 30 inmates, officials said.\n\n"
        "The camp in Olenivka was hit again on Thursday, guards said.",
        published="2024-05-17",
    )
    camp = _at(found, "Olenivka")
    assert str(camp.date) == "2024-05-16" and camp.time_precision == 1


def test_a_double_strike_counts_two_munitions() -> None:
    found = reports("A double missile strike hit a hotel in Zatoka on Monday, killing five.",
                    published="2024-05-15")
    assert _at(found, "Zatoka").munitions == 2


def test_a_triple_attack_counts_three_and_a_twin_town_counts_nothing() -> None:
    profile = load_profile("ukraine")
    text = "The triple drone attack on the twin towns hit a depot."
    assert find_munitions(text, 0, len(text), profile) is not None
    assert find_munitions(text, 0, len(text), profile)[0] == 3
    other = "Officials in the twin towns said a depot was hit."
    assert find_munitions(other, 0, len(other), profile) is None


def test_arms_a_ministry_names_later_for_the_same_act_are_the_reports() -> None:
    found = reports(
        "Russian troops shelled the Azovstal works in Mariupol. Crowds waited at the gates. "
        "Buses left at noon. The buses reached Berdiansk. Moscow's defence ministry said its "
        "units kept targeting the Azovstal works with artillery and aircraft fire.",
        published="2024-05-04",
    )
    works = _at(found, "Azovstal")
    assert [w.weapon_class for w in works.weapons] == ["artillery", "aircraft"]
    assert works.sub_event_type == "Shelling/artillery/missile attack"


def test_an_attacker_is_named_as_the_text_words_it_and_keeps_its_side() -> None:
    found = reports(
        "Occupation officials blamed Ukrainian saboteurs for a car bomb that wounded two "
        "people in Melitopol on Monday.",
        published="2024-06-12",
    )
    bomb = _at(found, "Melitopol")
    assert bomb.attacker is not None
    assert (bomb.attacker.name, bomb.attacker.side) == ("Ukrainian saboteurs", "UA")


def test_an_official_the_bomb_was_aimed_at_is_the_target() -> None:
    found = reports(
        "State media said the Russian-installed head of the town of Vasylivka was slightly "
        "hurt as a result of a car bomb attack on Monday.",
        published="2024-06-12",
    )
    bomb = _at(found, "Vasylivka")
    assert bomb.target is not None
    assert (bomb.target.name, bomb.target.category) == (
        "russian-installed head of the town", "civilian")


def test_a_target_only_the_striker_claims_and_a_third_party_disputes_is_no_fact() -> None:
    found = reports(
        "Britain's defence ministry disputed Russia's account of Sunday's missile strike on "
        "Odesa, saying the Russian MoD claimed to have hit a Ukrainian warship.",
        published="2024-07-26",
    )
    assert _at(found, "Odesa").target is None


def test_what_another_speaker_says_was_struck_replaces_a_disputed_target() -> None:
    found = reports(
        "Russian missiles struck Kyiv on Sunday, injuring one man. Moscow's defence ministry "
        "said the strikes had destroyed tanks kept in a repair shop. A Ukrainian railway "
        "official said the Russian claims were false. Ivan Petrenko, a member of the "
        "Ukrainian rail firm's board, added that its facilities were hit in the strike.",
        published="2024-06-05",
    )
    strike = _at(found, "Kyiv")
    assert strike.target is not None
    assert (strike.target.name, strike.target.category) == ("facilities", "infrastructure")


def test_the_attackers_word_on_arms_at_the_named_target_far_on_is_the_reports() -> None:
    found = reports(
        "Russian forces shelled the Illich steelworks in the city of Mariupol. Buses left the "
        "city at dawn. Aid workers counted the evacuees. The convoy was slow. Drivers waited "
        "at checkpoints. Families were reunited. Doctors treated the sick. Volunteers handed "
        "out bread. Moscow's defence ministry said its units were targeting the Illich works "
        "with heavy artillery.",
        published="2024-05-04",
    )
    works = _at(found, "Mariupol")
    assert [w.weapon_class for w in works.weapons] == ["artillery"]
    assert "RU" in {c.side for c in works.claims}


@given(st.sampled_from([("double", 2), ("twin", 2), ("triple", 3), ("quadruple", 4)]),
       st.sampled_from(["", "missile ", "rocket ", "drone "]),
       st.sampled_from(["strike", "attack", "blast"]))
def test_a_multiple_act_counts_its_blows(times: tuple[str, int], noun: str, act: str) -> None:
    text = f"Officials said a {times[0]} {noun}{act} hit the port."
    found = find_munitions(text, 0, len(text), _PROFILE)
    assert found is not None and found[0] == times[1]
    assert text[found[1].start : found[1].end].startswith(times[0])


def _blog(entries: list[str], published: str) -> list:  # type: ignore[type-arg]
    from fogwatch.extract import extract_reports
    from fogwatch.model import Document, Flags, Span

    text, spans, stamps = "", [], []
    for body in entries:
        # the stamp on a line of its own, as boilerplate: it dates the entry, no act
        start = len(text)
        text += body + "\n\n"
        spans.append(Span(start, start + len(body)))
        stamps.append(Span(start, text.index("\n", start)))
    doc = Document(id="b", text=text, published=published,
                   flags=Flags(entries=tuple(spans), boilerplate=tuple(stamps)))
    return extract_reports(doc, _PROFILE)


def test_an_undated_act_in_an_entry_stamped_after_midnight_is_of_the_days_before() -> None:
    late = _blog(["14 Jun 2024 00.40\nOur live coverage stops here. A Ukrainian "
                  "rocket hit a fuel depot in Tokmak, killing three people."], "2024-06-14")
    depot = _at(late, "Tokmak")
    assert depot.date_range is not None and str(depot.date_range[1]) == "2024-06-13"
    assert depot.time_precision == 2
    noon = _blog(["14 Jun 2024 12.40\nOur coverage goes on. A Ukrainian rocket hit a fuel "
                  "depot in Tokmak, killing three people."], "2024-06-14")
    depot = _at(noon, "Tokmak")
    assert depot.date_range is not None and str(depot.date_range[1]) == "2024-06-14"


def test_a_district_named_for_its_university_is_the_area_hit() -> None:
    area = one("A Russian missile struck the university district of Lutsk on Sunday.")
    assert area.target is not None
    assert (area.target.name, area.target.category) == ("university district", "residential")
    campus = one("A Russian missile struck a university in Lutsk on Sunday.")
    assert campus.target is not None
    assert (campus.target.name, campus.target.category) == ("university", "civilian")


def test_a_river_named_before_a_hyphened_river_word_is_no_place() -> None:
    text = "Shells hit boats on the Desna river-bank near Chernihiv on Friday."
    assert [h.mention for h in find_places(text, 0, len(text), load_profile())] == [
        "Chernihiv"]
