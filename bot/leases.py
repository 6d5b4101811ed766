"""Who is executing a change, and proof that they are still alive.

Changes: a process that claims a change records its owner id and a lease (`lease_until`); while it
works on the host, one heartbeat thread per process pushes the lease of each change it holds
forward. Start-up recovery and the background sweep only mark `unknown` a change still
`executing` whose lease has run out — its owner has stopped renewing, so it is gone — never one
another live instance is running. Leases are compared on the wall clock of each process: the
lease (60 s by default) is many times the renewal interval, which also absorbs modest clock skew
between machines.

Named leases (`NamedLease`, the `leases` table): the same idea for work only one instance may do at a
time across processes, such as a drift-watch round (bot/watch.py): taken with a conditional UPDATE
(or the first INSERT), renewed by a thread while held, released at the end; one whose holder stopped
renewing may be taken over.
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

from sqlalchemy import or_, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from bot.db.models import Change, Lease

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


class NamedLease:
    """One live holder of `name` across every process on the database."""

    def __init__(self, sessions: sessionmaker[Session], name: str, owner: str, lease: timedelta = DEFAULT_LEASE,
                 clock: Callable[[], datetime] = wall_clock) -> None:
        self.sessions = sessions
        self.name = name
        self.owner = owner
        self.lease = lease
        self.clock = clock
        self.lost = False  # set when a renewal found the lease taken over (this holder was presumed gone)

    def try_acquire(self) -> bool:
        """Take the lease if it is free, ran out, or is already ours; never waits."""
        now = self.clock()
        with self.sessions.begin() as s:
            won = s.execute(update(Lease).where(Lease.name == self.name, or_(
                Lease.until.is_(None), Lease.until < now, Lease.owner == self.owner))
                .values(owner=self.owner, until=now + self.lease).execution_options(synchronize_session=False))
            if won.rowcount:  # type: ignore[attr-defined]
                self.lost = False
                return True
            if s.get(Lease, self.name) is not None:
                return False
        try:  # the first holder ever: two racing inserts, one wins on the primary key
            with self.sessions.begin() as s:
                s.add(Lease(name=self.name, owner=self.owner, until=now + self.lease))
        except IntegrityError:
            return False
        self.lost = False
        return True

    def holder(self) -> tuple[str | None, datetime | None]:
        """Who holds it and until when (None, None when free)."""
        with self.sessions() as s:
            row = s.get(Lease, self.name)
        if row is None or row.until is None:
            return None, None
        return row.owner, row.until

    def renew(self) -> bool:
        """Push the lease forward; False (and `lost`) when it is no longer ours."""
        with self.sessions.begin() as s:
            ok = bool(s.execute(update(Lease).where(Lease.name == self.name, Lease.owner == self.owner)
                                .values(until=self.clock() + self.lease)
                                .execution_options(synchronize_session=False)).rowcount)  # type: ignore[attr-defined]
        self.lost = self.lost or not ok
        return ok

    def release(self) -> None:
        with self.sessions.begin() as s:
            s.execute(update(Lease).where(Lease.name == self.name, Lease.owner == self.owner)
                      .values(owner=None, until=None).execution_options(synchronize_session=False))

    @contextlib.contextmanager
    def held(self) -> Iterator[bool]:
        """Try to take the lease; while the block runs (when taken), a thread renews it; released after."""
        if not self.try_acquire():
            yield False
            return
        stop = threading.Event()

        def renew() -> None:
            while not stop.wait(max(self.lease.total_seconds() / 4, 0.05)):
                try:
                    if not self.renew():
                        return
                except Exception:  # the database away for a moment: the lease leaves room for that
                    log.warning("could not renew the %s lease", self.name, exc_info=True)

        thread = threading.Thread(target=renew, name=f"oakley-lease-{self.name}", daemon=True)
        thread.start()
        try:
            yield True
        finally:
            stop.set()
            thread.join()
            try:
                self.release()
            except Exception:  # it runs out by itself
                log.warning("could not release the %s lease", self.name, exc_info=True)
