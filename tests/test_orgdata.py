"""The organisation tables load and agree with each other (regeneration: test_generated_data.py)."""

from __future__ import annotations


def test_data_tables_are_well_formed():
    from banmian.extract.orgs import _index

    idx = _index()
    assert idx.suffixes["有限公司"].mode == "free"
    assert "国务院" in idx.names and "新华社" in idx.names
    assert not (idx.stop & idx.generic), "a category word cannot also end a name"
    assert "的" in idx.stopchar
