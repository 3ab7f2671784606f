"""Slots of one sentence: place mention, region, attacker, target, weapons, munitions.

Every finder takes the document text and the sentence's bounds and returns values with
the span they were read from, so evidence is never lost. All knowledge (aliases,
weapon classes, place-context patterns) comes from the profile.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Actor, Span, Target, Weapon
from ..profiles import NAME, Profile
from .numbers import VAGUE, find_quantities, parse_number

__all__ = [
    "ActorHit",
    "PlaceHit",
    "WeaponHit",
    "find_actors",
    "find_munitions",
    "find_places",
    "find_regions",
    "find_target",
    "find_weapons",
    "pick_attacker",
]

_REGION_SUFFIX = re.compile(r"\s+(?:region|oblast|province|people['’]s republic)\b", re.I)
_POSSESSIVE = re.compile(r"['’]s$")
_NAME_RE = re.compile(NAME)
_REGION_OF = re.compile(r"\b(?:region|oblast|province) of (?P<r>[A-Z][\w'’\-]+)")
_NAMED_BEFORE = re.compile(r"[A-Z][\w'’\-]+\s+$")
_PAREN_REGION = re.compile(r"\s*\((?P<r>[A-Z][\w'’\- ]+)\)")
#: Units a munition count is told in besides the profile's weapon names ("Shaheds").
_MUNITION_UNITS = re.compile(
    r"^(?:rockets?|missiles?|shells?|drones?|bombs?|mines?|times|strikes?|salvos?|"
    r"projectiles?|rounds|shots|munitions|grenades)$", re.I)


_NEAR_BEFORE = re.compile(
    r"\b(?:near|outside|around|close to|not far from|outskirts of|vicinity of|environs of)"
    r"\s+(?:the\s+)?(?:(?:settlements?|villages?|towns?|city|cities|hamlets?) of\s+)?$", re.I)
_AREA_AFTER = re.compile(r"\s+(?:area|direction|sector|outskirts)\b", re.I)


@dataclass(frozen=True)
class PlaceHit:
    mention: str
    span: Span
    precision: int
    relative: bool


@dataclass(frozen=True)
class ActorHit:
    actor: Actor
    span: Span
    relative: bool = False  # "the enemy": side fixed later from who reports it


@dataclass(frozen=True)
class WeaponHit:
    weapon: Weapon
    span: Span
    user_side: str | None
    hit: bool  # the weapon was the target ("two HIMARS launchers were destroyed")
    #: the text says it was used ("fired with Grads", "the missile used in the strike"),
    #: not only that it exists or was supplied
    used: bool = False

    @property
    def generic(self) -> bool:
        return self.weapon.generic


#: Words before an actor's name that make it the city it is named after ("in Kyiv").
_LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|at|near|outside|around|over|into|across|of|on|to|towards?|hit|struck|attacked|"
    r"shelled|targeted|bombed|captured|liberated)\s+(?:the\s+)?"
    r"(?:(?:settlement|village|town|city|capital)\s+)?$", re.I)
_CONTROL_PREFIX = re.compile(r"^[A-Z][\w'’]*-(?:controlled|held|occupied|backed|installed)\s+")


#: A count run on after a name in a headline ("in Belgorod Two explosions ...").
_NEXT_WORD = re.compile(r"\s+([a-z]+)\b")
_NUMBER_TAIL = re.compile(r"(?:\s+(?:One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|"
                          r"Eleven|Twelve|Dozens|Several|Many))+$")
#: A headline run on into the next sentence ("withdraw from Lysychansk The Ukrainian army"):
#: an article or pronoun inside a name starts the next sentence.
_SENTENCE_TAIL = re.compile(r"\s+(?:The|A|An|This|These|Those|It|They|He|She|We|In|On|At)\b.*$")


def _clean_name(name: str) -> str:
    name = _CONTROL_PREFIX.sub("", name.strip(" -'’"))  # "Kremlin-controlled Olenivka"
    name = _NUMBER_TAIL.sub("", name)
    name = _SENTENCE_TAIL.sub("", name)
    return _POSSESSIVE.sub("", name)


#: A name made an adjective by its suffix ("Moscow-appointed", "Kyiv-based").
_ADJECTIVE_SUFFIX = re.compile(r"-(?:appointed|based|backed|installed|controlled|held|occupied|"
                               r"led|born|made|era|style|run|leaning|friendly|allied)$")


def _bad_name(name: str, profile: Profile, text: str, start: int, end: int) -> bool:
    if _ADJECTIVE_SUFFIX.search(name.split()[0]):
        return True
    if parse_number(name.split()[0]) is not None or name.split()[0].lower() in VAGUE:
        return True  # "Thirteen were captured": a count opening the sentence, not a place
    first = name.split()[0].split("-")[0]
    if first in profile.not_places or name in profile.not_places:
        return True
    if name.split()[-1] in profile.landmark_heads:
        return True  # "Dnipro River", "Chatham House": not where an incident is placed
    following = _NEXT_WORD.match(text, end)
    if following and following.group(1) in profile.landmark_after:
        return True  # "the Dnieper river", "the Antonivskyi bridge"
    if name.isupper() and len(name) <= 5:  # acronyms: AFU, JCCC, LPR
        return True
    if profile.actor_re.fullmatch(name) and not _LOCATIVE_BEFORE.search(text, max(0, start - 25),
                                                                      start):
        return True  # "from Kyiv", "Kyiv said": the side; "in Kyiv", "north of Kyiv": the city
    if profile.weapon_re.fullmatch(name):
        return True
    if profile.claimant_re.fullmatch(name):
        return True
    return bool(_REGION_SUFFIX.match(text, end))


def find_places(text: str, start: int, end: int, profile: Profile,
                known: frozenset[str] = frozenset()) -> list[PlaceHit]:
    """Place mentions in profile pattern order, then names already seen as places."""
    out: list[PlaceHit] = []
    seen: set[tuple[int, int]] = set()
    sentence = text[start:end]
    for pattern, precision in profile.place_patterns:
        for m in pattern.finditer(sentence):
            if "place" not in m.groupdict() or m["place"] is None:
                continue
            raw = m["place"]
            name = _clean_name(raw)
            words = name.split(" ")
            while len(words) > 1 and words[0] in profile.not_places:
                words.pop(0)  # "On Friday Pisky fell": the words before the name
            name = " ".join(words)
            s = start + m.start("place") + raw.find(name.split()[0]) if name else -1
            if not name or s < 0:
                continue
            e = s + len(name)
            if (s, e) in seen or _bad_name(name, profile, text, s, e):
                continue
            seen.add((s, e))
            relative = bool(re.search(r"(?:north|south|east|west)\w* of", m.group(0), re.I))
            near = _NEAR_BEFORE.search(text[max(start, s - 30) : s]) or _AREA_AFTER.match(text, e)
            # "near the village of X", "the X area": near the place, not in it
            out.append(PlaceHit(name, Span(s, e), max(precision, 2) if near else precision,
                                relative))
    out += _coordinated(text, end, out, profile, seen)
    for m in _NAME_RE.finditer(sentence):
        name = _clean_name(m.group(0))
        if _REGION_SUFFIX.match(text, start + m.start() + len(name)):
            continue  # "the Kharkiv region": the region, though the city is known
        if name in known and (start + m.start(), start + m.start() + len(name)) not in seen:
            out.append(PlaceHit(name, Span(start + m.start(), start + m.start() + len(name)), 1,
                                False))
    return out


#: A list of names closing on "and" right after a place: "hit Kramatorsk, Sloviansk and
#: Druzhkivka", "the villages of A and B". Without the closing "and" a name after a comma
#: is as likely the speaker ("hit Kharkiv, Synehubov said").
_LIST_AFTER = re.compile(rf"(?:\s*,\s*{NAME}){{0,5}},?\s+and\s+(?:the\s+)?{NAME}")
#: The gap between two names of one list.
COORDINATION = re.compile(r"^(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?$")


def _coordinated(text: str, end: int, found: list[PlaceHit], profile: Profile,
                 seen: set[tuple[int, int]]) -> list[PlaceHit]:
    """The other names of a list that opens with a place found by a pattern: each is
    a place of the same kind (same precision)."""
    out: list[PlaceHit] = []
    for place in found:
        if place.relative:
            continue
        m = _LIST_AFTER.match(text, place.span.end, end)
        if m is None:
            continue
        for n in _NAME_RE.finditer(text, place.span.end, m.end()):
            name = _clean_name(n.group(0))
            s, e = n.start(), n.start() + len(name)
            if not name or (s, e) in seen or _bad_name(name, profile, text, s, e):
                break  # "Kharkiv and Russia said": the list ends where a non-place begins
            seen.add((s, e))
            out.append(PlaceHit(name, Span(s, e), place.precision, False))
    return out


def find_regions(text: str, start: int, end: int, profile: Profile) -> list[tuple[str, Span]]:
    """Regions named (``Donetsk region``, ``LPR``, ``(Kharkiv)``) as (admin1, span)."""
    out = [(admin1, Span(start + m.start(), start + m.end()))
           for admin1, m in profile.iter_regions(text[start:end])]
    names = {a.lower(): a for a, _ in profile.regions}
    for m in _REGION_OF.finditer(text, start, end):
        admin1 = names.get(m["r"].strip().lower())
        if _NAMED_BEFORE.search(text, max(start, m.start() - 30), m.start()):
            continue  # "the Kiev region of Donetsk": a district of the city
        if admin1:  # "the region of Donetsk": the oblast, not the city
            out.append((admin1, Span(m.start(), m.end())))
    for m in _PAREN_REGION.finditer(text, start, end):
        admin1 = names.get(m["r"].strip().lower())
        if admin1:
            out.append((admin1, Span(m.start("r"), m.end("r"))))
    out.sort(key=lambda x: x[1].start)
    return out


def find_actors(text: str, start: int, end: int, profile: Profile) -> list[ActorHit]:
    relative_group = f"g{len(profile.actors)}"
    out = []
    for m in profile.actor_re.finditer(text, start, end):
        group = m.lastgroup or ""
        if group == relative_group:
            out.append(ActorHit(Actor("enemy forces", "unknown"), Span(m.start(), m.end()), True))
            continue
        entry = profile.actors[int(group[1:])]
        out.append(ActorHit(Actor(entry.name, entry.side), Span(m.start(), m.end())))
    return out


_BARE = re.compile(r"^(?:ukraine|russia|kyiv|kiev|moscow|ukrainian|russian|the kremlin)$", re.I)
#: Words after "Russian"/"Ukrainian" that make it an armed actor ("Russian shelling",
#: "Ukrainian positions") besides the profile's weapons and triggers, which are asked
#: for by ``_military_next``.
_MILITARY_NEXT = re.compile(
    r"^[\s-]+(?:(?:air|tank|naval|military|army|long-range|cruise|ballistic|heavy|precision|"
    r"guided|kamikaze|multiple)\b|"
    r"(?:fire|raids?|offensive|assault|counter-?offensive|positions?|saboteurs?|"
    r"special forces|commandos?|partisans?)\b)", re.I)
_SPACE_BEFORE = re.compile(r"^[\s-]+")


def _military_next(after: str, profile: Profile) -> bool:
    """The words after a side's name tell of arms or an armed act."""
    if _MILITARY_NEXT.match(after):
        return True
    lead = _SPACE_BEFORE.match(after)
    if lead is None:
        return False
    return bool(profile.weapon_re.match(after, lead.end())
                or profile.trigger_re.match(after, lead.end()))
