"""Claims rules from the judges' review: which denials dispute an incident, who speaks."""

from __future__ import annotations

import pytest
from extract_helpers import reports


def _denied(text: str) -> list[bool]:
    return [r.disputed for r in reports(text)]


@pytest.mark.parametrize("denial", [
    "Moscow denies targeting civilians.",
    "Russia has repeatedly denied attacking civilian areas.",
    "The Kremlin denies that its forces target civilians.",
])
def test_a_standing_denial_of_a_kind_of_act_disputes_nothing(denial: str) -> None:
    text = ("Regional police said three villagers were wounded when Russian artillery shelled "
            f"Velyka Pysarivka on Monday. {denial}")
    assert _denied(text) == [False]


def test_a_denial_of_one_specific_act_still_disputes_it() -> None:
    text = ("Regional police said three villagers were wounded when Russian artillery shelled "
            "Velyka Pysarivka on Monday. Moscow denied shelling the village.")
    assert _denied(text) == [True]


def test_rejecting_only_that_the_target_was_military_is_no_denial_of_the_strike() -> None:
    text = ("Russia's defence ministry said its missiles hit a barracks in Uman on Monday. "
            "Kyiv rejected Russian claims that a military target was hit, saying the strike "
            "killed nine residents of a block of flats.")
    found = reports(text)
    assert [r.disputed for r in found] == [False]
    assert not any(c.stance.value == "denies" for c in found[0].claims)


def test_calling_a_claim_false_then_saying_there_were_no_tanks_is_a_detail() -> None:
    text = ("Russian missiles struck a tram depot in Kyiv on Sunday, and Russia's defence "
            "ministry said the strike destroyed tanks stored there. The depot's director said "
            "the Russian claims were false. \"There are no such tanks here, only trams,\" he "
            "said.")
    assert _denied(text) == [False]


def test_a_denial_of_an_act_of_another_month_does_not_attach() -> None:
    text = ("Fire broke out at an oil depot in Bryansk on Tuesday, its governor said. Moscow "
            "last month blamed Kyiv for a drone attack on a refinery nearby, which Kyiv "
            "denied.")
    assert all(d is False for d in _denied(text))


def test_a_denial_withdrawn_before_the_army_confirmed_the_retreat_is_no_denial() -> None:
    text = ("Russia claimed on Saturday that its troops had captured Pisky. Ukraine's "
            "president had earlier denied the Russian claims before the army announced the "
            "withdrawal on Sunday.")
    found = reports(text)
    assert found and not any(r.disputed for r in found)
