"""Conflict profiles: the knowledge the extractor uses, as validated data.

A profile is a YAML file (``ukraine.yaml`` ships with fogwatch). It is read once per
process, checked against a small schema while the YAML node tree still knows line
numbers (so an error can say "ukraine.yaml:212: weapons[3].class must be a string"),
and turned into a frozen ``Profile`` whose regular expressions are compiled once.
PyYAML is used directly rather than a schema library: the schema is a dozen keys, and
line numbers come for free from ``yaml.compose``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..errors import ProfileError

__all__ = ["ActorEntry", "EventRule", "Profile", "Scope", "WeaponEntry", "load_profile",
           "load_scope", "scope_path"]

_HERE = Path(__file__).resolve().parent

# --- schema ---------------------------------------------------------------------------
# A type is "str", "bool", ("list", T), ("map", T) (str -> T) or ("record", {key: T},
# required keys). Unknown keys in a record fail.
_STR_LIST = ("list", "str")
_ENTRY = ("record", {"name": "str", "side": "str", "aliases": _STR_LIST}, {"name", "side"})
_WEAPON = (
    "record",
    {"name": "str", "class": "str", "aliases": _STR_LIST, "generic": "bool", "side": "str"},
    {"name", "class", "aliases"},
)
_EVENT = (
    "record",
    {"event_type": "str", "sub_event_type": "str", "triggers": _STR_LIST, "weak": "bool",
     "territory": "bool", "retreat": "bool"},
    {"event_type", "sub_event_type", "triggers"},
)
_PLACE = ("record", {"pattern": "str", "precision": "int"}, {"pattern", "precision"})
_SCHEMA = (
    "record",
    {
        "profile": "str",
        "description": "str",
        "sides": ("map", "str"),
        "opposite": ("map", "str"),
        "actors": ("list", _ENTRY),
        "relative_actors": _STR_LIST,
        "claimants": ("list", _ENTRY),
        "media": _STR_LIST,
        "outlets": ("map", "str"),
        "nationality": ("map", _STR_LIST),
        "officials": _STR_LIST,
        "held_places": ("map", _STR_LIST),
        "default_official_side": "str",
        "weapons": ("list", _WEAPON),
        "weapon_class_events": ("map", "str"),
        "events": ("list", _EVENT),
        "anaphora": _STR_LIST,
        "not_incident": ("map", _STR_LIST),
        "targets": ("map", _STR_LIST),
        "regions": ("map", _STR_LIST),
        "reporting_verbs": _STR_LIST,
        "denial_cues": _STR_LIST,
        "denial_objects": _STR_LIST,
        "unverified_cues": _STR_LIST,
        "mutual_blame": _STR_LIST,
        "place_patterns": ("list", _PLACE),
        "not_places": _STR_LIST,
        "landmark_heads": _STR_LIST,
        "landmark_after": _STR_LIST,
    },
    {"profile", "sides", "actors", "claimants", "weapons", "events", "regions"},
)

#: ACLED's types; a profile that misspells one fails at load time, not in the database.
ACLED_TYPES: dict[str, frozenset[str]] = {
    "Battles": frozenset({"Armed clash", "Government regains territory",
                          "Non-state actor overtakes territory"}),
    "Explosions/Remote violence": frozenset({
        "Chemical weapon", "Air/drone strike", "Suicide bomb",
        "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade"}),
    "Violence against civilians": frozenset({"Sexual violence", "Attack",
                                             "Abduction/forced disappearance"}),
    "Protests": frozenset({"Peaceful protest", "Protest with intervention",
                           "Excessive force against protesters"}),
    "Riots": frozenset({"Violent demonstration", "Mob violence"}),
    "Strategic developments": frozenset({
        "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
        "Headquarters or base established", "Looting/property destruction",
        "Non-violent transfer of territory", "Other"}),
}  # fmt: skip

#: A capitalised place name: "Alchevsk", "Nova Kakhovka", "Kryvyi Rih", "Bila Tserkva".
NAME = r"[A-ZА-ЯІЇЄҐ][\w'’ʼ\-]*(?:[ \-](?:[A-ZА-ЯІЇЄҐ][\w'’ʼ\-]*|Rih))*"


def _bool(value: str) -> bool | str:
    low = value.lower()
    return low in ("yes", "true", "on") if low in ("yes", "no", "true", "false", "on", "off") \
        else value


_SCALAR: dict[str, Any] = {
    "tag:yaml.org,2002:int": int,
    "tag:yaml.org,2002:bool": _bool,
    "tag:yaml.org,2002:null": lambda _v: None,
}


def _where(path: Path, node: yaml.Node) -> str:
    return f"{path.name}:{node.start_mark.line + 1}"


def _check(path: Path, node: yaml.Node, kind: Any, at: str) -> Any:
    """Validate ``node`` against ``kind`` and return its Python value."""
    if kind in ("str", "int", "bool"):
        if not isinstance(node, yaml.ScalarNode):
            raise ProfileError(f"{_where(path, node)}: {at} must be a {kind}",
                               hint="write a single value, not a list or mapping")
        value = yaml.constructor.SafeConstructor().construct_scalar(node)
        value = _SCALAR.get(node.tag, str)(value)
        if kind == "str":
            if isinstance(value, bool) or value is None:
                raise ProfileError(f"{_where(path, node)}: {at} must be a string",
                                   hint="quote values like yes/no/null")
            return str(value)
        expected = int if kind == "int" else bool
        if not isinstance(value, expected) or (kind == "int" and isinstance(value, bool)):
            raise ProfileError(f"{_where(path, node)}: {at} must be {kind}, got {value!r}")
        return value
    tag = kind[0]
    if tag == "list":
        if not isinstance(node, yaml.SequenceNode):
            raise ProfileError(f"{_where(path, node)}: {at} must be a list")
        return [_check(path, item, kind[1], f"{at}[{i}]") for i, item in enumerate(node.value)]
    if not isinstance(node, yaml.MappingNode):
        raise ProfileError(f"{_where(path, node)}: {at} must be a mapping")
    out: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key = str(key_node.value)
        if tag == "map":
            out[key] = _check(path, value_node, kind[1], f"{at}.{key}" if at else key)
            continue
        fields, _required = kind[1], kind[2]
        if key not in fields:
            known = ", ".join(sorted(fields))
            raise ProfileError(
                f"{_where(path, key_node)}: unknown key {key!r} in {at or 'profile'}",
                hint=f"known keys: {known}")
        out[key] = _check(path, value_node, fields[key], f"{at}.{key}" if at else key)
    if tag == "record":
        missing = sorted(set(kind[2]) - set(out))
        if missing:
            raise ProfileError(
                f"{_where(path, node)}: {at or 'profile'} lacks {', '.join(missing)}")
    return out


def _compile(path: Path, patterns: list[str], what: str, *, bounded: bool = True,
             flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """One alternation for a list of fragments, so a sentence is scanned once."""
    for p in patterns:
        try:
            re.compile(p)
        except re.error as error:
            raise ProfileError(f"{path.name}: bad pattern in {what}: {p!r}: {error}",
                               hint="fix the regular expression") from None
    body = "|".join(f"(?:{p})" for p in sorted(patterns, key=len, reverse=True)) or "(?!x)x"
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])" if bounded else body, flags)


@dataclass(frozen=True)
class ActorEntry:
    """An actor or claimant: canonical name, side and one pattern for its aliases."""

    name: str
    side: str
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class WeaponEntry:
    name: str
    weapon_class: str
    generic: bool
    pattern: re.Pattern[str]
    side: str | None = None


@dataclass(frozen=True)
class EventRule:
    event_type: str
    sub_event_type: str
    weak: bool
    territory: bool
    pattern: re.Pattern[str]
    retreat: bool = False


@dataclass(frozen=True)
class Profile:
    """A loaded profile: the raw data plus what the extractor matches with."""

    name: str
    path: Path
    data: dict[str, Any]
    sides: dict[str, str]
    opposite: dict[str, str]
    actors: tuple[ActorEntry, ...]
    relative_actors: re.Pattern[str]
    claimants: tuple[ActorEntry, ...]
    media: re.Pattern[str]
    outlets: dict[str, str]
    nationality: tuple[tuple[str, re.Pattern[str]], ...]
    officials: re.Pattern[str]
    held_places: dict[str, str]
    default_official_side: str | None
    weapons: tuple[WeaponEntry, ...]
    weapon_class_events: dict[str, str]
    events: tuple[EventRule, ...]
    anaphora: re.Pattern[str]
    not_incident: dict[str, re.Pattern[str]]
    targets: tuple[tuple[str, re.Pattern[str]], ...]
    regions: tuple[tuple[str, re.Pattern[str]], ...]
    reporting_verbs: re.Pattern[str]
    reporting_words: frozenset[str]
    denial_cues: re.Pattern[str]
    denial_objects: re.Pattern[str]
    unverified_cues: re.Pattern[str]
    place_patterns: tuple[tuple[re.Pattern[str], int], ...]
    not_places: frozenset[str]
    #: last words of a name that make it a landmark or a body, not a settlement
    landmark_heads: frozenset[str]
    #: lower-case words after a name that make it a feature ("the Dnieper river")
    landmark_after: frozenset[str]
    weapon_re: re.Pattern[str]
    trigger_re: re.Pattern[str]
    region_re: re.Pattern[str]
    actor_re: re.Pattern[str]
    claimant_re: re.Pattern[str]
    extra: dict[str, Any] = field(default_factory=dict)
    #: two sides blaming each other for one act ("traded blame over the strike")
    mutual_blame: re.Pattern[str] | None = None

    def side_of(self, side: str) -> str:
        return side if side in self.sides else "unknown"

    def forces_of(self, side: str, default: str | None = None) -> str:
        """The name of a side's forces (its first actor, "Russian Armed Forces"), for an
        attacker the text gives only by side; ``default`` (else the side) without one."""
        return next((a.name for a in self.actors if a.side == side),
                    side if default is None else default)

    def iter_regions(self, text: str, start: int = 0, end: int | None = None
                     ) -> Iterator[tuple[str, re.Match[str]]]:
        end = len(text) if end is None else end
        for m in self.region_re.finditer(text, start, end):
            yield self.regions[int((m.lastgroup or "g0")[1:])][0], m


def _combined(groups: list[list[str]]) -> re.Pattern[str]:
    """One pattern whose group ``g<i>`` says which entry matched, for a single scan."""
    parts = []
    for i, patterns in enumerate(groups):
        body = "|".join(f"(?:{p})" for p in sorted(patterns, key=len, reverse=True))
        parts.append(f"(?P<g{i}>{body})")
    return re.compile(rf"(?<![\w-])(?:{'|'.join(parts) or '(?!x)x'})(?![\w-])", re.IGNORECASE)


def _build(path: Path, data: dict[str, Any]) -> Profile:
    sides = data["sides"]
    for key in ("actors", "claimants"):
        for i, entry in enumerate(data[key]):
            if entry["side"] not in sides:
                raise ProfileError(f"{path.name}: {key}[{i}] ({entry['name']}) has side "
                                   f"{entry['side']!r}", hint=f"use one of {sorted(sides)}")
    for i, rule in enumerate(data["events"]):
        subs = ACLED_TYPES.get(rule["event_type"])
        if subs is None or rule["sub_event_type"] not in subs:
            raise ProfileError(
                f"{path.name}: events[{i}] {rule['event_type']!r}/{rule['sub_event_type']!r} "
                "is not an ACLED event/sub-event type", hint="spell it as SCHEMA.md lists it")

    def entries(key: str) -> tuple[ActorEntry, ...]:
        return tuple(
            ActorEntry(e["name"], e["side"],
                       _compile(path, e.get("aliases") or [re.escape(e["name"])],
                                f"{key} {e['name']}"))
            for e in data.get(key, [])
        )

    place_patterns = []
    for i, p in enumerate(data.get("place_patterns", [])):
        source = p["pattern"].replace("{NAME}", NAME)
        try:
            place_patterns.append((re.compile(source), p["precision"]))
        except re.error as error:
            raise ProfileError(f"{path.name}: place_patterns[{i}]: {error}") from None
    verbs = data.get("reporting_verbs", [])
    return Profile(
        name=data["profile"],
        path=path,
        data=data,
        sides=sides,
        opposite=data.get("opposite", {}),
        actors=entries("actors"),
        relative_actors=_compile(path, data.get("relative_actors", []), "relative_actors"),
        claimants=entries("claimants"),
        media=_compile(path, data.get("media", []), "media"),
        outlets={k.lower(): v for k, v in data.get("outlets", {}).items()},
        nationality=tuple((side, _compile(path, words, f"nationality.{side}"))
                          for side, words in data.get("nationality", {}).items()),
        officials=_compile(path, data.get("officials", []), "officials"),
        held_places={name.lower(): side for side, names in data.get("held_places", {}).items()
                     for name in names},
        default_official_side=data.get("default_official_side"),
        weapons=tuple(WeaponEntry(w["name"], w["class"], bool(w.get("generic")),
                                  _compile(path, w["aliases"], f"weapon {w['name']}"),
                                  w.get("side"))
                      for w in data["weapons"]),
        weapon_class_events=data.get("weapon_class_events", {}),
        events=tuple(EventRule(r["event_type"], r["sub_event_type"], bool(r.get("weak")),
                               bool(r.get("territory")),
                               _compile(path, r["triggers"], f"events[{i}]"),
                               bool(r.get("retreat")))
                     for i, r in enumerate(data["events"])),
        anaphora=_compile(path, data.get("anaphora", []), "anaphora"),
        not_incident={k: _compile(path, v, f"not_incident.{k}", bounded=(k != "intent"))
                      for k, v in data.get("not_incident", {}).items()},
        targets=tuple((cat, _compile(path, words, f"targets.{cat}"))
                      for cat, words in data.get("targets", {}).items()),
        regions=tuple((admin1, _compile(path, aliases, f"regions.{admin1}"))
                      for admin1, aliases in data["regions"].items()),
        reporting_verbs=_compile(path, verbs, "reporting_verbs"),
        reporting_words=frozenset(v.lower() for v in verbs),
        denial_cues=_compile(path, data.get("denial_cues", []), "denial_cues"),
        denial_objects=_compile(path, data.get("denial_objects", []), "denial_objects"),
        unverified_cues=_compile(path, data.get("unverified_cues", []), "unverified_cues"),
        mutual_blame=(_compile(path, data["mutual_blame"], "mutual_blame")
                      if data.get("mutual_blame") else None),
        place_patterns=tuple(place_patterns),
        not_places=frozenset(data.get("not_places", [])),
        landmark_heads=frozenset(data.get("landmark_heads", [])),
        landmark_after=frozenset(data.get("landmark_after", [])),
        weapon_re=_combined([w["aliases"] for w in data["weapons"]]),
        trigger_re=_combined([r["triggers"] for r in data["events"]]),
        region_re=_combined(list(data["regions"].values())),
        actor_re=_combined([e.get("aliases") or [re.escape(e["name"])] for e in data["actors"]]
                           + [data.get("relative_actors", [])]),
        claimant_re=_combined([e.get("aliases") or [re.escape(e["name"])]
                               for e in data["claimants"]]),
    )


def _resolve(name_or_path: str | Path) -> Path:
    candidate = Path(name_or_path)
    if candidate.suffix in (".yaml", ".yml") or candidate.exists():
        return candidate.resolve()
    return _HERE / f"{name_or_path}.yaml"


def _read_yaml(path: Path, what: str, hint: str, example: str) -> yaml.Node:
    """The YAML node tree of a profile file (kept for the line numbers of errors)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ProfileError(f"cannot read {what} {path}: {error.strerror}", hint=hint) from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        raise ProfileError(f"{path.name}{line}: not valid YAML: {getattr(error, 'problem', error)}",
                           hint="check indentation and quoting") from None
    if node is None:
        raise ProfileError(f"{path.name}: empty {what}", hint=f"see {example}")
    return node


