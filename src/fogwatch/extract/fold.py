"""One incident told in several sentences of a document becomes one report.

Each incident sentence gives a ``Draft``; a draft folds into an earlier one when
nothing conflicts (explicit dates that do not overlap, two different named places,
two different regions, attackers of opposite sides) and something ties them: a
definite reference ("the attack", "the strike"), the same place, the same named
weapon system, or one of the two has no place at all and they are close together.
A draft never folds into one told in another entry of a live blog; ``compatible``
itself does not look at entries, so that one incident retold in several entries
(same place, type and day) can still be joined as a retelling.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field, replace

from ..model import Span
from .claims import Attribution
from .slots import ActorHit, PlaceHit, WeaponHit

__all__ = ["Draft", "DateInfo", "fold_into", "compatible", "container_of", "place_key",
           "same_place", "traded_blame"]

#: How far back (in sentences) a draft can take in a mention that has no place or
#: no definite reference tying it to the draft.
NEAR = 4
#: How far back a definite reference ("the strike") or a shared place/weapon reaches.
FAR = 12


@dataclass
class DateInfo:
    date: dt.date | None
    date_range: tuple[dt.date, dt.date] | None
    precision: int | None
    kind: str  # explicit | reported | inherited | default
    span: Span | None = None


@dataclass
class Draft:
    sentences: list[int]
    spans: list[Span]
    event_type: str
    sub_event_type: str
    strength: int  # 0 weak default, 1 from the weapon, 2 an explicit trigger
    territory: bool = False
    date: DateInfo | None = None
    time: tuple[str, Span] | None = None
    place: PlaceHit | None = None
    admin1: tuple[str, Span] | None = None
    attacker: ActorHit | None = None
    attacker_strength: float = 0.0
    target: tuple[object, Span] | None = None
    weapons: list[WeaponHit] = field(default_factory=list)
    hit_weapons: set[str] = field(default_factory=set)
    munitions: tuple[int, Span] | None = None
    fatalities: tuple[int, tuple[Span, ...]] | None = None
    injured: tuple[int, tuple[Span, ...]] | None = None
    children: tuple[int, tuple[Span, ...]] | None = None
    civilians: bool | None = None
    attributions: list[Attribution] = field(default_factory=list)
    denials: list[Attribution] = field(default_factory=list)
    unverified: list[Attribution] = field(default_factory=list)
    anaphoric: bool = False
    #: sentences that tell the act as denied ("X denied that its forces shelled Y")
    denied_in: set[int] = field(default_factory=set)
    #: told in a sentence that denies another account: its attacker is a counter-claim
    counter: bool = False
    triggers: list[str] = field(default_factory=list)
    trigger_spans: list[Span] = field(default_factory=list)
    #: the live blog entry it was told in (``Sentence.entry``); None when not known
    entry: int | None = None
    #: ``place_key`` of the larger place the text puts ``place`` in ("the Darnytskyi
    #: district of Kyiv" -> Kyiv's key), from ``container_of``; None when not told
    within: str | None = None
    #: many acts in a region summed up: no report, only an antecedent for the next sentence
    umbrella: bool = False
    #: each side has blamed the other for the act: no attacker can be coded
    contested: bool = False

    @property
    def last(self) -> int:
        return max(self.sentences)

    def specific_weapons(self) -> set[str]:
        return {w.weapon.name.lower() for w in self.weapons if not w.generic} | self.hit_weapons


def _norm(name: str) -> str:
    return name.lower().replace("’", "'").strip()


_VOWELS = re.compile(r"[aeiouy'ʼ`\s-]+")
_DOUBLE = re.compile(r"(.)\1+")


def place_key(name: str) -> str:
    """A spelling-blind key of a place name: transliterations of one name
    ("Sloviansk"/"Slovyansk", "Sievierodonetsk"/"Severodonetsk", "Kharkiv"/"Kharkov")
    differ mostly in vowels, soft signs and doubled letters, so the first letter and the
    consonants that follow identify the name within one document."""
    plain = unicodedata.normalize("NFKD", _norm(name))
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    plain = re.sub(r"['’]s$", "", plain)
    if not plain:
        return ""
    return plain[0] + _DOUBLE.sub(r"\1", _VOWELS.sub("", plain[1:]))


_PART = r"(?:districts?|suburbs?|neighbou?rhoods?|microdistricts?|quarters?|raions?)"
_NAME = r"([A-Z][\w’'-]+(?:[ -][A-Z][\w’'-]+)?)"
#: "the eastern Kyiv suburbs of <part>", "Kyiv’s <part>" + "district" follows
_WHOLE_BEFORE = re.compile(
    rf"{_NAME}(?:’s|'s)?\s+(?:(?:eastern|western|northern|southern|central|north-?\w+|"
    rf"south-?\w+)\s+)?{_PART}\s+of\s+(?:the\s+)?(?:[A-Z][\w’'-]+(?:,\s*|\s+and\s+))*$")
_WHOLE_POSSESSIVE = re.compile(rf"{_NAME}(?:’s|'s)\s+$")
_PART_AFTER = re.compile(rf"^\s+{_PART}\b")
#: "<part> district of Kyiv", "<part> suburb in the capital, Kyiv"
_WHOLE_AFTER = re.compile(
    rf"^\s+{_PART}\s+(?:of|in)\s+(?:the\s+(?:city|capital|town)\s+(?:of\s+|,\s*)?)?"
    rf"{_NAME}")


#: a region word after the larger place's name: "... district of Kharkiv region"
_REGION_WORD = re.compile(r"\s*(?:region|oblast|province|krai|governorate)\b", re.IGNORECASE)
_REGION_NAME = re.compile(r"\b(?:Region|Oblast|Province|Krai)$")


def container_of(text: str, place: PlaceHit | None) -> str | None:
    """The ``place_key`` of the larger place the text puts ``place`` in, if it says so.

    A strike reported on a city and, in another sentence, on one of its districts is
    one act; only the text knows which names are districts of which city, and it says
    so in a few ways: "the X district of Kyiv", "the Kyiv suburbs of X", "Kyiv's X
    district". Read at most a short window either side of the mention.
    """
    if place is None or place.precision == 3:
        return None
    start, end = place.span.start, place.span.end
    before, after = text[max(0, start - 80):start], text[end:end + 80]
    found = _WHOLE_BEFORE.search(before)
    if found is None and _PART_AFTER.match(after):
        found = _WHOLE_POSSESSIVE.search(before)
    if found is None:
        found = _WHOLE_AFTER.match(after)
        if found is not None and _REGION_WORD.match(after, found.end()):
            return None
    if found is None:
        return None
    if _REGION_NAME.search(found.group(1)):
        return None  # "the Izium district of Kharkiv Oblast": a region holds it, no city
    whole = place_key(found.group(1))
    return whole if whole and whole != place_key(place.mention) else None


def same_place(a: Draft, b: Draft) -> bool:
    """Both drafts name one place, or one names a part of the other's ("the X district
    of Kyiv" and "Kyiv"); needs both places. Two parts of a larger place are not one
    place by this alone: the name read as the larger place is trusted only when another
    draft's place bears it (a capitalised word opening a sentence is no city)."""
    if a.place is None or b.place is None:
        return False
    ka, kb = place_key(a.place.mention), place_key(b.place.mention)
    return ka == kb or a.within == kb or b.within == ka


