"""Execute: claim an approved change, re-read, write, read back, in one shell on one connection.

A write sent but not confirmed is settled by a read on a fresh connection: the new value there is a
success, the old one a failure, anything else (or no answer) is `unknown`, never a guess.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from sqlalchemy import or_, update
from sqlalchemy.orm import Session

from bot.db.models import Change
from bot.workflow.base import WorkflowBase
from bot.workflow.states import (
    SYSTEM,
    State,
    columns,
    describe,
    describe_read,
    read_state_of,
    stored_state,
    target_state,
)
from remote import registry
from remote.errors import RemoteError
from remote.fleet import Outcome, run_fleet
from remote.inventory import Host
from remote.regexe import RegRead
from remote.winrm_client import WinRMClient

log = logging.getLogger("oakley.workflow")


class ExecuteSteps(WorkflowBase):
    def execute(self, change_id: int,
                progress: Callable[[int, int, Outcome[object]], None] | None = None) -> list[Change]:
        """Run the group's approved host changes once, as a staged rollout; returns the group.

        The first `canary` hosts (OAKLEY_ROLLOUT_CANARY, by change id) go first; the rest only once
        every canary succeeded. A canary that failed, went stale or ended unknown halts the rest
        (`halted`, with the reason); one still executing in another process leaves them to it.
        """
        group = self.group(change_id)
        canaries, rest = group[:self.canary], group[self.canary:]
        todo = [r for r in canaries if r.status == "approved"]
        waiting = [r for r in rest if r.status == "approved"]
        total = len(todo) + len(waiting)
        self._run_rows(todo, progress, 0, total)
        if waiting:
            canaries = self.group(change_id)[:self.canary]
            bad = [c for c in canaries if c.status != "succeeded"]
            if not bad:
                self._run_rows(waiting, progress, len(todo), total)
            elif all(c.status in ("failed", "stale", "unknown", "halted", "cancelled") for c in bad):
                self._halt(waiting, bad[0])
        return self.group(change_id)

    def _run_rows(self, rows: list[Change], progress: Callable[[int, int, Outcome[object]], None] | None,
                  done_before: int, total: int) -> None:
        runnable = [(r, self.inventory.hosts.get(r.host)) for r in rows]
        for row, host in runnable:
            if host is None:
                self._claim_and_finish(row.id, "failed", error=f"{row.host} is no longer in the inventory")
        pairs = [(r, h) for r, h in runnable if h is not None]
        ids = {h.name: r.id for r, h in pairs}
        step = None if progress is None else (
            lambda done, _, outcome: progress(done_before + done, total, outcome))
        run_fleet([h for _, h in pairs], lambda h: self._execute_one(ids[h.name], h),
                  concurrency=self.concurrency, progress=step)

    def _halt(self, rows: list[Change], canary: Change) -> None:
        """approved → halted for the hosts after a canary that did not succeed, audited per host."""
        became = {"stale": "found the value changed since the request (stale)",
                  "unknown": "ended with an unknown outcome"}.get(canary.status, canary.status)
        why = f"not run: the canary {canary.host} {became}" + (f" — {canary.error}" if canary.error else "")
        written = {"status": "halted", "error": why[:2000]}
        with self.sessions.begin() as s:
            won = s.execute(update(Change).where(Change.id.in_([r.id for r in rows]), Change.status == "approved")
                            .values(**written).returning(Change.id, Change.host)
                            .execution_options(synchronize_session=False)).all()
            for cid, host in won:
                self._audit(s, SYSTEM, "halted", change_id=cid, host=host, row=written, canary=canary.host)

    def _claim_and_finish(self, cid: int, status: str, **values: Any) -> None:
        with self.sessions.begin() as s:
            if self._claim(s, cid):
                self._finish(s, cid, status, **values)

    def _claim(self, s: Session, cid: int) -> Change | None:
        won = s.execute(update(Change).where(Change.id == cid, Change.status == "approved")
                        .values(status="executing", owner=self.owner, lease_until=self.heartbeat.expiry())
                        .returning(Change.id).execution_options(synchronize_session=False)).first()
        if won is None:
            return None
        change = s.get(Change, cid)
        s.refresh(change)
        self._audit(s, SYSTEM, "executing", change, owner=self.owner, row={"status": "executing"})
        return change

    def _finish(self, s: Session, cid: int, status: str, *, after: RegRead | None = None,
                error: str | None = None, expect: str = "executing", actor: str = SYSTEM,
                wrote: dict[str, Any] | None = None, **details: Any) -> bool:
        """The conditional update ending a step; `wrote` (details of the write) is audited as
        `remote_write` just before the status, and only when this process still owns the change."""
        values: dict[str, Any] = {"status": status, "error": error}
        if expect == "executing":
            values.update(executed_at=self.clock(), lease_until=None)
        if after is not None:
            values.update(columns("after", after))
        query = update(Change).where(Change.id == cid, Change.status == expect)
        if expect == "executing":
            query = query.where(or_(Change.owner == self.owner, Change.owner.is_(None)))
        won = s.execute(query.values(**values).returning(Change.host)
                        .execution_options(synchronize_session=False)).first()
        if won is None:
            if expect == "executing":  # presumed dead (lease run out) and marked unknown meanwhile
                log.warning("change %s was settled elsewhere before this process could record %s (%s); "
                            "`reconcile %s` reads the host", cid, status, error or describe_read(after)
                            if after else error, cid)
            return False
        if wrote is not None:
            self._audit(s, actor, "remote_write", change_id=cid, host=won[0], **wrote)
        extra = {"after": describe_read(after)} if after is not None else {}
        self._audit(s, actor, status, change_id=cid, host=won[0], error=error, row=values, **extra, **details)
        return True

    def _execute_one(self, cid: int, host: Host) -> None:
        with self.sessions.begin() as s:
            change = self._claim(s, cid)
            if change is None:
                return  # executed (or being executed) elsewhere
        with self.heartbeat.hold(cid):
            self._run_claimed(change, host)

    def _run_claimed(self, change: Change, host: Host) -> None:
        cid, before, wanted = change.id, stored_state(change, "before"), target_state(change)
        # One logon and one shell for the whole change: the drift re-read, the write and the
        # read-back are commands in it (only a write left unconfirmed is settled on a fresh one).
        client: WinRMClient | None = None
        try:
            try:
                client = self._client(host)
                client.open()
                current = registry.read(client, self.allow, self.value)
            except RemoteError as exc:  # nothing was sent yet
                with self.sessions.begin() as s:
                    self._finish(s, cid, "failed", error=f"{exc.kind}: {exc.message}")
                return
            self._write_and_record(change, host, client, before, wanted, current)
        finally:
            if client is not None:
                client.close()

    def _write_and_record(self, change: Change, host: Host, client: WinRMClient, before: State, wanted: State,
                          current: RegRead) -> None:
        cid = change.id
        if read_state_of(current) != before:
            with self.sessions.begin() as s:
                self._finish(s, cid, "stale", after=current,
                             error=f"{self.value.name} changed since the request (was {describe(change, 'before')}, "
                                   f"now {describe_read(current)}"
                                   "); nothing was written")
            return
        try:
            after = self._write(client, change)
        except RemoteError as exc:
            client.close()  # the shell goes before the fresh connection that settles the write
            self._settle_unconfirmed(change, host, exc, before, wanted)
            return
        except Exception as exc:
            # A bug after the write may have been sent: the host may or may not have been written.
            with self.sessions.begin() as s:
                self._finish(s, cid, "unknown", error=f"internal error ({type(exc).__name__}) during the change; "
                             f"say `reconcile {cid}` to read the host and settle it")
            raise
        client.close()
        with self.sessions.begin() as s:
            self._finish(s, cid, "succeeded", after=after, wrote={
                "operation": change.action, "value": change.target_value, "read_back": describe_read(after)})

    def _write(self, client: WinRMClient, change: Change) -> RegRead:
        if change.action == "delete":
            return registry.delete(client, self.allow, self.value)
        if change.target_type:
            return registry.write_typed(client, self.allow, self.value, change.target_type, change.target_data or "")
        assert change.target_value is not None
        return registry.write_dword(client, self.allow, self.value, change.target_value)

    def _settle_unconfirmed(self, change: Change, host: Host, exc: RemoteError, before: State, wanted: State) -> None:
        """The write was sent but not confirmed: a read on a fresh connection says what happened."""
        cid, sent = change.id, f"{exc.kind}: {exc.message}"
        try:
            found = registry.read(self._client(host), self.allow, self.value)
        except RemoteError as again:
            with self.sessions.begin() as s:
                self._finish(s, cid, "unknown",
                             error=f"the write was sent but not confirmed ({sent}), and a fresh read failed too "
                                   f"({again.kind}: {again.message}); say `reconcile {cid}` once the host answers")
            return
        shown = describe_read(found)
        state = read_state_of(found)
        with self.sessions.begin() as s:
            if state == wanted:
                self._finish(s, cid, "succeeded", after=found, error=f"confirmed on a fresh connection after: {sent}",
                             wrote={"operation": change.action, "value": change.target_value, "read_back": shown,
                                    "confirmed_after": sent})
            elif state == before:
                # Refused, dropped or timed out, and the value is as it was: not written (a hung command
                # ends with its shell), and the error says how that was established.
                self._finish(s, cid, "failed", after=found,
                             error=f"{sent}; a fresh read shows {shown}, unchanged, so nothing was written")
            else:
                self._finish(s, cid, "unknown", after=found,
                             error=f"{sent}; a fresh read shows {shown}, neither the value before nor the one asked "
                                   f"for; say `reconcile {cid}` after checking the host")
