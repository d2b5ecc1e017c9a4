"""Hold a parsed page against the truth of the page that was printed, article by article.

Tolerant of OCR's character errors: each truth item is matched to the parsed article whose
headline and body start are most alike, then scored on its headline (exactly, and as a
similarity) and on its body (difflib similarity; a picture story's body is its captions).
Full-width and half-width forms count as one (a page may print ，or , and OCR reads either).
"""

from __future__ import annotations

from typing import Any

__all__ = ["check_articles", "summarise"]


def _norm(s: str | None) -> str:
    """Whitespace out, full-width forms folded (a page may print ，or , and OCR reads either)."""
    import unicodedata

    return "".join(unicodedata.normalize("NFKC", s or "").split())


def _ratio(a: str, b: str) -> float:
    from difflib import SequenceMatcher

    if not a and not b:
        return 1.0
    if not a or not b:
        return 0.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def check_articles(page: dict[str, Any], truth: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """For each truth item, the parsed article that best matches it and how well: ``headline``
    (exactly, whitespace aside), ``headline_sim`` and ``body_sim`` (difflib ratios; a picture
    story's body is its captions)."""
    outs = page["articles"]

    def body_of(a: dict[str, Any]) -> str:
        text = a.get("body") or ""
        if not text:
            text = "".join(c["text"] for c in a.get("captions", []))
        return _norm(text)

    out_bodies = [body_of(o) for o in outs]
    out_heads = [_norm(o.get("headline")) for o in outs]
    results = []
    for t in truth:
        head, body = _norm(t["headline"]), body_of(t)
        best, best_score = None, 0.0
        for k in range(len(outs)):
            score = _ratio(head, out_heads[k]) + _ratio(body[:300], out_bodies[k][:300])
            if score > best_score:
                best, best_score = k, score
        if best is None:
            results.append({"headline": t["headline"], "found": False, "headline_ok": False,
                            "headline_sim": 0.0, "body_sim": 0.0})
            continue
        results.append({"headline": t["headline"], "found": True, "got": outs[best].get("headline"),
                        "headline_ok": head == out_heads[best], "headline_sim": _ratio(head, out_heads[best]),
                        "body_sim": _ratio(body, out_bodies[best])})
    return results


def summarise(results: list[dict[str, Any]]) -> dict[str, float]:
    n = len(results) or 1
    return {"articles": len(results),
            "headline_exact": sum(r["headline_ok"] for r in results) / n,
            "headline_sim": sum(r["headline_sim"] for r in results) / n,
            "body_sim": sum(r["body_sim"] for r in results) / n,
            "body_sim_90": sum(r["body_sim"] >= 0.9 for r in results) / n}
