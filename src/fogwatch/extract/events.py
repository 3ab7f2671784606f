"""Which sentences tell of an incident, and of what ACLED type.

A sentence is a candidate when a trigger of the profile matches in it. It is not an
incident when it speaks in general (aggregate tallies, "responsible for all attacks"),
of something that may or may not happen (a modal or "to" right before the trigger),
of history, or of something else that shares the word ("cyber attack", "struck a
deal"). Weak triggers ("attack", "destroyed", "hit") need support in the sentence.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..model import Span
from ..profiles import EventRule, Profile

__all__ = ["Trigger", "find_trigger", "rejected", "is_history"]

_CONDITIONAL = re.compile(r"[“\"‘']?(?:if|unless|should|were|suppose|imagine)\b", re.I)
#: A trigger inside an "if" clause ("if Russian soldiers are being killed") is no event.
_IF_CLAUSE = re.compile(r"\b(?:if|unless|whether)\b[^,;:.!?“”\"]*$", re.I)
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
#: Damage summed up over a fight or weeks ("all three bridges have been destroyed in
#: fighting", "has been damaged over the past weeks"): a state, not one act on one day.
#: Grammar, not conflict knowledge, so it lives here rather than in the profile.
_ACCUMULATED = re.compile(
    r"\b(?:has|have) (?:now |already )?been (?:\w+ )?(?:destroyed|damaged|razed|flattened|"
    r"ruined|levelled|leveled) (?:(?:in|during|by) (?:the )?(?:fighting|battles?|war)\b|"
    r"(?:over|in|during) the (?:past|last) (?:few |several )?(?:weeks|months)\b)", re.I)


@dataclass(frozen=True)
class Trigger:
    rule: EventRule
    span: Span
    anaphoric: bool
    #: the act is told as denied ("denied that its forces shelled X"): still an
    #: incident someone reported, but its teller disputes it
    denied: bool = False


def rejected(text: str, start: int, end: int, profile: Profile) -> str | None:
    """Why a sentence is no incident whatever its triggers say, or None."""
    if _CONDITIONAL.match(text, start, end):
        return "conditional"
    if _ACCUMULATED.search(text, start, end):
        return "accumulated"
    for reason in ("aggregate", "generic", "opinion", "history"):
        pattern = profile.not_incident.get(reason)
        if pattern is not None and pattern.search(text, start, end):
            return reason
    return None


#: "a series of strikes across Ukraine, with the city of X hit by 13 missiles": a clause
#: that singles out one act of a summed-up series
_COUNTED = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|dozens?)\b",
                      re.I)
_SINGLED_OUT = re.compile(r",\s+(?:with|including|among them)\s+(?:the\s+)?", re.I)


def singled_out(text: str, start: int, end: int, profile: Profile) -> int | None:
    """Where a clause telling one act of an aggregate begins, or None. The aggregate is
    no incident, but the act it names by place and count is."""
    pattern = profile.not_incident.get("aggregate")
    m = pattern.search(text, start, end) if pattern is not None else None
    if m is None or _CONDITIONAL.match(text, start, end):
        return None
    for reason in ("generic", "opinion", "history"):
        other = profile.not_incident.get(reason)
        if other is not None and other.search(text, start, end):
            return None
    clause = _SINGLED_OUT.search(text, m.end(), end)
    if clause is None or (later := pattern.search(text, clause.end(), end)) is not None \
            and later.start() >= clause.end():
        return None
    if not _COUNTED.search(text, clause.end(), end):
        return None  # "as fighting drags on with no end in sight": no one act
    return clause.end()


def is_history(text: str, start: int, end: int, published: dt.date | None) -> bool:
    """A year before the publication year named in the sentence ("in 2014")."""
    if published is None:
        return False
    return any(int(m.group(1)) < published.year
               and not _BORN.search(text, max(start, m.start() - 12), m.start())
               and not _compound(text, m.start(), m.end())
               for m in _YEAR.finditer(text, start, end))


def _compound(text: str, start: int, end: int) -> bool:
    """'the post-2014 regional capital', '2014-era': a year inside a compound describes."""
    before = text[start - 1 : start] if start else ""
    after = text[end : end + 2]
    return before == "-" or (after[:1] == "-" and not after[1:].isdigit())


#: "a woman born in 1965": an age, not when the act happened.
_BORN = re.compile(r"\b(?:born|b\.)(?:\s+in)?\s+$", re.I)


#: "denied that its forces shelled", "denied striking": the denied act itself.
_DENIED_ACT = re.compile(
    r"\b(?:denied|denies|deny|denying|rejected|refuted)\b(?: (?:that|having|its|their|the|"
    r"any|\w+(?:'s|’s)? (?:forces|troops|army|military|units|side)|it|they|had|has|have|"
    r"ever|[\w’']+ forces))* *$", re.I)


#: "used two drones to hit", "using artillery to shell": an act done by those means
_USED_TO = re.compile(r"\b(?:used|using)\s+(?:[\w’'-]+\s+){1,4}(?P<to>to)\s+(?:[\w-]+\s+){0,3}$",
                      re.I)


def _intent(text: str, sentence_start: int, trigger_start: int, profile: Profile) -> bool:
    pattern = profile.not_incident.get("intent")
    if pattern is None:
        return False
    prefix = text[max(sentence_start, trigger_start - 60) : trigger_start]
    used = _USED_TO.search(prefix)
    if used is not None:
        # "used drones to destroy two tanks": the purpose was carried out; what comes
        # before "used" may still make it an intent ("plans to use drones to hit")
        prefix = prefix[: used.start("to")]
    # an "if" opens a clause that may start long before the trigger: read from the
    # sentence start ("if soldiers are being killed and their equipment destroyed")
    clause = text[sentence_start:trigger_start]
    return bool(pattern.search(prefix) or _IF_CLAUSE.search(clause))


def find_trigger(text: str, start: int, end: int, profile: Profile) -> list[Trigger]:
    """Triggers in a sentence, most specific rule first; intent-marked ones dropped.

    One scan with the profile's combined pattern: its groups are in rule order, so at
    any position the most specific rule wins, as it would rule by rule.
    """
    found: dict[int, Trigger] = {}
    for m in profile.trigger_re.finditer(text, start, end):
        index = int((m.lastgroup or "g0")[1:])
        if index in found:
            continue
        prefix = text[max(start, m.start() - 60) : m.start()]
        denied = bool(_DENIED_ACT.search(prefix))
        if _intent(text, start, m.start(), profile) and (
                not denied or _IF_CLAUSE.search(text[start : m.start()])):
            continue
        window = text[max(start, m.start() - 25) : m.end()]
        anaphoric = bool(profile.anaphora.search(window))
        found[index] = Trigger(profile.events[index], Span(m.start(), m.end()), anaphoric,
                               denied)
    return [found[i] for i in sorted(found)]
