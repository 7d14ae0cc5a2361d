"""Typos and texting shorthand: corrected towards the shop's words before classification, identifiers kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from agent.nlu.extract import SlotExtractor
from agent.nlu.intent_model import IntentModel
from agent.nlu.offline import OfflineUnderstander
from agent.nlu.spelling import Speller, distance
from agent.nlu.trainer import LabelledText
from agent.nlu.wordlist import english_words, read_words

SHOP_TEXTS = [
    "I want to cancel my order",
    "I want to return the litter",
    "where is my package",
    "can you add a bag of salmon dog food to my order",
    "I don't want it anymore",
    "what is the status of my delivery",
]
ENGLISH = frozenset({"grow", "tomatoes", "how", "do", "weather", "what", "the", "is", "can"})


@pytest.fixture
def speller() -> Speller:
    return Speller.from_texts(SHOP_TEXTS, ENGLISH)


def test_typos_become_the_shops_words(speller: Speller) -> None:
    assert speller.rewrite("cancle my ordr") == "cancel my order"
    assert speller.rewrite("wher is my pakage?") == "where is my package?"
    assert speller.rewrite("add the salmn dog food") == "add the salmon dog food"
    assert speller.rewrite("can uadd a bag, iwant to cancel") == "can you add a bag, i want to cancel"


def test_neighbouring_words_choose_between_equally_close_corrections() -> None:
    speller = Speller.from_texts(["I want to cancel", "I want to return", "what is this"], frozenset())
    assert speller.rewrite("i wnat to retrun it") == "i want to return it"


def test_shorthand_and_missing_apostrophes_are_spelled_out(speller: Speller) -> None:
    assert speller.rewrite("cn u pls cancel it lol") == "can you please cancel it"
    assert speller.rewrite("i dont want it") == "i don't want it"
    assert Speller().rewrite("how much r the balls thx") == "how much are the balls thanks"


def test_english_words_identifiers_and_short_words_are_left_alone(speller: Speller) -> None:
    assert speller.rewrite("how do I grow tomatoes") == "how do I grow tomatoes"
    typed = "cancle PS-100234, mail me at jo@example.com"
    assert speller.rewrite(typed) == "cancel PS-100234, mail me at jo@example.com"
    assert speller.rewrite("is it ok") == "is it ok"
    assert speller.rewrite("zzzzqqq") == "zzzzqqq"  # nothing of ours is near: kept as typed


def test_prefixes_and_endings_are_not_slips() -> None:
    speller = Speller.from_texts(["I am satisfied", "set up my account", "I subscribe"], frozenset({"set"}))
    assert speller.rewrite("unsatisfied") == "unsatisfied"
    assert speller.rewrite("resetting") == "resetting"
    assert speller.rewrite("subscribed") == "subscribed"


def test_distance_counts_swaps_as_one_slip() -> None:
    assert distance("retrun", "return") == 1
    assert distance("ordr", "order") == 1
    assert distance("recieveing", "receiving") == 2
    assert distance("cat", "dog") == 3


def test_the_english_word_list_is_read_from_a_vocabulary_file(tmp_path: Path) -> None:
    vocab = tmp_path / "vocab.txt"
    vocab.write_text("[PAD]\n##ing\nthe\ntomatoes\nA\n1990\nx\n", encoding="utf-8")
    assert read_words(vocab) == frozenset({"the", "tomatoes"})
    words = english_words()
    assert not words or {"tomatoes", "weather", "cancel"} <= words


def test_the_understander_reads_typos_and_shorthand(
    small_model: IntentModel, small_examples: list[LabelledText], hash_embedder: object
) -> None:
    speller = Speller.from_texts([e.text for e in small_examples], ENGLISH)
    nlu = OfflineUnderstander(small_model, hash_embedder, SlotExtractor(), speller)  # type: ignore[arg-type]
    typed = nlu.understand("pls cancle my ordr PS-100234")
    assert typed.intent == "cancel_order"
    assert typed.slots.order_numbers == ["PS-100234"]  # slots read the message as typed
    assert nlu.understand("wher is my parcle").intent == "order_status"
    assert nlu.understand("chnage the adress pls").intent == "change_address"
