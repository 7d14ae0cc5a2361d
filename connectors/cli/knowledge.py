"""`shopclerk knowledge ...`: check the merchant's files, build the index, search it, import an FAQ, measure."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from connectors.catalog_docs import product_docs
from connectors.cli.root import settings_of
from connectors.settings import Settings
from knowledge.calibration import calibrate
from knowledge.entries import ENTRY_KINDS, EntryKind, ProductDoc
from knowledge.import_faq import import_faq
from knowledge.index import COLLECTION, KnowledgeIndexError
from knowledge.issues import KnowledgeFileError, KnowledgeIssue
from knowledge.loader import load_directory
from knowledge.model_files import ModelUnavailableError
from knowledge.retrieval_eval import evaluate, read_questions, to_markdown, write_report
from knowledge.search import SearchResult, Thresholds
from knowledge.service import KnowledgeBase, ReloadReport

knowledge_app = typer.Typer(
    help="The merchant's knowledge: check the files, build the index, search it, import an FAQ export, measure.",
    no_args_is_help=True,
)
console = Console(highlight=False, soft_wrap=True)  # long lines stay whole: merchants grep and pipe them
err = Console(stderr=True, highlight=False, soft_wrap=True)

DirOption = Annotated[
    Path | None, typer.Option("--dir", help="Knowledge directory (default: SHOPCLERK_KNOWLEDGE_DIR).")
]
QuestionsOption = Annotated[
    Path, typer.Option("--questions", exists=True, dir_okay=False, help="CSV with columns question, expected_id.")
]


def _directory(settings: Settings, directory: Path | None) -> tuple[Path, bool]:
    """The knowledge directory, and whether it is the configured one (which shares the app's index)."""
    configured = settings.knowledge_dir.resolve()
    chosen = (directory or settings.knowledge_dir).resolve()
    return chosen, chosen == configured


def _collection(directory: Path, configured: bool, *, measuring: bool = False) -> str:
    # another folder, or a measurement (files only, no catalog), gets its own collection: the app's index
    # (files plus catalog) is never disturbed by it
    if configured and not measuring:
        return COLLECTION
    suffix = "_eval" if measuring else ""
    return f"{COLLECTION}{suffix}_{hashlib.sha1(str(directory).encode()).hexdigest()[:10]}"


def _catalog(settings: Settings) -> list[ProductDoc]:
    """The demo store's products when the store exists; none otherwise (the files still index)."""
    if not settings.store_path.exists():
        return []
    from connectors.orders.errors import OrderSystemError
    from connectors.orders.sqlite_store import SqliteOrderSystem

    try:
        return product_docs(SqliteOrderSystem(settings.store_path).export_shop().products)
    except OrderSystemError as exc:
        err.print(f"[yellow]catalog not indexed: {exc}[/yellow]")
        return []


@contextmanager
def _progress(enabled: bool) -> Iterator[Any]:
    if not enabled:
        yield None
        return
    with Progress(TextColumn("embedding"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, transient=True) as bar:
        task = bar.add_task("embed", total=None)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total or None)

        yield advance


def _open(
    ctx: typer.Context, directory: Path | None, *, products: bool = True, progress: bool = False,
    thresholds: Thresholds | None = None, measuring: bool = False,
) -> tuple[KnowledgeBase, ReloadReport]:
    settings = settings_of(ctx)
    chosen, configured = _directory(settings, directory)
    products = products and not measuring
    try:
        base = KnowledgeBase.open(
            chosen, models_dir=settings.models_dir, chroma_dir=settings.chroma_dir,
            chroma_url=getattr(settings, "chroma_url", None),
            collection=_collection(chosen, configured, measuring=measuring),
            thresholds=thresholds, load=False,
        )
        catalog = _catalog(settings) if products and configured else []
        with _progress(progress) as advance:
            report = base.set_products(catalog, advance) if catalog else base.reload(advance)
    except (ModelUnavailableError, KnowledgeIndexError) as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(code=2) from exc
    return base, report


def _print_issues(issues: Sequence[KnowledgeIssue]) -> None:
    for issue in issues:
        colour = "red" if issue.severity == "error" else "yellow"
        err.print(f"[{colour}]{escape(issue.format())}[/{colour}]")


@knowledge_app.command("check")
def check(
    ctx: typer.Context, directory: DirOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the issues as JSON.")] = False,
) -> None:
    """Validate every knowledge file; print each problem with file, line and fix. Exit 1 on errors."""
    chosen, _ = _directory(settings_of(ctx), directory)
    result = load_directory(chosen)
    if as_json:
        typer.echo(json.dumps([i.model_dump() for i in result.issues], ensure_ascii=False, indent=2))
    else:
        _print_issues(result.issues)
        kinds: dict[str, int] = {}
        for entry in result.entries():
            kinds[entry.kind] = kinds.get(entry.kind, 0) + 1
        examples = result.intent_examples()
        console.print(f"{chosen}: {len(result.hashes)} files, "
                      + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
                      + f", {len(examples.examples)} intent examples in {len(examples.intents())} intents; "
                      + f"{len(result.errors)} error(s), {len(result.issues) - len(result.errors)} warning(s)")
    if result.errors:
        raise typer.Exit(code=1)


@knowledge_app.command("ingest")
def ingest(
    ctx: typer.Context, directory: DirOption = None,
    products: Annotated[bool, typer.Option(help="Also index the store's catalog (configured directory only).")] = True,
) -> None:
    """Build or update the index: only new and changed entries are embedded, removed ones are deleted."""
    base, report = _open(ctx, directory, products=products, progress=True)
    _print_issues(report.issues)
    counts = base.status().entries_by_kind
    console.print(
        f"indexed {report.entries} entries ({', '.join(f'{n} {k}' for k, n in sorted(counts.items()))}): "
        f"{len(report.added)} added, {len(report.updated)} updated, {len(report.removed)} removed, "
        f"{report.unchanged} unchanged; {report.embedded_texts} texts embedded in {report.seconds:.2f} s"
    )
    if report.stale_files:
        console.print(f"serving the last good version of: {', '.join(report.stale_files)}")
    if report.errors:
        raise typer.Exit(code=1)


def _print_result(result: SearchResult) -> None:
    verdict = "answer" if result.answered else "no answer"
    console.print(f"[bold]{verdict}[/bold] (threshold {result.threshold:.2f})")
    for rank, hit in enumerate(result.hits, start=1):
        dense = "-" if hit.dense is None else f"{hit.dense:.3f}"
        lexical = "-" if hit.lexical is None else f"{hit.lexical:.3f}"
        console.print(f"{rank}. [bold]{escape(hit.title)}[/bold]  ({hit.kind}) confidence {hit.confidence:.3f} "
                      f"(dense {dense}, lexical {lexical}, fused {hit.score:.4f})")
        console.print(f"   source: {escape(hit.citation)}")
        snippet = " ".join(hit.text.split())
        console.print(escape(f"   {snippet[:160]}{'…' if len(snippet) > 160 else ''}"))


@knowledge_app.command("search")
def search(
    ctx: typer.Context,
    question: Annotated[str, typer.Argument(help="What a shopper asks.")],
    directory: DirOption = None,
    k: Annotated[int, typer.Option("-k", min=1, max=50, help="How many results.")] = 5,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    locale: Annotated[str | None, typer.Option(help="Only entries of this locale.")] = None,
    kind: Annotated[list[str] | None, typer.Option(help=f"Only these kinds: {', '.join(ENTRY_KINDS)}.")] = None,
    product: Annotated[str | None, typer.Option(help="Only entries about this product id.")] = None,
) -> None:
    """Hybrid search with citations and scores; says 'no answer' below the calibrated threshold."""
    kinds: list[EntryKind] = [k for k in ENTRY_KINDS if k in (kind or [])]
    unknown = sorted(set(kind or []) - set(ENTRY_KINDS))
    if unknown:
        err.print(f"[red]unknown kind {unknown[0]!r}[/red]; use one of {', '.join(ENTRY_KINDS)}")
        raise typer.Exit(code=2)
    base, report = _open(ctx, directory)
    if not as_json:
        _print_issues(report.errors)
    result = base.search(question, k=k, locale=locale, kinds=kinds or None, product_id=product)
    if as_json:
        payload = result.model_dump(mode="json")
        for hit, data in zip(result.hits, payload["hits"], strict=True):
            data["citation"] = hit.citation
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        _print_result(result)


@knowledge_app.command("import-faq")
def import_faq_command(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(exists=True, dir_okay=False, help="CSV or JSON Lines: id, question, answer, tags.")
    ],
    directory: DirOption = None,
    locale: Annotated[str, typer.Option(help="Locale of the imported entries.")] = "en",
    overwrite: Annotated[bool, typer.Option(help="Replace files imported before.")] = False,
) -> None:
    """Turn a shop's FAQ export into knowledge files (faq/imported/<id>.md) in the documented format."""
    chosen, _ = _directory(settings_of(ctx), directory)
    try:
        report = import_faq(file, chosen, locale=locale, overwrite=overwrite)
    except KnowledgeFileError as exc:
        _print_issues(exc.issues)
        raise typer.Exit(code=1) from exc
    _print_issues(report.issues)
    console.print(f"wrote {len(report.written)} entries to {chosen / 'faq' / 'imported'}"
                  + (f"; {len(report.skipped)} already there (use --overwrite)" if report.skipped else ""))
    console.print("next: shopclerk knowledge check, then shopclerk knowledge ingest")
    if any(i.severity == "error" for i in report.issues):
        raise typer.Exit(code=1)


