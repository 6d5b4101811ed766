"""Bad configuration: exit 2, one line on stderr naming what to fix, no secret in it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def oakley(args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bot", *args], input="", capture_output=True, text=True, cwd=ROOT,
                          timeout=60, env={**os.environ, "PYTHONPATH": str(ROOT), **env})


@pytest.mark.parametrize(("args", "env", "says"), [
    (["history"], {"OAKLEY_DATABASE_URL": "foo://x"}, "OAKLEY_DATABASE_URL: foo:// is not supported"),
    (["history"], {"OAKLEY_DATABASE_URL": "mysql://ops:Sup3rS3cret@db/oakley"},
     "mysql:// is not supported; Oakley runs on SQLite and PostgreSQL (sqlite:///PATH or postgresql://"),
    (["console"], {"OAKLEY_DATABASE_URL": "oracle+cx_oracle://ops:Sup3rS3cret@db"}, "oracle+cx_oracle:// is not"),
    (["db", "upgrade"], {"OAKLEY_DATABASE_URL": "mysql+pymysql://ops:Sup3rS3cret@db/x"}, "mysql+pymysql:// is not"),
    (["audit", "verify"], {"OAKLEY_DATABASE_URL": "ops:Sup3rS3cret@db"}, "not a database URL (no scheme://)"),
    (["audit", "verify"], {"OAKLEY_DATABASE_URL": "postgresql://ops:Sup3rS3cret@127.0.0.1:1/x"},
     "OAKLEY_DATABASE_URL: cannot use the database"),
    (["db", "upgrade"], {"OAKLEY_DATABASE_URL": "postgresql://ops:Sup3rS3cret@127.0.0.1:1/x"},
     "OAKLEY_DATABASE_URL: cannot upgrade"),
    (["console"], {"OAKLEY_APPROVAL_TTL": "soon"}, "OAKLEY_APPROVAL_TTL: 'soon' is not a duration"),
    (["console"], {"OAKLEY_INVENTORY": "/nonexistent/hosts.yml"}, "cannot read the inventory"),
    (["console"], {"OAKLEY_FLEET_CONCURRENCY": "-3"}, "OAKLEY_FLEET_CONCURRENCY:"),
    (["serve"], {"SLACK_BOT_TOKEN": "", "SLACK_SIGNING_SECRET": ""}, "SLACK_BOT_TOKEN is not set"),
    (["serve"], {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": ""}, "SLACK_SIGNING_SECRET is not set"),
    (["socket"], {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": ""}, "SLACK_APP_TOKEN is not set"),
    (["socket"], {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xoxb-Sup3rS3cret"},
     "SLACK_APP_TOKEN does not look like an app-level token (xapp-…)"),
    (["serve"], {"SLACK_BOT_TOKEN": "xoxp-Sup3rS3cret", "SLACK_SIGNING_SECRET": "s"},
     "SLACK_BOT_TOKEN does not look like a bot token (xoxb-…)"),
    (["serve"], {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s", "OAKLEY_INVENTORY": ""},
     "OAKLEY_INVENTORY is not set"),
    (["serve"], {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s", "PORT": "web"}, "PORT: 'web' is not a port"),
    (["serve"], {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s", "PORT": "70000"}, "PORT must be between"),
    (["manifest", "--http-url", "http://example.com/slack/events"], {}, "must be an https:// URL"),
    (["history", "--since", "last tuesday"], {}, "--since:"),
    (["lab", "--hosts", "0"], {}, "--hosts must be between"),
])
def test_bad_configuration_exits_2(args: list[str], env: dict[str, str], says: str, tmp_path: Path) -> None:
    done = oakley(args, OAKLEY_DATABASE_URL=env.pop("OAKLEY_DATABASE_URL", f"sqlite:///{tmp_path}/o.db"),
                  XDG_STATE_HOME=str(tmp_path), **env)
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("oakley: ") and says in lines[0]
    assert "Sup3rS3cret" not in done.stderr + done.stdout
    flags = set(re.findall(r"(?<![\w-])--[a-z][a-z-]*", lines[0]))
    assert flags <= set(args), f"the message names a flag {args[0]} does not have: {flags}"


def test_manifest_matches_the_committed_file() -> None:
    done = oakley(["manifest"])
    assert done.returncode == 0 and done.stdout == (ROOT / "manifest.yml").read_text()
    http = oakley(["manifest", "--http-url", "https://oakley.example.com/slack/events"]).stdout
    assert "socket_mode_enabled: false" in http and http.count("https://oakley.example.com/slack/events") == 3


def test_version() -> None:
    for flag in ("--version", "-V"):
        done = oakley([flag])
        assert done.returncode == 0 and done.stderr == ""
        name, version = done.stdout.split()
        assert name == "oakley" and version[0].isdigit()


def test_slack_unreachable_or_refusing_is_said_so(tmp_path: Path) -> None:
    from tests.bot.fake_slack import FakeSlack

    inventory = tmp_path / "hosts"
    inventory.write_text("[frontends]\nfe01\n")
    env = {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s", "OAKLEY_INVENTORY": str(inventory),
           "OAKLEY_DATABASE_URL": f"sqlite:///{tmp_path}/o.db", "XDG_STATE_HOME": str(tmp_path)}
    dead = oakley(["serve"], **env, OAKLEY_SLACK_API_URL="http://127.0.0.1:9/api/")
    assert dead.returncode == 2
    assert dead.stderr.startswith("oakley: cannot reach Slack at http://127.0.0.1:9/api/: ") and \
        len(dead.stderr.splitlines()) == 1, dead.stderr
    fake = FakeSlack()
    fake.auth_error = "invalid_auth"
    try:
        refused = oakley(["serve"], **env, OAKLEY_SLACK_API_URL=fake.url)
    finally:
        fake.close()
    assert refused.returncode == 2 and "Slack refused SLACK_BOT_TOKEN (invalid_auth)" in refused.stderr
    assert len(refused.stderr.splitlines()) == 1, refused.stderr


def test_audit_verify_of_an_in_memory_database_is_a_usage_error_not_a_traceback() -> None:
    done = oakley(["audit", "verify"], OAKLEY_DATABASE_URL="sqlite://")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "in-memory database holds no chain" in done.stderr
