"""Schema: migrations recorded and applied once, versions checked, foreign files refused."""

from __future__ import annotations

import sqlite3

import pytest

from banmian import Archive
from banmian.errors import ArchiveMissingError, ArchiveVersionError
from banmian.store import schema
from banmian.store.places import resolve_place


def test_new_archive_records_every_migration(tmp_path):
    with Archive(tmp_path / "a.db") as ar:
        rows = ar.con.execute("SELECT version, name FROM schema_migrations ORDER BY version").fetchall()
        assert [v for v, _ in rows] == [m.version for m in schema.MIGRATIONS]
        assert ar.con.execute("PRAGMA user_version").fetchone()[0] == schema.LATEST
        assert ar.con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with Archive(tmp_path / "a.db") as ar:  # opening again applies nothing
        assert ar.migrate() == []


def test_a_new_migration_is_applied_once(tmp_path, monkeypatch):
    Archive(tmp_path / "a.db").close()
    extra = schema.Migration(schema.LATEST + 1, "test column", ("ALTER TABLE pages ADD COLUMN note TEXT",))
    monkeypatch.setattr(schema, "MIGRATIONS", (*schema.MIGRATIONS, extra))
    monkeypatch.setattr(schema, "LATEST", extra.version)
    with pytest.raises(ArchiveVersionError, match="older than this banmian's.*banmian migrate"):
        Archive(tmp_path / "a.db", readonly=True)
    with Archive(tmp_path / "a.db") as ar:
        assert ar.con.execute("SELECT max(version) FROM schema_migrations").fetchone()[0] == extra.version
        ar.con.execute("SELECT note FROM pages").fetchall()
    Archive(tmp_path / "a.db", readonly=True).close()


def test_a_failing_migration_leaves_the_archive_as_it_was(tmp_path, monkeypatch):
    Archive(tmp_path / "a.db").close()
    bad = schema.Migration(schema.LATEST + 1, "broken", ("ALTER TABLE pages ADD COLUMN x TEXT", "NOT SQL"))
    monkeypatch.setattr(schema, "MIGRATIONS", (*schema.MIGRATIONS, bad))
    monkeypatch.setattr(schema, "LATEST", bad.version)
    with pytest.raises(Exception):
        Archive(tmp_path / "a.db")
    con = sqlite3.connect(tmp_path / "a.db")
    assert "x" not in [r[1] for r in con.execute("PRAGMA table_info(pages)")]
    assert con.execute("SELECT max(version) FROM schema_migrations").fetchone()[0] == bad.version - 1


def test_newer_archive_is_refused(tmp_path):
    Archive(tmp_path / "a.db").close()
    con = sqlite3.connect(tmp_path / "a.db")
    con.execute("INSERT INTO schema_migrations VALUES (999, 'future', 'x')")
    con.commit()
    con.close()
    for readonly in (True, False):
        with pytest.raises(ArchiveVersionError, match="newer than this banmian"):
            Archive(tmp_path / "a.db", readonly=readonly)


@pytest.mark.parametrize("content,message", [
    (None, "no archive here"),
    (b"not a database at all" * 100, "is not a banmian archive"),
    ("other-sqlite", "an SQLite database but not a banmian archive"),
])
def test_missing_or_foreign_files(tmp_path, content, message):
    path = tmp_path / "x.db"
    if content == "other-sqlite":
        con = sqlite3.connect(path)
        con.execute("CREATE TABLE t (x)")
        con.commit()
        con.close()
    elif content is not None:
        path.write_bytes(content)
    with pytest.raises(ArchiveMissingError, match=message) as e:
        Archive(path, readonly=True)
    assert str(e.value).startswith(str(path)) and "\n" not in str(e.value)
    if content is not None:  # never taken over for writing either
        with pytest.raises(ArchiveMissingError):
            Archive(path)


def test_readonly_archive_cannot_write(tmp_path):
    Archive(tmp_path / "a.db").close()
    with Archive(tmp_path / "a.db", readonly=True) as ar:
        with pytest.raises(Exception, match="read-only"):
            ar.ingest(["x"])


@pytest.mark.parametrize("query,division,under", [
    ("四川", "510000 四川省", "510700"),
    ("四川省", "510000 四川省", "510703"),
    ("绵阳", "510700 绵阳市", "510703"),
    ("510700", "510700 绵阳市", "510781"),
    ("北京", "110000 北京市", "110105"),
    ("朝阳", "211300 朝阳市", "211321"),  # the highest level of the divisions so named
    ("朝阳区", "110105 朝阳区", "110105"),
])
def test_place_scopes(query, division, under):
    scope = resolve_place(query)
    assert division in scope.divisions
    assert under in scope.codes


def test_place_scope_outside_the_table():
    scope = resolve_place("京津冀")
    assert scope.codes == frozenset() and scope.names == frozenset({"京津冀"})


def test_every_division_under_a_province_shares_its_prefix():
    """The scope follows parent codes; check that this agrees with the code prefixes."""
    for prov in ("110000", "440000", "510000", "650000"):
        assert all(c[:2] == prov[:2] for c in resolve_place(prov).codes)