def _claimed_by(draft: Draft, side: str) -> bool:
    return any(a.side == side for a in draft.attributions)


def traded_blame(a: Draft, b: Draft) -> bool:
    """Each side blames the other for an act at one place ("Kyiv said Russian guns hit
    the plant; Moscow said Ukraine shelled the plant"): one act with two accounts, not
    two acts. Only when each account comes from the side the other account blames."""
    if a.attacker is None or b.attacker is None or not same_place(a, b):
        return False
    sa, sb = a.attacker.actor.side, b.attacker.actor.side
    return (sa != sb and "unknown" not in (sa, sb)
            and _claimed_by(a, sb) and _claimed_by(b, sa)
            and not _claimed_by(a, sa) and not _claimed_by(b, sb))


def _counter_blame(a: Draft, b: Draft) -> bool:
    """'Kyiv accused Russia of the strike; Moscow denied it and said Ukrainian forces had
    struck': a denial that names the other side as the attacker, from the side the first
    account blames, against a first account told by the other side."""
    if not b.counter or a.attacker is None or b.attacker is None:
        return False
    sa, sb = a.attacker.actor.side, b.attacker.actor.side
    return (sa != sb and "unknown" not in (sa, sb) and not a.attacker.relative
            and _claimed_by(a, sb) and _claimed_by(b, sa))


def _explicit(d: DateInfo | None) -> bool:
    return d is not None and d.kind in ("explicit", "reported") and d.date_range is not None


def _narrows(wide: DateInfo, narrow: DateInfo) -> bool:
    """A day named later inside a span told first ("this week's strike ... on Thursday")."""
    if not (_explicit(wide) and _explicit(narrow)) or wide.date is not None:
        return False
    if narrow.date is None:
        return False
    lo, hi = wide.date_range  # type: ignore[misc]
    return lo <= narrow.date <= hi


def compatible(a: Draft, b: Draft) -> tuple[bool, int]:
    """(no conflict, how strongly they are tied) for two drafts of one document."""
    tie = 0
    if _explicit(a.date) and _explicit(b.date):
        ra, rb = a.date.date_range, b.date.date_range  # type: ignore[union-attr]
        if ra is None or rb is None or ra[0] > rb[1] or rb[0] > ra[1]:
            return False, 0
    if a.admin1 and b.admin1 and a.admin1[0] != b.admin1[0]:
        return False, 0
    if a.place and b.place:
        if same_place(a, b):
            tie += 2
        elif not (a.place.relative or b.place.relative or a.place.precision == 3
                  or b.place.precision == 3):
            return False, 0
    if a.attacker and b.attacker and not (a.attacker.relative or b.attacker.relative
                                          or a.counter or b.counter):
        sa, sb = a.attacker.actor.side, b.attacker.actor.side
        if sa != sb and "unknown" not in (sa, sb) and not traded_blame(a, b):
            return False, 0
    if a.specific_weapons() & b.specific_weapons():
        tie += 2
    if a.event_type != b.event_type and not (
        a.strength == 0 or b.strength == 0 or b.anaphoric or a.anaphoric
    ):
        return False, 0
    return True, tie


