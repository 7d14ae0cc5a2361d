"""Splitting a message into clauses, to find a second request ('where is it, and can I change the address?')."""

from __future__ import annotations

import re

# A new clause starts after a sentence end, or after "and"/"also"/"plus" when a question or request follows.
_STARTERS = (
    r"(?:i|i'm|i'd|i've|im|id|can|could|would|will|how|what|when|where|why|which|is|are|do|does|did|please|"
    r"pls|may|also|my|you|want|need|let|tell|send|change|cancel|update|track|return|refund|show|give|"
    r"help|get|check|and)"
)
_BOUNDARY = re.compile(
    rf"(?:(?<=[.?!;])\s+|\s*,?\s+(?:and also|and then|and|also|plus|but also|as well as|oh and|btw|by the way)\s+"
    rf"(?={_STARTERS}\b)|\s*[,;]\s+(?=(?:also|plus|and)\s))",
    re.I,
)
_ZH_BOUNDARY = re.compile(r"[。？！；]|(?:另外|还有|然后|顺便)")
_CJK = re.compile(r"[\u3400-\u9fff]")
MIN_WORDS = 3  # "and refund" is part of one request; "can I get a refund" is a request of its own
MIN_CJK_CHARS = 3


def _long_enough(clause: str) -> bool:
    if _CJK.search(clause):
        return len(clause) >= MIN_CJK_CHARS
    return len(clause.split()) >= MIN_WORDS


def split_clauses(text: str) -> list[str]:
    """The clauses of `text` that are long enough to carry a request; one item when there is nothing to split."""
    parts = _ZH_BOUNDARY.split(text) if _CJK.search(text) else _BOUNDARY.split(text)
    clauses = [p.strip(" ,;") for p in parts if p and p.strip(" ,;")]
    long_enough = [c for c in clauses if _long_enough(c)]
    return long_enough if len(long_enough) >= 2 else [text]
