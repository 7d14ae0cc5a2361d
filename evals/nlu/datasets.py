"""Loading the external test sets (Bitext 27k/8k/20k, CLINC150) with their coarse labels from the label contract."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

DatasetName = Literal["bitext", "bitext-8k", "bitext-20k", "clinc"]
DATASETS: tuple[DatasetName, ...] = ("bitext", "bitext-8k", "bitext-20k", "clinc")


class DatasetError(RuntimeError):
    """A dataset file is missing or not in the expected layout."""


class EvalRow(BaseModel):
    """One labelled message: its text, the dataset's label, the coarse label and how sure the mapping is."""

    model_config = ConfigDict(frozen=True)

    text: str
    label: str
    coarse: str
    exact: bool
    group: str = "test"  # CLINC: "test" or "oos_test"


class LabelMap(BaseModel):
    """Dataset label -> (coarse label, exact mapping?)."""

    coarse: dict[str, str]
    exact: dict[str, bool]

    def row(self, text: str, label: str, group: str = "test") -> EvalRow:
        if label not in self.coarse:
            raise DatasetError(f"label {label!r} is not in the label contract")
        return EvalRow(text=text, label=label, coarse=self.coarse[label], exact=self.exact[label], group=group)


def _read_csv(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        raise DatasetError(f"{path} not found (the datasets live in ../shared/datasets beside the project)")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _label_map(path: Path, key: str, relation: str) -> LabelMap:
    rows = _read_csv(path)
    return LabelMap(
        coarse={r[key]: r["shop_intent"] for r in rows},
        exact={r[key]: r[relation] == "exact" for r in rows},
    )


def load_bitext_27k(root: Path) -> list[EvalRow]:
    labels = _label_map(root / "bitext" / "bitext27_to_shop_intent.csv", "bitext_intent", "confidence")
    return [
        labels.row(r["text"], r["category"]) for r in _read_csv(root / "bitext/27k_instruction_intent/raw_data.csv")
    ]


def _load_kaggle(root: Path, relative: str) -> list[EvalRow]:
    labels = _label_map(root / "bitext" / "bitext27_to_shop_intent.csv", "bitext_intent", "confidence")
    rows = _read_csv(root / relative)
    if rows and "utterance" not in rows[0]:
        raise DatasetError(f"{relative}: expected columns flags, utterance, category, intent")
    # The 20k file spells `check_invoices`; the contract says `check_invoice`.
    return [labels.row(r["utterance"], r["intent"].replace("check_invoices", "check_invoice")) for r in rows]


def load_bitext_8k(root: Path) -> list[EvalRow]:
    return _load_kaggle(root, "bitext/kaggle_cs_8k/Bitext_Sample_Customer_Service_Training_Dataset.csv")


def load_bitext_20k(root: Path) -> list[EvalRow]:
    return _load_kaggle(root, "bitext/kaggle_cs_20k/TrainingdatasetBitextsample.csv")


def load_clinc(root: Path) -> list[EvalRow]:
    """CLINC150's `test` (150 intents, most out of a shop's scope) and `oos_test` lines."""
    labels = _label_map(root / "clinc150" / "clinc150_to_shop_intent.csv", "clinc_intent", "relation")
    path = root / "clinc150" / "data_full.json"
    if not path.is_file():
        raise DatasetError(f"{path} not found")
    data = json.loads(path.read_text(encoding="utf-8"))
    rows = [labels.row(text, label, "test") for text, label in data["test"]]
    rows += [labels.row(text, label, "oos_test") for text, label in data["oos_test"]]
    return rows


LOADERS: dict[DatasetName, Callable[[Path], list[EvalRow]]] = {
    "bitext": load_bitext_27k,
    "bitext-8k": load_bitext_8k,
    "bitext-20k": load_bitext_20k,
    "clinc": load_clinc,
}


def default_datasets_dir() -> Path:
    """`../shared/datasets` beside the project checkout."""
    return Path(__file__).resolve().parents[3] / "shared" / "datasets"
