"""Ingest: finding inputs, skipping what is stored, recording failures, and surviving kill -9."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from banmian import Archive
from banmian.store.ingest import date_in_path, find_inputs, ingest
from pagegen import PageMaker, load_articles

SEED = Path(__file__).parent / "fixtures" / "seed-page.txt"


def write_pages(folder: Path, n: int, seed: int = 3, per_day: int = 25) -> list[Path]:
    maker = PageMaker(load_articles(), seed=seed)
    out = []
    for k in range(n):
        d = folder / f"2023-{1 + k // (per_day * 28):02d}-{1 + (k // per_day) % 28:02d}"
        d.mkdir(parents=True, exist_ok=True)
        p = d / f"p{k:04d}.txt"
        p.write_text(maker.page().text, encoding="utf-8")
        out.append(p)
    return out


def counts(db: Path) -> dict:
    con = sqlite3.connect(db)
    q = lambda sql: con.execute(sql).fetchone()[0]  # noqa: E731
    out = {"pages": q("SELECT count(*) FROM pages"), "articles": q("SELECT count(*) FROM articles"),
           "facts": q("SELECT count(*) FROM facts"), "failures": q("SELECT count(*) FROM failures"),
           "ids": sorted(r[0] for r in con.execute("SELECT id FROM articles")),
           "facts_per_article": sorted(con.execute("SELECT id, n_facts FROM articles").fetchall()),
           "fts_bi": q("SELECT count(*) FROM text_bi_docsize"), "fts_uni": q("SELECT count(*) FROM text_uni_docsize")}
    con.close()
    return out


@pytest.mark.parametrize("path,date", [
    ("/data/rmrb/2023-05-22/01.txt", "2023-05-22"),
    ("/data/rmrb/20230522/01.txt", "2023-05-22"),
    ("/data/rmrb/2023/05/22/01.txt", "2023-05-22"),
    ("/data/rmrb_2023_05_22_p01.txt", "2023-05-22"),
    ("/data/2022-01-01/rmrb-2023-05-22.txt", "2023-05-22"),  # the last date wins
    ("/data/rmrb/2023-02-30/01.txt", None),  # not a calendar date
    ("/data/rmrb/12023052201.txt", None),  # digits run on: not a date
    ("/data/page01.txt", None),
    ("/data/1999-12-31.txt", "1999-12-31"),
])
def test_date_in_path(path, date):
    assert date_in_path(path) == date


def test_find_inputs_folders_globs_and_missing(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / ".hidden").mkdir()
    for rel in ("a/1.txt", "a/b/2.TXT", "a/b/3.html", "a/notes.json", ".hidden/4.txt", "a/.5.txt", "a/6.dat"):
        (tmp_path / rel).write_text("x")
    files, missing = find_inputs([str(tmp_path / "a"), str(tmp_path / "a" / "1.txt"),
                                  str(tmp_path / "a" / "6.dat"), str(tmp_path / "nope"),
                                  str(tmp_path / "**" / "*.html"), str(tmp_path / "*.none")])
    rel = [os.path.relpath(f, tmp_path) for f in files]
    assert rel == ["a/1.txt", "a/b/2.TXT", "a/b/3.html", "a/6.dat"]
    assert [(Path(m).name, why) for m, _, why in missing] == [("nope", "no such file or folder"),
                                                               ("*.none", "no files match this pattern")]
    files, _ = find_inputs([str(tmp_path / "a")], include=["*.dat", "*.json"])
    assert sorted(Path(f).name for f in files) == ["6.dat", "notes.json"]


def test_reingest_changes_nothing_and_failures_are_recorded(tmp_path):
    pages = write_pages(tmp_path / "pages", 12)
    (tmp_path / "pages" / "empty.txt").write_text("  \n")
    (tmp_path / "pages" / "binary.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    (tmp_path / "pages" / "copy.txt").write_bytes(pages[0].read_bytes())  # same content, other name
    db = tmp_path / "a.db"
    r1 = ingest(db, [str(tmp_path / "pages")], jobs=2)
    assert (r1.pages, r1.skipped, r1.failed) == (12, 1, 2)
    assert {Path(p).name: code for p, code, _ in r1.failures} == {"empty.txt": "E101", "binary.txt": "E102"}
    first = counts(db)
    r2 = ingest(db, [str(tmp_path / "pages")], jobs=1)
    assert (r2.pages, r2.articles, r2.facts, r2.skipped, r2.failed) == (0, 0, 0, 13, 2)
    assert counts(db) == first
    with Archive(db, readonly=True) as ar:
        fails = {Path(f["path"]).name: f for f in ar.failures()}
        assert set(fails) == {"empty.txt", "binary.txt"}
        assert "empty" in fails["empty.txt"]["reason"] and fails["empty.txt"]["code"] == "E101"
        assert [r["status"] for r in ar.runs()] == ["done", "done"]
        assert ar.check()["ok"]
        stats = ar.stats()
        assert stats["pages"] == 12
        assert "2023-01-01" in {d["date"] for d in ar.days()}  # from the folder, when the page prints none
    # A fixed input is stored on the next run and leaves the failures table.
    (tmp_path / "pages" / "empty.txt").write_bytes(SEED.read_bytes())
    r3 = ingest(db, [str(tmp_path / "pages")])
    assert (r3.pages, r3.failed) == (1, 1)
    with Archive(db, readonly=True) as ar:
        assert [Path(f["path"]).name for f in ar.failures()] == ["binary.txt"]


def test_one_worker_and_two_store_the_same(tmp_path):
    write_pages(tmp_path / "pages", 30)
    ingest(tmp_path / "one.db", [str(tmp_path / "pages")], jobs=1)
    ingest(tmp_path / "two.db", [str(tmp_path / "pages")], jobs=2)
    assert counts(tmp_path / "one.db") == counts(tmp_path / "two.db")


def test_forced_date_and_source_label(tmp_path):
    write_pages(tmp_path / "pages", 3)
    db = tmp_path / "a.db"
    ingest(db, [str(tmp_path / "pages")], date="2020-02-02", source="测试报")
    with Archive(db, readonly=True) as ar:
        assert [d["date"] for d in ar.days()] == ["2020-02-02"]
        res = ar.search(None, source="测试报", limit=None)
        assert res.total == ar.stats()["articles"] > 0
        assert {h["source"]["label"] for h in res.hits} == {"测试报"}


def _start(args, **kw):
    return subprocess.Popen([sys.executable, "-m", "banmian", "ingest", *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, start_new_session=True, **kw)


def _stored(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        n = con.execute("SELECT count(*) FROM pages").fetchone()[0]
        con.close()
        return n
    except sqlite3.OperationalError:  # not made yet
        return 0


def test_kill_9_midway_then_resume_equals_a_clean_run(tmp_path):
    """A real `banmian ingest` killed with SIGKILL (workers and all), twice, then run to the end."""
    n = 1200  # enough that each run is still going when it has committed its first batch (1 s)
    write_pages(tmp_path / "pages", n, per_day=60)
    (tmp_path / "pages" / "empty.txt").write_text("")
    clean, crash = tmp_path / "clean.db", tmp_path / "crash.db"
    args = [str(tmp_path / "pages"), "--jobs", "2", "--no-progress"]
    assert _start([*args, "--db", str(clean)]).wait(timeout=600) == 1  # 1: the empty page failed
    total = counts(clean)["pages"]
    assert total == n
    partials = []
    for _ in range(2):
        kill_after = _stored(crash) + 1  # kill once this run has committed a batch of its own
        proc = _start([*args, "--db", str(crash)])
        deadline = time.monotonic() + 300
        while _stored(crash) < kill_after and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert proc.poll() is None, "the run finished before it could be killed: give it more pages"
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
        partials.append(_stored(crash))
        with Archive(crash) as ar:  # consistent after the kill: whole pages only
            check = ar.check()
            assert check["ok"], check["problems"]
    assert 0 < partials[0] < partials[1] < total, partials
    assert partials[-1] < total, "the run finished before it could be killed: give it more pages"
    assert _start([*args, "--db", str(crash)]).wait(timeout=600) == 1
    assert counts(crash) == counts(clean)
    with Archive(crash, readonly=True) as ar, Archive(clean, readonly=True) as ref:
        assert ar.check()["ok"]
        for q in ("发展", "的", "绵阳 OR 成都", "经济 -北京"):
            assert {h["id"] for h in ar.search(q, limit=None).hits} == {h["id"] for h in ref.search(q, limit=None).hits}
        assert [r["status"] for r in ar.runs()] == ["running", "running", "done"]


def test_a_page_the_writer_refuses_leaves_nothing_half_written(tmp_path, monkeypatch):
    """A day already full: the page is recorded as failed, its rows rolled back, the run goes on."""
    from banmian.store import ingest as ingest_mod

    write_pages(tmp_path / "pages", 6, per_day=3)
    real = ingest_mod.key_block
    monkeypatch.setattr(ingest_mod, "key_block", lambda day: (real(day)[0], 10))  # ten articles a day
    db = tmp_path / "a.db"
    report = ingest(db, [str(tmp_path / "pages")], jobs=1, date="2023-01-01")
    assert report.failed >= 1 and report.pages + report.failed == 6
    assert all("more than 10 articles on one issue date" in why for _, _, why in report.failures)
    with Archive(db) as ar:
        assert ar.check()["ok"]
        assert ar.stats()["articles"] <= 10


def test_a_worker_that_dies_costs_only_its_page(tmp_path, monkeypatch):
    """A crash in native code kills the worker process: its pages are retried alone, the culprit fails."""
    from banmian.store import ingest as ingest_mod

    write_pages(tmp_path / "pages", 40)
    (tmp_path / "pages" / "crash.txt").write_bytes(SEED.read_bytes())
    real = ingest_mod._prepare

    def dying(path, *a, **kw):
        if path.endswith("crash.txt"):
            os._exit(3)  # what a segfault looks like from the parent
        return real(path, *a, **kw)

    monkeypatch.setattr(ingest_mod, "_prepare", dying)  # inherited by the forked workers
    report = ingest(tmp_path / "a.db", [str(tmp_path / "pages")], jobs=2)
    assert report.pages == 40 and report.failed == 1
    assert report.failures[0][0].endswith("crash.txt") and "process died" in report.failures[0][2]
