"""The offline understander: intent, ranked alternatives, a second intent, slots, language, dialogue context."""

from __future__ import annotations

from datetime import date

import pytest

from agent.nlu.base import OUT_OF_SCOPE, Understander
from agent.nlu.clauses import split_clauses
from agent.nlu.context import DialogueContext, ShownOption
from agent.nlu.extract import SlotExtractor
from agent.nlu.intent_model import IntentModel
from agent.nlu.lexicon import LexiconUnderstander
from agent.nlu.offline import OfflineUnderstander
from agent.nlu.products import CatalogItem

OPTIONS = (ShownOption(id="p1", label="Salmon Kibble"), ShownOption(id="p2", label="Chicken Kibble"))


@pytest.fixture
def nlu(small_model: IntentModel, hash_embedder: object) -> OfflineUnderstander:
    slots = SlotExtractor([CatalogItem(id="p-salmon", name="Salmon Feast Kibble")])
    return OfflineUnderstander(small_model, hash_embedder, slots)  # type: ignore[arg-type]


def test_it_is_an_understander(nlu: OfflineUnderstander) -> None:
    understander: Understander = nlu
    assert understander.understand("hello").intent == "greeting"
    assert LexiconUnderstander().understand("hello", DialogueContext()).intent == "greeting"


def test_intent_slots_language_and_ranking(nlu: OfflineUnderstander) -> None:
    result = nlu.understand("where is my order PS-100234?")
    assert result.intent == "order_status"
    assert result.slots.order_numbers == ["PS-100234"]
    assert result.language == "en"
    assert result.ranked[0].intent == "order_status"
    assert result.ranked == sorted(result.ranked, key=lambda s: -s.score)
    assert result.intents == ["order_status"]
    assert result.source == "offline"


def test_out_of_scope(nlu: OfflineUnderstander) -> None:
    result = nlu.understand("tell me a joke about the weather")
    assert result.out_of_scope
    assert result.intent == OUT_OF_SCOPE


def test_a_message_naming_a_catalog_product_is_in_scope(nlu: OfflineUnderstander) -> None:
    assert nlu.understand("tell me a joke").out_of_scope
    named = nlu.understand("tell me about the salmon feast kibble")
    assert named.slots.products and not named.out_of_scope


def test_a_request_outranks_the_pleasantries_around_it(nlu: OfflineUnderstander) -> None:
    assert nlu.understand("hey there hello").intent == "greeting"
    result = nlu.understand("hey there hello. where is my parcel")
    assert result.intent == "order_status"
    assert result.second_intent is None


def test_two_requests_in_one_message(nlu: OfflineUnderstander) -> None:
    result = nlu.understand("where is my order, and can I change the delivery address?")
    assert set(result.intents) == {"order_status", "change_address"}
    assert result.second_confidence > 0.5
    single = nlu.understand("hi, where is my order")
    assert single.second_intent is None


def test_clause_splitting() -> None:
    assert split_clauses("where is my order, and can I still change the address?") == [
        "where is my order",
        "can I still change the address?",
    ]
    assert split_clauses("I want to cancel and refund") == ["I want to cancel and refund"]
    assert len(split_clauses("我的订单在哪里？另外我想改地址")) == 2


def test_yes_no_answers_to_the_bots_question(nlu: OfflineUnderstander) -> None:
    asked = DialogueContext(expecting="yes_no", pending_intent="cancel_order")
    assert nlu.understand("yep go ahead", asked).intent == "confirm"
    assert nlu.understand("no, don't", asked).intent == "deny"
    assert nlu.understand("maybe", asked).intent == "unsure"
    long_no = nlu.understand("no wait, where is my order PS-100234 right now?", asked)
    assert long_no.intent == "order_status"


def test_which_one_answers_resolve_against_shown_options(nlu: OfflineUnderstander) -> None:
    shown = DialogueContext(options=OPTIONS, expecting="choice", pending_intent="compare_products")
    result = nlu.understand("the second one", shown)
    assert result.intent == "choose_option"
    assert result.slots.choice == OPTIONS[1]
    focus = DialogueContext(focus=OPTIONS[0])
    assert nlu.understand("that one", focus).slots.choice == OPTIONS[0]


def test_answers_to_a_question_for_a_value_continue_the_pending_intent(nlu: OfflineUnderstander) -> None:
    asked = DialogueContext(expecting="order_number", pending_intent="cancel_order", today=date(2025, 6, 4))
    result = nlu.understand("it's PS-100234", asked)
    assert result.intent == "cancel_order"
    assert result.slots.order_numbers == ["PS-100234"]
    no_pending = DialogueContext(expecting="email")
    assert nlu.understand("jo@example.com", no_pending).intent == "provide_info"


def test_chinese_language(nlu: OfflineUnderstander) -> None:
    assert nlu.understand("你好").language == "zh"
