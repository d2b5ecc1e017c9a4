"""read -> segment -> extract: the one place that knows the order of the stages."""

from __future__ import annotations

import datetime as _dt
import os
from pathlib import Path

from .errors import InputError, UsageError
from .model import Fact, Page

__all__ = ["parse_page", "parse_bytes", "extract_facts", "check_date"]


def check_date(date: str | _dt.date | None) -> str | None:
    """Normalise an issue date to ``YYYY-MM-DD``; a bad one is a ``UsageError``."""
    if date is None or date == "":
        return None
    if isinstance(date, _dt.date):
        return date.isoformat()
    try:
        return _dt.date.fromisoformat(str(date).strip()).isoformat()
    except ValueError:
        raise UsageError(f"--date {date!r} is not a date: write it as YYYY-MM-DD") from None


def _ref(date: str | None) -> _dt.date | None:
    return _dt.date.fromisoformat(date) if date else None


def extract_facts(text: str, date: str | _dt.date | None = None) -> list[Fact]:
    """Facts stated in running text, with ``field`` ``text`` and offsets into ``text``."""
    from .extract.facts import extract_text

    return extract_text(text, _ref(check_date(date)))


def _add_facts(page: Page) -> Page:
    from .extract.facts import extract_article

    ref = _ref(page.date)
    for art in page.articles:
        art.facts = extract_article(art, ref)
    return page


def parse_bytes(data: bytes, name: str, date: str | _dt.date | None = None,
                encoding: str | None = None, facts: bool = True, *,
                default_date: str | _dt.date | None = None) -> Page:
    """Parse one page given as bytes; ``name`` is used in the source and in errors.

    ``date`` is the issue date whatever the page prints; ``default_date`` is used only when the
    page prints none (an archive's folder names often carry it).
    """
    from .read import read_page
    from .segment import segment_page

    issue_date = check_date(date)
    page = read_page(data, name, encoding=encoding)
    if issue_date:
        page.date = issue_date
    segment_page(page)
    if not page.date and default_date:
        page.date = check_date(default_date)
    return _add_facts(page) if facts else page


def parse_page(path_or_text: str | os.PathLike[str] | bytes, date: str | _dt.date | None = None, *,
               encoding: str | None = None, facts: bool = True) -> Page:
    """Parse a newspaper page: a path, the page's text, or its bytes.

    A ``str`` is taken as a path when it names an existing file and holds no line break;
    otherwise it is the page's text.
    """
    if isinstance(path_or_text, bytes):
        return parse_bytes(path_or_text, "<bytes>", date, encoding, facts)
    if isinstance(path_or_text, os.PathLike) or _looks_like_path(path_or_text):
        path = Path(path_or_text)
        try:
            data = path.read_bytes()
        except IsADirectoryError:
            raise InputError("is a folder, not a page", source=str(path)) from None
        except FileNotFoundError:
            raise InputError("no such file", source=str(path)) from None
        except PermissionError:
            raise InputError("cannot be read (permission denied)", source=str(path)) from None
        except OSError as e:
            raise InputError(f"cannot be read ({e.strerror or e})", source=str(path)) from None
        return parse_bytes(data, str(path), date, encoding, facts)
    # The page's own text. Lone surrogates (from a bad decode upstream) become U+FFFD.
    data = path_or_text.encode("utf-8", "surrogatepass").decode("utf-8", "replace").encode("utf-8")
    return parse_bytes(data, "<text>", date, "utf-8", facts)


#: File name endings that make a one-line string a path even when no such file exists.
_PATH_SUFFIXES = (".txt", ".text", ".pdf", ".html", ".htm", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".json")


def _looks_like_path(s: str) -> bool:
    """A one-line string naming a file: it exists, or it has a path separator or a file ending."""
    if "\n" in s or len(s) > 4096:
        return False
    if os.path.exists(s):
        return True
    return (os.sep in s or s.lower().endswith(_PATH_SUFFIXES)) and not any("\u4e00" <= ch <= "\u9fff" for ch in s[:1])
