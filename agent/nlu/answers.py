"""Answers to the bot's own question: yes/no/unsure, and which shown option ('the second one', 'that one')."""

from __future__ import annotations

import difflib
import re

from agent.nlu.context import DialogueContext, ShownOption
from agent.nlu.slots import Answer

_YES = re.compile(
    r"^\s*(y|ya|yes+|yeah|yea|yep|yup|yess|ye|sure|surely|ok+|okay|okey|k|alright|all right|of course|ofc|absolutely|"
    r"definitely|correct|right|exactly|indeed|please do|go ahead|do it|confirm(ed)?|i confirm|sounds good|"
    r"that'?s (right|correct|it|fine|good)|that works|fine|perfect|great|affirmative|yes please|sure thing|"
    r"是|是的|对|对的|好|好的|可以|行|确认|没问题|嗯)\b",
    re.I,
)
_NO = re.compile(
    r"^\s*(n|no+|nope|nah|nay|not really|no thanks|no thank you|don'?t|do not|never ?mind|nevermind|cancel that|"
    r"stop|wait|hold on|not now|not yet|negative|wrong|that'?s (wrong|not (it|right))|no way|"
    r"不|不是|不要|不用|不对|算了|取消)\b",
    re.I,
)
_UNSURE = re.compile(
    r"^\s*(maybe|perhaps|not sure|i'?m not sure|dunno|i don'?t know|idk|possibly|let me think|也许|不确定)\b", re.I
)

_ORDINALS = {
    "first": 0,
    "1st": 0,
    "second": 1,
    "2nd": 1,
    "third": 2,
    "3rd": 2,
    "fourth": 3,
    "4th": 3,
    "fifth": 4,
    "5th": 4,
    "sixth": 5,
    "6th": 5,
    "seventh": 6,
    "7th": 6,
    "eighth": 7,
    "8th": 7,
    "ninth": 8,
    "9th": 8,
    "tenth": 9,
    "10th": 9,
    "top": 0,
    "former": 0,
}
_CARDINALS = {"one": 0, "two": 1, "three": 2, "four": 3, "five": 4, "six": 5}
_ORDINAL = re.compile(
    r"\b(?:the\s+)?(" + "|".join(_ORDINALS) + r")(?:\s+(?:one|option|choice|item|product|link|picture|order))?\b", re.I
)
_NUMBERED = re.compile(r"\b(?:option|number|no\.?|choice|item|#)\s*(\d{1,2})\b|^\s*(\d{1,2})\s*[.!]?\s*$", re.I)
_NAMED_NUMBER = re.compile(r"\b(?:option|number|choice)\s+(one|two|three|four|five|six)\b", re.I)
_LAST = re.compile(r"\b(the\s+)?(last|latter|final|bottom)(\s+one)?\b", re.I)
_DEICTIC = re.compile(r"\b(that|this|the same|same)\s+(one|item|product|thing)\b|^\s*(that|this|it)\s*[.!]?\s*$", re.I)
_ZH_ORDINAL = re.compile(r"第\s*([一二三四五六七八九十1-9])\s*(个|款|种|项|件)?")
_ZH_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


_FILLER = frozenset({"the", "and", "for", "with", "one", "from", "pack", "bag", "size"})


def detect_answer(text: str) -> Answer | None:
    """A yes, no or unsure at the start of a message ('yes please', 'nope', 'maybe later')."""
    if _UNSURE.match(text):
        return "unsure"
    if _NO.match(text):
        return "no"
    if _YES.match(text):
        return "yes"
    return None


def resolve_choice(text: str, context: DialogueContext | None) -> tuple[int, ShownOption] | None:
    """Which of the options the bot just showed the shopper means; `None` when the text names none."""
    if context is None:
        return None
    options = list(context.options)
    index = _index_in_text(text, len(options))
    if index is not None and 0 <= index < len(options):
        return index, options[index]
    if _DEICTIC.search(text):
        if context.focus is not None:
            return -1, context.focus
        if len(options) == 1:
            return 0, options[0]
    named = _named(text, options)
    if named is not None:
        return named, options[named]
    return None


def _index_in_text(text: str, count: int) -> int | None:
    m = _ORDINAL.search(text)
    if m:
        return _ORDINALS[m.group(1).lower()]
    m = _NAMED_NUMBER.search(text)
    if m:
        return _CARDINALS[m.group(1).lower()]
    m = _NUMBERED.search(text)
    if m:
        return int(m.group(1) or m.group(2)) - 1
    if count and _LAST.search(text):
        return count - 1
    m = _ZH_ORDINAL.search(text)
    if m:
        raw = m.group(1)
        return (int(raw) if raw.isdigit() else _ZH_DIGITS[raw]) - 1
    if count and re.search(r"最后(一)?(个|款|种)?", text):
        return count - 1
    return None


def _named(text: str, options: list[ShownOption]) -> int | None:
    """An option named by (part of) its label: 'the salmon one', 'the 2kg bag'."""
    lowered = text.lower()
    scores: list[tuple[float, int]] = []
    for index, option in enumerate(options):
        best = 0.0
        for phrase in (option.label, *option.aliases):
            phrase_l = phrase.lower()
            if phrase_l and phrase_l in lowered:
                best = max(best, 1.0)
                continue
            distinctive = [w for w in re.findall(r"\w+", phrase_l) if len(w) > 2 and w not in _FILLER]
            hits = [
                w for w in distinctive if difflib.get_close_matches(w, re.findall(r"\w+", lowered), n=1, cutoff=0.85)
            ]
            if distinctive:
                best = max(best, len(hits) / len(distinctive) * 0.9)
        scores.append((best, index))
    if not scores:
        return None
    scores.sort(reverse=True)
    top, index = scores[0]
    runner_up = scores[1][0] if len(scores) > 1 else 0.0
    # A word shared by every option ("kibble") names none of them: require a clear winner, or a word
    # only one option has ("the tunnel" among a tunnel and a fountain).
    if top >= 0.3 and top - runner_up >= 0.2:
        return index
    if top > 0 and runner_up == 0 and len(options) > 1:
        return index
    return None
