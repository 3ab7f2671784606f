"""Round-6 rules from the audit of real output (report slots): each case is a short text of
ours, written to fail without its rule."""

from __future__ import annotations

from extract_helpers import reports

from fogwatch.extract.slots import find_munitions
from fogwatch.profiles import load_profile


def _at(found: list, place: str):  # type: ignore[no-untyped-def]
    return next(r for r in found if r.location and r.location.mention == place)


def test_a_toll_day_of_another_place_does_not_date_the_next_act() -> None:
    found = reports(
        "The number killed by a weekend shelling of flats in Bakhmut climbed to 12 on "
        "Tuesday. Rescuers are still searching the rubble. Three people died when a "
        "Ukrainian rocket hit a fuel depot in Melitopol.",
        published="2024-05-15",
    )
    depot = _at(found, "Melitopol")
    assert depot.time_precision == 2
    assert depot.date_range is not None and depot.date_range[0] < depot.date_range[1]


def test_a_day_said_in_passing_of_other_news_does_not_date_the_act() -> None:
    found = reports(
        "A missile strike on a prison camp in Olenivka killed 30 inmates, officials said.\n\n"
        "Kyiv expects the shipping deal to be signed later on Thursday, ministers said.",
        published="2024-05-17",
    )
    camp = _at(found, "Olenivka")
    assert camp.time_precision == 2
    assert camp.date_range is not None and camp.date_range[0] < camp.date_range[1]


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
