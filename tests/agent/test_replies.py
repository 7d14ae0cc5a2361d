"""Reply templates: every key in every language, clear errors for broken files."""

from __future__ import annotations

from pathlib import Path

import pytest

from agent.replies import LANGUAGES, ReplyBook, TemplateError


def test_shipped_templates_cover_every_language() -> None:
    book = ReplyBook.load("Shop")
    for key, by_lang in book.templates.items():
        assert set(LANGUAGES) <= set(by_lang), key
    assert book.render("too_long", "zh", limit=10).startswith("消息太长")


def test_missing_language_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text("greeting:\n  en: hi\n")
    with pytest.raises(TemplateError, match="'greeting' lacks language"):
        ReplyBook.load("Shop", path)


def test_unknown_key_and_bad_yaml(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="no reply template named 'nope'"):
        ReplyBook.load("Shop").render("nope", "en")
    path = tmp_path / "bad.yaml"
    path.write_text("greeting: [unclosed\n")
    with pytest.raises(TemplateError, match="cannot read templates"):
        ReplyBook.load("Shop", path)
