"""Who says it: attributions, denials and "could not verify" notes, with sides.

An attribution is read from the sentence's form ("according to X", "X said",
"said X" after a quote, "reported by X", "the Telegram channel of X", a headline's
" - X" tail); the claimant's side comes from the profile (named bodies and persons,
then nationality words, then actor aliases). Officials with no side named are
resolved later, against the report they speak about (see ``resolve_side``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Span
from ..profiles import Profile

__all__ = ["Attribution", "find_attributions", "find_denials", "find_unverified", "side_of"]

_STOP = r"[,;:“”\"()«»]|\s[-–—]\s|\bthat\b|\bwho\b|\bwhich\b|\bon (?:twitter|telegram|facebook)\b"
_ACCORDING = re.compile(
    r"\baccording to (?:a |an |the )?(?P<c>.+?)(?=" + _STOP + r"|\.\s|\.$|$|\bas\b|\bin a\b)",
    re.I)
_CHANNEL = re.compile(
    r"\b(?:telegram|facebook|twitter|vk|website|press service|statement) (?:channel |account |"
    r"page )?of (?:the )?(?P<c>.+?)(?=" + _STOP + r"|\.\s|\.$|$)", re.I)
_PASSIVE = re.compile(
    r"\b(?:was|were|is|been|are) (?:reported|announced|stated|confirmed|said|noted)\b"
    r"(?:[^,.;]{0,40}?)\bby (?:the )?(?P<c>.+?)(?=" + _STOP + r"|\.\s|\.$|$)", re.I)
_NOTED_IN = re.compile(
    r"\b(?:noted|said|stated|reported|announced) (?:in|at) (?:the )?(?P<c>[A-Z].+?)"
    r"(?=" + _STOP + r"|\.\s|\.$|$)")
#: "Reuters reported, citing local officials": the officials are the source.
_CITING_SOURCE = re.compile(
    r"\bciting (?:a |an |the )?(?P<c>.+?)(?=" + _STOP + r"|\.\s|\.$|$|\bas\b)", re.I)
_CAME_FROM = re.compile(
    r"\b(?:statement|remarks?|claims?|report|announcement) came from (?:a |an |the )?"
    r"(?P<c>.+?)(?=" + _STOP + r"|\.\s|\.$|$)", re.I)
#: "The casualty reports were made by the occupation authorities"
_MADE_BY = re.compile(
    r"\b(?:claims?|reports?|statements?|allegations?|announcements?|accusations?)\b[^.;]{0,40}?"
    r"\b(?:was|were|had been|have been) made by (?:the )?(?P<c>.+?)(?=" + _STOP
    + r"|\.\s|\.$|$|\band\b)", re.I)
#: "Tass quoted the mayor, X, as saying": the one quoted speaks (the outlet relays)
_QUOTED_AS = re.compile(r"\bquoted (?:a |an |the )?(?P<c>.+?),? as (?:saying|stating)\b", re.I)
#: an embedded tweet's signature: "— Oleksiy Sorokin (@mrsorokaa) July 12, 2022"
#: (a handle-like name may be lower-case: "— spook (@spook_info) May 2")
_TWEET_SIGNATURE = re.compile(
    r"[—–-]\s*(?P<c>[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){0,3}|[a-z][\w’'.-]{2,30})"
    r"(?:\s+\W{1,8})?\s*\(@\w+\)")
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|is|are|been|being)\s+(?:also\s+)?$", re.I)
_HEADLINE_TAIL = re.compile(r"\s[-–—]\s+(?P<c>[^-–—.!?]{2,90}?)\s*\.?$")
_QUOTE_SAID = re.compile(
    r"[”\"’],?\s*(?:[-–—]\s*)?(?P<v>said|says|stated|added|wrote|tweeted|posted|told \w+)"
    r"\s+(?P<c>[^,.;“”\"]+)")
_LEAD = re.compile(
    r"^(?:(?:\d{1,2} \w+ \d{4} \d{1,2}[.:]\d{2}|for which|of which|in which|saying|telling|"
    r"adding|and|"
    r"but|meanwhile|"
    r"however|also|then|later|earlier|in a statement|in a post on "
    r"\w+|while|as|when|even as|though|although|if|so|yet|which|who|whom|where|"
    r"on \w+day|yesterday|today|the same day|separately|furthermore|moreover)\b[, ]*)+",
    re.I)
_TAIL_ADVERBS = re.compile(
    r"\s+(?:also|later|earlier|previously|initially|originally|first|at first|has|have|had|"
    r"had also|"
    r"repeatedly|consistently|always|routinely|strongly|flatly|categorically|"
    r"has also|then|again|"
    r"further|reportedly|officially|on \w+|in a statement|separately|was|were|is|are|been|"
    r"has been|had been|last (?:week|month|year|night)|this (?:week|month|morning)|"
    r"earlier this (?:week|month)|overnight|today|yesterday|appeared to|appears to|"
    r"seemed to)$", re.I)
_PRONOUN = re.compile(r"^(?:he|she|it|they|we|i|you|this|that|there|which|who)$", re.I)
_ANONYMOUS = re.compile(
    r"^(?:one|a|an|another|some|two|three|many|several|other|local)?\s*(?:local )?"
    r"(?:residents?|witness(?:es)?|eyewitness(?:es)?|woman|man|neighbou?rs?|survivors?|"
    r"people|villagers?|victims?|mother|father|relatives?|friends?|students?|soldiers?|"
    r"doctors?|nurses?|volunteers?|analysts?|experts?|observers?|delegates?)\b", re.I)
_NOUN_USE = re.compile(
    r"(?:\b(?:no|the|of|these|those|such|any|recent|initial|first|unconfirmed|news|further|"
    r"its|their|his|her|our|false|fake|russian|ukrainian|kremlin|western)|['’]s?)\s+$",
    re.I)
_DEFINITE = re.compile(r"^(?:the|this|that)\s+(?P<head>[\w\- ]+)$", re.I)


@dataclass(frozen=True)
class Attribution:
    """A claimant phrase found in a sentence, its side (or None) and whether it is media."""

    claimant: str
    side: str | None
    span: Span
    media: bool = False
    official: bool = False
    pronoun: bool = False


def _trim(phrase: str) -> str:
    phrase = " ".join(phrase.split())
    phrase = _LEAD.sub("", phrase.strip(" ,.'’“”\"")).strip(" ,.'’“”\"")
    previous = None
    while previous != phrase:
        previous = phrase
        phrase = _TAIL_ADVERBS.sub("", phrase).strip()
    phrase = re.sub(r"^(?:the|a|an|its|their)\s+", "", phrase, flags=re.I)
    # "according to a statement from the prosecutor's office": the office speaks
    phrase = re.sub(r"^(?:(?:joint|official|written|new)\s+)?(?:statement|post|message|"
                    r"briefing|update|press release)\s+(?:from|by|of)\s+(?:the\s+)?", "",
                    phrase, flags=re.I)
    # "according to a report by Ukrainskaya Pravda": the outlet speaks
    phrase = re.sub(r"^(?:\w+\s+)?report\s+(?:from|by)\s+(?:the\s+)?", "", phrase,
                    flags=re.I)
    # "the administration in the town": the town is the report's place, named before
    phrase = re.sub(r"\s+in\s+the\s+(?:town|city|village|region|area)$", "", phrase,
                    flags=re.I)
    return phrase


#: A phrase naming a journalist by role is the press's, not its outlet's country's.
_PRESS_ROLE = re.compile(r"\b(?:reporters?|correspondents?|journalists?|editors?)\b", re.I)
#: ... except a state's own press ("Russian state media"), which speaks for its side.
_STATE_PRESS = re.compile(r"\bstate(?:-run|-owned|-controlled)?\s+(?:\w+\s+)?(?:media|"
                          r"television|tv|news|broadcaster|agency)\b", re.I)


def side_of(phrase: str, profile: Profile) -> tuple[str | None, bool, bool]:
    """(side or None, is media, is an official title) for a claimant phrase."""
    m = profile.claimant_re.search(phrase)
    press = profile.media.search(phrase)
    if press and (m is None or press.start() < m.start() or _PRESS_ROLE.search(phrase)) \
            and not _STATE_PRESS.search(phrase):
        # a journalist or an outlet ("the Guardian's X in Kyiv", "a reporter for Y")
        # relays what others say: media, whatever place or nation the phrase names
        return "other", True, False
    if m:
        entry = profile.claimants[int((m.lastgroup or "g0")[1:])]
        for side, pattern in profile.nationality:
            named = pattern.search(phrase, 0, m.start() + 1)
            if named and named.start() < m.start() and side != entry.side:
                # "the Russian general staff": the nation named outranks a body's
                # usual side, which only holds where no nation is named
                return side, False, False
        return entry.side, False, False
    # "the US ambassador to Kyiv": the place an envoy is sent to is not the envoy's side
    phrase = _POSTED_TO.sub("", phrase)
    named = [side for side, pattern in profile.nationality if pattern.search(phrase)]
    if len(set(named) & set(profile.opposite)) > 1:
        # "Moscow and Kyiv", "Russian and Ukrainian officials": both sides, so neither
        return None, False, False
    if named:
        return named[0], False, False
    a = profile.actor_re.search(phrase)
    if a and a.lastgroup and int(a.lastgroup[1:]) < len(profile.actors):
        return profile.actors[int(a.lastgroup[1:])].side, False, False
    if profile.officials.search(phrase):
        return None, False, True
    return None, False, False


_POSTED_TO = re.compile(r"\b(?:ambassador|envoy|embassy|mission)\s+(?:in|to)\s+[\w’'-]+",
                        re.I)


def _make(phrase: str, start: int, end: int, profile: Profile) -> Attribution | None:
    claimant = _trim(phrase)
    if not claimant or len(claimant.split()) > 14:
        return None
    if len(claimant.split(",")[0].split()) > 8 and not profile.claimant_re.search(claimant):
        return None
    if _PRONOUN.match(claimant):
        return Attribution(claimant, None, Span(start, end), pronoun=True)
    if _ANONYMOUS.match(claimant) and not profile.claimant_re.search(claimant):
        return None
    claimant = _canonical(claimant, profile)
    side, media, official = side_of(claimant, profile)
    if side is None and not official and not claimant[:1].isupper():
        if re.match(r"\s*(?:an?|one|some)\s", phrase, re.I):
            return None
        # "the ministry", "the representative office": a body named before
        return Attribution(claimant, None, Span(start, end), pronoun=True)
    if side is None and official and _BARE_MILITARY.fullmatch(claimant):
        # "the defence ministry", "the air force": a body named before if there is one,
        # else an official whose side is read from the act
        return Attribution(claimant, None, Span(start, end), official=True, pronoun=True)
    return Attribution(claimant, side, Span(start, end), media, official)


def _canonical(claimant: str, profile: Profile) -> str:
    """One name a person: "Klitschko" and "Kyiv's mayor, Vitali Klitschko" are the
    profile's "Vitali Klitschko", so one speaker is not listed twice under two spellings.

    Only a part that is the profile name or its tail is replaced: an alias that names
    another body ("RIA Novosti" under TASS) keeps its own name.
    """
    for part in claimant.split(", "):
        m = profile.claimant_re.fullmatch(part)
        if m is None:
            continue
        name = profile.claimants[int((m.lastgroup or "g0")[1:])].name
        if len(name.split()) > 1 and name.lower().endswith(part.lower()):
            return name
    return claimant


_BARE_MILITARY = re.compile(
    r"(?:air force|army|military|navy|armed forces|defen[cs]e ministry|ministry of defen[cs]e|"
    r"operational command|military command|air defen[cs]e (?:forces|command))", re.I)


def _subject_before(text: str, start: int, verb_start: int) -> tuple[str, int] | None:
    """The noun phrase just before a reporting verb, within its clause."""
    window = text[start:verb_start]
    # "The deputy commander of the regiment, which is holed up in the plant, said": the
    # relative clause is no part of the subject
    window = _RELATIVE_TAIL.sub(" ", window)
    citing = _CITING.search(window)
    if citing:
        window = window[: citing.start()]  # "TASS, citing local services, said": TASS
    cut = 0
    for m in re.finditer(r"[,;:()]|\s[-–—]\s|\band\b|\bthat\b|\bwhile\b|\bafter\b|\bbefore\b|"
                         r"\bas\b|"
                         r"[.!?][”\"]?\s", window):
        cut = m.end()
    phrase = window[cut:]
    if phrase.strip() and (not _trim(phrase) or _AUX_ONLY.fullmatch(phrase)) and cut:
        # "The Institute ..., a think tank, earlier said": only an adverb after the comma
        window, phrase = window[:cut], ""
    if not phrase.strip():
        # "the local governor, Oleh Senko, said": the title and the name in apposition
        m = _TITLE_NAME.search(window)
        if m is not None:
            return m["t"] + ", " + m["n"], start + m.start("t")
        # "Oleksandr Kamyshin, the head of the railways, said"
        m = _NAME_TITLE.search(window)
        if m is not None:
            return m["n"] + ", " + m["t"], start + m.start("n")
        return None
    return phrase, start + cut


#: "Ukraine's foreign minister, Dmytro Kuleba, has accused": no subject after the comma
_AUX_ONLY = re.compile(r"\s*(?:(?:has|have|had|also|later|earlier|previously|initially|then|"
                       r"again|now)\s*)+", re.I)
_RELATIVE_TAIL = re.compile(r"(?<=[a-z]),\s+(?:which|who)\s[^,;:()“”\"]{2,80},\s*$")
_CITING = re.compile(r",\s+(?:citing|quoting)\s+[^,;:()]{1,80},\s*$", re.I)
#: "Energoatom, the state-run operator, said"; "Andriy Zagorodnyuk - a former minister -
#: says"; "The Centre for Conflict Research, a Berlin-based think tank, earlier said"
#: a title with no article ("Ihor Zhovkva, deputy head of the president's office, said")
_TITLE_WORD = (r"(?:deputy|head|chief|spokes\w+|commander|governor|mayor|minister|adviser|"
               r"advisor|director|secretary|president|leader|official)\b")
_NAME_TITLE = re.compile(
    r"(?:^|[,;:(]\s*)(?P<n>(?:[Tt]he\s+)?[A-Z][\w’'-]+(?:\s+(?:(?:of|for|the|and|on)\s+)*"
    r"[A-Z][\w’'-]+){0,5})(?:,|\s[-–—])\s+"
    r"(?P<t>(?:(?:the|a|an)\s+|[A-Z][\w’'-]*['’]s\s+|(?=" + _TITLE_WORD + r"))"
    r"[^,;:()–—]{2,80}?)(?:,|\s[-–—])\s*$")
#: "Kyiv's mayor, Vitali Klitschko, said"; "A spokesperson for the command, Natalia
#: Humeniuk, did not confirm"; "The Russian defence minister, Sergei Shoigu, said" (after
#: an article, the title may open on a nation's name)
_TITLE_NAME = re.compile(
    r"(?:^(?:(?:[Oo]n\s+\w+day|[Yy]esterday|[Tt]oday|[Ee]arlier|[Ll]ater|[Mm]eanwhile),?\s+)?"
    r"|[,;:(]\s*)"
    r"(?P<t>(?:(?:[Tt]he\s+|[Aa]n?\s+|[A-Z][\w’'-]*['’]s\s+)[\w’'-]+|[a-z][\w’'-]*)"
    r"(?:\s+[\w’'-]+){0,5}),\s+"
    r"(?P<n>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2}),\s*$")


def find_attributions(text: str, start: int, end: int, profile: Profile,
                      headline: bool = False) -> list[Attribution]:
    """Claimant phrases of one sentence in text order."""
    out: list[Attribution] = []
    sentence = text[start:end]
    for pattern in (_QUOTED_AS, _ACCORDING, _CHANNEL, _PASSIVE, _MADE_BY, _NOTED_IN,
                    _CAME_FROM, _CITING_SOURCE, _TWEET_SIGNATURE):
        for m in pattern.finditer(sentence):
            span = Span(start + m.start(), start + m.end())
            if any(a.span.overlaps(span) for a in out):
                continue
            if pattern is _NOTED_IN and _PASSIVE_BEFORE.search(sentence, 0, m.start()):
                continue  # "strikes were reported in Kharkiv": where, not who
            a = _make(m["c"], span.start, span.end, profile)
            if a and pattern is _CITING_SOURCE and a.side is None:
                # "TASS, citing local police": a sided body's own source speaks for its
                # side; a news agency's ("Reuters, citing officials") is resolved later
                side, media, _official = side_of(sentence[max(0, m.start() - 80) : m.start()],
                                                 profile)
                if side is not None and not media:
                    a = Attribution(a.claimant, side, a.span, official=a.official)
            if a and pattern is _TWEET_SIGNATURE and a.side is None:
                # a tweet embedded in a live blog: its author relays, as the press does
                a = Attribution(a.claimant, "other", a.span, media=True)
            if a:
                out.append(a)
    for m in _QUOTED_AS.finditer(sentence):
        # the outlet that quoted the speaker relays it ("Tass quoted X as saying")
        found = _subject_before(sentence, 0, m.start())
        a = _make(found[0], start + found[1], start + m.start(), profile) if found else None
        if a and a.media and not any(b.claimant == a.claimant for b in out):
            out.append(a)
    for m in _QUOTE_SAID.finditer(sentence):
        a = _make(m["c"], start + m.start(), start + m.end(), profile)
        title = _TITLE_AFTER.match(sentence, m.end())
        name = _NAME_AFTER.match(sentence, m.end())
        if a and name and not a.pronoun and not profile.claimant_re.fullmatch(a.claimant) \
                and re.search(r"\b[a-z]{3,}", a.claimant):
            # '“...,” tweeted the US ambassador to Kyiv, Bridget Brink.': the title's name
            a = Attribution(f"{a.claimant}, {name['n']}", a.side,
                            Span(a.span.start, start + name.end()), a.media, a.official)
        elif a and a.side is None and not a.pronoun and title:
            # '“...,” said Denys Shlega, commander of Ukraine's national guard': an unknown
            # name takes its side from the title in apposition after it
            side, media, official = side_of(title["t"], profile)
            if side is not None:
                a = Attribution(a.claimant, side, Span(a.span.start, start + title.end()),
                                media, official)
        if a:
            out.append(a)
    denials = [(d.start(), d.end()) for d in profile.denial_cues.finditer(sentence)]
    for m in profile.reporting_verbs.finditer(sentence):
        if any(a.span.start <= start + m.start() < a.span.end for a in out):
            continue
        if any(lo <= m.start() < hi for lo, hi in denials):
            continue  # "rejected Russian claims": the denied account, not a speaker
        if _NOUN_USE.search(sentence[max(0, m.start() - 20) : m.start()]):
            continue  # "no reports of", "the ministry's claims": a noun, not a verb
        if re.search(r"\b(?:been|was|were|is|are|be|being)\s+$", sentence[: m.start()]) \
                and not m.group(0).lower().endswith("ing"):
            continue  # "Russia has been accused": the subject is not the one who says
        if re.match(r"\s+(?:by|in|at)\b(?!\s+(?:least|most|first|once|an?|his|her|its|their)\b)",
                    sentence[m.end() :]):
            continue  # passive "reported by X" is read above
        found = _subject_before(sentence, 0, m.start())
        if not found:
            found = _coordinated_subject(sentence, m.start(), profile)
        if not found:
            continue
        phrase, offset = found
        a = _make(phrase, start + offset, start + m.end(), profile)
        if a and not any(b.claimant == a.claimant for b in out):
            out.append(a)
    saying = _SAYING.search(sentence)
    if saying and not any(a.span.start < start + saying.start() for a in out):
        # "Ukraine's military gave more detail on Wednesday, saying it had destroyed":
        # the sentence's subject, when a known body or side, says it
        m = _OPENING.match(sentence)
        body = profile.claimant_re.search(sentence, 0, m.end()) if m else None
        body = body or (profile.actor_re.search(sentence, 0, m.end()) if m else None)
        if body is not None:
            # the span is the participle: the subject is also the actor of the sentence
            # ("Russia launched airstrikes on Kyiv, claiming it hit tanks")
            a = _make(body.group(0), start + saying.start(), start + saying.end(), profile)
            if a and a.side is not None:
                out.append(a)
    if headline or "\n" not in sentence:
        m = _HEADLINE_TAIL.search(sentence)
        if m and not re.search(r"[“”\",\d]|\b(?:was|were|is|are|has|have|had|killed|died|"
                               r"wounded|injured|fled)\b", m["c"]):
            a = _make(m["c"], start + m.start(), start + m.end(), profile)
            # a tail names a source only if it reads as one: a known body, a title, a
            # side, or a short name ("- Rogov"); "- Bakhmut suffered the most" is not
            if a and not a.pronoun and (a.side or a.official or a.media
                                        or len(a.claimant.split()) <= 2):
                out.append(a)
    out = [_appositive(text, a, end, profile) for a in out]
    out.sort(key=lambda a: a.span.start)
    return out


_NAME_AFTER = re.compile(r",\s+(?P<n>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,2})(?=\s*[.,;]|\s*$)")
#: a title in apposition: "..., commander of a brigade of Ukraine's national guard" (not
#: "..., adding that Russian troops ...", whose nation is the content's)
_TITLE_AFTER = re.compile(r",\s+(?P<t>(?:(?:the|a|an)\s+)?(?:[\w’'-]+\s+){0,2}?"
                          r"(?:" + _TITLE_WORD + r"|officer|member|representative)"
                          r"[^,.;“”\"]{0,90})", re.I)
_AND_BEFORE = re.compile(r",?\s+and\s+(?:also\s+|then\s+|later\s+)?$", re.I)


def _coordinated_subject(sentence: str, verb_start: int, profile: Profile
                         ) -> tuple[str, int] | None:
    """'Peskov contradicted this, and said ...': a verb joined by 'and' to a clause
    before it has that clause's subject, a known body or person opening the sentence."""
    joint = _AND_BEFORE.search(sentence, 0, verb_start)
    if joint is None:
        return None
    head = sentence[: joint.start()]
    for m in profile.claimant_re.finditer(head):
        if re.match(r"\s+[a-z]", head[m.end():]) and not re.search(
                r"[,;:]", head[: m.start()]):
            # the body's name ends the subject: a lower-case verb follows it
            return head[: m.end()], 0
    return None


