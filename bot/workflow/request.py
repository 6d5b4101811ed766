"""Request: record a pending change per host, with the value read now as `before`; revert is a request too."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from bot import audit
from bot.checks import describe_value, read_fleet
from bot.db.models import Change, RequestAttempt
from bot.guidance import assess
from bot.hostfacts import cached_view
from bot.workflow.base import WorkflowBase
from bot.workflow.states import (
    MAX_REASON,
    MAX_USER_ID,
    RATE_WINDOW,
    State,
    WorkflowError,
    columns,
    describe,
    describe_target,
    read_state_of,
    stored_state,
    target_state,
)
from remote.errors import InventoryError
from remote.regexe import DWORD_MAX, restorable


class RequestSteps(WorkflowBase):
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
                    **columns("before", before),
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

    def revertible(self, change_id: int) -> Change:
        """The change a revert would undo, or the reason it cannot be (before any host is read)."""
        with self.sessions() as s:
            change = s.get(Change, change_id)
            if change is None:
                raise WorkflowError(f"there is no change {change_id}", "not_found")
            if change.status != "succeeded":
                hint = f"; say `reconcile {change_id}` to settle it first" if change.status == "unknown" else ""
                raise WorkflowError(f"only a succeeded change can be reverted; change {change_id} is "
                                    f"{change.status}{hint}", "conflict")
            return change

    def revert(self, user: str, change_id: int, reason: str = "", *, channel: str | None = None) -> list[Change]:
        """A new request restoring `before`: deleting the value when it was absent, writing the
        original type and data back when it was not a REG_DWORD."""
        change = self.revertible(change_id)
        present, type_, data = stored_state(change, "before")
        restore = (type_, data or "") if present and type_ != "REG_DWORD" else None
        target = change.before_value if present and restore is None else None
        return self.request(user, [change.host], target, reason or f"revert of change {change_id}",
                            reverts=change_id, channel=channel, restore=restore)
