"""Knowledge fixtures: the embedding model built once per session, real Chroma on temporary directories.

Tests run with --import-mode=importlib, so helpers reach them as the `kit` fixture rather than by import.
"""

from __future__ import annotations

import shutil
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from knowledge.background import BackgroundCorpus
from knowledge.embeddings import Embedder
from knowledge.index import make_client
from knowledge.service import KnowledgeBase

REPO = Path(__file__).resolve().parents[2]
DEMO_SHOP = REPO / "knowledge" / "demo_shop"
BENCHMARKS = REPO / "knowledge" / "benchmarks"
KnowledgeFactory = Callable[[Path], KnowledgeBase]


class Kit:
    """Paths and small helpers shared by the knowledge tests."""

    demo_shop = DEMO_SHOP
    benchmarks = BENCHMARKS

    @staticmethod
    def write(root: Path, rel: str, text: str) -> Path:
        """Write a knowledge file (dedented) and return its path."""
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    @staticmethod
    def faq(entry_id: str, title: str, answer: str, **front: str) -> str:
        extra = "".join(f"{key}: {value}\n" for key, value in front.items())
        return f"---\nid: {entry_id}\ntitle: {title}\n{extra}---\n{answer}\n"

    @staticmethod
    def wait_for(condition: Callable[[], bool], timeout: float) -> float:
        """Poll until `condition` holds; return the seconds it took (fail if it never did)."""
        started = time.perf_counter()
        while not condition():
            if time.perf_counter() - started > timeout:
                raise AssertionError(f"condition not met within {timeout} s")
            time.sleep(0.02)
        return time.perf_counter() - started


@pytest.fixture(scope="session")
def kit() -> type[Kit]:
    return Kit


@pytest.fixture(scope="session")
def models_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("models")


@pytest.fixture(scope="session")
def embedder(models_dir: Path) -> Embedder:
    """The real offline model, built from the packaged weights once for the whole session."""
    return Embedder.load(models_dir)


@pytest.fixture(scope="session")
def background(embedder: Embedder) -> BackgroundCorpus:
    """The packaged background questions, embedded once for the session (about a second)."""
    return BackgroundCorpus.load(embedder)


@pytest.fixture(scope="session")
def demo_base(
    tmp_path_factory: pytest.TempPathFactory, embedder: Embedder, background: BackgroundCorpus
) -> KnowledgeBase:
    """The demo shop indexed once (read-only for tests)."""
    base = KnowledgeBase(
        DEMO_SHOP, embedder, make_client(chroma_dir=tmp_path_factory.mktemp("demo-chroma")), background=background
    )
    report = base.reload()
    assert report.ok, [i.format() for i in report.errors]
    return base


@pytest.fixture
def small_dir(tmp_path: Path) -> Path:
    """A tiny knowledge folder: three FAQ entries (one Chinese), one policy, one guide."""
    root = tmp_path / "kb"
    Kit.write(root, "faq/shipping-cost.md", Kit.faq("shipping-cost", "How much does shipping cost?",
                                           "Shipping is $4.99, free from $49."))
    Kit.write(root, "faq/return-window.md", Kit.faq("return-window", "How long do I have to return an item?",
                                            "You can return items within 30 days of delivery."))
    Kit.write(root, "faq/zh-shipping.md",
              Kit.faq("zh-shipping", "多久可以收到货？", "标准配送一般需要3到5个工作日送达。", locale="zh"))
    Kit.write(root, "policies/payments.md", """\
        ---
        id: payments-policy
        title: Payments
        topic: payments
        ---
        How you can pay.

        ## Cards
        We accept Visa and Mastercard.
        """)
    Kit.write(root, "guides/cat_food.yaml", """\
        category: cat_food
        title: Cat food
        summary: Compare on ingredients and protein.
        decisive_attributes:
          - key: ingredients
            label: Ingredients
            why: The first ingredients make up most of the food.
          - key: crude_protein_pct
            label: Crude protein
            why: Cats need a lot of protein.
            unit: "%"
            better: higher
        """)
    return root


@pytest.fixture
def open_base(tmp_path: Path, embedder: Embedder, background: BackgroundCorpus) -> KnowledgeFactory:
    """Open a knowledge base on a directory, with its own embedded Chroma under tmp_path."""
    chroma = tmp_path / "chroma"

    def factory(directory: Path) -> KnowledgeBase:
        return KnowledgeBase(directory, embedder, make_client(chroma_dir=chroma), background=background)

    return factory


@pytest.fixture
def demo_copy(tmp_path: Path) -> Path:
    target = tmp_path / "demo_shop"
    shutil.copytree(DEMO_SHOP, target)
    return target
