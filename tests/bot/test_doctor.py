"""`oakley doctor` against the lab and the local Slack Web API: each problem named, exit 1 when any blocks."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.slack.manifest import SCOPES
from remote.lab import Lab
from tests.bot.fake_slack import FakeSlack

ROOT = Path(__file__).resolve().parents[2]


class Setup:
    def __init__(self, lab: Lab, fake: FakeSlack, env: dict[str, str]) -> None:
        self.lab, self.fake, self.env = lab, fake, env

    def doctor(self, *args: str, **env: str) -> tuple[int, list[str], str]:
        done = subprocess.run([sys.executable, "-m", "bot", "doctor", *args], capture_output=True, text=True,
                              cwd=ROOT, env={**self.env, **env}, timeout=180)
        return done.returncode, done.stdout.splitlines(), done.stderr


@pytest.fixture
def setup(tmp_path: Path) -> Iterator[Setup]:
    fake = FakeSlack()
    fake.scopes = ",".join([*SCOPES, "users:read"])
    with Lab(state_dir=tmp_path / "lab") as lab:
        env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_STATE_HOME": str(tmp_path),
               "OAKLEY_INVENTORY": str(lab.write_inventory(tmp_path / "inventory.yaml")),
               "OAKLEY_WINRM_USERNAME": lab.username, "OAKLEY_WINRM_PASSWORD": lab.password,
               "OAKLEY_DATABASE_URL": f"sqlite:///{tmp_path}/oakley.db", "OAKLEY_SLACK_API_URL": fake.url,
               "SLACK_BOT_TOKEN": "xoxb-test-Sup3rS3cret", "SLACK_APP_TOKEN": "xapp-test-Sup3rS3cret"}
        env.pop("SLACK_SIGNING_SECRET", None)
        try:
            yield Setup(lab, fake, env)
        finally:
            fake.close()


def test_all_well(setup: Setup) -> None:
    status, lines, err = setup.doctor()
    assert status == 0, lines
    assert all(line.startswith("ok ") for line in lines), lines
    text = "\n".join(lines)
    assert "database: sqlite:///" in text and "does not exist yet" in text
    assert "inventory: " in text and "6 hosts" in text
    assert "auth.test accepts SLACK_BOT_TOKEN: the bot is @oakley in team T1" in text
    assert "every scope the manifest asks for" in text and "read NLBSFlags on 6 of 6 hosts" in text
    assert err.strip() == "ready to go live"
    assert [m for m, _ in setup.fake.calls] == ["auth.test"]
    assert setup.lab.password not in text + err and "Sup3rS3cret" not in text + err


def test_change_windows_are_shown_with_when_the_next_opens(setup: Setup) -> None:
    from datetime import UTC, datetime, timedelta

    soon = datetime.now(UTC) + timedelta(hours=3)
    setup.env["OAKLEY_CHANGE_WINDOWS"] = f"daily {soon:%H}:00-{soon + timedelta(hours=1):%H}:00"
    status, lines, _ = setup.doctor()
    assert status == 0, lines
    [line] = [x for x in lines if "change windows" in x]
    assert line.startswith(f"ok    change windows: daily {soon:%H}:00-")
    assert "closed now: approved changes wait until" in line


def test_a_missing_scope_a_dead_host_and_a_missing_password_are_each_named(setup: Setup) -> None:
    setup.fake.scopes = ",".join(s for s in SCOPES if s != "chat:write")
    setup.lab.host("be01").set_refusing(True)
    setup.env["FE02_PASSWORD_UNSET"] = ""
    status, lines, err = setup.doctor(OAKLEY_WINRM_PASSWORD="")
    assert status == 1
    fails = [line for line in lines if line.startswith("FAIL")]
    assert any("the bot token lacks the scope chat:write: add it under OAuth & Permissions" in f for f in fails), lines
    assert "FAIL  credentials: no password for fe01: set OAKLEY_WINRM_PASSWORD in the environment" in fails
    assert "blocking problems" in err
    # with the password back, the dead host is named (and only it)
    status, lines, _ = setup.doctor()
    assert status == 1
    fails = [line for line in lines if line.startswith("FAIL")]
    assert [f.split(":")[0] for f in fails] == ["FAIL  slack", "FAIL  host be01", "FAIL  hosts"], fails
    assert "host be01: unreachable: could not connect to be01" in fails[1]
    assert fails[2] == "FAIL  hosts: read NLBSFlags on 5 of 6 hosts"


def test_a_bad_token_is_named(setup: Setup) -> None:
    setup.fake.auth_error = "invalid_auth"
    status, lines, _ = setup.doctor("--skip-hosts")
    assert status == 1
    assert any(line.startswith("FAIL  slack: Slack refused SLACK_BOT_TOKEN (invalid_auth)") for line in lines), lines
    status, lines, _ = setup.doctor("--skip-hosts", SLACK_BOT_TOKEN="xoxp-user-token", SLACK_APP_TOKEN="xoxb-x")
    assert status == 1
    assert "FAIL  slack: SLACK_BOT_TOKEN does not look like a bot token (xoxb-…)" in "\n".join(lines)
    assert "FAIL  slack: SLACK_APP_TOKEN does not look like an app-level token (xapp-…)" in "\n".join(lines)


def test_unreachable_slack_database_and_inventory_problems(setup: Setup, tmp_path: Path) -> None:
    bad = tmp_path / "hosts.ini"
    bad.write_text("[frontends]\nfe01 ansible_password=Sup3rS3cret\n")
    status, lines, err = setup.doctor("--skip-hosts", OAKLEY_SLACK_API_URL="http://127.0.0.1:9/api/",
                                      OAKLEY_DATABASE_URL="mysql://ops:Sup3rS3cret@db/x", OAKLEY_INVENTORY=str(bad))
    assert status == 1
    text = "\n".join(lines)
    assert "FAIL  database: OAKLEY_DATABASE_URL: mysql:// is not supported" in text
    assert "FAIL  inventory: " in text and "passwords do not go in the inventory" in text
    assert "FAIL  slack: cannot reach Slack at http://127.0.0.1:9/api/" in text
    assert "Sup3rS3cret" not in text + err
    assert all(len(line) < 400 for line in lines)


def test_a_database_behind_its_migrations(setup: Setup, tmp_path: Path) -> None:
    upgraded = subprocess.run([sys.executable, "-m", "bot", "db", "upgrade"], capture_output=True, text=True,
                              cwd=ROOT, env=setup.env, timeout=60)
    assert upgraded.returncode == 0, upgraded.stderr
    _, lines, _ = setup.doctor("--skip-hosts")
    assert any("reachable, at the newest schema" in line for line in lines), lines
    import sqlalchemy as sa

    engine = sa.create_engine(f"sqlite:///{tmp_path}/oakley.db")
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = 'old'"))
    engine.dispose()
    _, lines, _ = setup.doctor("--skip-hosts")
    assert any("schema is upgraded on start" in line for line in lines), lines
