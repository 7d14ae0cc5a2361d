"""`shopclerk eval nlu` end to end on fixture datasets, with the real embedder and a tiny knowledge directory."""

from __future__ import annotations

import json
import struct
import zlib
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from connectors.cli.eval import eval_app
from connectors.settings import load_settings
from evals.nlu.metrics import Confusion
from evals.nlu.png import confusion_png, encode_png

INTENTS = """locale: en
intents:
  order_status: [where is my order, track my package, has my order shipped, when will my parcel arrive,
                 status of my order, my delivery is late]
  cancel_order: [cancel my order, please cancel the purchase, I want to cancel, stop my order,
                 can I still cancel my order, cancel it]
  confirm: ["yes", yes please, sure, go ahead, correct, yep]
  out_of_scope: [what is the weather, tell me a joke, grow vegetables, what is a star, book a flight,
                 play music, how tall is a giraffe, learn the piano]
"""


def _app() -> typer.Typer:
    """A root app like `shopclerk`'s: settings validated once into ctx.obj, `eval` registered under it."""
    app = typer.Typer()

    @app.callback()
    def root(ctx: typer.Context) -> None:
        ctx.obj = load_settings()

    app.add_typer(eval_app, name="eval")
    return app


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    knowledge = tmp_path / "knowledge"
    (knowledge / "intents").mkdir(parents=True)
    (knowledge / "intents" / "tiny.yaml").write_text(INTENTS)
    monkeypatch.setenv("SHOPCLERK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("SHOPCLERK_KNOWLEDGE_DIR", str(knowledge))
    return tmp_path


def test_eval_nlu_on_fixture_datasets(env: Path, datasets: Path) -> None:
    runner = CliRunner()
    report = env / "report"
    result = runner.invoke(
        _app(), ["eval", "nlu", "--dataset", "clinc", "--datasets-dir", str(datasets), "--report", str(report)]
    )
    assert result.exit_code == 0, result.output
    assert "out-of-scope on oos_test: recall" in result.output
    assert "latency per message: p50" in result.output
    data = json.loads((report / "report.json").read_text())
    assert data["rows"] == 5 and data["clinc"]["oos_test"]["true_rows"] == 2
    html = (report / "report.html").read_text()
    assert "CLINC150: out-of-scope detection" in html and "confusion_all.png" in html
    assert "how do I grow tomatoes" not in html  # reports hold counts, never test rows
    assert (report / "confusion_exact.png").read_bytes().startswith(b"\x89PNG")

    result = runner.invoke(_app(), ["eval", "nlu", "--dataset", "bitext", "--datasets-dir", str(datasets)])
    assert result.exit_code == 0, result.output
    assert "exact rows: 3" in result.output
    assert "order-number spans: precision 1.0000 recall 1.0000 F1 1.0000" in result.output


def test_eval_nlu_refuses_unknown_or_missing_datasets(env: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(_app(), ["eval", "nlu", "--dataset", "imdb"])
    assert result.exit_code == 2
    result = runner.invoke(_app(), ["eval", "nlu", "--dataset", "clinc", "--datasets-dir", str(env / "none")])
    assert result.exit_code == 2
    assert "not found" in result.output


def test_png_is_a_valid_image() -> None:
    image = confusion_png(Confusion(labels=["a", "out_of_scope"], matrix=[[3, 1], [0, 5]]), "test")
    data = encode_png(image)
    width, height = struct.unpack(">II", data[16:24])
    assert (height, width) == image.shape[:2]
    start = data.index(b"IDAT") + 4
    length = struct.unpack(">I", data[start - 8 : start - 4])[0]
    assert len(zlib.decompress(data[start : start + length])) == height * (1 + 3 * width)
    with pytest.raises(ValueError):
        encode_png(image[:, :, 0])
