"""The facts gold corpus (tests/corpus/facts_gold.jsonl) and the quality gate on it.

The corpus is built from the hand annotation in tests/corpus/facts_gold.txt by
scripts/make_facts_gold.py (what is annotated, and how: tests/corpus/FACTS_GOLD.md). The gate runs
``banmian.evaluate`` on it and fails when a score drops below its floor. Floors only go up: raise
them when the extractors improve. Persons and organizations come from extractors built on other
branches; their floors start at what this branch measures and are raised when those land.
"""

import importlib.util
import json
from pathlib import Path

import pytest

import banmian
from banmian.evaluate import FACT_TYPES, load_gold

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "corpus" / "facts_gold.jsonl"

#: (type, score, measure) -> floor. Scores as measured when the floor was set, rounded down.
FLOORS = {
    ("place", "exact", "f1"): 0.98,
    ("place", "overlap", "f1"): 0.99,
    ("place", "attrs", "f1"): 0.98,
    ("quantity", "exact", "f1"): 0.91,
    ("quantity", "overlap", "f1"): 0.99,
    ("quantity", "attrs", "f1"): 0.98,
    ("quantity:money", "overlap", "recall"): 0.99,
    ("quantity:percent", "overlap", "recall"): 0.99,
    ("date", "exact", "f1"): 0.96,
    ("date", "overlap", "recall"): 0.99,
    ("date", "attrs", "f1"): 0.97,
    ("document", "exact", "f1"): 1.0,
    ("indicator", "overlap", "f1"): 0.95,
    ("indicator", "attrs", "f1"): 0.82,
    ("person", "exact", "f1"): 0.94,
    ("person", "attrs", "f1"): 0.9,
    ("organization", "exact", "f1"): 0.83,
    ("organization", "overlap", "f1"): 0.89,
}
MIN_SENTENCES = 200


def _load_script():
    spec = importlib.util.spec_from_file_location("make_facts_gold", ROOT / "scripts" / "make_facts_gold.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def report():
    return banmian.evaluate(GOLD)


def test_corpus_is_regenerated_from_its_annotation():
    mod = _load_script()
    assert GOLD.read_text(encoding="utf-8") == mod.dumps(mod.build()), \
        "facts_gold.jsonl is stale: run python scripts/make_facts_gold.py"


def test_corpus_lines_are_valid_and_offsets_hold():
    records, errors = load_gold(GOLD)
    assert errors == []
    assert len(records) >= MIN_SENTENCES
    for rec in records:
        for f in rec["facts"]:
            assert rec["text"][f["start"]:f["end"]] == f["text"], (rec["id"], f)


def test_corpus_covers_every_type_and_many_topics():
    records, _ = load_gold(GOLD)
    counts = {t: sum(1 for r in records for f in r["facts"] if f["type"] == t) for t in FACT_TYPES}
    assert all(n >= 8 for n in counts.values()), counts
    titled = [f for r in records for f in r["facts"] if f["type"] == "person" and f["title"]]
    assert len(titled) >= 30
    nested = [f for r in records for f in r["facts"] if f["type"] == "place"
              and any(o["type"] == "organization" and o["start"] <= f["start"] and f["end"] <= o["end"]
                      for o in r["facts"])]
    assert len(nested) >= 20
    assert len({r["date"] for r in records}) >= 2


@pytest.mark.parametrize("key", sorted(FLOORS), ids=lambda k: "-".join(k))
def test_quality_gate(report, key):
    kind, score, measure = key
    got = report["types"][kind][score][measure]
    assert got >= FLOORS[key], f"{kind} {score} {measure} = {got:.3f} < floor {FLOORS[key]}"


def test_report_is_json(report):
    json.dumps(report)
    assert report["errors"] == []
    assert report["sentences"] >= MIN_SENTENCES
