"""Fatalities, injured, children and civilians as a sentence or two states them.

Rules, not a model: casualty statements are formulaic ("one person was killed and 14
were injured", "killing three civilians and wounding 12", "there were no reports of
casualties") and every number must point at the words it was read from, so a user can
check it. Nothing is invented: no number means ``None``; 0 only when the text says
there were none.

Choices worth knowing:

- Combatant losses ("106 invaders eliminated", "12 soldiers were killed") count as
  fatalities, as in UCDP and ACLED, whose fatality counts include combatants;
  ``civilians`` is then False unless civilians are also named.
- "victims" counts as fatalities only when the words near it say so ("died", "killed",
  "death toll"); otherwise it is left out (it may mean the injured, or both), with
  its span kept under the evidence key ``"victims"``.
- "casualties" with a number is left out for the same reason; "no casualties" is 0
  fatalities and 0 injured.
- Several counts of one kind: "two soldiers and three civilians were killed" adds up
  (a coordination); otherwise the largest is taken ("five were killed, including two
  children"), and a death toll that "rose to" a number wins over earlier counts.
- ``civilians`` is True only when the text says the counted were civilians: the word
  "civilian" beside a count, or a noun no combatant is called (residents, children,
  pensioners, passers-by, journalists, ...). "Five people were injured", "employees of
  the fleet headquarters" or a bare toll leave it None: people at a military site may be
  servicemen, and the flag must not claim what the text does not. False when only
  combatants are counted.
- One person named and then "was (lightly) injured" / "was killed", with no count in
  the sentence, is a count of one: a singular verb tells of one person.
- A count of children is ``children``; it is a fatality/injury count as well only when
  no other count of that kind is given and it is not a part of one ("among the wounded
  are four children" gives children 4 and leaves injured to the sentence with the total).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Span
from .numbers import Quantity, find_quantities

__all__ = ["Casualties", "find_casualties", "mentions_casualties"]


@dataclass(frozen=True)
class Casualties:
    """Counts read from a stretch of text, each with the spans it came from."""

    fatalities: int | None = None
    injured: int | None = None
    children: int | None = None
    civilians: bool | None = None
    evidence: dict[str, tuple[Span, ...]] = field(default_factory=dict)


_CIVILIAN = (
    r"civilians?|residents?|people|persons?|man|men|woman|women|passers?-?by|"
    r"pensioners?|drivers?|passengers?|locals?|inhabitants?|individuals?|teenagers?|"
    r"journalists?|workers?|employees?|volunteers?|citizens?|villagers?|family|priests?|"
    r"veterans?|officials?|firefighters?|farmers?|guests?|patients?|students?|teachers?|"
    r"detainees?|inmates?|pupils?|shoppers?|customers?|miners?|"
    r"medics?|doctors?|rescuers?|elderly|husband|wife|sons?|daughters?|mother|father|"
    r"brothers?|sisters?|grand(?:mother|father|son|daughter)|neighbou?rs?|owners?|parents?|"
    r"relatives?|tenants?|occupants?|couple|"
    # Russian and Ukrainian, by stem
    r"человек|людей|люди|людини|жител[а-я]*|мешканц[а-яіїє]*|мирн[а-я]*|цивільн[а-яіїє]*|"
    r"женщин[а-я]*|мужчин[а-я]*|жінк[а-яіїє]*|чоловік[а-яіїє]*"
)
#: Nouns that say the counted were non-combatants. People, men, women, workers,
#: employees, officials, guards, drivers, passengers are left out: they may be soldiers
#: or staff of a military site, so a count of them says nothing of civilian status.
_NON_COMBATANT = (
    r"civilians?|residents?|passers?-?by|pensioners?|locals?|inhabitants?|teenagers?|"
    r"journalists?|volunteers?|villagers?|famil(?:y|ies)|priests?|farmers?|patients?|"
    r"students?|teachers?|pupils?|shoppers?|customers?|medics?|doctors?|rescuers?|elderly|"
    r"жител[а-я]*|мешканц[а-яіїє]*|мирн[а-я]*|цивільн[а-яіїє]*"
)
#: Places only civilians are found in, in plain English (not conflict knowledge, so
#: not in the profile): "18 people were killed in a shopping mall" tells civilians died
#: where "seven people were killed at the depot" does not.
_CIVILIAN_SETTING = re.compile(
    r"\b(?:homes?|houses?|residential|apartments?|flats|block\s+of\s+flats|high-rise|"
    r"shopping|mall|market|supermarket|shops?|caf[eé]s?|restaurants?|hotels?|beach|park|"
    r"playground|hospitals?|maternity|clinic|schools?|kindergarten|universit(?:y|ies)|"
    r"church|mosque|theat(?:re|er)|(?:mini)?bus(?:es)?|tram|train\s+station|railway\s+station|"
    r"evacuat\w*|queue|humanitarian|neighbou?rhood|city\s+cent(?:re|er)|"
    r"streets?|cars?|vehicles?)\b",
    re.I,
)
#: Counted nouns that say nothing of status: civilians only in a civilian setting.
_GENERIC = re.compile(r"(?:people|persons?|man|men|woman|women|individuals?|others?|more|"
                      r"dead|wounded|injured|victims?|bodies|body|)$", re.I)
_CHILD = (
    r"children|child|kids?|boys?|girls?|minors?|infants?|babies|baby|toddlers?|teenagers?|"
    r"детей|дети|ребен[а-я]*|ребён[а-я]*|дітей|діти|дитин[а-яіїє]*"
)
_COMBATANT = (
    r"soldiers?|servicemen|serviceman|servicemembers?|troops|militants?|fighters?|"
    r"invaders?|occupiers?|mercenar(?:y|ies)|nationalists?|personnel|militiam[ae]n|"
    r"prisoners? of war|POWs?|prisoners?|sailors?|crew members?|"
    r"officers?|marines?|paratroopers?|sailors?|pilots?|combatants?|gunmen|members?|"
    r"police(?:men|man)?|guards?|servicewom[ae]n|defenders?|rebels?|separatists?|"
    r"военнослужащ[а-я]*|військовослужбов[а-яіїє]*|солдат[а-я]*|бойовик[а-яіїє]*|"
    r"боевик[а-я]*|оккупант[а-я]*|окупант[а-яіїє]*"
)
_PERSON = re.compile(rf"(?:{_CHILD}|{_CIVILIAN}|{_COMBATANT}|others?|more|dead|wounded|injured|"
                     r"victims?|bodies|body)$", re.I)
_IS_CHILD = re.compile(rf"(?:{_CHILD})$", re.I)
_IS_CIVILIAN = re.compile(rf"(?:{_NON_COMBATANT}|{_CHILD})$", re.I)
_IS_COMBATANT = re.compile(rf"(?:{_COMBATANT})$", re.I)
_WORD = re.compile(r"(?:[^\W\d_][\w'’]*|\d+)(?:-[\w'’]+)*")  # "70-year-old" is one word
#: Words that end the noun phrase after a count: a count's noun comes before these.
_PHRASE_END = re.compile(
    r"(?:were|was|are|is|have|has|had|been|being|and|or|of|in|on|at|by|from|to|with|who|"
    r"which|that|as|after|during|the|received|suffered|sustained|said|more|others?|if|when|"
    r"while|but|because|so|than|per|"
    # units: "100 sq metres, if Russian soldiers are killed" counts no soldiers
    r"sq|square|metres?|meters?|km|kilometres?|miles?|percent|tonnes?|tons?|times|hours?|"
    r"days?|weeks?|months?|years?|minutes?|kg|mm)$",
    re.I,
)


def _noun_after(text: str, pos: int, end: int) -> tuple[str, int]:
    """The person noun within the next few words after a count, and where it ends.

    Adjectives may stand between ("three Ukrainian soldiers", "a 70-year-old local
    resident"); a verb or preposition ends the search.
    """
    last = pos
    for i, m in enumerate(_WORD.finditer(text, pos, min(end, pos + 60))):
        if i >= 5 or re.search(r"[,;:()\[\]\"“”]", text[last : m.start()]):
            break  # punctuation ends the noun phrase
        last = m.end()
        word = m.group(0)
        if i == 0 and word.lower() in ("more", "others", "other", "dead", "wounded", "injured"):
            return word, m.end()
        if _PERSON.match(word):
            return word, m.end()
        if _PHRASE_END.match(word):
            break
    return "", pos


# Role keywords. Past participles, adjectives and nouns that FOLLOW the count.
_KILL_AFTER = (
    r"killed|dead|died|die|dies|perished|deaths?|lost\s+(?:their|his|her)\s+lives?|"
    r"eliminated|liquidated|neutrali[sz]ed|slain|fatalit(?:y|ies)|bodies|погибл\w*|загинул\w*|"
    r"убит\w*|вбит\w*"
)
_HURT_AFTER = (
    r"wounded|injured|hurt|injur(?:y|ies)|wounds?|hospitali[sz]ed|in\s+hospital|"
    r"ранен\w*|поранен\w*|травм\w*|пострадал\w*|постраждал\w*"
)
# Verbs that PRECEDE the count ("killing three", "wounded 12", "left two dead").
_KILL_BEFORE = (
    r"killing|killed|kills|kill|executed|executing|murdered|murdering|shot\s+dead|"
    r"shot\s+and\s+killed|claimed\s+the\s+lives\s+of|took\s+the\s+lives\s+of|"
    r"погибл[а-я]*|погиб|загинул[а-яіїє]*|загинув|убит[ыо]|вбит[оі]"
)
_HURT_BEFORE = (
    r"wounding|wounded|injuring|injured|injures|wounds|hurting|hurt|"
    r"ранен[а-я]*|поранен[а-яіїє]*|пострадал[а-я]*|постраждал[а-яіїє]*|травмирован[а-я]*|"
    r"травмован[а-яіїє]*"
)
_MODIFIER = (
    r"(?:at\s+least|about|around|some|nearly|almost|up\s+to|more\s+than|over|roughly|"
    r"another|a\s+further|an\s+additional|approximately|as\s+many\s+as|"
    r"по\s+меньшей\s+мере|не\s+менее)\s+"
)
_BEFORE = re.compile(
    rf"(?:(?P<kill>{_KILL_BEFORE})|(?P<hurt>{_HURT_BEFORE}))"
    # "injuring and hospitalising four": a second verb of the same people
    rf"(?:\s+(?:and|or)\s+(?!killing|wounding|injuring)\w+ing)?\s+(?:(?:the|its|their|his|her)\s+)?"
    rf"(?:{_MODIFIER})?$", re.I
)
#: A part of a count given elsewhere ("among the wounded are four children", "killed,
#: including two children"): it gives ``children`` but never the total.
_SUBSET_BEFORE = re.compile(
    rf"(?:(?P<kill>(?:{_KILL_AFTER})\s*,?\s*(?:including|among\s+them|of\s+whom)|"
    rf"among\s+(?:the\s+)?(?:dead|killed|deceased|victims|fatalities)\s+(?:are|were|is|was))"
    rf"|(?P<hurt>(?:{_HURT_AFTER})\s*,?\s*(?:including|among\s+them|of\s+whom)|"
    rf"among\s+(?:the\s+)?(?:wounded|injured|hurt)\s+(?:are|were|is|was)))"
    rf"\s+(?:{_MODIFIER})?$",
    re.I,
)
_COMBAT_BEFORE = re.compile(
    rf"\b(?:eliminated|eliminating|eliminate|destroyed|destroying|destroy|neutrali[sz]ed|"
    rf"liquidated|lost)\s+(?:{_MODIFIER})?$",
    re.I,
)
_COORDINATED = re.compile(r"\s*,?\s*(?:and|as\s+well\s+as|plus)\s+", re.I)
_LATER_DIED = re.compile(r"\b(?:died|dies|succumbed|passed\s+away)\b", re.I)
_BARE_SINGULAR = re.compile(
    r"(?:^|(?<=[:;.!?\n—–-])\s*|\A\s*)(?P<noun>Man|Woman|Child|Boy|Girl|Civilian|Resident|"
    r"Teenager|Pensioner|Soldier|Serviceman|Priest|Journalist|Volunteer|Driver)\b"
)
_DEFINITE_ONE = re.compile(
    rf"\b(?:{_KILL_BEFORE}|{_HURT_BEFORE}|and|as\s+well\s+as)\s+(?P<det>the|its|his|her|their)\b",
    re.I)
_PLURAL_NOUN = re.compile(
    r"^(?:\w+s|men|women|people|children|police|personnel|staff|crew|family|elderly|"
    r"dead|wounded|injured|more|others?|bodies)$", re.I)
_AGE = re.compile(r"[\s-]*(?:years?|months?)[\s-]*old\b", re.I)
_AGGREGATE = re.compile(
    r"\bsince\s+(?:(?:19|20)\d\d|the\s+(?:start|beginning|outbreak)|february|the\s+war)|"
    r"\b(?:per|each|every)\s+day\b|\bon\s+average\b|\bin\s+total\b|\bso\s+far\s+in\s+the\s+war\b",
    re.I,
)
#: What comes before a count that is a part of another ("23 people, including three
#: children, were killed") or after it ("three children were among the wounded").
_INCLUDING = re.compile(
    rf"\b(?:including|among\s+them|among\s+whom|of\s+whom)\s+(?:{_MODIFIER})?$", re.I
)
_SUBSET_GAP = re.compile(
    rf"\s*[,(–—-]?\s*(?:including|among\s+them|among\s+whom|of\s+whom)\s+(?:{_MODIFIER})?",
    re.I,
)
_AMONG_AFTER = re.compile(
    r"\s*(?:were|are|was|is)\s+(?:also\s+)?among\s+(?:the\s+|those\s+)?$", re.I
)
_ANOTHER = re.compile(
    r"\b(?:[Aa]nother|[Hh]er|[Hh]is|[Ii]ts|[Tt]heir)(?=\s+(?:person|man|woman|civilian|child|boy|girl|"
    r"soldier|resident|serviceman|teenager|pensioner|husband|wife|son|daughter|mother|father|"
    r"brother|sister|neighbou?r|driver|passenger|owner)\b)"
    # "one woman died and another was hospitalised": "another" standing for one person
    r"|\b[Aa]nother(?=\s+(?:one\s+)?(?:was|has\s+been|had\s+been|is)\b)"
)
_AFTER = re.compile(
    rf"\b(?:(?P<kill>{_KILL_AFTER})|(?P<hurt>{_HURT_AFTER}))(?!\w)", re.I
)
_STOP = re.compile(r"[.;!?]|\bbut\b|\bwhile\b|\bwhereas\b|\bafter\b|\bwhen\b", re.I)
_TOLL = re.compile(
    r"\b(?:(?P<kill>death\s+toll|toll|number\s+of\s+(?:the\s+)?(?:people\s+|civilians\s+)?"
    r"(?:dead|deaths|fatalities|killed))"
    r"|(?P<hurt>number\s+of\s+(?:the\s+)?(?:people\s+|civilians\s+)?"
    r"(?:wounded|injured|injuries|hurt))"
    r"|(?P<victims>number\s+of\s+(?:the\s+)?victims))"
    r"[^.;]{0,100}?(?:\b(?:to|at|of|is|was|reached|stands\s+at|climbed\s+to|now)\s+|:\s*)$",
    re.I,
)
_VICTIM_DEATH = re.compile(r"\b(?:died|killed|dead|death\s+toll|deaths|perished)\b", re.I)
_NONE_BOTH = re.compile(
    r"\b(?:no\s+(?:(?:immediate|known|confirmed|reported)\s+)*(?:reports?\s+of\s+(?:any\s+)?)?"
    r"(?:casualties|victims|one\s+(?:was\s+)?(?:hurt|harmed))|"
    r"without\s+(?:any\s+)?casualties|no\s+one\s+was\s+(?:hurt|harmed)|nobody\s+was\s+(?:hurt|harmed)|"
    # "nobody was killed or hurt", "no one was injured or killed": both denied at once
    r"(?:no\s*(?:one|body)|nobody)\s+(?:was\s+)?(?:killed|hurt|injured|wounded|harmed)\s+or\s+"
    r"(?:killed|hurt|injured|wounded|harmed)|"
    # "no deaths or injuries", "no injuries or fatalities": both kinds denied at once
    r"no\s+(?:(?:immediate|known|confirmed|reported)\s+)*(?:reports?\s+of\s+(?:any\s+)?)?"
    r"(?:deaths|fatalities|dead|injuries|injured|wounded)\s+(?:or|and)\s+(?:any\s+)?"
    r"(?:deaths|fatalities|dead|injuries|injured|wounded)\b|"
    r"(?:caused|cause|resulted\s+in)\s+no\s+casualties|"
    r"no\s+(?:civilian\s+)?casualties|did\s+not\s+(?:cause|result\s+in)\s+(?:any\s+)?casualties|"
    r"без\s+(?:жертв|пострадавших|постраждалих)|никто\s+не\s+пострадал|ніхто\s+не\s+постраждав|"
    r"пострадавших\s+нет|жертв\s+нет|обошлось\s+без\s+жертв|обійшлося\s+без\s+жертв)",
    re.I,
)
_NONE_KILLED = re.compile(
    r"\b(?:no\s+(?:one|body)\s+(?:was\s+)?(?:killed|died)|nobody\s+(?:was\s+killed|died)|"
    r"no\s+(?:(?:immediate|known|confirmed|reported)\s+)*(?:reports?\s+of\s+(?:any\s+)?)?"
    r"(?:deaths|fatalities|dead)|no\s+(?:people|civilians|one)\s+"
    r"(?:were|was)\s+killed|(?:were|was)\s+not\s+killed|no\s+loss\s+of\s+life)\b",
    re.I,
)
_NONE_HURT = re.compile(
    r"\b(?:no\s+(?:one|body)\s+(?:was\s+)?(?:injured|wounded)|nobody\s+was\s+(?:injured|wounded)|"
    r"no\s+(?:(?:immediate|known|confirmed|reported)\s+)*(?:reports?\s+of\s+(?:any\s+)?)?"
    r"(?:injuries|injured|wounded)|no\s+(?:people|civilians)\s+"
    r"(?:were|was)\s+(?:injured|wounded|hurt)|(?:were|was)\s+not\s+(?:injured|wounded|hurt))\b",
    re.I,
)
_ARTICLE = re.compile(r"\b(?:a|an)\s*$", re.I)
#: "Yuri Turulev, was lightly injured", "he was killed": a singular verb, one person.
_ONE_PASSIVE = re.compile(
    r"\b(?:was|has\s+been|had\s+been)\s+(?:(?:also|reportedly|lightly|slightly|badly|"
    r"seriously|severely|critically|gravely|mortally|fatally)\s+)*"
    r"(?:(?P<kill>killed|shot\s+dead)|(?P<hurt>injured|wounded|hurt))\b",
    re.I,
)
_WITH_OTHERS = re.compile(
    r"[^.;]{0,40}?\b(?:alongside|along\s+with|together\s+with|as\s+well\s+as)\b", re.I)
#: Subjects that make the singular verb no count of one ("no one was hurt", "the toll
#: was ...", "nobody"): the negative patterns, or no person at all.
_NOT_ONE = re.compile(
    r"\b(?:no\s*(?:one|body)|nobody|none|neither|not|no|whether|if)\b[^.;,]{0,24}$", re.I)


#: Every rule above needs one of these stems; a window without any has no casualties.
_ANY_CUE = re.compile(
    r"kill|dead|die|death|perish|lives|eliminat|liquidat|neutrali|slain|fatal|bod(?:y|ies)|"
    r"execut|murder|"
    r"wound|injur|hurt|harm|hospital|destroy|lost|toll|casualt|victim|"
    r"погиб|загин|убит|вбит|ранен|поранен|травм|пострада|постражда|жертв",
    re.I,
)


def mentions_casualties(text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether a stretch speaks of anyone killed or hurt: worth reading for counts."""
    return bool(_ANY_CUE.search(text, start, len(text) if end is None else end))


@dataclass
class _Count:
    role: str  # "kill" or "hurt"
    value: int | None
    span: Span
    noun: str
    toll: bool = False
    subset: bool = False


def find_casualties(text: str, start: int = 0, end: int | None = None) -> Casualties:
    """Casualty counts stated in ``text[start:end]`` (one sentence or a few)."""
    end = len(text) if end is None else min(end, len(text))
    start = max(0, start)
    if not _ANY_CUE.search(text, start, end):
        return Casualties()  # most sentences say nothing of casualties: skip the work
    counts: list[_Count] = []
    victims: list[Span] = []
    quantities = find_quantities(text, start, end, articles=True)
    for m in _ANOTHER.finditer(text, start, end):
        quantities.append(Quantity(Span(m.start(), m.end()), 1, None))
    for m in _DEFINITE_ONE.finditer(text, start, end):
        # "killing the driver", "wounded its owner": one person, named by role
        noun, _noun_end = _noun_after(text, m.end("det"), end)
        if noun and _PERSON.match(noun) and not _PLURAL_NOUN.match(noun):
            quantities.append(Quantity(Span(m.start("det"), m.end("det")), 1, None))
    for m in _BARE_SINGULAR.finditer(text, start, end):
        # A headline's bare singular ("Woman dies in ...") is a count of one.
        noun = m.group("noun")
        quantities.append(Quantity(Span(m.start("noun"), m.start("noun")), 1, noun))
    # Ages ("a 70-year-old resident") and articles before things ("a penetrating
    # wound") are no counts, nor where the next count starts.
    quantities = sorted(
        (q for q in quantities if not _AGE.match(text, q.span.end, end) and not (
            _ARTICLE.match(text, q.span.start, q.span.end)
            and not _noun_after(text, q.span.end, end)[0])),
        key=lambda q: q.span.start,
    )
    for i, q in enumerate(quantities):
        following = quantities[i + 1].span.start if i + 1 < len(quantities) else end
        count = _classify(text, q, start, end, victims, following)
        if count is None and counts and q.value is not None:
            # "... 20 were injured, including four children": a part of the count before.
            noun, noun_end = _noun_after(text, q.span.end, end)
            lead = text[max(counts[-1].span.end, q.span.start - 60) : q.span.start]
            if noun and _INCLUDING.search(lead):
                span = Span(q.span.start, noun_end)
                count = _Count(counts[-1].role, q.value, span, noun, subset=True)
        if count is not None:
            counts.append(count)
    evidence: dict[str, list[Span]] = {}
    result: dict[str, int | None] = {"fatalities": None, "injured": None, "children": None}
    for pattern, keys in ((_NONE_BOTH, ("fatalities", "injured")),
                          (_NONE_KILLED, ("fatalities",)), (_NONE_HURT, ("injured",))):
        for m in pattern.finditer(text, start, end):
            for key in keys:
                result[key] = 0
                evidence.setdefault(key, []).append(Span(m.start(), m.end()))
    for m in _ONE_PASSIVE.finditer(text, start, end):
        key = "fatalities" if m["kill"] else "injured"
        role = "kill" if m["kill"] else "hurt"
        lead = text[max(start, m.start() - 40) : m.start()]
        clause = max(text.rfind(".", start, m.start()), text.rfind(";", start, m.start()), start)
        counted = any(clause <= c.span.start < m.start() for c in counts)  # "a boy who was"
        others = _WITH_OTHERS.match(text, m.end(), end)  # "killed alongside another soldier"
        if result[key] is None and not counted and not any(c.role == role for c in counts) \
                and not _NOT_ONE.search(lead) and not others:
            result[key] = 1
            evidence.setdefault(key, []).append(Span(m.start(), m.end()))
    for role, key in (("kill", "fatalities"), ("hurt", "injured")):
        mine = [c for c in counts if c.role == role]
        if not mine:
            continue
        evidence.setdefault(key, []).extend(c.span for c in mine)
        whole = [c for c in mine if not c.subset]
        value = _combine(text, [c for c in whole if not _IS_CHILD.match(c.noun)])
        kids = [c for c in mine if _IS_CHILD.match(c.noun) and c.value is not None]
        if kids:
            result["children"] = max(result["children"] or 0, max(k.value or 0 for k in kids))
            evidence.setdefault("children", []).extend(k.span for k in kids)
            if value is None and all(c in kids or c.value is None for c in whole):
                value = _combine(text, [k for k in kids if not k.subset])
            elif value is not None:
                # "two children and their mother were killed": children coordinated with
                # the others are counted with them, not beside them
                summed = _combine(text, whole)
                if summed is not None and summed > max(value, *(k.value or 0 for k in kids)):
                    value = summed
        if value is not None:
            result[key] = value
    if victims:
        evidence["victims"] = victims
    nouns = [c.noun for c in counts]
    civilians: bool | None = None
    if any(_IS_CIVILIAN.match(n) for n in nouns) or re.search(
        r"\bcivilians?\b", text[start:end], re.I
    ) or (any(c.value for c in counts) and all(_GENERIC.match(n) for n in nouns)
          and _CIVILIAN_SETTING.search(text, start, end)):
        civilians = True if counts or result["fatalities"] or result["injured"] else None
    elif nouns and all(_IS_COMBATANT.match(n) for n in nouns):
        civilians = False
    return Casualties(
        fatalities=result["fatalities"],
        injured=result["injured"],
        children=result["children"],
        civilians=civilians,
        evidence={k: tuple(sorted(set(v))) for k, v in evidence.items()},
    )


def _classify(
    text: str, q: Quantity, start: int, end: int, victims: list[Span], following: int
) -> _Count | None:
    """The role of one count (killed or hurt), or None when it is no casualty count.

    ``following`` is where the next count starts: the verb after a count is looked for
    only up to there, unless the two are coordinated ("two soldiers and three
    civilians were killed"), when both take the verb after the second.
    """
    if q.span.start == q.span.end:  # a bare singular noun: its span is the noun
        noun, noun_end = q.unit_text or "", q.span.end + len(q.unit_text or "")
        q = Quantity(Span(q.span.start, noun_end), 1, None)
    else:
        noun, noun_end = _noun_after(text, q.span.end, end)
    is_article = bool(_ARTICLE.match(text, q.span.start, q.span.end))
    if is_article and not noun:
        return None  # "a"/"an" counts only with a person noun after it ("a man")
    before = text[max(start, q.span.start - 40) : q.span.start]
    if re.search(r"\b(?:no|not)\s+$", before, re.I):
        return None  # "no one was hurt": the negative patterns give the 0
    if _AGE.match(text, q.span.end, end):
        return None  # "a 70-year-old resident": an age, not a count
    if _AGGREGATE.search(text, q.span.end, min(end, q.span.end + 120)):
        return None  # a tally ("14,000 killed since 2014"), not this incident's toll
    q = Quantity(Span(q.span.start, max(noun_end, q.span.end)), q.value, q.unit_text)
    direct = _AFTER.fullmatch(noun) if noun else None
    if direct:
        return _Count("kill" if direct["kill"] else "hurt", q.value, q.span, "")
    toll = _TOLL.search(text[max(start, q.span.start - 140) : q.span.start])
    if toll:
        if toll["victims"]:
            window = text[start:end]
            if not _VICTIM_DEATH.search(window):
                victims.append(q.span)
                return None
            return _Count("kill", q.value, q.span, noun or "victims", toll=True)
        return _Count("kill" if toll["kill"] else "hurt", q.value, q.span, noun, toll=True)
    if not noun and q.unit_text and not re.fullmatch(
        r"were|was|are|is|have|has|had|been|more|others?|people|dead|killed|wounded|injured|"
        r"died|of|and|in|on|by|during|after|as|including|among|with|at", q.unit_text, re.I
    ):
        return None
    m = _SUBSET_BEFORE.search(before)
    if m:
        return _Count("kill" if m["kill"] else "hurt", q.value, q.span, noun, subset=True)
    m = _BEFORE.search(before)
    if m:
        return _Count("kill" if m["kill"] else "hurt", q.value, q.span, noun)
    if noun and _IS_COMBATANT.match(noun) and _COMBAT_BEFORE.search(before):
        return _Count("kill", q.value, q.span, noun)  # "eliminated 106 invaders"
    stop = _STOP.search(text, noun_end, end)
    limit = min(stop.start() if stop else end, noun_end + 80)
    if following < limit and not (
        _COORDINATED.fullmatch(text, noun_end, following)
        or _SUBSET_GAP.fullmatch(text, noun_end, following)
    ):
        limit = max(noun_end, following)
    after = _AFTER.search(text, noun_end, limit)
    if after is None:
        return None
    between = text[noun_end : after.start()]
    if re.search(r"\b(?:killing|wounding|injuring)\b", between, re.I):
        return None
    clause_end = min(stop.start() if stop else end, following if following > after.end() else end)
    subset = bool(_INCLUDING.search(before) or _AMONG_AFTER.search(between))
    if after["hurt"] and _LATER_DIED.search(text, after.end(), clause_end):
        return _Count("kill", q.value, q.span, noun, subset=subset)  # "wounded in ... died"
    return _Count("kill" if after["kill"] else "hurt", q.value, q.span, noun, subset=subset)


def _combine(text: str, counts: list[_Count]) -> int | None:
    """One figure from several counts of one kind (see the module docstring)."""
    known = [c for c in counts if c.value is not None]
    if not known:
        return None
    tolls = [c for c in known if c.toll]
    if tolls:
        return tolls[-1].value
    total = known[0].value or 0
    best = total
    for previous, current in zip(known, known[1:], strict=False):
        gap = text[previous.span.end : current.span.start]
        coordinated = re.fullmatch(r"[\s\w'’-]{0,40}?\s(?:and|as\s+well\s+as)\s", gap) and not (
            re.search(r"\b(?:were|was|killed|died|wounded|injured|including)\b", gap, re.I)
        )
        total = total + (current.value or 0) if coordinated else (current.value or 0)
        best = max(best, total)
    return best