#: "Russia's shelling of": a possessive side owns an act, not a unit ("Ukraine's air force")
_ACT_NEXT = re.compile(
    r"^\s+(?:(?:main|major|new|latest|heavy|ground|missile|rocket|artillery|drone|air|mortar)"
    r"\s+){0,2}(?:strikes?|shelling|attacks?|"
    r"bombardment|bombing|barrage|assault|offensive)\b", re.I)
#: "Russia has confirmed it carried out a strike": the speaker is the one who struck.
_SELF_REPORT = re.compile(
    r"^['’]?s?\s+(?:\w+\s+)?(?:said|says|claimed|claims|confirmed|admitted|announced)\s+"
    r"(?:that\s+)?(?:it|its (?:forces|troops|military|army|units|jets|aircraft))\b", re.I)
_AGENT_BEFORE = re.compile(
    r"(?:\bby|\bfrom(?: the side of)?|\baccused|\bblam(?:ed|ing|es)|\bof)\s+(?:the\s+)?[“\"‘']?$",
    re.I)
_OBJECT_BEFORE = re.compile(
    r"(?:\bon|\bat|\bagainst|\btargeting|\bpositions of|\binto|\bto|\bwith|\bfor|\bhit|"
    r"\bin|\bnear|\bacross|\bthroughout|\bover|\baround|\binside|\bwithin|\babout|"
    r"\bstruck|\bshelled|\battacked|\bdestroyed|\bkilled|\bfighting)\s+(?:the\s+)?(?:\w+\s+){0,2}$",
    re.I)
