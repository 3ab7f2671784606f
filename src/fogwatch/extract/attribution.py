"""Claim attachment: who says an act happened, who denies it, and whose word it is.

A report's claims (claimant, side, stance: asserts, denies, or could not verify) are
seldom told in the sentence that tells the act. The speaker may come sentences later
("Moscow later admitted it had hit X"), open a quote the act is told inside, be a
pronoun or a bare "the ministry" that stands for a body named before, or deny the act
a paragraph further down. Finding the act is ``_Reader``'s work (triggers, dates,
places, what a sentence refers back to); this module attaches each speaker to the act
it speaks of, across sentences, and turns a draft's speakers into its claims. It is
kept apart because it asks other questions than the slots do (who speaks, for which
side, quoting or relaying whom) and is read and changed on its own.

``ClaimsReader`` is a mixin of ``_Reader``: it reads the document ``_Reader`` splits
and the drafts ``_Reader`` builds, and uses a few of its act-finding methods.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import replace
from difflib import SequenceMatcher
from typing import Any

from ..model import Actor, Claim, Document, Place, Span, Stance
from ..profiles import Profile
from .claims import Attribution, find_attributions, find_denials, find_unverified, side_of
from .events import is_history, rejected
from .fold import Draft
from .sentences import Sentence
from .slots import ActorHit, find_places, find_weapons

# Also read by _Reader's act-finding, which imports them from here.

#: How many sentences after an act's last telling "the attack" may still refer to it,
#: when no other act is told in between.
REFER_REACH = 6
#: Heads of a place's own name that a text refers back to ("Snake Island" -> "the island").
_PLACE_HEADS = r"island|peninsula|spit"
_PLACE_HEAD = re.compile(rf"\bthe\s+({_PLACE_HEADS})\b", re.I)
#: A sentence that opens by saying it tells of another act than the one just told.
_ANOTHER_ACT = re.compile(
    r"^\W*(?:in\s+(?:a|another)\s+separate\s+(?:\w+\s+)?(?:attack|incident|strike|development|"
    r"case|raid|assault)|in\s+another\s+(?:\w+\s+)?(?:attack|incident|strike|raid|assault)|"
    r"separately|elsewhere)\b", re.I)
#: A military speaker, whose 'they' and 'its' are its own forces.
_MILITARY_SPEAKER = re.compile(
    r"\b(?:ministry|staff|forces?|army|military|command|navy|defen[cs]e|mod|troops|"
    r"brigade|battalion|regiment|corps)\b", re.I)

# Read by claim attachment only.

#: "disputed Russia's account of the strike on X": the act told next is the denied one.
_ACCOUNT_OF = re.compile(r"\s+(?:of|about|that)\b", re.I)
#: a note about one account only ("The claim could not be verified", "It could not ...")
_ONE_ACCOUNT = re.compile(r"^\W*(?:the|this|that)\s+(?:\w+\s+)?(?:claim|report|account|"
                          r"statement|figure|information)\b(?!s)|^\W*(?:it|this)\s+could\b",
                          re.I)
#: "... before the army announced the retreat": an act owned up to after a denial
_OWNED_AFTER = re.compile(r"\b(?:before|but\s+(?:later|then))\s+(?=[^.;]{0,60}?\b(?:announced|"
                          r"confirmed|acknowledged|admitted|conceded)\b)", re.I)
#: disowning an act: "it was not responsible", "denied any involvement"
_DISOWNS = re.compile(r"[^.;]{0,40}?\b(?:responsib\w+|involvement|involved|behind)\b", re.I)
#: a bare word for an outlet's text ("The report added: ...")
_OUTLET_WORD = re.compile(r"(?:the\s+)?(?:report|newspaper|paper|outlet|agency)", re.I)
#: judging one act: a condemnation (an accusation against a side is ``ClaimsReader._judges``)
_CONDEMNS = re.compile(
    r"\b(?:condemn(?:s|ed|ing|ation)?|appalling|outrageous|atrocit(?:y|ies)|war crimes?|"
    r"barbaric|cowardly|shameful|heinous|horrific)\b", re.I)
_ACCUSED = re.compile(r"\baccused\s+(?:the\s+)?", re.I)
#: words of a sentence that may name who says it, besides the profile's reporting verbs
_SPOKEN = re.compile(r"\baccording to\b|\bciting\b|\bclaim|\backnowledg|\badmit|\bconfirm",
                     re.I)
#: voices on social media speak for themselves, relaying no official named elsewhere
_OWN_VOICE = re.compile(r"\b(?:posts?|social media|bloggers?|users?|accounts?|channels?)\b",
                        re.I)
_DENIAL_FOLLOW = re.compile(r"\b(?:fake|false|lies?|untrue|disinformation|propaganda)\b", re.I)


def _quote_goes_on(s: Sentence, sentences: list[Sentence]) -> Sentence | None:
    """The next sentence, when a quote this sentence opens closes there ('“... . Our fighters
    hold,” said X')."""
    if not s.text.startswith("“") or "”" in s.text or s.index + 1 >= len(sentences):
        return None
    nxt = sentences[s.index + 1]
    return nxt if "”" in nxt.text and nxt.paragraph == s.paragraph else None


def _surname(claimant: str) -> str:
    """The last word of a claimant's name before any title ("Andriy Zagorodnyuk, a former
    minister" -> "zagorodnyuk"): one speaker named twice, once with a title, once not."""
    words = claimant.split(",")[0].split()
    return words[-1].lower() if words else ""


def _same_person(a: str, b: str) -> bool:
    """'the regional governor, Vitali Kim' and 'Kim', or two spellings of one name
    ('Synyehubov', 'Synegubov'): one speaker, not two. Only a capitalised last word is a
    name to compare; 'the military' and 'the army' are two bodies."""
    x, y = a.split(",")[-1].split(), b.split(",")[-1].split()
    if not x or not y or not x[-1][:1].isupper() or not y[-1][:1].isupper():
        return False
    p, q = x[-1].lower(), y[-1].lower()
    if p == q:
        return True
    return min(len(p), len(q)) >= 6 and SequenceMatcher(None, p, q).ratio() >= 0.8


def _name_word(claimant: str) -> str | None:
    """The name a claimant is called by ("governor Pavlo Kyrylenko", "Oleh Marchenko, the
    region's governor": the capitalised last word of a part), None for a bare title."""
    for part in reversed(claimant.split(",")):
        words = part.split()
        if words and words[-1][:1].isupper():
            return words[-1]
    return None


def _titled_twice(claims: list[Claim], text: str, officials: re.Pattern[str]) -> list[Claim]:
    """'the regional governor' beside 'Pavlo Kyrylenko', where the page calls him 'the
    governor, Pavlo Kyrylenko' (or 'Kyrylenko, the governor'), is one speaker listed
    twice, which would count as two sources: the named one stays."""
    def titled(title: str, name: str) -> bool:
        t, n = re.escape(title), re.escape(_name_word(name) or "")
        # in apposition only: "governor (for the area), Pavlo Kyrylenko", "Kyrylenko,
        # the region's governor"; not "TASS, citing local police"
        return re.search(rf"(?i:\b{t})(?:\s+(?i:of|for|in)\s+(?:the\s+)?[\w’'-]+"
                         rf"(?:\s+(?i:region|oblast|area))?)?,?\s+(?:[A-Z][\w’'-]+\s+){{0,3}}"
                         rf"{n}\b|\b{n},\s+(?:(?i:the)\s+|[A-Z][\w-]*[’']s\s+)(?:[\w’'-]+\s+){{0,2}}"
                         rf"(?i:{t})\b",
                         text) is not None

    out = []
    for c in claims:
        # a bare title opens in lower case ("regional governor", "governor of the X
        # region"); "Russia's ministry of defence" is a body's name
        bare = c.claimant[:1].islower() and _name_word(c.claimant) is None
        title = officials.search(c.claimant) if bare else None
        # its head word: "regional governor" -> governor, "head of the city" -> head
        head = title.group(0).split(" of ")[0].split()[-1] if title is not None else ""
        if head and any(n is not c and n.side == c.side and n.stance == c.stance
                        and _name_word(n.claimant) and titled(head, n.claimant)
                        for n in claims):
            continue
        out.append(c)
    return out


class ClaimsReader:
    """The claim attachment part of ``_Reader``: speakers, denials and unverified notes
    attached to the drafts they concern, and each draft's claims made from them."""

    # set by _Reader.__init__
    doc: Document
    text: str
    profile: Profile
    nlp: Any
    published: dt.date | None
    sentences: list[Sentence]
    outlet_side: str | None
    # _Reader's act-finding: the draft a sentence refers back to, tells of at its
    # place or target, gives the toll of, or is told right after
    _referred: Callable[[list[Draft], Sentence], Draft | None]
    _same_place: Callable[..., Draft | None]
    _same_target: Callable[[list[Draft], Sentence], Draft | None]
    _toll_of: Callable[[list[Draft], Sentence], Draft | None]
    _told_next: Callable[[list[Draft], Sentence], Draft | None]
    _target_proper: Callable[[Draft], str | None]
    _target_head: Callable[[Draft], str | None]
    _own_success: Callable[[Draft], bool]
    _index_of: Callable[[Span], int]

    # -- the document's own outlet -------------------------------------------------------

    def _outlet_side(self) -> str | None:
        return self.profile.outlets.get(self.outlet.lower())

    @property
    def outlet(self) -> str:
        """The first outlet named in the source field ("Ukrinform;Ukrinform;AOAV")."""
        return (self.doc.source or "").split(";")[0].strip()

    # -- speakers told apart from the act ------------------------------------------------

    def _late_claims(self, drafts: list[Draft]) -> None:
        """A sided speaker further on who tells of the same act ("Moscow later admitted
        it had hit the centre of X", "the spokesman contradicted this and said the attack
        was on a depot") is one of the report's claimants, though the sentence tells no
        act of its own: it refers back to the act, or names the report's place and an act
        at it. Denials and 'could not verify' notes are left to ``_claims_context``."""
        text, p = self.text, self.profile
        for d in drafts:
            self._quoted_speaker(d)
        told = {i for d in drafts for i in d.sentences}
        names = {d.place.mention for d in drafts if d.place is not None} | {
            n for d in drafts if (n := self._target_proper(d))}
        for s in self.sentences:
            start, end = s.span.start, s.span.end
            near = any(0 < s.index - i <= REFER_REACH for i in told) or s.index + 1 in told
            if s.index in told or not (near or _PLACE_HEAD.search(s.text)
                                       or any(n in s.text for n in names)):
                continue  # (cheap tests first: most sentences are far from any act ...)
            quote_ends = _quote_goes_on(s, self.sentences)
            if not (p.reporting_verbs.search(text, start, end)
                    or _SPOKEN.search(text, start, end) or quote_ends is not None):
                continue  # (... and quote no one)
            if _ANOTHER_ACT.match(s.text):
                continue
            owned = _OWNED_AFTER.search(s.text) if p.denial_cues.search(text, start, end) \
                else None
            if p.denial_cues.search(text, start, end) and owned is None:
                continue
            # "X had denied it before the Ukrainian army announced the retreat": the one
            # who owned up after the denial speaks for the act
            first = start + owned.start() if owned is not None else start
            unchecked = p.unverified_cues.search(text, start, end)
            # a third party (the UN, a foreign minister) speaks of the act when it condemns
            # it or accuses a side over it ("X condemned the strikes", "an appalling attack")
            judged = self._judges(s.text)
            speakers = [self._bare_body(a, drafts, s.index)
                        for a in find_attributions(text, start, end, p)
                        if not a.media and a.span.start >= first and (unchecked is None
                                            or a.span.end <= unchecked.start())]
            if not speakers and quote_ends is not None:
                # '“The enemy is storming the plant. ... ,” said X, a commander': the quote's
                # speaker is named where it closes
                speakers = [a for a in find_attributions(text, quote_ends.span.start,
                                                         quote_ends.span.end, p)
                            if not a.media and text[a.span.start] in "”\"’"]
            speakers = [a for a in speakers if a is not None and not a.pronoun and (
                a.side in p.opposite or (judged and a.side == "other"))]
            if not speakers or rejected(text, start, end, p) or \
                    is_history(text, start, end, self.published):
                continue
            draft = self._referred(drafts, s) or self._same_place(drafts, s) or \
                self._same_target(drafts, s) or self._toll_of(drafts, s) or \
                (self._told_next(drafts, s) if judged else None)
            if draft is None:
                continue
            draft.attributions += speakers
            draft.sentences.append(s.index)
            draft.spans.append(s.span)
            told.add(s.index)

    def _bare_body(self, a: Attribution, drafts: list[Draft], index: int
                   ) -> Attribution | None:
        """'..., the army said in a statement': a bare military body speaks for the side
        named with it a few sentences before ('the Ukrainian army announced ...')."""
        if not (a.pronoun and a.official):
            return a
        found = self._antecedent(drafts, index, a)
        if found is None or found.side not in self.profile.opposite:
            return a
        return Attribution(found.claimant, found.side, a.span, official=True)

    def _outlet_of(self, a: Attribution, index: int) -> Attribution:
        """'The report added: “...”' after 'According to a report by X': the outlet X."""
        if not (a.pronoun and _OUTLET_WORD.fullmatch(a.claimant)):
            return a
        here = self.sentences[index]
        for s in reversed(self.sentences[max(0, index - 8) : index]):
            if s.paragraph != here.paragraph:
                break
            media = [b for b in find_attributions(self.text, s.span.start, s.span.end,
                                                  self.profile)
                     if b.media and not b.pronoun and not _OUTLET_WORD.fullmatch(b.claimant)]
            if media:
                # the outlet's own report tells the act: its source, not a relay of another
                return Attribution(media[-1].claimant, "other", a.span)
        return a

    def _quoted_speaker(self, draft: Draft) -> None:
        """'X tweeted: “... Today's strikes on Kyiv killed ...”': a sentence inside a
        quotation that an earlier sentence opened after its speaker is that speaker's."""
        for i in sorted(draft.sentences):
            if i and self.sentences[i].text.startswith("“"):
                # '“Outrageous,” tweeted X. “Russia strikes the port ...': the quote the
                # sentence goes on with is the speaker's of the quote just before
                before = self.sentences[i - 1]
                if before.paragraph == self.sentences[i].paragraph and \
                        before.text.startswith("“"):
                    quoted = [a for a in find_attributions(self.text, before.span.start,
                                                           before.span.end, self.profile)
                              if not a.pronoun and a.side is not None]
                    if quoted and not any(a.claimant == b.claimant for a in quoted
                                          for b in draft.attributions):
                        draft.attributions += quoted
                        continue
            prev = i - 1
            here = self.sentences[i]
            while prev >= 0 and prev >= i - 3:
                before = self.sentences[prev]
                opened = before.text.count("“") - before.text.count("”")
                if opened <= 0 and here.text.startswith("“") and "“" not in before.text \
                        and "”" not in before.text and before.paragraph == here.paragraph:
                    # 'The report added: “... . Having done it, the group left. “After that,
                    # the Russians struck ...': a quote carried on over several sentences
                    prev -= 1
                    continue
                if opened <= 0:
                    break
                if before.text.rstrip().endswith("”"):
                    break
                speakers = [self._outlet_of(a, prev) for a in find_attributions(
                    self.text, before.span.start, before.span.end, self.profile)
                    if a.span.end <= before.span.start + before.text.index("“")]
                speakers = [a for a in speakers if not a.pronoun]
                if speakers:
                    if not any(a.claimant == b.claimant for a in speakers
                               for b in draft.attributions):
                        draft.attributions += speakers
                    break
                prev -= 1

    # -- denials and 'could not verify' notes --------------------------------------------

    def _claims_context(self, drafts: list[Draft]) -> None:
        """Denials and 'could not verify' notes attach to the incidents they concern."""
        text, p = self.text, self.profile
        for s in self.sentences:
            start, end = s.span.start, s.span.end
            denials = find_denials(text, start, end, p)
            if denials:
                window = [s]
                nxt = self.sentences[s.index + 1] if s.index + 1 < len(self.sentences) else None
                if nxt is not None and _DENIAL_FOLLOW.search(nxt.text):
                    window.append(nxt)
                self._attach_denial(drafts, s, window, denials)
            note = find_unverified(text, start, end, p, self.outlet)
            if note is not None:
                for d in self._unchecked(drafts, s):
                    d.unverified.append(note)

    def _unchecked(self, drafts: list[Draft], s: Sentence) -> list[Draft]:
        """The reports a 'could not be verified' note is about: the one whose sentence
        holds it; for 'the claim' / 'it', the account told last before it; else those
        told in the few sentences before."""
        near = [d for d in drafts if s.index - d.last <= 6 and s.index >= min(d.sentences)]
        own = [d for d in near if s.index in d.sentences]
        if own:
            return own
        if not _ONE_ACCOUNT.search(s.text):
            return near
        before = [d for d in near if min(d.sentences) < s.index]
        if not before:
            return near
        last = max(max(i for i in d.sentences if i < s.index) for d in before)
        return [d for d in before if last in d.sentences]

    def _attach_denial(self, drafts: list[Draft], s: Sentence, window: list[Sentence],
                       denials: list[tuple[Attribution | None, str | None, Span]]) -> None:
        text, p = self.text, self.profile
        # the reports told before, or the act this very sentence tells as denied
        # the reports told before, or the act this very sentence tells as denied, or a
        # report whose later sentence carries the denial ("X denied responsibility")
        # a report merged with a retelling far down a live blog is near its first
        # telling too
        near = [d for d in drafts if ((0 < s.index - d.last <= 4
                                       or 0 < s.index - min(d.sentences) <= 4)
                                      and s.index not in d.sentences)
                or s.index in d.denied_in
                or (s.index in d.sentences and s.index != min(d.sentences))
                or (s.index in d.sentences and p.trigger_re.search(
                    text, s.span.start, denials[0][2].start) is not None)
                or (s.index in d.sentences and _ACCOUNT_OF.match(text, denials[0][2].end))]
        far = False
        if not near and (same := self._same_place(drafts, s, any_entry=True)) is not None:
            # "X says Russian claims that soldiers were killed on the island are untrue",
            # told far from the act: the one report at that place is the one denied
            near, far = [same], True
        if not near:
            return
        denier, denied_side, span = denials[0]
        if denier is not None and denier.pronoun:
            pronoun = denier
            denier = self._antecedent(drafts, s.index, pronoun)
            if denier is None and pronoun.official:
                denier = Attribution(pronoun.claimant, None, pronoun.span, official=True)
            body = p.claimant_re.search(text, s.span.start, pronoun.span.start)
            if denier is None and body is not None:
                # "the UK's MoD published its briefing, in which it disputes ...": the
                # known body named earlier in the sentence
                named = text[body.start() : body.end()]
                side, _media, _official = side_of(named, p)
                denier = Attribution(named, side, pronoun.span)
        if denier is None:
            return
        if far and any(_surname(a.claimant) == _surname(denier.claimant)
                       and (None in (a.side, denier.side) or a.side == denier.side)
                       for a in near[0].attributions):
            # "X cast doubt on the capture" far from where X later owns up to the loss:
            # the speaker's own later account of the act outranks the doubt
            return
        w_start, w_end = window[0].span.start, window[-1].span.end
        names = {w.weapon.name.lower() for w in find_weapons(text, w_start, w_end, p)
                 if not w.generic}
        places = {pl.mention.lower() for pl in find_places(text, w_start, w_end, p)}
        things = {m.group(0).split()[-1].lower().rstrip("s") for _target, pattern in p.targets
                  for m in pattern.finditer(text, w_start, w_end)}
        concerned = [d for d in near if (d.specific_weapons() & names)
                     or (d.place and d.place.mention.lower() in places)
                     or self._target_head(d) in things]
        if not concerned:
            concerned = near
        if denied_side is None and denier.side in p.opposite:
            denied_side = p.opposite[denier.side]
        # "Russia told Turkey it was not responsible": a side disowning the act denies it
        # whoever's account the report carries
        disowns = _DISOWNS.match(text, span.start, span.end + 40) is not None
        for d in concerned:
            sides = {a.side for a in d.attributions if a.side}
            own_word = denier.side in sides and s.index in d.sentences
            if denied_side and sides and denied_side not in sides and not own_word \
                    and not disowns:
                # (a side telling of the blasts itself, in the report's own sentence, may
                # still deny that they were an attack)
                continue
            d.denials.append(Attribution(denier.claimant, denier.side, span))
            if s.index in d.denied_in and d.attacker is None and denier.side in p.opposite:
                # "denied that its forces shelled": the denier's side is the one accused
                name = p.forces_of(denier.side)
                d.attacker = ActorHit(Actor(name, denier.side), denier.span)

    def _antecedent(self, drafts: list[Draft], index: int, pronoun: Attribution
                    ) -> Attribution | None:
        """The body a pronoun or 'the ministry' stands for: the latest fitting one named."""
        head = pronoun.claimant.split()[-1].lower()
        candidates: list[Attribution] = []
        for s in self.sentences[max(0, index - 4) : index + 1]:
            candidates += [a for a in find_attributions(self.text, s.span.start, s.span.end,
                                                        self.profile)
                           if not a.pronoun and a.span.end <= pronoun.span.start + 1]
        for d in drafts:
            candidates += [a for a in d.attributions if not a.pronoun]
        candidates = [a for a in candidates if a.span.start < pronoun.span.start]
        candidates.sort(key=lambda a: a.span.start)
        if head not in ("he", "she", "it", "they", "we", "i", "this", "that", "which", "who"):
            fitting = [a for a in candidates if head in a.claimant.lower()]
            return fitting[-1] if fitting else None
        return candidates[-1] if candidates else None

    # -- a draft's claims ----------------------------------------------------------------

    def claims_of(self, draft: Draft, attacker_side: str | None,
                  place: Place | None) -> tuple[Claim, ...]:
        p = self.profile
        claims: list[Claim] = []
        media: list[Attribution] = []
        seen: set[str] = set()
        for a in draft.attributions:
            if a.pronoun:
                resolved = self._antecedent([draft], a.span.start and self._index_of(a.span), a)
                if resolved is None and not a.official:
                    continue
                if resolved is not None:
                    a = Attribution(resolved.claimant, resolved.side, a.span, resolved.media,
                                    resolved.official)
                else:  # "the air force said", with no air force named before
                    a = Attribution(a.claimant, None, a.span, official=True)
            side = a.side
            if side is None and a.official:
                held = p.held_places.get((place.name or place.mention).lower()) \
                    if place is not None else None
                own = draft.sub_event_type == "Disrupted weapons use" or self._own_success(draft)
                if own and attacker_side in p.opposite and _MILITARY_SPEAKER.search(a.claimant):
                    # "air defences shot down 14 drones, the air force said": the
                    # military telling of its own side's success speaks for that side
                    side = attacker_side
                elif attacker_side in p.opposite:
                    side = p.opposite[attacker_side]
                elif held:
                    side = held
                elif place is not None and p.default_official_side:
                    side = p.default_official_side
            if a.media:
                media.append(a)
                continue
            key = a.claimant.lower()
            if key in seen or any(_same_person(a.claimant, c.claimant)
                                  and c.side == p.side_of(side or "unknown") for c in claims):
                continue
            seen.add(key)
            claims.append(Claim(a.claimant, p.side_of(side or "unknown"), Stance.ASSERTS, a.span))
        claims = self._with_media(claims, media)
        if not claims and self.outlet_side:
            claims.append(Claim(self.outlet, self.outlet_side, Stance.ASSERTS, None))
        # (Not in a news outlet's own narration: a reporter telling what troops did is
        # no claim of theirs.)
        if not claims and draft.attacker and attacker_side in p.opposite \
                and not p.media.search(self.outlet or "") and self._own_success(
                draft) and draft.trigger_spans and \
                draft.attacker.span.start < draft.trigger_spans[0].start:
            # "Armed Forces of Ukraine eliminated 106 invaders": with no source named, a
            # military success is told as the side that did it tells it
            claims.append(Claim(draft.attacker.actor.name, attacker_side, Stance.ASSERTS,
                                draft.attacker.span))
        denied_by: set[str] = set()
        surnames: set[tuple[str, str]] = set()
        for a in draft.denials:
            # one denial a denier, however often the page repeats it; the Russian and
            # the UK ministry of defence are two deniers, not one "defence"
            side = p.side_of(a.side or "unknown")
            if a.claimant.lower() in denied_by or (side, _surname(a.claimant)) in surnames:
                continue
            denied_by.add(a.claimant.lower())
            surnames.add((side, _surname(a.claimant)))
            claims.append(Claim(a.claimant, side, Stance.DENIES, a.span))
        # one stance a claimant: a body that disputes the other side's account ("the UK
        # MoD disputed Russia's account, saying the MoD claimed ...") is its denier, not
        # also one of those who assert it
        claims = [c for c in claims if c.stance != Stance.ASSERTS
                  or c.claimant.lower() not in denied_by]
        # ... and "Moscow" and "Russia" are one speaker, the state: one that blames the
        # other side ("Kyiv and Moscow traded blame") does not also assert the act
        states = {c.side for c in claims if c.stance == Stance.DENIES
                  and self._state_name(c.claimant)}
        claims = [c for c in claims if c.stance != Stance.ASSERTS or c.side not in states
                  or not self._state_name(c.claimant)]
        for a in draft.unverified[:1]:
            claims.append(Claim(a.claimant, p.side_of(a.side or "other"), Stance.UNVERIFIED,
                                a.span))
        return tuple(_titled_twice(claims, self.text, p.officials))

    def _judges(self, text: str) -> bool:
        """A condemnation of the act, or an accusation against one of the warring sides
        (named as the profile's nationality words: "accused Moscow", "accused Kyiv")."""
        if _CONDEMNS.search(text):
            return True
        warring = [pattern for side, pattern in self.profile.nationality if side != "other"]
        return any(pattern.match(text, m.end())
                   for m in _ACCUSED.finditer(text) for pattern in warring)

    def _state_name(self, name: str) -> bool:
        """A name for a whole side ("Russia", "Moscow", "Kyiv"), not a body of it."""
        return any(pattern.fullmatch(name) for _side, pattern in self.profile.nationality)

    def _with_media(self, claims: list[Claim], media: list[Attribution]) -> list[Claim]:
        """Outlets relay the speakers named ("X said, according to Reuters": X via
        Reuters), and with no speaker named every outlet is a source. A tweet embedded in
        a live blog is its author's own word ("Possible explosion ... — A (@a)"), never a
        relay of an official named elsewhere: each author is a source of no side."""
        tweets = [m for m in media if "(@" in self.text[m.span.start : m.span.end]
                  or _OWN_VOICE.search(m.claimant)]
        relays = [m for m in media if m not in tweets]
        out = list(claims)
        if out and relays:
            first = out[0]
            names = ", ".join(dict.fromkeys(m.claimant for m in relays))
            out[0] = replace(first, claimant=f"{first.claimant} (via {names})")
            relays = []
        for m in relays + tweets:
            if not any(c.claimant == m.claimant for c in out):
                out.append(Claim(m.claimant, "other", Stance.ASSERTS, m.span))
        return out

    # -- the statistical model, on the few sentences that need it ------------------------

    def refine_claimants(self, drafts: list[Draft]) -> None:
        """Name unplaced claimants with spaCy's PERSON/ORG entities, and drop phrases
        that name no one ("military experts told ...")."""
        todo: list[tuple[Draft, int, Sentence]] = []
        for draft in drafts:
            for i, a in enumerate(draft.attributions):
                if a.side is None and not (a.pronoun or a.official or a.media):
                    todo.append((draft, i, self.sentences[self._index_of(a.span)]))
        if not todo:
            return
        texts = list(dict.fromkeys(s.text for _, _, s in todo))
        docs = dict(zip(texts, self.nlp.pipe(texts), strict=True))
        drop: dict[int, set[int]] = {}
        for draft, i, s in todo:
            a = draft.attributions[i]
            lo, hi = a.span.start - s.span.start, a.span.end - s.span.start
            ents = [e for e in docs[s.text].ents if e.start_char < hi and e.end_char > lo
                    and e.label_ in ("PERSON", "ORG", "NORP", "GPE")]
            ents.sort(key=lambda e: ("PERSON", "ORG", "NORP", "GPE").index(e.label_))
            if not ents:
                drop.setdefault(id(draft), set()).add(i)
                continue
            ent = ents[0]
            side = side_of(ent.text, self.profile)[0] if ent.label_ != "PERSON" else None
            side = side or self._person_side(ent.text)
            name = ent.text if ent.label_ == "PERSON" else a.claimant
            span = Span(s.span.start + ent.start_char, s.span.start + ent.end_char)
            whole = Span(min(a.span.start, span.start), max(a.span.end, span.end))
            draft.attributions[i] = Attribution(name, side, whole)
        for draft in drafts:
            gone = drop.get(id(draft))
            if gone:
                draft.attributions = [a for j, a in enumerate(draft.attributions)
                                      if j not in gone]

    def _person_side(self, name: str) -> str | None:
        """A person's side from where the document first names them with a title:
        "Oleksiy Danilov, the secretary of Ukraine's security council"."""
        surname = name.split()[-1]
        m = re.search(rf"\b{re.escape(surname)}\b", self.text)
        if m is None:
            return None
        s = self.sentences[self._index_of(Span(m.start(), m.end()))]
        before = self.text[max(s.span.start, m.start() - 60) : m.start()]
        after = self.text[m.end() : min(s.span.end, m.end() + 90)]
        verb = self.profile.reporting_verbs.search(after)
        if verb:
            after = after[: verb.start()]
        full = self.profile.claimant_re.search(self.text, max(s.span.start, m.start() - 25),
                                               m.end())
        if full:  # "Vitali Kim" named in full where first mentioned
            return self.profile.claimants[int((full.lastgroup or "g0")[1:])].side
        for window in (after, before):
            side, _media, _official = side_of(window, self.profile)
            if side is not None:
                return side
        return None

    def _reporting_side(self, draft: Draft) -> str | None:
        for a in draft.attributions:
            if a.side in self.profile.opposite:
                return a.side
        return self.outlet_side
