"""Reading scenario files and folders, with every problem reported by file and field."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import yaml
from pydantic import ValidationError

from evals.harness.scenario import Scenario

SCENARIOS_DIR = Path(__file__).resolve().parent.parent / "scenarios"


class ScenarioError(ValueError):
    """One or more scenario files are unreadable or invalid; the message lists each problem."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__("invalid scenarios:\n  " + "\n  ".join(self.problems))


def scenario_files(paths: Iterable[Path]) -> list[Path]:
    """The YAML files named, or found below the folders named, sorted within each folder."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file()))
        elif path.is_file():
            files.append(path)
        else:
            raise ScenarioError([f"{path}: no such file or folder"])
    return list(dict.fromkeys(f.resolve() for f in files))


def _read(path: Path) -> Scenario:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ScenarioError([f"{path}: {exc}"]) from exc
    if not isinstance(raw, dict):
        raise ScenarioError([f"{path}: a scenario file holds one mapping"])
    try:
        return Scenario.model_validate({**raw, "source": path})
    except ValidationError as exc:
        problems = [
            f"{path}: {'.'.join(str(part) for part in err['loc']) or 'scenario'}: {err['msg']}" for err in exc.errors()
        ]
        raise ScenarioError(problems) from exc


def load_scenarios(paths: Sequence[Path] = ()) -> list[Scenario]:
    """Every scenario under `paths` (default: the shipped suite); ids must be unique and fixtures must exist."""
    problems: list[str] = []
    scenarios: list[Scenario] = []
    for file in scenario_files(paths or [SCENARIOS_DIR]):
        try:
            scenarios.append(_read(file))
        except ScenarioError as exc:
            problems.extend(exc.problems)
    seen: dict[str, Path | None] = {}
    for scenario in scenarios:
        if scenario.id in seen:
            problems.append(f"{scenario.source}: id {scenario.id!r} is already used by {seen[scenario.id]}")
        seen[scenario.id] = scenario.source
        fixture = scenario.fixture_path()
        if fixture is not None and not fixture.is_file():
            problems.append(f"{scenario.source}: fixture {scenario.fixture!r} not found at {fixture}")
    if problems:
        raise ScenarioError(problems)
    return scenarios