#: A subordinate clause between an actor and the act: the actor is not its subject.
_CLAUSE_BREAK = re.compile(r"\b(?:after|before|when|whereas|because|since|until|following)\b",
                           re.I)
#: Between a toll's trigger and the side that caused it: "the strike of", "shelling by".
_ACT_OF_GAP = re.compile(
    r"\s*(?:an?\s+|the\s+)?(?:[\w-]+\s+)?(?:attacks?|strikes?|shelling|shellfire|fire|"
    r"bombardment|bombing|raids?|assault)\s+(?:of|by|from)\s+(?:the\s+)?", re.I)
#: A cause before a side's act: "killed as a result of Russian shelling".
_CAUSE_BEFORE = re.compile(
    r"\b(?:as a result of|due to|caused by|because of|in|during|from|after|amid|by)\s+"
    r"(?:an?\s+|the\s+)?(?:\w+\s+)?$", re.I)
#: "in response to Russian strikes": the side's acts are the cause, not this act
_IN_RETURN = re.compile(r"\b(?:in response|respond\w*|retaliat\w+|reveng\w+|in return)\b",
                        re.I)
_ACCUSED_AFTER = re.compile(
    r"^\s+(?:was|were|is|are|has been|have been|had been)\s+(?:also\s+)?(?:accused|blamed)\b",
    re.I)