_SAYING = re.compile(r",\s+(?:saying|claiming|adding|stating)\b", re.I)
#: A sentence's opening words, where its subject stands ("Ukraine's military on ...").
_OPENING = re.compile(r"^\W*(?:[\w’'-]+\s+){0,5}")
_TITLE_APPOSITIVE = re.compile(
    r",\s+(?P<t>(?:the\s+)?[^,.;“”\"]{2,60}?),\s+(?P<n>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})"
    r"(?=\s*[,.;]|\s*$)")
_APPOSITIVE = re.compile(r",\s+(?P<n>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})(?=\s*[,.;]|\s*$)")


def _appositive(text: str, a: Attribution, end: int, profile: Profile) -> Attribution:
    """'the regional governor, Vitaliy Kim': the name after a title gives the side."""
    if not a.official or a.side is not None:
        return a
    m = _APPOSITIVE.match(text, a.span.end, end)
    titled = _TITLE_APPOSITIVE.match(text, a.span.end, end) if not m else None
    if titled is not None:
        # "according to a spokesperson, the UN secretary general, António Guterres,": the
        # one the spokesperson speaks for, named with a title
        side, _media, _official = side_of(f"{titled['t']} {titled['n']}", profile)
        if side is not None:
            return Attribution(f"{_trim(titled['t'])}, {titled['n']}", side,
                               Span(a.span.start, titled.end()), official=True)
    if not m:
        return a
    side, _media, _official = side_of(m["n"], profile)
    if side is None:
        return a
    return Attribution(f"{a.claimant}, {m['n']}", side, Span(a.span.start, m.end()),
                       official=True)