def _better_place(a: PlaceHit | None, b: PlaceHit | None) -> PlaceHit | None:
    if a is None:
        return b
    if b is None:
        return a
    rank = lambda p: (p.precision == 3, p.relative, p.precision)  # noqa: E731
    return b if rank(b) < rank(a) else a


def _max(a: tuple[int, tuple[Span, ...]] | None, b: tuple[int, tuple[Span, ...]] | None):
    if a is None:
        return b
    if b is None:
        return a
    return b if b[0] > a[0] else a


def _without_blame(draft: Draft) -> Draft:
    """A copy of ``draft`` without its attacker and claims (a counter-account's)."""
    return replace(draft, attacker=None, attacker_strength=0.0, attributions=[])


def merge(into: Draft, other: Draft) -> None:
    """Fold ``other`` into ``into``: the more specific value of each slot wins."""
    into.sentences += [i for i in other.sentences if i not in into.sentences]
    into.spans += [s for s in other.spans if s not in into.spans]
    if other.strength > into.strength or (
        other.strength == into.strength and other.event_type == into.event_type
        and other.sub_event_type == "Air/drone strike"
    ):
        into.event_type, into.sub_event_type = other.event_type, other.sub_event_type
        into.strength, into.territory = other.strength, other.territory
    if other.date and (into.date is None or (not _explicit(into.date) and _explicit(other.date))
                       or _narrows(into.date, other.date)):
        into.date = other.date
    into.time = into.time or other.time
    # a region is the kept place's only if it was named with that place (or the place
    # comes from ``other``): a region-only sentence folded in ("the shelling unleashed
    # in neighbouring Luhansk oblast") does not say where a named town lies
    region_fits = into.place is None or into.place.precision == 3 or (
        other.place is not None and other.place.precision < 3 and same_place(into, other))
    place = _better_place(into.place, other.place)
    if place is not into.place:
        into.within = other.within
    if into.admin1 is None and region_fits:
        into.admin1 = other.admin1
    into.place = place
    if other.contested:
        # "the warring sides accused each other of the attack": told of this act, it
        # leaves it without an attacker whatever a single side's account says
        into.attacker, into.attacker_strength, into.contested = None, 0.0, True
    if traded_blame(into, other) or _counter_blame(into, other):
        # the later account disputes the first: its claimants deny the first attacker,
        # and with each side naming the other nobody can be coded as the attacker
        into.denials += [a for a in other.attributions if a.side is not None]
        into.attacker, into.attacker_strength, into.contested = None, 0.0, True
        other = _without_blame(other)
    stronger = into.attacker is None or other.attacker_strength > into.attacker_strength
    # a counter-claim's attacker ("Moscow denied it and said Ukraine fired") is the other
    # side's account of an act already told: it never becomes the report's attacker
    if other.attacker and stronger and not other.counter and not into.contested:
        into.attacker, into.attacker_strength = other.attacker, other.attacker_strength
    into.target = into.target or other.target
    names = {(w.weapon.name, w.hit) for w in into.weapons}
    into.weapons += [w for w in other.weapons if (w.weapon.name, w.hit) not in names]
    into.hit_weapons |= other.hit_weapons
    into.munitions = into.munitions or other.munitions
    into.fatalities = _max(into.fatalities, other.fatalities)
    into.injured = _max(into.injured, other.injured)
    into.children = _max(into.children, other.children)
    into.civilians = into.civilians or other.civilians
    into.triggers += other.triggers
    into.trigger_spans += other.trigger_spans
    into.attributions += other.attributions
    into.denials += other.denials
    into.denied_in |= other.denied_in
    into.unverified += other.unverified


def _other_entry(a: Draft, b: Draft) -> bool:
    """Two entries of a live blog are two stories: "the attack" in one never means an
    attack told in another. (The reader also keeps entries further apart than ``FAR``;
    this holds for drafts whose entry is known however they are numbered.)"""
    return a.entry is not None and b.entry is not None and a.entry != b.entry


def fold_into(drafts: list[Draft], new: Draft, index: int) -> bool:
    """Merge ``new`` into the best earlier draft if one fits; True when merged."""
    best: tuple[int, int, Draft] | None = None
    for draft in reversed(drafts):
        distance = index - draft.last
        if distance > FAR:
            break
        if _other_entry(draft, new):
            continue
        ok, tie = compatible(draft, new)
        if not ok:
            continue
        vague = (new.place is None or draft.place is None or new.place.relative
                 or draft.place.relative)
        complementary = vague and distance <= NEAR
        if not (new.anaphoric or tie >= 2 or complementary):
            continue
        score = tie * 10 + (5 if new.anaphoric else 0) - distance
        if best is None or score > best[0]:
            best = (score, distance, draft)
        if new.anaphoric and tie < 2:
            break  # a definite reference points at the latest fitting incident
    if best is None:
        return False
    merge(best[2], new)
    return True
