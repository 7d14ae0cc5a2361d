"""The CI gate: minimum auto-resolution and zero wrong actions, read from the checked-in `evals/gate.yaml`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from evals.harness.metrics import Metrics

GATE_FILE = Path(__file__).resolve().parent.parent / "gate.yaml"


class GateError(ValueError):
    """The gate file is missing or invalid."""


class Gate(BaseModel):
    """What a suite run must reach for CI to pass."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    min_auto_resolution: float = Field(ge=0.0, le=1.0)
    max_wrong_actions: int = Field(default=0, ge=0, le=0, description="Always 0: a wrong write is never acceptable.")
    measured: dict[str, str | float | int] = Field(
        default_factory=dict, description="What the gate was set from (informational)."
    )


@dataclass
class GateResult:
    """Whether a run meets the gate, with one line per check."""

    passed: bool
    lines: list[str] = field(default_factory=list)


def load_gate(path: Path = GATE_FILE) -> Gate:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        return Gate.model_validate(raw)
    except (OSError, yaml.YAMLError, ValidationError) as exc:
        raise GateError(f"gate file {path}: {exc}") from exc


def check(gate: Gate, metrics: Metrics) -> GateResult:
    """Compare a run's figures with the gate."""
    resolution_ok = metrics.auto_resolution >= gate.min_auto_resolution
    wrong_ok = metrics.wrong_actions <= gate.max_wrong_actions
    lines = [
        f"auto-resolution {metrics.auto_resolution:.3f} >= {gate.min_auto_resolution:.3f}: "
        + ("ok" if resolution_ok else "FAILED"),
        f"wrong actions {metrics.wrong_actions} <= {gate.max_wrong_actions}: " + ("ok" if wrong_ok else "FAILED"),
    ]
    return GateResult(passed=resolution_ok and wrong_ok, lines=lines)
