"""Date extraction: 'tomorrow', 'next friday', 'on the 5th', 'June 3', '2025-06-03', '6/3' against a reference day."""

from __future__ import annotations

import re
from datetime import date, timedelta

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_WEEKDAYS = {
    name: number
    for number, names in enumerate(
        [
            ("mon", "monday"),
            ("tue", "tues", "tuesday"),
            ("wed", "wednesday"),
            ("thu", "thur", "thurs", "thursday"),
            ("fri", "friday"),
            ("sat", "saturday"),
            ("sun", "sunday"),
        ]
    )
    for name in names
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WEEKDAY = "|".join(sorted(_WEEKDAYS, key=len, reverse=True))
_ORD = r"(\d{1,2})(?:st|nd|rd|th)?"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")),
    ("slash", re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})(?:/(\d{2,4}))?(?![\d/])")),
    ("month_day", re.compile(rf"\b({_MONTH})\.?\s+{_ORD}\b(?:,?\s*(\d{{4}}))?", re.I)),
    ("day_month", re.compile(rf"\b(?:the\s+)?{_ORD}\s+(?:of\s+)?({_MONTH})\b\.?(?:,?\s*(\d{{4}}))?", re.I)),
    (
        "relative",
        re.compile(r"\b(today|tonight|tomorrow|tmrw|tmr|yesterday|day after tomorrow|day before yesterday)\b", re.I),
    ),
    ("ago", re.compile(r"\b(\d{1,2}|a|one|two|three|four|five|six|seven)\s+(days?|weeks?)\s+ago\b", re.I)),
    ("weekday", re.compile(rf"\b(?:(next|last|this|on)\s+)?({_WEEKDAY})\b\.?", re.I)),
    ("ordinal", re.compile(r"\bon\s+the\s+(\d{1,2})(?:st|nd|rd|th)\b", re.I)),
]
_SMALL = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}


def find_dates(text: str, today: date) -> list[date]:
    """Every date the text names, resolved against `today`, in order of appearance, without repeats."""
    found: list[tuple[int, date]] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            value = _resolve(kind, m, today)
            if value is not None:
                found.append((m.start(), value))
                taken.append((m.start(), m.end()))
    out: list[date] = []
    for _, value in sorted(found, key=lambda pair: pair[0]):
        if value not in out:
            out.append(value)
    return out


def _resolve(kind: str, m: re.Match[str], today: date) -> date | None:
    if kind == "iso":
        return _safe(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if kind == "slash":  # month/day, the US order the demo shop uses
        year = _year(m.group(3), today)
        return (
            _safe(year, int(m.group(1)), int(m.group(2)))
            if m.group(3)
            else _nearest(today, int(m.group(1)), int(m.group(2)))
        )
    if kind == "month_day":
        month, day = _MONTHS[m.group(1).lower()], int(m.group(2))
        return _safe(int(m.group(3)), month, day) if m.group(3) else _nearest(today, month, day)
    if kind == "day_month":
        day, month = int(m.group(1)), _MONTHS[m.group(2).lower()]
        return _safe(int(m.group(3)), month, day) if m.group(3) else _nearest(today, month, day)
    if kind == "relative":
        word = m.group(1).lower()
        offsets = {
            "today": 0,
            "tonight": 0,
            "tomorrow": 1,
            "tmrw": 1,
            "tmr": 1,
            "yesterday": -1,
            "day after tomorrow": 2,
            "day before yesterday": -2,
        }
        return today + timedelta(days=offsets[word])
    if kind == "ago":
        count = int(m.group(1)) if m.group(1).isdigit() else _SMALL[m.group(1).lower()]
        return today - timedelta(days=count * (7 if m.group(2).lower().startswith("week") else 1))
    if kind == "weekday":
        name, modifier = m.group(2), (m.group(1) or "").lower()
        if len(name) <= 4 and name.islower() and modifier in {"", "on"}:
            return None  # "sat", "sun", "wed" in lower case are words more often than days
        return _weekday(today, _WEEKDAYS[name.lower()], modifier)
    if kind == "ordinal":
        return _safe(today.year, today.month, int(m.group(1)))
    return None


def _weekday(today: date, target: int, modifier: str) -> date:
    ahead = (target - today.weekday()) % 7
    if modifier == "last":
        return today - timedelta(days=(today.weekday() - target) % 7 or 7)
    if modifier == "next":
        return today + timedelta(days=ahead or 7)
    return today + timedelta(days=ahead)


def _nearest(today: date, month: int, day: int) -> date | None:
    """A day-and-month without a year: this year's, unless that is more than half a year away."""
    candidate = _safe(today.year, month, day)
    if candidate is None:
        return None
    if (candidate - today).days > 183:
        return _safe(today.year - 1, month, day)
    if (today - candidate).days > 183:
        return _safe(today.year + 1, month, day)
    return candidate


def _year(raw: str | None, today: date) -> int:
    if raw is None:
        return today.year
    return 2000 + int(raw) if len(raw) == 2 else int(raw)


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
