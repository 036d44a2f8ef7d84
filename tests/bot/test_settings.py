"""Settings: defaults, parsing, and one clear line for each bad value."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot.settings import DEFAULT_DATABASE_URL, SettingsError, load_settings


@pytest.fixture(autouse=True)
def clean_env(monkeypatch, tmp_path):
    for name in list(os.environ):
        if name.startswith("LEGDAY_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)  # no stray .env


def test_defaults_need_nothing():
    settings = load_settings()
    assert settings.discord_token is None
    assert settings.database_url == DEFAULT_DATABASE_URL
    assert (settings.log_level, settings.log_format) == ("INFO", "text")


def test_reads_dotenv_and_hides_the_token(tmp_path):
    (tmp_path / ".env").write_text("LEGDAY_DISCORD_TOKEN=abc.def.ghi\nLEGDAY_LOG_FORMAT=JSON\n")
    settings = load_settings()
    assert settings.discord_token is not None
    assert settings.discord_token.get_secret_value() == "abc.def.ghi"
    assert "abc.def.ghi" not in repr(settings)
    assert settings.log_format == "json"


@pytest.mark.parametrize(
    ("value", "expected"), [("0,1,2", [0, 1, 2]), ("0-3", [0, 1, 2, 3]), ("4-5,7", [4, 5, 7])]
)
def test_shard_ids_accept_lists_and_ranges(monkeypatch, value, expected):
    monkeypatch.setenv("LEGDAY_SHARD_COUNT", "8")
    monkeypatch.setenv("LEGDAY_SHARD_IDS", value)
    assert load_settings().shard_ids == expected


@pytest.mark.parametrize(
    ("name", "value", "says"),
    [
        ("LEGDAY_LOG_LEVEL", "LOUD", "LEGDAY_LOG_LEVEL"),
        ("LEGDAY_LOG_FORMAT", "xml", "LEGDAY_LOG_FORMAT"),
        ("LEGDAY_DEV_GUILD_ID", "my-server", "LEGDAY_DEV_GUILD_ID"),
        ("LEGDAY_SHARD_COUNT", "0", "LEGDAY_SHARD_COUNT"),
        ("LEGDAY_SHARD_IDS", "a-b", "LEGDAY_SHARD_IDS"),
    ],
)
def test_bad_values_fail_with_one_line_naming_the_variable(monkeypatch, name, value, says):
    monkeypatch.setenv("LEGDAY_SHARD_COUNT", "2")
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError) as caught:
        load_settings()
    message = str(caught.value)
    assert message.startswith(says)
    assert "\n" not in message


def test_shard_ids_must_fit_the_count(monkeypatch):
    monkeypatch.setenv("LEGDAY_SHARD_COUNT", "2")
    monkeypatch.setenv("LEGDAY_SHARD_IDS", "0-3")
    with pytest.raises(SettingsError, match="LEGDAY_SHARD_IDS must lie between"):
        load_settings()


def test_the_example_env_file_is_valid_as_shipped(tmp_path):
    example = Path(__file__).parents[2] / "deploy" / ".env.example"
    (tmp_path / ".env").write_text(example.read_text())
    settings = load_settings()
    assert settings.discord_token is None
    assert settings.dev_guild_id is None


def test_metrics_are_off_unless_a_port_is_given(monkeypatch):
    assert load_settings().metrics_port is None
    monkeypatch.setenv("LEGDAY_METRICS_PORT", "9464")
    assert load_settings().metrics_port == 9464
    monkeypatch.setenv("LEGDAY_METRICS_PORT", "70000")
    with pytest.raises(SettingsError, match=r"^LEGDAY_METRICS_PORT: "):
        load_settings()
