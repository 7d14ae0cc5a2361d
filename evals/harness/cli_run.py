"""`shopclerk eval run`: assembles the channel, store and shopper from settings, runs the suite, reports."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from pydantic import BaseModel, ConfigDict
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from connectors.assemble import open_runtime
from connectors.orders.sqlite_store import SqliteOrderSystem
from connectors.settings import Settings
from connectors.web.transcript import Transcript
from evals.harness.channels import Channel, ChannelError, InProcessChannel
from evals.harness.fixtures import Fixtures
from evals.harness.gate import GateError, check, load_gate
from evals.harness.llm_shopper import Endpoint, LlmShopper
from evals.harness.loading import ScenarioError, load_scenarios
from evals.harness.reports import headline, write_reports
from evals.harness.results import ScenarioResult
from evals.harness.scenario import Scenario
from evals.harness.suite import ShopperFactory, SuiteResult, run_suite, scripted
from evals.harness.workspace import scratch_settings
from evals.harness.ws_channel import WebsocketChannel

Echo = Callable[[str], None]


class UsageError(ValueError):
    """The command was asked for something it cannot do (exit code 2)."""


class RunOptions(BaseModel):
    """The command's options, validated."""

    model_config = ConfigDict(extra="forbid")

    paths: list[Path] = []
    via: str | None = None
    shopper: str = "scripted"
    k: int = 1
    report: Path | None = None
    gate: bool = False
    shopper_base_url: str | None = None
    shopper_model: str | None = None


def shopper_factory(settings: Settings, options: RunOptions) -> ShopperFactory:
    if options.shopper == "scripted":
        return scripted
    if options.shopper != "llm":
        raise UsageError(f"--shopper must be scripted or llm, not {options.shopper!r}")
    base_url = options.shopper_base_url or settings.llm_base_url
    model = options.shopper_model or settings.llm_model
    if not (base_url and model):
        raise UsageError("--shopper llm needs --shopper-base-url and --shopper-model (or SHOPCLERK_LLM_BASE_URL/MODEL)")
    key = settings.llm_api_key.get_secret_value() if settings.llm_api_key else None
    endpoint = Endpoint(base_url=base_url, model=model, api_key=key, timeout_s=max(30.0, settings.llm_timeout_seconds))

    def make(scenario: Scenario) -> LlmShopper:
        return LlmShopper(scenario, endpoint)

    return make


def same_data_dir(channel: WebsocketChannel, settings: Settings) -> None:
    """Refuse to run unless the server records its conversations in our data directory.

    The runner resets the store at SHOPCLERK_DATA_DIR before each scenario; a server on another data directory
    would be played against a store nobody reset (and its own shop data would be written to).
    """
    try:
        probe = channel.open(None)
    except ChannelError as exc:
        raise UsageError(str(exc)) from exc
    probe.close()
    if not settings.channel_path.exists():
        raise UsageError(f"{via_mismatch(settings)}: {settings.channel_path} does not exist")
    transcript = Transcript(settings.channel_path)
    try:
        known = transcript.owner(probe.conversation_id) is not None
    finally:
        transcript.close()
    if not known:
        raise UsageError(f"{via_mismatch(settings)}: its new conversation is not in {settings.channel_path}")


def via_mismatch(settings: Settings) -> str:
    return f"the server at --via does not use SHOPCLERK_DATA_DIR={settings.data_dir}"


@contextmanager
def assembled(settings: Settings, via: str | None) -> Iterator[tuple[Channel, Fixtures, str]]:
    """In-process on a scratch copy by default; with `via`, the server's websocket and its store file."""
    if via is None:
        with scratch_settings(settings) as scratch, open_runtime(scratch) as runtime:
            yield InProcessChannel(runtime.conversations), Fixtures(runtime.orders), runtime.mode
        return
    if not via.startswith(("ws://", "wss://")):
        raise UsageError(f"--via must be a ws:// or wss:// URL, not {via!r}")
    if not settings.store_path.exists():
        raise UsageError(f"--via needs the server's store: {settings.store_path} does not exist (SHOPCLERK_DATA_DIR)")
    secret = settings.identity_secret.get_secret_value() if settings.identity_secret else None
    channel = WebsocketChannel(via, secret)
    same_data_dir(channel, settings)
    store = SqliteOrderSystem(settings.store_path)
    try:
        yield channel, Fixtures(store), "server"
    finally:
        store.close()


def _play(
    scenarios: Sequence[Scenario], settings: Settings, options: RunOptions, factory: ShopperFactory
) -> SuiteResult:
    total = len(scenarios) * options.k
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with assembled(settings, options.via) as (channel, fixtures, mode), Progress(*columns, transient=True) as bar:
        task = bar.add_task("scenarios", total=total)
        failed = 0

        def advance(result: ScenarioResult) -> None:
            nonlocal failed
            failed += not result.passed
            bar.update(task, advance=1, description=f"scenarios ({failed} failed) {result.id[:40]:<40}")

        return run_suite(
            scenarios, channel, fixtures, shopper=factory, shopper_name=options.shopper, mode=mode, k=options.k,
            progress=advance,
        )  # fmt: skip


def run_suite_command(settings: Settings, options: RunOptions, echo: Echo) -> int:
    """Run, print the figures and failures, write reports; the exit code (1 only with --gate and below it)."""
    try:
        scenarios = load_scenarios(options.paths)
        gate = load_gate()
    except (ScenarioError, GateError) as exc:
        raise UsageError(str(exc)) from exc
    if not scenarios:
        raise UsageError("no scenarios found")
    factory = shopper_factory(settings, options)
    result = _play(scenarios, settings, options, factory)
    verdict = check(gate, result.metrics)
    echo(f"{result.metrics.scenarios} scenarios x k={options.k} in {result.seconds:.1f} s ({result.channel})")
    for name, value in headline(result.metrics):
        echo(f"  {name}: {value}")
    for r in result.failed():
        echo(f"FAIL {r.id} (run {r.run}): " + "; ".join(f.why for f in r.failures))
    for line in verdict.lines:
        echo(f"gate: {line}")
    if options.report is not None:
        paths = write_reports(result, options.report, verdict.lines)
        echo(f"reports: {paths['markdown']}, {paths['html']}, {paths['json']} (+ one JSON per scenario run)")
    return 1 if options.gate and not verdict.passed else 0
