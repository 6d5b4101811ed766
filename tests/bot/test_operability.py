"""Operability: JSON logs, Prometheus metrics in both Slack modes, and their set-up."""

from __future__ import annotations

import json
import logging
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot import logs, metrics
from remote import registry
from remote.lab import Lab
from remote.winrm_client import Credentials, Timeouts, WinRMClient
from tests.bot.fake_slack import FakeSlack, signed
from tests.bot.test_slack_http import SECRET, free_port
from tests.bot.test_slack_socket import SocketSlack
from tests.remote.conftest import ALLOW, NLBSFLAGS, inventory_of

ROOT = Path(__file__).resolve().parents[2]


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as resp:
            return resp.status, resp.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode()


def wait_for(url: str, proc: subprocess.Popen[str], timeout: float = 40) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            get(url)
            return
        except (urllib.error.URLError, ConnectionError):
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                raise AssertionError(proc.communicate()[1]) from None
            time.sleep(0.1)


def sample(exposition: str, name: str, labels: str = "") -> float:
    match = re.search(rf"^{re.escape(name)}{re.escape(labels)} (\S+)$", exposition, re.M)
    assert match, f"{name}{labels} not in /metrics"
    return float(match.group(1))


@pytest.fixture
def lab_env(tmp_path: Path) -> Iterator[tuple[Lab, dict[str, str]]]:
    with Lab(state_dir=tmp_path / "lab") as lab:
        yield lab, {**os.environ, "PYTHONPATH": str(ROOT), "OAKLEY_INVENTORY": str(inventory_of(lab, tmp_path).path),
                    "OAKLEY_WINRM_USERNAME": lab.username, "OAKLEY_WINRM_PASSWORD": lab.password,
                    "OAKLEY_DATABASE_URL": f"sqlite:///{tmp_path}/oakley.db", "XDG_STATE_HOME": str(tmp_path),
                    "OAKLEY_REQUESTERS": "alice", "OAKLEY_APPROVERS": "bob"}


