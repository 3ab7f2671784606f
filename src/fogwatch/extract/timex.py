"""Dates and clock times in conflict reporting, resolved against the publication date.

Reports rarely give a full date: "on Tuesday", "last night", "July 5th", "in the past
24 hours". Each expression is turned into the best single day (or None) and the range
of days it can mean, with ACLED's time precision (1 day, 2 week, 3 month), so that a
report dated "earlier this week" still overlaps the right gold range.

English month/weekday patterns are plain regular expressions: they are unambiguous,
need the publication date for the year anyway, and are ~1000x faster than dateparser.
dateparser is used only on Cyrillic "day month" candidate spans ("7 августа", "12
серпня"), whose inflected month names it knows and we would otherwise have to list.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

from ..model import Span

__all__ = ["TimeExpr", "find_dates", "find_times"]

#: A date without a year more than this many days after publication is taken to be
#: from the previous year ("December 30" in a piece published on January 3).
_ROLLBACK_DAYS = 45

T = TypeVar("T")


@dataclass(frozen=True)
class TimeExpr:
    """A date expression: where it is, its best day, its possible days, its precision."""

    span: Span
    date: dt.date | None
    date_range: tuple[dt.date, dt.date]
    precision: int
    text: str


_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
    "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9, "october": 10,
    "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
    "saturday": 5, "sunday": 6,
    # Russian and Ukrainian, in the accusative that follows "в ночь на" / "у ніч на".
    "понедельник": 0, "вторник": 1, "среду": 2, "среда": 2, "четверг": 3,
    "пятницу": 4, "пятница": 4, "субботу": 5, "суббота": 5, "воскресенье": 6,
    "понеділок": 0, "вівторок": 1, "середу": 2, "середа": 2, "четвер": 3,
    "п'ятницю": 4, "пʼятницю": 4, "п’ятницю": 4, "суботу": 5, "субота": 5, "неділю": 6,
    "неділя": 6,
}  # fmt: skip

# The lookahead on the first letter lets the regex engine skip most words cheaply; the
# full stop is part of a date only after an abbreviation ("Feb. 24", not "24 February.").
_MONTH_RE = (
    r"(?=[adfjmnos])(?P<month>january|february|march|april|may|june|july|august|september|"
    r"october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)"
    r"(?:(?<=\b(?:jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec))\.|(?<=\bsept)\.)?"
)
_MONTH_RE2 = _MONTH_RE.replace("?P<month>", "?P<month2>")
_ORD = r"(?:st|nd|rd|th)?"
_EN_WEEKDAY = r"(?=[mtwfs])(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
#: Which third of a month: "early", "mid-", "late", "at the end of" narrow it.
_THIRD = (r"(?:in\s+(?:(?P<third>early|mid|late)[\s-]+)?|(?P<third2>mid)-|"
          r"(?P<third3>early|late)\s+|(?:at\s+|by\s+|in\s+)?the\s+(?P<third4>end|beginning|start|middle)\s+of\s+)")
_PART = r"(?:\s+(?P<part>night|morning|afternoon|evening))?"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?!\d)")),
    # 07.08.2022, as Russian and Ukrainian sources write dates (day first).
    ("dmy", re.compile(r"(?<![\d.])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})(?![\d.]\d)")),
    (
        "weekday_date",
        re.compile(
            rf"\b(?:on\s+)?{_EN_WEEKDAY}{_PART},?\s*\(?\s*(?:"
            rf"{_MONTH_RE}\s+(?P<d>\d{{1,2}}){_ORD}|(?P<d2>\d{{1,2}}){_ORD}\s+(?:of\s+)?"
            rf"{_MONTH_RE2})\b(?:,?\s+(?P<y>\d{{4}}))?\)?",
            re.I,
        ),
    ),
    # "the night of 10 July": the night runs into the next day.
    (
        "night_of",
        re.compile(
            rf"\b(?:on\s+)?the\s+night\s+of\s+(?:the\s+)?(?:{_MONTH_RE}\s+(?P<d>\d{{1,2}}){_ORD}"
            rf"|(?P<d2>\d{{1,2}}){_ORD}\s+(?:of\s+)?{_MONTH_RE2})(?![a-z\d])(?:,?\s+(?P<y>\d{{4}}))?",
            re.I,
        ),
    ),
    (
        "day_range_month",
        re.compile(
            rf"(?:\bbetween\s+(?=\d{{1,2}}{_ORD}\s+and\s))?"
            rf"\b(?P<d>\d{{1,2}}){_ORD}\s*(?:-|–|to|(?<=\d)\s+and(?=\s))\s*(?P<d2>\d{{1,2}}){_ORD}\s+"
            rf"(?:of\s+)?{_MONTH_RE}(?![a-z])(?:,?\s+(?P<y>\d{{4}}))?",
            re.I,
        ),
    ),
    (
        "month_day_range",
        re.compile(
            rf"(?:\bbetween\s+)?\b{_MONTH_RE}\s+(?P<d>\d{{1,2}}){_ORD}\s*(?:-|–|to|\s+and(?=\s))\s*"
            rf"(?P<d2>\d{{1,2}}){_ORD}"
            rf"\b(?:,?\s+(?P<y>\d{{4}}))?",
            re.I,
        ),
    ),
    (
        "day_month",
        re.compile(
            rf"\b(?P<d>\d{{1,2}}){_ORD}\s+(?:of\s+)?{_MONTH_RE}(?![a-z])(?:,?\s+(?P<y>\d{{4}}))?",
            re.I,
        ),
    ),
    (
        "month_day",
        re.compile(
            rf"\b{_MONTH_RE}\s+(?P<d>\d{{1,2}}){_ORD}\b(?!:)(?:,?\s+(?P<y>\d{{4}}))?", re.I
        ),
    ),
    (
        "month_year",
        re.compile(rf"\b{_THIRD}?{_MONTH_RE}\s+(?P<y>\d{{4}})\b", re.I),
    ),
    # A month without a year only after "in", "mid-", "early", "late": "may" and "march"
    # are also words.
    (
        "month_only",
        re.compile(rf"\b{_THIRD}{_MONTH_RE}(?![a-z\d])", re.I),
    ),
    ("the_nth", re.compile(r"\bon\s+the\s+(?P<d>\d{1,2})(?:st|nd|rd|th)\b", re.I)),
    (
        "weekday",
        re.compile(
            rf"\b(?P<pre>(?:in\s+)?the\s+early\s+hours\s+of\s+|(?:on|last|this)\s+)?"
            rf"{_EN_WEEKDAY}{_PART}\b",
            re.I,
        ),
    ),
    ("day_before_yesterday", re.compile(r"\bthe\s+day\s+before\s+yesterday\b", re.I)),
    ("days_ago", re.compile(r"\b(?P<n>\d|one|two|three|four|five|six)\s+days\s+ago\b", re.I)),
    ("weeks_ago", re.compile(r"\b(?P<n>a|one|two|three|\d)\s+weeks?\s+ago\b", re.I)),
    ("yesterday", re.compile(
        r"\b(?:yesterday(?:\s+(?:morning|afternoon|evening))?|the\s+(?:previous\s+)?day\s+before|"
        r"the\s+previous\s+day)\b", re.I)),
    ("weekend", re.compile(
        r"\b(?:(?:at|over|during|on)\s+the|last|this|a|the)\s+weekend(?:['’]s)?(?![\w-])",
        re.I)),
    ("night_before", re.compile(
        r"\b(?:last\s+night|overnight|the\s+night\s+before|yesterday\s+night|"
        r"during\s+the\s+night)\b", re.I)),
    ("past_day", re.compile(
        r"\b(?:(?:in|over|during|within)\s+the\s+(?:past|last|previous)\s+(?:24\s+hours|day)|"
        r"(?:in|within)\s+(?:24\s+hours|a\s+day)|during\s+the\s+day)\b",
        re.I)),
    ("early_hours", re.compile(
        r"\b(?:in\s+)?the\s+early\s+hours(?:\s+of\s+(?:today|this\s+morning))?\b", re.I)),
    ("today", re.compile(
        r"\b(?:today|tonight|this\s+(?:morning|afternoon|evening)|earlier\s+today)\b", re.I)),
    ("this_week", re.compile(r"\b(?:earlier\s+this|this)\s+week\b", re.I)),
    # "over the past week" is the seven days up to publication, "last week" the calendar
    # week before this one.
    ("past_week", re.compile(
        r"\b(?:(?:in|over|during|within)\s+)?the\s+(?:past|last)\s+(?:week|seven\s+days|7\s+days)\b",
        re.I)),
    ("last_week", re.compile(r"\b(?:last|past|previous)\s+week\b", re.I)),
    ("recent_days", re.compile(
        r"\b(?:(?:in|over|during|within)\s+)?(?:recent\s+days|the\s+(?:past|last|previous)\s+"
        r"(?:(?P<n>two|three|four|five|six|couple\s+of|few|\d)\s+days|(?P<h>48|72)\s+hours))\b",
        re.I)),
    ("this_month", re.compile(r"\b(?:earlier\s+this|this)\s+month\b", re.I)),
    # "last winter", "this summer", "in the spring of 2022": three months, told loosely
    ("season", re.compile(
        r"\b(?:(?P<rel>last|this|past|previous)\s+|(?:in\s+)?the\s+)?"
        r"(?P<season>winter|spring|summer|autumn|fall)(?:\s+of\s+(?P<y>\d{4}))?\b"
        r"(?(rel)|(?(y)|(?!x)x))", re.I)),
    ("last_month", re.compile(r"\blast\s+month\b", re.I)),
    ("ru_night", re.compile(
        r"(?<!\w)(?:в|у)\s+(?:ночь|ніч)\s+на\s+(?P<wd>[а-яіїєґʼ'’]+)", re.I)),
    ("ru_weekday", re.compile(
        r"(?<!\w)(?:во?|у)\s+(?P<wd>понедельник|вторник|среду|четверг|пятницу|субботу|"
        r"воскресенье|понеділок|вівторок|середу|четвер|п['’ʼ]ятницю|суботу|неділю)(?!\w)", re.I)),
    ("ru_night_before", re.compile(
        r"(?<!\w)(?:(?:этой|прошлой|минувшей)\s+ночью|ночью|вночі|(?:минулої|цієї)\s+ночі)(?!\w)",
        re.I)),
    ("ru_yesterday", re.compile(r"(?<!\w)(?:вчера|вчора)(?!\w)", re.I)),
    ("ru_today", re.compile(r"(?<!\w)(?:сегодня|сьогодні)(?!\w)", re.I)),
    ("ru_date", re.compile(
        r"(?<!\w)(?P<d>\d{1,2})\s+(?P<mon>[а-яіїєґ]{3,9})(?:\s+(?P<y>\d{4}))?(?!\w)", re.I)),
]

_RU_MONTH_STEMS = (
    "январ", "феврал", "март", "апрел", "мая", "май", "июн", "июл", "август", "сентябр", "октябр",
    "ноябр", "декабр", "січ", "лют", "берез", "квіт", "травн", "черв", "лип", "серп",
    "верес", "жовт", "листопад", "груд",
)


#: Words a pattern cannot match without: a substring test is far cheaper than a regex
#: scan, and most texts lack most of these.
_REQUIRES: dict[str, tuple[str, ...]] = {
    "iso": ("-",), "dmy": (".",), "night_of": ("night of",), "weekend": ("weekend",),
    "the_nth": ("on the",),
    "day_before_yesterday": ("day before",), "days_ago": ("ago",), "weeks_ago": ("ago",),
    "yesterday": ("yesterday", "day before", "previous day"), "night_before": ("night",),
    "past_day": ("24 hours", " day"), "early_hours": ("early hours",),
    "today": ("today", "tonight", "this "), "this_week": ("this week",),
    "last_week": (" week",), "past_week": ("past ", "last "), "recent_days": ("days", "hours"),
    "this_month": ("this month",), "last_month": ("last month",),
    "season": ("winter", "spring", "summer", "autumn", "fall"),
}
#: What a pattern cannot match without: a digit, an English month name, a weekday.
_NEEDS: dict[str, tuple[str, ...]] = {
    "iso": ("digit",), "dmy": ("digit",), "night_of": ("digit", "month"),
    "weekday_date": ("digit", "month", "weekday"),
    "day_range_month": ("digit", "month"), "month_day_range": ("digit", "month"),
    "day_month": ("digit", "month"), "month_day": ("digit", "month"),
    "month_year": ("digit", "month"), "month_only": ("month",), "the_nth": ("digit",),
    "weekday": ("weekday",), "ru_date": ("digit",),
}
_DIGIT = re.compile(r"\d")
_ANY_MONTH = re.compile(r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec")
_CYRILLIC = re.compile(r"[а-яіїєґ]", re.I)


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _with_year(month: int, day: int, year: str | None, published: dt.date | None) -> dt.date | None:
    if year:
        return _safe_date(int(year), month, day)
    if published is None:
        return None
    found = _safe_date(published.year, month, day)
    if found and (found - published).days > _ROLLBACK_DAYS:
        found = _safe_date(published.year - 1, month, day)
    return found


def _last_weekday(published: dt.date, weekday: int) -> dt.date:
    return published - dt.timedelta(days=(published.weekday() - weekday) % 7)


def _day(d: dt.date | None) -> tuple[dt.date | None, tuple[dt.date, dt.date], int] | None:
    return None if d is None else (d, (d, d), 1)


_Resolved = tuple[dt.date | None, tuple[dt.date, dt.date], int] | None
_ONE_DAY = dt.timedelta(days=1)
_SMALL = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def _resolve(kind: str, m: re.Match[str], p: dt.date | None) -> _Resolved:
    """Turn one match into (date, range, precision); None when it cannot be resolved."""
    g = m.groupdict()
    if kind in ("iso", "dmy"):
        return _day(_safe_date(int(g["y"]), int(g["m"]), int(g["d"])))
    if kind in ("day_range_month", "month_day_range"):
        told = m.group(0).lower()
        if re.search(r"\d\s+and\s", told) and not told.startswith("between"):
            return None  # "killed 5 and injured 7": only "between 5 and 7 July" is a range
        month = _MONTHS[g["month"].lower()]
        first = _with_year(month, int(g["d"]), g.get("y"), p)
        last = _with_year(month, int(g["d2"]), g.get("y"), p)
        if first is None or last is None or not 0 <= (last - first).days <= 31:
            return None
        # "the night of 6-7 August": the first day is the best single day.
        return first, (first, last), 1 if (last - first).days <= 1 else 2
    if kind == "night_of":
        month = _MONTHS[(g.get("month") or g.get("month2") or "").lower()]
        night = _with_year(month, int(g.get("d") or g.get("d2")), g.get("y"), p)
        if night is None:
            return None
        # told on the morning after, or of the night just begun when published
        last = night + _ONE_DAY if p is None else min(night + _ONE_DAY, max(p, night))
        return night, (night, last), 1
    if kind in ("day_month", "month_day", "weekday_date"):
        month = _MONTHS[(g.get("month") or g.get("month2") or "").lower()]
        return _day(_with_year(month, int(g.get("d") or g.get("d2")), g.get("y"), p))
    if kind in ("month_year", "month_only"):
        month = _MONTHS[g["month"].lower()]
        if g.get("y"):
            year = int(g["y"])
        elif p is None:
            return None
        else:
            year = p.year if month <= p.month else p.year - 1
        first = dt.date(year, month, 1)
        last = dt.date(year, month, calendar.monthrange(year, month)[1])
        third = next((g.get(k) for k in ("third", "third2", "third3", "third4") if g.get(k)),
                     None)
        if third:
            third = third.lower()
            if third in ("early", "beginning", "start"):
                last = dt.date(year, month, 10)
            elif third in ("mid", "middle"):
                first, last = dt.date(year, month, 11), dt.date(year, month, 20)
            else:
                first = dt.date(year, month, 21)
            if p is not None and first > p:
                return None
        if p is not None and first <= p < last:
            last = p  # what a report tells of has happened by the time it is published
        # "at the end of June" is some ten days: a week's precision, not a month's
        return None, (first, last), 2 if third else 3
    if kind == "ru_date":
        return _day(_ru_date(m.group(0), p))
    if p is None:
        return None
    if kind == "the_nth":
        d = _safe_date(p.year, p.month, int(g["d"]))
        if d and d > p:
            prev = (p.replace(day=1) - _ONE_DAY)
            d = _safe_date(prev.year, prev.month, int(g["d"]))
        return _day(d)
    if kind == "weekday":
        day = _last_weekday(p, _WEEKDAYS[g["wd"].lower()])
        if (g.get("pre") or "").lower().startswith("last") and day == p:
            day -= dt.timedelta(days=7)
        if (g.get("part") or "").lower() == "night":
            return day, (day, min(day + _ONE_DAY, max(p, day))), 1
        return _day(day)
    if kind == "ru_weekday":
        weekday = _WEEKDAYS.get(g["wd"].lower().replace("’", "'").replace("ʼ", "'"))
        return None if weekday is None else _day(_last_weekday(p, weekday))
    if kind == "ru_night":
        weekday = _WEEKDAYS.get(g["wd"].lower())
        if weekday is None:
            return None
        day = _last_weekday(p, weekday)
        return day, (day - _ONE_DAY, day), 1
    if kind in ("yesterday", "ru_yesterday"):
        return _day(p - _ONE_DAY)
    if kind == "day_before_yesterday":
        return _day(p - 2 * _ONE_DAY)
    if kind == "days_ago":
        n = g["n"].lower()
        return _day(p - dt.timedelta(days=int(n) if n.isdigit() else _SMALL[n]))
    if kind == "weeks_ago":
        n = g["n"].lower()
        weeks = 1 if n in ("a", "one") else int(n) if n.isdigit() else _SMALL[n]
        day = p - dt.timedelta(days=7 * weeks)
        return day, (day - dt.timedelta(days=3), min(p, day + dt.timedelta(days=3))), 2
    if kind in ("today", "ru_today"):
        return _day(p)
    if kind in ("night_before", "ru_night_before"):
        return p - _ONE_DAY, (p - _ONE_DAY, p), 1
    if kind in ("past_day", "early_hours"):
        return p, (p - _ONE_DAY, p), 1
    if kind == "weekend":
        saturday = _last_weekday(p, 5) if p.weekday() != 6 else p - _ONE_DAY
        if "last" in m.group(0).lower() and p.weekday() in (5, 6):
            saturday -= dt.timedelta(days=7)
        return None, (saturday, min(saturday + _ONE_DAY, p)), 2
    if kind == "this_week":
        return None, (p - dt.timedelta(days=p.weekday()), p), 2
    if kind == "past_week":
        return None, (p - dt.timedelta(days=7), p), 2
    if kind == "recent_days":
        n = (g.get("n") or "").lower()
        hours = g.get("h")
        days = (int(hours) // 24 if hours else int(n) if n.isdigit() else _SMALL.get(n)
                or (2 if n.startswith("couple") else 7))
        return None, (p - dt.timedelta(days=days), p), 1 if days <= 1 else 2
    if kind == "last_week":
        monday = p - dt.timedelta(days=p.weekday() + 7)
        return None, (monday, monday + dt.timedelta(days=6)), 2
    if kind == "season":
        return _season(g["season"].lower(), (g.get("rel") or "").lower(), g.get("y"), p)
    if kind == "this_month":
        return None, (p.replace(day=1), p), 3
    if kind == "last_month":
        last = p.replace(day=1) - _ONE_DAY
        return None, (last.replace(day=1), last), 3
    return None


#: The month each season starts in (northern hemisphere; winter runs into the next year).
_SEASON_START = {"winter": 12, "spring": 3, "summer": 6, "autumn": 9, "fall": 9}


def _season(name: str, rel: str, year: str | None, p: dt.date) -> _Resolved:
    """Three months: "last winter" is the latest one over before publication, "this
    winter" the one publication falls in (else the latest begun), "the winter of 2022"
    the one that starts in that year's December (winter) or month."""
    month = _SEASON_START[name]

    def bounds(first_year: int) -> tuple[dt.date, dt.date]:
        low = dt.date(first_year, month, 1)
        after = dt.date(first_year + (month + 3 > 12), (month + 2) % 12 + 1, 1)
        return low, after - _ONE_DAY

    if year:
        low, high = bounds(int(year))
    else:
        first = p.year if dt.date(p.year, month, 1) <= p else p.year - 1
        low, high = bounds(first)
        if rel in ("last", "past", "previous") and high >= p:
            low, high = bounds(first - 1)
    return None, (low, min(high, p) if low <= p else high), 3


