"""Incident reports from cleaned English text: the 'extract' pipeline stage.

Fast matching does nearly all the work: one pass of the profile's trigger patterns
picks the candidate sentences, and only those (and the sentence after each, which
often carries the source or the toll) are read for slots. spaCy's statistical model,
when given, runs only on candidate sentences, to find the PERSON/ORG a claim comes
from when the sentence's form does not say it.

``_Reader`` here finds the acts and fills their slots (type, place, actors, arms,
toll). Two mixins do the rest: ``DatesReader``, in ``dating``, gives each act its day
(its sentence's own, one carried over from an earlier sentence about it, or the days
before publication or a live-blog entry); ``ClaimsReader``, in ``attribution``, attaches
the claims about each act (who asserts or denies it, for which side).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from ..model import Actor, Claim, Document, Place, Report, Span, Stance, Target
from ..profiles import Profile
from .attribution import (
    _ANOTHER_ACT,
    _MILITARY_SPEAKER,
    _PLACE_HEAD,
    _PLACE_HEADS,
    REFER_REACH,
    ClaimsReader,
)
from .casualties import find_casualties, mentions_casualties
from .claims import Attribution, find_attributions
from .dating import (
    _POSSESSIVE,
    DatesReader,
    _best_day,
    _default_date,
    _overlap,
    _range_precision,
    _reported_range,
)
from .events import Trigger, find_trigger, is_history, rejected, singled_out
from .fold import (
    NEAR,
    DateInfo,
    Draft,
    compatible,
    container_of,
    fold_into,
    merge,
    place_key,
)
from .sentences import Sentence, split_sentences
from .slots import (
    COORDINATION,
    ActorHit,
    PlaceHit,
    WeaponHit,
    find_actors,
    find_munitions,
    find_places,
    find_regions,
    find_target,
    find_weapons,
    pick_attacker,
)
from .summary import summarise
from .timex import find_times

__all__ = ["extract_reports", "make_stage"]

#: Paragraphs (counted from 0) that make a news report's opening.
LEAD_PARAGRAPHS = 1
#: ... or characters: a short post or a one-line-per-sentence feed is all opening.
LEAD_CHARS = 800
#: Events dated more than this many days before publication are history, not news.
HISTORY_DAYS = 30
#: How far after an incident sentence a sentence with only a source or a toll attaches.
FOLLOW = 1
#: How many characters from a clash's trigger its place may stand; further off, the place
#: belongs to another clause ("fighting in the east came amid predictions ... around X").
BATTLE_REACH = 90

#: A later sentence that refers back to the act: the profile's references ("the
#: attack", "Saturday's strike") or a bare 'this'; a bare 'that' is mostly a conjunction
#: ("said that the first ship ...") and refers to nothing.
_THIS = re.compile(r"\bthis\b", re.I)
#: "a few days before the attack, soldiers took up positions, the UN said": a sentence
#: placed in time against the act tells of something else, so its speaker is not the act's.
_RELATIVE_TIME = re.compile(r"\b(?:before|after|since|given|despite|following|amid)\s+"
                            r"(?:(?:the|this|that|these|those|[\w]+['’]s)\s+)?(?:\w+\s+)?$",
                            re.I)
#: The gap between an act and a place that is the act's own ("strikes on the prison in
#: X", "a strike against a train in X"), as against one named for something else.
_OWN_PLACE_GAP = re.compile(r"^\s*(?:on|in|at|near|against|outside|targeting|of)\b[^,;.]{0,60}$",
                            re.I)
_SUCCESS = re.compile(
    r"destroy|eliminat|neutrali|kill|shot down|repel|repuls|liberat|recaptur|wiped out|"
    r"lost|losses|advantageous|favou?rable", re.I)
_PLURAL = re.compile(
    r"\b(?:attacks|strikes|airstrikes|bombardments|raids|shellings|bombings|clashes|"
    r"barrages|battles|skirmishes|counter-?attacks|counter-?offensives|assaults)\b", re.I)
#: "several", "fresh", "a series of" before a plural act: many acts, summed up
_MANY_BEFORE = re.compile(
    r"\b(?:several|many|numerous|multiple|fresh|repeated|a series of|a number of|dozens of|"
    r"a wave of)\s+(?:[\w-]+\s+){0,2}$", re.I)
_LATELY = re.compile(r"\b(?:recently|lately|in recent (?:days|weeks|months)|over the past "
                     r"(?:days|weeks|months))\b", re.I)
_ADJECTIVE_BEFORE = re.compile(r"\b(?:the|a|an|of|newly|recently|its|their|already)\s+$",
                               re.I)
_APPOSITION = re.compile(r",\s+(?:[a-z]+ly\s+)+$")
_OBJECT_GAP = re.compile(
    r"^\s*(?:(?:control\s+)?(?:of|over)\s+)?(?:the\s+)?(?:(?:\w+\s+)?(?:city|town|village|"
    r"settlement|hamlet|port|villages|towns|cities|settlements)\s+(?:of\s+)?)?(?:the\s+)?$",
    re.I)
#: The place as the subject: "X was captured", "X, a town of 20,000 people, fell to".
_SUBJECT_GAP = re.compile(
    r"^\s*(?:,[^;:.!?]{0,160},\s*)?(?:(?:has|have|had|was|were|is)\s+(?:been\s+)?)?"
    r"(?:\w+\s+)?$", re.I)
#: "fell to Russian forces": the actor right after a territory trigger is the gainer.
_GAINER_GAP = re.compile(r"\s*(?:the\s+)?$", re.I)
#: "the strikes": a definite article right before a plural trigger refers back
_THE_BEFORE = re.compile(r"\b(?:the|these|those)\s+$", re.I)
#: "the same munition", "the same type of missile": arms named just before
_SAME_ARMS = re.compile(r"\bthe\s+same\s+(?:type\s+of\s+|kind\s+of\s+|model\s+of\s+)?"
                        r"(?:munitions?|weapons?|missiles?|rockets?|arms|systems?)\b", re.I)
#: A guess ("possible explosion, or a sonic boom from aircraft") names no weapon used.
#: "likely conducted a rocket artillery strike": an analyst's hedge on the act itself
#: leaves its weapon as certain as the act, so it does not count as a hedge on the weapon
_HEDGE = re.compile(r"\b(?:possible|possibly|perhaps|maybe|may have|might|could have|"
                    r"likely(?!\s+(?:conducted|carried out|launched|fired|used|struck|hit)\b))\b",
                    re.I)
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|are|is)\s+(?:\w+\s+)?$", re.I)
_BY_AFTER = re.compile(r"\s+by\b", re.I)
#: "fighter jets had been heard over the city": seen or heard, not used.
_SENSED_AFTER = re.compile(
    r"(?:\s+[\w-]+){0,4}?\s+(?:(?:had|have|has)\s+been\s+|were\s+|was\s+)?"
    r"(?:heard|seen|spotted|flying|flew|circling|storm(?:ed)? over)\b", re.I)
_SELF_CLAIM = re.compile(
    r"\s*(?:(?:claimed|claims|said|says)\s+)?(?:to\s+have|(?:that\s+)?(?:it|its\s+forces)\s+"
    r"(?:had|has)?)\s*(?:hit|struck|destroyed|shelled|attacked|targeted|downed)\b", re.I)
_CLAUSE_JOIN = re.compile(r"\s(?:and|but|while|whereas)\s+(?:[\w-]+\s+){0,3}"
                          r"(?:were|was|are|is|have|has|had)\b|;", re.I)


def _thing_ref(profile: Profile) -> re.Pattern[str]:
    """A thing told before, referred back to ("shelling the plant", "struck the island"):
    anything the profile knows as a target, or the head of a place's name, so that a new
    target word in the profile is also a word to refer back by."""
    return _thing_ref_of(tuple(pattern.pattern for _, pattern in profile.targets))


@functools.lru_cache(maxsize=8)
def _thing_ref_of(targets: tuple[str, ...]) -> re.Pattern[str]:
    # keyed by the patterns themselves, not the profile object, whose id may be reused
    things = "|".join(f"(?:{t})" for t in targets)
    return re.compile(rf"\bthe\s+(?P<noun>{things}|{_PLACE_HEADS})\b", re.I)


_PERSONAL = re.compile(r"\b(?:he|she|him|himself|herself)\b", re.I)
#: A thing said to have been hit: "its facilities had been struck".
_STRUCK = re.compile(r"\b(?:(?:had|have|has)\s+been|was|were)\s+(?:struck|hit|damaged|"
                     r"destroyed|targeted)\b", re.I)
#: Capitalised words before a target that are no name of it ("a Russian depot").
_NOT_NAMES = frozenset({"The", "This", "That", "Their", "Its", "Russian", "Ukrainian"})
#: The speaker's own forces: "its forces", "our units", "Russian troops".
_OWN_FORCES = re.compile(r"\b(?:its|our|their)\s+(?:[\w-]+\s+)?(?:forces|troops|units|army|"
                         r"military|aviation|artillery)\b", re.I)
#: Weapon classes of shelling: told first, they keep a shelling report shelling.
_GROUND_FIRE = frozenset({"artillery", "mortar", "MLRS"})
_USE_WORDS = re.compile(r"\b(?:used|using|with|fired|launched)\b", re.I)
#: The speaker tells of its own act: "its strike", "our forces struck", "it had hit".
_OWN_ACT = re.compile(
    r"(?:\b(?:its|our|we|their)\s+(?:own\s+)?(?:[\w-]+\s+){0,2}"
    r"|\b(?:it|they|we)\s+(?:had\s+|have\s+|has\s+)?(?:\w+ly\s+)?)$", re.I)
_TOLL_WORD = re.compile(r"\b(?:kill|wound|injur|died|dead|dies|death)", re.I)
#: "three more civilians", "another two people": a toll added to one just told
_MORE_TOLL = re.compile(r"\b(?:\w+\s+more|another\s+\w+|further\s+\w+)\s+(?:\w+\s+)?"
                        r"(?:civilians|people|residents|villagers|persons)\b", re.I)
_STRIKE_WORD = re.compile(r"\b(?:strikes?|shell(?:s|ed|ing)|attacks?|missiles?|rockets?|"
                          r"bomb\w*|drones?)\b", re.I)
#: A sentence whose subject is the actor of the sentence before.
_THEY_OPENS = re.compile(r"\s*[“\"]?They\s+(?:also\s+|then\s+|later\s+)?(?!said|say|claim|"
                         r"told|report|added|were|are|had been|have been)", re.I)
_REPORTING_NEXT = re.compile(r"\s*They\s+(?:\w+\s+)?(?:said|say|claimed|reported)\b", re.I)
#: "a town outside", "a village near": a settlement the sentence does not name
_UNNAMED_NEAR = re.compile(
    r"\ba\s+(?:small\s+)?(?:town|village|city|settlement)\s+(?:just\s+)?"
    r"(?:outside|near|close to|not far from)\s+(?:the\s+(?:city|town)\s+of\s+)?$", re.I)
#: "the Azot plant in Sievierodonetsk": where a target is
_TARGET_IN = re.compile(r"\s+(?:[\w-]+\s+)?(?:in|at)\s+(?:the\s+(?:city|town|village)\s+of\s+)?"
                        r"([A-Z][\w’'-]+)")
#: "Russia used / had fired / launched": a side using arms
_USED_NEXT = re.compile(r"\s+(?:(?:has|had|have)\s+)?(?:used|fired|launched|deployed|employed)\b",
                        re.I)
#: ", northern Donetsk", " in the Donetsk region": the area a place is told inside
_INSIDE_AREA = re.compile(
    r",?\s+(?:in\s+)?(?:the\s+)?(?:(?:north|south|east|west|central)\w*\s+)?"
    r"([A-Z][\w’'-]+)(?:\s+(?:region|oblast|province))?\b")
#: "a string of deadly attacks", "a wave of missile strikes": a list of acts follows.
_SERIES = re.compile(r"\b(?:string|series|spate|wave|succession)\s+of\s+(?:[\w-]+\s+){0,2}"
                     r"(?:attacks|strikes|bombings|bombardments)\b", re.I)
#: How many sentences may part two acts of one such list.
SERIES_GAP = 5
#: Words for what was heard or seen, not for an attack: on their own they name no side.
_BARE_BLAST = re.compile(
    r"\b(?:explosions?|blasts?|fires?|blazes?|booms?|bangs?|detonations?|smoke|burning"
    r"|exploded|caught\s+fire|went\s+off)\b", re.I)
#: "contradicted this", "confirmed this": a back-reference to what was told
_THIS_ACT = re.compile(r"\b(?:contradict\w*|confirm\w*|acknowledg\w*|admit\w*|den\w+|"
                       r"disput\w+|repeat\w*)\s+(?:this|that|it)\b", re.I)
#: 'the “appalling” attack': the act referred back to, with a quoted word of judgement
_QUOTED_ACT = re.compile(r"\bthe\s+[“\"‘][\w\s-]{2,30}[”\"’]\s+(?:attacks?|strikes?|shelling|"
                         r"bombing|killings?)\b", re.I)
#: a change of hands referred back to ("announced the retreat", "confirmed the fall")
_TERRITORY_REF = re.compile(r"\bthe\s+(?:retreat|withdrawal|pull-?back|fall|capture)\b", re.I)
#: words that tell of an act at a place, in a sentence the triggers pass over
_ACT_WORD = re.compile(r"\b(?:targeted|targeting|hit|struck|strikes?|attack(?:ed|s)?|"
                       r"shelled|bombed|fired\s+(?:at|on)|killed|eliminated|destroyed)\b",
                       re.I)
#: "The claims of deaths", "these figures": the account just told, referred back to
_ACCOUNT_REF = re.compile(r"\b(?:the|these|those|such)\s+(?:\w+\s+)?(?:claims?|figures?|"
                          r"tolls?|allegations?|accounts?)\b", re.I)
#: a speaker going on with the account just told ("X added that its depot was hit")
_GOES_ON = re.compile(r"\b(?:added|also\s+said|went\s+on\s+to\s+say)\b", re.I)
#: what an act left behind, referred back to ("the blaze was caused by ...")
_AFTERMATH = re.compile(r"\bthe\s+(?:blaze|fire|damage|destruction|deaths|casualties|killings)\b",
                        re.I)
#: the proper name just before a target's noun ("the Azovstal steelworks")
_PROPER_BEFORE = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-z][\w’'-]{2,})\s+$")
_ASSAULT = re.compile(r"\b(?:storm(?:s|ed|ing)?|assault(?:s|ed|ing)?)\b", re.I)
#: one act named ("the recent mass killing", "an attack on a jail")
_ONE_ACT = re.compile(r"\b(?:an?|the|this|that|[\w’']+['’]s)\s+(?:[\w-]+\s+){0,2}(?:attack|strike|"
                      r"killing|massacre|shelling|bombing|explosion)\b(?!s)", re.I)


def _object_of(text: str, trigger: Trigger, places: list[PlaceHit]) -> bool:
    """A place is the territory verb's object ("captured X")."""
    return any(pl.span.start >= trigger.span.end
               and _OBJECT_GAP.match(text[trigger.span.end : pl.span.start]) for pl in places)


