"""Dating acts: which day each act happened on, when the sentence telling it may not say.

An act's day is seldom a plain date beside its trigger. The sentence's own date may be
the day it was said ("officials said on Monday") rather than the day of the act, or a
month named in passing; a sentence with none takes the day an earlier sentence of its
paragraph gave the same act ("On Tuesday ... The strike also hit ..."), unless that day
belongs to an act told somewhere else; failing both, the act is put in the days before
publication, or before a live-blog entry's own time, and a live-blog entry stamped just
after midnight tells of the day before. A day told a sentence or two later ("Early this
morning, ...", "given Saturday's strikes") may still pin an undated act, and a week,
weekend or month is kept as a range, coded to its middle day where that is no guess.
Finding the act and filling its other slots is ``_Reader``'s work; this module is kept
apart because it asks one question of its own (what day, and how sure) across
sentences, entries and the publication date, and is read and changed on its own.

``DatesReader`` is a mixin of ``_Reader``: it reads the document ``_Reader`` splits and
the drafts ``_Reader`` builds, and uses a few of its act-finding methods.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from ..model import Document
from ..profiles import Profile
from .casualties import mentions_casualties
from .events import find_trigger, is_history, rejected
from .fold import DateInfo, Draft, place_key
from .sentences import Sentence, after_midnight
from .slots import PlaceHit, find_places
from .timex import TimeExpr, find_dates

#: A sentence without a date of its own or of its paragraph may tell of anything in
#: the few days before publication (news reports events of the last days).
DEFAULT_DAYS_BACK = 3
#: A dateless sentence past the opening paragraphs may tell of the week before.
BACKGROUND_DAYS_BACK = 7

# Also read by _Reader's act-finding, which imports it from here.

# "Saturday's strike", "last week's attack": the date is that one act's, not the narrative's
_POSSESSIVE = re.compile(r"['’]s\b")

# Read by dating only.

_REPORTED_BEFORE = re.compile(
    r"(?:said|says|stated|reported|announced|claimed|told \w+|wrote|added|confirmed|"
    r"tweeted|posted|published|released)\s+(?:\w+\s+){0,1}$", re.I)
_CALENDAR = re.compile(r"\d")
#: between an act's own date and the act: "a weekend missile attack", "last week's strike"
_ATTRIBUTIVE = re.compile(r"(?:['’]s)?[\s\w-]*")
_YESTERDAY = re.compile(r"\byesterday\b", re.I)


def _date_of(text: str, s: Sentence, published: dt.date | None,
             near: int | None = None) -> DateInfo | None:
    """The sentence's date: the expression nearest the trigger, single days first."""
    exprs: list[TimeExpr] = find_dates(text, published, s.span.start, s.span.end)
    ranked: list[tuple[tuple[int, int], DateInfo]] = []
    for e in exprs:
        if e.date_range is None:
            continue
        if any(0 <= o.span.start - e.span.end <= 4 and o.date is not None
               and _CALENDAR.search(o.text) for o in exprs if o is not e):
            continue  # "overnight on 29 July": one expression, the calendar day rules
        before = text[max(s.span.start, e.span.start - 30) : e.span.start]
        kind = "reported" if _REPORTED_BEFORE.search(before) else "explicit"
        span_range = e.date_range
        if published is not None and e.date == published - dt.timedelta(days=1) and \
                _YESTERDAY.search(e.text):
            # "yesterday" counts from when the text was written, which a feed's
            # publication date may trail by a day: the day itself stays the best guess
            span_range = (e.date, published)
        info = DateInfo(e.date, span_range, e.precision, kind, e.span)
        distance = abs(e.span.start - near) if near is not None else e.span.start
        # the day it was said ("officials said on Monday") is no better than a week's
        # range the act is given ("over the weekend"): the nearer to the act wins
        first = 1 if kind == "reported" or e.date is None else 0
        if near is not None and 0 <= near - e.span.end <= 30 and _ATTRIBUTIVE.fullmatch(
                text, e.span.end, near):
            first = -1  # "a weekend missile attack", "Saturday's strike": the act's own date
        ranked.append(((first, distance), info))
    ranked.sort(key=lambda x: x[0])
    return ranked[0][1] if ranked else None


def _default_date(published: dt.date | None, lead: bool = True) -> DateInfo | None:
    """A news report's opening tells of the last days; a dateless sentence further down
    may be background of the weeks before, so it gets only a range, not a day."""
    if published is None:
        return None
    if not lead:
        return DateInfo(None, (published - dt.timedelta(days=BACKGROUND_DAYS_BACK), published),
                        2, "default")
    return DateInfo(published, (published - dt.timedelta(days=DEFAULT_DAYS_BACK), published),
                    1, "default")


