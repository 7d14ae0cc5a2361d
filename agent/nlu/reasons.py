"""Return and cancellation reasons: the shopper's words mapped onto the shop's fixed reason codes."""

from __future__ import annotations

import re

from agent.nlu.slots import Reason

# Checked in order: the first pattern that matches names the reason.
_REASONS: list[tuple[Reason, re.Pattern[str]]] = [
    (
        "duplicate_order",
        re.compile(
            r"\b(ordered|bought|placed|charged)\b.{0,20}\b(twice|two times|double)\b|\bduplicate\b|\bdouble order", re.I
        ),
    ),
    (
        "ordered_by_mistake",
        re.compile(
            r"\b(by (mistake|accident)|accidental(ly)?|mistakenly|wrong button|didn'?t mean to|misclick|"
            r"ordered the wrong)\b",
            re.I,
        ),
    ),
    (
        "damaged",
        re.compile(
            r"\b(damaged|broken|broke|smashed|crushed|torn|ripped|leak(ing|ed|s)?|dented|cracked|spilled|"
            r"split open|open(ed)? bag|punctured|shattered)\b|破损|坏了|漏",
            re.I,
        ),
    ),
    (
        "defective",
        re.compile(
            r"\b(defective|faulty|doesn'?t work|does not work|stopped working|not working|won'?t (turn on|charge|"
            r"work)|malfunction\w*|dead on arrival|expired|mou?ldy|spoiled|rotten|off smell|smells (bad|off))\b|"
            r"过期|不能用|质量问题",
            re.I,
        ),
    ),
    (
        "wrong_size",
        re.compile(
            r"\b(too (small|big|large|tight|loose|short|long)|doesn'?t fit|does not fit|wrong size|didn'?t fit|"
            r"too little|size (is|was) (wrong|off))\b|尺寸不对|太小|太大",
            re.I,
        ),
    ),
    (
        "wrong_item",
        re.compile(
            r"\b(wrong (item|product|flavou?r|colou?r|one|thing|order)|not what i ordered|sent (me )?the wrong|"
            r"received the wrong|got the wrong|different (item|product|flavou?r)|missing items?)\b|发错",
            re.I,
        ),
    ),
    (
        "pet_refused",
        re.compile(
            r"\b(my )?(dog|cat|puppy|kitten|pup|bunny|rabbit|bird|hamster|pet)s?\b.{0,30}\b(won'?t|doesn'?t|"
            r"does not|will not|refuses?( to)?|hates?|dislikes?|didn'?t|did not)\b.{0,12}\b(eat|touch|like|use|"
            r"play|want|it)|\b(picky eater|not interested)\b|\b(won'?t|wont|doesn'?t|does not|will not|refuses? to|"
            r"didn'?t|did not)\s+(even\s+)?(eat|touch)\b|\b(dog|cat|puppy|kitten|pet)s?\b.{0,20}\b(hates?|dislikes?)\b|"
            r"\b(not|isn'?t|wasn'?t)\s+into\s+(it|them|this|these)\b",
            re.I,
        ),
    ),
    (
        "not_as_described",
        re.compile(
            r"\b(not as (described|advertised|pictured|shown)|looks different|different from the (picture|photo|"
            r"description)|misleading|poor quality|cheap(ly made)?|bad quality|low quality)\b|与描述不符",
            re.I,
        ),
    ),
    (
        "late",
        re.compile(
            r"\b(too late|took too long|taking too long|arrived late|late delivery|still (hasn'?t|not) (arrived|"
            r"shipped|come)|never (arrived|came|showed up)|not arrived|hasn'?t arrived|delayed|so slow)\b|太慢|还没到",
            re.I,
        ),
    ),
    (
        "found_cheaper",
        re.compile(
            r"\b(cheaper|better (price|deal)|lower price|found it for less|price (dropped|match))\b|更便宜", re.I
        ),
    ),
    (
        "changed_mind",
        re.compile(
            r"\b(changed? my mind|don'?t (need|want) (it|them|this|that)( anymore| any more)?|no longer (need|"
            r"want)|not needed|don'?t like (it|them)|not for me|decided (against|not)|the pet (died|passed)|"
            r"passed away|rehomed|not (what i|as i) expected|only need(ed)? (one|two|three|\d+)|bought too many|"
            r"ordered too many|too many|switched to (a |another )?(different|other))\b|不想要|不需要|不要了",
            re.I,
        ),
    ),
]


def find_reason(text: str) -> Reason | None:
    """The reason code the message gives, or `None`; 'other' is for the graph to set when asked and unmatched."""
    for reason, pattern in _REASONS:
        if pattern.search(text):
            return reason
    return None
