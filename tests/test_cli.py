"""The command line: output shapes, bad input, help with examples."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import banmian
from banmian.cli import build_parser, main

SEED = Path(__file__).parent / "fixtures" / "seed-page.txt"
ARTICLE_KEYS = {"id", "kind", "section", "kicker", "headline", "subheadline", "bylines", "dateline", "body",
                "captions", "facts"}


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_parse_one_file_prints_one_page(capsys):
    code, out, err = run(capsys, "parse", str(SEED), "--date", "2023-05-22")
    assert code == 0 and err == ""
    page = json.loads(out)
    assert page["date"] == "2023-05-22"
    assert page["source"]["name"] == "seed-page.txt"
    assert page["source"]["format"] == "text" and page["source"]["encoding"] == "utf-8"
    assert len(page["source"]["sha256"]) == 64
    assert len(page["articles"]) == 7
    for a in page["articles"]:
        assert ARTICLE_KEYS <= set(a)
        assert a["id"].startswith(page["source"]["sha256"][:16])
    assert page["articles"][2]["id"].endswith("-03")


def test_parse_several_files_prints_json_lines(capsys, tmp_path):
    other = tmp_path / "other.txt"
    other.write_text("港口吞吐量创新高\n\n本报讯 近日，港口吞吐量创新高。\n", encoding="utf-8")
    code, out, _ = run(capsys, "parse", str(SEED), str(other))
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 2
    assert json.loads(lines[1])["articles"][0]["headline"] == "港口吞吐量创新高"


def test_jsonl_format_for_one_file(capsys):
    code, out, _ = run(capsys, "parse", str(SEED), "--format", "jsonl")
    assert code == 0 and len(out.splitlines()) == 1


@pytest.mark.parametrize("content,reason", [
    (b"", "empty"),
    (b"   \n\n  ", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
    (b"\x00\x01\x02\x03binary\x00\x00data" * 20, "binary"),
    (bytes(range(0x80, 0x100)) * 3 + b"\xff\xfe\xfd", "encoding"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
    ("<p>港口吞吐量创新高</p>\n<p>近日，港口吞吐量创新高。</p>".encode(), "HTML"),
])
def test_bad_input_one_line_and_the_rest_goes_on(capsys, tmp_path, content, reason):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    code, out, err = run(capsys, "parse", str(bad), str(SEED))
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "bad.txt" in lines[0]
    assert "Traceback" not in err
    assert len(out.splitlines()) == 1  # the good page was still parsed
    assert json.loads(out)["articles"]


def test_missing_file_and_folder(capsys, tmp_path):
    code, out, err = run(capsys, "parse", str(tmp_path / "nope.txt"), str(tmp_path), str(SEED))
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 2
    assert "nope.txt" in lines[0] and "no such file" in lines[0]
    assert "folder" in lines[1]
    assert len(out.splitlines()) == 1


def test_unreadable_file(capsys, tmp_path, monkeypatch):
    f = tmp_path / "locked.txt"
    f.write_text("标题\n\n正文。", encoding="utf-8")
    real = Path.read_bytes

    def deny(self):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", deny)
    code, out, err = run(capsys, "parse", str(f), str(SEED))
    assert code == 1
    assert err.strip().splitlines() == [f"banmian: {f}: cannot be read (permission denied) [E100]"]
    assert len(out.splitlines()) == 1


def test_bad_date_is_one_line(capsys):
    code, out, err = run(capsys, "parse", str(SEED), "--date", "2023-13-45")
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1 and "YYYY-MM-DD" in err


def test_explicit_encoding(capsys, tmp_path):
    f = tmp_path / "big5.txt"
    f.write_bytes("港口吞吐量創新高\n\n本報訊 近日，港口吞吐量創新高。\n".encode("big5"))
    code, out, _ = run(capsys, "parse", str(f), "--encoding", "big5")
    assert code == 0
    assert json.loads(out)["source"]["encoding"] == "big5"


def test_unknown_encoding_is_one_line(capsys):
    code, _, err = run(capsys, "parse", str(SEED), "--encoding", "klingon")
    assert code == 1 and len(err.strip().splitlines()) == 1


def test_stdin(monkeypatch, capsys):
    import io
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SEED.read_bytes())))
    code, out, _ = run(capsys, "parse", "-")
    assert code == 0 and json.loads(out)["source"]["name"] == "<stdin>"


def test_extract_keeps_ids_and_order(capsys, tmp_path, monkeypatch):
    f = tmp_path / "in.jsonl"
    f.write_text('{"id": "a", "text": "制定《浦城县名医工作室管理办法》。"}\nnot json\n{"id": 3, "text": "无"}\n',
                 encoding="utf-8")
    code, out, err = run(capsys, "extract", str(f), "--date", "2023-05-22")
    assert code == 1
    rows = [json.loads(x) for x in out.splitlines()]
    assert [r["id"] for r in rows] == ["a", None, 3]
    doc = rows[0]["facts"][0]
    assert doc["type"] == "document" and doc["field"] == "text"
    assert "in.jsonl:2" in err and len(err.strip().splitlines()) == 1


def test_extract_missing_file(capsys, tmp_path):
    code, _, err = run(capsys, "extract", str(tmp_path / "none.jsonl"))
    assert code == 1 and "none.jsonl" in err


@pytest.mark.parametrize("command", ["parse", "extract", "eval"])
def test_help_has_examples(command):
    sub = build_parser()._subparsers._group_actions[0].choices[command]
    text = sub.format_help()
    assert "examples:" in text and f"banmian {command}" in text


def test_console_script_runs():
    proc = subprocess.run([sys.executable, "-m", "banmian", "parse", str(SEED), "--date", "2023-05-22"],
                          capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode == 0, proc.stderr
    assert len(json.loads(proc.stdout)["articles"]) == 7


def test_python_api_path_text_and_offsets():
    page = banmian.parse_page(str(SEED), date="2023-05-22")
    same = banmian.parse_page(SEED.read_text(encoding="utf-8"), date="2023-05-22")
    assert [a.headline for a in page.articles] == [a.headline for a in same.articles]
    for art in page.articles:
        fields = art.fields()
        for f in art.facts:
            assert fields[f.field][f.start:f.end] == f.text


def test_python_api_missing_path_is_an_error():
    with pytest.raises(banmian.BanmianError, match="no such file"):
        banmian.parse_page("/no/such/page.txt")


def test_python_api_text_with_a_lone_surrogate():
    page = banmian.parse_page("港口吞吐量创新高\n\n本报讯 近日，港口\udc80吞吐量创新高。")
    assert page.articles[0].headline == "港口吞吐量创新高"


def test_public_api_is_exact():
    assert sorted(banmian.__all__) == sorted([
        "Archive", "Article", "BanmianError", "Block", "Byline", "Caption", "Fact", "Page", "Source", "__version__",
        "evaluate", "extract_facts", "parse_page"])
