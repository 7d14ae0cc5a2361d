"""Typo correction against the shop's own vocabulary: 'i wnat to retrun my ordr' -> 'i want to return my order'."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable
from itertools import combinations, pairwise

from agent.nlu.shorthand import expand, unslash

_WORD = re.compile(r"[a-z]+(?:'[a-z]+)*")
_EDGE = re.compile(r"^([^A-Za-z0-9']*)(.*?)([^A-Za-z0-9']*)$", re.S)
MIN_LENGTH = 4  # shorter words have too many neighbours one slip away ("dat": day, date, cat...)
LONG_WORD = 7  # from this length on, two slips are still one word ("recieveing" -> "receiving")
SPLIT_COST = 0.75  # a missing space: "ineed" is "i need" before it is "indeed"
_ENDINGS = ("s", "es", "ed", "d", "ing", "ly")


class Vocabulary:
    """How often each lower-case word, and each pair of neighbouring words, occurs in the shop's texts."""

    def __init__(self, texts: Iterable[str] = ()) -> None:
        self.words: Counter[str] = Counter()
        self.pairs: Counter[tuple[str, str]] = Counter()
        for text in texts:
            tokens = _WORD.findall(text.lower().replace("’", "'"))
            self.words.update(tokens)
            self.pairs.update(pairwise(tokens))

    def fit(self, before: str, word: str, after: str) -> int:
        """How often `word` follows `before` or precedes `after` in our texts: 'i [want] to', not 'i [what] to'."""
        return self.pairs[(before, word)] + self.pairs[(word, after)]


def _deletes(word: str, depth: int) -> set[str]:
    """`word` and every string made from it by deleting up to `depth` characters."""
    out = {word}
    for k in range(1, min(depth, len(word) - 1) + 1):
        for gone in combinations(range(len(word)), k):
            out.add("".join(c for i, c in enumerate(word) if i not in gone))
    return out


def distance(a: str, b: str) -> int:
    """Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps cost one."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[len(b)]


def slip_cost(typed: str, candidate: str, depth: int) -> float | None:
    """How unlikely it is that `candidate` was meant when `typed` was typed; None when it is too far."""
    if candidate.replace("'", "") == typed:
        return 0.25  # a missing apostrophe is hardly a slip: "dont" is "don't"
    if (candidate in typed or typed in candidate) and abs(len(candidate) - len(typed)) >= 2:
        return None  # a prefix or an ending, not a slip: "unsatisfied" is not "satisfied"
    slips = distance(typed, candidate)
    if slips > depth:
        return None
    if slips == 1 and len(typed) == len(candidate) and sorted(typed) == sorted(candidate):
        return 0.9  # two letters swapped, the commonest slip: "wnat" is "want" before it is "what"
    return slips + (0.5 if candidate[0] != typed[0] else 0.0)  # the first letter is rarely the wrong one


class Speller:
    """Corrects words that are neither ours nor English to the nearest word of ours that fits between its neighbours.

    `vocabulary` holds the shop's words (the intent examples, the catalog); `known` is a list of English words
    left alone even when the shop never uses them ("tomatoes" is not a typo of anything of ours). Candidates are
    ranked by slips, then by how often they sit between the same neighbours in our texts, then by frequency.
    Symmetric-delete lookup: a few dictionary probes per unknown word, no scan of the vocabulary.
    """

    def __init__(self, vocabulary: Vocabulary | None = None, known: Collection[str] = frozenset()) -> None:
        self.vocabulary = vocabulary or Vocabulary()
        self.known = known
        self._index: dict[str, list[str]] = {}
        for word in sorted(self.vocabulary.words):
            if len(word) < MIN_LENGTH - 1:
                continue
            for variant in _deletes(word, 2 if len(word) >= LONG_WORD - 2 else 1):
                self._index.setdefault(variant, []).append(word)

    @classmethod
    def from_texts(cls, texts: Iterable[str], known: Collection[str] = frozenset()) -> Speller:
        return cls(Vocabulary(texts), known)

    def is_word(self, lower: str) -> bool:
        """Ours, English, or an English word with a plain ending ('subscribed', 'refunds', 'deleting')."""
        if self._plain(lower):
            return True
        for ending in _ENDINGS:
            stem = lower[: -len(ending)]
            if lower.endswith(ending) and len(stem) >= 3 and any(self._plain(s) for s in (stem, f"{stem}e")):
                return True
        return False

    def _plain(self, lower: str) -> bool:
        return lower in self.known or lower in self.vocabulary.words

    def correct_word(self, word: str, before: str = "", after: str = "") -> str:
        """The word(s) to read instead of `word` (lower case): itself, the best match within one or two slips,
        or two of our words typed without the space between them ('ineed' -> 'i need')."""
        lower = word.lower()
        if len(lower) < MIN_LENGTH or not _WORD.fullmatch(lower) or self.is_word(lower):
            return lower
        depth = 2 if len(lower) >= LONG_WORD else 1
        options: list[tuple[float, str]] = []
        for candidate in {w for variant in _deletes(lower, depth) for w in self._index.get(variant, ())}:
            cost = slip_cost(lower, candidate, depth)
            if cost is not None:
                options.append((cost, candidate))
        options += [(SPLIT_COST, joined) for joined in self._splits(lower)]
        if not options:
            return lower
        words = self.vocabulary.words

        def rank(option: tuple[float, str]) -> tuple[float, int, int, str]:
            parts = option[1].split()
            fit = self.vocabulary.fit(before, parts[0], "") + self.vocabulary.fit("", parts[-1], after)
            return option[0], -fit, -min(words.get(p, 0) for p in parts), option[1]

        return min(options, key=rank)[1]

    def _splits(self, lower: str) -> list[str]:
        """Two of our words (or a shorthand and one of ours) run together: 'uhelp', 'cani', 'toorder'."""
        out = []
        for i in range(1, len(lower)):
            left, right = lower[:i], lower[i:]
            if max(len(left), len(right)) >= 3 and all(p in self.vocabulary.words or expand(p) for p in (left, right)):
                out.append(" ".join(expand(p) or p for p in (left, right)))
        return out

    def rewrite(self, text: str) -> str:
        """`text` with shorthand spelled out and typos corrected; identifiers, numbers and punctuation kept."""
        chunks = unslash(text.replace("’", "'")).split()
        out: list[str] = []
        before = ""
        for position, chunk in enumerate(chunks):
            lead, core, trail = _EDGE.match(chunk).groups()  # type: ignore[union-attr]
            long_form = expand(core) if core else None
            if long_form is not None:
                replaced = long_form
            elif _WORD.fullmatch(core.lower()):
                after = chunks[position + 1].lower().strip(".,!?;:") if position + 1 < len(chunks) else ""
                corrected = self.correct_word(core, before, expand(after) or after)
                replaced = core if corrected == core.lower() else corrected
            else:
                replaced = core  # order numbers, emails, hyphenated words, sizes: as typed
            piece = f"{lead}{replaced}{trail}"
            if piece.strip():
                out.append(piece)
            before = replaced.lower().rsplit(" ", 1)[-1] if replaced else before
        return " ".join(out)