def _holds_place(text: str, trigger: Trigger, places: list[PlaceHit]) -> bool:
    """A place is the territory verb's object ("captured X") or subject ("X fell")."""
    return _object_of(text, trigger, places) or any(
        pl.span.end <= trigger.span.start
        and _SUBJECT_GAP.match(text[pl.span.end : trigger.span.start]) for pl in places)


#: classes whose launchers fire what a bare "missile" or "rocket" names
_LAUNCHER_CLASSES = frozenset({"mlrs", "air defence", "aircraft", "drone"})


def _named_weapons(text: str, weapons: list[WeaponHit]) -> list[WeaponHit]:
    """A generic word gives way to the named weapon it stands for ("Kalibr cruise
    missiles", "a missile from a HIMARS", "rocket launchers" beside "Grad"), but not to
    another kind of arm: "eight artillery shells and three mortar rounds" used both."""
    named = [w for w in weapons if not w.generic]

    def covered(g: WeaponHit) -> bool:
        kind = (g.weapon.weapon_class or "").lower()
        for w in named:
            cls = (w.weapon.weapon_class or "").lower()
            if cls == kind or (kind and cls.endswith(" " + kind)) or (
                    kind == "missile" and (cls in _LAUNCHER_CLASSES or "missile" in cls)):
                # a bare "missile"/"rocket" is what a named launcher fired; beside guns
                # or mortars ("three mortar shells and nine rocket strikes") it is its own
                return True
            if 0 <= g.span.start - w.span.end <= 3 and not text[w.span.end : g.span.start].strip(
                    " -"):
                return True  # "Shahed drones": the name and its head noun
        # a bare "missile" beside a "cruise missile" of the same report is that missile
        return any(w.generic and w.weapon.name != g.weapon.name and kind and (
            (w.weapon.weapon_class or "").lower().endswith(" " + kind)) for w in weapons)

    kept = [w for w in weapons if not w.generic or not covered(w)]
    return kept or weapons


_ONE_AREA_BEFORE = re.compile(
    r"\b(?:areas?|vicinity|outskirts|directions?|near|around|between|sectors?|axis)\s+"
    r"(?:of\s+)?(?:the\s+)?\W{0,3}$", re.I)


def _listed_with(text: str, pick: PlaceHit, places: list[PlaceHit]) -> list[PlaceHit]:
    """The places of one list with ``pick`` ("A, B and C"), pick itself left out. A
    list that names one stretch of ground ("in the area of A and B", "near A and B",
    "between A and B") is no list of places hit."""
    if pick.relative or pick.precision != 1:
        return []
    ordered = sorted((pl for pl in places if not pl.relative), key=lambda pl: pl.span.start)
    at = next((i for i, pl in enumerate(ordered) if pl.span == pick.span), None)
    if at is None:
        return []
    while at > 0 and COORDINATION.match(text[ordered[at - 1].span.end : ordered[at].span.start]):
        at -= 1  # the list's first name says what ground the list covers
    if _ONE_AREA_BEFORE.search(text, max(0, ordered[at].span.start - 40),
                               ordered[at].span.start):
        return []
    out: list[PlaceHit] = []
    for step in (1, -1):
        i = at
        while 0 <= i + step < len(ordered):
            a, b = (ordered[i], ordered[i + step]) if step == 1 else (ordered[i + step],
                                                                        ordered[i])
            if not COORDINATION.match(text[a.span.end : b.span.start]):
                break
            i += step
            out.append(ordered[i])
    return out


def _gap(a: Span, b: Span) -> int:
    """Characters between two spans (0 when they touch or overlap)."""
    return max(0, b.start - a.end, a.start - b.end)


def _dedupe(drafts: list[Draft]) -> list[Draft]:
    """One report per place, type and day: a live blog that retells an incident far
    down the page ("Russian forces seized Sievierodonetsk", again at 19.09) adds to it."""
    kept: list[Draft] = []
    for draft in drafts:
        twin = None
        if draft.place is not None and draft.place.precision < 3:
            for other in kept:
                ok, tie = compatible(other, draft)
                # a retelling that refers back ("today's missile strikes on Kyiv") may
                # name the kind of strike differently from the first telling
                same_kind = other.sub_event_type == draft.sub_event_type or (
                    draft.anaphoric and other.event_type == draft.event_type)
                if ok and tie >= 2 and same_kind and \
                        other.place is not None and other.place.precision < 3:
                    twin = other
                    break
        if twin is None:
            kept.append(draft)
        else:
            merge(twin, draft)
    return kept