def test_serve_answers_metrics_and_writes_only_json_lines(lab_env: tuple[Lab, dict[str, str]]) -> None:
    _, env = lab_env
    fake, port = FakeSlack(), free_port()
    env = {**env, "SLACK_BOT_TOKEN": "xoxb-test", "SLACK_SIGNING_SECRET": SECRET, "OAKLEY_SLACK_API_URL": fake.url,
           "PORT": str(port), "OAKLEY_LOG_FORMAT": "json"}
    proc = subprocess.Popen([sys.executable, "-m", "bot", "serve", "--host", "127.0.0.1"], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/healthz", proc)
        body = json.dumps({"type": "url_verification", "challenge": "c" * 20, "token": "x"})
        request = urllib.request.Request(base + "/slack/events", data=body.encode(), method="POST",
                                         headers={"Content-Type": "application/json", **signed(SECRET, body)})
        with urllib.request.urlopen(request, timeout=10) as resp:
            assert resp.status == 200
        # A second process on the same database makes a request; the gauges read the database at scrape time.
        console = subprocess.run([sys.executable, "-m", "bot", "console", "--as", "alice"], cwd=ROOT, env=env,
                                 input="set nlbsflags 1 on fe02 because CHG-7 faster failover\n", text=True,
                                 capture_output=True, timeout=120)
        assert console.returncode == 0, console.stderr
        status, text = get(base + "/metrics")
        assert status == 200
        names = {line.split("{")[0].split(" ")[0] for line in text.splitlines() if line and not line.startswith("#")}
        for name in ("oakley_slack_ack_seconds_count", "oakley_slack_events_total", "oakley_changes",
                     "oakley_winrm_operation_seconds_count", "oakley_winrm_errors_total",
                     "oakley_fleet_check_seconds_count", "oakley_pending_approvals", "oakley_audit_chain_length"):
            assert name in names, name
        assert sample(text, "oakley_slack_events_total", '{kind="url_verification"}') == 1
        assert sample(text, "oakley_slack_ack_seconds_count", '{kind="url_verification"}') == 1
        assert sample(text, "oakley_changes", '{status="pending"}') == 1
        assert sample(text, "oakley_pending_approvals") == 1
        assert sample(text, "oakley_audit_chain_length") >= 1
        assert sample(text, "oakley_database_up") == 1
    finally:
        proc.terminate()
        out, err = proc.communicate(timeout=20)
        fake.close()
    assert out == ""
    lines = err.splitlines()
    assert lines, "serve logged nothing"
    for line in lines:
        record = json.loads(line)  # every line is one JSON object
        assert {"time", "level", "logger", "message"} <= record.keys()
    assert not [r for r in map(json.loads, lines) if r["level"] in ("WARNING", "ERROR")], err
    assert any("listening on" in json.loads(line)["message"] for line in lines)


def test_socket_mode_health_port_serves_healthz_and_metrics(lab_env: tuple[Lab, dict[str, str]]) -> None:
    _, env = lab_env
    ws = SocketSlack()
    fake, port = FakeSlack(socket_url=ws.url), free_port()
    env = {**env, "SLACK_BOT_TOKEN": "xoxb-test", "SLACK_APP_TOKEN": "xapp-test", "OAKLEY_SLACK_API_URL": fake.url,
           "OAKLEY_HEALTH_PORT": str(port)}
    proc = subprocess.Popen([sys.executable, "-m", "bot", "socket"], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert ws.connected.wait(40)
        wait_for(f"http://127.0.0.1:{port}/healthz", proc)
        ws.send({"envelope_id": "e1", "type": "slash_commands", "accepts_response_payload": True,
                 "payload": {"command": "/oakley", "text": "help", "user_id": "U1", "channel_id": "C1",
                             "team_id": "T1", "api_app_id": "A1", "trigger_id": "t", "token": "x",
                             "response_url": fake.url + "r"}})
        ws.wait_ack("e1")
        assert get(f"http://127.0.0.1:{port}/healthz") == (200, json.dumps({"ok": True, "database": "ok"}))
        status, text = get(f"http://127.0.0.1:{port}/metrics")
        assert status == 200 and sample(text, "oakley_slack_events_total", '{kind="command"}') == 1
        assert sample(text, "oakley_changes", '{status="pending"}') == 0
        assert get(f"http://127.0.0.1:{port}/other")[0] == 404
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=20)
        fake.close()
    assert "WARNING" not in err and "Traceback" not in err, err


def test_winrm_operations_and_errors_are_counted(lab_env: tuple[Lab, dict[str, str]], tmp_path: Path) -> None:
    lab, _ = lab_env
    metrics.install_winrm_hook()
    fe01 = inventory_of(lab, tmp_path).hosts["fe01"]
    fast = Timeouts(operation=2, read=5, deadline=8)
    queries = metrics.WINRM_SECONDS.labels("query")._sum.get(), metrics.WINRM_ERRORS.labels("auth_failed")._value.get()
    registry.read(WinRMClient(fe01, Credentials(lab.username, lab.password), fast), ALLOW, NLBSFLAGS)
    with pytest.raises(Exception, match="rejected"):
        registry.read(WinRMClient(fe01, Credentials(lab.username, "wrong-password"), fast), ALLOW, NLBSFLAGS)
    assert metrics.WINRM_SECONDS.labels("query")._sum.get() > queries[0]
    assert metrics.WINRM_ERRORS.labels("auth_failed")._value.get() == queries[1] + 1


def test_json_log_lines_carry_change_host_and_user(capsys: pytest.CaptureFixture[str]) -> None:
    root = logging.getLogger()
    level = root.level
    try:
        assert logs.setup("json", "INFO") == "json"
        with logs.context(user="U_ALICE", host="fe02"):
            logging.getLogger("oakley.workflow").info("change %s approved", 7, extra={"change_id": 7})
        logging.getLogger("slack_bolt.App").info("noise at INFO")
        logging.getLogger("alembic.runtime.migration").info("Context impl SQLiteImpl.")
        try:
            raise ValueError("boom")
        except ValueError:
            logging.getLogger("oakley").exception("failed\nover two lines")
        err = capsys.readouterr().err.splitlines()
        assert len(err) == 2
        first, second = (json.loads(line) for line in err)
        assert first["message"] == "change 7 approved" and first["logger"] == "oakley.workflow"
        assert (first["change_id"], first["host"], first["user"], first["level"]) == (7, "fe02", "U_ALICE", "INFO")
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", first["time"])
        assert second["level"] == "ERROR" and "ValueError: boom" in second["exception"]
        logs.setup("text", "DEBUG")
        assert logging.getLogger("slack_bolt").getEffectiveLevel() == logging.DEBUG
    finally:
        for handler in [h for h in root.handlers if h.get_name() == "oakley"]:
            root.removeHandler(handler)
        root.setLevel(level)
        for name in logs.THIRD_PARTY:
            logging.getLogger(name).setLevel(logging.NOTSET)


@pytest.mark.parametrize(("env", "says"), [
    ({"OAKLEY_LOG_FORMAT": "xml"}, "OAKLEY_LOG_FORMAT: 'xml' is not a log format"),
    ({"OAKLEY_LOG_LEVEL": "LOUD"}, "OAKLEY_LOG_LEVEL: 'LOUD' is not a level"),
    ({"OAKLEY_HEALTH_PORT": "99999"}, "OAKLEY_HEALTH_PORT"),
])
def test_bad_logging_settings_exit_2(env: dict[str, str], says: str, tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "bot", "history"], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT), "OAKLEY_DATABASE_URL": f"sqlite:///{tmp_path}/d",
                               **env}, timeout=60)
    assert done.returncode == 2 and says in done.stderr and len(done.stderr.splitlines()) == 1, done.stderr


def test_the_test_run_says_in_one_line_that_postgresql_was_skipped() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("OAKLEY_TEST_DATABASE_URL", "CI")}
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "tests/test_database_url.py"], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stdout
    notes = [line for line in done.stdout.splitlines() if "PostgreSQL" in line]
    assert notes == ["PostgreSQL: 1 test skipped — run them with OAKLEY_TEST_DATABASE_URL="
                     "postgresql+psycopg://postgres@127.0.0.1:5432/test make test (or .ci/run)"]
