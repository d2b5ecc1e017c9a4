"""Pick the reader from the file's content, not its name."""

from __future__ import annotations

from ..errors import InputError
from ..model import Page

#: Leading bytes of formats that are not text pages.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"GIF8", "gif"),
    (b"PK\x03\x04", "zip"),
    (b"\x1f\x8b", "gzip"),
)
_HTML_MARKS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta ", b"<div", b"<p>", b"<p ", b"<br",
               b"<span", b"<article", b"<h1", b"<h2", b"<h3", b"<table", b"<section", b"<title", b"<ul", b"<ol",
               b"<li", b"<a ", b"<td", b"<font", b"<img")


#: Image formats read by OCR (the ``ocr`` extra).
_IMAGES = ("png", "jpeg", "tiff")


def sniff(data: bytes) -> str:
    """``text``, ``html``, ``pdf``, an image format or another binary format's name."""
    head = data[:16]
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    lead = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lead.startswith(b"<") and any(m in lead for m in _HTML_MARKS) and b"</" in data[:65536]:
        return "html"
    return "text"


def read_page(data: bytes, name: str, encoding: str | None = None) -> Page:
    """Read one page from its bytes with the reader its content calls for."""
    from .text import read_text_page

    kind = sniff(data)
    if kind == "text":
        return read_text_page(data, name, encoding=encoding)
    if kind == "pdf":
        from .pdf import read_pdf_page

        return read_pdf_page(data, name)
    if kind in _IMAGES:
        from .ocr import read_image_page

        return read_image_page(data, name, kind)
    if kind == "html":
        from .html import read_html_page

        return read_html_page(data, name, encoding=encoding)
    if kind == "gif":
        raise InputError("is a GIF image; scanned pages are read from PNG, JPEG or TIFF", source=name)
    raise InputError(f"is a {kind} archive, not a page", source=name)