#: "built by", "held by": the agent of a participle that describes a thing, not the act
_OTHER_DEED_BY = re.compile(
    r"\b(?:built|constructed|erected|held|occupied|controlled|run|operated|owned|used|"
    r"supplied|provided|made|manufactured|installed|appointed|backed|laid|manned|guarded|"
    r"set\s+up|donated|sent|delivered|left|abandoned)\s+by\s+(?:the\s+)?[“\"‘']?$", re.I)
_REPORTING_AFTER = re.compile(
    r"^['’]?s?\s+(?:\w+\s+)?(?:said|says|claims?|claimed|reported|reports|announced|stated|"
    r"denied|rejected|accused|told|confirmed|added|noted|warned|demanded|has said|have said|"
    r"officials?|ministry|general staff|spokes\w+|authorities|governor|president|leader)\b",
    re.I)


#: A trigger that ends on whom it hit ("destroyed 130 military personnel"): an actor
#: after "of" owns the victims ("of the Armed Forces of Ukraine"), it did not shoot.
_VICTIM_END = re.compile(
    r"(?:personnel|soldiers?|servicem[ae]n|troops|fighters|invaders|occupiers|militants|"
    r"nationalists|mercenar\w+|units?|groups?|equipment|tanks?|vehicles?|positions?)$", re.I)


