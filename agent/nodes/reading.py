"""Reading a message against the conversation: answers to the bot's own question, corrections, detours, requests."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from agent.context import AgentContext
from agent.nlu.base import Understanding
from agent.nlu.clauses import split_clauses
from agent.nlu.patterns import find_order_spans
from agent.nodes import cues
from agent.nodes.items import match_variant, wanted_quantity
from agent.routing import AFTER_SALES
from agent.state import ConversationState, Pending, Task
from agent.tools.address import destination_country, parse_address
from agent.tools.pets import PET
from connectors.orders.errors import OrderSystemError

# Intents that ask for nothing of their own: said while the bot waits, they are the answer to its question.
_NOT_A_REQUEST = frozenset(
    {"out_of_scope", "unknown", "provide_info", "unsure", "deny", "choose_option", "greeting", "thanks"}
)
# A product name reads like a product question, but after "which item?" it names the item.
_ITEM_ANSWERS = _NOT_A_REQUEST | {"product_question", "recommend", "compare_products"}
# What the bot awaits -> the slots that answer it.
_FILLS: dict[str, tuple[str, ...]] = {
    "email": ("emails", "phones"),
    "phone": ("phones", "postal_codes", "emails"),
    "postal_code": ("postal_codes", "emails"),
    "order_id": ("order_numbers", "postal_codes"),
}
# Intents a general question can be asked under, and answered from knowledge instead.
_ANSWERABLE = AFTER_SALES | {"recommend", "human_agent"}
# Where a new destination replaces the classifier's reading (an own order to be sent to a street address).
_ADDRESS_READINGS = frozenset(
    {"order_status", "unknown", "out_of_scope", "provide_info", "delivery_info", "shop_policy", "purchase_help"}
)


# Readings that ignore an order number in the message; the order request ranked next is taken instead.
_ORDER_BLIND = frozenset(
    {"out_of_scope", "unknown", "product_question", "delivery_info", "shop_policy", "purchase_help", "feedback"}
)
_ORDER_INTENT_MIN = 0.1


@dataclass
class Reading:
    """What the latest message does in this conversation."""

    intent: str
    result: Understanding
    second: str | None = None
    texts: dict[str, str] = field(default_factory=dict)  # intent -> the words that ask for it
    answers: str | None = None  # the awaited thing this message answers ("reason", "items", "correction")
    dont_know: bool = False
    drop: bool = False  # the request in progress is dropped

    def understanding(self) -> dict[str, Any]:
        return {
            "slots": self.result.slots.model_dump(mode="json"),
            "source": self.result.source,
            "texts": self.texts,
            "answers": self.answers,
            "dont_know": self.dont_know,
        }


def read(state: ConversationState, result: Understanding, text: str, ctx: AgentContext) -> Reading:
    rest = cues.abandoned(text)
    if rest is not None and (state.get("task") or state.get("pending")):
        if len(rest.split()) < 2:
            return Reading("abandon", result, drop=True)
        cleared: ConversationState = {**state, "task": None, "pending": None, "awaiting": None}
        reading = _read(cleared, ctx.understander.understand(rest, None), rest, ctx)
        reading.drop = True
        return reading
    return _read(state, result, text, ctx)


def _read(state: ConversationState, result: Understanding, text: str, ctx: AgentContext) -> Reading:
    task: Task = state.get("task") or {}
    waiting = state.get("awaiting")
    pending = state.get("pending")
    slots = result.slots
    intent = result.intent
    if cues.asks_for_person(text):
        return Reading("human_agent", result)
    if state.get("offer") == "handoff" and pending is None and (intent == "confirm" or slots.answer == "yes"):
        return Reading("human_agent", result)
    if state.get("offer") == "handoff" and pending is None and (intent in ("deny", "unsure") or slots.answer == "no"):
        # No to the offered person (or still no answer): the request the bot could not finish is dropped.
        return Reading(intent, result, drop=True)
    if cues.complains(text):
        return Reading("complaint", result)
    # Checked whatever the intent: "yes, but make it 4" is a yes to a different proposal, not to this one.
    if pending is not None and _corrects(pending, text, result, ctx):
        return Reading(task.get("intent", intent), result, answers="correction")
    if task.get("intent") in AFTER_SALES and slots.order_numbers and cues.CORRECTION.search(text):
        return Reading(task["intent"], result, answers="correction")
    if pending is not None and intent == "confirm" and not cues.plain_yes(text, pending["op"]):
        return Reading("unsure", result)  # asked again, not run: see cues.plain_yes
    if waiting and task.get("intent") in AFTER_SALES and pending is None:
        answered = _answers(waiting, text, result)
        if answered is not None:
            return Reading(task["intent"], result, answers=answered)
        if cues.DONT_KNOW.search(text) or intent in ("unsure", "deny"):
            return Reading("unsure", result, dont_know=True)
    if task.get("intent") == "recommend" and waiting == "species" and (PET.search(text) or intent in _NOT_A_REQUEST):
        return Reading("recommend", result, answers="species")
    if task.get("intent") == "compare_products" and waiting == "product" and (slots.products or slots.choice):
        return Reading("compare_products", result)
    if cues.DEFAULT_ADDRESS.search(text) and cues.CHANGE.search(text) and not slots.order_numbers:
        return Reading("change_default_address", result)
    if intent in _ADDRESS_READINGS and _new_destination(text, result):
        return Reading("change_address", result)
    if intent in _ORDER_BLIND and find_order_spans(text) and not cues.general_question(text):
        # A message naming one of the shop's order numbers is about that order: take the likeliest order request.
        ranked = [s.intent for s in result.ranked if s.intent in AFTER_SALES and s.score >= _ORDER_INTENT_MIN]
        if ranked:
            # When the classifier found the order request as a second one, its first reading stays as the second.
            second = intent if result.second_intent == ranked[0] else result.second_intent
            result = result.model_copy(update={"intent": ranked[0], "second_intent": second})
    return _per_clause(result, text, ctx)


def _answers(waiting: str, text: str, result: Understanding) -> str | None:
    """Which awaited thing the message gives, or None when it is something else (a detour, a new request)."""
    slots = result.slots
    if waiting in _FILLS:
        return waiting if any(getattr(slots, name) for name in _FILLS[waiting]) else None
    if waiting == "reason":
        if slots.reason is not None:
            return "reason"
        if slots.products:
            return "items"  # one product named instead of another: the item is corrected
        return "reason" if result.intent in _NOT_A_REQUEST or cues.DONT_KNOW.search(text) else None
    if waiting in ("items", "variant"):
        given = slots.choice or slots.products or slots.quantity
        if given or (result.intent in _ITEM_ANSWERS and not cues.DONT_KNOW.search(text)):
            return waiting
        return None
    if waiting == "address":
        if destination_country(text) is not None:
            return "address"
        return "address" if result.intent in _NOT_A_REQUEST and not cues.DONT_KNOW.search(text) else None
    return None


def _corrects(pending: Pending, text: str, result: Understanding, ctx: AgentContext) -> bool:
    """Whether the message changes a parameter of the proposal ('make it 4', 'green instead', a new address)."""
    op, params = pending["op"], pending["params"]
    if op in ("change_shipping_address", "change_default_address"):
        return parse_address(text) is not None
    if op == "modify_items":
        return wanted_quantity(text, None) not in (None, params.get("quantity")) or _other_product(pending, result, ctx)
    if op == "request_return":
        return _other_product(pending, result, ctx) or result.slots.quantity not in (None, params.get("quantity"))
    if op == "request_exchange":
        try:
            product = ctx.orders.get_product(ctx.orders.get_variant(str(params["sku"])).product_id)
        except OrderSystemError:
            return False
        others = [v for v in product.variants if v.sku not in (params["sku"], params["to_sku"])]
        return match_variant(text, others) is not None
    return False


def _other_product(pending: Pending, result: Understanding, ctx: AgentContext) -> bool:
    """Whether the message names a product other than the one the proposal is about."""
    try:
        mine = ctx.orders.get_variant(str(pending["params"]["sku"])).product_id
    except OrderSystemError:
        return bool(result.slots.products)
    return any(m.product_id != mine for m in result.slots.products)


def _new_destination(text: str, result: Understanding) -> bool:
    """A request to send one's order to another street address: an order going somewhere else, even abroad."""
    about_order = bool(result.slots.order_numbers) or bool(cues.OWN_ORDER.search(text))
    somewhere = destination_country(text) is not None
    return about_order and somewhere and bool(cues.SEND_TO.search(text))


