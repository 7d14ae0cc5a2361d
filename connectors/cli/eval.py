"""`shopclerk eval`: measurements on external data (test data only), with reports."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import typer

from agent.nlu.base import TextEmbedder
from agent.nlu.features import Floats
from connectors.cli.root import settings_of

eval_app = typer.Typer(help="Measure the agent on external test data (never trained on).", no_args_is_help=True)


class UncachedEmbedder:
    """The shared embedder without its per-text cache, so repeated dataset lines are timed honestly."""

    def __init__(self, inner: TextEmbedder) -> None:
        self._inner = inner

    @property
    def name(self) -> str:
        return self._inner.name

    def embed(self, texts: Sequence[str]) -> Floats:
        return self._inner.embed(texts)

    def embed_one(self, text: str) -> Floats:
        vector: Floats = self._inner.embed([text])[0]
        return vector


@eval_app.command("nlu")
def nlu(
    ctx: typer.Context,
    dataset: Annotated[str, typer.Option(help="bitext | bitext-8k | bitext-20k | clinc")] = "bitext",
    report: Annotated[Path | None, typer.Option(help="Write report.html, confusion PNGs and report.json here.")] = None,
    datasets_dir: Annotated[
        Path | None, typer.Option(help="Folder of the external datasets (default: ../shared/datasets).")
    ] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="Score every k-th row, this many in all.")] = None,
    llm: Annotated[bool, typer.Option("--llm", help="Use the configured LLM endpoint (else the offline NLU).")] = False,
) -> None:
    """Intent accuracy and macro-F1 (coarse labels, exact and all rows), confusion matrix, OOS and slot scores."""
    from agent.nlu.build import build_offline_understander
    from agent.nlu.extract import SlotExtractor
    from evals.nlu.datasets import DATASETS, LOADERS, DatasetError, default_datasets_dir
    from evals.nlu.report import write_report
    from evals.nlu.runner import build_report, predict, subsample
    from evals.nlu.slot_eval import load_order_spans, score_order_spans
    from knowledge.embeddings import Embedder

    settings = settings_of(ctx)
    logging.basicConfig(level=settings.log_level.upper(), format="%(levelname)s %(name)s: %(message)s")
    if dataset not in DATASETS:
        typer.echo(f"unknown dataset {dataset!r}; choose one of {', '.join(DATASETS)}", err=True)
        raise typer.Exit(code=2)
    root = datasets_dir or default_datasets_dir()
    try:
        rows = subsample(LOADERS[dataset](root), limit)
        spans = load_order_spans(root) if dataset.startswith("bitext") else None
    except DatasetError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(code=2) from exc
    settings.models_dir.mkdir(parents=True, exist_ok=True)
    embedder = UncachedEmbedder(Embedder.load(settings.models_dir))
    offline = build_offline_understander(settings.knowledge_dir, settings.models_dir, embedder)
    understander = offline
    name = f"offline ({len(offline.intents)} intents, threshold {offline.model.threshold:.2f})"
    if llm:
        if not (settings.llm_base_url and settings.llm_model):
            typer.echo("--llm needs SHOPCLERK_LLM_BASE_URL and SHOPCLERK_LLM_MODEL", err=True)
            raise typer.Exit(code=2)
        from agent.nlu.llm import LlmUnderstander

        understander = LlmUnderstander(  # type: ignore[assignment]
            offline,
            offline.intents,
            base_url=settings.llm_base_url,
            model=settings.llm_model,
            api_key=settings.llm_api_key,
        )
        name = f"llm {settings.llm_model} (offline fallback)"
    typer.echo(f"{dataset}: {len(rows)} rows, {name}")
    predictions, timings = predict(rows, understander, progress=lambda n: typer.echo(f"  {n} rows", err=True))
    order_spans = score_order_spans(spans, SlotExtractor()) if spans is not None else None
    result = build_report(dataset, name, predictions, timings, clinc=dataset == "clinc", order_spans=order_spans)
    typer.echo(
        f"exact rows: {result.exact.rows}  accuracy {result.exact.accuracy:.4f}  macro-F1 {result.exact.macro_f1:.4f}"
    )
    typer.echo(f"all rows:   {result.all.rows}  accuracy {result.all.accuracy:.4f}  macro-F1 {result.all.macro_f1:.4f}")
    if result.clinc is not None:
        c = result.clinc
        typer.echo(
            f"in-scope (shop-relevant) accuracy: exact {c.in_scope_exact.accuracy:.4f} ({c.in_scope_exact.rows} rows), "
            f"all {c.in_scope_all.accuracy:.4f} ({c.in_scope_all.rows} rows)"
        )
        typer.echo(
            f"out-of-scope on oos_test: recall {c.oos_test.recall:.4f} precision {c.oos_test.precision:.4f}; "
            f"on all lines: recall {c.oos_all.recall:.4f} precision {c.oos_all.precision:.4f}"
        )
    if result.order_spans is not None:
        s = result.order_spans
        typer.echo(
            f"order-number spans: precision {s.precision:.4f} recall {s.recall:.4f} F1 {s.f1:.4f} ({s.gold} gold)"
        )
    lat = result.latency
    typer.echo(f"latency per message: p50 {lat.p50_ms:.2f} ms  p90 {lat.p90_ms:.2f} ms  p99 {lat.p99_ms:.2f} ms")
    typer.echo(f"second intent found in {result.second_intent_share:.1%} of messages")
    if report is not None:
        typer.echo(f"report: {write_report(result, report)}")


@eval_app.command("run")
def run(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Scenario files or folders (default: evals/scenarios).")
    ] = None,
    via: Annotated[
        str | None,
        typer.Option(
            help="Play through a running server's websocket, e.g. ws://127.0.0.1:8000/ws (its store at "
            "SHOPCLERK_DATA_DIR is replaced for each scenario)."
        ),
    ] = None,
    shopper: Annotated[str, typer.Option(help="scripted | llm (plays each scenario's goal).")] = "scripted",
    k: Annotated[int, typer.Option("-k", min=1, help="Runs per scenario, for pass^k.")] = 1,
    report: Annotated[Path | None, typer.Option(help="Write JSON, Markdown and HTML reports here.")] = None,
    gate: Annotated[bool, typer.Option("--gate", help="Exit 1 when the run is below evals/gate.yaml.")] = False,
    shopper_base_url: Annotated[
        str | None, typer.Option(help="OpenAI-compatible endpoint of the LLM shopper (default: SHOPCLERK_LLM_*).")
    ] = None,
    shopper_model: Annotated[str | None, typer.Option(help="Model of the LLM shopper.")] = None,
    yes: Annotated[bool, typer.Option("--yes", help="With --via: replace the server's store without asking.")] = False,
) -> None:
    """Play the scenario suite and grade it: auto-resolution, wrong actions, escalations, latency, pass^k."""
    from evals.harness.cli_run import RunOptions, UsageError, run_suite_command

    settings = settings_of(ctx)
    logging.basicConfig(level="WARNING", format="%(levelname)s %(name)s: %(message)s")
    if via is not None and not yes:
        typer.confirm(f"--via replaces the store at {settings.store_path} before every scenario. Continue?", abort=True)
    options = RunOptions(
        paths=list(paths or []),
        via=via,
        shopper=shopper,
        k=k,
        report=report,
        gate=gate,
        shopper_base_url=shopper_base_url,
        shopper_model=shopper_model,
    )
    try:
        code = run_suite_command(settings, options, echo=typer.echo)
    except UsageError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(code=2) from exc
    raise typer.Exit(code=code)
