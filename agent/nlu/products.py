"""Product references: catalog names, aliases and variants matched fuzzily (typos welcome) in a message."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict

from agent.nlu.slots import ProductMention

_WORD = re.compile(r"[a-z0-9]+(?:[.'][a-z0-9]+)*")
_STOP = frozenset({
    "a", "an", "the", "for", "my", "of", "and", "or", "with", "to", "in", "on", "is", "it", "this", "that", "i",
    "me", "you", "your", "our", "food", "pet", "pets", "one", "ones", "please", "want", "need", "some", "any",
    "do", "have", "has", "can",
})  # fmt: skip
_MIN_SCORE = 0.84
_COMMON_SHARE = 0.1  # a word in more than this share of products (a brand, "cat") cannot name one on its own


class VariantItem(BaseModel):
    """A variant as plain data for matching: '2 kg bag', with its option values as aliases ('2 kg')."""

    model_config = ConfigDict(frozen=True)

    id: str
    name: str
    aliases: tuple[str, ...] = ()


class CatalogItem(BaseModel):
    """A product as plain data for matching; the assembly builds these from the catalog interface."""

    model_config = ConfigDict(frozen=True)

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    variants: tuple[VariantItem, ...] = ()


@dataclass(frozen=True)
class _Hit:
    score: float
    start: int
    end: int
    item: CatalogItem


def _clash(a: _Hit, b: _Hit) -> bool:
    """Two readings of the same words, or the same product twice: only the better one is kept."""
    return a.item.id == b.item.id or (a.start < b.end and b.start < a.end)


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _ratio(a: str, b: str) -> float:
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < _MIN_SCORE or matcher.quick_ratio() < _MIN_SCORE:
        return 0.0
    return matcher.ratio()


class ProductMatcher:
    """Finds catalog products named in a message; built once from the catalog's names and aliases."""

    def __init__(self, catalog: Sequence[CatalogItem], *, min_score: float = _MIN_SCORE) -> None:
        self.catalog = tuple(catalog)
        self.min_score = min_score
        self._phrases: list[tuple[CatalogItem, list[str]]] = []
        self._by_token: dict[str, set[int]] = {}
        products_with: dict[str, set[str]] = {}
        for item in self.catalog:
            for phrase in (item.name, *item.aliases):
                tokens = words(phrase)
                if not tokens:
                    continue
                index = len(self._phrases)
                self._phrases.append((item, tokens))
                for token in {t for t in tokens if t not in _STOP and len(t) > 1}:
                    self._by_token.setdefault(token, set()).add(index)
                    products_with.setdefault(token, set()).add(item.id)
        limit = max(2, int(len(self.catalog) * _COMMON_SHARE))
        self._distinctive = sorted(t for t, ids in products_with.items() if len(ids) <= limit)
        self._distinctive_set = frozenset(self._distinctive)

    def find(self, text: str) -> list[ProductMention]:
        """Products named in `text`, one per product and none overlapping, in order of appearance."""
        tokens = words(text)
        if not tokens or not self._phrases:
            return []
        candidates: set[int] = set()
        for token in set(tokens):
            if token in _STOP or len(token) < 3:
                continue
            if token in self._by_token:  # spelled right: only a distinctive word makes candidates
                if token in self._distinctive_set:
                    candidates |= self._by_token[token]
                continue
            for near in difflib.get_close_matches(token, self._distinctive, n=3, cutoff=0.8):
                candidates |= self._by_token[near]
        hits = []
        for index in sorted(candidates):
            item, phrase_tokens = self._phrases[index]
            hit = self._best_window(tokens, phrase_tokens) or self._token_cover(tokens, phrase_tokens)
            if hit is not None:
                hits.append(_Hit(hit[0], hit[1], hit[2], item))
        accepted: list[_Hit] = []
        for candidate in sorted(hits, key=lambda h: (-h.score, h.start)):
            clash = any(
                a.item.id == candidate.item.id or (a.start < candidate.end and candidate.start < a.end)
                for a in accepted
            )
            if not clash:
                accepted.append(candidate)
        return [self._mention(h, tokens) for h in sorted(accepted, key=lambda h: h.start)]

    def _best_window(self, tokens: list[str], phrase: list[str]) -> tuple[float, int, int] | None:
        target = " ".join(phrase)
        best: tuple[float, int, int] | None = None
        for size in {max(1, len(phrase) - 1), len(phrase)}:
            for start in range(0, max(1, len(tokens) - size + 1)):
                window = " ".join(tokens[start : start + size])
                if len(target) < 5 and window != target:
                    continue  # short aliases ("pro") only count when typed exactly
                score = 1.0 if window == target else _ratio(window, target)
                if score >= self.min_score and (best is None or score > best[0]):
                    best = (score, start, start + size)
        return best

    def _token_cover(self, tokens: list[str], phrase: list[str]) -> tuple[float, int, int] | None:
        """A partial name ('tofu litter' for 'Clumping Tofu Litter'): most distinctive words present, typos allowed."""
        distinctive = [t for t in phrase if t not in _STOP and len(t) > 2]
        if len(distinctive) < 2:
            return None
        positions: list[int] = []
        total = 0.0
        for word in distinctive:
            scored = [(1.0 if t == word else _ratio(t, word), i) for i, t in enumerate(tokens)]
            best, where = max(scored, default=(0.0, -1))
            if best >= 0.8:
                positions.append(where)
                total += best
        needed = len(distinctive) if len(distinctive) <= 2 else max(2, -(-2 * len(distinctive) // 3))
        if len(positions) < needed or max(positions) - min(positions) > len(positions) + 1:
            return None
        return total / len(distinctive), min(positions), max(positions) + 1

    def _mention(self, hit: _Hit, tokens: list[str]) -> ProductMention:
        mention = ProductMention(
            product_id=hit.item.id, name=hit.item.name, matched=" ".join(tokens[hit.start : hit.end]),
            score=round(min(hit.score, 1.0), 3),
        )  # fmt: skip
        compact = "".join(tokens)
        joined = " " + " ".join(tokens) + " "
        for variant in hit.item.variants:
            for phrase in (variant.name, *variant.aliases):
                variant_tokens = words(phrase)
                if variant_tokens and (
                    f" {' '.join(variant_tokens)} " in joined
                    or (any(ch.isdigit() for ch in phrase) and "".join(variant_tokens) in compact)
                ):
                    return mention.model_copy(update={"variant_id": variant.id})
        return mention
