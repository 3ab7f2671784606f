"""The geocoder's word lists and context patterns, read once from ``data/rules.yaml``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from ..errors import GazetteerError
from .normalize import key_of

__all__ = ["Rules", "load_rules"]

_FILE = "rules.yaml"
_COMMON = "common_words.txt"


@dataclass(frozen=True)
class Rules:
    never: frozenset[str]
    ambiguous: frozenset[str]
    first_names: frozenset[str]
    place_cue_before: re.Pattern[str]
    fuzzy_before: re.Pattern[str]
    fuzzy_after: re.Pattern[str]
    relative_before: re.Pattern[str]
    relative_after: re.Pattern[str]
    region_before: re.Pattern[str]
    water_after: re.Pattern[str]
    water_before: re.Pattern[str]
    not_places: tuple[str, ...]
    aliases: dict[str, int]
    #: geonameid -> English names: features that are no settlement (an island, a power
    #: plant) but that the news names as the place of an event.
    landmarks: dict[int, tuple[str, ...]]


def _words(value: Any) -> list[str]:
    out: list[str] = []
    for item in value or ():
        if isinstance(item, list):
            out.extend(str(x) for x in item)
        else:
            out.append(str(item))
    return out


def _pattern(data: dict[str, Any], name: str, flags: int = 0) -> re.Pattern[str]:
    text = "".join(line.strip() for line in str(data.get(name) or "(?!)").splitlines())
    try:
        return re.compile(text, flags)
    except re.error as error:
        raise GazetteerError(f"geo/data/{_FILE}: pattern {name!r} is invalid: {error}",
                             hint="fix the regular expression") from error


@cache
def load_rules() -> Rules:
    text = resources.files("fogwatch.geo").joinpath("data").joinpath(_FILE).read_text("utf-8")
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise GazetteerError(f"geo/data/{_FILE}: {error}",
                             hint="fix the YAML syntax at the line shown") from error
    common = resources.files("fogwatch.geo").joinpath("data").joinpath(_COMMON)
    common_words = [w.strip() for w in common.read_text("utf-8").splitlines()
                    if w.strip() and not w.startswith("#")] if common.is_file() else []
    return Rules(
        never=frozenset(k for w in _words(data.get("never")) if (k := key_of(w))),
        ambiguous=frozenset(k for w in [*_words(data.get("ambiguous")), *common_words]
                            if (k := key_of(w))),
        first_names=frozenset(k for w in _words(data.get("first_names")) if (k := key_of(w))),
        place_cue_before=_pattern(data, "place_cue_before"),
        fuzzy_before=_pattern(data, "fuzzy_before"),
        fuzzy_after=_pattern(data, "fuzzy_after"),
        relative_before=_pattern(data, "relative_before"),
        relative_after=_pattern(data, "relative_after"),
        region_before=_pattern(data, "region_before"),
        water_after=_pattern(data, "water_after", re.I),
        water_before=_pattern(data, "water_before", re.I),
        not_places=tuple(_words(data.get("not_places"))),
        aliases={str(k): int(v) for k, v in (data.get("aliases") or {}).items()},
        landmarks={int(k): tuple(_words(v)) for k, v in (data.get("landmarks") or {}).items()},
    )
