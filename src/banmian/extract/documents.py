"""Documents: titles printed in 《》 (laws, plans, agreements, measures, newspapers)."""

from __future__ import annotations

import re

from ..model import Fact

__all__ = ["find_documents"]

#: A title in book-title marks, nested marks allowed one level deep (《关于〈…〉的决定》).
_DOC_RE = re.compile(r"《(?P<name>(?:[^《》〈〉\n]|〈[^〈〉\n]*〉){1,120})》")


def find_documents(text: str) -> list[Fact]:
    """Every 《title》 in ``text``; the fact spans the marks, ``name`` is the title inside."""
    return [Fact("document", m.group(0), m.start(), m.end(), attrs={"name": m.group("name").strip()})
            for m in _DOC_RE.finditer(text)]
