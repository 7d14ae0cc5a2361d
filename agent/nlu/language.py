"""Language detection by script: enough to pick reply templates offline."""

from __future__ import annotations

import unicodedata


def detect_language(text: str) -> str:
    """Return 'zh' when the message is mostly CJK ideographs, else 'en'."""
    cjk = 0
    letters = 0
    for ch in text:
        if ch.isalpha():
            letters += 1
            if "CJK" in unicodedata.name(ch, ""):
                cjk += 1
    if letters and cjk / letters >= 0.3:
        return "zh"
    return "en"