def pick_attacker(text: str, sentence: Span, trigger: Span, actors: list[ActorHit],
                  exclude: list[Span], profile: Profile) -> ActorHit | None:
    """The actor who carried out the act the trigger names.

    Agents of a passive ("fired by the AFU", "shelling of the Armed Forces of Ukraine",
    "accused Ukrainian soldiers of firing") beat subjects before the trigger, which beat
    adjectives ("a Russian missile strike"); actors after "on/at/against" are targets,
    and a speaker ("Ukraine claims", "Russia's defence ministry said") is no attacker.
    """
    best: tuple[float, ActorHit] | None = None
    for hit in actors:
        before = text[max(sentence.start, hit.span.start - 30) : hit.span.start]
        after = text[hit.span.end : min(sentence.end, hit.span.end + 40)]
        if any(hit.span.overlaps(x) for x in exclude) and not _SELF_REPORT.match(after):
            continue
        phrase = text[hit.span.start : hit.span.end]
        if _ACCUSED_AFTER.match(after) and hit.span.end <= trigger.start:
            # "Ukraine was accused on Wednesday of using drones to hit ...": the accused
            score = 3.0 - abs(trigger.start - hit.span.end) / 1000
            if best is None or score > best[0]:
                best = (score, hit)
            continue
        if _REPORTING_AFTER.match(after) and not _SELF_REPORT.match(after):
            continue
        if _IN_RETURN.search(before):
            continue  # "in response to Russian strikes, X was hit": the cause, not the actor
        if _BARE.match(phrase) and ((after.startswith(("’s", "'s"))
                                     and not _ACT_NEXT.match(after[2:]))
                                    or (phrase.lower() in ("ukrainian", "russian")
                                        and not _military_next(after, profile))):
            continue  # "Ukraine's main port", "a Ukrainian refugee": not an armed actor
        score = 0.0
        agent = _AGENT_BEFORE.search(before)
        if agent and hit.span.start > trigger.end and _OTHER_DEED_BY.search(before):
            continue  # "destroyed the bridge built by the Russians": who built it
        if re.match(r"(?:from|by)\b", phrase, re.I):
            score = 3.0
        elif after.startswith(("’s", "'s")) and _ACT_NEXT.match(after[2:]) and \
                hit.span.end <= trigger.start:
            score = 2.6  # "the focus of Russia's main attack": the act's owner
        elif hit.span.start >= trigger.end and _ACT_OF_GAP.fullmatch(
                text, trigger.end, hit.span.start):
            score = 3.0  # "hurt as a result of a strike of the Ukrainian army"
        elif _CAUSE_BEFORE.search(before) and _military_next(after, profile):
            score = 3.0  # "killed as a result of Russian attacks", "wounded in Ukrainian fire"
        elif _BARE.match(phrase) and _ACT_NEXT.match(after) and hit.span.end <= trigger.start \
                and not _IN_RETURN.search(text, sentence.start, sentence.end):
            # "one of a series of Russian strikes, with X hit by 13 missiles": the side
            # owns the strikes the act is one of; a subject, if any, still outranks it
            score = 1.8
        elif agent and agent.group(0).lower().startswith("of"):
            # "the shelling of the Ukrainian army": the agent, but only right
            # after the act ("personnel of the AFU" is whose personnel, not who shot)
            gap = text[trigger.end : hit.span.start]
            if _BARE.match(phrase) or hit.span.start < trigger.end or len(gap.split()) > 2 \
                    or _VICTIM_END.search(text, trigger.start, trigger.end):
                continue
            score = 3.0
        elif agent:
            score = 3.0
        elif hit.span.end <= trigger.start and len(text[hit.span.end : trigger.start].split()) <= 2:
            # "a Russian missile strike", "Ukrainian shelling", "Russian forces attacked
            # Ukrainian positions": the subject outranks an owner inside the trigger
            score = 2.6
        elif hit.span.start < trigger.start < hit.span.end:
            score = 2.6  # "a Ukrainian drone attacked": the actor's name runs into the act
        elif trigger.start < hit.span.start and hit.span.end < trigger.end and \
                _military_next(after, profile):
            score = 2.5  # inside a long trigger: "wounded in Russian shelling"
        elif _OBJECT_BEFORE.search(before):
            continue
        elif hit.span.end <= trigger.start:
            gap = text[hit.span.end : trigger.start]
            if _CLAUSE_BREAK.search(gap):
                continue  # "requests from Russia and Ukraine after 53 were killed": another clause
            score = 2.5 if len(gap.split()) <= 2 else 2.0
        else:
            continue
        distance = abs(hit.span.start - trigger.start) / 1000
        score -= distance
        if best is None or score > best[0]:
            best = (score, hit)
    return best[1] if best else None


_HIT_BEFORE = re.compile(
    r"(?:destroy\w*|hit|struck|downed|shot down|intercepted|captured|seized|launchers? of|"
    r"depots? (?:for|of|storing)|storing|for the|for an?|station for|supplied|deliver\w*|"
    r"received|pledged|sent|supplies of|supply of|battery of|systems? of)\W+(?:[\w\-]+\W+){0,5}$",
    re.I)
_USE_BEFORE = re.compile(
    r"(?:\bby|\bwith|\busing|\bused|\bfrom|\bfired|\blaunched|\bdropped)\W+(?:[\w\-]+\W+){0,4}$",
    re.I)
_USE_AFTER = re.compile(r"^\W*(?:[\w\-]+\s+){0,2}?(?:used|fired|launched|struck|hit|landed)\b",
                        re.I)
_HIT_AFTER = re.compile(r"^\W*(?:[\w\-]+\W+){0,6}?(?:were|was|been) (?:destroyed|hit|downed|"
                        r"shot down|intercepted|captured)", re.I)


