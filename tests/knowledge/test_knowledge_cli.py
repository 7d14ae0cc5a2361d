"""`shopclerk knowledge ...` through the real CLI: check, ingest, search, import-faq, eval."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from connectors.cli import main
from connectors.cli.knowledge import knowledge_app


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, models_dir: Path, small_dir: Path) -> typer.Typer:
    """The root app (settings callback) with the knowledge group, on a temporary data directory."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "models").symlink_to(models_dir, target_is_directory=True)  # the session's model, not a rebuild
    monkeypatch.setenv("SHOPCLERK_DATA_DIR", str(data))
    monkeypatch.setenv("SHOPCLERK_KNOWLEDGE_DIR", str(small_dir))
    assert any(group.typer_instance is knowledge_app for group in main.app.registered_groups)
    return main.app


def run(app: typer.Typer, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["knowledge", *args])
    return result.exit_code, result.output


def test_check_reports_counts_and_fails_on_errors(cli: typer.Typer, small_dir: Path, kit: Any) -> None:
    code, out = run(cli, "check")
    assert code == 0 and "3 faq" in out and "0 error(s)" in out
    kit.write(small_dir, "faq/bad.md", "---\nid: bad\ntitel: Bad?\n---\nx\n")
    code, out = run(cli, "check")
    assert code == 1 and "faq/bad.md:3: error: unknown field 'titel'" in out and "did you mean 'title'" in out
    code, out = run(cli, "check", "--json")
    assert code == 1 and {i["file"] for i in json.loads(out[: out.rindex("]") + 1]) if i["severity"] == "error"} == {
        "faq/bad.md"}


def test_ingest_then_search_with_citations(cli: typer.Typer) -> None:
    code, out = run(cli, "ingest")
    assert code == 0 and "indexed" in out and "added" in out
    code, out = run(cli, "ingest")
    assert code == 0 and "0 texts embedded" in out
    code, out = run(cli, "search", "what does delivery cost", "--json", "-k", "2")
    assert code == 0
    payload = json.loads(out)
    assert payload["answered"] and payload["hits"][0]["id"] == "shipping-cost"
    assert payload["hits"][0]["citation"] == "faq/shipping-cost.md (shipping-cost)" and len(payload["hits"]) == 2
    code, out = run(cli, "search", "who won the world cup")
    assert code == 0 and "no answer" in out


def test_search_another_directory_leaves_the_configured_index_alone(cli: typer.Typer, tmp_path: Path, kit: Any) -> None:
    other = tmp_path / "other"
    kit.write(other, "faq/gift.md", kit.faq("gift-wrap", "Do you gift wrap orders?", "Yes, for $3 per order."))
    code, out = run(cli, "search", "can you wrap my present", "--dir", str(other), "--json")
    assert code == 0 and json.loads(out)["hits"][0]["id"] == "gift-wrap"
    code, out = run(cli, "search", "can you wrap my present", "--json")
    assert all(h["id"] != "gift-wrap" for h in json.loads(out)["hits"])


def test_import_faq_from_csv_and_jsonl(cli: typer.Typer, tmp_path: Path, small_dir: Path) -> None:
    export = tmp_path / "export.csv"
    export.write_text('id,question,answer,tags\ngift-wrap,Do you gift wrap?,"Yes, $3.",gifts;orders\n'
                      ',Can I pick a delivery day?,No.,\n', encoding="utf-8")
    code, out = run(cli, "import-faq", str(export))
    assert code == 0 and "wrote 2 entries" in out
    written = small_dir / "faq" / "imported" / "gift-wrap.md"
    assert written.read_text(encoding="utf-8").startswith("---\nid: gift-wrap\ntitle: Do you gift wrap?\n")
    assert (small_dir / "faq" / "imported" / "can-i-pick-a-delivery-day.md").is_file()
    assert run(cli, "check")[0] == 0
    lines = tmp_path / "export.jsonl"
    lines.write_text('{"id": "x1", "question": "Q?", "answer": "A.", "tags": ["a"]}\nnot json\n', encoding="utf-8")
    code, out = run(cli, "import-faq", str(lines), "--dir", str(tmp_path / "kb2"))
    assert code == 1 and "export.jsonl:2" in out


def test_eval_writes_json_and_markdown_reports(cli: typer.Typer, tmp_path: Path) -> None:
    questions = tmp_path / "q.csv"
    questions.write_text("question,expected_id\nwhat do you charge for delivery,shipping-cost\n"
                         "until when can I send things back,return-window\nwho painted the Mona Lisa,\n",
                         encoding="utf-8")
    code, out = run(cli, "eval", "--questions", str(questions), "--report", str(tmp_path / "report"))
    assert code == 0 and "hit@1" in out
    report = json.loads((tmp_path / "report" / "retrieval.json").read_text(encoding="utf-8"))
    assert report["questions"] == 3 and report["hit_at_1"] == 1.0 and report["no_answer_recall"] == 1.0
    assert (tmp_path / "report" / "retrieval.md").read_text(encoding="utf-8").startswith("# Retrieval evaluation")


def test_calibrate_sweeps_and_names_the_chosen_threshold(cli: typer.Typer, tmp_path: Path) -> None:
    questions = tmp_path / "q.csv"
    questions.write_text("question,expected_id\nwhat do you charge for delivery,shipping-cost\n"
                         "until when can I send things back,return-window\nwho painted the Mona Lisa,\n"
                         "how do I fix a flat bicycle tyre,\n", encoding="utf-8")
    code, out = run(cli, "calibrate", "--questions", str(questions))
    assert code == 0 and "latin: 2 answerable, 2 off-topic" in out
    assert re.search(r"chosen 0\.\d\d: hit@1 1\.000, off-topic unanswered 1\.000", out), out


def test_self_test_reports_held_out_questions(cli: typer.Typer, tmp_path: Path, kit: Any) -> None:
    code, out = run(cli, "self-test")
    assert code == 0 and "no entry has alternative questions" in out  # small_dir's entries have none
    root = tmp_path / "with-questions"
    kit.write(root, "faq/a.md", "---\nid: ship\ntitle: How much does shipping cost?\nquestions:\n"
              "  - what do you charge for delivery\n  - is postage free\n---\nShipping is $4.99.\n")
    kit.write(root, "faq/b.md", "---\nid: back\ntitle: How long do I have to return an item?\nquestions:\n"
              "  - until when can I send something back\n---\nWithin 30 days.\n")
    code, out = run(cli, "self-test", "--dir", str(root))
    assert code == 0 and re.search(r"3 questions of 2 entries, held out in 4 rounds: answered from their own "
                                   r"entry \d+\.\d%", out), out
    code, out = run(cli, "self-test", "--dir", str(root), "--json", "--folds", "2")
    assert code == 0 and json.loads(out)["folds"] == 2