@lru_cache(maxsize=8)
def _load(path: Path) -> Profile:
    shipped = ", ".join(sorted(p.stem for p in _HERE.glob("*.yaml")))
    node = _read_yaml(path, "profile", f"give a path to a YAML file or a shipped profile "
                      f"({shipped})", "ukraine.yaml for the keys")
    data = _check(path, node, _SCHEMA, "")
    return _build(path, data)


def load_profile(name_or_path: str | Path = "ukraine") -> Profile:
    """The profile named (``"ukraine"``) or at a path, loaded and validated once."""
    return _load(_resolve(name_or_path))


# --- scope: where a conflict takes place ------------------------------------------------
# A separate file beside the profile (``ukraine_scope.yaml`` for ``ukraine``), so that
# the geography of a conflict can be changed without touching its vocabulary.

_PARTIAL = ("record", {"admin1": _STR_LIST, "attacked_by": _STR_LIST, "places": _STR_LIST},
            set())
_SCOPE_SCHEMA = (
    "record",
    {"countries": _STR_LIST, "partial": ("map", _PARTIAL), "places": ("map", "str"),
     "aliases": ("map", "str")},
    {"countries"},
)
_CODE = re.compile(r"[A-Z]{2}")


@dataclass(frozen=True)
class Scope:
    """The countries of a conflict, the regions of the partly involved ones, and the
    names the gazetteer cannot place, each with its ISO 3166-1 alpha-2 code."""

    path: Path
    countries: frozenset[str]
    #: country -> (its admin1 regions in scope, attacker sides that bring all of it in)
    partial: dict[str, tuple[frozenset[str], frozenset[str]]]
    #: lower-cased name -> country code
    places: dict[str, str]
    aliases: dict[str, str]
    #: lower-cased names of towns in a partly involved country's regions in scope
    partial_places: frozenset[str] = frozenset()


