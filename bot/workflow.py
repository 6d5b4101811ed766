"""Approval-gated registry changes (DESIGN.md §6).

    pending --approve--> approved --> executing --> succeeded | failed | stale
    pending --deny--> denied   pending --ttl--> expired   pending --cancel--> cancelled
    executing --(owner's lease ran out, or the write's outcome unknowable)--> unknown
    unknown --reconcile (an approver; reads the host)--> succeeded | failed   (never re-run by itself)

Who executes a change is recorded with a lease its heartbeat renews (bot/leases.py), so a second
instance starting up leaves a running change alone. After a write is sent, a failure to confirm it
is settled by a read on a fresh connection: the new value there is a success, the old one a
failure, anything else (or no answer) is `unknown`, never a guess.

Every transition is a conditional UPDATE (`… WHERE status = <expected>`), so
two clicks, two approvers or two processes can never execute one change
twice; every transition and every remote write appends to the audit chain
in the same transaction.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, or_, select, text, update
from sqlalchemy.orm import Session, sessionmaker

from bot import audit
from bot.checks import CredentialSource, allowlist, describe_value, nlbsflags_value, read_fleet
from bot.db.models import Change, RequestAttempt
from bot.guidance import assess
from bot.hostfacts import cached_view
from bot.leases import DEFAULT_LEASE, Heartbeat, new_owner_id, wall_clock
from bot.roles import Roles
from kb.store import KnowledgeBase
from remote import registry
from remote.errors import InventoryError, RemoteError
from remote.fleet import Outcome, run_fleet
from remote.inventory import Host, Inventory
from remote.regexe import DWORD_MAX, RegRead, data_text, restorable
from remote.winrm_client import Timeouts, WinRMClient

SYSTEM = "oakley"
log = logging.getLogger("oakley.workflow")
MAX_REASON = 500
MAX_USER_ID = 64  # the width of changes.requester / approver and the audit actor
RATE_WINDOW = timedelta(minutes=1)
POSTING = "posting:"  # message_ts while a process posts the approval message
POSTING_STALE = timedelta(minutes=5)
State = tuple[bool, str | None, str | None]  # present, type, data as text: how values are compared


class WorkflowError(Exception):
    """A refused or impossible step; `kind` lets the chat layer choose how to show it."""

    def __init__(self, message: str, kind: str = "refused") -> None:
        super().__init__(message)
        self.message = message
        self.kind = kind


def _now() -> datetime:
    return datetime.now(UTC)


def _posting_time(placeholder: str) -> int:
    digits = placeholder.removeprefix(POSTING)
    return int(digits) if digits.isdigit() else 0


def has_message(change: Change) -> bool:
    """Whether the approval message is posted (not merely being posted)."""
    return bool(change.channel and change.message_ts and not change.message_ts.startswith(POSTING))


def read_state(change: Change, which: str) -> dict[str, Any] | None:
    present = getattr(change, f"{which}_present")
    if present is None:
        return None
    value = getattr(change, f"{which}_value")
    data = getattr(change, f"{which}_data")
    return {"present": present, "value": value if data is None else data, "type": getattr(change, f"{which}_type")}


def describe_read(read: RegRead) -> str:
    return describe_value(read.present, read.value if isinstance(read.value, int) else None, read.type,
                          data_text(read))


def describe(change: Change, which: str) -> str:
    """`before` or `after` of a change as people read it, with the type when it is not REG_DWORD."""
    return describe_value(getattr(change, f"{which}_present"), getattr(change, f"{which}_value"),
                          getattr(change, f"{which}_type"), getattr(change, f"{which}_data"))


def describe_target(change: Change) -> str:
    present, type_, data = target_state(change)
    return describe_value(present, change.target_value, type_, data)


def read_state_of(read: RegRead) -> State:
    if not read.present:
        return (False, None, None)
    return (True, read.type, data_text(read))


def stored_state(change: Change, which: str) -> State:
    if not getattr(change, f"{which}_present"):
        return (False, None, None)
    data = getattr(change, f"{which}_data")
    value = getattr(change, f"{which}_value")
    return (True, getattr(change, f"{which}_type") or "REG_DWORD", data if data is not None else str(value))


def target_state(change: Change) -> State:
    if change.action == "delete":
        return (False, None, None)
    if change.target_type:
        return (True, change.target_type, change.target_data)
    return (True, "REG_DWORD", str(change.target_value))


def _columns(which: str, read: RegRead) -> dict[str, Any]:
    """`before_*` / `after_*` column values for a read: REG_DWORD in `_value`, others as text in `_data`."""
    dword = read.present and read.type == "REG_DWORD" and isinstance(read.value, int)
    return {f"{which}_present": read.present, f"{which}_type": read.type if read.present else None,
            f"{which}_value": read.value if dword else None,
            f"{which}_data": data_text(read) if read.present and not dword else None}


class Workflow:
    """The change service: request, decide, execute, revert, recover."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        kb: KnowledgeBase,
        inventory: Inventory,
        credentials: CredentialSource,
        roles: Roles,
        *,
        ttl: timedelta = timedelta(minutes=30),
        audit_key: bytes | None = None,
        concurrency: int = 16,
        timeouts: Timeouts | None = None,
        clock: Callable[[], datetime] = _now,
        request_rate: int = 10,
        owner: str | None = None,
        lease: timedelta = DEFAULT_LEASE,
        lease_clock: Callable[[], datetime] = wall_clock,
    ) -> None:
        self.sessions = sessions
        self.kb = kb
        self.inventory = inventory
        self.credentials = credentials
        self.roles = roles
        self.ttl = ttl
        self.audit_key = audit_key
        self.concurrency = concurrency
        self.timeouts = timeouts or Timeouts()
        self.clock = clock
        self.value = nlbsflags_value(kb)
        self.allow = allowlist(kb)
        self.request_rate = request_rate
        self.owner = owner or new_owner_id()
        self.lease_clock = lease_clock
        self.heartbeat = Heartbeat(sessions, self.owner, lease, lease_clock)

    # --- reading ------------------------------------------------------------

    def group(self, change_id: int) -> list[Change]:
        """The change and the others approved with it (a group request)."""
        with self.sessions() as s:
            return self._group(s, change_id)

    def _group(self, s: Session, change_id: int) -> list[Change]:
        first = s.get(Change, change_id)
        if first is None:
            raise WorkflowError(f"there is no change {change_id}", "not_found")
        gid = first.group_id or first.id
        return list(s.execute(select(Change).where(Change.group_id == gid).order_by(Change.id)).scalars())

    def _audit(self, s: Session, actor: str, action: str, change: Change | None = None, *,
               change_id: int | None = None, host: str | None = None, row: dict[str, Any] | None = None,
               **details: Any) -> None:
        """`row`: the columns this step wrote to the change, so `audit verify` can replay the row."""
        audit.append(s, self.audit_key, actor=actor, action=action,
                     change_id=change.id if change else change_id, host=change.host if change else host,
                     details=details, at=self.clock(), row=row)

    # --- request --------------------------------------------------------------

    def require_requester(self, user: str) -> None:
        if not self.roles.can_request(user):
            raise WorkflowError(f"requesting a change needs the requester role, which {user} does not have",
                                "permission")

    def request(self, user: str, targets: Sequence[str], value: int | None, reason: str = "", *,
                reverts: int | None = None, channel: str | None = None,
                restore: tuple[str, str] | None = None) -> list[Change]:
        """Record a pending change per host, with the value read now as `before`.

        `restore` (type, data) asks to write a value of another type back as it was (a revert).
        """
        if len(user) > MAX_USER_ID:
            raise WorkflowError(f"user ids longer than {MAX_USER_ID} characters cannot be recorded", "invalid")
        self.require_requester(user)
        if value is not None and (isinstance(value, bool) or not 0 <= value <= DWORD_MAX):
            raise WorkflowError(f"{self.value.name} is a REG_DWORD: the value must be from 0 to {DWORD_MAX}",
                                "invalid")
        if restore is not None and not restorable(*restore):
            raise WorkflowError(f"Oakley cannot write {restore[0]} data like that back safely; set the value "
                                "by hand", "invalid")
        reason = " ".join(reason.split())[:MAX_REASON]
        try:
            hosts = self.inventory.resolve(targets)
        except InventoryError as exc:
            raise WorkflowError(str(exc).split(": ", 1)[-1], "invalid") from None
        if not hosts:
            raise WorkflowError("no hosts matched", "invalid")
        wanted: State = (True, *restore) if restore else (
            (False, None, None) if value is None else (True, "REG_DWORD", str(value)))
        with self.sessions.begin() as s:  # before the fleet read, the costly part
            self._serialise_requests(s)
            self._refuse_duplicates(s, [h.name for h in hosts], wanted)
            self._count_attempt(s, user)
        reads = read_fleet(self.kb, hosts, self.credentials, concurrency=self.concurrency, timeouts=self.timeouts)
        failed = [o for o in reads if o.error is not None]
        if failed:
            detail = "; ".join(f"{o.host.name}: {o.error.message}" for o in failed[:5] if o.error)
            raise WorkflowError(f"could not read {self.value.name} before the request ({detail}); "
                                "nothing was requested", "remote")
        todo = [(o.host, o.value) for o in reads if o.value is not None and read_state_of(o.value) != wanted]
        if not todo:
            shown = describe_value(*wanted[:1], value, *wanted[1:])
            raise WorkflowError(f"{self.value.name} is already {shown} on "
                                f"{', '.join(h.name for h in hosts)}; nothing to change", "invalid")
        now = self.clock()
        created: list[Change] = []
        with self.sessions.begin() as s:
            self._serialise_requests(s)
            self._refuse_duplicates(s, [h.name for h, _ in todo], wanted)  # another process, meanwhile
            group_id: int | None = None
            for host, before in todo:
                guidance = assess(self.kb, host, before, value, restore, cached_view(s, host))
                change = Change(
                    group_id=group_id, host=host.name, value_name=self.value.name,
                    action="set" if wanted[0] else "delete", target_value=value,
                    target_type=restore[0] if restore else None, target_data=restore[1] if restore else None,
                    **_columns("before", before),
                    status="pending", requester=user, reason=reason, kb_summary=guidance.summary,
                    outside_guidance="; ".join(guidance.outside) or None, reverts=reverts,
                    requested_at=now, expires_at=now + self.ttl, channel=channel,
                )
                s.add(change)
                s.flush()
                if group_id is None:
                    group_id = change.group_id = change.id
                self._audit(s, user, "requested", change, target=value, reason=reason, reverts=reverts,
                            before=describe(change, "before"), row=audit.row_snapshot(change),
                            **({"target_type": restore[0], "target_data": restore[1]} if restore else {}))
                created.append(change)
        return created

    def _serialise_requests(self, s: Session) -> None:
        """Requests check-then-insert one at a time across processes (SQLite: BEGIN IMMEDIATE does it)."""
        if s.get_bind().dialect.name == "postgresql":
            s.execute(text("SELECT pg_advisory_xact_lock(hashtext('oakley-requests'))"))

    def _count_attempt(self, s: Session, user: str) -> None:
        """OAKLEY_REQUEST_RATE: at most that many requests per user per minute, in every process."""
        now = self.clock()
        recent = s.execute(select(func.count()).select_from(RequestAttempt)
                           .where(RequestAttempt.user == user, RequestAttempt.at > now - RATE_WINDOW)).scalar_one()
        if recent >= self.request_rate:
            raise WorkflowError(f"you have made {recent} change requests in the last minute, the most Oakley "
                                f"takes from one person (OAKLEY_REQUEST_RATE={self.request_rate}); try again in "
                                "a minute", "rate")
        s.execute(RequestAttempt.__table__.delete().where(RequestAttempt.at <= now - RATE_WINDOW * 10))
        s.add(RequestAttempt(user=user, at=now))

    def _refuse_duplicates(self, s: Session, hosts: list[str], wanted: State) -> None:
        """A second pending request for the same host and value is refused, naming the first."""
        rows = s.execute(select(Change).where(Change.status == "pending", Change.host.in_(hosts),
                                              Change.expires_at > self.clock())
                         .order_by(Change.id)).scalars().all()
        same = [c for c in rows if target_state(c) == wanted]
        if same:
            first = same[0]
            raise WorkflowError(f"change {first.group_id or first.id} already asks for "
                                f"{describe_target(first)} on {first.host} and is waiting for approval "
                                f"(`change {first.group_id or first.id}`); approve, deny or cancel it first",
                                "duplicate")

    def _client(self, host: Host) -> WinRMClient:
        return WinRMClient(host, self.credentials(host), self.timeouts)

    # --- decisions -------------------------------------------------------------

    def _pending_group(self, s: Session, change_id: int) -> tuple[list[Change], list[Change]]:
        rows = self._group(s, change_id)
        pending = [r for r in rows if r.status == "pending"]
        if not pending:
            states = sorted({r.status for r in rows})
            raise WorkflowError(f"change {rows[0].group_id} is already {'/'.join(states)}", "conflict")
        return rows, pending

    def _expire_if_due(self, change_id: int) -> None:
        """Enforce the TTL at decision time: an expired request is marked so, then refused."""
        now = self.clock()
        with self.sessions.begin() as s:
            rows = self._group(s, change_id)
            if any(r.status == "pending" and r.expires_at <= now for r in rows):
                self._mark_expired(s, [rows[0].group_id], now)
            else:
                return
        raise WorkflowError(f"change {rows[0].group_id} expired at {rows[0].expires_at:%Y-%m-%d %H:%M} UTC "
                            "without a decision; request it again", "expired")

    def approve(self, user: str, change_id: int, *, acknowledge: bool = False) -> list[Change]:
        """Approve a pending request (all its hosts). Execution is a separate step."""
        if not self.roles.can_approve(user):
            raise WorkflowError(f"approving needs the approver role, which {user} does not have", "permission")
        self._expire_if_due(change_id)
        with self.sessions.begin() as s:
            rows, pending = self._pending_group(s, change_id)
            gid = rows[0].group_id
            if rows[0].requester == user:
                raise WorkflowError(f"you requested change {gid}; another approver must approve it "
                                    "(two-person rule)", "permission")
            outside = [f"{r.host}: {r.outside_guidance}" for r in pending if r.outside_guidance]
            if outside and not acknowledge:
                raise WorkflowError(f"change {gid} is outside the article's guidance — {'; '.join(outside)}. "
                                    f"To approve anyway, say `approve {gid} acknowledge`", "needs_ack")
            self._decide(s, user, gid, "approved", unexpired=True, details={"acknowledged": bool(outside)},
                         approver=user, decided_by=user, acknowledged=bool(outside))
        return self.group(change_id)

    def deny(self, user: str, change_id: int, reason: str = "") -> list[Change]:
        if not self.roles.can_approve(user):
            raise WorkflowError(f"denying needs the approver role, which {user} does not have", "permission")
        reason = " ".join(reason.split())[:MAX_REASON]
        self._expire_if_due(change_id)
        with self.sessions.begin() as s:
            rows, _ = self._pending_group(s, change_id)
            gid = rows[0].group_id
            if rows[0].requester == user:
                raise WorkflowError(f"you requested change {gid}; say `cancel {gid}` to withdraw it", "permission")
            self._decide(s, user, gid, "denied", details={"reason": reason}, decided_by=user,
                         decision_reason=reason or None)
        return self.group(change_id)

    def cancel(self, user: str, change_id: int) -> list[Change]:
        with self.sessions.begin() as s:
            rows, _ = self._pending_group(s, change_id)
            gid = rows[0].group_id
            if rows[0].requester != user and not self.roles.is_admin(user):
                raise WorkflowError(f"only {rows[0].requester} (who requested change {gid}) or an admin may "
                                    "cancel it", "permission")
            self._decide(s, user, gid, "cancelled", decided_by=user)
        return self.group(change_id)

    def _decide(self, s: Session, actor: str, gid: int | None, status: str, *, unexpired: bool = False,
                details: dict[str, Any] | None = None, **values: Any) -> None:
        """pending → `status` for the whole group, as one conditional UPDATE, audited per host.

        Zero rows means another click or process decided first: a conflict, never a second decision.
        """
        now = self.clock()
        query = update(Change).where(Change.group_id == gid, Change.status == "pending")
        if unexpired:
            query = query.where(Change.expires_at > now)
        written = {"status": status, "decided_at": now, **values}
        won = s.execute(query.values(**written).returning(Change.id, Change.host)
                        .execution_options(synchronize_session=False)).all()
        if not won:
            raise WorkflowError(f"change {gid} was decided by someone else a moment ago", "conflict")
        for cid, host in won:
            self._audit(s, actor, status, change_id=cid, host=host, row=written, **(details or {}))

    def _mark_expired(self, s: Session, group_ids: list[int | None], now: datetime) -> list[tuple[int, str]]:
        query = update(Change).where(Change.status == "pending", Change.expires_at <= now)
        if group_ids:
            query = query.where(Change.group_id.in_(group_ids))
        written = {"status": "expired", "decided_at": now, "decided_by": SYSTEM}
        won = s.execute(query.values(**written).returning(Change.id, Change.host)
                        .execution_options(synchronize_session=False)).all()
        for cid, host in won:
            self._audit(s, SYSTEM, "expired", change_id=cid, host=host, row=written)
        return [(cid, host) for cid, host in won]

    def expire_due(self) -> list[int]:
        """The sweep: every pending change past its TTL becomes expired. Returns group ids."""
        with self.sessions.begin() as s:
            won = self._mark_expired(s, [], self.clock())
            ids = [cid for cid, _ in won]
            if not ids:
                return []
            groups = s.execute(select(Change.group_id).where(Change.id.in_(ids)).distinct()).scalars().all()
        return sorted(g for g in groups if g is not None)

    # --- execution -------------------------------------------------------------

    def execute(self, change_id: int,
                progress: Callable[[int, int, Outcome[object]], None] | None = None) -> list[Change]:
        """Run every approved host change of the group once; returns the group."""
        rows = [r for r in self.group(change_id) if r.status == "approved"]
        runnable = [(r, self.inventory.hosts.get(r.host)) for r in rows]
        for row, host in runnable:
            if host is None:
                self._claim_and_finish(row.id, "failed", error=f"{row.host} is no longer in the inventory")
        pairs = [(r, h) for r, h in runnable if h is not None]
        ids = {h.name: r.id for r, h in pairs}
        run_fleet([h for _, h in pairs], lambda h: self._execute_one(ids[h.name], h),
                  concurrency=self.concurrency, progress=progress)
        return self.group(change_id)

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
            values.update(_columns("after", after))
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

    def attach_message(self, change_id: int, channel: str, ts: str) -> None:
        """Remember where the approval message is, so decisions can update it."""
        with self.sessions.begin() as s:
            gid = self._group(s, change_id)[0].group_id
            s.execute(update(Change).where(Change.group_id == gid).values(channel=channel, message_ts=ts)
                      .execution_options(synchronize_session=False))

    # --- approval messages that could not be posted --------------------------------

    def claim_posting(self, change_id: int) -> bool:
        """Take the right to post this request's approval message (one process, one message).

        The claim is a placeholder in `message_ts`; one older than POSTING_STALE (its poster died)
        may be taken over. `attach_message` replaces it, `release_posting` gives it up.
        """
        now = int(self.lease_clock().timestamp())
        with self.sessions.begin() as s:
            first = self._group(s, change_id)[0]
            current = first.message_ts
            if current is not None and not (current.startswith(POSTING)
                                            and now - _posting_time(current) > POSTING_STALE.total_seconds()):
                return False
            same = Change.message_ts.is_(None) if current is None else Change.message_ts == current
            result = s.execute(update(Change).where(Change.group_id == first.group_id, same)
                               .values(message_ts=f"{POSTING}{now}").execution_options(synchronize_session=False))
            return bool(result.rowcount)  # type: ignore[attr-defined]

    def release_posting(self, change_id: int) -> None:
        with self.sessions.begin() as s:
            gid = self._group(s, change_id)[0].group_id
            s.execute(update(Change).where(Change.group_id == gid, Change.message_ts.startswith(POSTING))
                      .values(message_ts=None).execution_options(synchronize_session=False))

    def unposted(self, older_than: timedelta = timedelta(seconds=30)) -> list[int]:
        """Pending requests whose approval message is not posted (group ids), for the sweep."""
        now = self.clock()
        with self.sessions() as s:
            ids = s.execute(select(Change.group_id).where(
                Change.status == "pending", Change.expires_at > now, Change.requested_at < now - older_than,
                or_(Change.message_ts.is_(None), Change.message_ts.startswith(POSTING))).distinct()).scalars().all()
        return sorted(i for i in ids if i is not None)

    def pending_for(self, user: str, limit: int = 10) -> list[list[Change]]:
        """Pending requests this user may decide (approver, not the requester)."""
        if not self.roles.can_approve(user):
            return []
        with self.sessions() as s:
            rows = s.execute(select(Change).where(Change.status == "pending", Change.requester != user,
                                                  Change.expires_at > self.clock())
                             .order_by(Change.requested_at.desc()).limit(200)).scalars().all()
        groups: dict[int, list[Change]] = {}
        for row in rows:
            groups.setdefault(row.group_id or row.id, []).append(row)
        return [sorted(g, key=lambda c: c.id) for g in list(groups.values())[:limit]]

    # --- revert and recovery -------------------------------------------------------

    def revert(self, user: str, change_id: int, reason: str = "", *, channel: str | None = None) -> list[Change]:
        """A new request restoring `before`: deleting the value when it was absent, writing the
        original type and data back when it was not a REG_DWORD."""
        with self.sessions() as s:
            change = s.get(Change, change_id)
            if change is None:
                raise WorkflowError(f"there is no change {change_id}", "not_found")
            if change.status != "succeeded":
                hint = f"; say `reconcile {change_id}` to settle it first" if change.status == "unknown" else ""
                raise WorkflowError(f"only a succeeded change can be reverted; change {change_id} is "
                                    f"{change.status}{hint}", "conflict")
            present, type_, data = stored_state(change, "before")
            host = change.host
        restore = (type_, data or "") if present and type_ != "REG_DWORD" else None
        target = change.before_value if present and restore is None else None
        return self.request(user, [host], target, reason or f"revert of change {change_id}",
                            reverts=change_id, channel=channel, restore=restore)

    def reconcile(self, user: str, change_id: int) -> list[Change]:
        """Settle an `unknown` change by reading its host: the value asked for there → succeeded, the
        value before → failed. An approver's step, audited; anything else is refused as unsettled."""
        if len(user) > MAX_USER_ID or not self.roles.can_approve(user):
            raise WorkflowError(f"reconciling needs the approver role, which {user[:MAX_USER_ID]} does not have",
                                "permission")
        with self.sessions() as s:
            change = s.get(Change, change_id)
            if change is None:
                raise WorkflowError(f"there is no change {change_id}", "not_found")
            if change.status != "unknown":
                raise WorkflowError(f"only a change whose outcome is unknown can be reconciled; change {change_id} "
                                    f"is {change.status}", "conflict")
        host = self.inventory.hosts.get(change.host)
        if host is None:
            raise WorkflowError(f"{change.host} is no longer in the inventory; it cannot be read", "invalid")
        try:
            found = registry.read(self._client(host), self.allow, self.value)
        except RemoteError as exc:
            raise WorkflowError(f"could not read {change.host} ({exc.kind}: {exc.message}); change {change_id} "
                                "stays unknown", "remote") from None
        state, shown = read_state_of(found), describe_read(found)
        if state == target_state(change):
            status, note = "succeeded", f"reconciled by {user}: {change.host} has {shown}, the value asked for"
        elif state == stored_state(change, "before"):
            status, note = "failed", f"reconciled by {user}: {change.host} still has {shown}; nothing was written"
        else:
            raise WorkflowError(f"{change.host} now has {shown}, neither the value before "
                                f"({describe(change, 'before')}) nor the one asked for ({describe_target(change)}); "
                                f"change {change_id} stays unknown — request the value you want", "conflict")
        with self.sessions.begin() as s:
            # Audited as the status itself (by the approver, `reconciled`), after a `remote_write` when the
            # host has the new value: every succeeded change has its write in the chain.
            wrote = {"operation": change.action, "value": change.target_value, "read_back": shown,
                     "confirmed_by": f"reconcile by {user}"} if status == "succeeded" else None
            if not self._finish(s, change_id, status, after=found, error=None if status == "succeeded" else note,
                                expect="unknown", actor=user, wrote=wrote, reconciled=True, found=shown):
                raise WorkflowError(f"change {change_id} was settled by someone else a moment ago", "conflict")
        return self.group(change_id)

    def recover_interrupted(self) -> list[Change]:
        """At start-up and from the sweep: changes left `executing` by a dead process become `unknown`.

        Dead means its lease ran out: a live instance renews the lease of what it executes, so a
        second process starting up leaves those alone. They are never re-run by themselves:
        `reconcile N` reads the host and settles them.
        """
        now = self.lease_clock()
        gone = (Change.status == "executing", or_(Change.lease_until.is_(None), Change.lease_until < now))
        ids: list[int] = []
        with self.sessions.begin() as s:
            for cid in s.execute(select(Change.id).where(*gone).order_by(Change.id)).scalars().all():
                written = {"status": "unknown",
                           "error": "the process executing it stopped (its lease ran out) before recording the "
                                    f"outcome; say `reconcile {cid}` to read the host and settle it"}
                won = s.execute(
                    update(Change).where(Change.id == cid, *gone).values(lease_until=None, **written)
                    .returning(Change.host, Change.owner).execution_options(synchronize_session=False)
                ).first()
                if won is not None:
                    self._audit(s, SYSTEM, "unknown", change_id=cid, host=won[0], owner=won[1],
                                reason="lease expired", row=written)
                    ids.append(cid)
        if not ids:
            return []
        with self.sessions() as s:
            return list(s.execute(select(Change).where(Change.id.in_(ids)).order_by(Change.id)).scalars())
