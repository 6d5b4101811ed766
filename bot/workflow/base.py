"""What every step of the workflow shares: its dependencies, the group lookup and the audit append."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot import audit
from bot.change_windows import ChangeWindows
from bot.checks import CredentialSource, allowlist, nlbsflags_value
from bot.db.models import Change
from bot.leases import DEFAULT_LEASE, Heartbeat, new_owner_id, wall_clock
from bot.roles import Roles
from bot.workflow.states import WorkflowError, now_utc
from kb.store import KnowledgeBase
from remote.inventory import Host, Inventory
from remote.winrm_client import Timeouts, WinRMClient

ALWAYS = ChangeWindows()


class WorkflowBase:
    """The change service's state; the steps (request, decide, execute, recover) are mixins on it."""

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
        clock: Callable[[], datetime] = now_utc,
        request_rate: int = 10,
        owner: str | None = None,
        lease: timedelta = DEFAULT_LEASE,
        lease_clock: Callable[[], datetime] = wall_clock,
        windows: ChangeWindows = ALWAYS,
        canary: int = 1,
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
        self.windows = windows
        self.canary = max(1, canary)
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

    def _client(self, host: Host) -> WinRMClient:
        return WinRMClient(host, self.credentials(host), self.timeouts)
