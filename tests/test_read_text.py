"""Tests of the text reader: decoding, binary/empty detection, normalisation, block splitting."""

from __future__ import annotations

import codecs
import hashlib
import importlib.util
import random
from pathlib import Path

import pytest

from banmian.errors import BinaryInputError, DecodeError, EmptyInputError, UsageError
from banmian.model import Page
from banmian.read import decode_bytes, normalise, read_text_page
from banmian.read import text as text_mod

FIXTURE_DIR = Path(__file__).parent / "fixtures" / "encodings"


def _load_generator():
    spec = importlib.util.spec_from_file_location("make_fixtures", FIXTURE_DIR / "make_fixtures.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GEN = _load_generator()
FIXTURE_NAMES = sorted(GEN.FIXTURES)


# ------------------------------------------------------------------------------------------
# fixtures: one file per encoding
# ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("fname", FIXTURE_NAMES)
def test_fixture_decodes_to_expected_text_and_encoding(fname):
    expected_text, expected_enc, _ = GEN.FIXTURES[fname]
    data = (FIXTURE_DIR / fname).read_bytes()
    text, enc = decode_bytes(data, fname)
    assert enc == expected_enc
    assert text == expected_text


@pytest.mark.parametrize("fname", FIXTURE_NAMES)
def test_committed_fixture_equals_fresh_regeneration(fname):
    assert (FIXTURE_DIR / fname).read_bytes() == GEN.build()[fname]


def test_generator_writes_every_fixture(tmp_path):
    assert GEN.main([str(tmp_path)]) == 0
    for fname, data in GEN.build().items():
        assert (tmp_path / fname).read_bytes() == data
    assert sorted(p.name for p in FIXTURE_DIR.glob("*.txt")) == FIXTURE_NAMES


def test_gb18030_fixture_really_needs_gb18030():
    text, _, data = GEN.FIXTURES["gb18030.txt"]
    assert "䶮" in text and "𠀀" in text
    with pytest.raises(UnicodeEncodeError):
        text.encode("gbk")
    assert "𠀀".encode("gb18030") == b"\x95\x32\x82\x36"  # a four-byte sequence
    assert data.decode("gb18030") == text


@pytest.mark.parametrize("fname", FIXTURE_NAMES)
def test_fixture_reads_as_page(fname):
    expected_text, expected_enc, data = GEN.FIXTURES[fname]
    page = read_text_page(data, f"/some/dir/{fname}")
    assert isinstance(page, Page)
    assert page.source.name == fname
    assert page.source.encoding == expected_enc
    assert page.source.format == "text"
    assert page.source.sha256 == hashlib.sha256(data).hexdigest()
    assert page.date is None
    norm = normalise(expected_text)
    assert [b.text for b in page.blocks] == [ln for ln in norm.split("\n") if ln]
    assert all(norm[b.start:b.end] == b.text for b in page.blocks)


# ------------------------------------------------------------------------------------------
# short texts: right text or DecodeError, never wrong text
# ------------------------------------------------------------------------------------------
SHORT_SIMPLIFIED = [
    "春耕备耕正当时 田间地头忙不停",
    "本报记者 林晓峰 通讯员 周明",
    "全县粮食作物播种面积稳中有增",
    "市政府召开常务会议研究部署工作",
    "城南镇新河村开展春耕生产",
    "我国经济运行总体平稳、稳中有进",
]
SHORT_TRADITIONAL = [
    "老街書店迎來新生 社區居民共享閱讀空間",
    "本報記者 張文華",
    "區議會表示將持續支持社區文化活動",
    "這家店陪伴了幾代人成長",
    "政府發表新一年經濟發展計劃",
    "颱風來襲 全港學校停課一天",
]


@pytest.mark.parametrize("line,codec", [(s, "gbk") for s in SHORT_SIMPLIFIED]
                         + [(s, "big5") for s in SHORT_TRADITIONAL])
def test_short_line_decodes_right_or_refuses(line, codec):
    data = line.encode(codec)
    try:
        text, enc = decode_bytes(data, "short.txt")
    except DecodeError as err:
        assert "--encoding" in str(err)
        return
    assert text == line
    assert enc == ("gb18030" if codec == "gbk" else "big5")


@pytest.mark.parametrize("codec,source", [("gbk", "SIMPLIFIED"), ("big5", "TRADITIONAL"),
                                          ("gbk", "TRADITIONAL")])
def test_every_window_of_fixture_text_never_decodes_wrong(codec, source):
    base = getattr(GEN, source).replace("\n", " ")
    rng = random.Random(20240318)
    right = refused = 0
    for _ in range(150):
        length = rng.choice([10, 12, 15, 20, 30])
        start = rng.randrange(0, len(base) - length)
        chunk = base[start:start + length].strip()
        data = chunk.encode(codec)
        if not chunk or data.isascii():
            continue
        try:
            text, _ = decode_bytes(data, "window.txt")
        except DecodeError:
            refused += 1
            continue
        assert text == chunk  # never silently wrong
        right += 1
    assert right > 4 * refused  # and mostly right


def test_ambiguous_or_foreign_text_is_refused():
    # Japanese in Shift-JIS: no candidate reads as ordinary Chinese
    data = "きょうはいい天気ですね。あしたもはれるでしょう。".encode("shift_jis")
    with pytest.raises(DecodeError, match="--encoding"):
        decode_bytes(data, "jp.txt")


def test_two_plausible_decodings_are_refused_as_ambiguous(monkeypatch):
    data = "老街書店迎來新生".encode("big5")
    as_gb = data.decode("gb18030")
    # pretend the wrong decoding were just as ordinary Chinese as the right one
    monkeypatch.setattr(text_mod, "COMMON_CHARS", frozenset(as_gb + "老街書店迎來新生"))
    with pytest.raises(DecodeError, match="ambiguous encoding"):
        decode_bytes(data, "amb.txt")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_without_bom(codec):
    text = GEN.TRADITIONAL if codec.endswith("be") else GEN.SIMPLIFIED
    assert decode_bytes(text.encode(codec), "nobom.txt") == (text, codec)


def test_utf16_without_bom_of_plain_english():
    text = "Page 3 of the evening edition\n"
    assert decode_bytes(text.encode("utf-16-le"), "en.txt") == (text, "utf-16-le")


def test_gbk_page_with_crlf_reads_into_blocks():
    raw = "标题\r\n\r\n\u3000\u3000据了解，全县今年计划种植粮食作物四十五万亩。\r\n"
    page = read_text_page(raw.encode("gbk"), "crlf.txt")
    assert page.source.encoding == "gb18030"
    assert [(b.text, b.gap_before) for b in page.blocks] == [
        ("标题", 0), ("据了解，全县今年计划种植粮食作物四十五万亩。", 1)]


# ------------------------------------------------------------------------------------------
# binary, empty and undecodable input
# ------------------------------------------------------------------------------------------
PNG_HEADER = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06"
              b"\x00\x00\x00\x5c\x72\xa8\x66")


