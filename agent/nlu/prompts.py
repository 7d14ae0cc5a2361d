"""The LLM understander's prompt: what each intent means, and what the bot just showed or asked."""

from __future__ import annotations

from collections.abc import Sequence

from agent.nlu.context import DialogueContext

INTENT_MEANINGS: dict[str, str] = {
    "order_status": "where an existing order or parcel is, when it arrives, tracking",
    "cancel_order": "cancel an order, or ask about cancelling (fees, whether it is still possible)",
    "modify_order": "change the items, quantity, size or variant of an order not yet shipped",
    "change_address": "change the delivery address of an order, or the saved shipping address",
    "return_item": "send an item back, start a return",
    "refund_request": "get money back for an order or item",
    "refund_status": "where a refund is, when it arrives",
    "return_policy": "the rules for returns and refunds (how long, conditions)",
    "exchange_item": "swap an item for another size, flavour or product",
    "shipping_info": "shipping options, costs, countries, how long delivery takes in general",
    "payment_problem": "a payment failed, card declined, charged twice, payment error",
    "payment_methods": "which ways to pay are accepted",
    "invoice": "get or check an invoice, receipt or bill",
    "account_access": "log-in trouble, password reset, registration problems",
    "account_manage": "create, delete, edit or switch an account; profile details",
    "newsletter": "subscribe or unsubscribe from the newsletter or marketing emails",
    "complaint": "complain about service or a product, leave feedback or a review",
    "human_agent": "talk to a person, or how to contact customer service",
    "purchase_help": "help buying or placing an order",
    "product_question": "a question about a product: ingredients, size, stock, suitability",
    "compare_products": "compare two or more products",
    "recommend": "asks for a suggestion of what to buy",
    "greeting": "hello, how are you",
    "bot_identity": "asks whether it is a bot, its name, what it can do",
    "goodbye": "ends the conversation",
    "thanks": "thanks the bot",
    "confirm": "yes, agreement to what the bot proposed",
    "deny": "no, refusal of what the bot proposed",
    "out_of_scope": "anything an online pet-supplies shop's assistant does not handle",
}

_RULES = """You read one message a shopper wrote to the customer-service assistant of an online pet-supplies shop.
Return the message's intent (exactly one of the names listed), your confidence 0-1, and a second intent only
when the message clearly makes a second, different request ("where is my order, and can I change the address?").
Copy identifiers (order numbers, emails, phone numbers, postal codes) exactly as written; never invent one.
Give dates as YYYY-MM-DD. If the bot just asked a yes/no question, set `answer`. If it listed options and the
shopper picks one ("the second one"), set `choice_number` (1 = first). Messages can be in any language and
full of typos: read them as a person would."""


def system_prompt(intents: Sequence[str], context: DialogueContext | None) -> str:
    lines = [_RULES, "", "Intents:"]
    lines += [f"- {name}: {INTENT_MEANINGS.get(name, name.replace('_', ' '))}" for name in intents]
    if context is not None:
        lines.append("")
        if context.options:
            lines.append(
                "The bot just listed: " + "; ".join(f"{i + 1}. {o.label}" for i, o in enumerate(context.options))
            )
        if context.focus is not None:
            lines.append(f"Under discussion: {context.focus.label}")
        if context.expecting:
            lines.append(f"The bot just asked for: {context.expecting.replace('_', ' ')}")
        if context.pending_intent:
            lines.append(f"The bot is in the middle of: {context.pending_intent}")
        if context.today:
            lines.append(f"Today is {context.today.isoformat()}.")
    return "\n".join(lines)
