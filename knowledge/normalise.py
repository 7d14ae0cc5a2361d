"""Light query normalisation: chat shorthand, a few generic pet-shop synonyms, typos fixed against the corpus."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable

# Shopper shorthand and apostrophe-less contractions: MiniLM splits them into meaningless word pieces.
SHORTHAND: dict[str, str] = {
    "pls": "please", "plz": "please", "u": "you", "ur": "your", "r": "are", "thx": "thanks", "b4": "before",
    "w/o": "without", "w/": "with", "asap": "as soon as possible", "bc": "because", "cuz": "because",
    "dont": "don't", "doesnt": "doesn't", "didnt": "didn't", "cant": "can't", "wont": "won't", "isnt": "isn't",
    "wasnt": "wasn't", "arent": "aren't", "hasnt": "hasn't", "havent": "haven't", "im": "I'm", "ive": "I've",
    "whats": "what's", "wheres": "where's", "hows": "how's", "thats": "that's", "theres": "there's",
}
# Generic pet-shop and shopping synonyms, mapped to the word shop texts usually use (any shop, not the demo's).
SYNONYMS: dict[str, str] = {
    "kitty": "cat", "kitties": "cats", "kitteh": "cat", "moggy": "cat", "pup": "puppy", "pups": "puppies",
    "doggo": "dog", "doggy": "dog", "doggie": "dog", "pooch": "dog", "tummy": "stomach", "call off": "cancel",
    "calling off": "cancelling", "money back": "refund", "e-mail": "email", "colour": "color", "flavour": "flavor",
}
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'/-]*")
_PHRASES = re.compile(r"\b(" + "|".join(re.escape(p) for p in sorted(
    (k for k in SYNONYMS if " " in k), key=len, reverse=True)) + r")\b", re.IGNORECASE)
MIN_TYPO_LENGTH = 4  # shorter words have too many neighbours at one edit


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


def _one_edit(a: str, b: str) -> bool:
    """True when `a` and `b` differ by one insertion, deletion, substitution or swap of neighbours."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


class QueryNormaliser:
    """Built from the indexed texts; `normalise` rewrites a Latin-script question before both search paths."""

    def __init__(self, texts: Iterable[str]) -> None:
        self._counts: Counter[str] = Counter(w.lower() for t in texts for w in _WORD.findall(t))
        self._by_delete: dict[str, set[str]] = {}
        for word in self._counts:
            if len(word) >= MIN_TYPO_LENGTH and word.isalpha():
                for key in _deletes(word) | {word}:
                    self._by_delete.setdefault(key, set()).add(word)

    def correct(self, word: str, known: Callable[[str], bool]) -> str:
        """The corpus word one edit away from an unknown `word` (the most frequent one), else `word` itself."""
        lower = word.lower()
        if len(lower) < MIN_TYPO_LENGTH or not lower.isalpha() or lower in self._counts or known(lower):
            return word
        found = {c for key in _deletes(lower) | {lower} for c in self._by_delete.get(key, ()) if _one_edit(lower, c)}
        return max(sorted(found), key=lambda c: self._counts[c]) if found else word

    def normalise(self, query: str, known: Callable[[str], bool]) -> str:
        """Shorthand expanded, synonyms mapped, unknown words one typo away from a corpus word corrected."""
        text = _PHRASES.sub(lambda m: SYNONYMS[m.group(0).lower()], query)

        def fix(match: re.Match[str]) -> str:
            word = match.group(0)
            lower = word.lower()
            if lower in SHORTHAND:
                return SHORTHAND[lower]
            if lower in SYNONYMS:
                return SYNONYMS[lower]
            return self.correct(word, known)

        return _WORD.sub(fix, text)
