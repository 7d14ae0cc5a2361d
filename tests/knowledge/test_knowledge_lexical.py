"""The lexical path: stems, coverage, and which of a question's words the folder uses at all."""

from __future__ import annotations

from knowledge.lexical import LexicalIndex, terms

TEXTS = ["How do I delete my account?", "Which food helps a sensitive stomach?", "Can I return opened food?"]


def test_contractions_and_question_words_are_not_content() -> None:
    assert terms("what's the fastest diet")[1] == ["fastest", "diet"]


def test_known_share_counts_the_question_words_some_entry_uses() -> None:
    index = LexicalIndex(TEXTS)
    assert index.known_share("how do I delete my account") == 1.0
    assert index.known_share("delete my facebook account") == 2 / 3
    assert index.known_share("how do I") == 1.0  # no content words: nothing foreign either
    assert index.vocabulary == len({t for text in TEXTS for t in terms(text)[0]})


def test_coverage_is_the_share_of_the_question_the_entry_holds() -> None:
    hits = LexicalIndex(TEXTS).search("delete my facebook account", 3)
    assert hits[0].index == 0
    assert 0.0 < hits[0].coverage < 1.0