def _ru_date(candidate: str, published: dt.date | None) -> dt.date | None:
    word = candidate.split()[1].lower()
    if not any(word.startswith(stem) for stem in _RU_MONTH_STEMS):
        return None
    day_month = _dateparser_day_month(" ".join(candidate.split()[:2]))
    if day_month is None:
        return None
    month, day = day_month
    year = candidate.split()[2] if len(candidate.split()) > 2 else None
    return _with_year(month, day, year, published)


@lru_cache(maxsize=256)
def _dateparser_day_month(candidate: str) -> tuple[int, int] | None:
    """Month and day of a Cyrillic "7 августа" via dateparser (inflected month names)."""
    import dateparser  # slow to import; only needed for Cyrillic dates

    parsed = dateparser.parse(
        candidate, languages=["ru", "uk"], settings={"REQUIRE_PARTS": ["day", "month"]}
    )
    return (parsed.month, parsed.day) if parsed else None


def find_dates(
    text: str, published: dt.date | None, start: int = 0, end: int | None = None
) -> list[TimeExpr]:
    """Every date expression in ``text[start:end]``, in text order, without overlaps.

    Where two expressions overlap the longer one wins ("Tuesday (July 5th)" is one
    expression dated by its explicit date). Relative expressions need ``published``
    and are skipped without it; explicit dates without a year likewise.
    """
    end = len(text) if end is None else min(end, len(text))
    start = max(0, start)
    if start >= end:
        return []
    if isinstance(published, dt.datetime):  # a datetime would not compare with dates
        published = published.date()
    found: list[TimeExpr] = []
    cyrillic = _CYRILLIC.search(text, start, end) is not None
    lowered = text[start:end].lower()
    present = {
        "digit": _DIGIT.search(lowered) is not None,
        "month": _ANY_MONTH.search(lowered) is not None,
        "weekday": "day" in lowered,
    }
    for kind, pattern in _PATTERNS:
        if kind.startswith("ru_") and not cyrillic:
            continue
        if not all(present[need] for need in _NEEDS.get(kind, ())):
            continue
        required = _REQUIRES.get(kind)
        if required and not any(word in lowered for word in required):
            continue
        for m in pattern.finditer(text, start, end):
            resolved = _resolve(kind, m, published)
            if resolved is None:
                continue
            day, (low, high), precision = resolved
            if low > high:
                low, high = high, low
            if day is not None and not low <= day <= high:
                day = None
            span = Span(m.start(), m.end())
            found.append(TimeExpr(span, day, (low, high), precision, m.group(0)))
    return _without_overlaps(found, key=lambda t: t.span)


