"""Recover: settle `unknown` changes by reading the host (`reconcile N`), and mark changes whose
executing process died (its lease ran out) as `unknown` — never re-run by themselves."""

from __future__ import annotations

from sqlalchemy import or_, select, update

from bot.db.models import Change
from bot.workflow.execute import ExecuteSteps
from bot.workflow.states import (
    MAX_USER_ID,
    SYSTEM,
    WorkflowError,
    describe,
    describe_read,
    describe_target,
    read_state_of,
    stored_state,
    target_state,
)
from remote import registry
from remote.errors import RemoteError
from remote.inventory import Host


class RecoverSteps(ExecuteSteps):
    def reconcilable(self, user: str, change_id: int) -> tuple[Change, Host]:
        """The change and host `reconcile` would read, or the reason it cannot (before any host is read)."""
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
        return change, host

    def reconcile(self, user: str, change_id: int) -> list[Change]:
        """Settle an `unknown` change by reading its host: the value asked for there → succeeded, the
        value before → failed. An approver's step, audited; anything else is refused as unsettled."""
        change, host = self.reconcilable(user, change_id)
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
