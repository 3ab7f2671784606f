"""Scope: reports of things that happened outside the conflict are no incidents of it.

Runs after geocoding. A report whose resolved place lies in a country outside the
profile's scope (``<profile>_scope.yaml``), or in a partly involved country outside
its listed regions (unless the conflict's side struck there), is dropped, and the
document's notes say which and why. The project gazetteer knows only Ukraine and
Russia's border regions, so an unresolved mention is looked up too: in the scope
file's own names, in pycountry's country names, and in GeoNames' world cities of
100,000 people or more (``profiles/world_cities.tsv.gz``, built by
``scripts/make_world_cities.py``); it is dropped only when every place it could name
lies outside the scope. A report with no place, or with a
place nobody can locate, stays: lacking a place is no proof of being elsewhere.
"""

from __future__ import annotations

import gzip
import sys
from collections.abc import Callable
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from .model import Report
from .profiles import Scope, load_scope

if TYPE_CHECKING:
    from .pipeline import Analysis, Resources

__all__ = ["countries_of", "in_scope", "make_stage", "out_of_scope"]

CITIES_PATH = Path(__file__).parent / "profiles" / "world_cities.tsv.gz"


@cache
def _cities(path: Path = CITIES_PATH) -> dict[str, str]:
    """Lower-cased city name -> the countries it can be in ("UA,US"); read on the first
    unresolved mention (some 60,000 names, tens of milliseconds, about 10 MB)."""
    from .errors import FogwatchError

    try:
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            rows = (line.rstrip("\n").split("\t") for line in lines if not line.startswith("#"))
            return {name: sys.intern(codes) for name, codes in rows}
    except (OSError, ValueError) as error:
        raise FogwatchError(f"{path}: world city names cannot be read: {error}",
                            hint="rebuild it with scripts/make_world_cities.py") from error


@cache
def _country_code(name: str) -> str | None:
    import pycountry

    try:
        return str(pycountry.countries.lookup(name).alpha_2)
    except LookupError:
        return None


def _lookup(mention: str, scope: Scope) -> tuple[frozenset[str], bool]:
    """(every country a name the gazetteer lacks could be in, whether it names a whole
    country rather than a place in one)."""
    name = mention.strip().removeprefix("the ").strip()
    key = name.lower()
    if key in scope.places:
        return frozenset({scope.places[key]}), False
    if key in scope.aliases:
        return frozenset({scope.aliases[key]}), True
    country = _country_code(name)
    if country:
        return frozenset({country}), True
    codes = _cities().get(key)
    return (frozenset(codes.split(",")) if codes else frozenset()), False


def countries_of(mention: str, scope: Scope) -> frozenset[str]:
    """Every country a place name not in the gazetteer could be in (empty: unknown)."""
    return _lookup(mention, scope)[0]


def _allowed(country: str, admin1: str | None, attacker_side: str | None, scope: Scope,
             region_unknown: bool = False) -> bool:
    """Whether a place in ``country`` (region ``admin1``) belongs to the conflict. In a
    partly involved country a place whose region cannot be told ("in Russia") stays."""
    if country in scope.countries:
        return True
    if country in scope.partial:
        regions, attackers = scope.partial[country]
        return region_unknown or admin1 in regions or attacker_side in attackers
    return False


def out_of_scope(report: Report, scope: Scope) -> str | None:
    """Why the report's place is outside the conflict, or None when it is not.

    A place the gazetteer resolved in a partly involved country has its region; one it
    could not resolve there but the world city table knows is a city outside the
    regions the gazetteer covers (Russia's border regions); a bare country name leaves
    the region unknown, and the report stays.
    """
    place = report.location
    if place is None:
        return None
    side = report.attacker.side if report.attacker else None
    where = place.name or place.mention
    if place.country:
        if _allowed(place.country, place.admin1, side, scope,
                    region_unknown=place.admin1 is None):
            return None
        region = f", {place.admin1}" if place.admin1 else ""
        return f"{where} ({place.country}{region}) is outside the conflict"
    if not place.mention:
        return None
    countries, whole = _lookup(place.mention, scope)
    inside = whole or place.mention.strip().lower() in scope.partial_places
    if not countries or any(_allowed(c, None, side, scope, region_unknown=inside)
                            for c in countries):
        return None
    return f"{where} ({'/'.join(sorted(countries))}) is outside the conflict"


def in_scope(reports: tuple[Report, ...], scope: Scope
             ) -> tuple[tuple[Report, ...], tuple[str, ...]]:
    """(the reports kept, one note per report dropped)."""
    kept: list[Report] = []
    notes: list[str] = []
    for report in reports:
        why = out_of_scope(report, scope)
        if why is None:
            kept.append(report)
        else:
            notes.append(f"scope: dropped {report.event_id}: {why}")
    return tuple(kept), tuple(notes)


def make_stage(resources: Resources) -> Callable[[Analysis], Analysis]:
    """The "scope" stage; a profile without a scope file lets every report through."""
    scope = load_scope(resources.profile_name)

    def stage(analysis: Analysis) -> Analysis:
        if scope is None or not analysis.reports:
            return analysis
        kept, notes = in_scope(analysis.reports, scope)
        if not notes:
            return analysis
        document = analysis.document
        flags = replace(document.flags, notes=document.flags.notes + notes)
        return replace(analysis, document=replace(document, flags=flags), reports=kept)

    return stage
