"""Settings: the one validated description of how this shopclerk deployment is assembled."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import AliasChoices, Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEMO_KNOWLEDGE_DIR = Path(__file__).resolve().parent.parent / "knowledge" / "demo_shop"


class SettingsError(ValueError):
    """Settings could not be validated; the message names each bad variable and why."""


class Settings(BaseSettings):
    """Everything configurable, read once from `SHOPCLERK_*` variables and `.env`."""

    model_config = SettingsConfigDict(
        env_prefix="SHOPCLERK_",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        validate_default=True,
    )

    data_dir: Path = Field(
        default=Path(".shopclerk"),
        description="Directory holding the SQLite files, the Chroma index and cached models.",
    )
    knowledge_dir: Path = Field(
        default=DEMO_KNOWLEDGE_DIR,
        description="The merchant's knowledge files (FAQ, policies, guides, intent examples).",
    )
    chroma_url: str | None = Field(
        default=None, description="A Chroma server (http://host:port); unset: embedded Chroma in the data directory."
    )
    retrieval_min_confidence: float | None = Field(
        default=None, ge=0.0, le=1.0,
        description="Knowledge answers need at least this confidence (0-1); unset: derived from the knowledge folder.",
    )
    seed_demo: bool = Field(
        default=True, description="Seed the demo pet shop into an empty order store at start-up."
    )
    shop_name: str = Field(
        default="Pawsome Pet Supplies", min_length=1, max_length=80, description="The shop's name in replies."
    )
    host: str = Field(default="127.0.0.1", description="Address `shopclerk serve` binds to.")
    port: int = Field(default=8000, ge=1, le=65535, description="Port `shopclerk serve` listens on.")
    log_level: Literal["debug", "info", "warning", "error"] = Field(
        default="info", description="Log level of the server and CLI."
    )
    max_message_chars: int = Field(
        default=2000, ge=1, le=100_000, description="Longest shopper message accepted, in characters."
    )
    max_frame_bytes: int = Field(
        default=16_384, ge=256, le=1_048_576, description="Largest websocket frame accepted, in bytes."
    )
    allowed_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Comma-separated page origins allowed to open /ws; empty: same origin only.",
    )
    rate_limit_per_minute: int = Field(
        default=30, ge=1, le=10_000, description="Shopper messages one connection may send per minute."
    )
    ip_rate_limit_per_minute: int = Field(
        default=120, ge=1, le=100_000, description="Shopper messages one client address may send per minute."
    )
    turn_workers: int = Field(
        default=2,
        ge=1,
        le=64,
        description="Threads running conversation turns in `serve`; more only helps when turns wait on an LLM.",
    )
    idle_timeout_seconds: float = Field(
        default=900, gt=0, le=86_400, description="A websocket silent this long is closed."
    )
    identity_secret: SecretStr | None = Field(
        default=None,
        description="Shared secret the shop signs shopper identity tokens with (HMAC-SHA256); unset: anonymous only.",
    )
    console_token: SecretStr | None = Field(
        default=None,
        description="Token people type to open the agent console at /console; unset: the console is disabled.",
    )
    llm_base_url: str | None = Field(
        default=None, description="OpenAI-compatible endpoint; unset means offline mode."
    )
    llm_model: str | None = Field(default=None, description="Model name for the LLM endpoint.")
    llm_timeout_seconds: float = Field(
        default=8.0, gt=0, le=120, description="Per-call LLM timeout; on timeout the offline reading is used."
    )
    llm_api_key: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices("SHOPCLERK_LLM_API_KEY", "OPENAI_API_KEY"),
        description="API key for the LLM endpoint (`OPENAI_API_KEY` also accepted).",
    )

    @field_validator("data_dir", "knowledge_dir")
    @classmethod
    def _expand(cls, value: Path) -> Path:
        return value.expanduser()

    @field_validator("allowed_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip().rstrip("/") for part in value.split(",") if part.strip()]
        return value

    @field_validator("allowed_origins")
    @classmethod
    def _origins_are_urls(cls, value: list[str]) -> list[str]:
        for origin in value:
            if not origin.startswith(("http://", "https://")):
                raise ValueError(f"origin {origin!r} must start with http:// or https://")
        return value

    @field_validator("console_token")
    @classmethod
    def _console_token_long_enough(cls, value: SecretStr | None) -> SecretStr | None:
        # The console reads every conversation: a guessable token would expose them all.
        if value is not None and len(value.get_secret_value()) < 16:
            raise ValueError("must be at least 16 characters; generate one with secrets.token_urlsafe()")
        return value

    @field_validator("host")
    @classmethod
    def _host_not_empty(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be empty")
        return value.strip()

    @model_validator(mode="after")
    def _llm_complete(self) -> Settings:
        if self.llm_base_url and not self.llm_model:
            raise ValueError("SHOPCLERK_LLM_BASE_URL is set but SHOPCLERK_LLM_MODEL is not; set both or neither")
        if self.llm_model and not self.llm_base_url:
            raise ValueError("SHOPCLERK_LLM_MODEL is set but SHOPCLERK_LLM_BASE_URL is not; set both or neither")
        return self

    @property
    def llm_enabled(self) -> bool:
        return bool(self.llm_base_url and self.llm_model)

    @property
    def store_path(self) -> Path:
        """SQLite file of the order system and catalog."""
        return self.data_dir / "store.sqlite"

    @property
    def conversations_path(self) -> Path:
        """SQLite file of the LangGraph checkpoints (one thread per conversation)."""
        return self.data_dir / "conversations.sqlite"

    @property
    def channel_path(self) -> Path:
        """SQLite file of the web channel: transcripts, sequence numbers, hand-offs."""
        return self.data_dir / "channel.sqlite"

    @property
    def chroma_dir(self) -> Path:
        """Directory of the embedded Chroma index."""
        return self.data_dir / "chroma"

    @property
    def models_dir(self) -> Path:
        """Directory of models built once at setup (embedding ONNX graph, NLU classifier)."""
        return self.data_dir / "models"


# Never echoed in an error message.
_SECRETS = frozenset({"identity_secret", "console_token", "llm_api_key"})


def load_settings(**overrides: object) -> Settings:
    """Read and validate settings once; raise `SettingsError` with one line per bad variable."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        lines = []
        for err in exc.errors():
            loc = ".".join(str(part) for part in err["loc"]) or "settings"
            name = f"SHOPCLERK_{loc.upper()}" if err["loc"] else "settings"
            secret = any(str(part) in _SECRETS for part in err["loc"])
            got = "(value hidden)" if secret else f"(got {err.get('input')!r})"
            lines.append(f"{name}: {err['msg']} {got}")
        raise SettingsError("invalid settings:\n  " + "\n  ".join(lines)) from exc