def _without_overlaps(items: list[T], key: Callable[[T], Span]) -> list[T]:
    kept: list[T] = []
    for item in sorted(items, key=lambda i: (-len(key(i)), key(i).start)):
        if not any(key(item).overlaps(key(k)) for k in kept):
            kept.append(item)
    return sorted(kept, key=lambda i: key(i).start)


_TIME_PATTERNS = [
    re.compile(r"(?<![\d.:])(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)(?![\d:])"
               r"(?:\s*(?P<ap>[ap])\.?m\.?(?![a-z]))?", re.I),
    re.compile(r"(?<![\d.:])(?P<h>1[0-2]|0?[1-9])(?:[.](?P<m>[0-5]\d))?\s*(?P<ap>[ap])\.?m\b\.?",
               re.I),
    re.compile(r"\bat\s+(?P<h>[01]?\d|2[0-3])[.](?P<m>[0-5]\d)(?![\d.]|\s*[ap]\.?m)", re.I),
    re.compile(r"\bat\s+(?P<h>[01]\d|2[0-3])(?P<m>[0-5]\d)\s*(?:hrs|hours|h)\b", re.I),
]


def find_times(text: str, start: int = 0, end: int | None = None) -> list[tuple[Span, str]]:
    """Clock times in ``text[start:end]`` as ``(span, "HH:MM")``, 24-hour, in text order.

    A bare "18.45" is not a time (it may be a number); it is one after "at".
    """
    end = len(text) if end is None else min(end, len(text))
    start = max(0, start)
    if start >= end:
        return []
    found: list[tuple[Span, str]] = []
    for pattern in _TIME_PATTERNS:
        for m in pattern.finditer(text, start, end):
            hour, minute = int(m["h"]), int(m["m"] or 0)
            ap = (m.groupdict().get("ap") or "").lower()
            if ap and hour > 12:
                continue
            if ap == "p" and hour < 12:
                hour += 12
            elif ap == "a" and hour == 12:
                hour = 0
            found.append((Span(m.start(), m.end()), f"{hour:02d}:{minute:02d}"))
    return _without_overlaps(found, key=lambda t: t[0])