def _random_bytes(seed: int, n: int, nuls: bool) -> bytes:
    rng = random.Random(seed)
    data = bytearray(rng.randbytes(n))
    if nuls:
        for i in range(0, n, 37):
            data[i] = 0
    else:
        data = bytearray(b if b else 1 for b in data)
    return bytes(data)


@pytest.mark.parametrize("data", [
    PNG_HEADER,
    PNG_HEADER + b"\x00" * 64,
    b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + b"\x00" * 20,  # a zip header
    _random_bytes(1, 4096, nuls=True),
    _random_bytes(2, 333, nuls=True),
    "正文\x00正文".encode("utf-8"),
], ids=["png", "png-padded", "zip", "random-4k", "random-odd", "utf8-with-nul"])
def test_binary_input_with_nul_bytes(data):
    with pytest.raises(BinaryInputError, match="binary data|NUL bytes") as exc:
        decode_bytes(data, "blob.bin")
    assert "\n" not in str(exc.value)
    assert "blob.bin" in str(exc.value)


def test_text_full_of_control_characters_is_binary():
    data = ("报道\x01\x02\x03\x04" * 50).encode("utf-8")
    with pytest.raises(BinaryInputError, match="control characters"):
        decode_bytes(data, "ctl.txt")


def test_a_stray_control_character_is_tolerated():
    text = "正文" * 100 + "\x1b" + "正文" * 100
    assert decode_bytes(text.encode("utf-8"), "x.txt")[0] == text


