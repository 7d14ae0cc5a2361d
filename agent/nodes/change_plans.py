"""Planning changes before shipment: an order's address, the account's default address, the items of an order."""

from __future__ import annotations

import re
from typing import Any

from agent.nodes.items import REMOVING, match_line, products_of, wanted_quantity
from agent.nodes.order_plans import Plan, line_options, new_pending, refusal
from agent.state import Task
from agent.tools.address import destination_country, parse_address
from agent.tools.format import address_text, money
from agent.tools.shop_rules import ShopRules
from connectors.orders.common_models import Address
from connectors.orders.customer_models import CustomerProfile
from connectors.orders.interface import OrderSystem
from connectors.orders.order_models import BEFORE_SHIPMENT, Order

# A price the shopper sets: nothing paid, a sum of their own, a discount. Prices come only from the catalog.
_PRICE_DEMAND = re.compile(
    r"\bfor\s+free\b|\bfree\s+of\s+charge\b|\bwithout\s+(paying|payment|being\s+charged|a\s+charge)\b"
    r"|\b(no|zero)\s+(charge|cost)\b|\bat\s+no\s+(extra\s+)?(cost|charge)\b|\bfor\s+nothing\b|\bon\s+the\s+house\b"
    r"|\b(at|for)\s+(a\s+|the\s+)?(price|cost|rate)\s+of\b|\b(at|for)\s+(just\s+|only\s+)?\$\s?\d|\$0(\.00)?\b"
    r"|\b\d{1,3}\s?(%|percent)\s+(off|discount)\b|\bdiscount(ed)?\b|\bhalf[- ]price\b|\bcomplimentary\b"
    r"|\b(cheaper|lower|reduced|special|discounted|half)\s+(price|rate|cost)\b",
    re.I,
)
_ADDING = re.compile(r"\b(add|throw|put|include|plus|also want)\b", re.I)


def _new_address(
    text: str, name: str, rules: ShopRules, given: dict[str, str] | None = None
) -> tuple[Address | None, Plan | None]:
    """The address in `text` (else the one `given` earlier, before verification), or the plan that answers why
    there is none (abroad, unreadable, missing)."""
    fields = parse_address(text) or given
    if fields is None:
        if rules.does_not_ship_to(destination_country(text)):
            return None, refusal("refused_abroad", countries=rules.countries_text())
        return None, None
    try:
        return Address.model_validate({"name": name, **fields}), None
    except ValueError:
        return None, Plan("bad_address", {}, awaiting="address")


def address_plan(
    customer_id: str, order: Order, text: str, turn: int, rules: ShopRules, given: dict[str, str] | None = None
) -> Plan:
    if order.status not in BEFORE_SHIPMENT:
        return refusal("refused_address_shipped", order=order.order_number)
    address, answer = _new_address(text, order.shipping_address.name, rules, given)
    if answer is not None:
        return answer
    if address is None:
        return Plan("ask_address", {"order": order.order_number}, awaiting="address")
    values: dict[str, object] = {
        "order": order.order_number,
        "address": address_text(address),
        "old_address": address_text(order.shipping_address),
    }
    params = {"address": address.model_dump(mode="json")}
    pending = new_pending("change_shipping_address", customer_id, order.order_number, params, turn)
    return Plan("confirm_address", values, awaiting="confirm", pending=pending)


def default_address_plan(
    profile: CustomerProfile, text: str, turn: int, rules: ShopRules, given: dict[str, str] | None = None
) -> Plan:
    """The account's default address (future orders); orders already placed keep theirs. `given`: the address the
    shopper gave before being verified."""
    address, answer = _new_address(text, profile.name, rules, given)
    if answer is not None:
        return answer
    if address is None:
        return Plan("ask_default_address", {}, awaiting="address")
    values = {"address": address_text(address), "old_address": address_text(profile.default_address)}
    params = {"address": address.model_dump(mode="json")}
    pending = new_pending("change_default_address", profile.customer_id, "", params, turn)
    return Plan("confirm_default_address", values, awaiting="confirm", pending=pending)


