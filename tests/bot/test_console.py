"""The console as a user meets it: a script piped into `oakley console`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """\
How long does failover take on a 2003 front-end with NLBSFlags=1?
check fe02
set nlbsflags 1 on fe02 because CHG-1234 faster IPSec recovery
approve 1
/as bob
approve 1
history fe02
"""


def run(args: list[str], tmp: Path, stdin: str = "", **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], input=stdin, capture_output=True, text=True, cwd=ROOT, timeout=180,
        env={**os.environ, "PYTHONPATH": str(ROOT), "OAKLEY_DATABASE_URL": f"sqlite:///{tmp}/oakley.db",
             "XDG_STATE_HOME": str(tmp / "state"), "OAKLEY_INVENTORY": "", **env},
    )


def lab_value(tmp: Path, host: str) -> list[list[object]]:
    [path] = (tmp / "state" / "oakley" / "console-lab").glob("*/lab-state.json")  # one lab per database
    state = json.loads(path.read_text())
    return [v for key, values in state["hosts"][host]["registry"].items() if key.endswith("\\OAKLEY") for v in values]


def test_script_from_question_to_executed_change(tmp_path: Path) -> None:
    done = run(["console"], tmp_path, SCRIPT, OAKLEY_REQUESTERS="alice", OAKLEY_APPROVERS="alice,bob")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "needs about 2 minutes" in out  # the KB answered
    assert "✗ fe02: NLBSFlags absent" in out  # the check
    assert "Change 1: NLBSFlags on fe02" in out and "absent → 1" in out
    assert "Refused: you requested change 1; another approver must approve it (two-person rule)" in out
    assert "Change 1 approved by bob" in out and "fe02: succeeded — NLBSFlags now 1 (read back)" in out
    assert "absent → 1 [succeeded] by alice, approved by bob — “CHG-1234 faster IPSec recovery”" in out
    assert lab_value(tmp_path, "fe02") == [["NLBSFlags", "REG_DWORD", 1]]

    history = run(["history", "--json"], tmp_path)
    [row] = json.loads(history.stdout)
    assert row["before"] == {"present": False, "value": None, "type": None}
    assert row["after"] == {"present": True, "value": 1, "type": "REG_DWORD"}
    assert (row["requester"], row["approver"], row["status"]) == ("alice", "bob", "succeeded")
    assert run(["audit", "verify"], tmp_path).returncode == 0


def test_default_roles_and_unknown_users(tmp_path: Path) -> None:
    script = ("set nlbsflags 1 on fe02 because CHG-9 faster recovery\n/as mallory\nset nlbsflags 1 on fe03\n"
              "approve 1\nwhoami\n")
    out = run(["console"], tmp_path, script).stdout
    assert "Change 1: NLBSFlags on fe02" in out  # alice may request by default
    assert "which mallory does not have" in out and "the requester role" in out and "the approver role" in out
    assert "You are mallory: no role" in out


def test_injection_in_chat_changes_nothing(tmp_path: Path) -> None:
    script = ("set nlbsflags 1 on fe02; reg delete HKLM\\SYSTEM /f\n"
              "check fe02 && shutdown\n"
              "set nlbsflags 1 on fe02 because '); DROP TABLE changes; --\n"
              "history\n")
    out = run(["console"], tmp_path, script).stdout
    assert "is not a host or group name" in out
    assert "“'); DROP TABLE changes; --”" in out  # kept verbatim, as data
    assert run(["history", "--csv"], tmp_path).stdout.count("\n") == 2  # header + the one request


def test_terminal_escapes_typed_in_chat_are_never_written_to_the_terminal(tmp_path: Path) -> None:
    out = run(["console"], tmp_path, "check fe01\x1b]0;pwned\x07\nwhere\x00 is NLBSFlags\x1b[2J set?\n").stdout
    assert "\x1b" not in out and "\x07" not in out and "\x00" not in out
    assert "fe01?]0;pwned? is not a host or group name" in out and "PolicyAgent" in out


TOUR = """\
How long does failover take on a 2003 front-end with NLBSFlags=1?
check all
set nlbsflags 1 on fe02 because CHG-1234 faster IPSec recovery
/as bob
approve 1
history fe02
"""


def test_the_readme_tour_works_on_every_fresh_database(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text()
    assert TOUR in readme, "the README's tour changed: keep this test's copy in step"
    for attempt in ("first", "second"):  # the lab's state from the first run must not leak into the second
        (tmp_path / "oakley.db").unlink(missing_ok=True)
        done = run(["console"], tmp_path, TOUR)
        assert done.returncode == 0, done.stderr
        assert "✗ fe02: NLBSFlags absent" in done.stdout, attempt
        assert "fe02: succeeded — NLBSFlags now 1 (read back)" in done.stdout, attempt
        assert "a new database starts a fresh lab" in done.stderr
    again = run(["console"], tmp_path, "check fe02\n")  # the same database keeps its lab
    assert "fe02: NLBSFlags = 1" in again.stdout or "NLBSFlags = 1" in again.stdout, again.stdout


def test_hostile_long_lines_and_reconcile_through_the_chat(tmp_path: Path) -> None:
    script = "\n".join([
        "set nlbsflags 1 on " + " " * 16_000 + "fe02 because CHG-1 padded with spaces",  # 18.6 s before issue 9
        "set nlbsflags 1 on fe02 because CHG-1 once more " + "x" * 39_000,
        "x" * 40_001,
        "history since 999999999d",
        "/as bob",
        "approve 1",
        "reconcile 1",
        "/as alice",
        "reconcile 1",
        "revert 1 because CHG-2 back out",
        "revert 99 because CHG-2 back out",
    ]) + "\n"
    done = run(["console"], tmp_path, script, OAKLEY_REQUESTERS="alice", OAKLEY_APPROVERS="bob")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "Change 1: NLBSFlags on fe02" in out
    assert "change 1 already asks for 1 on fe02" in out  # the second, identical request
    assert "that message is 40,001 characters long" in out
    assert "'999999999d' is longer than 36,500 days" in out
    assert "Refused: only a change whose outcome is unknown can be reconciled; change 1 is succeeded" in out
    assert "Refused: reconciling needs the approver role, which alice does not have" in out
    assert "Reading the host of change 1" not in out  # refusals come first, not after a progress line
    assert "Refused: there is no change 99" in out and "Preparing the revert of change 99" not in out
    assert "Traceback" not in done.stderr


def test_a_change_approved_outside_the_windows_waits_and_an_admin_can_run_it_now(tmp_path: Path) -> None:
    from datetime import UTC, datetime, timedelta

    soon = datetime.now(UTC) + timedelta(hours=3)
    script = ("set nlbsflags 1 on fe02 because CHG-7 faster IPSec recovery\n/as bob\napprove 1\nhistory fe02\n"
              "/as root\napprove 1 now\n")
    done = run(["console"], tmp_path, script, OAKLEY_REQUESTERS="alice", OAKLEY_APPROVERS="bob",
               OAKLEY_ADMINS="root", OAKLEY_CHANGE_WINDOWS=f"daily {soon:%H}:00-{soon + timedelta(hours=1):%H}:00")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "Change 1 approved by bob" in out and "scheduled for " in out and "(the next change window)" in out
    assert "[scheduled for " in out  # history says when
    assert "run now by root, outside the change windows; executing…" in out
    assert "fe02: succeeded — NLBSFlags now 1 (read back)" in out
    assert lab_value(tmp_path, "fe02") == [["NLBSFlags", "REG_DWORD", 1]]
    events = run(["history", "--change", "1", "--events", "--json"], tmp_path)
    assert [e["action"] for e in json.loads(events.stdout)][:4] == ["requested", "approved", "scheduled", "run_now"]
    assert run(["audit", "verify"], tmp_path).returncode == 0


def test_an_unknown_console_command_is_named_not_sent_to_the_kb(tmp_path: Path) -> None:
    done = run(["console"], tmp_path, "/frob now\n/oakley whoami\n")
    assert done.returncode == 0, done.stderr
    assert "unknown console command /frob; the console knows /as USER" in done.stdout
    assert "does not cover" not in done.stdout and "You are alice" in done.stdout


def test_the_bots_mention_and_slack_links_read_as_in_slack(tmp_path: Path) -> None:
    # the README: "the bot's mention anywhere (`hey @oakley check fe01`), auto-linked names … are understood"
    script = "hey @oakley check fe01\n@Oakley check fe02\ncheck <http://fe03.corp.example|fe03.corp.example>\n"
    out = run(["console"], tmp_path, script).stdout
    assert "does not cover" not in out and "is not a host or group name" not in out, out
    assert out.count("Checked 1 host(s)") == 3, out


def test_a_question_asking_oakley_to_act_on_a_host_names_the_command(tmp_path: Path) -> None:
    script = ("can oakley set nlbsflags on fe02 for me?\npeux-tu vérifier fe03 ?\n"
              "where does NLBSFlags go?\nhow do I set NLBSFlags?\n")
    out = run(["console"], tmp_path, script).stdout
    assert "To do it on fe02, say `set nlbsflags 1 on fe02 because …`" in out, out
    assert "Pour le faire sur fe03, dites `vérifier fe03`" in out, out
    assert out.count("To do it on") == 1  # no host named, no hint
    assert "Change 1" not in out  # a question never starts a change


def test_a_role_refusal_is_said_in_the_language_of_the_command(tmp_path: Path) -> None:
    out = run(["console"], tmp_path, "refuser 99 gel des changements\ndeny 99 freeze\n",
              OAKLEY_APPROVERS="bob").stdout
    assert "Refusé : il faut le rôle approbateur pour refuser, et alice ne l'a pas" in out, out
    assert "Refused: denying needs the approver role, which alice does not have" in out, out


def test_chat_history_shows_what_a_request_not_yet_run_asked_for(tmp_path: Path) -> None:
    # the newcomer: a pending request read "absent → -", like a deletion
    script = "set nlbsflags 7 on fe02 because CHG-9 testing the history\nhistory\n"
    out = run(["console"], tmp_path, script, OAKLEY_REQUESTERS="alice").stdout
    assert "fe02 NLBSFlags: absent → 7 asked [pending] by alice" in out, out
