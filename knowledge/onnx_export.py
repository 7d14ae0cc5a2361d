"""Build a BERT sentence-embedding ONNX graph from safetensors weights with numpy and onnx (no torch)."""

from __future__ import annotations

import json
import struct
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

_DTYPES = {"F32": np.float32, "F16": np.float16, "I64": np.int64}
_OPSET = 18


def read_safetensors(path: Path) -> dict[str, npt.NDArray[Any]]:
    """Read every tensor of a safetensors file into numpy arrays (the format is a JSON header + raw bytes)."""
    raw = path.read_bytes()
    (header_len,) = struct.unpack("<Q", raw[:8])
    header: dict[str, Any] = json.loads(raw[8 : 8 + header_len])
    base = 8 + header_len
    tensors: dict[str, npt.NDArray[Any]] = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        start, end = info["data_offsets"]
        dtype = _DTYPES[info["dtype"]]
        array = np.frombuffer(raw[base + start : base + end], dtype=dtype).reshape(info["shape"])
        tensors[name] = array.astype(np.float32) if dtype is np.float16 else array.copy()
    return tensors


class _GraphBuilder:
    """Accumulates nodes and initializers with unique names."""

    def __init__(self) -> None:
        import onnx.helper

        self.helper = onnx.helper
        self.nodes: list[Any] = []
        self.initializers: list[Any] = []
        self._count = 0

    def name(self, hint: str) -> str:
        self._count += 1
        return f"{hint}_{self._count}"

    def const(self, hint: str, value: npt.NDArray[Any]) -> str:
        from onnx import numpy_helper

        name = self.name(hint)
        self.initializers.append(numpy_helper.from_array(np.ascontiguousarray(value), name=name))
        return name

    def op(self, op_type: str, inputs: list[str], hint: str, **attrs: Any) -> str:
        out = self.name(hint)
        self.nodes.append(self.helper.make_node(op_type, inputs, [out], name=out + "_node", **attrs))
        return out

    def linear(self, x: str, weight: npt.NDArray[Any], bias: npt.NDArray[Any], hint: str) -> str:
        # torch stores Linear weights as (out, in); MatMul wants (in, out)
        mm = self.op("MatMul", [x, self.const(hint + "_w", weight.T.astype(np.float32))], hint + "_mm")
        return self.op("Add", [mm, self.const(hint + "_b", bias.astype(np.float32))], hint)

    def layer_norm(self, x: str, weight: npt.NDArray[Any], bias: npt.NDArray[Any], eps: float, hint: str) -> str:
        return self.op(
            "LayerNormalization",
            [x, self.const(hint + "_g", weight), self.const(hint + "_b", bias)],
            hint,
            axis=-1,
            epsilon=eps,
        )


