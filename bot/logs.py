"""The one logging set-up: JSON lines or text on stderr, third-party libraries quiet.

`OAKLEY_LOG_FORMAT=json` writes one object per line with `time`, `level`,
`logger`, `message` and, where they apply, `change_id`, `host` and `user`
(from `extra=` or from `context(...)`). Libraries (Bolt, the Slack SDK,
Alembic, waitress, urllib3, pywinrm…) log only warnings while Oakley runs at
INFO, so a normal start is a few lines of ours.
"""

from __future__ import annotations

import contextlib
import contextvars
import json
import logging
import os
import sys
import time
from collections.abc import Iterator
from typing import Any

FORMATS = ("text", "json")
FIELDS = ("change_id", "host", "user")
THIRD_PARTY = ("slack_bolt", "slack_sdk", "alembic", "sqlalchemy", "urllib3", "requests", "waitress", "winrm",
               "spnego", "requests_ntlm", "websocket", "websockets", "asyncio", "py.warnings")
_context: contextvars.ContextVar[dict[str, Any]] = contextvars.ContextVar("oakley_log_context", default={})  # noqa: B039


class LogConfigError(ValueError):
    """OAKLEY_LOG_FORMAT or OAKLEY_LOG_LEVEL is not one Oakley knows; the message names it."""


@contextlib.contextmanager
def context(**fields: Any) -> Iterator[None]:
    """Attach change id / host / user to every record logged inside the block (this thread or task)."""
    token = _context.set({**_context.get(), **{k: v for k, v in fields.items() if v is not None}})
    try:
        yield
    finally:
        _context.reset(token)


class JsonFormatter(logging.Formatter):
    """One JSON object per line; never more than one line per record (tracebacks are a field)."""

    def format(self, record: logging.LogRecord) -> str:
        out: dict[str, Any] = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + f".{int(record.msecs):03d}Z",
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        bound = _context.get()
        for name in FIELDS:
            value = getattr(record, name, None)
            if value is None:
                value = bound.get(name)
            if value is not None:
                out[name] = value
        if record.exc_info:
            out["exception"] = self.formatException(record.exc_info)
        return json.dumps(out, default=str, ensure_ascii=False)


class _TextFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        bound = _context.get()
        extra = [f"{n}={getattr(record, n, None) or bound.get(n)}" for n in FIELDS
                 if getattr(record, n, None) is not None or bound.get(n) is not None]
        return f"{line} [{' '.join(extra)}]" if extra else line


_HANDLER_NAME = "oakley"


def settings_from_env() -> tuple[str, str]:
    return os.environ.get("OAKLEY_LOG_FORMAT") or "text", os.environ.get("OAKLEY_LOG_LEVEL") or "INFO"


def setup(fmt: str | None = None, level: str | None = None) -> str:
    """Install the handler on the root logger (replacing an earlier one of ours); returns the format."""
    env_fmt, env_level = settings_from_env()
    fmt = (fmt or env_fmt).strip().lower()
    level_name = (level or env_level).strip().upper()
    if fmt not in FORMATS:
        raise LogConfigError(f"OAKLEY_LOG_FORMAT: {fmt[:20]!r} is not a log format (use json or text)")
    numeric = logging.getLevelName(level_name)
    if not isinstance(numeric, int):
        raise LogConfigError(f"OAKLEY_LOG_LEVEL: {level_name[:20]!r} is not a level "
                             "(use DEBUG, INFO, WARNING or ERROR)")
    root = logging.getLogger()
    for handler in list(root.handlers):
        if handler.get_name() == _HANDLER_NAME:
            root.removeHandler(handler)
    handler = logging.StreamHandler(sys.stderr)
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(JsonFormatter() if fmt == "json" else
                         _TextFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(numeric)
    for name in THIRD_PARTY:
        logging.getLogger(name).setLevel(logging.WARNING if numeric >= logging.INFO else numeric)
    logging.captureWarnings(True)  # warnings.warn goes through the same handler (one line, JSON when asked)
    return fmt


def is_json() -> bool:
    return any(h.get_name() == _HANDLER_NAME and isinstance(h.formatter, JsonFormatter)
               for h in logging.getLogger().handlers)
