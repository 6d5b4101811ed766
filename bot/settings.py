"""Oakley's configuration, from the environment and `.env` (DESIGN.md §3).

Secrets are `SecretStr`: they never appear in `repr`, logs or error text.
"""

from __future__ import annotations

import re

from pydantic import AliasChoices, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.change_windows import parse_windows


class SettingsError(Exception):
    """A setting is malformed; the message names the variable."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="OAKLEY_", env_file=".env", extra="ignore",
                                      env_file_encoding="utf-8")

    database_url: str = "sqlite:///oakley.db"
    inventory: str | None = None
    winrm_username: str | None = None
    winrm_password: SecretStr | None = None
    requesters: str = ""
    approvers: str = ""
    admins: str = ""
    approval_ttl: str = "30m"
    approval_channel: str | None = None
    audit_key: SecretStr | None = None
    audit_export: str | None = None
    audit_channel: str | None = None
    fleet_concurrency: int = Field(16, ge=1, le=512)
    request_rate: int = Field(10, ge=1, le=10_000)  # change requests per user per minute, across processes
    os_max_age: str = "24h"  # how long a host's reported OS is trusted before a check reads it again; 0: always
    slack_api_url: str | None = None
    log_format: str = "text"
    log_level: str = "INFO"
    health_port: int | None = Field(None, ge=1, le=65535)
    reason_pattern: str | None = None
    change_windows: str | None = None  # when approved changes may run (bot/change_windows.py); unset: always
    rollout_canary: int = Field(1, ge=1, le=10_000)  # hosts of a group change executed before the rest
    watch_interval: str | None = None  # the drift watch inside serve/socket, e.g. 1h (off when unset)
    watch_channel: str | None = None  # where the drift watch reports rounds that found something
    slack_bot_token: SecretStr | None = Field(None, validation_alias=AliasChoices("SLACK_BOT_TOKEN"))
    slack_app_token: SecretStr | None = Field(None, validation_alias=AliasChoices("SLACK_APP_TOKEN"))
    slack_signing_secret: SecretStr | None = Field(None, validation_alias=AliasChoices("SLACK_SIGNING_SECRET"))

    @field_validator("watch_interval")
    @classmethod
    def _interval(cls, value: str | None) -> str | None:
        if value:
            from bot.durations import parse_duration

            parse_duration(value)  # its ValueError names what a duration looks like
        return value or None

    @field_validator("reason_pattern")
    @classmethod
    def _pattern(cls, value: str | None) -> str | None:
        if value:
            try:
                re.compile(value)
            except re.error as exc:
                raise ValueError(f"not a regular expression ({exc})") from None
        return value or None


    @field_validator("change_windows")
    @classmethod
    def _windows(cls, value: str | None) -> str | None:
        parse_windows(value)  # ValueError names the part that is wrong
        return value or None


def load_settings() -> Settings:
    try:
        return Settings()
    except ValidationError as exc:
        err = exc.errors()[0]
        name = str(err["loc"][0]).upper() if err["loc"] else "?"
        variable = name if name.startswith("SLACK_") else f"OAKLEY_{name}"
        raise SettingsError(f"{variable}: {str(err['msg']).removeprefix('Value error, ')}") from None