@pytest.mark.parametrize("data", [b"", b"   ", b" \n\t\r\n ", "\u3000\u3000\n".encode("utf-8"),
                                  codecs.BOM_UTF8, codecs.BOM_UTF8 + b"\n\n",
                                  codecs.BOM_UTF16_LE + " \n".encode("utf-16-le"),
                                  "\u200b\n".encode("utf-8")],
                         ids=["empty", "spaces", "mixed-ws", "ideographic", "bom-only", "bom-nl",
                              "utf16-ws", "zwsp"])
def test_empty_or_whitespace_only(data):
    with pytest.raises(EmptyInputError):
        read_text_page(data, "empty.txt")


@pytest.mark.parametrize("text", ["", "  \n\u3000\r\n", "\ufeff"])
def test_empty_str_input(text):
    with pytest.raises(EmptyInputError):
        read_text_page(text)


@pytest.mark.parametrize("data", [
    b"\xff\xff\xff\xff\xff\xff\xff\xff",
    b"\x80\x80\x80\x80\xff\xfe\xfd" * 3,
    b"\xa4\xa4\xff",  # Big5 中 followed by an impossible byte
], ids=["ff", "mixed-invalid", "big5-truncated"])
def test_undecodable_bytes(data):
    with pytest.raises(DecodeError, match="--encoding") as exc:
        decode_bytes(data, "bad.txt")
    assert "bad.txt" in str(exc.value) and "\n" not in str(exc.value)


def test_broken_utf16_after_bom():
    data = codecs.BOM_UTF16_LE + "正文".encode("utf-16-le") + b"\x00\xd8"  # lone surrogate
    with pytest.raises(DecodeError, match="byte-order mark"):
        decode_bytes(data, "bad16.txt")


def test_mixed_gbk_and_big5_file_is_refused():
    data = GEN.SIMPLIFIED.encode("gbk") + GEN.TRADITIONAL.encode("big5")
    with pytest.raises(DecodeError):
        decode_bytes(data, "mixed.txt")


# ------------------------------------------------------------------------------------------
# explicit encoding
# ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("given,codec,reported", [
    ("gbk", "gbk", "gb18030"),
    ("GB2312", "gb2312", "gb18030"),
    ("gb18030", "gb18030", "gb18030"),
    ("big5", "big5", "big5"),
    ("utf-8", "utf-8", "utf-8"),
    ("UTF8", "utf-8-sig", "utf-8-sig"),
    ("utf-16-be", "utf-16-be", "utf-16-be"),
])
def test_explicit_encoding(given, codec, reported):
    line = "春耕备耕正当时" if codec != "big5" else "老街書店迎來新生"
    text, enc = decode_bytes(line.encode(codec), "x.txt", encoding=given)
    assert (text, enc) == (line, reported)


def test_explicit_encoding_decodes_a_line_detection_refuses():
    data = "中".encode("big5")
    with pytest.raises(DecodeError):
        decode_bytes(data, "one.txt")
    assert decode_bytes(data, "one.txt", encoding="big5") == ("中", "big5")


def test_explicit_wrong_encoding_is_decode_error():
    with pytest.raises(DecodeError, match="not valid utf-8.*offset 0"):
        decode_bytes("春耕".encode("gbk"), "x.txt", encoding="utf-8")


@pytest.mark.parametrize("name", ["no-such-codec", "base64", "rot13"])
def test_explicit_unknown_or_non_text_codec(name):
    with pytest.raises(UsageError, match="encoding"):
        decode_bytes(b"abc", "x.txt", encoding=name)


def test_explicit_encoding_still_rejects_binary():
    with pytest.raises(BinaryInputError):
        decode_bytes(PNG_HEADER, "x.png", encoding="gb18030")


# ------------------------------------------------------------------------------------------
# normalisation
# ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("raw,expected", [
    ("第一行\r\n第二行\r\n", "第一行\n第二行\n"),
    ("第一行\r第二行\r", "第一行\n第二行\n"),
    ("甲\r\n\r\n乙", "甲\n\n乙"),
    ("中国\xa0日报", "中国 日报"),
    ("\ufeff标题\u200b正文", "标题正文"),
    ("\u3000\u3000本报讯 近日", "本报讯 近日"),
    ("    缩进\n\t\t制表\n \u3000混合", "缩进\n制表\n混合"),
    ("正文   \n下一行\t\u3000\n", "正文\n下一行\n"),
    ("记者\u3000王进\u3000\u3000报道", "记者\u3000王进\u3000\u3000报道"),
    ("  \n\u3000\u3000\n", "\n\n"),
    ("\xa0\xa0开头", "开头"),
    ("已经规范的文本\n", "已经规范的文本\n"),
], ids=["crlf", "cr", "crlf-blank", "nbsp", "bom-zwsp", "ideographic-indent", "ascii-indent",
        "trailing", "midline-u3000-kept", "blank-lines-kept", "nbsp-indent", "unchanged"])
