"""NLU test fixtures: a stand-in embedder, a small example set and model, and miniature dataset files we wrote."""

from __future__ import annotations

import json
import zlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from agent.nlu.classifier import Hyper
from agent.nlu.features import Floats
from agent.nlu.intent_model import IntentModel
from agent.nlu.trainer import LabelledText, train_intent_model


class HashEmbedder:
    """Bag-of-words hashed into 384 dimensions and normalised: fast, deterministic, meaning-blind."""

    name = "test-hash-384"

    def __init__(self) -> None:
        self.calls = 0

    def embed(self, texts: Sequence[str]) -> Floats:
        self.calls += len(texts)
        out = np.zeros((len(texts), 384), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in text.lower().split():
                out[row, zlib.crc32(word.strip("?!.,").encode()) % 384] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1.0, norms)

    def embed_one(self, text: str) -> Floats:
        return self.embed([text])[0]


SMALL_EXAMPLES: dict[str, list[str]] = {
    "order_status": [
        "where is my order",
        "track my package",
        "has my order shipped",
        "when will my parcel arrive",
        "status of order PS-100234",
        "my delivery has not come",
        "where is my parcel",
        "is my order on the way",
    ],
    "cancel_order": [
        "cancel my order",
        "I want to cancel order PS-100234",
        "please cancel the purchase",
        "can I still cancel",
        "stop my order",
        "cancel it I do not want the order",
        "cancel the order I placed",
        "I need to cancel my order",
    ],
    "change_address": [
        "change my delivery address",
        "update the shipping address",
        "wrong address on my order",
        "ship to a different address",
        "edit the address for order PS-100234",
        "new address for delivery",
        "change the address please",
        "I moved, change my address",
    ],
    "greeting": ["hi", "hello", "hey there", "good morning", "hiya", "hello anyone there", "hey", "good evening"],
    "confirm": ["yes", "yes please", "yeah", "sure", "correct", "go ahead", "yep", "ok do it"],
    "out_of_scope": [
        "what is the weather today",
        "tell me a joke",
        "book a flight to paris",
        "what is the capital of france",
        "set an alarm",
        "how do I cook pasta",
        "play some music",
        "who won the game",
    ],
}


@pytest.fixture(scope="session")
def small_examples() -> list[LabelledText]:
    return [LabelledText(text=t, intent=i) for i, texts in SMALL_EXAMPLES.items() for t in texts]


@pytest.fixture
def hash_embedder() -> HashEmbedder:
    return HashEmbedder()


@pytest.fixture(scope="session")
def small_model(small_examples: list[LabelledText]) -> IntentModel:
    return train_intent_model(small_examples, HashEmbedder(), hyper=Hyper(epochs=60))


BITEXT_MAP = """bitext_intent,bitext_category,shop_intent,confidence,note
track_order,ORDER,order_status,exact,
cancel_order,ORDER,cancel_order,exact,
check_invoice,INVOICE,account,partial,"billing"
"""
CLINC_MAP = """clinc_intent,clinc_domain,shop_intent,relation,note
order_status,home,order_status,exact,
weather,utility,out_of_scope,,
yes,meta,confirm,dialog_act,
oos,(none),out_of_scope,exact,
"""


def write_fixture_datasets(root: Path) -> Path:
    """A miniature copy of the datasets' layout, with lines we made up."""
    (root / "bitext/27k_instruction_intent").mkdir(parents=True)
    (root / "bitext/kaggle_cs_8k").mkdir(parents=True)
    (root / "bitext/kaggle_cs_20k").mkdir(parents=True)
    (root / "bitext/llm_tagged_sample_4514").mkdir(parents=True)
    (root / "clinc150").mkdir(parents=True)
    (root / "bitext/bitext27_to_shop_intent.csv").write_text(BITEXT_MAP)
    (root / "clinc150/clinc150_to_shop_intent.csv").write_text(CLINC_MAP)
    (root / "bitext/27k_instruction_intent/raw_data.csv").write_text(
        "text,category\nwhere is order {{Order Number}},track_order\nplease cancel my order,cancel_order\n"
        "i need my invoice,check_invoice\ntrack my parcel,track_order\n"
    )
    header = "\ufeffflags,utterance,category,intent\n"
    (root / "bitext/kaggle_cs_8k/Bitext_Sample_Customer_Service_Training_Dataset.csv").write_text(
        header + "B,cancel my last order,ORDER,cancel_order\nB,where is my package,ORDER,track_order\n",
        encoding="utf-8",
    )
    (root / "bitext/kaggle_cs_20k/TrainingdatasetBitextsample.csv").write_text(
        header + "B,show me my invoices,INVOICE,check_invoices\n", encoding="utf-8"
    )
    clinc = {
        "test": [["has my order shipped", "order_status"], ["will it rain", "weather"], ["yes please", "yes"]],
        "oos_test": [["how do I grow tomatoes", "oos"], ["what is a black hole", "oos"]],
        "train": [], "val": [], "oos_train": [], "oos_val": [],
    }  # fmt: skip
    (root / "clinc150/data_full.json").write_text(json.dumps(clinc))
    tagged = (
        "context,role,instruction,intent,entity_type,entity_value,start_offset,end_offset,category,tags,response\n"
        "cs,va,cancel order 12345678 now,cancel_order,order_id,12345678,13,21,ORDER,B,x\n"
        "cs,va,my invoice 87654321 is wrong,check_invoice,invoice_id,87654321,11,19,INVOICE,B,x\n"
        "cs,va,where is purchase #00123456?,track_order,order_id,123456,19,27,ORDER,B,x\n"
        "cs,va,hello there,greeting,,,,,X,B,x\n"
    )
    (root / "bitext/llm_tagged_sample_4514/Bitext_Sample_Customer_Support_Training_Dataset.csv").write_text(tagged)
    return root


@pytest.fixture
def datasets(tmp_path: Path) -> Path:
    return write_fixture_datasets(tmp_path / "datasets")