def eval_retrieval(
    ctx: typer.Context,
    questions: QuestionsOption,
    directory: DirOption = None,
    report: Annotated[Path | None, typer.Option("--report", help="Write retrieval.json and retrieval.md here.")] = None,
) -> None:
    """Retrieval quality on a question file: hit@1, hit@3, MRR, no-answer precision/recall, query latency."""
    try:
        items = read_questions(questions)
    except KnowledgeFileError as exc:
        _print_issues(exc.issues)
        raise typer.Exit(code=2) from exc
    base, loaded = _open(ctx, directory, measuring=True)
    _print_issues(loaded.errors)
    result = evaluate(lambda q: base.search(q, k=5), items)
    console.print(escape(to_markdown(result, f"Retrieval evaluation: {questions.name} on {base.directory}")))
    if report is not None:
        json_path, md_path = write_report(result, report)
        console.print(f"wrote {json_path} and {md_path}")


knowledge_app.command("eval")(eval_retrieval)


@knowledge_app.command("calibrate")
def calibrate_command(ctx: typer.Context, questions: QuestionsOption, directory: DirOption = None) -> None:
    """Sweep the answer threshold on a held-out question file and print the best one per script."""
    items = read_questions(questions)
    ungated = Thresholds(min_confidence=0.0, min_confidence_cjk=0.0)
    base, _ = _open(ctx, directory, measuring=True, thresholds=ungated)
    for result in calibrate(lambda q: base.search(q, k=5), items):
        best = result.best
        console.print(f"[bold]{result.script}[/bold]: {result.answerable} answerable, {result.off_topic} off-topic")
        for row in result.rows:
            if round(row.threshold * 100) % 2 == 0 and 0.3 <= row.threshold <= 0.7:
                mark = "  <- chosen" if best is not None and row.threshold == best.threshold else ""
                console.print(f"  {row.threshold:.2f}  hit@1 {row.hit_at_1:.3f}  off-topic unanswered "
                              f"{row.no_answer_recall:.3f}{mark}")
        if best is not None:
            console.print(f"  chosen {best.threshold:.2f}: hit@1 {best.hit_at_1:.3f}, "
                          f"off-topic unanswered {best.no_answer_recall:.3f}")


