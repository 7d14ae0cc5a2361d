"""Settings: defaults, environment, and clear validation errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from connectors.settings import SettingsError, load_settings


def test_defaults_are_offline_and_local() -> None:
    settings = load_settings()
    assert settings.data_dir == Path(".shopclerk")
    assert settings.store_path == Path(".shopclerk/store.sqlite")
    assert settings.chroma_dir == Path(".shopclerk/chroma")
    assert settings.llm_enabled is False
    assert settings.knowledge_dir.parts[-2:] == ("knowledge", "demo_shop")


def test_environment_and_dotenv_are_read(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("SHOPCLERK_PORT=9001\nSHOPCLERK_SHOP_NAME=Dotenv Pets\n")
    monkeypatch.setenv("SHOPCLERK_DATA_DIR", str(tmp_path / "elsewhere"))
    settings = load_settings()
    assert settings.port == 9001
    assert settings.shop_name == "Dotenv Pets"
    assert settings.data_dir == tmp_path / "elsewhere"


def test_bad_port_names_the_variable_and_the_value(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHOPCLERK_PORT", "eighty")
    with pytest.raises(SettingsError) as info:
        load_settings()
    message = str(info.value)
    assert "SHOPCLERK_PORT" in message
    assert "'eighty'" in message


def test_out_of_range_port_is_rejected(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHOPCLERK_PORT", "70000")
    with pytest.raises(SettingsError, match=r"SHOPCLERK_PORT: Input should be less than or equal to 65535"):
        load_settings()


def test_half_configured_llm_is_rejected(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHOPCLERK_LLM_BASE_URL", "http://127.0.0.1:9/v1")
    with pytest.raises(SettingsError, match="SHOPCLERK_LLM_MODEL is not"):
        load_settings()


def test_openai_api_key_is_accepted_as_alias(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    monkeypatch.setenv("SHOPCLERK_LLM_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("SHOPCLERK_LLM_MODEL", "gpt-test")
    settings = load_settings()
    assert settings.llm_enabled
    assert settings.llm_api_key is not None
    assert settings.llm_api_key.get_secret_value() == "sk-test"
    assert "sk-test" not in repr(settings)


def test_a_rejected_secret_is_not_echoed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHOPCLERK_CONSOLE_TOKEN", "short-secret")
    with pytest.raises(SettingsError) as info:
        load_settings()
    assert "SHOPCLERK_CONSOLE_TOKEN" in str(info.value)
    assert "short-secret" not in str(info.value)
    assert "value hidden" in str(info.value)


def test_retrieval_min_confidence_is_optional_and_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    assert load_settings().retrieval_min_confidence is None
    monkeypatch.setenv("SHOPCLERK_RETRIEVAL_MIN_CONFIDENCE", "0.7")
    assert load_settings().retrieval_min_confidence == 0.7
    monkeypatch.setenv("SHOPCLERK_RETRIEVAL_MIN_CONFIDENCE", "1.5")
    with pytest.raises(SettingsError, match="SHOPCLERK_RETRIEVAL_MIN_CONFIDENCE"):
        load_settings()
