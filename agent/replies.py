"""Reply templates: loaded from `agent/templates/replies.yaml`, filled per language."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, RootModel, model_validator

DEFAULT_TEMPLATES = Path(__file__).resolve().parent / "templates" / "replies.yaml"
LANGUAGES = ("en", "zh")
REQUIRED_LANGUAGE = "en"


class TemplateError(ValueError):
    """A template file is missing, malformed, or lacks a key/language."""


class _TemplateFile(RootModel[dict[str, dict[str, str]]]):
    @model_validator(mode="after")
    def _every_language(self) -> _TemplateFile:
        for key, by_lang in self.root.items():
            if REQUIRED_LANGUAGE not in by_lang:
                raise ValueError(f"template {key!r} lacks its {REQUIRED_LANGUAGE!r} text")
            unknown = sorted(set(by_lang) - set(LANGUAGES))
            if unknown:
                raise ValueError(f"template {key!r} has unknown language(s) {', '.join(unknown)}")
        return self


class ReplyBook(BaseModel):
    """The reply templates of one shop, with its name filled in."""

    shop: str
    templates: dict[str, dict[str, str]]

    @classmethod
    def load(cls, shop: str, path: Path = DEFAULT_TEMPLATES) -> ReplyBook:
        try:
            raw: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise TemplateError(f"{path}: cannot read templates: {exc}") from exc
        try:
            parsed = _TemplateFile.model_validate(raw)
        except ValueError as exc:
            raise TemplateError(f"{path}: {exc}") from exc
        return cls(shop=shop, templates=parsed.root)

    def render(self, key: str, language: str, **values: object) -> str:
        by_lang = self.templates.get(key)
        if by_lang is None:
            raise TemplateError(f"no reply template named {key!r}")
        text = by_lang.get(language) or by_lang[REQUIRED_LANGUAGE]
        try:
            return text.format(shop=self.shop, **values)
        except KeyError as exc:
            raise TemplateError(f"template {key!r} needs a value for {exc}") from exc
