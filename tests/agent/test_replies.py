"""Reply templates: every key in every language, clear errors for broken files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from agent.replies import LANGUAGES, ReplyBook, TemplateError


def test_shipped_templates_have_english_and_known_languages() -> None:
    book = ReplyBook.load("Shop")
    for key, by_lang in book.templates.items():
        assert "en" in by_lang, key
        assert set(by_lang) <= set(LANGUAGES), key
    assert book.render("too_long", "zh", limit=10).startswith("消息太长")
    assert book.render("ask_email", "zh") == book.render("ask_email", "en")


def test_missing_english_or_unknown_language_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text("greeting:\n  zh: hi\n")
    with pytest.raises(TemplateError, match="'greeting' lacks its 'en' text"):
        ReplyBook.load("Shop", path)
    path.write_text("greeting:\n  en: hi\n  xx: yo\n")
    with pytest.raises(TemplateError, match="unknown language"):
        ReplyBook.load("Shop", path)


def test_a_missing_value_is_a_clear_error() -> None:
    with pytest.raises(TemplateError, match="needs a value for 'order'"):
        ReplyBook.load("Shop").render("order_not_found", "en")


def test_unknown_key_and_bad_yaml(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="no reply template named 'nope'"):
        ReplyBook.load("Shop").render("nope", "en")
    path = tmp_path / "bad.yaml"
    path.write_text("greeting: [unclosed\n")
    with pytest.raises(TemplateError, match="cannot read templates"):
        ReplyBook.load("Shop", path)


def test_every_template_key_the_skills_name_exists() -> None:
    """A key typed in a skill but missing from replies.yaml would only fail when a shopper reached that branch."""
    agent = Path(__file__).resolve().parents[2] / "agent"
    named = re.compile(
        r"""(?:refusal|Plan|render\(runtime, state,)\s*\(?\s*["']([a-z_]+)["']|["'](refused_[a-z_]+)["']"""
    )
    keys = {k for path in agent.rglob("*.py") for m in named.finditer(path.read_text()) for k in m.groups() if k}
    book = ReplyBook.load("Shop")
    assert {"refused_final_sale", "refused_return_window", "confirm_cancel"} <= keys  # the scan finds them
    assert sorted(keys - set(book.templates)) == []
