"""Our intent taxonomy mapped onto the coarse shop intents of the external label contract."""

from __future__ import annotations

import re

COARSE_INTENTS: tuple[str, ...] = (
    "order_status",
    "cancel_order",
    "modify_order",
    "return_or_refund",
    "exchange",
    "change_address",
    "delivery_info",
    "payment_issue",
    "account",
    "complaint",
    "human_agent",
    "purchase_help",
    "product_question",
    "compare_products",
    "recommend",
    "greeting",
    "goodbye",
    "confirm",
    "deny",
    "out_of_scope",
)

# The shop's own (finer) intents -> coarse names. Names that are already coarse map to themselves.
COARSE_OF: dict[str, str] = {
    "order_status": "order_status",
    "track_order": "order_status",
    "cancel_order": "cancel_order",
    "modify_order": "modify_order",
    "change_order": "modify_order",
    "return": "return_or_refund",
    "return_item": "return_or_refund",
    "return_request": "return_or_refund",
    "return_policy": "return_or_refund",
    "refund_request": "return_or_refund",
    "refund_status": "return_or_refund",
    "return_or_refund": "return_or_refund",
    "exchange_item": "exchange",
    "exchange": "exchange",
    "change_address": "change_address",
    "shipping_info": "delivery_info",
    "delivery_info": "delivery_info",
    "payment_problem": "payment_issue",
    "payment_issue": "payment_issue",
    "payment_methods": "payment_issue",
    "invoice": "account",
    "account_access": "account",
    "account_manage": "account",
    "account": "account",
    "newsletter": "account",
    "complaint": "complaint",
    "feedback": "complaint",
    "human_agent": "human_agent",
    "contact_info": "human_agent",
    "purchase_help": "purchase_help",
    "product_question": "product_question",
    "stock_check": "product_question",
    "compare_products": "compare_products",
    "recommend": "recommend",
    "greeting": "greeting",
    "bot_identity": "greeting",
    "goodbye": "goodbye",
    "thanks": "goodbye",
    "confirm": "confirm",
    "choose_option": "confirm",
    "deny": "deny",
    "unsure": "deny",
    "out_of_scope": "out_of_scope",
    "unknown": "out_of_scope",
    "shop_policy": "return_or_refund",  # refined by topic below
}

# `shop_policy` is one intent for the shop (answered from the policies), but the contract splits policy
# questions by topic: the topic words decide its coarse name; the first topic that matches wins.
_POLICY_TOPICS: list[tuple[str, re.Pattern[str]]] = [
    ("cancel_order", re.compile(r"\bcancel", re.I)),
    (
        "payment_issue",
        re.compile(
            r"\b(pay|paying|payment|paypal|card|credit|debit|klarna|apple pay|google pay|cash|"
            r"installments?|bank transfer|check ?out|currency)",
            re.I,
        ),
    ),
    (
        "return_or_refund",
        re.compile(r"\b(return|refund|money back|send (it )?back|warranty|guarantee|final sale)", re.I),
    ),
    ("delivery_info", re.compile(r"\b(ship|shipping|deliver|delivery|courier|postage)", re.I)),
    ("account", re.compile(r"\b(privacy|personal data|my data|gdpr|cookies|account|newsletter|password)", re.I)),
]


class UnmappedIntentError(KeyError):
    """An intent of ours has no coarse name: add it to `COARSE_OF` before scoring."""


def to_coarse(intent: str, text: str = "") -> str:
    """The coarse name of one of our intents; `text` refines `shop_policy` by topic."""
    if intent == "shop_policy":
        return next((coarse for coarse, pattern in _POLICY_TOPICS if pattern.search(text)), COARSE_OF[intent])
    try:
        return COARSE_OF[intent]
    except KeyError as exc:
        raise UnmappedIntentError(f"intent {intent!r} has no coarse mapping in evals/nlu/labels.py") from exc
