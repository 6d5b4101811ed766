"""Approval-gated registry changes (DESIGN.md §6).

    pending --approve--> approved --> executing --> succeeded | failed | stale
    pending --deny--> denied   pending --ttl--> expired   pending --cancel--> cancelled
    executing --(process died)--> unknown   (found at start-up; never re-run by itself)

Every transition is a conditional UPDATE (`… WHERE status = <expected>`), so
two clicks, two approvers or two processes can never execute one change
twice; every transition and every remote write appends to the audit chain
in the same transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from bot import audit
from bot.checks import CredentialSource, allowlist, nlbsflags_value, read_fleet
from bot.db.models import Change
from bot.guidance import assess
from bot.roles import Roles
from kb.store import KnowledgeBase
from remote import registry
from remote.errors import InventoryError, RemoteError
from remote.fleet import Outcome, run_fleet
from remote.inventory import Host, Inventory
from remote.regexe import DWORD_MAX, RegRead
from remote.winrm_client import Timeouts, WinRMClient

SYSTEM = "oakley"
MAX_REASON = 500


class WorkflowError(Exception):
    """A refused or impossible step; `kind` lets the chat layer choose how to show it."""

    def __init__(self, message: str, kind: str = "refused") -> None:
        super().__init__(message)
        self.message = message
        self.kind = kind


def _now() -> datetime:
    return datetime.now(UTC)


def read_state(change: Change, which: str) -> dict[str, Any] | None:
    present = getattr(change, f"{which}_present")
    if present is None:
        return None
    value = getattr(change, f"{which}_value")
    return {"present": present, "value": value, "type": getattr(change, f"{which}_type")}


def describe_value(present: bool | None, value: int | None) -> str:
    return "absent" if not present else str(value)


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
               change_id: int | None = None, host: str | None = None, **details: Any) -> None:
        audit.append(s, self.audit_key, actor=actor, action=action,
                     change_id=change.id if change else change_id, host=change.host if change else host,
                     details=details, at=self.clock())

    # --- request --------------------------------------------------------------

    def require_requester(self, user: str) -> None:
        if not self.roles.can_request(user):
            raise WorkflowError(f"requesting a change needs the requester role, which {user} does not have",
                                "permission")

    def request(self, user: str, targets: Sequence[str], value: int | None, reason: str = "", *,
                reverts: int | None = None, channel: str | None = None) -> list[Change]:
        """Record a pending change per host, with the value read now as `before`."""
        self.require_requester(user)
        if value is not None and (isinstance(value, bool) or not 0 <= value <= DWORD_MAX):
            raise WorkflowError(f"{self.value.name} is a REG_DWORD: the value must be from 0 to {DWORD_MAX}",
                                "invalid")
        reason = " ".join(reason.split())[:MAX_REASON]
        try:
            hosts = self.inventory.resolve(targets)
        except InventoryError as exc:
            raise WorkflowError(str(exc).split(": ", 1)[-1], "invalid") from None
        if not hosts:
            raise WorkflowError("no hosts matched", "invalid")
        reads = read_fleet(self.kb, hosts, self.credentials, concurrency=self.concurrency, timeouts=self.timeouts)
        failed = [o for o in reads if o.error is not None]
        if failed:
            detail = "; ".join(f"{o.host.name}: {o.error.message}" for o in failed[:5] if o.error)
            raise WorkflowError(f"could not read {self.value.name} before the request ({detail}); "
                                "nothing was requested", "remote")
        todo = [(o.host, o.value) for o in reads if o.value is not None and not _already(o.value, value)]
        if not todo:
            shown = "absent" if value is None else str(value)
            raise WorkflowError(f"{self.value.name} is already {shown} on "
                                f"{', '.join(h.name for h in hosts)}; nothing to change", "invalid")
        now = self.clock()
        created: list[Change] = []
        with self.sessions.begin() as s:
            group_id: int | None = None
            for host, before in todo:
                guidance = assess(self.kb, host, before, value)
                change = Change(
                    group_id=group_id, host=host.name, value_name=self.value.name,
                    action="set" if value is not None else "delete", target_value=value,
                    before_present=before.present,
                    before_value=before.value if before.present and isinstance(before.value, int) else None,
                    before_type=before.type if before.present else None,
                    status="pending", requester=user, reason=reason, kb_summary=guidance.summary,
                    outside_guidance="; ".join(guidance.outside) or None, reverts=reverts,
                    requested_at=now, expires_at=now + self.ttl, channel=channel,
                )
                s.add(change)
                s.flush()
                if group_id is None:
                    group_id = change.group_id = change.id
                self._audit(s, user, "requested", change, target=value, reason=reason, reverts=reverts,
                            before=describe_value(change.before_present, change.before_value))
                created.append(change)
        return created

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
                         approver=user, acknowledged=bool(outside))
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
            self._decide(s, user, gid, "denied", details={"reason": reason}, approver=user,
                         decision_reason=reason or None)
        return self.group(change_id)

    def cancel(self, user: str, change_id: int) -> list[Change]:
        with self.sessions.begin() as s:
            rows, _ = self._pending_group(s, change_id)
            gid = rows[0].group_id
            if rows[0].requester != user and not self.roles.is_admin(user):
                raise WorkflowError(f"only {rows[0].requester} (who requested change {gid}) or an admin may "
                                    "cancel it", "permission")
            self._decide(s, user, gid, "cancelled")
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
        won = s.execute(query.values(status=status, decided_at=now, **values).returning(Change.id, Change.host)
                        .execution_options(synchronize_session=False)).all()
        if not won:
            raise WorkflowError(f"change {gid} was decided by someone else a moment ago", "conflict")
        for cid, host in won:
            self._audit(s, actor, status, change_id=cid, host=host, **(details or {}))

    def _mark_expired(self, s: Session, group_ids: list[int | None], now: datetime) -> list[tuple[int, str]]:
        query = update(Change).where(Change.status == "pending", Change.expires_at <= now)
        if group_ids:
            query = query.where(Change.group_id.in_(group_ids))
        won = s.execute(query.values(status="expired", decided_at=now).returning(Change.id, Change.host)
                        .execution_options(synchronize_session=False)).all()
        for cid, host in won:
            self._audit(s, SYSTEM, "expired", change_id=cid, host=host)
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
                        .values(status="executing").returning(Change.id)
                        .execution_options(synchronize_session=False)).first()
        if won is None:
            return None
        change = s.get(Change, cid)
        s.refresh(change)
        self._audit(s, SYSTEM, "executing", change)
        return change

    def _finish(self, s: Session, cid: int, status: str, *, after: RegRead | None = None,
                error: str | None = None, **details: Any) -> None:
        values: dict[str, Any] = {"status": status, "executed_at": self.clock(), "error": error}
        if after is not None:
            values.update(after_present=after.present, after_type=after.type if after.present else None,
                          after_value=after.value if after.present and isinstance(after.value, int) else None)
        won = s.execute(update(Change).where(Change.id == cid, Change.status == "executing").values(**values)
                        .returning(Change.host).execution_options(synchronize_session=False)).first()
        if won is not None:
            extra = {"after": describe_value(after.present, after.value if isinstance(after.value, int) else None)
                     } if after is not None else {}
            self._audit(s, SYSTEM, status, change_id=cid, host=won[0], error=error, **extra, **details)

    def _execute_one(self, cid: int, host: Host) -> None:
        with self.sessions.begin() as s:
            change = self._claim(s, cid)
            if change is None:
                return  # executed (or being executed) elsewhere
            before = RegRead(change.before_present, change.before_type, change.before_value)
            action, target = change.action, change.target_value
        try:
            # One logon, one shell: the drift re-read, the write and the read-back run in it.
            with self._client(host) as client:
                current = registry.read(client, self.allow, self.value)
                if (current.present, current.value if current.present else None) != (before.present, before.value):
                    with self.sessions.begin() as s:
                        self._finish(s, cid, "stale", after=current,
                                     error=f"{self.value.name} changed since the request (was "
                                           f"{describe_value(before.present, before.value)}, now "
                                           f"{describe_value(current.present, current.value)}); nothing was written")
                    return
                if action == "set":
                    assert target is not None
                    after = registry.write_dword(client, self.allow, self.value, target)
                else:
                    after = registry.delete(client, self.allow, self.value)
            with self.sessions.begin() as s:
                self._audit(s, SYSTEM, "remote_write", change_id=cid, host=host.name, operation=action,
                            value=target, read_back=describe_value(after.present, after.value))  # type: ignore[arg-type]
                self._finish(s, cid, "succeeded", after=after)
        except RemoteError as exc:
            with self.sessions.begin() as s:
                self._finish(s, cid, "failed", error=f"{exc.kind}: {exc.message}")
        except Exception as exc:
            # A bug after the change started: the host may or may not have been written.
            with self.sessions.begin() as s:
                self._finish(s, cid, "unknown", error=f"internal error ({type(exc).__name__}) during the change; "
                             "check the host before requesting again")
            raise

    def attach_message(self, change_id: int, channel: str, ts: str) -> None:
        """Remember where the approval message is, so decisions can update it."""
        with self.sessions.begin() as s:
            gid = self._group(s, change_id)[0].group_id
            s.execute(update(Change).where(Change.group_id == gid).values(channel=channel, message_ts=ts)
                      .execution_options(synchronize_session=False))

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
        """A new request restoring `before` (deleting the value when it was absent)."""
        with self.sessions() as s:
            change = s.get(Change, change_id)
            if change is None:
                raise WorkflowError(f"there is no change {change_id}", "not_found")
            if change.status != "succeeded":
                raise WorkflowError(f"only a succeeded change can be reverted; change {change_id} is "
                                    f"{change.status}", "conflict")
            target = change.before_value if change.before_present else None
            host = change.host
        return self.request(user, [host], target, reason or f"revert of change {change_id}",
                            reverts=change_id, channel=channel)

    def recover_interrupted(self) -> list[Change]:
        """At start-up: changes left `executing` by a dead process become `unknown`.

        They are never re-run by themselves: someone has to look at the host.
        """
        with self.sessions.begin() as s:
            won = s.execute(
                update(Change).where(Change.status == "executing")
                .values(status="unknown", error="the process died while executing; check the host before "
                        "requesting again").returning(Change.id, Change.host)
                .execution_options(synchronize_session=False)
            ).all()
            for cid, host in won:
                self._audit(s, SYSTEM, "unknown", change_id=cid, host=host)
            ids = [cid for cid, _ in won]
        if not ids:
            return []
        with self.sessions() as s:
            return list(s.execute(select(Change).where(Change.id.in_(ids)).order_by(Change.id)).scalars())


def _already(current: RegRead, value: int | None) -> bool:
    if value is None:
        return not current.present
    return current.present and current.type == "REG_DWORD" and current.value == value
