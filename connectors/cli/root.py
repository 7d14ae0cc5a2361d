"""The root `shopclerk` typer app: reads settings once and hands them to every command."""

from __future__ import annotations

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
