"""Layout analysis (reading order, lines, paragraphs, furniture, jump lines) on pages described
as positioned text, table-driven. Each case lays out a small page the way papers print it and
names the blocks that must come out, in order. No PDF library is needed here.
"""

from __future__ import annotations

import pytest

from banmian.read.layout import Piece, Sheet, analyse, join_lines

S = 10.0  # body size in points
LEAD = 15.0  # line pitch


def wrap(*paragraphs: str, width: int = 12) -> list[str]:
    """Paragraphs set in lines of ``width`` ems, the first line of each indented two."""
    lines = []
    for p in paragraphs:
        text = "  " + p
        while text:
            lines.append(text[:width])
            text = text[width:]
    return lines


def col(x: float, y: float, lines: list[str], size: float = S, lead: float = LEAD,
        font: str = "song") -> list[Piece]:
    """A column of lines, one em per character; leading spaces indent a line by an em each."""
    out = []
    for i, text in enumerate(lines):
        indent = 0
        while text.startswith(" "):
            text = text[1:]
            indent += 1
        x0 = x + indent * size
        out.append(Piece(text, x0, y + i * lead, x0 + len(text) * size, y + i * lead + size, size, font=font))
    return out


def row(x: float, y: float, words: list[str], size: float = S, gap: float = 1.0, font: str = "hei") -> list[Piece]:
    """One row of pieces a ``gap`` of ems apart (a byline, a headline in two phrases)."""
    out = []
    for w in words:
        out.append(Piece(w, x, y, x + len(w) * size, y + size, size, font=font))
        x += (len(w) + gap) * size
    return out


T1 = "本报北京5月1日电记者从市发展改革委获悉，今年一季度全市完成投资同比增长百分之八。"
T2 = "据介绍，全市共有重点项目三百余个，其中产业项目占比超过六成，带动就业明显。"
T3 = "下一步，该市将持续优化营商环境，推动项目早开工、早投产、早见效，为全年打下基础。"
P1, P2, P3 = wrap(T1), wrap(T2), wrap(T3)


def blocks(sheet: Sheet) -> list[str]:
    return [b.text for b in analyse(sheet).blocks]


# -- cases: (name, pieces, rules, pictures, frames, expected blocks (in order), expected furniture)
def _two_columns():
    return col(30, 100, P1 + P2) + col(170, 100, P3), [], [], [], [T1, T2, T3], []


def _headline_over_columns():
    head = [Piece("港口吞吐量创新高", 60, 40, 60 + 8 * 30, 70, 30.0, font="hei")]
    # The columns start just under the headline: the channel is no wider than between lines.
    return head + col(30, 75, P1 + P2[:2]) + col(170, 75, P2[2:] + P3), [], [], [], [
        "港口吞吐量创新高", T1, T2, T3], []


def _side_headline():
    head = [Piece("港口吞吐量创新高", 30, 40, 30 + 8 * 28, 68, 28.0, font="hei")]
    # The headline spans two columns; the third starts at the top beside it.
    return head + col(30, 90, P1) + col(170, 90, P2) + col(310, 40, P3), [], [], [], [
        "港口吞吐量创新高", T1, T2, T3], []


def _two_articles_side_by_side():
    a = [Piece("甲文标题", 30, 40, 30 + 4 * 20, 60, 20.0, font="hei")] + col(30, 70, P1)
    b = [Piece("乙文标题", 170, 40, 170 + 4 * 20, 60, 20.0, font="hei")] + col(170, 70, P2)
    return a + b, [], [], [], ["甲文标题", T1, "乙文标题", T2], []


def _rows_of_articles_with_rule():
    top = [Piece("甲文标题", 30, 40, 110, 60, 20.0, font="hei")] + col(30, 70, P1) + col(170, 70, P2)
    low = [Piece("乙文标题", 30, 150, 110, 170, 20.0, font="hei")] + col(30, 180, P3)
    return top + low, [(25, 137, 300, 138)], [], [], [
        "甲文标题", T1, T2, "乙文标题", T3], []


def _running_head_over_rule():
    head = row(30, 20, ["2023年5月22日", "星期一"], size=9) + row(240, 20, ["第3版", "要闻"], size=9)
    return head + col(30, 60, P1) + col(170, 60, P2), [(25, 35, 300, 36)], [], [], [
        T1, T2], ["2023年5月22日 星期一 第3版 要闻"]


def _page_number_at_foot():
    body = col(30, 60, P1 + P2 + P3)
    return body + [Piece("3", 150, 300, 156, 309, 9.0)], [], [], [], [
        T1, T2, T3], ["3"]


def _byline_with_spaces():
    return row(30, 60, ["本报记者", "张三", "李四"], gap=1.0) + col(30, 78, P1), [], [], [], [
        "本报记者 张三 李四", T1], []


def _byline_marker_over_indented_line():
    # The gap after the marker sits over the first line's indent: not a gutter.
    return row(30, 60, ["■", "本报记者", "王五"], gap=0.5) + col(30, 78, P1), [], [], [], [
        "■ 本报记者 王五", T1], []


def _headline_in_two_phrases():
    head = row(30, 30, ["协同创新开新局", "八市齐力谱新篇"], size=24, gap=1.0)
    return head + col(30, 70, P1) + col(170, 70, P2), [], [], [], [
        "协同创新开新局 八市齐力谱新篇", T1, T2], []


def _paragraph_runs_on_to_next_column():
    # The first column ends on a full line, the second starts flush: one paragraph.
    lines = wrap(T1 + T2)
    return col(30, 60, lines[:3]) + col(170, 60, lines[3:]), [], [], [], [T1 + T2], []


