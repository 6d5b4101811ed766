"""changes.decided_by: who decided (approved, denied, cancelled; oakley for expiry)

`approver` now holds approvals only; rows denied before this revision move
their decider from `approver` to `decided_by`.

Revision ID: 0004
Revises: 0003
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0004'
down_revision: str | Sequence[str] | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('changes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('decided_by', sa.String(length=64), nullable=True))
    op.execute("UPDATE changes SET decided_by = approver WHERE approver IS NOT NULL")
    op.execute("UPDATE changes SET approver = NULL WHERE status = 'denied'")
    op.execute("UPDATE changes SET decided_by = 'oakley' WHERE status = 'expired' AND decided_by IS NULL")


def downgrade() -> None:
    op.execute("UPDATE changes SET approver = decided_by WHERE status = 'denied'")
    with op.batch_alter_table('changes', schema=None) as batch_op:
        batch_op.drop_column('decided_by')