def find_denials(text: str, start: int, end: int, profile: Profile
                 ) -> list[tuple[Attribution | None, str | None, Span]]:
    """Denials in a sentence: (denier or None, side denied or None, span)."""
    out: list[tuple[Attribution | None, str | None, Span]] = []
    sentence = text[start:end]
    for m in profile.denial_cues.finditer(sentence):
        rest = sentence[m.start() : m.end() + 60]
        if not profile.denial_objects.search(rest) and not _RELATIVE_BEFORE.search(
                sentence, 0, m.start()):
            continue  # "which Kyiv denied": the relative pronoun is the denied act
        if not _of_this_incident(text, start, start + m.start(), start + m.end(), end):
            continue
        denier = None
        found = _subject_before(sentence, 0, m.start())
        if found is not None and _EMPTY_SUBJECT.fullmatch(found[0]):
            found = None  # "The claims were false": no one before the cue
        if found is not None and _PRONOUN.match(_trim(found[0])):
            # "Russia told Turkey that it was not responsible": the one who told it
            said = list(profile.reporting_verbs.finditer(sentence, 0, found[1]))
            found = (_subject_before(sentence, 0, said[-1].start()) if said else None) or found
        if found:
            said = list(profile.reporting_verbs.finditer(sentence, found[1], m.start()))
            if said:
                # "US officials said the claim was false": the one who said it denies;
                # "X blamed the blasts on Y and said no attack took place": X
                found = _subject_before(sentence, 0, said[-1].start()) or \
                    _coordinated_subject(sentence, said[-1].start(), profile)
            if found:
                denier = _make(found[0], start + found[1], start + m.end(), profile)
        else:
            # "The claims were false, a spokesperson for X said": the speaker after it
            after = profile.reporting_verbs.search(sentence, m.end())
            found = _subject_before(sentence, m.end(), after.start()) if after else None
            if found and after:
                denier = _make(found[0], start + found[1], start + after.end(), profile)
        denied = None
        # "rejected Russian claims", "Russian claims that Ukrainian soldiers were killed are
        # untrue": the nation before the claim is the one denied, not one inside its content
        head = m.group(0).split(" that ")[0]
        before = re.search(r"([\w’'-]+)\s+$", sentence[max(0, m.start() - 30) : m.start()]) \
            if re.match(r"(?:claims?|reports?|allegations?|account|information)\b", head, re.I) \
            else None
        for words in (head, before.group(1) if before else ""):
            for side, pattern in profile.nationality:
                if pattern.search(words):
                    denied = side
                    break
            if denied:
                break
        out.append((denier, denied, Span(start + m.start(), start + m.end())))
    return out