def _new_paragraph_at_column_top():
    # The first column ends a paragraph on a full line; the next one starts indented.
    lines = wrap("全市共有重点项目三百余个，其中产业项目占比超过六成。", T2)
    return col(30, 60, lines[:3]) + col(170, 60, lines[3:]), [], [], [], [
        "全市共有重点项目三百余个，其中产业项目占比超过六成。", T2], []


def _jump_line_at_paragraph_end():
    lines = ["  据介绍，全市共有重点项", "目三百余个（下转第二版）"]  # 12 ems each
    return col(30, 60, lines), [], [], [], ["据介绍，全市共有重点项目三百余个", "（下转第二版）"], []


def _continued_from_page_one():
    lines = ["（上接第1版）全市共有重", "点项目三百余个，其中产", "业项目占比超过六成。"]
    return col(30, 60, lines), [], [], [], ["（上接第1版）", "全市共有重点项目三百余个，其中产业项目占比超过六成。"], []


def _picture_with_caption_beside_column():
    pic = (30, 60, 150, 140)
    cap = col(30, 145, ["图为港口集装箱码头作业现", "场。本报记者 张三 摄"], size=8, lead=11, font="hei")
    return cap + col(170, 60, P2 + P3), [], [pic], [], [
        "图为港口集装箱码头作业现场。本报记者 张三 摄", T2, T3], []


def _framed_picture_story_beside_article():
    frame = (165, 35, 300, 200)
    story = [Piece("雪后云海", 170, 40, 250, 60, 20.0, font="hei")]
    story += col(170, 150, ["群峰在云海中若隐若现，宛", "如一幅水墨画卷。新华社发"], size=8, lead=11, font="hei")
    article = [Piece("甲文标题", 30, 40, 110, 60, 20.0, font="hei")] + col(30, 70, P1 + P3)
    return article + story, [], [(170, 65, 295, 145)], [frame], [
        "甲文标题", T1, T3, "雪后云海",
        "群峰在云海中若隐若现，宛如一幅水墨画卷。新华社发"], []


def _ragged_caption_stays_one_block():
    # Ragged right: lines stop one to three ems short of each other.
    cap = ["图为游客在景区游览，进入暑", "期以来，古城迎来客流", "高峰，各地游客纷至沓", "来感受风情。新华社发"]
    pieces = []
    for i, t in enumerate(cap):
        pieces.append(Piece(t, 30, 60 + i * 11, 30 + len(t) * 8, 68 + i * 11, 8.0, font="hei"))
    return pieces + col(30, 120, P1), [], [], [], ["".join(cap), T1], []


def _vertical_headline_beside_columns():
    head = [Piece(ch, 300, 40 + k * 30, 324, 64 + k * 30, 24.0, font="hei") for k, ch in enumerate("山乡巨变")]
    return col(30, 40, P1) + col(170, 40, P2) + head, [], [], [], ["山乡巨变", T1, T2], []


CASES = [
    ("two columns", _two_columns),
    ("headline over its columns, set close", _headline_over_columns),
    ("headline beside the last column", _side_headline),
    ("two articles side by side", _two_articles_side_by_side),
    ("two rows of articles split by a rule", _rows_of_articles_with_rule),
    ("running head over a rule", _running_head_over_rule),
    ("page number at the foot", _page_number_at_foot),
    ("byline names a space apart", _byline_with_spaces),
    ("byline marker over an indented first line", _byline_marker_over_indented_line),
    ("headline in two phrases", _headline_in_two_phrases),
    ("paragraph runs on into the next column", _paragraph_runs_on_to_next_column),
    ("new paragraph at the top of the next column", _new_paragraph_at_column_top),
    ("jump line at a paragraph's end", _jump_line_at_paragraph_end),
    ("continued from page one", _continued_from_page_one),
    ("picture with caption beside a column", _picture_with_caption_beside_column),
    ("framed picture story beside an article", _framed_picture_story_beside_article),
    ("ragged caption stays one block", _ragged_caption_stays_one_block),
    ("vertical headline beside its columns", _vertical_headline_beside_columns),
]


@pytest.mark.parametrize("name,build", CASES, ids=[c[0] for c in CASES])
def test_layout(name, build):
    pieces, rules, pictures, frames, want, furniture = build()
    lay = analyse(Sheet(320.0, 420.0, pieces, rules, frames, pictures))
    assert [b.text for b in lay.blocks] == want
    assert lay.furniture == furniture


def test_blocks_carry_box_and_size():
    lay = analyse(Sheet(320, 420, [Piece("港口吞吐量创新高", 60, 40, 300, 70, 30.0, font="hei")] + col(30, 80, P1)))
    head, body = lay.blocks
    assert head.size == 30.0 and body.size == S
    assert head.box == (60, 40, 300, 70)
    assert body.box[0] == 30 and body.box[1] == 80


@pytest.mark.parametrize("left,right,joined", [
    ("长江中游三省协同推动高", "质量发展", "长江中游三省协同推动高质量发展"),
    ("the Belt and", "Road Initiative", "the Belt and Road Initiative"),
    ("新能源汽车", "Model Y上市", "新能源汽车Model Y上市"),
    ("high-", "speed rail", "high-speed rail"),
    ("GDP增长5.2%，", "CPI上涨", "GDP增长5.2%，CPI上涨"),
])
def test_join_lines(left, right, joined):
    assert join_lines(left, right) == joined


def test_empty_sheet():
    lay = analyse(Sheet(100, 100, []))
    assert lay.blocks == [] and lay.furniture == []
