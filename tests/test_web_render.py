"""The reader's pieces without a server: facts marked by offsets, numbers as papers print them, periods,
series frequencies, charts, subheads, search links."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

pytest.importorskip("markupsafe")

from banmian.web.chart import line_chart, nice_ticks, period_values  # noqa: E402
from banmian.web.highlight import Span, field_text, mark_hits, render, render_paragraphs, spans_of  # noqa: E402
from banmian.web.labels import fmt_number, fmt_value  # noqa: E402
from banmian.web.present import fact_link, fact_panel, fact_summary, is_subhead, period_label  # noqa: E402
from banmian.web.queries import frequency  # noqa: E402


def sp(s, e, i, t="place"):
    return Span(s, e, i, t)


def plain(html: str) -> str:
    """The markup with the mark elements written as [i ... ] for short comparisons."""
    html = re.sub(r'<mark class="f f-\w+" data-f="(\d+)" data-type="\w+"(?: title="[^"]*")?>', r"[\1 ", html)
    return html.replace("</mark>", "]")


# text, spans, expected (marks as [index ... ])
RENDER_CASES = [
    ("绵阳市发展", [sp(0, 3, 0)], "[0 绵阳市]发展"),
    ("北京市商务局开会", [sp(0, 6, 0, "organization"), sp(0, 3, 1)], "[0 [1 北京市]商务局]开会"),  # nested
    ("北京市商务局", [sp(0, 3, 1), sp(0, 6, 0, "organization")], "[0 [1 北京市]商务局]"),  # order given
    ("增长5%以上", [sp(2, 4, 0, "quantity")], "增长[0 5%]以上"),
    ("abcdef", [sp(0, 4, 0), sp(2, 6, 1)], "[0 ab[1 cd]][1 ef]"),  # crossing: the second is cut in two
    ("abcdef", [sp(1, 3, 0), sp(3, 5, 1)], "a[0 bc][1 de]f"),  # touching
    ("abcdef", [sp(0, 6, 0), sp(1, 5, 1), sp(2, 4, 2)], "[0 a[1 b[2 cd]e]f]"),  # three deep
    ("abc", [sp(0, 3, 0), sp(0, 3, 1)], "[0 [1 abc]]"),  # the same span twice
    ("a<b>&c", [sp(1, 4, 0)], "a[0 &lt;b&gt;]&amp;c"),  # escaped
    ("没有事实", [], "没有事实"),
]


@pytest.mark.parametrize("text,spans,expected", RENDER_CASES, ids=[c[2] for c in RENDER_CASES])
def test_render_marks(text, spans, expected):
    out = str(render(text, spans))
    assert plain(out) == expected
    assert out.count("<mark") == out.count("</mark>")


def test_render_paragraphs_cuts_at_line_breaks():
    body = "第一段绵阳。\n\n第二段德阳。"
    spans = [sp(3, 5, 0), sp(11, 13, 1), sp(0, 14, 2, "document")]  # the last runs over the break
    paras = render_paragraphs(body, spans)
    assert [p.text for p in paras] == ["第一段绵阳。", "第二段德阳。"]
    assert [plain(str(p.html)) for p in paras] == ["[2 第一段[0 绵阳]。]", "[2 第二段[1 德阳]。]"]


ARTICLE = {
    "headline": "绵阳发展", "body": "绵阳市增长5%。", "captions": [{"text": "绵阳风光", "credit": "新华社记者 张三 摄"}],
    "facts": [
        {"type": "place", "text": "绵阳", "field": "headline", "start": 0, "end": 2, "name": "绵阳市", "code": "510700"},
        {"type": "place", "text": "绵阳市", "field": "body", "start": 0, "end": 3, "name": "绵阳市", "code": "510700"},
        {"type": "quantity", "text": "5%", "field": "body", "start": 5, "end": 7, "value": 5, "unit": "%"},
        {"type": "place", "text": "绵阳", "field": "captions[0]", "start": 0, "end": 2, "name": "绵阳市"},
        {"type": "person", "text": "张三", "field": "captions[0].credit", "start": 6, "end": 8, "name": "张三"},
        {"type": "place", "text": "德阳", "field": "body", "start": 0, "end": 2, "name": "德阳市"},  # wrong offsets
        {"type": "place", "text": "绵阳", "field": "body", "start": 5, "end": 99, "name": "绵阳市"},  # out of range
    ],
}

FIELD_CASES = [
    ("headline", "绵阳发展", [0]),
    ("body", "绵阳市增长5%。", [1, 2]),
    ("captions[0]", "绵阳风光", [3]),
    ("captions[0].credit", "新华社记者 张三 摄", [4]),
    ("captions[1]", None, []),
    ("captions[x]", None, []),
    ("kicker", None, []),
]


@pytest.mark.parametrize("field,text,indices", FIELD_CASES)
def test_spans_of_a_field(field, text, indices):
    assert field_text(ARTICLE, field) == text
    assert [s.index for s in spans_of(ARTICLE, field)] == indices


def test_mark_hits():
    assert str(mark_hits("绵阳<增长>", [[0, 2], [3, 5]])) == '<mark class="hit">绵阳</mark>&lt;<mark class="hit">增长</mark>&gt;'
    assert str(mark_hits("abc", [[2, 9], [1, 0]])) == "abc"  # spans that do not fit are ignored


VALUE_CASES = [
    (362690000000, "CNY", None, None, "3626.9亿元"),
    (23000000, "CNY", "more_than", None, "超过2300万元"),
    (12800000000, "CNY", "more_than", None, "超过128亿元"),
    (5.48, "%", "range", 14.2, "5.48%—14.2%"),
    (87000, "m2", None, None, "8.7万平方米"),
    (266666666.667, "m2", None, None, "2.6667亿平方米"),
    (37000000, "人", "more_than", None, "超过3700万人"),
    (8, "个", None, None, "8个"),
    (0.5, "pp", None, None, "0.5个百分点"),
    (15000, "%", None, None, "15000%"),  # percentages are never scaled
    (105, "岁", "about", None, "约105岁"),
    (1e8, "USD", None, None, "1亿美元"),
    (9999, "t", "at_least", None, "至少9999吨"),
    (-3.2, "%", None, None, "-3.2%"),
    (None, "CNY", None, None, ""),
    (1.5, None, None, None, "1.5"),
    (100000, "CNY", "range", 200000, "10万元—20万元"),
]


@pytest.mark.parametrize("value,unit,qualifier,value_max,expected", VALUE_CASES, ids=[c[-1] or "none" for c in VALUE_CASES])
def test_fmt_value(value, unit, qualifier, value_max, expected):
    assert fmt_value(value, unit, qualifier, value_max) == expected


@pytest.mark.parametrize("value,expected", [(266666666.667, "266666666.67"), (5.0, "5"), (0.125, "0.125"),
                                            (3, "3"), (None, ""), (1e-7, "0.0000001")])
def test_fmt_number(value, expected):
    assert fmt_number(value) == expected


PERIOD_CASES = [
    ("2022-01-01", "2022-12-31", "2022年", "year"),
    ("2023-01-01", "2023-03-31", "2023年第1季度", "quarter"),
    ("2023-07-01", "2023-09-30", "2023年第3季度", "quarter"),
    ("2023-04-01", "2023-04-30", "2023年4月", "month"),
    ("2023-02-01", "2023-02-28", "2023年2月", "month"),
    ("2023-01-01", "2023-06-30", "2023年上半年", "half"),
    ("2023-01-01", "2023-04-30", "2023年1—4月", "ytd"),
    ("2023-05-22", "2023-05-22", "2023年5月22日", "point"),
    ("2023-03-05", "2023-03-20", "2023-03-05 至 2023-03-20", "other"),
    ("2021-01-01", "2023-12-31", "2021-01-01 至 2023-12-31", "other"),
    (None, "2023-12-31", "2023年12月31日", "point"),
    (None, None, "", "none"),
]


@pytest.mark.parametrize("start,end,label,freq", PERIOD_CASES, ids=[c[2] or "none" for c in PERIOD_CASES])
def test_periods(start, end, label, freq):
    assert period_label(start, end) == label
    assert frequency(start, end) == freq


SUMMARY_CASES = [
    ({"type": "place", "text": "绵阳", "name": "绵阳市", "level": "city", "parent": "四川省", "code": "510700"},
     "地点 · 绵阳市 · 地级 · 四川省 · 510700", "/place/510700"),
    ({"type": "place", "text": "京津冀", "name": "京津冀", "level": "region", "parent": None, "code": None},
     "地点 · 京津冀 · 区域", "/place/%E4%BA%AC%E6%B4%A5%E5%86%80"),
    ({"type": "person", "text": "王志华", "name": "王志华", "title": "副市长"}, "人物 · 王志华 · 副市长",
     "/search?person=%E7%8E%8B%E5%BF%97%E5%8D%8E"),
    ({"type": "organization", "text": "国家统计局", "name": "国家统计局"}, "机构 · 国家统计局",
     "/search?org=%E5%9B%BD%E5%AE%B6%E7%BB%9F%E8%AE%A1%E5%B1%80"),
    ({"type": "quantity", "text": "2300多万元", "value": 23000000, "unit": "CNY", "qualifier": "more_than"},
     "数量 · 超过2300万元", None),
    ({"type": "date", "text": "一季度", "value_start": "2023-01-01", "value_end": "2023-03-31", "precision": "quarter"},
     "日期 · 2023年第1季度 · 季度", None),
    ({"type": "document", "text": "《方案》", "name": "方案"}, "文件 · 方案", "/search?q=%22%E6%96%B9%E6%A1%88%22"),
    ({"type": "indicator", "text": "x", "subject": "绵阳市", "indicator": "地区生产总值", "value": 362690000000,
      "unit": "CNY", "growth": 5, "period_start": "2022-01-01", "period_end": "2022-12-31"},
     "指标 · 绵阳市 · 地区生产总值 · 3626.9亿元 · 增长5% · 2022年",
     "/indicator?place=%E7%BB%B5%E9%98%B3%E5%B8%82&name=%E5%9C%B0%E5%8C%BA%E7%94%9F%E4%BA%A7%E6%80%BB%E5%80%BC"),
    ({"type": "indicator", "text": "x", "subject": None, "indicator": "出口", "value": None, "unit": None,
      "growth": -2.5, "period_start": None, "period_end": None}, "指标 · 出口 · 下降2.5%", "/indicator?name=%E5%87%BA%E5%8F%A3"),
]


@pytest.mark.parametrize("fact,summary,link", SUMMARY_CASES, ids=[c[1] for c in SUMMARY_CASES])
def test_fact_summary_and_link(fact, summary, link):
    assert fact_summary(fact) == summary
    assert fact_link(fact) == link


def test_fact_panel_groups_repeats_in_type_order():
    panel = fact_panel(ARTICLE["facts"][:5])
    assert [g["type"] for g in panel] == ["place", "person", "quantity"]
    places = panel[0]
    assert places["count"] == 3
    assert [it["occurrences"] for it in places["items"]] == [[0, 1], [3]]  # 绵阳市 (code) twice, then without


SUBHEAD_CASES = [
    ("协同创新 成都强化省会城市担当", True),
    ("一、坚持高质量发展", True),  # numbered subheads
    ("（二）守住安全底线", True),
    ("3.加快数字化转型", True),
    ("成都、德阳、绵阳", False),  # a list, not a heading
    ("近日，京津冀口岸工作联席会议在河北省唐山市召开。", False),
    ("短句没有标点但是非常非常非常非常非常非常非常非常长的一行文字超过三十个字", False),
    ("", False),
]


@pytest.mark.parametrize("line,expected", SUBHEAD_CASES)
def test_is_subhead(line, expected):
    assert is_subhead(line) is expected


@pytest.mark.parametrize("lo,hi", [(0, 1), (0, 3626.9e8), (-3.2, 8.5), (5, 5), (0.001, 0.009), (-10, -2), (0, 0)])
def test_nice_ticks_cover_the_range(lo, hi):
    ticks = nice_ticks(lo, hi)
    assert ticks[0] <= lo and ticks[-1] >= hi and 2 <= len(ticks) <= 12
    steps = {round(b - a, 9) for a, b in zip(ticks, ticks[1:])}
    assert len(steps) == 1


def test_line_chart_is_well_formed_svg():
    pts = [{"x": f"{y}-12-31", "period_start": f"{y}-01-01", "period_end": f"{y}-12-31", "value": v, "growth": g,
            "issue_date": f"{y + 1}-01-20", "headline": "<标题&>"} for y, v, g in
           [(2019, 2.8e11, 8.2), (2020, 3.0e11, -4.0), (2021, 3.3e11, 8.0)]]
    pts.append({**pts[-1], "value": 3.4e11, "issue_date": "2022-06-01"})  # a second report of 2021
    svg = str(line_chart(pts, "CNY", title="绵阳市 <GDP>"))
    root = ET.fromstring(svg)  # escaped and well formed
    ns = "{http://www.w3.org/2000/svg}"
    assert len(root.findall(f"{ns}circle")) == 4
    path = root.find(f"{ns}path").get("d")
    assert path.count("L") == 2  # one value per year
    growth = ET.fromstring(str(line_chart(pts, "%", key="growth")))
    assert growth.find(f"{ns}line[@class='zero']") is not None  # a negative growth: the zero line is drawn
    assert str(line_chart([{"x": None, "value": 1}], "CNY")) == ""


def test_period_values_prefers_the_most_reported_then_the_latest():
    pts = [{"x": "2021-12-31", "value": 1, "issue_date": "2022-01-01"},
           {"x": "2021-12-31", "value": 2, "issue_date": "2022-02-01"},
           {"x": "2021-12-31", "value": 1, "issue_date": "2022-03-01"},
           {"x": "2022-12-31", "value": 5, "issue_date": "2023-01-01"},
           {"x": "2022-12-31", "value": 6, "issue_date": "2023-02-01"}]
    assert [p["value"] for p in period_values(pts)] == [1, 6]


def test_search_urls_keep_filters_and_reset_the_page():
    from banmian.web.pages import search_url

    params = {"q": "绵阳", "place": "四川", "type": None, "page": 3}
    assert search_url(params) == "/search?q=%E7%BB%B5%E9%98%B3&place=%E5%9B%9B%E5%B7%9D"
    assert search_url(params, place=None, date_from="2023") == "/search?q=%E7%BB%B5%E9%98%B3&from=2023"
    assert search_url({}, page=2) == "/search?page=2"
