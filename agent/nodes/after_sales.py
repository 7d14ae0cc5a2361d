"""After-sales skill: identify the shopper, find the order, plan the request, and propose writes for confirmation."""

from __future__ import annotations

import re
from typing import Any

from langgraph.runtime import Runtime

from agent.context import AgentContext
from agent.nodes.change_plans import address_plan, default_address_plan, modify_plan
from agent.nodes.common import action_of, awaiting, options, quick_replies, render, reply, slots, turn_text
from agent.nodes.handoff import open_handoff
from agent.nodes.identify import identify
from agent.nodes.order_plans import Plan, cancel_plan, exchange_plan, refund_plan, return_plan, status_plan
from agent.state import ConversationState, Pending, Shown, Task
from agent.tools.address import parse_address
from agent.tools.format import STATUS_WORDS
from agent.tools.shop_rules import ShopRules
from connectors.orders.errors import OrderNotFound, OrderSystemError
from connectors.orders.order_models import AFTER_DELIVERY, BEFORE_SHIPMENT, Order, OrderStatus

_ADDRESS_INTENTS = frozenset({"change_address", "change_default_address"})
AFTER_SALES_INTENTS = frozenset(
    {"order_status", "cancel_order", "return", "exchange", "refund_status", "change_address", "modify_order",
     "change_default_address"}
)  # fmt: skip
_RETURN = re.compile(r"\b(return|send (it |them |this |these |those )?back)\b", re.I)
# Two answers in a row that don't give what the bot asked for, and it stops asking.
MAX_ATTEMPTS = 2
# What the bot asked for -> the reply template naming what it can't go on without.
_WHAT = frozenset({"email", "phone", "postal_code", "order_id", "items", "variant", "address", "reason"})

# Which orders each request can apply to, when the shopper has not named one.
_CANDIDATES: dict[str, frozenset[OrderStatus]] = {
    "order_status": frozenset({OrderStatus.PENDING, OrderStatus.PROCESSING, OrderStatus.SHIPPED}),
    "cancel_order": BEFORE_SHIPMENT,
    "change_address": BEFORE_SHIPMENT,
    "modify_order": BEFORE_SHIPMENT,
    "return": AFTER_DELIVERY,
    "exchange": AFTER_DELIVERY,
    "refund_status": AFTER_DELIVERY | {OrderStatus.CANCELLED},
}


def _without_zip(found: dict[str, Any], postal_code: str) -> dict[str, Any]:
    """The slots without the ZIP that belongs to a new address: it says where to ship, not who the shopper is."""
    codes = [c for c in found.get("postal_codes", []) if c.replace(" ", "")[:5] != postal_code[:5]]
    return {**found, "postal_codes": codes}


def _merge(task: Task, state: ConversationState, found: dict[str, Any], answers: str | None) -> Task:
    if found.get("order_numbers"):
        task["order_number"] = found["order_numbers"][0]
    choice = found.get("choice")
    if choice and state.get("awaiting") == "order_id":
        task["order_number"] = choice["id"]
    elif choice and state.get("awaiting") == "items":
        task["sku"] = choice["id"]
    elif choice and state.get("awaiting") == "variant":
        task["to_sku"] = choice["id"]
    if found.get("reason"):
        task["reason"] = found["reason"]
    elif state.get("awaiting") == "reason" and answers == "reason":
        # Asked why and answered in words that match no reason code: the shop records it as "other".
        task["reason"] = "other"
    if found.get("quantity"):
        task["quantity"] = int(found["quantity"])
    return task


def _order_label(order_number: str, status: str, placed: str, products: list[str]) -> str:
    names = ", ".join(products[:2]) + (" and more" if len(products) > 2 else "")
    return f"{order_number}: {names}, placed {placed}, {STATUS_WORDS.get(status, status)}"


