"""Approval-gated registry changes (DESIGN.md §6), one module per step.

    pending --approve--> approved --> executing --> succeeded | failed | stale
    pending --deny--> denied   pending --ttl--> expired   pending --cancel--> cancelled
    executing --(owner's lease ran out, or the write's outcome unknowable)--> unknown
    unknown --reconcile (an approver; reads the host)--> succeeded | failed   (never re-run by itself)

`request` records, `decide` approves/denies/cancels/expires, `execute` writes, `recover` settles
what was left unknown; `messages` tracks the approval message. Who executes a change is recorded
with a lease its heartbeat renews (bot/leases.py), so a second instance starting up leaves a
running change alone.

Every transition is a conditional UPDATE (`… WHERE status = <expected>`), so two clicks, two
approvers or two processes can never execute one change twice; every transition and every remote
write appends to the audit chain in the same transaction.
"""

from bot.workflow.service import Workflow
from bot.workflow.states import (
    MAX_REASON,
    MAX_USER_ID,
    SYSTEM,
    State,
    WorkflowError,
    columns,
    describe,
    describe_read,
    describe_target,
    has_message,
    read_state,
    read_state_of,
    stored_state,
    target_state,
)

__all__ = [
    "MAX_REASON", "MAX_USER_ID", "SYSTEM", "State", "Workflow", "WorkflowError", "columns", "describe", "describe_read",
    "describe_target", "has_message", "read_state", "read_state_of", "stored_state", "target_state",
]