def find_weapons(text: str, start: int, end: int, profile: Profile) -> list[WeaponHit]:
    out = []
    for m in profile.weapon_re.finditer(text, start, end):
        entry = profile.weapons[int((m.lastgroup or "g0")[1:])]
        before = text[max(start, m.start() - 60) : m.start()]
        after = text[m.end() : min(end, m.end() + 60)]
        use = _USE_BEFORE.search(before)
        hit = _HIT_BEFORE.search(before)
        is_hit = bool(hit and (not use or hit.start() > use.start()))
        if is_hit and hit is not None and _ATTRIBUTIVE_SUPPLY.search(before, 0, hit.start()):
            # "a strike by Ukraine's newly supplied Himars", "US-supplied rockets": the
            # supply describes the weapon that was used, it is no delivery
            is_hit = False
        if not is_hit and not use and _HIT_AFTER.match(after):
            is_hit = True
        used = bool(use and not is_hit) or bool(_USE_AFTER.match(after))
        out.append(WeaponHit(Weapon(entry.name, entry.weapon_class, entry.generic),
                             Span(m.start(), m.end()), entry.side, is_hit, used))
    return out


_AUXILIARY = re.compile(r"(?:was|were|is|are|been|being|had|has|have|got)\b", re.I)
#: Between a subject and its active verb: "troops overran", "soldiers then shelled".
_ACTIVE_GAP = re.compile(r"\s+(?:(?:\w+ly|then|also|again|later|reportedly)\s+)?", re.I)
_ATTRIBUTIVE_SUPPLY = re.compile(r"(?:\b(?:newly|recently|freshly|just)\s*|-)$", re.I)
_ORIGIN_BEFORE = re.compile(r"\bfrom\s+(?:an?\s+|the\s+|its\s+|their\s+)?(?:[\w-]+\s+)?$",
                            re.I)


def find_target(text: str, start: int, end: int, profile: Profile,
                after: int | None = None, skip: list[Span] | None = None
                ) -> tuple[Target, Span] | None:
    """The first thing hit, looked for after the trigger first, then in the sentence.

    Words inside an actor's name ("Ukrainian troops" as the attacker) are no target.
    """
    skip = skip or []
    for lo in ([after, start] if after is not None else [start]):
        # the thing named first is what was hit ("hit an ammunition depot, destroying
        # air defence systems"); category order breaks a tie at one position
        found: list[tuple[int, int, Target, Span]] = []
        for rank, (category, pattern) in enumerate(profile.targets):
            for m in pattern.finditer(text, lo, end):
                span = Span(m.start(), m.end())
                if _ORIGIN_BEFORE.search(text, max(start, m.start() - 30), m.start()):
                    continue  # "fired from a launcher": where it came from, not what it hit
                if after is not None and m.end() <= after and _ACTIVE_GAP.fullmatch(
                        text, m.end(), after) and not _AUXILIARY.match(text, after):
                    continue  # "troops overran the city": the subject of the act, not hit
                if not any(span.overlaps(x) for x in skip):
                    found.append((span.start, rank, Target(m.group(0).lower(), category), span))
                    break
        if found:
            _start, _rank, target, span = min(found, key=lambda f: (f[0], f[1]))
            return _as_used(text, target, span, end, start), span
    return None


#: "a tank containing nitric acid", "tanks of fuel": a storage tank, not an armoured one.
_STORED_AFTER = re.compile(
    r"\s+(?:containing|holding|storing|full\s+of|filled\s+with|of\s+(?:\w+\s+)?"
    r"(?:fuel|oil|gas|petrol|diesel|ammonia|acid|chlorine|chemicals?|water))\b", re.I)
#: "a college used as a barracks": what a building serves as decides its kind.
_MILITARY_USE_AFTER = re.compile(
    r"\s*,?\s+(?:that\s+was\s+|which\s+was\s+)?(?:being\s+)?(?:used|serving|converted|"
    r"turned)\s+(?:as|into)\s+(?:an?\s+)?(?:\w+\s+)?(?:base|barracks|command\s+post|"
    r"headquarters|ammunition\s+depot|arms\s+depot|firing\s+position|military\s+\w+)\b",
    re.I)


#: Buildings that hold people; with prisoners told beside them, a place of detention.
_HOLDING_PLACE = re.compile(r"\b(?:barracks|camps?)$", re.I)
#: "took ten prisoners at a camp": prisoners made there, not held there
_CAPTURED_BEFORE = re.compile(r"\b(?:took|taken|captured|capturing|seized)\b", re.I)
_DETAINED = re.compile(r"\b(?:prisoners?|POWs?|detainees?|inmates?|captives?|held\s+captive)\b",
                       re.I)


