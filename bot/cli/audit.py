"""The audit chain: `oakley audit verify` checks that no event was altered,
removed or reordered, and names the first one that was (exit 1)."""

from __future__ import annotations

import argparse


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=("verify",), help="verify: walk the hash chain")


def run(args: argparse.Namespace) -> int:
    from bot import audit
    from bot.cli.common import open_database, settings

    conf = settings()
    key = conf.audit_key.get_secret_value().encode() if conf.audit_key else None
    engine, sessions = open_database()
    try:
        with sessions() as s:
            count, problem = audit.verify(s, key)
    finally:
        engine.dispose()
    if problem is not None:
        print(f"audit chain broken at event {problem.event_id}: {problem.reason} "
              f"({count - 1} events before it verified)")
        return 1
    print(f"audit chain intact: {count} events verified ({'HMAC-SHA-256' if key else 'SHA-256'})")
    return 0
