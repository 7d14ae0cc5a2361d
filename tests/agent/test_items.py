"""Reading quantities and dialogue cues from a shopper's words (pure functions, no runtime)."""

from __future__ import annotations

import pytest

from agent.nodes import cues
from agent.nodes.items import wanted_quantity


@pytest.mark.parametrize(
    ("text", "current", "wanted"),
    [
        ("Make it 5 puzzle balls in order PS-100673", 2, 5),
        ("actually 4 is enough", 5, 4),
        ("I only need 2 bags of the hairball food in PS-100704, not 3.", 3, 2),
        ("Order PS-100664 has three 10 kg bags, can you change it to just 1 bag?", 3, 1),
        ("can you add one more bag of the salmon dog food", 2, 3),
        ("Can I make it 3 puzzle balls instead of 2?", 2, 3),
        ("take the jerky out of my order pls", 2, 0),
        ("change it to a different colour", 1, None),
        ("add a 6-pack of tennis balls", 0, None),  # a pack size, not a count
        ("add two 6-packs of tennis balls", 0, 2),
        ("add 2 packs of tennis balls", 0, 2),
        ("make it 3 packs", 1, 3),
        ("yes", 1, None),
    ],
)
def test_wanted_quantity(text: str, current: int, wanted: int | None) -> None:
    assert wanted_quantity(text, current) == wanted


def test_dropping_a_request_keeps_what_follows() -> None:
    assert cues.abandoned("nvm forget the return, do u sell dog beds?") == "do u sell dog beds?"
    assert cues.abandoned("never mind") == ""
    assert cues.abandoned("hmm wait, how long do refunds take?") is None


def test_explicit_person_requests() -> None:
    assert cues.asks_for_person("Can I talk to someone on your team about a bulk order?")
    assert cues.asks_for_person("ok then yes, please pass me to a person")
    assert not cues.asks_for_person("I don't want to talk to a person, just cancel it")
    assert not cues.asks_for_person("What are your customer service hours?")


def test_general_questions_are_not_about_the_shoppers_order() -> None:
    assert cues.general_question("How long does it take for a refund to show up on my card?")
    assert cues.general_question("Can I return an opened bag of food if my cat won't eat it?")
    assert not cues.general_question("how long until my order arrives?")
    assert not cues.general_question("can I cancel it?")


@pytest.mark.parametrize(("text", "op", "plain"), [
    ("yes", "modify_items", True),
    ("yes please, go ahead", "modify_items", True),
    ("yep, do it", "modify_items", True),
    ("ok thanks", "cancel_order", True),
    ("yes please cancel it", "cancel_order", True),
    ("yes please cancel it", "modify_items", False),  # "cancel" is not this action's word
    ("yes, no wait", "modify_items", False),
    ("yes, no problem", "modify_items", False),  # a false alarm: asked once more
    ("yes 5", "modify_items", False),
    ("yes?", "modify_items", False),
    ("好的，确认", "cancel_order", True),
    ("好的，不过等一下", "cancel_order", False),
])
def test_a_plain_yes_says_nothing_else(text: str, op: str, plain: bool) -> None:
    assert cues.plain_yes(text, op) is plain
