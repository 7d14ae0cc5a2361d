"""A small lexicon understander for greetings and goodbyes, the foundation's only intents.

The trained offline classifier (issue 5) replaces it behind the same `Understander` interface.
"""

from __future__ import annotations

import re

from agent.nlu.base import Understanding
from agent.nlu.context import DialogueContext
from agent.nlu.language import detect_language

_GREETINGS = re.compile(
    r"^\s*(hi+|hello+|hey+|hiya|howdy|good (morning|afternoon|evening)|greetings|yo|"
    r"你好|您好|嗨|哈喽|早上好|下午好|晚上好)\b[\s!.,?~]*",
    re.IGNORECASE,
)
_GOODBYES = re.compile(
    r"^\s*(bye+|goodbye|good bye|see (you|ya)|cya|that'?s all|thanks?,? bye|"
    r"thank(s| you)[\s,!.]*(that'?s all|bye)?|再见|拜拜|谢谢|多谢)\b[\s!.,?~]*$",
    re.IGNORECASE,
)


class LexiconUnderstander:
    """Recognises greeting and goodbye by pattern; everything else is `unknown`."""

    def understand(self, text: str, context: DialogueContext | None = None) -> Understanding:
        language = detect_language(text)
        if _GOODBYES.match(text):
            return Understanding(intent="goodbye", confidence=0.9, language=language, source="lexicon")
        match = _GREETINGS.match(text)
        if match and len(text[match.end() :].strip()) == 0:
            return Understanding(intent="greeting", confidence=0.9, language=language, source="lexicon")
        return Understanding(intent="unknown", confidence=0.0, language=language, source="lexicon")
