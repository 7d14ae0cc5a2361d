"""The `shopclerk` command line: serve, chat, prepare, version, and the command groups."""

from __future__ import annotations

from typing import Annotated

import typer

from connectors.cli.bench import bench
from connectors.cli.eval import eval_app
from connectors.cli.knowledge import eval_retrieval, knowledge_app
from connectors.cli.root import app, settings_of
from connectors.cli.store import store_app

__all__ = ["app", "settings_of"]


@app.command()
def version() -> None:
    """Print the installed shopclerk version."""
    from importlib.metadata import version as dist_version

    typer.echo(f"shopclerk {dist_version('shopclerk')}")


@app.command()
def prepare(ctx: typer.Context) -> None:
    """Create the data directory, seed the demo shop if the store is empty, build the model and the index."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from connectors.assemble import prepare as prepare_data

    settings = settings_of(ctx)
    with Progress(TextColumn("indexing knowledge"), BarColumn(), MofNCompleteColumn(), transient=True) as bar:
        task = bar.add_task("index", total=None)
        done = prepare_data(settings, lambda n, total: bar.update(task, completed=n, total=total or None))
    if done.seeded:
        typer.echo(f"seeded the demo shop into {settings.store_path}")
    report = done.knowledge
    typer.echo(
        f"knowledge: {len(report.added)} added, {len(report.updated)} updated, {len(report.removed)} removed, "
        f"{report.unchanged} unchanged; {len(report.errors)} error(s)"
    )
    for issue in report.issues:
        typer.echo(f"  {issue.format()}", err=True)
    typer.echo(f"data directory ready: {settings.data_dir.resolve()}")


@app.command()
def serve(
    ctx: typer.Context,
    host: Annotated[str | None, typer.Option(help="Address to bind (default: SHOPCLERK_HOST).")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on (default: SHOPCLERK_PORT).")] = None,
) -> None:
    """Serve the chat page, /healthz and the /ws endpoint with uvicorn."""
    import uvicorn

    from connectors.web.app import create_app
    from connectors.web.logs import configure_logging

    settings = settings_of(ctx)
    configure_logging(settings.log_level)
    bind_host = host or settings.host
    bind_port = port or settings.port
    typer.echo(f"shopclerk serving {settings.shop_name} at http://{bind_host}:{bind_port} ({settings.data_dir})")
    uvicorn.run(
        create_app(settings),
        host=bind_host,
        port=bind_port,
        log_level=settings.log_level,
        ws_max_size=settings.max_frame_bytes,
        # Frames are a few hundred bytes: compressing them costs both ends more CPU than it saves on the wire.
        ws_per_message_deflate=False,
    )


@app.command()
def chat(
    ctx: typer.Context,
    conversation: Annotated[
        str | None, typer.Option(help="Resume this conversation id instead of starting a new one.")
    ] = None,
) -> None:
    """Chat with the agent in the terminal (same graph and data as the server). Ctrl-D or /quit ends."""
    import secrets

    from rich.console import Console
    from rich.markup import escape

    from connectors.assemble import open_runtime
    from connectors.cli.render import render_parts

    console = Console()
    settings = settings_of(ctx)
    cid = conversation or secrets.token_urlsafe(12)
    with open_runtime(settings) as runtime:
        console.print(f"[dim]conversation {cid} · {runtime.mode} mode · /quit to leave[/dim]")
        for line in runtime.conversations.history(cid):
            console.print(f"[bold]{line['role']}:[/bold] {line['text']}", highlight=False)
        while True:
            try:
                text = console.input("[bold green]you:[/bold green] ")
            except EOFError:
                break
            if text.strip() in {"/quit", "/exit"}:
                break
            reply, _ = runtime.conversations.send(cid, text)
            if reply["intent"] == "silent":
                console.print("[dim](a person from the shop has this conversation)[/dim]")
                continue
            console.print(f"[bold cyan]bot:[/bold cyan] {escape(reply['text'])}", highlight=False)
            render_parts(console, list(reply["parts"]))


# Explicit registry of command groups, in the order `--help` lists them.
app.add_typer(store_app, name="store")
app.add_typer(knowledge_app, name="knowledge")
eval_app.command("retrieval")(eval_retrieval)
app.add_typer(eval_app, name="eval")
app.command("bench")(bench)
