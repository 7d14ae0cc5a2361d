"""The background corpus: reading, caching, what a folder answers, and the thresholds it derives."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from knowledge.background import (
    BACKGROUND_FILES,
    FLOOR,
    BackgroundCorpus,
    answer_threshold,
    leave_one_out,
    read_background,
)
from knowledge.embeddings import Embedder
from knowledge.service import KnowledgeBase


def test_reading_skips_comments_and_blanks_and_drops_duplicates(tmp_path: Path) -> None:
    path = tmp_path / "bg.txt"
    path.write_text("# section\nhow tall is a giraffe\n\n  how tall is a giraffe  \n推荐一部电影\n", encoding="utf-8")
    assert read_background([path]) == ("how tall is a giraffe", "推荐一部电影")


def test_the_packaged_corpus_has_both_scripts(background: BackgroundCorpus) -> None:
    assert len(read_background(BACKGROUND_FILES)) == len(background.texts) + len(background.cjk_texts)
    assert len(background.texts) >= 500 and len(background.cjk_texts) >= 200
    assert background.vectors.shape == (len(background.texts), 384)
    norms = np.linalg.norm(background.vectors, axis=1)
    assert np.allclose(norms, 1.0, atol=1e-3)


def test_a_torn_cache_file_is_embedded_again(tmp_path: Path, embedder: Embedder) -> None:
    path = tmp_path / "bg.txt"
    path.write_text("how tall is a giraffe\n", encoding="utf-8")
    BackgroundCorpus.load(embedder, cache_dir=tmp_path / "cache", paths=[path])
    (cached,) = (tmp_path / "cache").glob("background-*.npy")
    cached.write_bytes(cached.read_bytes()[:100])
    assert BackgroundCorpus.load(embedder, cache_dir=tmp_path / "cache", paths=[path]).vectors.shape == (1, 384)
    assert np.load(cached).shape == (1, 384)


def test_many_at_once_scores_as_one_at_a_time(demo_base: KnowledgeBase, background: BackgroundCorpus) -> None:
    snapshot, weights = demo_base._snapshot, demo_base.thresholds.dense_weights
    vectors = background.vectors[:50]
    many = snapshot.best_dense(vectors, weights, chunk=16)
    one = [max(snapshot.dense_scores(v, None, weights).values()) for v in vectors]
    assert many.tolist() == pytest.approx(one, abs=1e-5)


def test_embeddings_are_cached_and_a_damaged_cache_is_rebuilt(tmp_path: Path, embedder: Embedder) -> None:
    path = tmp_path / "bg.txt"
    path.write_text("how tall is a giraffe\nwho painted the mona lisa\n", encoding="utf-8")
    first = BackgroundCorpus.load(embedder, cache_dir=tmp_path / "cache", paths=[path])
    (cached,) = (tmp_path / "cache").glob("background-*.npy")
    again = BackgroundCorpus.load(embedder, cache_dir=tmp_path / "cache", paths=[path])
    assert np.array_equal(first.vectors, again.vectors)
    np.save(cached, np.zeros((1, 3), np.float32))
    rebuilt = BackgroundCorpus.load(embedder, cache_dir=tmp_path / "cache", paths=[path])
    assert rebuilt.vectors.shape == (2, 384) and np.load(cached).shape == (2, 384)
    path.write_text("how tall is a giraffe\n", encoding="utf-8")  # another corpus: another cache file
    assert BackgroundCorpus.load(embedder, cache_dir=tmp_path / "cache", paths=[path]).vectors.shape == (1, 384)
    assert len(list((tmp_path / "cache").glob("background-*.npy"))) == 2


def test_leave_one_out_and_the_threshold_quantile() -> None:
    vectors = np.eye(3, 4, dtype=np.float32)
    vectors[1] = np.array([0.6, 0.8, 0, 0], np.float32)
    assert leave_one_out(vectors).tolist() == pytest.approx([0.6, 0.6, 0.0], abs=1e-6)
    assert leave_one_out(vectors[:1]).tolist() == [0.0]
    scores = np.linspace(0.0, 0.5, 11, dtype=np.float32)
    assert answer_threshold(scores, 0.9) == pytest.approx(0.45, abs=1e-4)
    assert answer_threshold(np.zeros(0, np.float32), 0.9) == FLOOR
    assert answer_threshold(scores - 1.0, 0.9) == FLOOR


@pytest.mark.parametrize("question", [
    "my cat claws the couch, how do I make her stop", "can you teach my puppy to stop biting", "cancel my spotify plan",
    "what's a good recipe for lasagne", "帮我写一首关于秋天的诗",
])
def test_questions_near_the_background_get_no_answer(demo_base: KnowledgeBase, question: str) -> None:
    result = demo_base.search(question)
    assert not result.answered, [(h.id, h.confidence) for h in result.hits[:2]]


def test_a_folder_that_answers_a_background_question_keeps_it_answerable(
    tmp_path: Path, open_base: Any, kit: Any
) -> None:
    root = tmp_path / "groomers"
    kit.write(root, "faq/shipping.md", kit.faq("shipping", "How much is delivery?", "Delivery costs $4.99."))
    question = "can I book a grooming appointment for my dog"
    without = open_base(root)
    without.reload()
    assert not without.search(question).answered
    kit.write(root, "faq/grooming.md", kit.faq(
        "grooming", "Can I book a grooming appointment?",
        "Yes: our salon grooms dogs and cats by appointment, Monday to Saturday. Book at the counter or by phone."))
    report = without.reload()
    assert report.added == ["grooming"]
    result = without.search(question)
    assert result.answered and result.best is not None and result.best.id == "grooming"
    # the folder's background lost the grooming questions it now answers, and kept the rest
    assert 0 < len(without._snapshot.background) < len(without.background.vectors)


def test_the_merchants_unanswered_questions_join_the_background(tmp_path: Path, open_base: Any, kit: Any) -> None:
    root = tmp_path / "catshop"
    kit.write(root, "faq/pregnant-cat-food.md", kit.faq(
        "pregnant-cat-food", "What should a pregnant cat eat?",
        "A pregnant or nursing cat needs kitten food: more calories and protein, from the fourth week of pregnancy "
        "until the kittens are weaned."))
    kit.write(root, "faq/shipping.md", kit.faq("shipping", "How much is delivery?", "Delivery costs $4.99."))
    base = open_base(root)
    base.reload()
    question = "how many weeks is a cat pregnant for"
    assert base.search(question).answered  # a near miss the packaged background has no neighbour for
    kit.write(root, "unanswered/cat-care.txt", "# cat care we leave to the vet\nhow long does a cat pregnancy last\n")
    report = base.reload()
    assert report.ok
    result = base.search(question)
    assert not result.answered and result.hits[0].id == "pregnant-cat-food"
    assert base.search("what food does my pregnant cat need").answered


def test_an_unanswered_file_with_a_paragraph_is_reported_by_line(tmp_path: Path, open_base: Any, kit: Any) -> None:
    root = tmp_path / "shop"
    kit.write(root, "faq/shipping.md", kit.faq("shipping", "How much is delivery?", "Delivery costs $4.99."))
    kit.write(root, "unanswered/misc.txt", "do you sell cars\n" + "word " * 100 + "\n")
    report = open_base(root).reload()
    (issue,) = report.errors
    assert issue.file == "unanswered/misc.txt" and issue.line == 2 and "one question per line" in issue.fix