def test_normalise(raw, expected):
    assert normalise(raw) == expected


# ------------------------------------------------------------------------------------------
# blocks
# ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("raw,expected", [
    ("甲", [("甲", 0)]),
    ("甲\n乙\n丙", [("甲", 0), ("乙", 0), ("丙", 0)]),
    ("\n\n甲\n\n乙\n\n\n丙\n", [("甲", 2), ("乙", 1), ("丙", 2)]),
    ("\u3000\u3000甲\r\n  \r\n乙  \r\n", [("甲", 0), ("乙", 1)]),
    ("标题\n\n\u3000\u3000正文第一段。\n\u3000\u3000正文第二段。\n\n（完）",
     [("标题", 0), ("正文第一段。", 1), ("正文第二段。", 0), ("（完）", 1)]),
], ids=["single", "consecutive", "gaps", "crlf-indent", "article"])
def test_blocks(raw, expected):
    page = read_text_page(raw, "page.txt")
    text = normalise(raw)
    assert [(b.text, b.gap_before) for b in page.blocks] == expected
    assert [b.index for b in page.blocks] == list(range(len(expected)))
    for b in page.blocks:
        assert text[b.start:b.end] == b.text
        assert b.page_no == 1 and b.box is None and b.role is None


def test_block_offsets_on_the_seed_page():
    data = (Path(__file__).parent / "fixtures" / "seed-page.txt").read_bytes()
    page = read_text_page(data, "tests/fixtures/seed-page.txt")
    text = normalise(data.decode("utf-8"))
    assert page.source.name == "seed-page.txt" and page.source.encoding == "utf-8"
    assert len(page.blocks) > 20
    assert all(text[b.start:b.end] == b.text for b in page.blocks)
    assert all(b.text == b.text.strip() and "\n" not in b.text for b in page.blocks)


# ------------------------------------------------------------------------------------------
# the Page and its Source
# ------------------------------------------------------------------------------------------
def test_str_input_source():
    raw = "标题\r\n\r\n正文"
    page = read_text_page(raw, "dir/sub/in.txt")
    assert page.source.name == "in.txt"
    assert page.source.sha256 == hashlib.sha256(raw.encode("utf-8")).hexdigest()
    assert page.source.encoding is None
    assert page.date is None and page.articles == []


def test_default_name_and_contract_json():
    page = read_text_page("标题".encode("utf-8"))
    assert page.to_dict()["source"] == {"name": "<text>", "sha256": page.source.sha256,
                                        "format": "text", "encoding": "utf-8"}


def test_sha256_is_of_the_original_bytes_not_the_text():
    data = GEN.FIXTURES["gbk.txt"][2]
    page = read_text_page(data, "gbk.txt")
    assert page.source.sha256 == hashlib.sha256(data).hexdigest()
    assert page.source.sha256 != hashlib.sha256(GEN.SIMPLIFIED.encode()).hexdigest()


def test_error_message_is_one_line_and_names_file():
    with pytest.raises(DecodeError) as exc:
        read_text_page(b"\xff\xff\xff\xff", "pages/p1.txt")
    msg = str(exc.value)
    assert msg.startswith("pages/p1.txt: ") and msg.endswith("[E103]") and "\n" not in msg


# ------------------------------------------------------------------------------------------
# thresholds (speed is measured by bench/bench_parse.py, not here)
# ------------------------------------------------------------------------------------------
def test_thresholds_are_sane():
    assert 250 <= len(text_mod.COMMON_CHARS) <= 500
    assert 0 < text_mod.MIN_COMMON_SHARE < 0.5
    assert 0 < text_mod.MIN_MARGIN < text_mod.MIN_COMMON_SHARE + 0.1
    assert text_mod.MIN_SCORED_CHARS >= 3