@knowledge_app.command("self-test")
def self_test_command(
    ctx: typer.Context,
    directory: DirOption = None,
    folds: Annotated[int, typer.Option(min=2, max=10, help="Rounds; each holds out every n-th question.")] = 4,
    as_json: Annotated[bool, typer.Option("--json", help="Print the whole report (every question) as JSON.")] = False,
) -> None:
    """Hold out each entry's own `questions:` in turn and search for them: which entries get confused, which
    go unfound. Needs no test set: run it after editing the files."""
    base, loaded = _open(ctx, directory, progress=not as_json)
    if not as_json:
        _print_issues(loaded.errors)
    report = base.self_test(folds=folds)
    if as_json:
        typer.echo(report.model_dump_json(indent=2))
        return
    if not report.questions:
        console.print("no entry has alternative questions to hold out: add `questions:` to your entries")
        return
    console.print(f"{report.questions} questions of {report.entries_tested} entries, held out in {report.folds} "
                  f"rounds: answered from their own entry {report.hit_at_1:.1%}, among the first three "
                  f"{report.hit_at_3:.1%}, left unanswered {report.unanswered:.1%}")
    if report.confusions:
        console.print("[bold]most often taken for another entry[/bold] (merge them, or make their titles and "
                      "questions say what sets them apart; harmless when both answer the question):")
        for c in report.confusions:
            console.print(f"  {c.count} x {escape(c.entry_id)} -> {escape(c.taken_by)}")
    if report.weak_entries:
        console.print("[bold]entries whose own questions are mostly not found[/bold] (add ways shoppers ask):")
        for w in report.weak_entries:
            taker = f", mostly taken for {escape(w.mostly_taken_by)}" if w.mostly_taken_by else ""
            refused = f", {w.unanswered} left unanswered" if w.unanswered else ""
            console.print(f"  {escape(w.entry_id)} ({escape(w.source)}): {w.found} of {w.held_out} found"
                          f"{refused}{taker}")


