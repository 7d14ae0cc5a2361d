"""Query normalisation: shorthand, generic synonyms, and typos corrected only towards the folder's own words."""

from __future__ import annotations

from knowledge.normalise import QueryNormaliser

CORPUS = ["How do I cancel my order?", "Which food helps a sensitive stomach?", "Where is my password reset email?"]
REAL_WORDS = {"husky", "stomach", "order", "food", "my", "cat", "the", "for", "is"}


def known(word: str) -> bool:
    return word in REAL_WORDS


def test_shorthand_and_synonyms_become_plain_words() -> None:
    normaliser = QueryNormaliser(CORPUS)
    assert normaliser.normalise("can u call off my order pls", known) == "can you cancel my order please"
    assert normaliser.normalise("my kitty has a bad tummy", known) == "my cat has a bad stomach"
    assert normaliser.normalise("whats wrong w/ my doggo", known) == "what's wrong with my dog"


def test_typos_are_corrected_towards_words_of_the_folder() -> None:
    normaliser = QueryNormaliser(CORPUS)
    assert normaliser.normalise("cancle my ordr", known) == "cancel my order"
    assert normaliser.normalise("sensitve stomach", known) == "sensitive stomach"
    assert normaliser.normalise("forgot my pasword", known) == "forgot my password"


def test_real_words_and_short_words_are_left_alone() -> None:
    normaliser = QueryNormaliser(CORPUS)
    assert normaliser.normalise("food for my husky", known) == "food for my husky"  # a real word, not in the folder
    assert normaliser.normalise("the fod", known) == "the fod"  # too short to guess safely
    assert QueryNormaliser([]).normalise("cancle", known) == "cancle"  # nothing to correct towards
