"""Settings: secrets stay hidden, bad values name their variable."""

from __future__ import annotations

import pytest

from bot.settings import Settings, SettingsError, load_settings


def test_secrets_never_show_in_repr(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in {"OAKLEY_WINRM_PASSWORD": "pw-123456", "OAKLEY_AUDIT_KEY": "key-123456",
                        "SLACK_BOT_TOKEN": "xoxb-123456", "SLACK_APP_TOKEN": "xapp-123456",
                        "SLACK_SIGNING_SECRET": "sig-123456"}.items():
        monkeypatch.setenv(name, value)
    settings = Settings()
    shown = repr(settings) + str(settings) + str(settings.model_dump())
    for secret in ("pw-123456", "key-123456", "xoxb-123456", "xapp-123456", "sig-123456"):
        assert secret not in shown
    assert settings.slack_bot_token is not None and settings.slack_bot_token.get_secret_value() == "xoxb-123456"


def test_bad_value_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OAKLEY_FLEET_CONCURRENCY", "zero")
    with pytest.raises(SettingsError, match=r"^OAKLEY_FLEET_CONCURRENCY: "):
        load_settings()