def after_sales(state: ConversationState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    update = _after_sales(state, runtime)
    return _unstick(state, runtime, update)


def _unstick(state: ConversationState, runtime: Runtime[AgentContext], update: dict[str, Any]) -> dict[str, Any]:
    """Count answers that don't give what was asked; at the second, stop asking and offer a person."""
    task: Task | None = update.get("task")
    asked = update.get("awaiting")
    if task is None or asked is None or asked == "confirm" or update.get("pending"):
        return update
    reading = state.get("understanding", {})
    missed = bool(reading.get("dont_know")) or state.get("intent") in ("unsure", "deny")
    attempts = task.get("attempts", 0) + 1 if missed else 0
    if attempts < MAX_ATTEMPTS:
        return {**update, "task": {**task, "attempts": attempts}}
    what = render(runtime, state, f"lacking_{asked}" if asked in _WHAT else "lacking_other")
    text = render(runtime, state, "stuck", what=what)
    # The task and its question stay: the answer may still come ("found it: ..."), or the person offered takes
    # over knowing the request and its order.
    return {
        **update,
        "task": {**task, "attempts": attempts},
        "offer": "handoff",
        "reply": reply(text, state.get("intent", "unsure"), quick_replies("Talk to a person")),
    }


def _after_sales(state: ConversationState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    ctx = runtime.context
    found = slots(state)
    reading = state.get("understanding", {})
    intent = state.get("intent", "")
    task: Task = dict(state.get("task") or {})  # type: ignore[assignment]
    if intent in AFTER_SALES_INTENTS and intent != task.get("intent"):
        keep = {"order_number": task["order_number"]} if "order_number" in task else {}
        task = {"intent": intent, **keep}  # type: ignore[typeddict-item]
    task = _merge(task, state, found, reading.get("answers"))
    if "intent" not in task:
        return {"reply": reply(render(runtime, state, "fallback"), "fallback"), "task": None}
    update: dict[str, Any] = {"task": task, "misunderstood": 0}
    prefix = ""

    customer_id = state.get("customer_id") or state.get("signed_customer")
    if not customer_id:
        new_address = parse_address(turn_text(state)) if task["intent"] in _ADDRESS_INTENTS else None
        if new_address is not None:
            # Kept through verification, and proposed once it succeeds; its ZIP is not the account's.
            task["address"] = new_address
            found = _without_zip(found, new_address["postal_code"])
        who = identify(ctx.orders, state, found, task.get("order_number"), bool(reading.get("dont_know")))
        update["verification"] = who.verification
        if who.give_up:
            return {**update, **open_handoff(state, runtime, "not_understood", "could not verify identity")}
        if who.customer_id is None:
            key = "verify_failed" if who.failed else (who.ask or "ask_email")
            name = who.awaiting or "email"
            return {**update, "awaiting": name, "reply": reply(render(runtime, state, key), intent, awaiting(name))}
        customer_id = who.customer_id
        update["customer_id"] = customer_id
        prefix = render(runtime, state, "verified", name=who.name) + " "

    if task["intent"] == "change_default_address":
        profile = ctx.orders.get_customer_profile(customer_id)
        rules = ShopRules.of(ctx.orders)
        plan = default_address_plan(profile, turn_text(state), state.get("turns", 0) + 1, rules, task.get("address"))
        return {**update, **_apply(plan, state, runtime, task, prefix, intent)}

    if "order_number" not in task:
        wanted = _CANDIDATES[task["intent"]]
        summaries = [s for s in ctx.orders.list_orders(customer_id) if s.status in wanted]
        if len(summaries) == 1:
            task["order_number"] = summaries[0].order_number
        elif not summaries:
            update["task"] = None
            update["awaiting"] = None
            return {**update, "reply": reply(prefix + render(runtime, state, "no_orders"), intent)}
        else:
            shown: list[Shown] = [
                {
                    "id": s.order_number,
                    "label": _order_label(s.order_number, s.status, f"{s.placed_at:%b %d}", s.products),
                    "kind": "order",
                }
                for s in summaries[:5]
            ]
            text = prefix + render(runtime, state, "ask_order")
            parts = (options(shown), awaiting("order_id"))
            return {**update, "awaiting": "order_id", "shown": shown, "reply": reply(text, intent, *parts)}

    try:
        order = ctx.orders.get_order(customer_id, task["order_number"])
    except OrderNotFound:
        bad = task.pop("order_number")
        text = prefix + render(runtime, state, "order_not_found", order=bad)
        return {**update, "task": task, "awaiting": "order_id", "reply": reply(text, intent, awaiting("order_id"))}

    if (
        task["intent"] in ("modify_order", "cancel_order")
        and order.status in AFTER_DELIVERY
        and _RETURN.search(turn_text(state))
    ):
        # A delivered order can only be returned, and the shopper said "return": that is the request.
        task["intent"] = "return"
    try:
        plan = _plan(ctx, customer_id, order, task, found, turn_text(state), state.get("turns", 0) + 1)
    except OrderSystemError as exc:
        plan = Plan("refused", {"why": exc.message, "instead": ""}, done=True)
    return {**update, **_apply(plan, state, runtime, task, prefix, intent)}


def _plan(
    ctx: AgentContext, customer_id: str, order: Order, task: Task, found: dict[str, Any], text: str, turn: int
) -> Plan:
    products: list[dict[str, Any]] = found.get("products", [])
    rules = ShopRules.of(ctx.orders)
    match task["intent"]:
        case "order_status":
            return status_plan(ctx.orders, customer_id, order)
        case "refund_status":
            return refund_plan(ctx.orders, customer_id, order)
        case "cancel_order":
            return cancel_plan(customer_id, order, task, turn)
        case "return":
            return return_plan(ctx.orders, customer_id, order, task, products, text, turn)
        case "exchange":
            return exchange_plan(ctx.orders, customer_id, order, task, products, text, turn)
        case "change_address":
            return address_plan(customer_id, order, text, turn, rules, task.get("address"))
        case "modify_order":
            return modify_plan(ctx.orders, customer_id, order, task, products, text, turn, rules)
    raise ValueError(f"no after-sales plan for {task['intent']!r}")


def _apply(
    plan: Plan, state: ConversationState, runtime: Runtime[AgentContext], task: Task, prefix: str, intent: str
) -> dict[str, Any]:
    text = prefix + render(runtime, state, plan.key, **plan.values)
    parts = list(plan.parts)
    update: dict[str, Any] = {"task": None if plan.done else task, "awaiting": plan.awaiting}
    if plan.shown:
        update["shown"] = plan.shown
        parts.append(options(plan.shown))
    if plan.pending is not None:
        pending: Pending = {**plan.pending, "summary": text, "proposed_at": runtime.context.clock()}
        update["pending"] = pending
        update["task"] = task
        parts.append(awaiting("confirm", action=action_of(pending)))
        parts.append({"kind": "quick_replies", "data": ["Yes, go ahead", "No"]})
    elif plan.awaiting:
        parts.append(awaiting(plan.awaiting))
    return {**update, "reply": reply(text, intent, *parts)}
