"""Conversations where the shopper answers the bot's question, corrects it, drops a request or cannot answer."""

from __future__ import annotations

from typing import Any

from connectors.assemble import Runtime
from connectors.orders.order_models import OrderStatus

S = OrderStatus


def _say(rt: Runtime, cid: str, text: str, customer: str | None = None) -> tuple[str, dict[str, Any]]:
    reply, _ = rt.conversations.send(cid, text, customer)
    return reply["text"], {part["kind"]: part.get("data") for part in reply["parts"]}


def _applied(rt: Runtime) -> list[tuple[str, dict[str, Any]]]:
    return [(r.operation, r.params) for r in rt.orders.audit_log() if r.actor != "merchant" and r.outcome == "applied"]


def test_a_typed_address_answers_the_address_question(rt: Runtime) -> None:
    _say(rt, "d-addr", "I need to change the delivery address of my order", "C-1043")
    text, parts = _say(rt, "d-addr", "PS-100673", "C-1043")
    assert parts["awaiting"] == {"awaiting": "address"}
    text, parts = _say(rt, "d-addr", "55 Elm Street, Denver, CO 80203", "C-1043")
    assert parts["awaiting"]["action"]["op"] == "change_shipping_address"
    assert "55 Elm Street, Denver, CO 80203" in text


def test_a_zip_code_answers_the_verification_question(rt: Runtime) -> None:
    _say(rt, "d-zip", "I'd like to check on my order please")
    _say(rt, "d-zip", "isla.chen@example.com")
    text, parts = _say(rt, "d-zip", "my zip is 80202")
    assert "verified" in text and "PS-100585" in text
    assert "awaiting" not in parts


def test_an_unmatched_reason_is_recorded_as_other(rt: Runtime) -> None:
    _, parts = _say(rt, "d-why", "I want to return PS-100314", "C-1049")
    assert parts["awaiting"] == {"awaiting": "reason"}
    _text, parts = _say(rt, "d-why", "it just sits in the cupboard", "C-1049")
    action = parts["awaiting"]["action"]
    assert action["op"] == "request_return" and action["reason"] == "other"


def test_the_item_named_when_asked_is_the_order_line(rt: Runtime) -> None:
    _, parts = _say(rt, "d-item", "I want to exchange something from order PS-100384.", "C-1036")
    assert parts["awaiting"] == {"awaiting": "items"}
    _, parts = _say(rt, "d-item", "the clumping litter", "C-1036")
    assert parts["awaiting"] == {"awaiting": "variant"}
    _text, parts = _say(rt, "d-item", "7 kg please", "C-1036")
    action = parts["awaiting"]["action"]
    assert (action["sku"], action["to_sku"]) == ("LT01-14KG", "LT01-7KG")


def test_a_correction_of_the_variant_replaces_the_proposal(rt: Runtime) -> None:
    _say(rt, "d-var", "swap the blue feather wand in ps-100353 for pink", "C-1057")
    _text, parts = _say(rt, "d-var", "wait no, green pls", "C-1057")
    assert parts["awaiting"]["action"]["to_sku"] == "TY01-GREEN"
    _say(rt, "d-var", "yes", "C-1057")
    assert _applied(rt)[-1][0] == "request_exchange"
    assert _applied(rt)[-1][1]["items"][0]["to_sku"] == "TY01-GREEN"


def test_a_correction_of_the_address_replaces_the_proposal(rt: Runtime) -> None:
    _say(rt, "d-fix", "Change the address on PS-100712 to 1421 Oak Street, Madison, WI 53703", "C-1027")
    _text, parts = _say(rt, "d-fix", "oops, it's 1412 Oak Street, Madison, WI 53703, not 1421", "C-1027")
    assert parts["awaiting"]["action"]["address"]["line1"] == "1412 Oak Street"


def test_dropping_a_request_answers_what_follows(rt: Runtime) -> None:
    _say(rt, "d-drop", "I want to cancel an order", "C-1017")
    text, _parts = _say(rt, "d-drop", "actually never mind, just tell me where PS-100574 is", "C-1017")
    assert "PS-100574" in text and "on its way" in text
    assert "cancel" not in text


