"""parse_number: one number string -> its value. One case per line: (string, expected value or None)."""

import math

import pytest

from banmian.extract.numbers import parse_number, split_scale

CASES = [
    # Arabic
    ("0", 0),
    ("7", 7),
    ("1490", 1490),
    ("3,500", 3500),
    ("1,234,567", 1234567),
    ("1,234.5", 1234.5),
    ("3626.9", 3626.9),
    ("0.9", 0.9),
    ("354.15", 354.15),
    ("-5", -5),
    ("-0.3", -0.3),
    # full-width
    ("１２３", 123),
    ("１２．５", 12.5),
    ("３，５００", 3500),
    # Arabic with scale words
    ("3.5万", 35000),
    ("1.2亿", 1.2e8),
    ("8.7万", 87000),
    ("3626.9亿", 3.6269e11),
    ("3万亿", 3e12),
    ("3千", 3000),
    ("5百", 500),
    ("10万千", 1e8),
    # mixed
    ("3万5千", 35000),
    ("3万500", 30500),
    ("2万5", 25000),
    # Chinese
    ("一", 1),
    ("两", 2),
    ("十", 10),
    ("十二", 12),
    ("一十五", 15),
    ("二十", 20),
    ("二十五", 25),
    ("一百零五", 105),
    ("三千零五", 3005),
    ("两千", 2000),
    ("二十万", 2e5),
    ("十万八千", 108000),
    ("一亿二千万", 1.2e8),
    ("五亿三千万五千", 530005000),
    ("一万二千亿", 1.2e12),
    ("三千六百二十六点九", 3626.9),
    ("三点五万", 35000),
    ("零", 0),
    ("〇", 0),
    ("壹佰贰拾", 120),
    # elliptical Chinese: a last digit after a place word takes the next lower place
    ("一万二", 12000),
    ("三千五", 3500),
    ("一百五", 150),
    ("一亿五", 1.5e8),
    # positional digit strings
    ("二〇二三", 2023),
    ("三点一四", 3.14),
    # fractions and signs
    ("三分之一", 1 / 3),
    ("百分之五", 0.05),
    ("负3.5", -3.5),
    # not numbers
    ("", None),
    ("abc", None),
    ("12,34", None),
    ("万", None),
    ("5%", None),
    ("三个", None),
    ("1.2.3", None),
    ("第一", None),
]


@pytest.mark.parametrize("s, expected", CASES)
def test_parse_number(s, expected):
    got = parse_number(s)
    if expected is None:
        assert got is None
    else:
        assert got is not None and math.isclose(got, expected, rel_tol=1e-9, abs_tol=1e-12)


@pytest.mark.parametrize("s, expected", [
    ("3.5万", ("3.5", 10000)),
    ("二十万", ("二十", 10000)),
    ("10亿", ("10", 100000000)),
    ("3千万", ("3", 10000000)),
    ("三千", ("三千", 1)),
    ("5", ("5", 1)),
])
def test_split_scale(s, expected):
    assert split_scale(s) == expected
