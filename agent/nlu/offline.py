"""The offline understander: calibrated intent classifier, second-intent detection, slots, language, context."""

from __future__ import annotations

import re

from agent.nlu.base import OUT_OF_SCOPE, TextEmbedder, Understanding
from agent.nlu.clauses import split_clauses
from agent.nlu.context import DialogueContext
from agent.nlu.extract import SlotExtractor
from agent.nlu.features import Floats
from agent.nlu.intent_model import IntentModel
from agent.nlu.language import detect_language
from agent.nlu.slots import Slots
from agent.nlu.spelling import Speller

CONFIRM, DENY, UNSURE = "confirm", "deny", "unsure"
CHOOSE_OPTION = "choose_option"
PROVIDE_INFO = "provide_info"
# Intents that are not requests of their own: "hi, where is my order?" carries one request, not two.
_NOT_A_REQUEST = frozenset({OUT_OF_SCOPE, "greeting", "goodbye", "thanks", CONFIRM, DENY, UNSURE, "bot_identity"})
_PLEASANTRIES = frozenset({"greeting", "goodbye", "thanks", "bot_identity"})
SECOND_INTENT_MIN = 0.6
_SHORT_ANSWER_WORDS = 6
_SLOT_OF_EXPECTATION = {
    "order_number": "order_numbers",
    "email": "emails",
    "phone": "phones",
    "postal_code": "postal_codes",
    "quantity": "quantity",
    "reason": "reason",
}


class OfflineUnderstander:
    """Understands messages with local models only; deterministic, a few milliseconds per message."""

    def __init__(
        self,
        model: IntentModel,
        embedder: TextEmbedder,
        slots: SlotExtractor | None = None,
        speller: Speller | None = None,
    ) -> None:
        self.model = model
        self.embedder = embedder
        self.slots = slots or SlotExtractor()
        self.speller = speller or Speller()  # without a vocabulary it only spells out shorthand

    @property
    def intents(self) -> list[str]:
        return list(self.model.labels)

    def understand(self, text: str, context: DialogueContext | None = None) -> Understanding:
        # The classifier reads the message with typos and shorthand fixed; slots read it as typed.
        reading = self.speller.rewrite(text)
        vector = self.embedder.embed_one(reading)
        probs = self.model.probabilities([reading], vector[None, :])[0]
        intent, confidence = self.model.decide(probs)
        slots = self.slots.extract(text, context)
        if intent == OUT_OF_SCOPE and slots.products:
            # A message naming one of our products is about the shop ("how much r the tennis balls"), even when
            # its other words sound like another domain's ("tennis", "track"): read it again with the name as
            # the plain word "product", and take the best of our intents.
            probs = self._read_masked(text, [p.matched for p in slots.products])
            intent, confidence = self.model.best_in_scope(probs)
        result = Understanding(
            intent=intent,
            confidence=round(confidence, 4),
            language=detect_language(text),
            ranked=self.model.ranked(probs),
            slots=slots,
            source="offline",
        )
        result = self._second_intent(reading, result)
        return _apply_context(text, result, context) if context is not None else result

    def _read_masked(self, text: str, names: list[str]) -> Floats:
        """Probabilities for `text` with the product names it mentions replaced by the word 'product'."""
        masked = text
        for name in sorted(names, key=len, reverse=True):
            masked = re.sub(re.escape(name), "product", masked, flags=re.IGNORECASE) if name.strip() else masked
        reading = self.speller.rewrite(masked)
        probs: Floats = self.model.probabilities([reading], self.embedder.embed([reading]))[0]
        return probs

    def _second_intent(self, text: str, result: Understanding) -> Understanding:
        """Two clauses, each confidently a different request, one of them the message's own intent.

        A pleasantry read as the whole message's intent gives way to a request in one of its clauses: "ur bot is
        useless, get me someone who can help" asks for a person, whatever it says about the bot first.
        """
        clauses = split_clauses(text)
        if len(clauses) < 2 or (result.intent in _NOT_A_REQUEST and result.intent not in _PLEASANTRIES):
            return result
        probs = self.model.probabilities(clauses, self.embedder.embed(clauses))
        found: list[tuple[str, float]] = []
        for row in probs:
            intent, confidence = self.model.decide(row)
            if intent not in _NOT_A_REQUEST and confidence >= SECOND_INTENT_MIN and intent not in {i for i, _ in found}:
                found.append((intent, confidence))
        if result.intent in _PLEASANTRIES:
            if not found:
                return result
            result = result.model_copy(update={"intent": found[0][0], "confidence": round(found[0][1], 4)})
        others = [(i, c) for i, c in found if i != result.intent]
        if len(found) >= 2 and others and any(i == result.intent for i, _ in found):
            second, confidence = others[0]
            return result.model_copy(update={"second_intent": second, "second_confidence": round(confidence, 4)})
        return result


def _apply_context(text: str, result: Understanding, context: DialogueContext) -> Understanding:
    """Answers to the bot's own question win over the classifier's reading of a short reply."""
    slots = result.slots
    short = len(re.findall(r"\w+", text)) <= _SHORT_ANSWER_WORDS
    if context.expecting == "yes_no" and slots.answer is not None and short:
        intent = {"yes": CONFIRM, "no": DENY, "unsure": UNSURE}[slots.answer]
        return result.model_copy(update={"intent": intent, "confidence": max(result.confidence, 0.95)})
    if slots.choice is not None and (context.expecting == "choice" or short):
        return result.model_copy(update={"intent": CHOOSE_OPTION, "confidence": max(result.confidence, 0.9)})
    expected = _SLOT_OF_EXPECTATION.get(context.expecting or "")
    if expected is not None and _filled(slots, expected) and (short or result.intent == OUT_OF_SCOPE):
        intent = context.pending_intent or PROVIDE_INFO
        return result.model_copy(update={"intent": intent, "confidence": max(result.confidence, 0.9)})
    return result


def _filled(slots: Slots, name: str) -> bool:
    value = getattr(slots, name)
    return bool(value) if isinstance(value, list) else value is not None