def modify_plan(
    orders: OrderSystem,
    customer_id: str,
    order: Order,
    task: Task,
    products: list[dict[str, Any]],
    text: str,
    turn: int,
    rules: ShopRules,
) -> Plan:
    if order.status not in BEFORE_SHIPMENT:
        key = "refused_items_shipped" if order.status == "shipped" else "refused_items_delivered"
        return refusal(key, order=order.order_number)
    if _PRICE_DEMAND.search(text):
        # Prices come from the catalog; a chat can't set them, whoever "said it's fine".
        return refusal("refused_price")
    removing = bool(REMOVING.search(text))
    earlier = next((i for i in order.items if i.sku == task.get("sku")), None)
    in_order = {item.product_id for item in order.items}
    adding = bool(_ADDING.search(text)) and not any(m.get("product_id") in in_order for m in products)
    line = earlier
    replaced: str | None = None
    if not (adding and products):
        # "add the salmon crunchies" names a catalog product not in the order: a new line, not the salmon food.
        named = match_line(text, order.items, products_of(order, orders.get_product), products)
        if named is not None and earlier is not None and named.sku != earlier.sku and task.get("quantity") is not None:
            # A second line named while one change was on the table: that change is not made, and we say so.
            replaced = f"{earlier.product_name} ({earlier.variant_name})"
            task.pop("quantity", None)
        line = named or earlier
    elif earlier is not None and task.get("quantity") is not None:
        replaced = f"{earlier.product_name} ({earlier.variant_name})"
        task.pop("quantity", None)
    asking = Plan("ask_change", {"order": order.order_number}, awaiting="items", shown=line_options(order))
    if line is not None:
        task["sku"] = line.sku
        sku, unit, before = line.sku, line.unit_price_cents, line.quantity
        name = f"{line.product_name} ({line.variant_name})"
        quantity = wanted_quantity(text, before)
        if quantity is None:
            quantity = task.get("quantity")
        if quantity is None and _ADDING.search(text):
            quantity = before + 1
    elif products and not removing:
        mention = products[0]
        product = orders.get_product(str(mention["product_id"]))
        variant = next((v for v in product.variants if v.sku == mention.get("variant_id") and v.in_stock), None)
        variant = variant or next((v for v in product.variants if v.in_stock), None)
        if variant is None:
            return refusal("refused_out_of_stock", product=product.name)
        sku, name, unit, before = variant.sku, f"{product.name} ({variant.name})", variant.price_cents, 0
        quantity = wanted_quantity(text, 0) or 1
    else:
        return asking
    if quantity is None or quantity == before:
        return asking
    task["quantity"] = quantity
    if quantity > rules.max_quantity_per_line:
        limit = rules.max_quantity_per_line
        return refusal("refused_over_limit", limit=limit, item=name, quantity=quantity)
    if quantity == 0 and all(i.sku == sku or i.quantity == 0 for i in order.items):
        return refusal("refused_only_item", item=name, order=order.order_number)
    change = f"remove {name}" if quantity == 0 else f"set {name} to {quantity} (now {before})"
    delta = (quantity - before) * unit
    money_words = (
        f"That adds {money(delta)}, charged to your {order.payment.label}."
        if delta > 0
        else f"That refunds {money(-delta)} to your {order.payment.label}."
    )
    values = {"order": order.order_number, "change": change, "money": money_words}
    params = {"sku": sku, "quantity": quantity}
    pending = new_pending("modify_items", customer_id, order.order_number, params, turn)
    if replaced is not None:
        return Plan("confirm_modify_instead", {**values, "earlier": replaced}, awaiting="confirm", pending=pending)
    return Plan("confirm_modify", values, awaiting="confirm", pending=pending)
