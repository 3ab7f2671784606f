"""Dates and times resolved against the publication date (own example sentences)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fogwatch.extract.timex import find_dates, find_times

PUB = dt.date(2022, 8, 8)  # a Monday
D = dt.date


def one(text: str, published: dt.date | None = PUB):
    found = find_dates(text, published)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "day", "low", "high", "precision"),
    [
        ("Shells fell on August 7 near a school.", D(2022, 8, 7), D(2022, 8, 7), D(2022, 8, 7), 1),
        ("It happened on 7 August.", D(2022, 8, 7), D(2022, 8, 7), D(2022, 8, 7), 1),
        ("The town was hit on July 5th.", D(2022, 7, 5), D(2022, 7, 5), D(2022, 7, 5), 1),
        ("Filed 2022-08-06 by our desk.", D(2022, 8, 6), D(2022, 8, 6), D(2022, 8, 6), 1),
        ("Since 7 August 2021 it was quiet.", D(2021, 8, 7), D(2021, 8, 7), D(2021, 8, 7), 1),
        ("The depot burned on the 25th.", D(2022, 7, 25), D(2022, 7, 25), D(2022, 7, 25), 1),
        ("A drone hit the port on Tuesday.", D(2022, 8, 2), D(2022, 8, 2), D(2022, 8, 2), 1),
        ("A drone hit the port on Monday.", D(2022, 8, 8), D(2022, 8, 8), D(2022, 8, 8), 1),
        ("Sirens sounded yesterday.", D(2022, 8, 7), D(2022, 8, 7), D(2022, 8, 7), 1),
        ("Sirens sounded today.", D(2022, 8, 8), D(2022, 8, 8), D(2022, 8, 8), 1),
        ("Strikes hit the city last night.", D(2022, 8, 7), D(2022, 8, 7), D(2022, 8, 8), 1),
        ("Strikes hit the city overnight.", D(2022, 8, 7), D(2022, 8, 7), D(2022, 8, 8), 1),
        ("Fired four times in the past 24 hours.", D(2022, 8, 8), D(2022, 8, 7), D(2022, 8, 8), 1),
        ("During the day, shells hit two towns.", D(2022, 8, 8), D(2022, 8, 7), D(2022, 8, 8), 1),
        ("It struck the region 42 times in a day.", D(2022, 8, 8), D(2022, 8, 7), D(2022, 8, 8),
         1),
        ("Clashes went on earlier this week.", None, D(2022, 8, 8), D(2022, 8, 8), 2),
        ("Clashes went on last week.", None, D(2022, 8, 1), D(2022, 8, 7), 2),
        ("Clashes went on last month.", None, D(2022, 7, 1), D(2022, 7, 31), 3),
        ("Shelling grew in mid-February.", None, D(2022, 2, 11), D(2022, 2, 20), 2),
        ("Shelling grew in May.", None, D(2022, 5, 1), D(2022, 5, 31), 3),
        ("Shelling grew in August.", None, D(2022, 8, 1), D(2022, 8, 8), 3),
        ("Shelling grew in December.", None, D(2021, 12, 1), D(2021, 12, 31), 3),
        ("Shelling grew in March 2021.", None, D(2021, 3, 1), D(2021, 3, 31), 3),
        ("Обстрел был в ночь на вторник.", D(2022, 8, 2), D(2022, 8, 1), D(2022, 8, 2), 1),
        ("Обстрел был вчера.", D(2022, 8, 7), D(2022, 8, 7), D(2022, 8, 7), 1),
        ("Вночі ворог обстріляв місто.", D(2022, 8, 7), D(2022, 8, 7), D(2022, 8, 8), 1),
        ("Этой ночью был обстрел.", D(2022, 8, 7), D(2022, 8, 7), D(2022, 8, 8), 1),
        ("Обстріл був сьогодні.", D(2022, 8, 8), D(2022, 8, 8), D(2022, 8, 8), 1),
        ("Обстрел 7 августа.", D(2022, 8, 7), D(2022, 8, 7), D(2022, 8, 7), 1),
        ("Удар нанесли во вторник.", D(2022, 8, 2), D(2022, 8, 2), D(2022, 8, 2), 1),
        ("Обстріл був у п'ятницю.", D(2022, 8, 5), D(2022, 8, 5), D(2022, 8, 5), 1),
        ("Обстрел 07.08.2022 в 18:45.", D(2022, 8, 7), D(2022, 8, 7), D(2022, 8, 7), 1),
        ("Logged at 2022-08-07T18:45.", D(2022, 8, 7), D(2022, 8, 7), D(2022, 8, 7), 1),
        ("Drones came over the weekend.", None, D(2022, 8, 6), D(2022, 8, 7), 2),
        ("A depot burned the day before.", D(2022, 8, 7), D(2022, 8, 7), D(2022, 8, 7), 1),
        ("Shells fell two days ago.", D(2022, 8, 6), D(2022, 8, 6), D(2022, 8, 6), 1),
        ("Shells fell a week ago.", D(2022, 8, 1), D(2022, 7, 29), D(2022, 8, 4), 2),
        ("Shells fell the day before yesterday.", D(2022, 8, 6), D(2022, 8, 6), D(2022, 8, 6),
         1),
        ("Shells fell on Feb. 24.", D(2022, 2, 24), D(2022, 2, 24), D(2022, 2, 24), 1),
        ("On the night of 6-7 August drones came.", D(2022, 8, 6), D(2022, 8, 6), D(2022, 8, 7),
         1),
        ("Fighting raged July 1 to 5 near the river.", D(2022, 7, 1), D(2022, 7, 1),
         D(2022, 7, 5), 2),
    ],
)
def test_date_expressions(text, day, low, high, precision):
    found = one(text)
    assert found.date == day
    assert found.date_range == (low, high)
    assert found.precision == precision
    assert text[found.span.start : found.span.end] == found.text


def test_weekday_with_explicit_date_is_one_expression():
    found = one("Missiles struck on Tuesday (July 5th) at dawn.", dt.date(2022, 7, 6))
    assert found.date == D(2022, 7, 5)
    assert found.text == "on Tuesday (July 5th)"


def test_year_rolls_back_when_date_would_be_months_after_publication():
    assert one("Fighting on December 30 was heavy.", dt.date(2023, 1, 3)).date == D(2022, 12, 30)


def test_monday_night_spans_into_tuesday():
    found = one("The raid came on Monday night.", dt.date(2022, 8, 10))
    assert found.date == D(2022, 8, 8)
    assert found.date_range == (D(2022, 8, 8), D(2022, 8, 9))


def test_publication_datetime_is_taken_as_its_day():
    found = one("Shelling resumed yesterday.", dt.datetime(2022, 8, 8, 14, 5))
    assert found.date == D(2022, 8, 7)
    assert type(found.date) is dt.date


def test_month_words_that_are_also_words():
    assert find_dates("Officials may march on the capital.", PUB) == []


def test_relative_dates_need_a_publication_date():
    assert find_dates("It happened yesterday on Tuesday.", None) == []
    assert one("On 2022-08-06 it happened.", None).date == D(2022, 8, 6)


def test_day_of_month_after_publication_is_last_month():
    assert one("It started on the 25th.", dt.date(2022, 8, 8)).date == D(2022, 7, 25)


def test_window_limits_what_is_found():
    text = "On August 1 shells fell. On August 3 drones came."
    found = find_dates(text, PUB, start=24)
    assert [f.date for f in found] == [D(2022, 8, 3)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The strike was recorded at 18:45 local time.", "18:45"),
        ("Sirens at 6.45pm.", "18:45"),
        ("Sirens at 6:45 p.m. again.", "18:45"),
        ("The attack began at 5am.", "05:00"),
        ("Shelling at 12 a.m. was reported.", "00:00"),
        ("Rockets fell at 17.30 on Friday.", "17:30"),
    ],
)
def test_times(text, expected):
    found = find_times(text)
    assert [t for _, t in found] == [expected]


def test_bare_decimal_is_not_a_time():
    assert find_times("Growth was 18.45 percent.") == []


@given(st.text(max_size=200), st.integers(0, 250), st.integers(0, 250),
       st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31)))
def test_find_dates_properties(text, start, end, published):
    for found in find_dates(text, published, start, end):
        assert start <= found.span.start <= found.span.end <= min(end, len(text))
        low, high = found.date_range
        assert low <= high
        if found.date is not None:
            assert low <= found.date <= high
        assert found.precision in (1, 2, 3)


_PIECES = st.sampled_from([
    "on Tuesday", " yesterday ", "August 7", "7 August 2022", "the 31st", "on the 31st",
    "last week", "в ночь на среду", "2022-02-30", "February 29", " at 25:61 ", "13pm",
    "overnight", "in the past 24 hours", " and ", "(", ")", "Monday night", "12 серпня",
])


@given(st.lists(_PIECES, max_size=8).map("".join),
       st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31)))
def test_find_dates_on_date_like_text_never_raises(text, published):
    for found in find_dates(text, published):
        assert found.date_range[0] <= found.date_range[1]
    for span, value in find_times(text):
        assert span.end <= len(text)
        hour, minute = map(int, value.split(":"))
        assert 0 <= hour < 24 and 0 <= minute < 60


@pytest.mark.parametrize(("phrase", "low", "high"), [
    ("Kupiansk was shelled at the end of April.", "2024-04-21", "2024-04-30"),
    ("Kupiansk was shelled in early April.", "2024-04-01", "2024-04-10"),
    ("Kupiansk was shelled in mid-April.", "2024-04-11", "2024-04-20"),
    ("Kupiansk was shelled at the beginning of April.", "2024-04-01", "2024-04-10"),
    ("Kupiansk was shelled in late March 2024.", "2024-03-21", "2024-03-31"),
])
def test_third_of_a_month(phrase: str, low: str, high: str) -> None:
    found = find_dates(phrase, dt.date(2024, 5, 20))
    assert len(found) == 1
    assert found[0].date is None
    assert [str(d) for d in found[0].date_range] == [low, high]
    assert found[0].precision == 2  # some ten days: a week's precision, not a month's


@pytest.mark.parametrize(
    ("text", "low", "high", "precision"),
    [
        ("Shelling went on between 3 and 5 August.", D(2022, 8, 3), D(2022, 8, 5), 2),
        ("Shelling went on between August 3 and 5.", D(2022, 8, 3), D(2022, 8, 5), 2),
        # a rolling week up to publication, not the calendar week before
        ("Over the past week the village was hit daily.", D(2022, 8, 1), D(2022, 8, 8), 2),
        ("Strikes hit the port in recent days.", D(2022, 8, 1), D(2022, 8, 8), 2),
        ("Two depots burned over the past two days.", D(2022, 8, 6), D(2022, 8, 8), 2),
        ("The town was shelled in the past 48 hours.", D(2022, 8, 6), D(2022, 8, 8), 2),
        ("Last week the bridge was hit.", D(2022, 8, 1), D(2022, 8, 7), 2),
    ],
)
def test_ranges_the_text_gives(text, low, high, precision):
    found = one(text)
    assert (found.date_range, found.precision) == ((low, high), precision)


def test_two_counts_joined_by_and_are_no_date_range():
    found = find_dates("It killed 5 and wounded 7 August residents.", PUB)
    assert [f.date_range for f in found] == [(D(2022, 8, 7), D(2022, 8, 7))]


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("Drones came on the night of 5 August.", D(2022, 8, 5), D(2022, 8, 6)),
        ("Drones came on the night of August 5th.", D(2022, 8, 5), D(2022, 8, 6)),
        ("Drones came on the night of 8 August.", D(2022, 8, 8), D(2022, 8, 8)),  # published
    ],
)
def test_the_night_of_a_date_runs_into_the_next_day(text, low, high):
    found = one(text)
    assert (found.date, found.date_range, found.precision) == (low, (low, high), 1)