def _per_clause(result: Understanding, text: str, ctx: AgentContext) -> Reading:
    """Each request with the words that ask for it; a general question under an order intent goes to knowledge."""
    first, second = result.intent, result.second_intent
    if second is None and first in AFTER_SALES:
        result = _shop_question(result, text, ctx)
        second = result.second_intent
    texts = _clause_texts(result, text, ctx) if second else {first: text}
    first = _retarget(first, texts.get(first, text), result.language, ctx)
    texts = {first if key == result.intent else key: value for key, value in texts.items()}
    if second is not None:
        second_text = texts.pop(second, text)
        second = _retarget(second, second_text, result.language, ctx)
        if second == first:
            texts[first], second = text, None
        else:
            texts[second] = second_text
    return Reading(first, result, second=second, texts=texts)


def _shop_question(result: Understanding, text: str, ctx: AgentContext) -> Understanding:
    """An order request followed, in a later clause, by a question about the shop (delivery areas, fees,
    policies), which the shop's knowledge answers."""
    clauses = split_clauses(text)
    for clause in clauses[1:]:
        if find_order_spans(clause) or not (cues.SHOP_QUESTION.search(clause) or cues.general_question(clause)):
            continue
        if ctx.knowledge.search(clause, k=3, locale=result.language, kinds=["faq", "policy"]).best is not None:
            return result.model_copy(update={"second_intent": "shop_policy"})
    return result


def _clause_texts(result: Understanding, text: str, ctx: AgentContext) -> dict[str, str]:
    first, second = result.intent, result.second_intent or ""
    clauses = split_clauses(text)
    if len(clauses) < 2:
        return {first: text, second: text}
    intents = [ctx.understander.understand(clause, None).intent for clause in clauses]
    mine = [c for c, i in zip(clauses, intents, strict=True) if i == second]
    if second == "shop_policy" and not mine:
        mine = [c for c in clauses[1:] if cues.SHOP_QUESTION.search(c) or cues.general_question(c)][:1]
    if not mine:
        mine = [clauses[-1]]
    rest = [c for c in clauses if c not in mine] or [clauses[0]]
    return {first: " ".join(rest), second: " ".join(mine)}


def _retarget(intent: str, words: str, language: str, ctx: AgentContext) -> str:
    if intent in AFTER_SALES and intent != "refund_status" and cues.REFUND_QUESTION.search(words):
        intent = "refund_status"
    if intent in _ANSWERABLE and not find_order_spans(words) and cues.general_question(words):
        found = ctx.knowledge.search(words, k=3, locale=language, kinds=["faq", "policy"])
        if found.best is not None:
            return "shop_policy"
    return intent
