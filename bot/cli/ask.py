"""Answer questions about KB 821839 from its encoded facts.

Give the question as arguments, or `-` to read one question per line from
standard input (blank lines are skipped). Piped text output puts each
question, as a `> ` line, above its answer, so a batch reads on its own.
With --json each answer is one JSON object per line: question, lang,
answered, answer, facts, citations.

Exit status: 0 when the question is answered or declined (a question the
article does not cover is an answer too); 2 on a usage error: no question
(an empty batch included), or a question given as arguments that is longer
than the 2,000 characters the engine reads. In a batch such a line is
answered with that refusal (its echo shortened) and the batch goes on.
"""

from __future__ import annotations

import sys

from bot.cli.errors import UsageError

TYPE_CHECKING = False  # typing, json and argparse stay off the start-up path of `oakley ask` (bench/kb_bench.py)
if TYPE_CHECKING:
    import argparse
    from typing import TextIO


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("question", nargs="*", help="the question, or - to read questions from stdin")
    parser.add_argument("--json", action="store_true", help="print JSON (one object per line)")
    parser.add_argument("--lang", choices=("fr", "en"), help="answer in this language (default: the question's)")


def format_text(result: object) -> str:
    """An answer for people: the text, then where the article says so."""
    from kb.engine import Answer

    assert isinstance(result, Answer)
    lines = [result.answer]
    if result.citations:
        lines.append("")
        lines += [f"  — {c.line()}" for c in result.citations]
    return "\n".join(lines)


_ECHOED = 200  # characters of a batch question echoed above its answer


def _emit(question: str, args: argparse.Namespace, out: TextIO, *, echo: bool = False) -> None:
    from kb.engine import answer

    result = answer(question, args.lang)
    if args.json:
        import json

        out.write(json.dumps(result.to_json(), ensure_ascii=False) + "\n")
    else:
        if echo:  # a 40,000-character line is echoed by its start, not whole, and never its escape sequences
            from bot.terminal import printable

            shown = printable(question, lines=False)
            out.write(f"> {shown if len(shown) <= _ECHOED else shown[: _ECHOED - 1] + '…'}\n")
        out.write(format_text(result) + "\n")
        if not result.answered and (hint := _command_hint(question)):
            out.write(hint + "\n")
    out.flush()


def _command_hint(question: str) -> str | None:
    """"oakley ask 'check fe01'": a chat command, not a question; where it is said instead."""
    from handlers import grammar

    cmd = grammar.parse(question)
    if isinstance(cmd, grammar.Ask | grammar.Invalid):
        return None
    word = question.split()[0].lower()
    return (f"(`{word}` is a chat command: say it to Oakley in Slack or in `oakley console`"
            + ("; `oakley check HOST` reads hosts from the shell)" if isinstance(cmd, grammar.Check) else ")"))


def run(args: argparse.Namespace) -> int:
    from kb.errors import KBDataError

    words: list[str] = getattr(args, "question", None) or []
    interactive = getattr(args, "interactive", False)
    try:
        if words == ["-"] or interactive:
            prompt = interactive and sys.stdin.isatty()
            if prompt:
                print("Ask about KB 821839 (IPSec between Exchange 2003 front-end and back-end). Ctrl-D quits.")
            first = True
            while True:
                if prompt:
                    print("oakley> ", end="", flush=True)
                line = sys.stdin.readline()
                if not line:
                    if first and not prompt:  # `ask - </dev/null`: nothing was asked, so say so
                        raise UsageError("read no question from standard input (one question per line)")
                    return 0
                if line.strip():
                    if not first and not getattr(args, "json", False):
                        sys.stdout.write("\n")
                    _emit(line.strip(), _defaults(args), sys.stdout, echo=not prompt)
                    first = False
        if not " ".join(words).strip():  # `oakley ask ""` asks nothing: a usage error, not a refusal
            raise UsageError("ask needs a question (or - to read questions from stdin)")
        from kb.engine import MAX_QUESTION

        if len(" ".join(words)) > MAX_QUESTION:  # in a batch (`-`) the line is answered with the refusal instead
            raise UsageError(f"the question is longer than {MAX_QUESTION:,} characters; ask a shorter one")
        _emit(" ".join(words), args, sys.stdout)
        return 0
    except KBDataError as exc:
        raise UsageError(f"the knowledge base is invalid: {exc}") from None


def _defaults(args: argparse.Namespace) -> argparse.Namespace:
    import argparse

    return argparse.Namespace(json=getattr(args, "json", False), lang=getattr(args, "lang", None))
