"""Facts are stored as columns plus JSON of the rest; they come back whole, in the contract's order."""

from __future__ import annotations

import json

import pytest

from banmian.store.factcodec import MARK, pack, unpack

DIVISIONS = {"临平区": "330113", "绵阳市": "510700"}

CASES = [  # (type, attrs), one per line
    ("place", {"name": "绵阳市", "code": "510700", "level": "city", "parent": "四川省"}),
    ("place", {"name": "塘栖镇", "code": None, "level": "town", "parent": "临平区"}),
    ("place", {"name": "京津冀", "code": None, "level": "region", "parent": None}),
    ("place", {"name": "朝阳区", "code": None, "level": "county", "parent": None}),
    ("quantity", {"value": 23000000, "unit": "CNY", "qualifier": "more_than"}),
    ("quantity", {"value": 5.48, "unit": "%", "qualifier": "range", "value_max": 14.2}),
    ("quantity", {"value": 5.0, "unit": "%", "qualifier": "exact"}),
    ("quantity", {"value": True, "unit": "个", "qualifier": "exact"}),  # not a number: kept as is
    ("date", {"value_start": "2023-01-01", "value_end": "2023-03-31", "precision": "quarter"}),
    ("date", {"value_start": None, "value_end": None, "precision": "range"}),
    ("indicator", {"subject": "绵阳市", "indicator": "地区生产总值", "value": 362690000000, "unit": "CNY",
                   "period_start": "2022-01-01", "period_end": "2022-12-31", "growth": 5}),
    ("indicator", {"subject": "某公司", "indicator": "营收", "value": 1.5e9, "unit": "CNY", "period_start": None,
                   "period_end": None, "growth": None}),
    ("person", {"name": "王志华", "title": "成都市委常委、副市长"}),
    ("person", {"name": "兰云", "title": None}),
    ("organization", {"name": "中国工商银行钦州分行"}),
    ("document", {"name": "钦州市提升新型农业经营主体金融服务专项行动方案"}),
    ("event", {"name": "进博会", "value": [1, 2], "extra": {"a": 1}}),  # a type added later, odd values
    ("place", {}),
]


@pytest.mark.parametrize("ftype,attrs", CASES)
def test_round_trip_in_order(ftype, attrs):
    packed = pack(ftype, attrs, DIVISIONS.get)
    back = unpack(packed[-1], packed[:7])
    assert back == attrs
    assert list(back) == list(attrs)  # the contract's key order
    assert all(type(back[k]) is type(v) for k, v in attrs.items())


@pytest.mark.parametrize("ftype,attrs,division", [
    ("place", {"name": "绵阳市", "code": "510700", "level": "city", "parent": "四川省"}, "510700"),
    ("place", {"name": "塘栖镇", "code": None, "level": "town", "parent": "临平区"}, "330113"),
    ("indicator", {"subject": "绵阳市", "indicator": "GDP", "value": 1}, "510700"),
    ("place", {"name": "京津冀", "code": None, "level": "region", "parent": None}, None),
])
def test_division_column(ftype, attrs, division):
    assert pack(ftype, attrs, DIVISIONS.get)[1] == division


def test_columns_are_not_repeated_in_the_json():
    packed = pack("place", {"name": "绵阳市", "code": "510700", "level": "city", "parent": "四川省"}, DIVISIONS.get)
    assert json.loads(packed[-1]) == {"level": "city", "parent": "四川省", MARK: "nk"}
