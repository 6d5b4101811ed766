"""The `oakley` command line (DESIGN.md §2).

Each sub-command lives in its own module and is imported only when used, so
`oakley ask` never pays for Slack, SQLAlchemy or WinRM.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Sequence

from bot.cli.errors import UsageError

TYPE_CHECKING = False  # argparse stays off the start-up path of a plain `oakley ask "…"` (bench/kb_bench.py)
if TYPE_CHECKING:
    import argparse

#: sub-command -> module in this package with `configure(parser)` and `run(args) -> int`
COMMANDS = {
    "ask": ("answer a question from KB 821839", "ask"),
    "check": ("read NLBSFlags on hosts and judge it against KB 821839", "check"),
    "lab": ("run simulated Windows hosts that speak WinRM", "lab"),
    "console": ("chat with Oakley in the terminal (on the lab when no inventory is set)", "console"),
    "history": ("the change history (table, --json or --csv)", "history"),
    "audit": ("verify the tamper-evident audit chain", "audit"),
    "db": ("database maintenance (upgrade)", "db"),
    "serve": ("Slack HTTP mode (/slack/events, /healthz)", "serve"),
    "socket": ("Slack Socket Mode", "socket"),
    "manifest": ("print the Slack app manifest", "manifest"),
    "watch": ("record NLBSFlags values changed outside Oakley (drift), once or every interval", "watch"),
    "doctor": ("check configuration, database, inventory, Slack and hosts before going live", "doctor"),
}

#: commands that log nothing, so skip importing logging (`oakley ask` starts cold in scripts; bench/kb_bench.py)
QUIET_COMMANDS = frozenset({"ask"})


def _default_command() -> str:
    """No command: Slack Socket Mode when its tokens are set, else the console on the lab."""
    bot, app = os.environ.get("SLACK_BOT_TOKEN"), os.environ.get("SLACK_APP_TOKEN")
    if bot and app and "socket" in COMMANDS:
        return "socket"
    if bot or app:  # half a Slack set-up: say why this is the console, not Slack
        missing = "SLACK_APP_TOKEN" if bot else "SLACK_BOT_TOKEN"
        print(f"oakley: {missing} is not set, so this is the console, not Slack Socket Mode "
              "(`oakley serve` is Slack's HTTP mode)", file=sys.stderr)
    return "console"


def _width() -> int:
    """The terminal's width without importing shutil (start-up time)."""
    try:
        width = int(os.environ.get("COLUMNS") or os.get_terminal_size(sys.stderr.fileno()).columns)
    except (OSError, ValueError):
        width = 80
    return max(width - 2, 40)


def _formatter(prog: str) -> argparse.HelpFormatter:
    import argparse

    return argparse.HelpFormatter(prog, width=_width())


def _as_written(prog: str) -> argparse.HelpFormatter:
    """A command's description is its module docstring, laid out by hand (examples on their own lines)."""
    import argparse

    return argparse.RawDescriptionHelpFormatter(prog, width=_width())


def version() -> str:
    """The installed package's version (the source tree's when not installed)."""
    from importlib import metadata

    try:
        return metadata.version("oakley")
    except metadata.PackageNotFoundError:
        return "0.1.0+source"


def _version_action() -> type[argparse.Action]:
    """`--version`/`-V`: the version is looked up only when asked for (start-up time)."""
    import argparse

    class Version(argparse.Action):
        def __init__(self, option_strings: list[str], dest: str, **kwargs: object) -> None:
            super().__init__(option_strings, dest, nargs=0, help="print the version and exit")

        def __call__(self, parser: argparse.ArgumentParser, *args: object) -> None:
            print(f"oakley {version()}")
            parser.exit(0)

    return Version


def _parser(chosen: str | None) -> argparse.ArgumentParser:
    """The parser; only the chosen command's module is imported (start-up time)."""
    import argparse

    parser = argparse.ArgumentParser(
        prog="oakley",
        formatter_class=_formatter,
        description=(
            "Chat-ops for IPSec between Exchange 2003 front-end and back-end servers "
            "(Microsoft KB 821839). With no command: Slack Socket Mode when SLACK_BOT_TOKEN and "
            "SLACK_APP_TOKEN are set, otherwise the console on the lab."
        ),
    )
    parser.add_argument("-V", "--version", action=_version_action())
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (summary, module) in COMMANDS.items():
        if name == chosen:
            mod = importlib.import_module(f"bot.cli.{module}")
            command = sub.add_parser(name, help=summary, description=mod.__doc__, formatter_class=_as_written)
            mod.configure(command)
            command.set_defaults(command_parser=command)  # its own usage for an option it does not know
        elif chosen is None:  # the top level's help lists every command; a chosen one needs no other (start-up)
            sub.add_parser(name, help=summary, add_help=False)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    if words[:1] == ["ask"] and len(words) > 1 and not any(w.startswith("-") for w in words[1:]):
        # `oakley ask "…"`, no option: what argparse would make of it, without importing argparse (start-up time)
        from types import SimpleNamespace

        args: object = SimpleNamespace(command="ask", question=words[1:], json=False, lang=None)
    else:
        chosen = next((w for w in words if not w.startswith("-")), None)
        parser = _parser(chosen if chosen in COMMANDS else None)
        args, unknown = parser.parse_known_args(words)
        if unknown:  # "oakley ask --verbose hi": the command's usage, not the top level's
            getattr(args, "command_parser", parser).error(f"unrecognized arguments: {' '.join(unknown)}")
    command = getattr(args, "command", None) or _default_command()
    logs = None
    if command not in QUIET_COMMANDS:
        from bot import logs

        try:
            logs.setup()
        except logs.LogConfigError as exc:
            print(f"oakley: {exc}", file=sys.stderr)
            return 2
    module = importlib.import_module(f"bot.cli.{COMMANDS[command][1]}")
    try:
        status = int(module.run(args))
        sys.stdout.flush()  # a closed pipe shows here, not in the interpreter's exit
        return status
    except UsageError as exc:
        if logs is not None and logs.is_json():  # the long-running modes: every stderr line a JSON object
            import logging

            logging.getLogger("oakley").error("oakley: %s", exc)
        else:
            print(f"oakley: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `oakley check all | head -1`: the reader left, which is not a failure
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
