"""Incremental indexing in real Chroma: only changed entries are embedded, removed ones are removed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from knowledge.background import BackgroundCorpus
from knowledge.embeddings import Embedder
from knowledge.entries import ProductDoc
from knowledge.index import KnowledgeIndexError, VectorIndex, make_client


def test_first_reload_embeds_everything_then_nothing(small_dir: Path, open_base: Any) -> None:
    base = open_base(small_dir)
    first = base.reload()
    assert first.ok and sorted(first.added) == sorted(e.id for e in base.entries())
    assert first.embedded_texts > len(first.added)  # several views per entry
    again = base.reload()
    assert again.embedded_texts == 0 and again.unchanged == first.entries and not again.changed


def test_changed_entry_is_the_only_one_re_embedded(small_dir: Path, open_base: Any, kit: Any) -> None:
    base = open_base(small_dir)
    base.reload()
    kit.write(small_dir, "faq/shipping-cost.md", kit.faq("shipping-cost", "How much does shipping cost?",
                                                 "Shipping is now $5.99, free from $59."))
    report = base.reload()
    assert report.updated == ["shipping-cost"] and report.added == [] and report.removed == []
    assert report.embedded_texts == len(base.entry("shipping-cost").views())  # type: ignore[union-attr]
    assert "$5.99" in base.search("shipping price").hits[0].text


def test_removed_file_removes_its_entries(small_dir: Path, open_base: Any) -> None:
    base = open_base(small_dir)
    base.reload()
    (small_dir / "policies" / "payments.md").unlink()
    report = base.reload()
    assert sorted(report.removed) == ["payments-policy", "payments-policy#cards"]
    assert base.entry("payments-policy#cards") is None
    assert all(h.doc_id != "payments-policy" for h in base.search("do you accept visa", k=10).hits)


def test_restart_reuses_the_persisted_index(
    small_dir: Path, tmp_path: Path, embedder: Embedder, background: BackgroundCorpus
) -> None:
    from knowledge.service import KnowledgeBase

    chroma = tmp_path / "persist"
    KnowledgeBase(small_dir, embedder, make_client(chroma_dir=chroma), background=background).reload()
    reopened = KnowledgeBase(small_dir, embedder, make_client(chroma_dir=chroma), background=background)
    report = reopened.reload()
    assert report.embedded_texts == 0 and report.unchanged == report.entries > 0


def test_products_are_indexed_as_plain_data(small_dir: Path, open_base: Any) -> None:
    base = open_base(small_dir)
    kitten = ProductDoc(id="wk-salmon", name="Whiskerwell Kitten Salmon", category="cat_food",
                        description="Grain-free dry food for kittens, salmon first.",
                        attributes="life stage: kitten; grain free: yes; crude protein: 38 %")
    senior = ProductDoc(id="old-dog", name="Greymuzzle Senior", category="dog_food",
                        description="Dry food for senior dogs with joint support.")
    report = base.set_products([kitten, senior])
    assert {"product:wk-salmon", "product:old-dog"} <= set(report.added)
    result = base.search("grain-free food for a kitten?", kinds=["product"])
    assert result.hits[0].id == "product:wk-salmon" and result.hits[0].citation == "catalog (product:wk-salmon)"
    assert base.set_products([kitten]).removed == ["product:old-dog"]


def test_collection_names_need_three_characters(embedder: Embedder, tmp_path: Path) -> None:
    with pytest.raises(KnowledgeIndexError):
        VectorIndex(make_client(chroma_dir=tmp_path / "c"), embedder, name="kb")


def test_bad_server_url_is_a_clear_error() -> None:
    with pytest.raises(KnowledgeIndexError, match="http://host:8000"):
        make_client(chroma_url="localhost")