#: "Russia denies targeting civilians": a standing denial of a kind of act, said of
#: every attack alike, is not a denial of the incident told around it.
_GENERAL_DENIAL = re.compile(
    r"\s+(?:(?:that\s+)?(?:its|their)\s+(?:forces|troops|army|military)\s+)?"
    r"(?:(?:deliberately|intentionally|ever)\s+)?"
    r"(?:targeting|attacking|striking|shelling|hitting|bombing|killing|"
    r"targets?|attacks?|strikes?|shells?|hits?|bombs?)\s+"
    r"(?:(?:non-military|civilian|residential)\s+\w+|civilians|people|residential|"
    r"(?:civilian|residential)\b)"
    # ... said of no one act: "denies targeting civilians in Bucha" names one
    r"(?=\s*(?:[.,;:)]|$|[-–—]\s|(?:and|or|but|despite|although|though|in\s+(?:ukraine|the\s+war|"
    r"general))\b))", re.I)
#: the denial itself is standing or habitual, not of one act ("has repeatedly denied")
_STANDING = re.compile(r"(?:\b(?:repeatedly|consistently|always|routinely)\s+(?:\w+\s+)?$)",
                       re.I)
#: "rejected claims that any military target was hit", "There are no such tanks": the
#: denier disputes what was hit (the target's military use), not that the strike was.
_DETAIL = re.compile(
    r"\b(?:military\s+(?:targets?|objects?|facilit(?:y|ies)|equipment|sites?|installations?|"
    r"infrastructure|hardware|purposes?)|legitimate\s+targets?|no\s+such\s+\w+|tanks?|"
    r"armou?red\s+vehicles?)\b", re.I)
