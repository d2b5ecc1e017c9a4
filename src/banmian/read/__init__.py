"""Readers: turn an input (a text dump; later PDF, HTML, images) into a Page."""

from banmian.read.sniff import read_page, sniff
from banmian.read.text import decode_bytes, normalise, read_text_page, split_blocks

__all__ = ["decode_bytes", "normalise", "read_page", "read_text_page", "sniff", "split_blocks"]
