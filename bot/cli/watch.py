"""Read the fleet and record NLBSFlags values changed outside Oakley as `observed`
history rows (requester oakley-watch, before → after, one audit event each); a
host seen for the first time is recorded as a baseline, not as a change; an
unreachable host is reported, never recorded.

--once: one round. Otherwise a round every --every (default
$OAKLEY_WATCH_INTERVAL, else 1h) until Ctrl-C; instances sharing the database
take turns (one round per interval across them). With OAKLEY_WATCH_CHANNEL and
SLACK_BOT_TOKEN set, a round that found drift or unreachable hosts is also
posted there. Exit status (--once): 0 when every host was read, drift or not
(drift is recorded, not a failure); 1 when a host could not be read (as `oakley
check`); 2 on bad usage. The loop ends with 0 on Ctrl-C.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.cli.errors import UsageError


def configure(parser: argparse.ArgumentParser) -> None:
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--once", action="store_true", help="one round, then exit")
    mode.add_argument("--every", metavar="DURATION",
                      help="a round this often, e.g. 30m or 1h (default: $OAKLEY_WATCH_INTERVAL, else 1h)")
    parser.add_argument("--inventory", metavar="PATH",
                        help="Ansible inventory, YAML or INI (default: $OAKLEY_INVENTORY)")
    parser.add_argument("--timeout", type=float, default=60.0, metavar="SECONDS",
                        help="give up on a host after this long (default: 60)")


def run(args: argparse.Namespace) -> int:
    from bot.cli.check import _require_credentials
    from bot.cli.common import open_services, settings
    from bot.durations import parse_duration
    from bot.watch import Watch
    from remote.winrm_client import Timeouts

    if args.timeout <= 0:
        raise UsageError("--timeout must be positive")
    conf = settings()
    every: timedelta | None = None
    if not args.once:
        source, raw = ("--every", args.every) if args.every else ("OAKLEY_WATCH_INTERVAL", conf.watch_interval or "1h")
        try:
            every = parse_duration(raw)
        except ValueError as exc:
            raise UsageError(f"{source}: {exc}") from None
    services = open_services(args.inventory)
    try:
        _require_credentials(list(services.inventory.hosts.values()), services.credentials)
        watch = Watch(services.sessions, services.kb, services.inventory, services.credentials,
                      audit_key=services.workflow.audit_key, concurrency=conf.fleet_concurrency,
                      timeouts=Timeouts(operation=20, read=30, deadline=args.timeout))
        post = _poster(conf)
        if every is None:
            return _once(watch, post)
        return _loop(watch, every, post)
    finally:
        services.close()


def _once(watch: Any, post: Any) -> int:
    from bot.cli.common import fleet_progress

    said = False
    while True:
        result = watch.round(fleet_progress("done with", len(watch.inventory.hosts)))
        if result.ran:
            break
        if not said:  # another instance is reading the fleet: its round ends, then this one runs
            print(f"oakley watch: {result.summary()}; waiting for it to finish", file=sys.stderr)
            said = True
        time.sleep(1.0)
    print(result.summary())
    post(result)
    return 1 if result.unreachable else 0


def _loop(watch: Any, every: timedelta, post: Any) -> int:
    from bot.watch import run_loop

    stop = threading.Event()
    previous = signal.signal(signal.SIGTERM, lambda *_: stop.set())  # a supervisor's stop: end between rounds

    def report(result: Any) -> None:
        print(f"{datetime.now(UTC):%Y-%m-%d %H:%M:%S} UTC {result.summary()}", flush=True)
        post(result)

    print(f"oakley watch: a round every {_shown(every)}; Ctrl-C stops", file=sys.stderr, flush=True)
    try:
        run_loop(watch, every, stop, report)
    except KeyboardInterrupt:  # mid-round: nothing was recorded (a round records in one transaction at its end)
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
    print("oakley watch: stopped", file=sys.stderr)
    return 0


def _shown(every: timedelta) -> str:
    seconds = int(every.total_seconds())
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


def _poster(conf: Any) -> Any:
    """OAKLEY_WATCH_CHANNEL with a bot token: post noteworthy rounds there; otherwise nothing."""
    token = conf.slack_bot_token.get_secret_value() if conf.slack_bot_token else ""
    if not (conf.watch_channel and token):
        if conf.watch_channel:
            print("oakley watch: OAKLEY_WATCH_CHANNEL is set but SLACK_BOT_TOKEN is not; nothing is posted",
                  file=sys.stderr)
        return lambda result: None
    from bot.slack.app import web_client
    from bot.slack.watchpost import poster

    return poster(web_client(token, conf.slack_api_url), conf.watch_channel)