def scope_path(name_or_path: str | Path = "ukraine") -> Path:
    """Where the scope of a profile lives: ``<profile>_scope.yaml`` beside it."""
    profile = _resolve(name_or_path)
    return profile.with_name(f"{profile.stem}_scope.yaml")


@lru_cache(maxsize=8)
def _load_scope(path: Path) -> Scope:
    node = _read_yaml(path, "scope", "give the path of a *_scope.yaml file",
                      "ukraine_scope.yaml")
    data = _check(path, node, _SCOPE_SCHEMA, "")
    codes = [*data["countries"], *data.get("partial", {}), *data.get("places", {}).values(),
             *data.get("aliases", {}).values()]
    for code in codes:
        if not _CODE.fullmatch(code):
            raise ProfileError(f"{path.name}: {code!r} is not a country code",
                               hint="use ISO 3166-1 alpha-2 codes in capitals (UA, RU)")
    return Scope(
        path=path,
        countries=frozenset(data["countries"]),
        partial={country: (frozenset(spec.get("admin1", [])),
                           frozenset(spec.get("attacked_by", [])))
                 for country, spec in data.get("partial", {}).items()},
        places={name.lower(): code for name, code in data.get("places", {}).items()},
        aliases={name.lower(): code for name, code in data.get("aliases", {}).items()},
        partial_places=frozenset(name.lower() for spec in data.get("partial", {}).values()
                                 for name in spec.get("places", [])),
    )


def load_scope(name_or_path: str | Path = "ukraine") -> Scope | None:
    """The scope of a profile (by profile name or path, or a scope file's own path),
    or None when the profile has none: then every place is in scope."""
    candidate = Path(name_or_path)
    path = candidate.resolve() if candidate.name.endswith("_scope.yaml") \
        else scope_path(name_or_path)
    if not path.exists():
        return None
    return _load_scope(path)