#: the denial's own content ends where the denier's counter-account begins
_CONTENT_END = re.compile(r",\s+(?:saying|adding|insisting|stating|and\s+said)\b|[;.!?]|$")
#: "a helicopter attack last month, for which Kyiv denied responsibility": an act of
#: another time, told as background to this one.
_ANOTHER_TIME = re.compile(
    r"\b(?:last\s+(?:month|year)|earlier\s+this\s+year|(?:\d+|two|three|four|five|six|"
    r"several|a\s+few)\s+(?:months|years)\s+ago|in\s+(?:19|20)\d\d|since\s+(?:19|20)\d\d)\b",
    re.I)
#: "had earlier denied it before the army announced the retreat": a denial withdrawn
_SUPERSEDED = re.compile(
    r"^[^.;]{0,160}?\b(?:before|but\s+(?:later|then))\s+[^.;]{0,80}?\b(?:announced|confirmed|"
    r"acknowledged|admitted|conceded)\b", re.I)



def _of_this_incident(text: str, start: int, cue_start: int, cue_end: int, end: int) -> bool:
    """Whether a denial cue denies an incident, not a kind of act, a detail or another act.

    Only a denial of the incident itself makes a report disputed; a standing denial
    ("Russia denies targeting civilians"), one of a detail ("rejected claims that a
    military target was hit") or one of an act of another month tells nothing of it.
    The model has no stance for a detail, so such a denial is dropped.
    """
    cue = text[cue_start:cue_end].lower()
    after = text[cue_end:end]
    habitual = bool(_STANDING.search(text, max(start, cue_start - 40), cue_start))
    standing = bool(re.match(r"den(?:y|ies)\b", cue)) or habitual
    if standing and _GENERAL_DENIAL.match(after):
        return False
    stop = _CONTENT_END.search(after)
    content = after[: stop.start()] if stop else after
    if habitual and not re.search(r"\b[A-Z]", content):
        # "has repeatedly denied the claims": a standing denial that names no one act
        return False
    if _DETAIL.search(content):
        return False
    if _ANOTHER_TIME.search(text, start, end):
        return False
    # (An earlier denial, "Previously, pro-Kremlin sources had denied hitting X", stays a
    # denial though the side later owned up: the record shows both, and a party did deny.)
    return not _SUPERSEDED.match(after)


