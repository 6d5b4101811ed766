"""`oakley ask` as a process: text, JSON, stdin batches, usage errors, start-up weight."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _oakley(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], input=stdin, capture_output=True, text=True,
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=60,
    )


def test_text_answer_cites_the_article() -> None:
    done = _oakley("ask", "Where", "do", "I", "set", "NLBSFlags?")
    assert done.returncode == 0, done.stderr
    assert "front-end" in done.stdout
    assert "KB 821839" in done.stdout and "«" in done.stdout


def test_json_answer_has_the_documented_shape() -> None:
    done = _oakley("ask", "--json", "failover on a 2003 front-end with NLBSFlags=1")
    data = json.loads(done.stdout)
    assert data["answered"] is True and data["lang"] == "en"
    assert "2 minutes" in data["answer"]
    assert data["facts"][0] == "unplanned.total_nlbsflags"
    assert data["citations"][0]["article"] == "821839"


def test_lang_option_forces_the_language() -> None:
    data = json.loads(_oakley("ask", "--json", "--lang", "fr", "What value for NLBSFlags?").stdout)
    assert data["lang"] == "fr" and "valeur" in data["answer"]


def test_json_stdin_one_object_per_line_blank_lines_skipped() -> None:
    lines = "How long is a planned move?\n\nQuel port pour POP3 ?\nWhat about Exchange 2010?\n"
    done = _oakley("ask", "--json", "-", stdin=lines)
    assert done.returncode == 0, done.stderr
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert [o["question"] for o in out] == [line for line in lines.splitlines() if line]
    assert [o["answered"] for o in out] == [True, True, False]
    assert out[1]["lang"] == "fr"


@pytest.mark.parametrize("words", [(), ("",), ("  ", " ")])
def test_missing_question_is_a_usage_error(words: tuple[str, ...]) -> None:
    done = _oakley("ask", *words)
    assert done.returncode == 2
    assert done.stderr.startswith("oakley: ") and len(done.stderr.strip().splitlines()) == 1


def test_bad_option_is_a_usage_error() -> None:
    assert _oakley("ask", "--lang", "de", "hello").returncode == 2


def test_an_unknown_option_shows_the_commands_own_usage() -> None:
    done = _oakley("ask", "--verbose", "hello")
    assert done.returncode == 2 and done.stderr.startswith("usage: oakley ask "), done.stderr


def test_a_question_over_the_limit_is_a_usage_error_alone_but_a_refusal_in_a_batch() -> None:
    long = "where does NLBSFlags go " * 100
    done = _oakley("ask", long)
    assert done.returncode == 2 and "2,000 characters" in done.stderr and not done.stdout
    done = _oakley("ask", "--json", "-", stdin=long + "\nWhere do I set NLBSFlags?\n")
    assert done.returncode == 0
    assert [json.loads(line)["answered"] for line in done.stdout.splitlines()] == [False, True]


def test_a_long_batch_line_is_echoed_by_its_start() -> None:
    long = "where does NLBSFlags go " * 100
    done = _oakley("ask", "-", stdin=long + "\n")
    echo = done.stdout.splitlines()[0]
    assert done.returncode == 0 and echo.startswith("> where does") and echo.endswith("…") and len(echo) < 210


def test_a_batch_never_echoes_terminal_escapes_and_reads_the_question_around_them() -> None:
    done = _oakley("ask", "-", stdin="how long\x1b]0;pwned\x07 with NLBSFlags=1?\nwhere\x00 is NLBSFlags set?\n")
    assert done.returncode == 0, done.stderr
    assert "\x1b" not in done.stdout and "\x07" not in done.stdout and "\x00" not in done.stdout
    assert "> how long?]0;pwned? with NLBSFlags=1?" in done.stdout and "2 minutes" in done.stdout
    assert "PolicyAgent" in done.stdout


def test_interactive_ask_reads_questions_from_stdin() -> None:
    done = _oakley("ask", "-", stdin="What value should NLBSFlags have?\n")
    assert done.returncode == 0 and "1 (one)" in done.stdout


def test_a_piped_text_batch_puts_each_question_above_its_answer() -> None:
    done = _oakley("ask", "-", stdin="What value should NLBSFlags have?\n\nWhat about Exchange 2010?\n")
    assert done.returncode == 0, done.stderr
    blocks = done.stdout.split("\n\n> ")
    assert done.stdout.startswith("> What value should NLBSFlags have?\n") and "1 (one)" in blocks[0]
    assert len(blocks) == 2 and blocks[1].startswith("What about Exchange 2010?\n") and "1 (one)" not in blocks[1]


@pytest.mark.parametrize("stdin", ["", "\n  \n\n"])
def test_a_batch_with_no_question_is_a_usage_error(stdin: str) -> None:
    for args in (("ask", "-"), ("ask", "--json", "-")):
        done = _oakley(*args, stdin=stdin)
        assert done.returncode == 2 and not done.stdout
        assert done.stderr.startswith("oakley: read no question"), done.stderr


def test_ask_path_imports_nothing_heavy() -> None:
    probe = (
        "import sys; from bot.cli import main; main(['ask', '--json', 'failover time?']);"
        "heavy = {'slack_bolt', 'slack_sdk', 'sqlalchemy', 'winrm', 'requests', 'pydantic', 'yaml'};"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy), file=sys.stderr)"
    )
    # Warm the cache first so the second run shows the steady-state path.
    _oakley("ask", "warm up")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=60)
    assert done.stderr.strip().splitlines()[-1] == "[]"


def test_a_plain_ask_does_not_import_argparse_and_an_option_still_parses() -> None:
    probe = ("import sys; from bot.cli import main; main(['ask', 'failover time?']);"
             "print('argparse' in sys.modules, file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=60)
    assert done.returncode == 0 and done.stderr.strip().splitlines()[-1] == "False", done.stderr
    assert "6 minutes" in done.stdout
    for args in (("ask", "--lang", "fr", "failover time?"), ("ask", "failover", "time?", "--json")):
        parsed = _oakley(*args)
        assert parsed.returncode == 0 and ("minutes" in parsed.stdout), parsed.stderr


def test_a_chat_command_given_to_ask_says_where_commands_go() -> None:
    # the newcomer: `oakley ask "check fe01"` got a bare "does not cover that"
    done = _oakley("ask", "check fe01")
    assert done.returncode == 0, done.stderr
    assert "does not cover that" in done.stdout and "`check` is a chat command" in done.stdout
    assert "oakley check HOST" in done.stdout
    assert "chat command" not in _oakley("ask", "best pizza in town?").stdout
