"""The query language: one case per line, the tree it parses to or the error it gives."""

from __future__ import annotations

import pytest

from banmian.errors import QuerySyntaxError
from banmian.store.query import parse_query, positive_terms
from banmian.store.textindex import END, SHORT_CODES, bigram_tokens, char_code, normalize, term_match

PARSES = [
    ("绵阳", "绵阳"),
    ("  绵阳  ", "绵阳"),
    ("绵阳 增长", "(绵阳 AND 增长)"),
    ("绵阳 AND 增长", "(绵阳 AND 增长)"),
    ("绵阳 OR 德阳", "(绵阳 OR 德阳)"),
    ("绵阳 NOT 地震", "(绵阳 AND NOT 地震)"),
    ("绵阳 -地震", "(绵阳 AND NOT 地震)"),
    ("绵阳 AND NOT 地震", "(绵阳 AND NOT 地震)"),
    ("a OR b c", "(a OR (b AND c))"),
    ("a b OR c", "((a AND b) OR c)"),
    ("(a OR b) c", "((a OR b) AND c)"),
    ("a -(b OR c)", "(a AND NOT (b OR c))"),
    ("((a))", "a"),
    ('"Li Ming"', '"Li Ming"'),
    ('"Li   Ming"', '"Li   Ming"'),
    ("“地区生产总值”", "地区生产总值"),
    ('"AND" 绵阳', '("AND" AND 绵阳)'),
    ('"(新冠)"', "(新冠)"),
    ("COVID-19", "COVID-19"),
    ("a - b", "(a AND - AND b)"),
    ("and or not", "(and AND or AND not)"),
    ("ＧＤＰ", "ＧＤＰ"),
    ("a NOT b NOT c", "(a AND NOT b AND NOT c)"),
    ("a OR b OR c", "(a OR b OR c)"),
    ("(a NOT b) OR c", "((a AND NOT b) OR c)"),
]


@pytest.mark.parametrize("query,tree", PARSES)
def test_parses(query, tree):
    assert str(parse_query(query)) == tree


@pytest.mark.parametrize("query", ["", "   ", None])
def test_empty_query_is_none(query):
    assert parse_query(query) is None


ERRORS = [
    ("绵阳 AND", "AND needs a term after it (at character 4)"),
    ("绵阳 OR", "OR needs a term after it"),
    ("OR 绵阳", "OR needs a term before it (at character 1)"),
    ("AND", "AND needs a term before it"),
    ("绵阳 AND OR 德阳", "AND needs a term after it"),
    ("(绵阳", "this ( is not closed (at character 1)"),
    ("绵阳)", "this ) has no ( before it (at character 3)"),
    ("(a OR b", "this ( is not closed"),
    ("()", "empty parentheses"),
    ('"绵阳', "the phrase opened by \" is not closed"),
    ("“绵阳", "the phrase opened by “ is not closed"),
    ('""', "empty phrase"),
    ('"   "', "empty phrase"),
    ("NOT 绵阳", "cannot stand on its own"),
    ("-绵阳", "cannot stand on its own"),
    ("-绵阳 -德阳", "only says what to leave out"),
    ("绵阳 OR -德阳", "inside an OR"),
    ("绵阳 OR NOT 德阳", "inside an OR"),
    ("a NOT NOT b", "NOT NOT is not allowed"),
    ("a NOT", "NOT needs a term after it"),
    ("a -", "(a AND -)"),  # a lone - is a term, not an error
]


@pytest.mark.parametrize("query,message", ERRORS)
def test_errors(query, message):
    if message.startswith("("):
        assert str(parse_query(query)) == message
        return
    with pytest.raises(QuerySyntaxError) as e:
        parse_query(query)
    assert message in str(e.value)
    assert str(e.value).startswith(f"bad query {query!r}") and str(e.value).endswith("[E303]")
    assert "\n" not in str(e.value)


def test_positive_terms_skip_negated():
    assert [t.norm for t in positive_terms(parse_query("(a OR b) c -d NOT (e OR f)"))] == ["a", "b", "c"]


NORMALISED = [
    ("ＧＤＰ１２３", "gdp123"),
    ("ABC", "abc"),
    ("绵阳", "绵阳"),
    ("a\tb\nc\u3000d", "a b c d"),
    ("①", "1"),
    ("ß", "ß"),  # casefold gives two characters: kept as it is
    ("ﬁ", "ﬁ"),  # NFKC gives two characters: kept
    ("，。", ",。"),
]


@pytest.mark.parametrize("text,norm", NORMALISED)
def test_normalize_is_one_to_one(text, norm):
    assert normalize(text) == norm
    assert len(normalize(text)) == len(text)


def test_codes_are_prefix_free_and_distinct():
    samples = [chr(c) for c in list(range(32, 2000)) + list(range(0x4E00, 0x4F00)) + [SHORT_CODES - 1, SHORT_CODES,
                                                                                       0xFFFD, 0x1F600, 0x10FFFF]]
    codes = {char_code(c) for c in samples}
    assert len(codes) == len(samples)
    assert all(len(c) == 3 and not c.startswith("z") or len(c) == 5 and c.startswith("z") for c in codes)
    assert END not in codes and all(c.isalnum() and c == c.lower() for c in codes)


def test_bigram_tokens_and_term_match():
    toks = bigram_tokens("绵阳市")
    assert toks == [char_code("绵") + char_code("阳"), char_code("阳") + char_code("市"), char_code("市") + END]
    assert term_match("绵") == ("uni", char_code("绵"))
    assert term_match("绵阳市") == ("bi", f'"{toks[0]} {toks[1]}"')
