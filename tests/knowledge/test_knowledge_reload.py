"""Hot reload: a saved file is searchable within 2 s; a broken file keeps the last good version serving."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from knowledge.background import BackgroundCorpus
from knowledge.embeddings import Embedder
from knowledge.index import make_client
from knowledge.service import KnowledgeBase, ReloadReport
from knowledge.watcher import KnowledgeWatcher

BROKEN = "---\nid: shipping-cost\ntitle: [oops\n---\nShipping is free.\n"


@pytest.fixture
def watched(small_dir: Path, open_base: Any) -> Iterator[tuple[KnowledgeBase, KnowledgeWatcher]]:
    base = open_base(small_dir)
    base.reload()
    watcher = KnowledgeWatcher(base)
    watcher.start()
    try:
        yield base, watcher
    finally:
        watcher.stop()


def test_saved_file_is_searchable_within_two_seconds(
    small_dir: Path, watched: tuple[KnowledgeBase, KnowledgeWatcher], kit: Any) -> None:
    base, _ = watched
    kit.write(small_dir, "faq/hamsters.md", kit.faq("hamster-food", "Do you sell hamster food?",
                                            "No, we only sell products for cats and dogs."))
    kit.wait_for(lambda: base.entry("hamster-food") is not None, timeout=2.0)
    result = base.search("food for my hamster")
    assert result.best is not None and result.best.id == "hamster-food"


def test_edit_and_delete_are_picked_up(
    small_dir: Path, watched: tuple[KnowledgeBase, KnowledgeWatcher], kit: Any
) -> None:
    base, _ = watched
    kit.write(small_dir, "faq/return-window.md", kit.faq("return-window", "How long do I have to return an item?",
                                                 "You can return items within 60 days of delivery."))
    kit.wait_for(lambda: "60 days" in (base.entry("return-window") or base.entries()[0]).text, timeout=2.0)
    (small_dir / "faq" / "return-window.md").unlink()
    kit.wait_for(lambda: base.entry("return-window") is None, timeout=2.0)


def test_broken_file_keeps_the_last_good_entry_and_reports_the_error(
    small_dir: Path, watched: tuple[KnowledgeBase, KnowledgeWatcher], kit: Any) -> None:
    base, watcher = watched
    kit.write(small_dir, "faq/shipping-cost.md", BROKEN)
    kit.wait_for(lambda: any(i.severity == "error" for i in base.issues()), timeout=2.0)
    [error] = [i for i in base.issues() if i.severity == "error"]
    assert error.file == "faq/shipping-cost.md" and error.line == 3
    assert base.status().stale_files == ["faq/shipping-cost.md"]
    assert watcher.running
    hit = base.search("how much does shipping cost").best
    assert hit is not None and hit.id == "shipping-cost" and "$4.99" in hit.text
    kit.write(small_dir, "faq/shipping-cost.md", kit.faq("shipping-cost", "Shipping cost?", "Now $3.99."))
    kit.wait_for(lambda: not base.issues() or all(i.severity != "error" for i in base.issues()), timeout=2.0)
    kit.wait_for(lambda: "$3.99" in (base.entry("shipping-cost") or base.entries()[0]).text, timeout=2.0)


def test_broken_file_after_a_restart_serves_what_the_store_holds(
    small_dir: Path, tmp_path: Path, embedder: Embedder, background: BackgroundCorpus, kit: Any
) -> None:
    chroma = tmp_path / "restart-chroma"
    KnowledgeBase(small_dir, embedder, make_client(chroma_dir=chroma), background=background).reload()
    kit.write(small_dir, "faq/shipping-cost.md", BROKEN)
    restarted = KnowledgeBase(small_dir, embedder, make_client(chroma_dir=chroma), background=background)
    report = restarted.reload()
    assert not report.ok and report.stale_files == ["faq/shipping-cost.md"]
    assert report.removed == [] and report.embedded_texts == 0
    assert restarted.entry("shipping-cost") is not None


def test_a_missing_directory_does_not_empty_the_index(small_dir: Path, open_base: Any) -> None:
    base = open_base(small_dir)
    entries = base.reload().entries
    moved = small_dir.rename(small_dir.with_name("moved-away"))
    report = base.reload()
    assert not report.ok and "does not exist" in report.errors[0].message
    assert report.entries == entries and base.search("what does delivery cost").best is not None
    moved.rename(small_dir)
    assert base.reload().ok


def test_listeners_hear_every_reload(small_dir: Path, open_base: Any) -> None:
    base = open_base(small_dir)
    heard: list[ReloadReport] = []
    base.add_listener(heard.append)
    base.reload()
    base.reload()
    assert len(heard) == 2 and heard[1].embedded_texts == 0


def test_start_and_stop_are_idempotent(small_dir: Path, open_base: Any) -> None:
    watcher = KnowledgeWatcher(open_base(small_dir))
    watcher.start()
    watcher.start()
    assert watcher.running
    watcher.stop()
    watcher.stop()
    assert not watcher.running


def test_missing_directory_turns_hot_reload_off_with_a_reason(tmp_path: Path, open_base: Any, kit: Any) -> None:
    watcher = KnowledgeWatcher(open_base(tmp_path / "absent"))
    watcher.start()
    kit.wait_for(lambda: not watcher.running, timeout=2.0)
    assert watcher.last_error is not None and "does not exist" in watcher.last_error
