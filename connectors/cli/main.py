"""The `shopclerk` typer app: reads settings once and hands them to every command."""

from __future__ import annotations

from typing import Annotated

import typer

from connectors.settings import Settings, SettingsError, load_settings

app = typer.Typer(
    name="shopclerk",
    help="shopclerk: an open-source customer-service agent for online shops.",
    no_args_is_help=True,
    add_completion=False,
)


@app.callback()
def _root(ctx: typer.Context) -> None:
    """Validate settings once; sub-commands read them from `ctx.obj`."""
    if ctx.resilient_parsing:
        return
    try:
        ctx.obj = load_settings()
    except SettingsError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(code=2) from exc


def settings_of(ctx: typer.Context) -> Settings:
    """The validated settings of this invocation."""
    settings = ctx.find_root().obj
    if not isinstance(settings, Settings):
        raise RuntimeError("settings were not loaded by the root callback")
    return settings


@app.command()
def version() -> None:
    """Print the installed shopclerk version."""
    from importlib.metadata import version as dist_version

    typer.echo(f"shopclerk {dist_version('shopclerk')}")


@app.command()
def prepare(ctx: typer.Context) -> None:
    """Create the data directory and everything the server needs before it starts."""
    from connectors.assemble import open_runtime

    settings = settings_of(ctx)
    with open_runtime(settings):
        pass
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

    from connectors.assemble import open_runtime

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
            console.print(f"[bold cyan]bot:[/bold cyan] {reply['text']}", highlight=False)
            for part in reply["parts"]:
                if part.get("kind") == "quick_replies":
                    console.print("[dim]  try: " + " | ".join(part.get("data", [])) + "[/dim]", highlight=False)


# Command groups live in their own modules, which import `settings_of` from here: register them last.
from connectors.cli.knowledge import knowledge_app  # noqa: E402

app.add_typer(knowledge_app, name="knowledge")
