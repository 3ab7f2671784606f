"""Profiles load once, validate, and name file and line in their errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from fogwatch.errors import ProfileError
from fogwatch.profiles import load_profile

MINIMAL = """\
profile: test
sides: {UA: u, RU: r, other: o, unknown: x}
actors:
  - {name: A, side: UA, aliases: [alpha]}
claimants:
  - {name: C, side: RU}
weapons:
  - {name: Grad, class: MLRS, aliases: [grad]}
events:
  - event_type: Battles
    sub_event_type: Armed clash
    triggers: [clashed]
regions:
  Luhansk: [luhansk region]
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_profile_loads_once() -> None:
    profile = load_profile("ukraine")
    assert profile is load_profile("ukraine")
    assert profile.name == "ukraine"
    assert {"UA", "RU", "other", "unknown"} <= set(profile.sides)
    assert any(w.name == "HIMARS" and w.weapon_class == "MLRS" for w in profile.weapons)


def test_minimal_profile(tmp_path: Path) -> None:
    profile = load_profile(_write(tmp_path, MINIMAL))
    assert [a.name for a in profile.actors] == ["A"]
    assert profile.regions[0][0] == "Luhansk"


def test_unknown_key_names_file_and_line(tmp_path: Path) -> None:
    path = _write(tmp_path, MINIMAL + "colour: blue\n")
    with pytest.raises(ProfileError, match=r"p\.yaml:15: unknown key 'colour'"):
        load_profile(path)


def test_wrong_type_names_line(tmp_path: Path) -> None:
    text = MINIMAL.replace("triggers: [clashed]", "triggers: clashed")
    with pytest.raises(ProfileError, match=r"p\.yaml:12: events\[0\]\.triggers must be a list"):
        load_profile(_write(tmp_path, text))


def test_misspelt_acled_type(tmp_path: Path) -> None:
    text = MINIMAL.replace("Armed clash", "Armed Clash")
    with pytest.raises(ProfileError, match="not an ACLED event/sub-event type"):
        load_profile(_write(tmp_path, text))


def test_bad_side_and_bad_regex(tmp_path: Path) -> None:
    with pytest.raises(ProfileError, match="has side 'XX'"):
        load_profile(_write(tmp_path, MINIMAL.replace("side: UA", "side: XX")))
    with pytest.raises(ProfileError, match="bad pattern"):
        load_profile(_write(tmp_path, MINIMAL.replace("[clashed]", "['clash(ed']")))


def test_missing_file_and_bad_yaml(tmp_path: Path) -> None:
    with pytest.raises(ProfileError, match="cannot read profile"):
        load_profile(tmp_path / "nope.yaml")
    with pytest.raises(ProfileError, match=r"p\.yaml:\d+: not valid YAML"):
        load_profile(_write(tmp_path, "profile: [unclosed\n"))
