"""Round-6 rules from the audit of real output (report slots): each case is a short text of
ours, written to fail without its rule."""

from __future__ import annotations

from extract_helpers import reports


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
