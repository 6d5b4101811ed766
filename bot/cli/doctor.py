"""Check everything Oakley needs before it goes live, and say what to fix.

Configuration (settings, the Slack tokens' forms), the database (reachable,
at the newest schema), the inventory (parsed; every host's credentials
resolvable), Slack (`auth.test` accepts the bot token, and the token holds
every scope the manifest asks for, from the `x-oauth-scopes` header), and
one read of NLBSFlags on each host. One line per finding; exit status 1 when
anything blocks. Nothing is changed: no migration, no file created.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Literal, NamedTuple

if TYPE_CHECKING:
    from bot.settings import Settings
    from remote.inventory import Host, Inventory

Level = Literal["ok", "warn", "FAIL"]
_MAX_LINES_PER_CHECK = 20


class Finding(NamedTuple):
    level: Level
    topic: str
    message: str

    def line(self) -> str:
        return f"{self.level:<4}  {self.topic}: {self.message}"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--inventory", metavar="PATH", help="Ansible inventory (default: $OAKLEY_INVENTORY)")
    parser.add_argument("--timeout", type=float, default=20.0, metavar="SECONDS",
                        help="give up on a host after this long (default: 20)")
    parser.add_argument("--skip-hosts", action="store_true", help="do not read NLBSFlags on the hosts")


def run(args: argparse.Namespace) -> int:
    from bot.cli.errors import UsageError
    from bot.settings import SettingsError, load_settings

    if args.timeout <= 0:
        raise UsageError("--timeout must be positive")
    try:
        conf = load_settings()
    except SettingsError as exc:
        print(Finding("FAIL", "configuration", f"{exc} — fix it in the environment or .env").line())
        return 1
    blocking = False
    for finding in diagnose(conf, inventory_path=args.inventory, timeout=args.timeout, hosts=not args.skip_hosts):
        print(finding.line(), flush=True)
        blocking |= finding.level == "FAIL"
    print(("blocking problems found: fix the FAIL lines above" if blocking else "ready to go live"), file=sys.stderr)
    return 1 if blocking else 0


def diagnose(conf: Settings, *, inventory_path: str | None = None, timeout: float = 20.0,
             hosts: bool = True) -> Iterator[Finding]:
    """Every finding, in the order a person would fix them."""
    yield from _logging(conf)
    yield from _tokens(conf)
    yield from _database(conf)
    yield from _windows(conf)
    inventory, finding = _inventory(conf, inventory_path)
    yield finding
    credentials = None
    if inventory is not None:
        credentials, found = _credentials(conf, inventory)
        yield from found
    yield from _slack(conf)
    if inventory is not None and credentials is not None and hosts:
        yield from _hosts(inventory, credentials, conf, timeout)


def _logging(conf: Settings) -> Iterator[Finding]:
    from bot import logs

    try:
        logs.setup(conf.log_format, conf.log_level)
    except logs.LogConfigError as exc:
        yield Finding("FAIL", "logging", str(exc))


def _windows(conf: Settings) -> Iterator[Finding]:
    """When OAKLEY_CHANGE_WINDOWS is set, whether approvals now run or wait (the setting parsed already)."""
    from datetime import UTC, datetime

    from bot.change_windows import parse_windows

    windows = parse_windows(conf.change_windows)
    if windows.always:
        return
    now = datetime.now(UTC)
    state = ("open now: approved changes run at once" if windows.open_at(now) else
             f"closed now: approved changes wait until {windows.next_open(now):%Y-%m-%d %H:%M} UTC")
    yield Finding("ok", "change windows", f"{windows.describe()} (UTC) — {state}")


def _tokens(conf: Settings) -> Iterator[Finding]:
    from bot.cli.slackrun import token_problems

    bot, app, secret = (s.get_secret_value() if s else "" for s in
                        (conf.slack_bot_token, conf.slack_app_token, conf.slack_signing_secret))
    if not bot:
        yield Finding("FAIL", "slack", "SLACK_BOT_TOKEN is not set: copy the Bot User OAuth Token (xoxb-…) from "
                      "OAuth & Permissions (only the console runs without it)")
    if not app and not secret:
        yield Finding("FAIL", "slack", "neither SLACK_APP_TOKEN (Socket Mode, xapp-…) nor SLACK_SIGNING_SECRET "
                      "(HTTP mode) is set: set the one for the mode you run")
    for problem in token_problems(bot, app):
        yield Finding("FAIL", "slack", problem)
    if secret and len(secret) < 16:
        yield Finding("warn", "slack", "SLACK_SIGNING_SECRET looks too short: copy it from Basic Information → "
                      "App Credentials")
    if bot.startswith("xoxb-") and (app.startswith("xapp-") or secret):
        modes = [m for m, ok in (("Socket Mode", app.startswith("xapp-")), ("HTTP mode", bool(secret))) if ok]
        yield Finding("ok", "slack", f"tokens have the expected forms ({' and '.join(modes)})")


def _database(conf: Settings) -> Iterator[Finding]:
    from sqlalchemy.exc import SQLAlchemyError

    from bot.db.engine import UnsupportedDatabase, is_current, make_engine

    try:
        engine = make_engine(conf.database_url)
    except UnsupportedDatabase as exc:
        yield Finding("FAIL", "database", f"OAKLEY_DATABASE_URL: {exc}")
        return
    except Exception as exc:  # SQLAlchemy's ArgumentError and friends
        yield Finding("FAIL", "database", f"OAKLEY_DATABASE_URL: not a usable URL ({type(exc).__name__})")
        return
    where = engine.url.render_as_string(hide_password=True)
    try:
        database = engine.url.database
        if engine.dialect.name == "sqlite" and database and database != ":memory:" and not Path(database).exists():
            yield Finding("ok", "database", f"{where}: the file does not exist yet; Oakley creates and migrates it "
                          "on first start")
            return
        if is_current(engine):
            yield Finding("ok", "database", f"{where}: reachable, at the newest schema")
        elif engine.dialect.name == "sqlite":
            yield Finding("ok", "database", f"{where}: reachable; the schema is upgraded on start")
        else:
            yield Finding("FAIL", "database", f"{where}: not at the newest schema — run `oakley db upgrade`")
    except SQLAlchemyError as exc:
        cause = getattr(exc, "orig", None) or exc
        first = str(cause).splitlines()[0] if str(cause) else type(cause).__name__
        yield Finding("FAIL", "database", f"cannot use {where}: {first[:200]} — check that the server is up and "
                      "OAKLEY_DATABASE_URL is right")
    finally:
        engine.dispose()


def _inventory(conf: Settings, path: str | None) -> tuple[Inventory | None, Finding]:
    from remote.errors import InventoryError
    from remote.inventory import load_inventory

    chosen = path or conf.inventory
    if not chosen:
        return None, Finding("FAIL", "inventory", "OAKLEY_INVENTORY is not set: point it at the Ansible inventory "
                             "(YAML or INI) of the servers")
    try:
        inventory = load_inventory(chosen)
    except InventoryError as exc:
        return None, Finding("FAIL", "inventory", str(exc))
    return inventory, Finding("ok", "inventory", f"{inventory.path}: {len(inventory)} hosts in "
                              f"{len(inventory.groups)} groups")


def _credentials(conf: Settings, inventory: Inventory) -> tuple[object, list[Finding]]:
    from bot.checks import credentials_from_env
    from remote.errors import MissingCredentials

    password = conf.winrm_password.get_secret_value() if conf.winrm_password else None
    credentials = credentials_from_env(conf.winrm_username, password)
    missing: list[str] = []
    for host in inventory.hosts.values():
        try:
            credentials(host)
        except MissingCredentials as exc:
            missing.append(exc.message)
    found = [Finding("FAIL", "credentials", m) for m in missing[:_MAX_LINES_PER_CHECK]]
    if len(missing) > _MAX_LINES_PER_CHECK:
        found.append(Finding("FAIL", "credentials", f"… and {len(missing) - _MAX_LINES_PER_CHECK} more hosts "
                             "without credentials"))
    if not missing:
        found.append(Finding("ok", "credentials", f"a user and a password are set for all {len(inventory)} hosts"))
    return credentials, found


def _slack(conf: Settings) -> Iterator[Finding]:
    from slack_sdk import WebClient
    from slack_sdk.errors import SlackApiError

    from bot.cli.slackrun import SLACK_API, describe_slack_failure
    from bot.slack.manifest import SCOPES

    token = conf.slack_bot_token.get_secret_value() if conf.slack_bot_token else ""
    if not token.startswith("xoxb-"):
        return  # said above
    base = (conf.slack_api_url or SLACK_API).rstrip("/") + "/"
    client = WebClient(token=token, base_url=base, timeout=15)
    try:
        response = client.auth_test()
    except SlackApiError as exc:
        yield Finding("FAIL", "slack", describe_slack_failure(exc, conf.slack_api_url))
        return
    except Exception as exc:  # unreachable: the SDK raises urllib's errors
        yield Finding("FAIL", "slack", describe_slack_failure(exc, conf.slack_api_url))
        return
    who = f"@{response.get('user', '?')} in team {response.get('team_id', '?')}"
    yield Finding("ok", "slack", f"auth.test accepts SLACK_BOT_TOKEN: the bot is {who}")
    headers = {k.lower(): v for k, v in (response.headers or {}).items()}
    raw = headers.get("x-oauth-scopes")
    if isinstance(raw, list):
        raw = ",".join(raw)
    if raw is None:
        yield Finding("warn", "slack", "Slack did not say which scopes the token holds (no x-oauth-scopes header); "
                      f"make sure it has {', '.join(SCOPES)}")
        return
    granted = {s.strip() for s in raw.split(",") if s.strip()}
    missing = [s for s in SCOPES if s not in granted]
    if missing:
        yield Finding("FAIL", "slack", f"the bot token lacks the scope{'s' if len(missing) > 1 else ''} "
                      f"{', '.join(missing)}: add {'them' if len(missing) > 1 else 'it'} under OAuth & Permissions "
                      "(or re-create the app from `oakley manifest`) and reinstall the app to the workspace")
    else:
        yield Finding("ok", "slack", f"the bot token holds every scope the manifest asks for ({len(SCOPES)})")


def _hosts(inventory: Inventory, credentials: object, conf: Settings, timeout: float) -> Iterator[Finding]:
    from bot.checks import CredentialSource, check_hosts
    from kb.store import default_kb
    from remote.errors import MissingCredentials
    from remote.winrm_client import Timeouts

    source: CredentialSource = credentials  # type: ignore[assignment]
    readable: list[Host] = []
    for host in inventory.hosts.values():
        try:
            source(host)
            readable.append(host)
        except MissingCredentials:
            pass  # said under credentials
    if not readable:
        return
    read = max(2.0, min(timeout, 30.0))
    results = check_hosts(default_kb(), readable, source, concurrency=conf.fleet_concurrency,
                          timeouts=Timeouts(operation=max(1, int(read) - 1), read=int(read) + 1, deadline=timeout))
    failed = [r for r in results if r.error is not None]
    for r in failed[:_MAX_LINES_PER_CHECK]:
        assert r.error is not None
        yield Finding("FAIL", f"host {r.host.name}", f"{r.error.kind}: {r.error.message}")
    if len(failed) > _MAX_LINES_PER_CHECK:
        yield Finding("FAIL", "hosts", f"… and {len(failed) - _MAX_LINES_PER_CHECK} more hosts could not be read")
    yield Finding("ok" if not failed else "FAIL", "hosts",
                  f"read NLBSFlags on {len(results) - len(failed)} of {len(results)} hosts")