def _best_day(info: DateInfo | None) -> dt.date | None:
    """The single day a report is coded to. A week, weekend or third of a month the text
    names ("last week", "over the weekend", "at the end of June") is coded, as ACLED does,
    to the middle of that period with its time precision and range kept. Month-long
    ranges get no day: its middle would be a guess three weeks wide."""
    if info is None:
        return None
    if info.date is not None or info.date_range is None:
        return info.date
    low, high = info.date_range
    if info.span is None:
        # told with no date at all, further down a report: most often the news of the
        # day before it was published; the week's range and precision 2 say it may be
        # earlier
        return max(low, high - dt.timedelta(days=1))
    if (info.precision or 1) > 2 or (high - low).days > 10:
        return None
    return low + dt.timedelta(days=(high - low).days // 2)


def _range_precision(info: DateInfo | None) -> int | None:
    """ACLED's time precision must agree with the range: a day, or a night across two
    days, is 1; anything wider the text has not pinned to a day, so it is 2 up to a week
    or a third of a month (the span _best_day still codes to a middle day) and 3 beyond.
    A guessed default ("the last days before publication") is no day either, whatever
    precision the reader it came from set."""
    if info is None:
        return None
    precision = info.precision or 1
    if info.date_range is None:
        return precision
    days = (info.date_range[1] - info.date_range[0]).days
    wide = 1 if days <= 1 else 2 if days <= 10 else 3
    return max(precision, wide)


def _reported_range(info: DateInfo) -> DateInfo:
    """A date of reporting: the event happened that day or in the days before."""
    if info.date is None or info.date_range is None:
        return info
    lo = min(info.date_range[0], info.date - dt.timedelta(days=1))
    return DateInfo(info.date, (lo, info.date_range[1]), info.precision, "reported", info.span)


def _overlap(a: DateInfo | None, b: DateInfo | None) -> bool:
    """Two dates that may be the same day (an unknown date may be any)."""
    if a is None or b is None or a.date_range is None or b.date_range is None:
        return True
    return a.date_range[0] <= b.date_range[1] and b.date_range[0] <= a.date_range[1]


class DatesReader:
    """The dating part of ``_Reader``: the day of each act, from its own sentence, an
    earlier one about the same act, a later one that names it, or the publication day."""

    # set by _Reader.__init__
    doc: Document
    text: str
    profile: Profile
    published: dt.date | None
    sentences: list[Sentence]
    known_places: set[str]
    _dates: dict[int, DateInfo | None]
    # _Reader's act-finding: the towns a sentence names, and whether it tells of
    # something else than a report's act
    _towns_named: Callable[[Sentence], list[PlaceHit]]
    _elsewhere: Callable[[Draft, Sentence], bool]

    # -- the day of one sentence ---------------------------------------------------------

    def date(self, s: Sentence, near: int | None = None) -> DateInfo | None:
        # In a live blog, "yesterday" is the day before the entry's own timestamp.
        anchor = s.anchor or self.published
        if near is not None:
            return _date_of(self.text, s, anchor, near)
        if s.index not in self._dates:
            self._dates[s.index] = _date_of(self.text, s, anchor)
        return self._dates[s.index]

    def _undated_day(self, s: Sentence) -> dt.date | None:
        """The last day an undated act may be of: the entry's or document's day, or the
        day before for a live-blog entry stamped just after midnight."""
        day = s.anchor or self.published
        entries = self.doc.flags.entries
        if day is not None and s.anchor is not None and 0 < s.entry <= len(entries) and \
                after_midnight(self.text, entries[s.entry - 1]):
            return day - dt.timedelta(days=1)
        return day

    def _other_act(self, prev: Sentence, places: list[PlaceHit]) -> bool:
        """Whether an earlier sentence tells of an act somewhere else than the places
        this one names: its day ("the toll from the attack in X rose on Tuesday") is that
        act's, not this one's."""
        if not places:
            return False
        mine = {place_key(pl.mention) for pl in places if not pl.relative}
        named = self._towns_named(prev)
        return bool(mine) and bool(named) and all(place_key(pl.mention) not in mine
                                                  for pl in named)

    def narrative_date(self, s: Sentence, places: list[PlaceHit] | None = None
                       ) -> DateInfo | None:
        """The latest explicit date earlier in the same paragraph."""
        for prev in reversed(self.sentences[max(0, s.index - 6) : s.index]):
            if prev.paragraph != s.paragraph:
                break
            info = self.date(prev)
            if info and info.kind == "explicit" and self._other_act(prev, places or []):
                return None  # the day of an act told elsewhere dates nothing told after
            if info and info.span is not None and _POSSESSIVE.match(self.text, info.span.end):
                continue  # "Saturday's strike ..." dates that strike, not what follows
            if info and info.kind == "explicit" and (info.precision or 1) <= 2:
                # a month named in passing ("since an attack ... in April") dates
                # nothing told after it
                return DateInfo(info.date, info.date_range, info.precision, "inherited",
                                info.span)
        return None

    # -- a day told after the act --------------------------------------------------------

    def _possessive_days(self, drafts: list[Draft]) -> None:
        """ "given Saturday's strikes" further down names the day of the act told last
        before it, if that act has no day of its own and may have been that day."""
        text, p = self.text, self.profile
        if not drafts:
            return
        for s in self.sentences:
            if not _POSSESSIVE.search(text, s.span.start, s.span.end + 2):
                continue  # no "'s" anywhere, so no "Saturday's"
            anchor = s.anchor or self.published
            for e in find_dates(text, anchor, s.span.start, s.span.end):
                if e.precision != 1 or e.date is None or e.date_range is None:
                    continue
                if not _POSSESSIVE.match(text, e.span.end) or not find_trigger(
                        text, e.span.end, min(s.span.end, e.span.end + 30), p):
                    continue
                day = e.date
                # the act told last before it is the one meant, if any is
                before = [d for d in drafts if min(d.sentences) < s.index]
                if not before:
                    continue
                d = max(before, key=lambda x: max(i for i in x.sentences if i < s.index))
                rng = d.date.date_range if d.date is not None else None
                if d.date is None or d.date.kind != "default" or rng is None or \
                        not rng[0] <= day <= rng[1] or self._elsewhere(d, s):
                    continue
                d.date = DateInfo(day, e.date_range, 1, "explicit", e.span)
                if s.index not in d.sentences:
                    d.sentences.append(s.index)
                    d.spans.append(s.span)

    def _late_day(self, draft: Draft, s: Sentence) -> None:
        """A quote a sentence or two after an undated act ("Early this morning, they
        decided to spoil our Navy Day") gives the day it happened."""
        text, start, end = self.text, s.span.start, s.span.end
        if draft.date is None or draft.date.kind != "default" or s.index - draft.last > 2:
            return  # what _day_of_act asks first, before the costlier readings below
        if rejected(text, start, end, self.profile) or is_history(text, start, end,
                                                                   self.published):
            return
        info = self.date(s)
        if info is None or info.span is None or info.date_range is None or \
                info.date_range[0] != info.date_range[1] or info.span.start - start > 25:
            return  # only a single day opening the account ("Early this morning, ...")
        if self._day_of_act(draft, info, s) and not self._elsewhere(draft, s):
            draft.date = DateInfo(info.date, info.date_range, 1, "explicit", info.span)
            draft.sentences.append(s.index)
            draft.spans.append(s.span)

    def _tells_of(self, draft: Draft, s: Sentence, info: DateInfo | None, refers: bool
                  ) -> bool:
        """Whether a later sentence's day is the act's: it refers back to it, counts its
        dead, names its place, or opens on the day as the next step of the account. A
        day told in passing of other news ("the UN's go-ahead, expected later on Friday")
        dates nothing."""
        text, start, end = self.text, s.span.start, s.span.end
        if refers or mentions_casualties(text, start, end):
            return True
        if info is not None and info.span is not None and info.span.start - start <= 25:
            return True
        if draft.place is None:
            return False
        mine = place_key(draft.place.mention)
        return any(place_key(pl.mention) == mine for pl in
                   find_places(text, start, end, self.profile, frozenset(self.known_places)))

    def _day_of_act(self, draft: Draft, info: DateInfo | None, s: Sentence) -> bool:
        """A single day told right after an undated act, within its guessed range."""
        if info is None or draft.date is None or draft.date.kind != "default":
            return False
        if info.kind != "explicit" or info.precision != 1 or info.date is None:
            return False
        if s.index - draft.last > 2 or draft.date.date_range is None:
            return False
        low, high = draft.date.date_range
        return low <= info.date <= high

    def _said_on(self, draft: Draft) -> None:
        """'On Saturday the spokesman said the strike on X had hit a depot': a day told
        before the speaker's verb, with the act referred back to after it, is the day it
        was said; the act may be of that day or the days before."""
        info = draft.date
        if info is None or info.span is None or info.kind != "explicit" or \
                not draft.trigger_spans:
            return
        trigger = draft.trigger_spans[0]
        if info.span.end > trigger.start:
            return
        said = self.profile.reporting_verbs.search(self.text, info.span.end, trigger.start)
        if said is not None and not _CALENDAR.search(self.text, info.span.start, info.span.end):
            draft.date = _reported_range(info)
