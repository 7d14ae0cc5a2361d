"""The lexical path: BM25 over word stems and CJK character 1-2-grams, plus a query-coverage score."""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
_TOKEN = re.compile(rf"[{_CJK}]+|[a-z0-9]+(?:'[a-z]+)?")
_CJK_RUN = re.compile(rf"^[{_CJK}]+$")
_STOPWORD_TEXT = (
    "a an the and or but if then so of to in on at by for with from into about as is are was were be been "
    "being am do does did doing have has had having i me my mine we our us you your yours he she it its "
    "they them their this that these those there here what which who whom whose when where why how can "
    "could would should will shall may might must not no yes please hi hello hey thanks thank just also "
    "any some all each very too than get got im i'm it's dont don't can't cant i'd i've ive you're youre "
    "there's let's what's that's where's who's how's isn't doesn't didn't won't wasn't aren't i'll we're"
)
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())
_CJK_STOP = frozenset("的了吗呢吧啊呀么我你您他她它们是在有和就都也还要会能可以请问这那个些怎么什么")
K1, B = 1.2, 0.75


def _stem(word: str) -> str:
    """A deliberately small English stemmer: plurals, -ing, -ed, doubled final consonants."""
    if len(word) <= 3 or word.isdigit():
        return word
    for suffix, replacement, min_len in (("ies", "y", 5), ("sses", "ss", 5), ("ing", "", 6), ("ed", "", 5)):
        if word.endswith(suffix) and len(word) >= min_len:
            word = word[: -len(suffix)] + replacement
            if suffix in {"ing", "ed"} and len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
                word = word[:-1]
            return word
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def terms(text: str) -> tuple[list[str], list[str]]:
    """(all terms for ranking, content terms for coverage): word stems, CJK characters and bigrams."""
    text = unicodedata.normalize("NFKC", text).lower()
    ranking: list[str] = []
    content: list[str] = []
    for token in _TOKEN.findall(text):
        if _CJK_RUN.match(token):
            chars = list(token)
            bigrams = [a + b for a, b in itertools.pairwise(chars)]
            ranking += [c for c in chars if c not in _CJK_STOP] + bigrams
            content += [c for c in chars if c not in _CJK_STOP] + bigrams
        elif token not in _STOPWORDS:
            stem = _stem(token.replace("'", ""))
            ranking.append(stem)
            content.append(stem)
    return ranking, content


def cjk_share(text: str) -> float:
    """Share of CJK characters among the text's units, a Latin word counting as one unit."""
    tokens = _TOKEN.findall(unicodedata.normalize("NFKC", text).lower())
    cjk = sum(len(t) for t in tokens if _CJK_RUN.match(t))
    units = cjk + sum(1 for t in tokens if not _CJK_RUN.match(t))
    return cjk / units if units else 0.0


@dataclass(frozen=True)
class LexicalHit:
    """A lexical match: BM25 score for ranking, coverage in [0, 1] for confidence."""

    index: int
    bm25: float
    coverage: float


class LexicalIndex:
    """An immutable BM25 index over a list of texts (rebuilt on reload, which takes milliseconds)."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.size = len(texts)
        self._postings: dict[str, list[tuple[int, int]]] = {}
        self._lengths: list[int] = []
        self._doc_terms: list[frozenset[str]] = []
        for index, text in enumerate(texts):
            counts = Counter(terms(text)[0])
            self._lengths.append(sum(counts.values()))
            self._doc_terms.append(frozenset(counts))
            for term, tf in counts.items():
                self._postings.setdefault(term, []).append((index, tf))
        self._avg = (sum(self._lengths) / self.size) if self.size else 1.0

    def idf(self, term: str) -> float:
        df = len(self._postings.get(term, ()))
        return math.log(1.0 + (self.size - df + 0.5) / (df + 0.5))

    @property
    def vocabulary(self) -> int:
        """Number of distinct terms in the folder."""
        return len(self._postings)

    def known_share(self, query: str) -> float:
        """Share of the query's content terms that occur somewhere in the folder (1.0 for a query without any).
        Words no entry uses ("facebook", "duvet") mark a question about something the folder does not cover."""
        content = set(terms(query)[1])
        if not content:
            return 1.0
        return sum(1 for t in content if t in self._postings) / len(content)

    def search(self, query: str, k: int, allowed: Collection[int] | None = None) -> list[LexicalHit]:
        """Top `k` texts by BM25 among `allowed` (all when None), with the share of query weight they cover."""
        ranking, content = terms(query)
        if not ranking or not self.size:
            return []
        scores: dict[int, float] = {}
        for term in set(ranking):
            postings = self._postings.get(term)
            if not postings:
                continue
            idf = self.idf(term)
            for index, tf in postings:
                if allowed is not None and index not in allowed:
                    continue
                norm = tf * (K1 + 1) / (tf + K1 * (1 - B + B * self._lengths[index] / self._avg))
                scores[index] = scores.get(index, 0.0) + idf * norm
        best = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:k]
        unique_content = set(content)
        total = sum(self.idf(t) for t in unique_content)
        hits: list[LexicalHit] = []
        for index, score in best:
            covered = sum(self.idf(t) for t in unique_content if t in self._doc_terms[index])
            hits.append(LexicalHit(index=index, bm25=score, coverage=covered / total if total else 0.0))
        return hits

    def best_coverage(self, query: str) -> float:
        """The share of the query's term weight its best BM25 match covers (0 when nothing matches)."""
        hits = self.search(query, 1)
        return hits[0].coverage if hits else 0.0
