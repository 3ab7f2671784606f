"""Counts written as figures or words: "14", "1,200", "fourteen", "six dozen", "три".

Casualty and munition counts are written both ways in reporting, and a wrong count is
worse than none, so anything vague ("several", "dozens", "scores") is ``None`` rather
than a guess. Word numbers go through number-parser (English, Russian, Ukrainian); the
forms it does not handle are done here first, each with its reason:

- figures with thousands separators ("1,200") and decimals before a scale word
  ("1.5 thousand"): number-parser reads only plain digit strings;
- "a hundred", "a dozen", "an": number-parser does not read the article as one;
- "dozen" as a multiplier ("six dozen"): not in number-parser's vocabulary;
- "three and a half thousand": number-parser drops the half.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..model import Span

__all__ = ["VAGUE", "Quantity", "find_quantities", "parse_number"]

#: Quantities that give no number. A report saying "several people were killed" has
#: fatalities null, never a guess (SCHEMA.md: "Never invented").
VAGUE: frozenset[str] = frozenset({
    "several", "dozens", "dozens of", "many", "scores", "scores of", "a number of",
    "some", "a few", "few", "numerous", "hundreds", "hundreds of", "thousands",
    "thousands of", "tens", "tens of", "multiple", "a couple of", "a handful of",
    "countless", "a lot of", "lots of",
    "несколько", "десятки", "сотни", "многие", "много", "кілька", "сотні",
    "багато",
})  # fmt: skip

_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "dozen": 12}
_FIGURE = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+$")
_DECIMAL_SCALE = re.compile(r"^(\d+(?:[.,]\d+)?)\s+(hundred|thousand|million|dozen)$")
_HALF = re.compile(r"^(.+?)\s+and\s+a\s+half\s+(hundred|thousand|million|dozen)$")
_DOZEN = re.compile(r"^(.*?)\s*dozen$")


@dataclass(frozen=True)
class Quantity:
    """A count in the text: where, its value (None when vague), the word after it."""

    span: Span
    value: int | None
    unit_text: str | None


def parse_number(s: str, *, article: bool = False) -> int | None:
    """The integer a count phrase gives, or None when it gives none or is vague.

    ``article=True`` lets a bare "a"/"an" mean one ("a man was wounded"); callers
    ask for it only where the noun after it is what is being counted.
    """
    return _parse(" ".join(s.lower().replace("-", " ").split()), article)


@lru_cache(maxsize=4096)
def _parse(s: str, article: bool) -> int | None:
    if not s or s in VAGUE:
        return None
    if s in ("a", "an"):
        return 1 if article else None
    if s in ("half a dozen", "a half dozen", "half dozen"):
        return 6
    if _FIGURE.match(s):
        return int(s.replace(",", ""))
    if m := _DECIMAL_SCALE.match(s):
        value = float(m[1].replace(",", ".")) * _SCALES[m[2]]
        return int(value) if value == int(value) else None
    if m := _HALF.match(s):
        whole = _parse(m[1], True)
        return None if whole is None else int((whole + 0.5) * _SCALES[m[2]])
    s = re.sub(r"^(?:a|an)\s+(?=hundred|thousand|million|dozen)", "one ", s)
    if m := _DOZEN.match(s):
        times = _parse(m[1], True) if m[1] else 1
        return None if times is None else times * 12
    return _words(s)


#: Russian and Ukrainian collective numerals ("погибли трое"), common in casualty
#: reports and not in number-parser's vocabulary.
_COLLECTIVE = {
    "двое": 2, "трое": 3, "четверо": 4, "пятеро": 5, "шестеро": 6, "семеро": 7,
    "восьмеро": 8, "девятеро": 9, "десятеро": 10, "двоє": 2, "троє": 3, "п'ятеро": 5,
}  # fmt: skip


def _words(s: str) -> int | None:
    from number_parser import parse_number as np_parse  # imported on first use

    if s in _COLLECTIVE:
        return _COLLECTIVE[s]
    # number-parser's Ukrainian words are spelt with U+02BC, not a typed apostrophe.
    variants = [("en", s), ("ru", s), ("uk", s.replace("'", "ʼ").replace("’", "ʼ"))]
    for language, words in variants:
        try:
            value = np_parse(words, language=language)
        except Exception:  # number-parser raises bare errors on odd input
            value = None
        if isinstance(value, int):
            return value
    return None


_EN_WORDS = (
    "zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    "fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|"
    "sixty|seventy|eighty|ninety|hundred|thousand|million|dozen"
)
# Russian and Ukrainian number words by stem: enough to find a candidate span, which
# number-parser then reads.
_CYR_WORDS = (
    r"(?:один|одн|два|две|дво|дві|двух|двое|трое|троє|три|трех|трьох|четыр|чотир|четвер|"
    r"пят|п['’ʼ]ят|шест|шіст|сем|сім|восем|вісім|девят|дев['’ʼ]ят|десят|двенадцат|дванадцят|"
    r"двадцат|двадцят|тридцат|тридцят|сорок|пятьдесят|п['’ʼ]ятдесят|сто|двест|двіст|"
    r"трист|тысяч|тисяч)[а-яіїєґ]*"
)
_ATOM = (
    rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?(?=\s+(?:hundred|thousand|million))|\d+"
    rf"|(?:{_EN_WORDS})|(?:{_CYR_WORDS}))"
)
_VAGUE_RE = "|".join(sorted((re.escape(v) for v in VAGUE), key=len, reverse=True))
_QUANTITY = re.compile(
    rf"(?<![\w.,:/-])(?:(?P<vague>{_VAGUE_RE})"
    rf"|(?P<num>(?:half\s+a\s+(?=dozen\b)|(?:a|an)\s+(?=(?:hundred|thousand|dozen)\b))?"
    rf"{_ATOM}(?:(?:\s+and\s+a\s+half|\s+and|\s*-\s*|\s+){_ATOM})*)"
    rf"|(?P<art>\b(?:a|an)\b))(?![\w:]|[.,]\d)",
    re.I,
)
_NEXT_WORD = re.compile(r"[\s-]*(?:of\s+)?([^\W\d][\w'’-]*)")
_MONTH_BEFORE = re.compile(
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+$", re.I
)
_DATE_AFTER = re.compile(
    r"^(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", re.I
)


def find_quantities(
    text: str, start: int = 0, end: int | None = None, *, articles: bool = False
) -> list[Quantity]:
    """Counts in ``text[start:end]`` in text order, with the word that follows each.

    Vague quantities are listed with value None so a caller can still cite them as
    evidence ("several people were killed"). Day numbers of dates ("July 25",
    "7 August") and years are left out. ``articles=True`` also lists "a"/"an" as one.
    """
    end = len(text) if end is None else min(end, len(text))
    start = max(0, start)
    found: list[Quantity] = []
    for m in _QUANTITY.finditer(text, start, end):
        if m["art"] and not articles:
            continue
        phrase = m.group(0)
        if m["num"] and _is_date_part(text, m.start(), m.end()):
            continue
        value = None if m["vague"] else parse_number(phrase, article=articles)
        if m["num"] and value is None:
            # Two numbers side by side ("50 Eight have died": a live-blog entry number,
            # then the count) are two counts, not one.
            found.extend(_atoms(text, m.start(), m.end(), end, articles))
            continue
        unit = _NEXT_WORD.match(text, m.end(), end)
        found.append(Quantity(Span(m.start(), m.end()), value, unit[1] if unit else None))
    return found


_ATOM_RE = re.compile(rf"(?<![\w,.]){_ATOM}(?![\w]|[.,]\d)", re.I)


def _is_date_part(text: str, start: int, end: int) -> bool:
    """A day of a date ("July 25", "7 August") or a year, which is no count."""
    phrase = text[start:end]
    if not phrase.isdigit():
        return False
    if _MONTH_BEFORE.search(text[max(0, start - 12) : start]):
        return True
    if _DATE_AFTER.match(text[end : end + 14]):
        return True
    return len(phrase) == 4 and 1900 <= int(phrase) <= 2100


def _atoms(text: str, start: int, stop: int, end: int, articles: bool) -> list[Quantity]:
    found = []
    for m in _ATOM_RE.finditer(text, start, stop):
        if _is_date_part(text, m.start(), m.end()):
            continue
        value = parse_number(m.group(0), article=articles)
        if value is not None:
            unit = _NEXT_WORD.match(text, m.end(), end)
            found.append(Quantity(Span(m.start(), m.end()), value, unit[1] if unit else None))
    return found