class _Reader(ClaimsReader, DatesReader):
    """Reads one document; holds per-document caches (dates, known places). Claim
    attachment comes from ``ClaimsReader``, the dating of acts from ``DatesReader``."""

    def __init__(self, document: Document, profile: Profile, nlp: Any = None) -> None:
        self.doc = document
        self.text = document.text
        self.profile = profile
        self.nlp = nlp
        self.published = document.published_date
        self.sentences = split_sentences(document)
        self._dates: dict[int, DateInfo | None] = {}
        self.known_places: set[str] = set()
        self.outlet_side = self._outlet_side()
        #: id(draft) -> the other places of a list its act is told of ("hit A and B")
        self._listed: dict[int, list[PlaceHit]] = {}

    # -- one incident sentence ------------------------------------------------------

    def mention(self, s: Sentence, previous_draft: Draft | None) -> Draft | None:
        text, p = self.text, self.profile
        start, end = s.span.start, s.span.end
        triggers = find_trigger(text, start, end, p)
        why = rejected(text, start, end, p) if triggers else None
        if why == "aggregate" and (at := singled_out(text, start, end, p)) is not None:
            # the series is summed up, the act its clause singles out is told
            triggers = [t for t in triggers if t.span.start >= at and not t.rule.weak]
            why = None
        if not triggers or why:
            return None
        denied = any(t.denied for t in triggers)
        if is_history(text, start, end, self.published):
            return None
        strong = [t for t in triggers if not t.rule.weak]
        # a place changing hands outranks how it was fought for ("abandoned X after it
        # came under attack"): the territory is the event ACLED codes
        strong = [t for t in strong if t.rule.territory] or strong
        trigger = strong[0] if strong else triggers[0]
        # a reference elsewhere in the sentence ("in response to the X strike", "one
        # of the deadliest attacks") does not make the act told here the one before
        anaphoric = trigger.anaphoric or (trigger.rule.weak and any(t.anaphoric
                                                                    for t in triggers))
        if anaphoric and trigger.rule.weak and _RELATIVE_TIME.search(
                text, max(start, trigger.span.start - 30), trigger.span.start):
            return None  # "a few days before the attack, ...": about something else

        places = find_places(text, start, end, p, frozenset(self.known_places))
        regions = find_regions(text, start, end, p)
        if trigger.rule.territory and not _holds_place(text, trigger, places):
            # "withdrew from X and Russian troops seized the city": the change of hands
            # is told of the place by whichever territory verb has it as its object;
            # with none, "captured" a place was not told, but people
            holder = next((t for t in triggers if t.rule.territory and not t.rule.weak
                           and _holds_place(text, t, places)), None)
            if holder is None:
                return None
            trigger = holder
        weapons = find_weapons(text, start, end, p)
        casualties = find_casualties(text, start, end)
        info = self.date(s, near=trigger.span.start)
        if info is not None and info.kind == "explicit" and info.precision == 3 and \
                info.date_range is not None and self.published is not None and \
                info.date_range[1] < self.published.replace(day=1):
            return None  # "since an attack in April", "last month": background, not news
        has_count = casualties.fatalities is not None or casualties.injured is not None

        attributions = find_attributions(text, start, end, p, headline=s.text.count(".") <= 1)
        actors = find_actors(text, start, end, p)
        attacker = pick_attacker(text, s.span, trigger.span, actors,
                                 [a.span for a in attributions], p)

        outside = [w for w in weapons if not w.span.overlaps(trigger.span)]
        explicit_date = bool(info and info.kind == "explicit")
        support = bool(places or regions or outside or has_count or explicit_date)
        plural = _PLURAL.search(text[trigger.span.start : trigger.span.end]) is not None
        # many acts summed up: of a region with no town, or of a town only "recently"
        umbrella = bool(plural
                        and (not places or (not explicit_date and _LATELY.search(text, start,
                                                                                 end)))
                        and not anaphoric and _MANY_BEFORE.search(
                            text, max(start, trigger.span.start - 30), trigger.span.start))
        if plural and not (
                places or explicit_date or has_count or umbrella or (
                    anaphoric and previous_draft is not None
                    and previous_draft.last == s.index - 1 and not previous_draft.umbrella
                    and _THE_BEFORE.search(text, max(start, trigger.span.start - 12),
                                           trigger.span.start))):
            # "missile attacks", "airstrikes on areas": in general, not one; "the strikes
            # targeted an airbase", right after a report, tells more of the strikes just told
            return None
        participle = text[trigger.span.start : trigger.span.end].lower().endswith("ed")
        before = text[max(start, trigger.span.start - 12) : trigger.span.start]
        if (trigger.rule.territory or trigger.rule.weak) and participle and \
                _ADJECTIVE_BEFORE.search(before):
            return None  # "the captured city of Mariupol": a description, not an event
        if participle and not (explicit_date or has_count) and _APPOSITION.search(
                text, max(start, trigger.span.start - 40), trigger.span.start):
            return None  # "the city of X, barbarously bombarded": a characterisation
        if trigger.rule.weak and not support and not anaphoric:
            return None
        if not trigger.rule.weak and not (support or attacker or anaphoric):
            return None
        needs_place = trigger.rule.territory or trigger.rule.event_type in (
            "Protests", "Riots", "Violence against civilians", "Battles") or (
            trigger.rule.sub_event_type in ("Arrests", "Looting/property destruction"))
        told = text[trigger.span.start : trigger.span.end]
        tally = trigger.rule.event_type == "Battles" and _SUCCESS.search(told) and \
            re.search(r"\d", told) and attacker is not None
        if needs_place and not (places or regions or tally):
            # a side's count of enemies it put out of action ("eliminated 106 invaders")
            # is a battle even where the front is not named
            return None
        if trigger.rule.event_type == "Battles" and not (trigger.rule.territory or tally) and \
                not any(_gap(trigger.span, sp) <= BATTLE_REACH
                        for sp in [pl.span for pl in places] + [r[1] for r in regions]):
            return None  # "the fighting in the east came amid predictions ... around X"
        if trigger.rule.territory and _PERSONAL.search(text, trigger.span.end, end) and \
                not _object_of(text, trigger, places):
            return None  # "X was captured while defending Y; he ...": a person, not a place

        used = [w for w in weapons if not w.hit and not _HEDGE.search(
            text, max(start, w.span.start - 50), w.span.start)
            and not _SENSED_AFTER.match(text, w.span.end, min(end, w.span.end + 40))]
        event_type, sub, strength = trigger.rule.event_type, trigger.rule.sub_event_type, 2
        if trigger.rule.weak:
            strength = 0
        if event_type == "Explosions/Remote violence" and sub in (
                "Shelling/artillery/missile attack",):
            for w in used:
                mapped = p.weapon_class_events.get(w.weapon.weapon_class or "")
                if mapped:
                    sub, strength = mapped, max(strength, 1)
                    break
        if trigger.rule.territory and told.lower().endswith(" to"):
            gainer = [a for a in actors if a.span.start >= trigger.span.end and not a.relative
                      and _GAINER_GAP.fullmatch(text, trigger.span.end, a.span.start)]
            if gainer:
                attacker = gainer[0]
        loser = trigger.rule.territory and attacker is not None and \
            attacker.span.start > trigger.span.end and \
            re.search(r"\bfrom\s+(?:the\s+)?$", text[trigger.span.end : attacker.span.start])
        leaver = trigger.rule.retreat and attacker is not None and \
            attacker.span.end <= trigger.span.start  # the subject who withdrew
        if (leaver or loser) and attacker and attacker.actor.side in p.opposite:
            # "withdrew from X" / "liberated X from Russian forces": the other side gains
            side = p.opposite[attacker.actor.side]
            name = p.forces_of(side)
            attacker = ActorHit(Actor(name, side), attacker.span)
        if trigger.rule.territory and attacker:
            territory = {"UA": "Government regains territory",
                         "RU": "Non-state actor overtakes territory"}
            sub = territory.get(attacker.actor.side, sub)

        attribution_spans = [a.span for a in attributions]
        draft = Draft([s.index], [s.span], event_type, sub, strength,
                      territory=trigger.rule.territory, anaphoric=anaphoric)
        # "several successful counterattacks in the Kharkiv region", "fresh attacks in
        # the region killed 21": a region's many acts summed up, no one incident; kept
        # only as the antecedent of "They recaptured X" after it
        draft.umbrella = umbrella
        draft.entry = s.entry
        draft.attributions = attributions
        if denied:
            draft.denied_in.add(s.index)
        draft.counter = bool(p.denial_cues.search(text, start, end))
        draft.triggers = [text[trigger.span.start : trigger.span.end].lower()]
        if trigger.rule.retreat:
            # the capture told beside a withdrawal confirms it (see _only_retreat)
            draft.triggers += [text[t.span.start : t.span.end].lower() for t in triggers
                               if t.rule.territory and not t.rule.retreat]
        draft.trigger_spans = [trigger.span]
        # date: its own, else the paragraph's narrative date, else the previous incident
        # sentence's when adjacent, else the days before publication
        if info and info.kind == "reported":
            info = _reported_range(info)
        if info is None:
            info = self.narrative_date(s, places)
        if info is None and previous_draft is not None and previous_draft.last == s.index - 1 \
                and not self._other_act(self.sentences[previous_draft.last], places) \
                and previous_draft.date and previous_draft.date.kind != "default" \
                and previous_draft.date.precision == 1 and not (
                    previous_draft.date.span is not None
                    and _POSSESSIVE.match(text, previous_draft.date.span.end)):
            # a day carries over to the next sentence; a month named for something past
            # ("since an attack ... in April") does not
            prev = previous_draft.date
            info = DateInfo(prev.date, prev.date_range, prev.precision, "inherited", prev.span)
        if info and info.date_range and self.published and info.date_range[1] < (
                self.published - dt.timedelta(days=HISTORY_DAYS)):
            return None
        lead = s.paragraph <= LEAD_PARAGRAPHS or s.span.start < LEAD_CHARS
        draft.date = info or _default_date(self._undated_day(s), lead)
        times = find_times(text, start, end)
        if times:
            draft.time = (times[0][1], times[0][0])
        # place: the first mention by pattern order; a region named beside it
        own_places = [pl for pl in places
                      if not any(pl.span.overlaps(x) for x in attribution_spans)]
        if not own_places and places:
            # only the speaker's place is named ("the Kharkiv governor said", "authorities
            # in Odesa confirmed"): an official's region, where it names one, else the
            # place; a reporter's whereabouts ("our reporter in Kyiv") are no place at all
            spoken = places[0]
            speaker = next((a for a in attributions if spoken.span.overlaps(a.span)), None)
            admin1 = next((a for a, _ in p.regions if a.lower() == spoken.mention.lower()),
                          None)
            if speaker is not None and speaker.media:
                places = []
            elif admin1 and not regions and speaker is not None and speaker.official:
                regions = [(admin1, spoken.span)]
                places = []
        else:
            places = own_places
        if places:
            # the place told nearest the act ("strikes were reported in Sumy, ... and in
            # the city of Kherson"): pattern order only breaks ties
            anchor = trigger.span.start
            def remoteness(pl: PlaceHit) -> int:
                # a place before the act across a clause break ("trying to take X and
                # clashes were taking place around Y") belongs to the other clause
                crossed = pl.span.end <= trigger.span.start and _CLAUSE_JOIN.search(
                    text, pl.span.end, min(end, trigger.span.end + 25)) is not None
                return (abs(pl.span.start - anchor) + (120 if crossed else 0)) // 60

            pick = min(places, key=lambda pl: (remoteness(pl), places.index(pl)))
            if pick.relative:
                # "in Serhiivka, 50km south of Odesa": the place named, not the landmark;
                # a landmark that names a region tells which region the place is in
                named = [pl for pl in places if not pl.relative and pl.span.end <= pick.span.start
                         and pick.span.start - pl.span.end <= 40]
                if named:
                    admin1 = next((a for a, _ in p.regions if a.lower() == pick.mention.lower()),
                                  None)
                    if admin1 and not regions:
                        regions = [(admin1, pick.span)]
                    pick = named[0]
            draft.place = pick
            draft.within = container_of(text, pick)  # "the Darnytskyi district of Kyiv"
            self.known_places.add(pick.mention)
            listed = _listed_with(text, pick, places)
            if listed:
                self._listed[id(draft)] = listed
        # "the governor of the Luhansk region said": the speaker's region, not the act's
        regions = [r for r in regions if not any(r[1].overlaps(x) for x in attribution_spans)
                   ] or ([] if places else regions)
        if regions:
            draft.admin1 = regions[0]
            if not places:
                admin1, span = regions[0]
                draft.place = PlaceHit(text[span.start : span.end], span, 3, False)
        if attacker:
            draft.attacker = attacker
            draft.attacker_strength = 2.0
        elif used:
            sided = [w for w in used if w.user_side]
            if sided:
                side = sided[0].user_side or "unknown"
                name = p.forces_of(side)
                draft.attacker = ActorHit(Actor(name, side), sided[0].span)
                draft.attacker_strength = 1.0
        blame = p.mutual_blame.search(text, start, end) if p.mutual_blame else None
        if blame is not None:
            # "Kyiv and Moscow traded blame over the strike": no side is the attacker,
            # and each side named disputes the other's account
            draft.attacker, draft.contested = None, True
            blamers: dict[str, ActorHit] = {}
            for a in actors:
                if a.span.end <= blame.start() and a.actor.side in p.opposite:
                    blamers.setdefault(a.actor.side, a)
            draft.attributions = [x for x in draft.attributions if x.span.end > blame.start()]
            draft.denials += [Attribution(text[a.span.start : a.span.end], side, a.span)
                              for side, a in blamers.items()]
        elif draft.attacker is None:
            own = self._own_act(s, trigger.span, attributions, previous_draft)
            if own is None:
                # "the Russian MoD claimed to have hit a warship": a side claiming the
                # act as its own, wherever in the sentence it says so
                own = next((ActorHit(Actor(next((x.name for x in p.actors if x.side == a.side),
                                                a.side or ""), a.side or "unknown"), a.span)
                            for a in attributions if a.side in p.opposite
                            and _SELF_CLAIM.match(text, a.span.end)), None)
            if own is None and previous_draft is not None and previous_draft.attacker and \
                    previous_draft.last == s.index - 1 and _THEY_OPENS.match(text, start) and \
                    not _REPORTING_NEXT.match(text, start):
                # "Ukrainian forces counterattacked. They retook X": the subject before
                # (no claim by that side: the text does not say the side said so)
                draft.attacker, draft.attacker_strength = previous_draft.attacker, 1.0
            elif own is None and not actors and self._part_of_previous(draft, previous_draft, s):
                # "... killed by renewed Russian shelling in Donetsk. A missile attack in
                # Druzkivka, northern Donetsk, tore apart a supermarket": the next act in
                # the area just named, with no side of its own, is that side's ...
                draft.attacker, draft.attacker_strength = previous_draft.attacker, 1.0
                if not draft.attributions and previous_draft is not None:
                    # ... and told on the word of whoever told the area's account
                    draft.attributions = [a for a in previous_draft.attributions
                                          if not a.pronoun]
            elif own is not None:
                draft.attacker, draft.attacker_strength = own, 1.5
        if sub == "Disrupted weapons use" and draft.attacker is not None and \
                draft.attacker.actor.side in p.opposite and _PASSIVE_BEFORE.search(
                    text, max(start, trigger.span.start - 25), trigger.span.start) and \
                not _BY_AFTER.match(text, trigger.span.end):
            # "Russian forces launched 16 drones; all were shot down": the launcher is
            # who was disrupted, the actor is the side that intercepted
            side = p.opposite[draft.attacker.actor.side]
            name = p.forces_of(side)
            draft.attacker = ActorHit(Actor(name, side), draft.attacker.span)
            draft.attacker_strength = 1.0
        if draft.attacker is None and sub == "Disrupted weapons use":
            # "14 Shahed drones were shot down": the side that intercepts is the actor
            sided = [w for w in weapons if w.hit and w.user_side in p.opposite]
            if sided:
                side = p.opposite[sided[0].user_side or ""]
                name = p.forces_of(side)
                draft.attacker = ActorHit(Actor(name, side), sided[0].span)
                draft.attacker_strength = 1.0
        # an interception hits what was fired, never the air defence that fired
        lo = trigger.span.start if sub == "Disrupted weapons use" else start
        target = find_target(text, lo, end, p, after=trigger.span.start,
                             skip=[a.span for a in actors] + attribution_spans
                             + [w.span for w in weapons if not w.hit])
        if target:
            draft.target = target
        draft.hit_weapons = {w.weapon.name.lower() for w in weapons if w.hit and not w.generic}
        if sub != "Disrupted weapons use":
            weapons = used
        draft.weapons = _named_weapons(text, weapons)
        if not any(not w.generic for w in draft.weapons) and _SAME_ARMS.search(text, start, end):
            draft.weapons = _named_weapons(text, self._arms_before(s) + draft.weapons)
        munitions = find_munitions(text, start, end, p)
        if munitions:
            draft.munitions = munitions
        self._casualties(draft, casualties)
        return draft

    def _arms_before(self, s: Sentence) -> list[WeaponHit]:
        """'The same munition was used in X': the last named weapon of the two sentences
        before, the one the phrase refers back to."""
        for prev in reversed(self.sentences[max(0, s.index - 2) : s.index]):
            named = [w for w in find_weapons(self.text, prev.span.start, prev.span.end,
                                             self.profile) if not w.generic and not w.hit]
            if named:
                return [replace(named[-1], used=True)]
        return []

    def _used_at(self, draft: Draft, drafts: list[Draft]) -> None:
        """'At Kremenchuk, Russia used an AS-4 missile': a sentence elsewhere, telling no
        act of its own, that names a side using arms at the report's place names the
        attacker, and the arms it names (only the arms when the attacker is known and is
        the side it names)."""
        if draft.place is None or draft.place.precision != 1:
            return
        told = {i for d in drafts for i in d.sentences}
        name = re.escape(draft.place.mention)
        at = re.compile(rf"\b(?:at|in)\s+(?:the\s+\w+\s+of\s+)?{name}\b")
        for s in self.sentences:
            if s.index in told or s.index in draft.sentences:
                continue
            where = at.search(self.text, s.span.start, s.span.end)
            if where is None:
                continue
            actors = [a for a in find_actors(self.text, s.span.start, s.span.end, self.profile)
                      if a.actor.side in self.profile.opposite and not a.relative]
            user = next((a for a in actors if _USED_NEXT.match(self.text, a.span.end)), None)
            if user is None or len({a.actor.side for a in actors}) > 1:
                continue
            if draft.attacker is not None and draft.attacker.actor.side != user.actor.side:
                continue
            if draft.attacker is None:
                draft.attacker, draft.attacker_strength = user, 1.0
            weapons = [w for w in find_weapons(self.text, user.span.end, s.span.end,
                                               self.profile) if not w.hit]
            if weapons and not draft.specific_weapons():
                draft.weapons = _named_weapons(self.text, weapons + draft.weapons)
            draft.sentences.append(s.index)
            draft.spans.append(s.span)
            # who says so ("Kaushal said that at X, Russia used ...") claims the attacker
            draft.attributions += [a for a in find_attributions(
                self.text, s.span.start, s.span.end, self.profile) if not a.pronoun]
            return

    def _target_told_later(self, draft: Draft) -> tuple[Target, Span] | None:
        """'X added that its facilities had been struck': a sentence joined to a report
        for what its speaker says of the act names the thing hit, where the report names
        none (or only the one in dispute). The striking side's own word on what it hit is
        left out: that is its claim."""
        side = draft.attacker.actor.side if draft.attacker else None
        for i in sorted(set(draft.sentences[1:])):
            s = self.sentences[i]
            start, end = s.span.start, s.span.end
            if not _STRUCK.search(s.text) or self.profile.unverified_cues.search(s.text):
                continue
            said = find_attributions(self.text, start, end, self.profile)
            if side is not None and any(a.side == side for a in said):
                continue
            hit = find_target(self.text, start, end, self.profile,
                              skip=[a.span for a in said] + [
                                  a.span for a in find_actors(self.text, start, end,
                                                              self.profile)])
            if hit is not None:
                return hit
        return None

    def _arms_told_later(self, draft: Draft, told: set[int]) -> None:
        """A sentence joined to a report further on for what its speaker says of the act
        ("the ministry said its forces were targeting the plant with heavy artillery and
        aircraft fire") names the arms used in it, where the report has none of its own."""
        if not draft.target:
            draft.target = self._target_told_later(draft)
        if draft.weapons:
            return
        for i in sorted(set(draft.sentences[1:])):
            s = self.sentences[i]
            if not _USE_WORDS.search(s.text) or _HEDGE.search(s.text):
                continue
            used = [w for w in find_weapons(self.text, s.span.start, s.span.end, self.profile)
                    if w.used and not w.hit]
            if used:
                draft.weapons = _named_weapons(self.text, used)
                return
        self._arms_at_named_target(draft, told)

    def _arms_at_named_target(self, draft: Draft, told: set[int]) -> None:
        """'The ministry said its forces were targeting the Azovstal plant with heavy
        artillery': a sentence no report has taken, naming the report's target by its own
        name, where the attacking side tells how it fires at it, gives the arms (and the
        speaker). Only the attacker's own side is heard: the other side's word on the
        arms is read where it tells the act."""
        if draft.weapons or not draft.target or draft.attacker is None:
            return
        name = self._target_proper(draft)
        if name is None:
            return
        named = re.compile(rf"\b{re.escape(name)}\b")
        side = draft.attacker.actor.side
        for s in self.sentences:
            start, end = s.span.start, s.span.end
            if s.index in told or s.index in draft.sentences or not named.search(s.text) \
                    or not _USE_WORDS.search(s.text) or _HEDGE.search(s.text) \
                    or self._elsewhere(draft, s):
                continue
            said = [a for a in find_attributions(self.text, start, end, self.profile)
                    if not a.pronoun]
            if not said or any(a.side != side for a in said) or not _OWN_FORCES.search(s.text):
                continue
            used = [w for w in find_weapons(self.text, start, end, self.profile)
                    if w.used and not w.hit]
            if used:
                draft.weapons = _named_weapons(self.text, used)
                draft.attributions += said
                draft.sentences.append(s.index)
                draft.spans.append(s.span)
                return

    def _join_unnamed(self, drafts: list[Draft]) -> list[Draft]:
        """'The head of a town outside Kherson' names no town: where the document tells
        the same kind of act, of the same days, at one named town near by in the text,
        that town is where it happened and the two are one report."""
        out = list(drafts)
        for d in drafts:
            if d.place is None or d.place.precision != 2 or not _UNNAMED_NEAR.search(
                    self.text, max(0, d.place.span.start - 40), d.place.span.start):
                continue
            named = [o for o in out if o is not d and o.place is not None
                     and o.place.precision == 1 and not o.place.relative
                     and o.sub_event_type == d.sub_event_type
                     and abs(o.sentences[0] - d.sentences[0]) <= NEAR
                     and _overlap(o.date, d.date)]
            if len(named) != 1:
                continue
            into = named[0]
            place, within, admin1 = into.place, into.within, into.admin1
            merge(into, d)
            into.place, into.within = place, within
            into.admin1 = admin1 or into.admin1
            out.remove(d)
        return out

    def _target_elsewhere(self, draft: Draft) -> bool:
        """'The Azot plant in Sievierodonetsk and the villages of A and B were shelled':
        a target the text puts in another named place is not what was hit at this one."""
        if draft.place is None or not draft.target:
            return False
        span = draft.target[1]
        m = _TARGET_IN.match(self.text, span.end, span.end + 60)
        if m is None:
            return False
        sentence = self._sentence_at(span)
        if sentence is None:
            return False
        named = next((pl for pl in find_places(self.text, sentence.span.start, sentence.span.end,
                                               self.profile, frozenset(self.known_places))
                      if pl.span.start == m.start(1) and not pl.relative), None)
        if named is None:
            return False
        own = {draft.place.mention.lower(), (draft.within or "").lower()}
        if draft.admin1:
            own.add(draft.admin1[0].lower())
        return named.mention.lower() not in own and not any(
            o and named.mention.lower().startswith(o) for o in own)

    def _part_of_previous(self, draft: Draft, previous: Draft | None, s: Sentence) -> bool:
        """The sentence right before told a side's act in a whole area (a region, or a
        city the sentence puts the place in) and this one places its act inside it."""
        if previous is None or previous.attacker is None or previous.last != s.index - 1 \
                or previous.attacker_strength < 2 or previous.attacker.relative \
                or previous.attacker.actor.side not in self.profile.opposite \
                or draft.place is None or draft.place.precision != 1 \
                or previous.place is None or previous.sentences[-1] != s.index - 1:
            return False
        area = {previous.place.mention.lower()}
        if previous.admin1:
            area.add(previous.admin1[0].lower())
        if draft.place.mention.lower() in area:
            return False
        if draft.admin1 is not None:
            region = draft.admin1[0].lower()
            if region in area or any(a.startswith(region + " ") for a in area):
                return True
        # "in Druzkivka, northern Donetsk": the area named right beside the place
        after = self.text[draft.place.span.end : min(s.span.end, draft.place.span.end + 40)]
        m = _INSIDE_AREA.match(after)
        return m is not None and m.group(1).lower() in area

    def _own_act(self, s: Sentence, trigger: Span, attributions: list[Attribution],
                 previous: Draft | None = None) -> ActorHit | None:
        """A side's speaker telling of its own strike ("the ministry said its forces hit
        X") names the attacker: the speaker's side. 'It said' in the sentence right after
        a report stands for that report's sided speaker."""
        p = self.profile
        speakers = [a for a in attributions if a.span.end <= trigger.start
                    and (a.pronoun or a.side in p.opposite)]
        if not speakers:
            return None
        speaker = speakers[-1]
        if speaker.pronoun:
            told = [a for a in (previous.attributions if previous is not None
                                and previous.last == s.index - 1 else [])
                    if a.side in p.opposite and not a.pronoun]
            named = self._antecedent([], s.index, speaker) if not told else None
            if named is not None and named.side in p.opposite:
                told = [named]  # "the defence ministry also said its missiles ..."
            if not told:
                return None
            speaker = Attribution(told[-1].claimant, told[-1].side, speaker.span)
        before = self.text[speaker.span.end : trigger.start]
        m = _OWN_ACT.search(before)
        if m is None:
            return None
        word = m.group(0).split()[0].lower()
        if word in ("it", "they", "their") and not _MILITARY_SPEAKER.search(speaker.claimant):
            return None  # "the mayor said they shelled the town": 'they' is the enemy
        side = speaker.side or "unknown"
        name = p.forces_of(side)
        return ActorHit(Actor(name, side), speaker.span)

    def _casualties(self, draft: Draft, c: Any, fill_only: bool = False) -> None:
        ev = c.evidence
        if fill_only:
            for name in ("fatalities", "injured", "children"):
                value = getattr(c, name)
                if value is not None and getattr(draft, name) is None:
                    setattr(draft, name, (value, tuple(ev.get(name, ()))))
            if c.civilians:
                draft.civilians = True
            return
        if c.fatalities is not None:
            draft.fatalities = (c.fatalities, tuple(ev.get("fatalities", ())))
        if c.injured is not None:
            draft.injured = (c.injured, tuple(ev.get("injured", ())))
        if c.children is not None:
            draft.children = (c.children, tuple(ev.get("children", ())))
        if c.civilians:
            draft.civilians = True

    def follow_up(self, draft: Draft, s: Sentence) -> bool:
        """Add what a non-incident sentence right after an incident says about it."""
        text, p = self.text, self.profile
        start, end = s.span.start, s.span.end
        if rejected(text, start, end, p) or is_history(text, start, end, self.published):
            return False
        if _ANOTHER_ACT.match(s.text):
            return False  # "Separately, ...": tells of something else
        added = False
        info = self.date(s)
        if info and info.kind == "explicit" and draft.date and draft.date.kind != "default" \
                and draft.date.date_range and info.date_range and (
                info.date_range[1] < draft.date.date_range[0]
                or info.date_range[0] > draft.date.date_range[1]):
            return False
        if info and info.kind == "explicit" and info.date_range and self.published and \
                info.date_range[1] < self.published - dt.timedelta(days=HISTORY_DAYS):
            return False
        if self._elsewhere(draft, s):
            return False
        denial = p.denial_cues.search(s.text)
        unchecked = p.unverified_cues.search(s.text)
        attributions = [] if denial else find_attributions(text, start, end, p)
        if unchecked:
            # "the figures came from X and could not be verified": X, told before the
            # note, still gives the account; the note's own checker is read elsewhere
            attributions = [a for a in attributions if a.span.end <= start + unchecked.start()
                            and not a.pronoun]
        own_claim = False
        if attributions and draft.last == s.index - 1:
            # "It said its forces hit a depot": the speaker's own act
            acts = find_trigger(text, start, end, p)
            own = self._own_act(s, acts[0].span, attributions, draft) if acts else None
            if own is not None and not self._same_kind_of_act(draft, acts[0], s):
                own = None  # "... said it had struck an airfield": another act of its own
            if own is not None and draft.attacker is None:
                draft.attacker, draft.attacker_strength = own, 1.5
                added = True
            # "Russian drones struck X. Moscow said its forces had hit a fuel depot": the
            # attacking side telling of its own act, right after, speaks of this one
            own_claim = own is not None and draft.attacker is not None and \
                own.actor.side == draft.attacker.actor.side
        refers = own_claim or bool(_THIS.search(s.text) or _ACCOUNT_REF.search(s.text)) or any(
            not _RELATIVE_TIME.search(text, max(start, m.start() - 30), m.start())
            for m in p.anaphora.finditer(text, start, end))
        if attributions and (refers or attributions[0].pronoun):
            draft.attributions += attributions
            attributions = []
            added = True
        if mentions_casualties(text, start, end):
            c = find_casualties(text, start, end)
            before = (draft.fatalities, draft.injured, draft.children)
            self._casualties(draft, c, fill_only=True)
            added = added or before != (draft.fatalities, draft.injured, draft.children)
        if draft.munitions is None and s.index - draft.last <= 1:
            # "Three strikes were recorded": the count told right after the act
            munitions = find_munitions(text, start, end, p)
            if munitions:
                draft.munitions, added = munitions, True
        if info and info.kind == "reported" and draft.date and draft.date.kind == "default":
            draft.date = _reported_range(info)
            added = True
        elif self._day_of_act(draft, info, s) and self._tells_of(draft, s, info, refers):
            # "Early this morning, they decided to spoil our holiday": the day the next
            # sentence gives falls in the days the undated act was guessed to; it dates it
            draft.date = DateInfo(info.date, info.date_range, 1, "explicit", info.span)
            added = True
        if _USE_WORDS.search(s.text) and not _HEDGE.search(s.text):
            # a later sentence adds a weapon only where it says it was used ("experts
            # said the Himars supplied by the west allowed ..." names no weapon of this act)
            used = [w for w in find_weapons(text, start, end, p) if not w.hit and w.used]
            names = {w.weapon.name for w in draft.weapons}
            new = [w for w in used if w.weapon.name not in names]
            if new:
                draft.weapons += new
                added = True
        if added and attributions:
            draft.attributions += attributions
        if added and draft.admin1 is None:
            regions = find_regions(text, start, end, p)
            # a region named in a later sentence is the place's only if that sentence
            # is about the place ("no safe cities in Luhansk region", after Kramatorsk)
            mine = place_key(draft.place.mention) if draft.place is not None else None
            about = mine is None or any(
                place_key(pl.mention) == mine
                for pl in find_places(text, start, end, p, frozenset(self.known_places)))
            if regions and about:
                draft.admin1 = regions[0]
        if added:
            draft.sentences.append(s.index)
            draft.spans.append(s.span)
        return added

    def _series_side(self, drafts: list[Draft]) -> None:
        """'Side X has been accused of ... a series of deadly strikes in recent weeks.'
        followed by those attacks, one a sentence: each, told with no side of its own,
        is that side's, until an act names its own or the list breaks off."""
        text, p = self.text, self.profile
        for s in self.sentences:
            if not _SERIES.search(s.text):
                continue
            # the side the sentence opens on is whose acts they are ("While Russia has
            # been accused of ... its invasion of Ukraine ...")
            hits = [a for a in find_actors(text, s.span.start, s.span.end, p)
                    if a.actor.side in p.opposite and not a.relative]
            if not hits:
                continue
            hit = min(hits, key=lambda a: a.span.start)
            last = s.index
            later = [d for d in drafts if max(d.sentences) > s.index]
            for d in sorted(later, key=lambda x: min(i for i in x.sentences if i > s.index)):
                first = min(i for i in d.sentences if i > s.index)
                if first - last > SERIES_GAP:
                    break
                if d.attacker is None:
                    d.attacker, d.attacker_strength = ActorHit(hit.actor, hit.span), 1.0
                elif min(d.sentences) > s.index:
                    break  # an act of the list with a side of its own ends it
                last = max(last, first)

    def _counts_between(self, drafts: list[Draft]) -> None:
        """'On the seafront of X, air defences downed two of four missiles', told between
        two sentences of X's strike: the count of that strike, when it has none."""
        text, p = self.text, self.profile
        taken = {i for d in drafts for i in d.sentences}
        for d in drafts:
            if d.munitions is not None or d.place is None or len(d.sentences) < 2:
                continue
            mine = place_key(d.place.mention)
            for s in self.sentences[min(d.sentences) + 1 : max(d.sentences)]:
                start, end = s.span.start, s.span.end
                if s.index in taken:
                    continue
                # the count first: it is the rarest of the three and the cheapest
                munitions = find_munitions(text, start, end, p)
                if not munitions or rejected(text, start, end, p):
                    continue
                named = find_places(text, start, end, p, frozenset(self.known_places))
                if any(place_key(pl.mention) == mine for pl in named):
                    d.munitions = munitions
                    d.sentences.append(s.index)
                    d.spans.append(s.span)
                    break

    def _elsewhere(self, draft: Draft, s: Sentence) -> bool:
        """A sentence naming another place or region than the report's tells of something
        else (the next item of a live blog), so it adds nothing to the report."""
        text, p = self.text, self.profile
        start, end = s.span.start, s.span.end
        if p.anaphora.search(text, start, end):
            return False  # "hurt in the attack on a train near X": X is more precise
        regions = find_regions(text, start, end, p)
        if draft.admin1 and any(r[0] != draft.admin1[0] for r in regions):
            return True
        if draft.place is None or draft.place.precision == 3:
            return False
        mine = place_key(draft.place.mention)
        named = self._towns_named(s)
        return bool(named) and all(place_key(pl.mention) != mine for pl in named)

    # -- the whole document -----------------------------------------------------------

    def read(self) -> list[Draft]:
        drafts: list[Draft] = []
        last: Draft | None = None
        for s in self.sentences:
            draft = self.mention(s, last)
            self._listed, listed = {}, self._listed.get(id(draft), [])
            if draft is not None:
                if draft.place is None or draft.place.precision == 3:
                    self._refer_back(draft, drafts, s)
                if draft.anaphoric and drafts and not _overlap(draft.date, drafts[-1].date):
                    # only where the day would part the reference from the act told
                    self._said_on(draft)
                if draft.anaphoric and drafts and not fold_into(drafts, draft, s.index) \
                        and s.index - drafts[-1].last <= NEAR and (
                            s.index - drafts[-1].last <= 1 or not self._own_place(draft)):
                    # "The attack came before a meeting in St Petersburg": the reference
                    # wins over a place named for something else
                    detail = self._detail_place(draft, drafts[-1], s)
                    draft.place, draft.admin1 = None, None
                    if fold_into(drafts, draft, s.index):
                        last = next(d for d in drafts if s.index in d.sentences)
                        if detail is not None and last is drafts[-1]:
                            last.place, last.within = detail, container_of(self.text, detail)
                            self.known_places.add(detail.mention)
                        continue
                if s.index in {i for d in drafts for i in d.sentences}:
                    last = next(d for d in drafts if s.index in d.sentences)
                    continue
                if draft.umbrella:
                    last = draft
                    continue
                if _ANOTHER_ACT.match(s.text):
                    # "In a separate attack, two were killed": never the act just told;
                    # with no place of its own it cannot be coded at all
                    if draft.place is not None:
                        drafts.append(draft)
                        drafts += self._per_place(draft, listed)
                    last = draft if draft.place is not None else None
                    continue
                if not fold_into(drafts, draft, s.index):
                    if draft.anaphoric and draft.strength == 0 and not (
                            draft.place or draft.weapons):
                        continue  # "the attack" with nothing before it to refer to
                    drafts.append(draft)
                    drafts += self._per_place(draft, listed)
                    last = draft
                else:
                    last = next(d for d in drafts if s.index in d.sentences)
                continue
            if last is not None and s.index - last.last <= FOLLOW:
                self.follow_up(last, s)
            elif last is not None:
                self._late_day(last, s)
        drafts = _dedupe(drafts)
        drafts = [d for d in drafts if not self._only_retreat(d)]
        self._possessive_days(drafts)
        self._counts_between(drafts)
        self._series_side(drafts)
        for draft in drafts:
            self._used_at(draft, drafts)
        drafts = self._join_unnamed(drafts)
        self._late_claims(drafts)
        self._claims_context(drafts)
        told = {i for d in drafts for i in d.sentences}
        for draft in drafts:
            self._arms_told_later(draft, told)
        return drafts

    def _same_kind_of_act(self, draft: Draft, act: Trigger, s: Sentence) -> bool:
        """Whether a speaker's 'its forces hit X' may be the report's act: one kind of
        event, and a thing hit of the report's kind ('took two villages' after shelling,
        'struck an airfield' after a block of flats was hit, are other acts)."""
        if act.rule.event_type != draft.event_type or act.rule.territory != draft.territory:
            return False
        mine = getattr(draft.target[0], "category", None) if draft.target else None
        hit = find_target(self.text, act.span.start, s.span.end, self.profile,
                          after=act.span.start)
        theirs = getattr(hit[0], "category", None) if hit else None
        return mine is None or theirs is None or mine == theirs

    def _target_proper(self, draft: Draft) -> str | None:
        """The proper name a report's target bears ("Azovstal" of "the Azovstal plant")."""
        if not draft.target or not isinstance(draft.target[0], Target):
            return None
        span = draft.target[1]
        name = _PROPER_BEFORE.search(self.text, max(0, span.start - 40), span.start)
        if name is None or name.group(1) in _NOT_NAMES or find_places(
                self.text, name.start(1), name.end(1), self.profile):
            return None  # (a town's name, "the Kharkiv tractor plant", is the place's)
        return name.group(1)

    def _same_target(self, drafts: list[Draft], s: Sentence) -> Draft | None:
        """'... were targeting the Azovstal plant': the one report whose target bears that
        proper name ('the Azovstal steelworks'), named again with an act on it."""
        if not (_ACT_WORD.search(s.text) or _ASSAULT.search(s.text)):
            return None
        at = [d for d in drafts if (name := self._target_proper(d))
              and re.search(rf"\b{re.escape(name)}\b", s.text)]
        if len(at) != 1 or s.entry != self.sentences[min(at[0].sentences)].entry:
            return None
        return at[0]

    def _toll_of(self, drafts: list[Draft], s: Sentence) -> Draft | None:
        """'X, deputy head of the president's office, said “more than 70 people are still
        in hospital”': a named speaker giving a toll right after an act, in its paragraph,
        speaks of that act."""
        if not mentions_casualties(self.text, s.span.start, s.span.end) or \
                not re.search(r"\b\d+\b", s.text):
            return None  # (a toll gives figures)
        # (right after it: a sentence between may tell of another place's toll)
        before = [d for d in drafts if d.last == s.index - 1
                  and self.sentences[d.last].paragraph == s.paragraph]
        if len(before) != 1 or self._elsewhere(before[0], s):
            return None
        return before[0]

    def _told_next(self, drafts: list[Draft], s: Sentence) -> Draft | None:
        """'A US official accused Moscow over the killing of prisoners at a jail.' just
        before the sentence that tells the act: the accusation is about that act."""
        if not _ONE_ACT.search(s.text):
            return None  # ("Russia's attacks on power plants this winter": no one act)
        after = [d for d in drafts if s.index + 1 in d.sentences
                 and self.sentences[s.index + 1].entry == s.entry]
        return after[0] if len(after) == 1 else None

    def _referred(self, drafts: list[Draft], s: Sentence) -> Draft | None:
        """The act told last, a few sentences before, that "the attack" or "this" in the
        sentence refers back to; none when the sentence names another place."""
        text, p = self.text, self.profile
        start, end = s.span.start, s.span.end
        before = [d for d in drafts if min(d.sentences) < s.index and not d.umbrella]
        if not before:
            return None

        def told_last(d: Draft) -> int:
            return max(i for i in d.sentences if i < s.index)

        draft = max(before, key=told_last)
        refers = any(not _RELATIVE_TIME.search(text, max(start, m.start() - 30), m.start())
                     for m in p.anaphora.finditer(text, start, end)) or bool(
            _THIS_ACT.search(s.text) or _AFTERMATH.search(s.text)
            or _QUOTED_ACT.search(s.text)
            or (draft.territory and _TERRITORY_REF.search(s.text))) or \
            self._names_target(draft, s) or (
                s.index - told_last(draft) == 1 and _GOES_ON.search(s.text) is not None
                and _ACT_WORD.search(s.text) is not None)
        if not refers:
            return None
        if s.index - told_last(draft) > REFER_REACH or \
                s.entry != self.sentences[told_last(draft)].entry:
            return None
        if self._elsewhere(draft, s):
            return None
        return draft

    def _names_target(self, draft: Draft, s: Sentence) -> bool:
        """'... had hit the airbase' after a report whose target is an airbase: the thing
        hit, referred back to by its head noun."""
        head = self._target_head(draft)
        if head is None:
            return False
        return any(m["noun"].lower().split()[-1].rstrip("s") == head
                   for m in _thing_ref(self.profile).finditer(self.text, s.span.start,
                                                              s.span.end))

    def _same_place(self, drafts: list[Draft], s: Sentence, any_entry: bool = False
                    ) -> Draft | None:
        """The one report at the town the sentence names ("Russia acknowledged it had
        targeted the centre of X"), when the sentence tells an act and names no other
        town, and no other report is at that town (a live blog's Kyiv of two days is not
        one act)."""
        text, p = self.text, self.profile
        start, end = s.span.start, s.span.end
        if not (_ACT_WORD.search(s.text) or find_trigger(text, start, end, p)):
            return None
        named = {place_key(pl.mention) for pl in self._towns_named(s)}
        head = _PLACE_HEAD.search(s.text) if not named else None
        if len(named) != 1 and head is None:
            return None
        key = named.pop() if named else ""

        def here(d: Draft) -> bool:
            if d.place is None or d.place.precision >= 3:
                return False
            if head is not None:  # "the island" after "Snake Island"
                return d.place.mention.lower().split()[-1] == head.group(1).lower()
            return place_key(d.place.mention) == key

        at = [d for d in drafts if here(d)]
        if len(at) != 1:
            return None
        draft = at[0]
        if s.entry != self.sentences[min(draft.sentences)].entry and not any_entry:
            return None  # (a live blog's summary atop the page retells its entries)
        info = self.date(s)
        if info is not None and info.kind == "explicit" and info.date_range and \
                draft.date is not None and draft.date.kind != "default" and not _overlap(
                _reported_range(info), draft.date):
            return None  # "on Friday Russia admitted ..." may be said a day after the act
        return draft

    def _per_place(self, draft: Draft, listed: list[PlaceHit]) -> list[Draft]:
        """'Strikes hit A, B and C': one report per place, as ACLED codes one event per
        location and day. A toll told for the whole list cannot be shared out, so such a
        sentence stays one report."""
        if not listed or draft.fatalities or draft.injured or draft.place is None:
            return []
        return [replace(draft, place=pl, within=container_of(self.text, pl),
                        sentences=list(draft.sentences),
                        spans=list(draft.spans), weapons=list(draft.weapons),
                        attributions=list(draft.attributions), denials=list(draft.denials),
                        unverified=list(draft.unverified), triggers=list(draft.triggers),
                        trigger_spans=list(draft.trigger_spans),
                        denied_in=set(draft.denied_in), hit_weapons=set(draft.hit_weapons))
                for pl in listed]

    def _shelled_by(self, draft: Draft, place: Place, claims: tuple[Claim, ...]
                    ) -> Actor | None:
        """'Two blocks in X were hit, the governor said': shelling of a place a side holds,
        told only by that side's officials and denied by no one, is coded as ACLED codes
        it, to the other side; where the sides' accounts differ it stays unknown. A
        military target may be either side's ('a Russian depot in the Kherson region'),
        so it is left alone, and so is a strike no one is named telling of."""
        p = self.profile
        target = draft.target[0] if draft.target else None
        # "was injured in a fire": what a casualty trigger names as its cause counts too
        told = [self.text[sp.start : sp.end + (12 if re.search(r"\b(?:in|by)$", self.text[
            sp.start : sp.end]) else 0)] for sp in draft.trigger_spans]
        if not draft.weapons and told and all(_BARE_BLAST.search(t) for t in told):
            # "two explosions in Belgorod", "a fire at a defence facility": heard or
            # seen, no attack told, so no side to code it to
            return None
        if any(c.stance == Stance.DENIES for c in claims) or \
                getattr(target, "category", None) == "military":
            return None
        held = p.held_places.get((place.name or place.mention).lower()) or \
            p.default_official_side
        asserting = {c.side for c in claims if c.stance == Stance.ASSERTS}
        if held not in p.opposite:
            return None
        enemy = p.opposite[held]
        # the other side's own account of the strike ("the blaze came from our strike on a
        # depot") admits it; only a third party's differing account leaves it open
        if asserting - {enemy} != {held}:
            return None
        return Actor(p.forces_of(enemy), enemy)

    def _more_of_strikes(self, draft: Draft) -> bool:
        """'Attacks in the region killed 21 civilians ... Three more were killed in X': a
        toll told as more of a toll of strikes just told is a toll of those strikes."""
        first = self.sentences[min(draft.sentences)]
        if not _MORE_TOLL.search(first.text):
            return False
        return any(_STRIKE_WORD.search(prev.text) and _TOLL_WORD.search(prev.text)
                   for prev in self.sentences[max(0, first.index - 3) : first.index])

    def _accused(self, draft: Draft, attacker: Actor | None,
                 claims: tuple[Claim, ...]) -> Actor | None:
        """'Kyiv said Russia struck the prison; Moscow denied it and said Ukrainian forces
        had struck it': an attacker read from the denier's own sentence is the denier's
        counter-claim, not the account the report tells. The report's asserters accuse the
        denier's side; with no asserter the attacker is unknown."""
        if attacker is None or draft.attacker is None or \
                attacker.side not in self.profile.opposite:
            return attacker
        enemy = self.profile.opposite[attacker.side]
        where = self._index_of(draft.attacker.span)
        countered = any(c.stance == Stance.DENIES and c.side == enemy and c.span is not None
                        and self._index_of(c.span) == where for c in claims)
        if not countered:
            return attacker
        asserting = {c.side for c in claims if c.stance == Stance.ASSERTS}
        if enemy in asserting:
            return attacker  # the denier's side also asserts it: its own account
        # the asserters (Kyiv) accuse the denier's side, the denier accuses theirs: with
        # each side blaming the other no attacker can be coded (ACLED leaves it unknown)
        return None

    def _disputed_target(self, draft: Draft, attacker: Actor | None,
                         claims: tuple[Claim, ...]) -> bool:
        """'Russia struck X, claiming it hit tanks; Kyiv said the claims were false': a
        military target told only in the striking side's own account, which the other
        side denies, is the thing in dispute, not a fact to code."""
        if not draft.target or attacker is None or attacker.side not in self.profile.opposite:
            return False
        if getattr(draft.target[0], "category", None) != "military":
            return False
        # a third party that says the claimed targets were not there disputes it too
        if not any(c.stance == Stance.DENIES and c.side != attacker.side for c in claims):
            return False
        span = draft.target[1]
        where = self._index_of(span)
        return any(c.stance == Stance.ASSERTS and c.side == attacker.side and c.span
                   is not None and self._index_of(c.span) == where and c.span.start < span.start
                   for c in claims)

    def _only_retreat(self, draft: Draft) -> bool:
        """'The army has withdrawn from X' and nothing else: a side leaving is no loss of
        X to the other until the text says the other side took it, a capture told with it
        or folded into it ('Russian forces took X ... the defenders had abandoned X')."""
        if not draft.territory or not draft.triggers:
            return False
        p = self.profile
        for told in draft.triggers:
            m = p.trigger_re.search(told)
            if m is None or not p.events[int((m.lastgroup or "g0")[1:])].retreat:
                return False
        return True

    def _refer_back(self, draft: Draft, drafts: list[Draft], s: Sentence) -> None:
        """'shelling the plant', 'struck the island': the place of the earlier report
        whose target or place that thing was."""
        m = _thing_ref(self.profile).search(self.text, s.span.start, s.span.end)
        if m is None:
            return
        noun = m["noun"].lower().split()[-1]
        stem = noun.rstrip("s")
        for other in reversed(drafts):
            if other.place is None:
                continue
            first = self.sentences[min(other.sentences)].text.lower()
            if self._target_head(other) == stem or other.place.mention.lower().split()[-1] == noun \
                    or re.search(rf"\b{re.escape(noun)}\b", first):
                draft.place, draft.admin1 = other.place, other.admin1
                return

    def _detail_place(self, draft: Draft, previous: Draft, s: Sentence) -> PlaceHit | None:
        """The next sentence's "the attack on the bus near X" tells where an act first
        placed only "near" a larger place, or only in a region, happened: X is the more
        precise place of the same act, not a place named for something else."""
        if draft.place is None or draft.place.relative or draft.place.precision == 3:
            return None
        if s.index - previous.last > 1 or not self._own_place(draft):
            return None
        vague = previous.place is None or previous.place.precision >= 2
        return draft.place if vague else None

    def _own_place(self, draft: Draft) -> bool:
        """The place is where the act itself happened ("the strikes on the prison in X"):
        a definite reference then tells of another incident, not the one before."""
        if draft.place is None or not draft.trigger_spans:
            return False
        trigger, place = draft.trigger_spans[0], draft.place.span
        if place.start < trigger.end:
            return False
        told = self.text[trigger.start : trigger.end].split()
        gap = self.text[trigger.end : place.start]
        if len(told) > 1 and _OWN_PLACE_GAP.match(told[-1]):
            gap = told[-1] + gap  # the trigger's pattern took the preposition ("strikes on")
        return bool(_OWN_PLACE_GAP.match(gap))

    @staticmethod
    def _target_head(draft: Draft) -> str | None:
        """The head noun of what the report says was hit ("depot", "school"), if any:
        "denied that any depot was hit" concerns the report of a depot hit."""
        target = draft.target[0] if draft.target else None
        if not isinstance(target, Target) or not target.name.split():
            return None
        return target.name.split()[-1].lower().rstrip("s")

    # -- drafts to reports ----------------------------------------------------------------

    @staticmethod
    def _own_success(draft: Draft) -> bool:
        """A side telling of losses it inflicted ("destroyed", "eliminated", "shot down")."""
        category = getattr(draft.target[0], "category", None) if draft.target else None
        told = any(_SUCCESS.search(t) for t in draft.triggers)
        return told and (draft.event_type == "Battles" or category == "military"
                         or draft.sub_event_type == "Disrupted weapons use")

    def _towns_named(self, s: Sentence) -> list[PlaceHit]:
        """The settlements a sentence names itself: no 'there', no region."""
        return [pl for pl in find_places(self.text, s.span.start, s.span.end, self.profile,
                                         frozenset(self.known_places))
                if not pl.relative and pl.precision < 3]

    def _sentence_at(self, span: Span) -> Sentence | None:
        return next((s for s in self.sentences if s.span.start <= span.start < s.span.end),
                    None)

    def _index_of(self, span: Span) -> int:
        sentence = self._sentence_at(span)
        return sentence.index if sentence is not None else 0

    def report(self, draft: Draft, ordinal: int) -> Report:
        """The frozen report of a draft, with evidence for every field filled."""
        evidence: dict[str, tuple[Span, ...]] = {}
        if draft.trigger_spans:
            evidence["event_type"] = tuple(sorted(draft.trigger_spans))
        place = None
        if draft.place is not None:
            admin1 = draft.admin1[0] if draft.admin1 else None
            place = Place(mention=draft.place.mention,
                          name=None if draft.place.precision == 3 else draft.place.mention,
                          admin1=admin1, geo_precision=draft.place.precision,
                          span=draft.place.span, country=None)
            evidence["location"] = (draft.place.span,)
            if draft.admin1:
                evidence["admin1"] = (draft.admin1[1],)
        attacker = draft.attacker.actor if draft.attacker else None
        if draft.attacker and draft.attacker.relative:
            side = self._reporting_side(draft)
            enemy = self.profile.opposite.get(side or "", "unknown")
            name = self.profile.forces_of(enemy, "enemy forces")
            attacker = Actor(name, enemy)
        if draft.attacker:
            evidence["attacker"] = (draft.attacker.span,)
        claims = self.claims_of(draft, attacker.side if attacker else None, place)
        if attacker is None and self._own_success(draft):
            # a side's own report of destroying military targets: it did the destroying
            # a mayor or governor whose side is only presumed tells of losses, not of
            # his own side's success ("two soldiers were killed, the governor said")
            presumed = {a.claimant.lower() for a in draft.attributions
                        if a.official and a.side is None}
            sides = {c.side for c in claims if c.stance == Stance.ASSERTS and c.span
                     and c.claimant.lower() not in presumed}
            if len(sides) == 1 and (side := sides.pop()) in self.profile.opposite:
                name = self.profile.forces_of(side)
                attacker = Actor(name, side)
        if draft.attacker and draft.attacker.relative and attacker and attacker.side == "unknown":
            side = next((c.side for c in claims if c.stance == Stance.ASSERTS
                         and c.side in self.profile.opposite), None)
            if side:
                enemy = self.profile.opposite[side]
                name = self.profile.forces_of(enemy)
                attacker = Actor(name, enemy)
        if attacker is None and draft.event_type == "Explosions/Remote violence" and \
                draft.sub_event_type != "Remote explosive/landmine/IED" and place is not None \
                and (draft.weapons or not all(_TOLL_WORD.search(t) for t in draft.triggers)
                     or any(_STRIKE_WORD.search(self.text, sp.start, sp.end)
                            for sp in draft.spans) or self._more_of_strikes(draft)):
            # a strike told as such ("hit by shelling"), not a toll alone ("were killed")
            attacker = self._shelled_by(draft, place, claims)
            told = tuple(c.span for c in claims if c.stance == Stance.ASSERTS and c.span)
            if attacker is not None and told:
                evidence["attacker"] = told
        accused = self._accused(draft, attacker, claims)
        if accused != attacker:
            attacker = accused
            told = tuple(c.span for c in claims if c.stance == Stance.ASSERTS and c.span)
            evidence.pop("attacker", None)
            if attacker is not None and told:
                evidence["attacker"] = told
        date = draft.date
        if date and date.span:
            evidence["date"] = (date.span,)
        if draft.time:
            evidence["time"] = (draft.time[1],)
        target = None
        told = draft.target
        if told and self._disputed_target(draft, attacker, claims):
            # the thing in dispute is no fact; what another speaker says was hit is
            told = self._target_told_later(draft)
        if told and not (told is draft.target and self._target_elsewhere(draft)):
            target = told[0] if isinstance(told[0], Target) else None
            evidence["target"] = (told[1],)
        weapons = _named_weapons(self.text, draft.weapons)
        if weapons:
            evidence["weapons"] = tuple(w.span for w in weapons)
        if draft.munitions:
            evidence["munitions"] = (draft.munitions[1],)
        for name in ("fatalities", "injured", "children"):
            value = getattr(draft, name)
            if value and value[1]:
                evidence[name] = value[1]
        claims_spans = tuple(c.span for c in claims if c.span)
        if claims_spans:
            evidence["claims"] = claims_spans
        order = sorted(range(len(draft.sentences)), key=lambda i: draft.sentences[i])
        sub = draft.sub_event_type
        if draft.event_type == "Explosions/Remote violence" and sub == (
                "Shelling/artillery/missile attack") and not (
                weapons and weapons[0].weapon.weapon_class in _GROUND_FIRE):
            # "with heavy artillery and aircraft fire": the guns told first make it shelling
            for w in weapons:
                mapped = self.profile.weapon_class_events.get(w.weapon.weapon_class or "")
                if mapped:
                    sub = mapped
                    break
        report = Report(
            event_id=f"{self.doc.id}-{ordinal}",
            doc_id=self.doc.id,
            event_type=draft.event_type,
            sub_event_type=sub,
            date=_best_day(date),
            date_range=date.date_range if date else None,
            time_precision=_range_precision(date),
            time=draft.time[0] if draft.time else None,
            location=place,
            attacker=attacker,
            target=target,
            weapons=tuple(dict.fromkeys(w.weapon for w in weapons)),
            munitions=draft.munitions[0] if draft.munitions else None,
            fatalities=draft.fatalities[0] if draft.fatalities else None,
            injured=draft.injured[0] if draft.injured else None,
            children=draft.children[0] if draft.children else None,
            civilians=draft.civilians,
            claims=claims,
            disputed=any(c.stance == Stance.DENIES for c in claims),
            evidence=evidence,
            sentences=tuple(draft.spans[i] for i in order),
        )
        return replace(report, summary=summarise(report))


