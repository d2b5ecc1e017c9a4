"""banmian.evaluate and `banmian eval`: scores, predictions from a file, bad gold lines."""

import json

import pytest

import banmian
from banmian.cli import main
from banmian.errors import GoldError

TEXT = "绵阳去年实现地区生产总值3626.9亿元，同比增长5%。"
PLACE = {"type": "place", "text": "绵阳", "field": "text", "start": 0, "end": 2, "name": "绵阳市",
         "code": "510700", "level": "city", "parent": "四川省"}
DATE = {"type": "date", "text": "去年", "field": "text", "start": 2, "end": 4, "value_start": "2022-01-01",
        "value_end": "2022-12-31", "precision": "year"}
MONEY = {"type": "quantity", "text": "3626.9亿元", "field": "text", "start": 12, "end": 20,
         "value": 362690000000, "unit": "CNY", "qualifier": "exact"}


def _write(path, rows):
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n"
                            for r in rows), encoding="utf-8")
    return path


def _gold(tmp_path, facts=(PLACE, DATE, MONEY), extra=()):
    return _write(tmp_path / "gold.jsonl", [{"id": "s1", "date": "2023-05-22", "text": TEXT, "facts": list(facts)},
                                            *extra])


def test_extracts_and_scores_every_type(tmp_path):
    r = banmian.evaluate(_gold(tmp_path))
    assert r["sentences"] == 1 and r["errors"] == []
    assert r["types"]["place"]["exact"] == {"tp": 1, "precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert r["types"]["quantity:money"]["overlap"]["recall"] == 1.0
    # the extractor also finds 5% and an indicator the gold does not list
    assert r["types"]["quantity"]["pred"] == 2 and r["types"]["quantity"]["exact"]["precision"] == 0.5
    assert r["types"]["person"]["gold"] == 0 and r["types"]["person"]["exact"]["f1"] == 1.0


def test_predictions_from_a_file_matched_by_id(tmp_path):
    shifted = dict(PLACE, start=0, end=3, text="绵阳去")
    wrong_name = dict(DATE, value_start="2021-01-01")
    pred = _write(tmp_path / "pred.jsonl", [{"id": "s1", "facts": [shifted, wrong_name, MONEY]}])
    r = banmian.evaluate(_gold(tmp_path), pred)
    assert r["types"]["place"]["exact"]["tp"] == 0 and r["types"]["place"]["overlap"]["tp"] == 1
    assert r["types"]["date"]["exact"]["tp"] == 1 and r["types"]["date"]["attrs"]["tp"] == 0
    assert r["micro"]["gold"] == 3 and r["micro"]["exact"]["tp"] == 2


def test_person_name_and_title_accuracy(tmp_path):
    text = "成都市委常委、副市长王志华介绍。"
    gold_p = {"type": "person", "text": "王志华", "field": "text", "start": 10, "end": 13, "name": "王志华",
              "title": "成都市委常委、副市长"}
    gold = _write(tmp_path / "g.jsonl", [{"id": 1, "text": text, "facts": [gold_p]}])
    pred = _write(tmp_path / "p.jsonl", [{"id": 1, "facts": [dict(gold_p, title="副市长")]}])
    r = banmian.evaluate(gold, pred, types=["person"])
    assert r["types"]["person"]["exact"]["f1"] == 1.0
    assert r["types"]["person"]["attrs"]["f1"] == 0.0
    assert r["types"]["person"]["name_title_accuracy"] == 0.0


@pytest.mark.parametrize("line,reason", [
    ("{not json", "not JSON"),
    ('{"id": 2, "facts": []}', '"text" string'),
    ('{"id": 2, "text": "abc"}', '"facts" list'),
    ('{"id": 2, "text": "abc", "facts": [{"type": "planet", "start": 0, "end": 1, "text": "a"}]}', "planet"),
    ('{"id": 2, "text": "abc", "facts": [{"type": "place", "start": 0, "end": 2, "text": "ac"}]}', "text[0:2]"),
    ('{"id": 2, "text": "abc", "facts": [{"type": "place", "start": 2, "end": 9, "text": "c"}]}', "offsets"),
    ('{"id": 2, "text": "abc", "date": "May 2023", "facts": []}', "YYYY-MM-DD"),
])
def test_bad_gold_line_is_one_error_and_the_rest_is_scored(tmp_path, capsys, line, reason):
    gold = _gold(tmp_path, extra=[line])
    r = banmian.evaluate(gold)
    assert r["sentences"] == 1 and len(r["errors"]) == 1
    assert f"{gold}:2:" in r["errors"][0] and reason in r["errors"][0]
    code = main(["eval", str(gold)])
    out, err = capsys.readouterr()
    assert code == 1 and len(err.strip().splitlines()) == 1 and "gold.jsonl:2:" in err
    assert "place" in out


def test_cli_table_json_and_misses(tmp_path, capsys):
    gold = _gold(tmp_path)
    assert main(["eval", str(gold)]) == 0
    out, err = capsys.readouterr()
    assert err == "" and "exact P" in out and "all (micro)" in out
    assert main(["eval", str(gold), "--format", "json", "--types", "place,date"]) == 0
    r = json.loads(capsys.readouterr()[0])
    assert set(r["types"]) == {"place", "date"}
    assert main(["eval", str(gold), "--misses"]) == 0
    out = capsys.readouterr()[0]
    assert "spurious" in out and "5%" in out


def test_cli_missing_file_and_bad_type(tmp_path, capsys):
    assert main(["eval", str(tmp_path / "none.jsonl")]) == 1
    assert "none.jsonl" in capsys.readouterr()[1]
    assert main(["eval", str(_gold(tmp_path)), "--types", "planet"]) == 1
    assert "planet" in capsys.readouterr()[1]


def test_missing_gold_file_is_an_error_in_the_api(tmp_path):
    with pytest.raises(GoldError, match="no such file"):
        banmian.evaluate(tmp_path / "none.jsonl")


def test_predictions_missing_a_line(tmp_path):
    pred = _write(tmp_path / "pred.jsonl", [{"id": "other", "facts": []}])
    r = banmian.evaluate(_gold(tmp_path), pred)
    assert r["types"]["place"]["exact"]["recall"] == 0.0
    assert any("no line for gold id 's1'" in e for e in r["errors"])


def test_bench_extract_runs(tmp_path):
    """The benchmark script runs end to end on a tiny corpus (its figures are not checked)."""
    import subprocess
    import sys
    from pathlib import Path

    script = Path(__file__).resolve().parent.parent / "bench" / "bench_extract.py"
    proc = subprocess.run([sys.executable, str(script), "--chars", "3000", "--no-jieba"],
                          capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode == 0, proc.stderr
    assert "chars/s" in proc.stdout and "peak memory" in proc.stdout
