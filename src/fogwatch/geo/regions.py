"""First-level regions as ACLED spells them, and the many ways reports name them.

The knowledge lives in ``data/regions.yaml``; this module reads it once and turns a
region's entry into the alias list that the gazetteer indexes. ``canonical_admin1``
maps any spelling of a region ("Kharkiv Oblast", "Zaporizhzhya", "Donetska oblast",
"DPR") to ACLED's, so gold sets coded by different people compare equal.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from ..errors import GazetteerError
from .normalize import key_of

__all__ = ["RegionInfo", "canonical_admin1", "load_regions", "region_aliases", "region_around"]

_FILE = "regions.yaml"


@dataclass(frozen=True)
class RegionInfo:
    """One first-level region: ACLED name, GeoNames code, regional centre, aliases."""

    name: str
    country: str
    geonames_code: str
    koatuu: str | None
    capital: str
    aliases: tuple[str, ...]
    cues: tuple[str, ...]
    around: str | None = None  # a city-region's surrounding region


@cache
def _raw() -> dict[str, Any]:
    text = resources.files("fogwatch.geo").joinpath("data").joinpath(_FILE).read_text("utf-8")
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise GazetteerError(
            f"geo/data/{_FILE}: {error}", hint="fix the YAML syntax at the line shown"
        ) from error
    if not isinstance(data, dict) or "regions" not in data:
        raise GazetteerError(f"geo/data/{_FILE}: no 'regions' mapping at the top level")
    return data


def _aliases(name: str, entry: dict[str, Any], data: dict[str, Any],
             bare: bool = True) -> tuple[str, ...]:
    out: list[str] = []
    for base in entry.get("names") or ():
        if bare:
            out.append(base)
        out.extend(f"{base} {suffix}" for suffix in data.get("suffixes") or ())
    for adj in entry.get("adjectives") or ():
        out.extend(f"{adj} {suffix}" for suffix in data.get("adjective_suffixes") or ())
    out.extend(entry.get("extra") or ())
    if bare:
        out.append(name)
    return tuple(dict.fromkeys(out))


@cache
def load_regions() -> tuple[RegionInfo, ...]:
    """Every region of ``regions.yaml``, in file order."""
    data = _raw()
    out = []
    for name, entry in data["regions"].items():
        try:
            country, code = str(entry["geonames"]).split(":")
            capital = str(entry["capital"])
        except (KeyError, ValueError) as error:
            raise GazetteerError(
                f"geo/data/{_FILE}: region {name!r} lacks 'geonames: CC:NN' or 'capital'"
            ) from error
        koatuu = entry.get("koatuu")
        out.append(RegionInfo(name, country, code, str(koatuu) if koatuu else None, capital,
                              _aliases(name, entry, data),
                              _aliases(name, entry, data, bare=False),
                              str(entry["around"]) if entry.get("around") else None))
    return tuple(out)


@cache
def region_around() -> dict[str, str]:
    """City-region -> the region around it (Kyiv City -> Kyiv)."""
    return {r.name: r.around for r in load_regions() if r.around}


def region_groups() -> dict[str, tuple[str, ...]]:
    """Names covering several regions (Donbas): alias -> ACLED region names."""
    return {k: tuple(v) for k, v in (_raw().get("groups") or {}).items()}


def region_aliases(bare: bool = True) -> dict[str, tuple[str, ...]]:
    """Skeleton key -> ACLED region names it can stand for.

    With ``bare=False`` only the names that always mean the region ("Kharkiv oblast",
    "DPR", "Crimea"), not the bare city names ("Kharkiv") that the gazetteer resolves
    as cities.
    """
    out: dict[str, list[str]] = {}
    for region in load_regions():
        for alias in region.aliases if bare else region.cues:
            if key := key_of(alias):
                out.setdefault(key, []).append(region.name)
    for alias, names in region_groups().items():
        if key := key_of(alias):
            out.setdefault(key, []).extend(names)
    return {k: tuple(dict.fromkeys(v)) for k, v in out.items()}


@cache
def _canonical() -> dict[str, str]:
    table: dict[str, str] = {}
    for key, names in region_aliases().items():
        if len(names) == 1:
            table.setdefault(key, names[0])
    for region in load_regions():  # the ACLED name itself always wins
        table[key_of(region.name)] = region.name
    return table


def canonical_admin1(name: str | None) -> str | None:
    """ACLED's spelling of a region given any of its names; None if unknown."""
    if not name:
        return None
    table = _canonical()
    key = key_of(name)
    if key in table:
        return table[key]
    words = key.split()
    while words and words[-1] in {"oblast", "reHIon", "provInce", "raIon", "kraI", "obl"}:
        words.pop()
        if " ".join(words) in table:
            return table[" ".join(words)]
    return None