@knowledge_app.command("bench")
def bench(
    ctx: typer.Context,
    entries: Annotated[int, typer.Option(min=1, help="Synthetic entries to ingest.")] = 1000,
    questions: Annotated[Path | None, typer.Option(help="Queries (CSV question column); default: FAQ titles.")] = None,
) -> None:
    """Measure: one-text embedding latency, int8 fidelity vs fp32, ingest of N entries, query p50/p95."""
    from knowledge.bench import embedding_figures, ingest_figures, quantization_figures
    from knowledge.embeddings import Embedder

    settings = settings_of(ctx)
    source = settings.knowledge_dir
    texts = [q.question for q in read_questions(questions)] if questions else [
        e.title for e in load_directory(source).entries()]
    int8 = Embedder.load(settings.models_dir)
    fp32 = Embedder.load(settings.models_dir, quantized=False)
    for embedder in (int8, fp32):
        figures = embedding_figures(embedder, texts)
        console.print(f"embedding {figures.model}: one text p50 {figures.single_p50_ms:.2f} ms, "
                      f"p95 {figures.single_p95_ms:.2f} ms; batch {figures.batch_per_second:.0f} texts/s")
    passages = [e.text for e in load_directory(source).entries()]
    quant = quantization_figures(int8, fp32, texts + passages)
    console.print(f"int8 vs fp32 cosine over {quant.texts} texts: min {quant.cosine_min:.4f}, "
                  f"mean {quant.cosine_mean:.4f}")
    with _progress(True) as advance:
        ingest_result = ingest_figures(int8, source, entries, texts, advance)
    result = ingest_result
    console.print(f"ingest {result.entries} entries ({result.embedded_texts} texts): {result.ingest_seconds:.1f} s; "
                  f"unchanged re-ingest {result.reingest_unchanged_seconds:.2f} s; query incl. embedding "
                  f"p50 {result.query_p50_ms:.2f} ms, p95 {result.query_p95_ms:.2f} ms")
