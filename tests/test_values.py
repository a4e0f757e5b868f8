"""Dates and counts as documents give them: every form, at the precision it was given."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from compliance.values.counts import parse_count
from compliance.values.dates import DayRange, age_in_months, describe_months, parse_date

D = dt.date


@pytest.mark.parametrize(
    ("raw", "earliest", "latest", "text"),
    [
        ("2011", D(2011, 1, 1), D(2011, 12, 31), "2011"),
        (2011, D(2011, 1, 1), D(2011, 12, 31), "2011"),
        ("2014-06", D(2014, 6, 1), D(2014, 6, 30), "2014-06"),
        ("2016-02", D(2016, 2, 1), D(2016, 2, 29), "2016-02"),
        ("2014-06-30", D(2014, 6, 30), D(2014, 6, 30), "2014-06-30"),
        ("2016/17", D(2016, 4, 1), D(2017, 3, 31), "2016/17"),
        ("1999/00", D(1999, 4, 1), D(2000, 3, 31), "1999/00"),
        ({"after": "2011"}, D(2012, 1, 1), None, "after 2011"),
        ({"before": "2015-02-24"}, None, D(2015, 2, 23), "before 2015-02-24"),
        (
            {"after": "2014-04-02", "before": "2015-02-24"},
            D(2014, 4, 3),
            D(2015, 2, 23),
            "after 2014-04-02 and before 2015-02-24",
        ),
        (
            {"from": "2018-04", "to": "2018-10"},
            D(2018, 4, 1),
            D(2018, 10, 31),
            "2018-04 to 2018-10",
        ),
        (
            {"last_months": 12, "to": "2015-03-13"},
            D(2014, 3, 13),
            D(2015, 3, 13),
            "in the 12 months to 2015-03-13",
        ),
    ],
)
def test_date_forms(raw: object, earliest: D | None, latest: D | None, text: str) -> None:
    value = parse_date(raw)
    assert value.days == DayRange(earliest, latest)
    assert (value.never, value.text) == (False, text)


def test_never_is_a_statement_that_it_did_not_happen() -> None:
    value = parse_date("never")
    assert (value.days, value.never, value.text) == (None, True, "never")


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("2015-02-30", "'2015-02-30' is not a real calendar date"),
        ("2016/18", "'2016/18' is not a financial year"),
        ("2016-17", "'2016-17' reads as month 17; write a financial year as 2016/17"),
        ("0215", "'0215' is not a plausible year for this evidence (1900 to 2099)"),
        ({"after": "9999"}, "'9999' is not a plausible year"),
        ("2100/01", "'2100/01' is not a plausible year"),
        ("last year", "expected a date as YYYY"),
        (True, "expected a date as YYYY"),
        ({"after": "2015", "before": "2014"}, "leave no day between them"),
        ({"from": "2011", "after": "2010"}, "at most one of from/after"),
        ({"last_months": 12}, "last_months goes with 'to' alone"),
        ({"last_months": 0, "to": "2015"}, "last_months must be a whole number"),
        ({"around": "2015"}, "bounds take from, after, to, before, last_months"),
    ],
)
def test_date_errors_teach_the_forms(raw: object, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        parse_date(raw)


@pytest.mark.parametrize(
    ("raw", "low", "high", "text"),
    [
        (2, 2, 2, "2"),
        ({"at_least": 4}, 4, None, "at least 4"),
        ({"at_most": 1}, 0, 1, "at most 1"),
        ({"at_least": 1, "at_most": 3}, 1, 3, "1 to 3"),
    ],
)
def test_count_forms(raw: object, low: int, high: int | None, text: str) -> None:
    value = parse_count(raw)
    assert (value.low, value.high, value.text) == (low, high, text)


@pytest.mark.parametrize("raw", [-1, True, 1.5, "two", {"at_least": 3, "at_most": 1}, {}])
def test_count_errors(raw: object) -> None:
    with pytest.raises(ValueError):  # noqa: PT011 - the messages are asserted in fixtures
        parse_count(raw)


APRIL_2014 = DayRange(D(2014, 4, 2), D(2014, 4, 2))


@pytest.mark.parametrize(
    ("days", "as_of", "ages", "words"),
    [
        (parse_date("2011").days, APRIL_2014, (27, 39), "27 to 39 months"),
        (parse_date({"before": "2012"}).days, APRIL_2014, (27, None), "at least 27 months"),
        (parse_date("2014").days, APRIL_2014, (0, 3), "0 to 3 months"),
        (parse_date("2014-04-02").days, APRIL_2014, (0, 0), "less than a month"),
        (parse_date("2013-03-02").days, APRIL_2014, (13, 13), "13 months"),
        (
            parse_date("2013-06-15").days,
            DayRange(D(2018, 4, 1), D(2018, 10, 31)),
            (57, 64),
            "57 to 64 months",
        ),
    ],
)
def test_ages_are_ranges_never_invented_precision(
    days: DayRange, as_of: DayRange, ages: tuple[int, int | None], words: str
) -> None:
    assert age_in_months(days, as_of) == ages
    assert describe_months(*ages) == words


def test_intersection_narrows_and_disjoint_statements_conflict() -> None:
    after = parse_date({"after": "2014-04-02"})
    last_year = parse_date({"last_months": 12, "to": "2015-03-13"})
    both = after.intersect(last_year)
    assert both is not None
    assert both.days == DayRange(D(2014, 4, 3), D(2015, 3, 13))
    assert parse_date("2011").intersect(parse_date("2013")) is None
    assert parse_date("never").intersect(parse_date("2013")) is None
    assert parse_count(1).intersect(parse_count({"at_most": 1})) == parse_count(1)
    assert parse_count(1).intersect(parse_count({"at_least": 2})) is None
