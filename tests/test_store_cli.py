"""The archive commands: help with examples, output formats, one-line errors."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest

from banmian.cli import build_parser, main

FIXTURES = Path(__file__).parent / "fixtures"
SEED = FIXTURES / "seed-page.txt"
PAGES = Path(__file__).parent / "corpus" / "pages_a"


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "a.db"
    assert main(["ingest", str(SEED), str(PAGES), "--db", str(path), "--no-progress", "--jobs", "1",
                 "--date", "2023-05-22"]) == 0
    return path


@pytest.mark.parametrize("command", ["ingest", "search", "facts", "export", "migrate", "stats"])
def test_help_has_examples(command):
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    text = sub.choices[command].format_help()
    assert "examples:" in text
    examples = [ln for ln in text.splitlines() if ln.strip().startswith("banmian ")]
    assert len(examples) >= 2, text


def test_ingest_summary_and_failures(capsys, tmp_path):
    (tmp_path / "empty.txt").write_text("")
    code, out, err = run(capsys, "ingest", SEED, tmp_path / "empty.txt", tmp_path / "missing.txt",
                         "--db", tmp_path / "x.db", "--no-progress", "--json")
    assert code == 1
    lines = err.strip().splitlines()
    assert any("empty.txt: empty input" in ln and "[E101]" in ln for ln in lines)
    assert any("missing.txt: no such file or folder [E100]" in ln for ln in lines)
    assert "1 pages, 7 articles" in lines[-1] and "2 failed" in lines[-1]
    report = json.loads(out)
    assert report["pages"] == 1 and report["failed"] == 2
    code, _, err = run(capsys, "ingest", SEED, "--db", tmp_path / "x.db", "--no-progress")
    assert code == 0 and "0 pages" in err and "1 skipped" in err


def test_search_formats(capsys, db):
    code, out, _ = run(capsys, "search", "绵阳", "--db", db, "--format", "jsonl")
    hits = [json.loads(ln) for ln in out.splitlines()]
    assert code == 0 and hits and all("绵阳" in h["snippet"] or "绵阳" in (h["headline"] or "") for h in hits)
    code, out, _ = run(capsys, "search", "绵阳", "--db", db, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["id"] for r in rows] == [h["id"] for h in hits]
    code, out, _ = run(capsys, "search", "绵阳", "--db", db)
    assert code == 0 and "articles for 绵阳" in out or "article for 绵阳" in out
    code, out, _ = run(capsys, "search", "--db", db, "--place", "四川", "--format", "jsonl", "--limit", "3")
    assert code == 0 and len(out.splitlines()) == 3


def test_facts_formats(capsys, db):
    code, out, _ = run(capsys, "facts", "--db", db, "--type", "place", "--place", "四川", "--format", "jsonl")
    facts = [json.loads(ln) for ln in out.splitlines()]
    assert code == 0 and facts and all(f["type"] == "place" for f in facts)
    assert {"绵阳市", "四川省"} <= {f["name"] for f in facts}
    code, out, _ = run(capsys, "facts", "--db", db, "--type", "quantity", "--format", "csv", "--limit", "5")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 5 and all(r["type"] == "quantity" and r["unit"] for r in rows)
    code, out, _ = run(capsys, "facts", "--db", db, "--type", "place", "--limit", "2")
    assert code == 0 and "facts" in out and "--offset 2" in out


@pytest.mark.parametrize("argv,message", [
    (["search", "绵阳", "--db", "/no/such.db"], "/no/such.db: no archive here"),
    (["search", "绵阳 AND", "--db", "{db}"], "bad query '绵阳 AND': AND needs a term after it"),
    (["search", "(绵阳", "--db", "{db}"], "is not closed"),
    (["search", "绵阳", "--from", "2023-13-01", "--db", "{db}"], "--from '2023-13-01' is not a date"),
    (["facts", "--to", "tomorrow", "--db", "{db}"], "--to 'tomorrow' is not a date"),
    (["export", "--db", "{db}", "--out", "-", "--format", "csv"], "standard output takes one table"),
    (["export", "--db", "{db}", "--out", "-", "--format", "parquet", "--what", "facts"], "Parquet cannot go"),
    (["ingest", "x.txt", "--db", "/no/such/folder/a.db", "--no-progress"], "folder '/no/such/folder' does not exist"),
    (["ingest", "x.txt", "--date", "22/05/2023", "--db", "{db}"], "is not a date"),
    (["stats", "--db", str(SEED)], "is not a banmian archive"),
])
def test_one_line_errors(capsys, db, argv, message):
    code, out, err = run(capsys, *[a.replace("{db}", str(db)) for a in argv])
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith("banmian: ") and message in err, err
    assert "Traceback" not in err


def test_export_all_formats(capsys, db, tmp_path):
    for fmt in ("jsonl", "csv", "parquet"):
        code, _, err = run(capsys, "export", "--db", db, "--format", fmt, "--out", tmp_path / fmt)
        assert code == 0 and "articles ->" in err and "facts ->" in err
    arts = [json.loads(ln) for ln in (tmp_path / "jsonl" / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    facts = (tmp_path / "jsonl" / "facts.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(facts) == sum(len(a["facts"]) for a in arts)
    assert all(a["date"] == "2023-05-22" and a["source"]["sha256"] for a in arts)
    rows = list(csv.DictReader((tmp_path / "csv" / "articles.csv").open(encoding="utf-8")))
    assert [r["id"] for r in rows] == [a["id"] for a in arts]
    import pyarrow.parquet as pq
    t = pq.read_table(tmp_path / "parquet" / "facts.parquet")
    assert t.num_rows == len(facts)
    a = pq.read_table(tmp_path / "parquet" / "articles.parquet").to_pylist()
    assert [r["bylines"] for r in a] == [x["bylines"] for x in arts]
    assert not list(tmp_path.rglob("*.part"))


def test_export_to_stdout(capsys, db):
    code, out, _ = run(capsys, "export", "--db", db, "--what", "facts", "--format", "csv", "--out", "-")
    assert code == 0 and out.splitlines()[0].startswith("article_id,issue_date,type")


def test_parquet_without_pyarrow_names_the_extra(capsys, db, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    code, _, err = run(capsys, "export", "--db", db, "--format", "parquet", "--out", tmp_path / "p")
    assert code == 1 and "pip install 'banmian[parquet]'" in err and err.count("\n") == 1


def test_stats_and_migrate(capsys, db):
    code, out, _ = run(capsys, "stats", "--db", db, "--check")
    stats = json.loads(out)
    assert code == 0 and stats["check"]["ok"] and stats["pages"] == 9 and stats["facts_by_type"]["place"] > 0
    code, _, err = run(capsys, "migrate", "--db", db)
    assert code == 0 and "schema version" in err


def test_progress_lines_without_a_terminal(tmp_path):
    import subprocess
    env = {"PATH": "/usr/bin:/bin"}
    proc = subprocess.run([sys.executable, "-c", "import sys, banmian.render as r; r.PROGRESS_LOG_SECONDS = 0;"
                           "from banmian.cli import main; sys.exit(main(sys.argv[1:]))", "ingest", str(PAGES),
                           "--db", str(tmp_path / "p.db"), "--jobs", "1"],
                          capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stderr.splitlines()
    assert any(ln.startswith("banmian: ingest ") and "pages/s, ETA" in ln for ln in lines), proc.stderr