def test_two_unanswered_questions_end_with_an_offer_of_a_person(rt: Runtime) -> None:
    text, _ = _say(rt, "d-stuck", "Please cancel order PS-100674, it was ordered by mistake.", "C-1001")
    assert "can't find" in text
    _, parts = _say(rt, "d-stuck", "I don't have that, sorry", "C-1001")
    assert parts["awaiting"] == {"awaiting": "order_id"}
    text, parts = _say(rt, "d-stuck", "no idea, sorry", "C-1001")
    assert "awaiting" not in parts and "person on our team" in text
    assert rt.handoffs.active("d-stuck") is None
    text, parts = _say(rt, "d-stuck", "yes please", "C-1001")
    assert parts["handoff"]["state"] == "waiting"
    assert _applied(rt) == []


def test_the_answer_sent_after_the_offer_of_a_person_still_counts(rt: Runtime) -> None:
    _say(rt, "d-late", "I want to cancel my order")
    _say(rt, "d-late", "I don't remember my email")
    text, parts = _say(rt, "d-late", "no idea, sorry")
    assert "send it to me here" in text and "awaiting" not in parts
    text, parts = _say(rt, "d-late", "here it is: rosa.nguyen@example.org")
    # The email is taken: the bot asks for the second detail instead of not knowing what it was sent.
    assert parts["awaiting"] == {"awaiting": "order_id"}, text
    assert rt.handoffs.active("d-late") is None and _applied(rt) == []


def test_the_hand_off_after_the_offer_of_a_person_carries_the_request_and_order(rt: Runtime) -> None:
    _say(rt, "d-summary", "I need to change an item quantity in PS-100606", "C-1044")
    _say(rt, "d-summary", "hmm not sure which", "C-1044")
    text, _ = _say(rt, "d-summary", "no idea honestly", "C-1044")
    assert "person on our team" in text
    _text, parts = _say(rt, "d-summary", "yes please", "C-1044")
    assert parts["handoff"] == {"state": "waiting", "reason": "requested"}
    handoff = rt.handoffs.active("d-summary")
    assert handoff is not None
    assert handoff.summary.order_number == "PS-100606"
    assert "modify order" in handoff.summary.what and "PS-100606" in handoff.summary.what
    assert _applied(rt) == []


def test_no_to_the_offer_of_a_person_drops_the_request(rt: Runtime) -> None:
    _say(rt, "d-nothanks", "I need to change an item quantity in PS-100606", "C-1044")
    _say(rt, "d-nothanks", "hmm not sure which", "C-1044")
    _say(rt, "d-nothanks", "no idea honestly", "C-1044")
    _text, parts = _say(rt, "d-nothanks", "no thanks", "C-1044")
    assert "handoff" not in parts and "awaiting" not in parts
    assert rt.handoffs.active("d-nothanks") is None


def test_yes_to_the_bots_own_offer_of_a_person_hands_off(rt: Runtime) -> None:
    text, _ = _say(rt, "d-offer", "Can deliveries be made to a locker at my gym?")
    assert "person" in text
    text, parts = _say(rt, "d-offer", "ok then yes")
    assert parts["handoff"] == {"state": "waiting", "reason": "requested"}


def test_a_complaint_is_handed_off_with_a_summary(rt: Runtime) -> None:
    _text, parts = _say(rt, "d-complaint", "you charged my card twice for one purchase, please fix that")
    assert parts["handoff"] == {"state": "waiting", "reason": "complaint"}
    handoff = rt.handoffs.active("d-complaint")
    assert handoff is not None and "charged my card twice" in handoff.summary.what


def test_a_general_refund_question_is_answered_from_the_policy(rt: Runtime) -> None:
    text, parts = _say(rt, "d-policy", "How long does it take for a refund to show up on my card?", "C-1043")
    assert "business days" in text
    assert "citations" in parts and "awaiting" not in parts


def test_a_question_after_an_order_request_is_answered_while_the_yes_waits(rt: Runtime) -> None:
    message = "I'd like to return the laser pointer from PS-100378, it doesn't work. Also, do you deliver to Hawaii?"
    text, parts = _say(rt, "d-two", message, "C-1057")
    assert "Hawaii" in text
    assert parts["awaiting"]["action"]["op"] == "request_return"
    assert text.rstrip().endswith("(yes/no)")  # the question to answer comes last
    _say(rt, "d-two", "yes", "C-1057")
    assert _applied(rt)[-1][0] == "request_return"