def extract_reports(document: Document, profile: Profile, nlp: Any = None) -> list[Report]:
    """Every incident the document tells of, one report each, in text order.

    ``nlp`` (a spaCy pipeline with ``ner``) is optional: when given, it reads only the
    sentences whose claimant the rules could not place, to name the PERSON/ORG there.
    """
    reader = _Reader(document, profile, nlp)
    drafts = reader.read()
    if nlp is not None:
        reader.refine_claimants(drafts)
    drafts.sort(key=lambda d: min(d.sentences))
    return [reader.report(d, i) for i, d in enumerate(drafts, start=1)]


class _LazyNLP:
    """spaCy's model, loaded on first use, and run with named entities only."""

    def __init__(self, resources: Any) -> None:
        self.resources = resources

    @property
    def model(self) -> Any:
        return self.resources.nlp

    def pipe(self, texts: list[str]) -> Any:
        model = self.model
        keep = {"tok2vec", "ner"}
        disable = [name for name in model.pipe_names if name not in keep]
        return model.pipe(texts, disable=disable)


def make_stage(resources: Any) -> Callable[[Any], Any]:
    """The 'extract' stage: replaces the analysis's reports with the extracted ones.

    The model loads with the first document that tells of an incident, so a pipeline
    warmed up on one such document has paid for it before timing starts.
    """
    from ..pipeline import Analysis

    nlp = _LazyNLP(resources)

    def stage(analysis: Analysis) -> Analysis:
        reports = extract_reports(analysis.document, resources.profile, nlp=nlp)
        if reports:
            nlp.model  # noqa: B018  (load now: the next documents will need it)
        return Analysis(analysis.document, tuple(reports), analysis.error)

    return stage
