"""Counts in words and figures; vague quantities give no number."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fogwatch.extract.numbers import find_quantities, parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("14", 14), ("1,200", 1200), ("one", 1), ("fourteen", 14), ("twenty-five", 25),
        ("twenty five", 25), ("a hundred", 100), ("three and a half thousand", 3500),
        ("a dozen", 12), ("six dozen", 72), ("half a dozen", 6), ("one hundred and six", 106),
        ("1.5 thousand", 1500), ("Zero", 0), ("три", 3),
        ("several", None), ("dozens", None), ("many", None), ("scores", None),
        ("a number of", None), ("a", None), ("", None), ("banana", None),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == value


def test_half_a_dozen_in_text():
    found = find_quantities("Half a dozen drones were shot down.")
    assert [(q.value, q.unit_text) for q in found] == [(6, "drones")]


def test_article_only_when_asked():
    assert parse_number("an", article=True) == 1
    assert parse_number("an") is None


def test_find_quantities_with_nouns_and_vague():
    text = "Three civilians and 14 others were hurt; dozens of homes burned on July 25 2022."
    found = [(text[q.span.start : q.span.end], q.value, q.unit_text)
             for q in find_quantities(text)]
    assert found == [
        ("Three", 3, "civilians"), ("14", 14, "others"), ("dozens of", None, "homes"),
    ]


def test_find_quantities_skips_times_and_window():
    text = "At 18:45 two rockets hit; 5 more fell later."
    found = find_quantities(text)
    assert [(q.value, q.unit_text) for q in found] == [(2, "rockets"), (5, "more")]
    assert [q.value for q in find_quantities(text, start=10)] == [5]


def test_find_quantities_articles():
    text = "A man was hurt."
    assert [q.value for q in find_quantities(text)] == []
    assert [(q.value, q.unit_text) for q in find_quantities(text, articles=True)] == [(1, "man")]


@settings(max_examples=300)
@given(st.integers(0, 10**6))
def test_figures_round_trip(n):
    assert parse_number(str(n)) == n
    assert parse_number(f"{n:,}") == n


_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
         "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
         "seventeen", "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _words(n: int) -> str:
    """English words for 0..999 (num2words is not a dependency; this is enough)."""
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + ("" if n % 10 == 0 else "-" + _ONES[n % 10])
    rest = n % 100
    return _ONES[n // 100] + " hundred" + ("" if rest == 0 else " and " + _words(rest))


@settings(max_examples=300)
@given(st.integers(0, 999))
def test_words_round_trip(n):
    assert parse_number(_words(n)) == n


@given(st.text(max_size=120))
def test_find_quantities_never_raises(text):
    for q in find_quantities(text, articles=True):
        assert 0 <= q.span.start < q.span.end <= len(text)
        assert q.value is None or q.value >= 0
