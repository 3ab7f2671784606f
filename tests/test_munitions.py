"""Munitions of one act, counted as the text lists them (own example sentences).

The count is slots.find_munitions's; these cases are the judges' kinds of miss: a
listed barrage, "two of four", strikes and missiles counted in a passive.
"""

from __future__ import annotations

import pytest

from fogwatch.extract.slots import find_munitions
from fogwatch.profiles import load_profile

PROFILE = load_profile("ukraine")


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Overnight they fired six artillery shells, two mortar shells and launched four "
         "rocket strikes at the village.", 12),
        ("Air defences downed three of five missiles; the other two hit a warehouse.", 5),
        ("Two strikes were recorded near the dam.", 2),
        ("The airfield was hit by 11 missiles before dawn.", 11),
        ("They launched 20 drones and four missiles, the air force said.", 24),
        ("Three rockets hit the town and two people died.", 3),
        ("The village was shelled five times on Monday.", 5),
        ("Several rockets hit the port.", None),
    ],
)
def test_munitions_of_one_act(text: str, count: int | None) -> None:
    found = find_munitions(text, 0, len(text), PROFILE)
    assert (None if found is None else found[0]) == count
