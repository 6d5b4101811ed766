"""Who is executing a change, and proof that they are still alive.

A process that claims a change records its owner id and a lease (`lease_until`); while it
works on the host, one heartbeat thread per process pushes the lease of each change it holds
forward. Start-up recovery and the background sweep only mark `unknown` a change still
`executing` whose lease has run out — its owner has stopped renewing, so it is gone — never one
another live instance is running. Leases are compared on the wall clock of each process: the
lease (60 s by default) is many times the renewal interval, which also absorbs modest clock skew
between machines.
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import socket
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

from bot.db.models import Change

log = logging.getLogger("oakley.leases")
DEFAULT_LEASE = timedelta(seconds=60)


def new_owner_id() -> str:
    """Host, process and a random part: unique per process, readable in the database (≤ 64)."""
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{secrets.token_hex(4)}"


def wall_clock() -> datetime:
    return datetime.now(UTC)


class Heartbeat:
    """Renews the leases of the changes this process is executing, from one thread."""

    def __init__(self, sessions: sessionmaker[Session], owner: str, lease: timedelta = DEFAULT_LEASE,
                 clock: Callable[[], datetime] = wall_clock) -> None:
        self.sessions = sessions
        self.owner = owner
        self.lease = lease
        self.clock = clock
        self._held: set[int] = set()
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None

    def expiry(self) -> datetime:
        return self.clock() + self.lease

    @contextlib.contextmanager
    def hold(self, change_id: int) -> Iterator[None]:
        """Keep the lease of `change_id` alive while the block runs."""
        with self._lock:
            self._held.add(change_id)
            if self._thread is None or not self._thread.is_alive():
                self._wake.clear()
                self._thread = threading.Thread(target=self._run, name="oakley-heartbeat", daemon=True)
                self._thread.start()
        try:
            yield
        finally:
            with self._lock:
                self._held.discard(change_id)
                if not self._held:
                    self._wake.set()

    def _run(self) -> None:
        interval = max(self.lease.total_seconds() / 4, 0.05)
        while True:
            self._wake.wait(interval)
            with self._lock:
                self._wake.clear()
                held = sorted(self._held)
                if not held:
                    self._thread = None
                    return
            self.renew(held)

    def renew(self, held: list[int]) -> None:
        try:
            with self.sessions.begin() as s:
                s.execute(update(Change).where(Change.id.in_(held), Change.owner == self.owner,
                                               Change.status == "executing")
                          .values(lease_until=self.expiry()).execution_options(synchronize_session=False))
        except Exception:  # the database may be down for a moment; the lease leaves room for that
            log.warning("could not renew the execution lease of change(s) %s", held, exc_info=True)