def build_bert_onnx(weights: dict[str, npt.NDArray[Any]], config: dict[str, Any]) -> bytes:
    """Serialize a graph: (input_ids, attention_mask) -> mean-pooled, L2-normalised sentence embeddings."""
    import onnx
    from onnx import TensorProto

    g = _GraphBuilder()
    hidden = int(config["hidden_size"])
    heads = int(config["num_attention_heads"])
    head_dim = hidden // heads
    eps = float(config.get("layer_norm_eps", 1e-12))
    w = weights

    ids, mask = "input_ids", "attention_mask"
    # positions: the first T rows of the position table, T taken from the input's shape
    seq_len_1d = g.op("Gather", [g.op("Shape", [ids], "shape"), g.const("one_idx", np.array([1], np.int64))], "t")
    positions = g.op(
        "Slice",
        [
            g.const("pos_table", w["embeddings.position_embeddings.weight"]),
            g.const("zero", np.array([0], np.int64)),
            seq_len_1d,
            g.const("axes0", np.array([0], np.int64)),
        ],
        "positions",
    )
    words = g.op("Gather", [g.const("word_table", w["embeddings.word_embeddings.weight"]), ids], "words")
    type0 = g.const("type0", w["embeddings.token_type_embeddings.weight"][0])
    x = g.op("Add", [g.op("Add", [words, positions], "wp"), type0], "emb")
    x = g.layer_norm(
        x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"], eps, "emb_ln"
    )

    mask_f = g.op("Cast", [mask], "mask_f", to=TensorProto.FLOAT)
    # additive attention bias: 0 where attended, -10000 on padding, shaped (B, 1, 1, T)
    mask_4d = g.op("Unsqueeze", [mask_f, g.const("axes12", np.array([1, 2], np.int64))], "mask4d")
    inverted = g.op("Sub", [g.const("one_f", np.array(1.0, np.float32)), mask_4d], "inv")
    attn_bias = g.op("Mul", [inverted, g.const("neg", np.array(-10000.0, np.float32))], "attn_bias")

    split_shape = g.const("split_shape", np.array([0, 0, heads, head_dim], np.int64))
    merge_shape = g.const("merge_shape", np.array([0, 0, hidden], np.int64))
    scale = g.const("scale", np.array(1.0 / np.sqrt(head_dim), np.float32))
    sqrt2 = g.const("sqrt2", np.array(np.sqrt(2.0), np.float32))
    half = g.const("half", np.array(0.5, np.float32))
    one = g.const("one", np.array(1.0, np.float32))

    for layer in range(int(config["num_hidden_layers"])):
        p = f"encoder.layer.{layer}."
        h = f"l{layer}"

        def heads_of(source: str, name: str, perm: list[int], p: str = p, h: str = h) -> str:
            weight, bias = w[p + f"attention.self.{name}.weight"], w[p + f"attention.self.{name}.bias"]
            proj = g.linear(source, weight, bias, h + name)
            split = g.op("Reshape", [proj, split_shape], h + name + "_r")
            return g.op("Transpose", [split], h + name + "_t", perm=perm)

        q = heads_of(x, "query", [0, 2, 1, 3])
        k = heads_of(x, "key", [0, 2, 3, 1])
        v = heads_of(x, "value", [0, 2, 1, 3])
        scores = g.op("Add", [g.op("Mul", [g.op("MatMul", [q, k], h + "qk"), scale], h + "sc"), attn_bias], h + "sb")
        probs = g.op("Softmax", [scores], h + "probs", axis=-1)
        ctx = g.op("Transpose", [g.op("MatMul", [probs, v], h + "ctx")], h + "ctx_t", perm=[0, 2, 1, 3])
        ctx = g.op("Reshape", [ctx, merge_shape], h + "ctx_m")
        attn = g.linear(ctx, w[p + "attention.output.dense.weight"], w[p + "attention.output.dense.bias"], h + "ao")
        x = g.layer_norm(
            g.op("Add", [attn, x], h + "res1"),
            w[p + "attention.output.LayerNorm.weight"],
            w[p + "attention.output.LayerNorm.bias"],
            eps,
            h + "ln1",
        )
        inter = g.linear(x, w[p + "intermediate.dense.weight"], w[p + "intermediate.dense.bias"], h + "in")
        # exact GELU: 0.5 * x * (1 + erf(x / sqrt(2)))
        erf = g.op("Erf", [g.op("Div", [inter, sqrt2], h + "div")], h + "erf")
        gelu = g.op("Mul", [g.op("Mul", [inter, half], h + "hx"), g.op("Add", [erf, one], h + "e1")], h + "gelu")
        out = g.linear(gelu, w[p + "output.dense.weight"], w[p + "output.dense.bias"], h + "out")
        x = g.layer_norm(
            g.op("Add", [out, x], h + "res2"),
            w[p + "output.LayerNorm.weight"],
            w[p + "output.LayerNorm.bias"],
            eps,
            h + "ln2",
        )

    # mean pooling over attended tokens, then L2 normalisation
    mask_3d = g.op("Unsqueeze", [mask_f, g.const("axes2", np.array([2], np.int64))], "mask3d")
    summed = g.op("ReduceSum", [g.op("Mul", [x, mask_3d], "masked"), g.const("axes1", np.array([1], np.int64))],
                  "summed", keepdims=0)
    counts = g.op("ReduceSum", [mask_3d, g.const("axes1", np.array([1], np.int64))], "counts", keepdims=0)
    counts = g.op("Max", [counts, g.const("min_count", np.array(1e-9, np.float32))], "counts_c")
    mean = g.op("Div", [summed, counts], "mean")
    norm = g.op("ReduceL2", [mean, g.const("axes_last", np.array([-1], np.int64))], "norm", keepdims=1)
    norm = g.op("Max", [norm, g.const("min_norm", np.array(1e-12, np.float32))], "norm_c")
    g.nodes.append(g.helper.make_node("Div", [mean, norm], ["sentence_embedding"], name="normalise"))

    graph = g.helper.make_graph(
        g.nodes,
        "minilm_sentence_embedding",
        [
            g.helper.make_tensor_value_info(ids, TensorProto.INT64, ["batch", "tokens"]),
            g.helper.make_tensor_value_info(mask, TensorProto.INT64, ["batch", "tokens"]),
        ],
        [g.helper.make_tensor_value_info("sentence_embedding", TensorProto.FLOAT, ["batch", hidden])],
        g.initializers,
    )
    model = g.helper.make_model(
        graph, opset_imports=[g.helper.make_opsetid("", _OPSET)], producer_name="shopclerk"
    )
    model.ir_version = 8
    onnx.checker.check_model(model)
    return bytes(model.SerializeToString())