_EMPTY_SUBJECT = re.compile(r"\W*(?:the|a|an|these|those|such)?\W*", re.I)
_RELATIVE_BEFORE = re.compile(r",\s+(?:which|something|a claim)\s+(?:[\w’'-]+\s+){1,4}$", re.I)
_PASSIVE_CUE = re.compile(r"\b(?:be|been)\b|unverified|independently (?:verified|confirmed)", re.I)
_BY = re.compile(r"\bby (?:the )?(?P<c>[A-Z][\w .&’'-]+?)(?=[,.;]|$)")


def find_unverified(text: str, start: int, end: int, profile: Profile,
                    outlet: str = "") -> Attribution | None:
    """A note that a claim could not be checked, with who says so.

    In the passive ("the claim could not be verified") the subject is the claim, not
    its checker: the checker is the "by …" agent, else the outlet that published it.
    """
    sentence = text[start:end]
    m = profile.unverified_cues.search(sentence)
    if not m:
        return None
    by = _BY.search(sentence, m.start())
    phrase = by["c"] if by else None
    if not phrase and not _PASSIVE_CUE.search(m.group()):
        found = _subject_before(sentence, 0, m.start())
        phrase = found[0] if found else None
    claimant = _trim(phrase) if phrase else ""
    if not claimant or _PRONOUN.match(claimant) or len(claimant.split()) > 8:
        claimant = outlet or "the reporting outlet"
    side, media, _official = side_of(claimant, profile)
    # "the command's spokesperson did not confirm it": a sided speaker keeps its side
    return Attribution(claimant, side or "other", Span(start + m.start(), start + m.end()),
                       media=media or side is None)