def _as_used(text: str, target: Target, span: Span, end: int, start: int = 0) -> Target:
    """The words right after a target say what it really is, whatever its usual kind."""
    if target.category == "military" and target.name.endswith("tank") and \
            _STORED_AFTER.match(text, span.end, end):
        return Target(target.name, "infrastructure")
    if target.category != "military" and _MILITARY_USE_AFTER.match(text, span.end, end):
        return Target(target.name, "military")
    if target.category == "military" and _HOLDING_PLACE.search(target.name) and \
            _DETAINED.search(text, max(start, span.start - 120), span.start) and \
            not _CAPTURED_BEFORE.search(text, max(start, span.start - 120), span.start):
        return Target(target.name, "civilian")  # a barracks where prisoners were held
    return target


def find_munitions(text: str, start: int, end: int, profile: Profile
                   ) -> tuple[int, Span] | None:
    """How many rockets, missiles, shells or attacks: "(one rocket)", "four times". A list
    of counts ("eight shells, three mortar rounds and nine rocket strikes") is their sum;
    "two of four missiles" counts the four fired."""

    def unit(word: str) -> bool:
        return bool(_MUNITION_UNITS.match(word) or profile.weapon_re.fullmatch(word))

    found: list[tuple[int, Span]] = []
    for q in find_quantities(text, start, end):
        if q.value is None or not q.unit_text:
            continue
        if found and q.span.start < found[-1][1].end:
            continue
        hit: tuple[int, Span] | None = None
        if unit(q.unit_text):
            u = text.find(q.unit_text, q.span.end, end)
            hit = q.value, Span(q.span.start, u + len(q.unit_text) if u >= 0 else q.span.end)
        else:
            # "four Russian rockets", "two cruise missiles": one word between count and unit
            m = _ADJECTIVE_UNIT.match(text, q.span.end, end)
            if m and unit(m["unit"]):
                hit = q.value, Span(q.span.start, m.end())
        if hit is None:
            continue
        noun = _UNIT_AFTER.match(text, hit[1].end, end)
        if noun and _MUNITION_UNITS.match(noun.group(1)):
            hit = hit[0], Span(hit[1].start, noun.end())  # "eight artillery shells"
        if _SYSTEMS_AFTER.match(text, hit[1].end, end):
            continue  # "two M777 artillery systems were destroyed": arms hit, not fired
        if found:
            gap = text[found[-1][1].end : hit[1].start]
            if _OF_TOTAL.fullmatch(gap) and len(found) == 1 and found[0][1].end == q.span.start:
                return hit[0], Span(found[0][1].start, hit[1].end)  # "two of four missiles"
            if not _LIST_JOIN.fullmatch(gap):
                break
        found.append(hit)
    if not found:
        m = _MULTIPLE_ACT.search(text, start, end)
        if m is None:
            return None
        return _MULTIPLES[m["times"].lower()], Span(m.start(), m.end())
    return sum(v for v, _ in found), Span(found[0][1].start, found[-1][1].end)


#: "a double missile strike", "the triple rocket attack": the act counts its blows. Said
#: of strikes and blasts only ("a double agent", "twin towns" count nothing).
_MULTIPLES = {"double": 2, "twin": 2, "triple": 3, "quadruple": 4}
_MULTIPLE_ACT = re.compile(
    r"\b(?P<times>double|twin|triple|quadruple)(?:-tap)?\s+(?:[\w-]+\s+){0,2}?"
    r"(?:strikes?|attacks?|blasts?|explosions?|hits?)\b", re.I)


#: Words after a counted weapon that make it the launchers or guns, not rounds fired.
_SYSTEMS_AFTER = re.compile(r"(?:\s+[\w-]+)?\s+(?:systems?|launchers?|installations?|"
                            r"complex(?:es)?|batter(?:y|ies)|pieces|vehicles?|units?|guns?)\b",
                            re.I)
#: Between listed counts: ", ", " and ", ", and launched ".
_LIST_JOIN = re.compile(r"\s*(?:,|,?\s+and)\s+(?:(?:fired|launched|dropped|made|carried\s+out|"
                        r"conducted)\s+)?", re.I)
#: The word after a count's unit, which may be the real unit ("eight artillery shells").
_UNIT_AFTER = re.compile(r"\s+([\w-]+)")
_OF_TOTAL = re.compile(r"\s+of\s+(?:the\s+)?", re.I)
_ADJECTIVE_UNIT = re.compile(r"\s+[\w-]+\s+(?P<unit>[\w-]+)")
