"""execution owner and lease, values of other registry types, request attempts

Revision ID: 0002_h9
Revises: 0002_h10 (was 0001 before main was merged in)
Create Date: 2026-11-27 16:00:00

- changes.owner / changes.lease_until: which process executes a change and until when its
  heartbeat vouches for it; start-up recovery only marks `unknown` a change whose lease ran out.
- changes.before_data / changes.after_data: the data as text when the value is not a REG_DWORD
  (REG_SZ "1", REG_BINARY 01000000…), so a request shows the type change; target_type /
  target_data: a revert writes the original type and data back (NULL: a REG_DWORD target_value).
- request_attempts: change requests per user, counted across processes for OAKLEY_REQUEST_RATE.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0002_h9'
down_revision: str | Sequence[str] | None = '0002_h10'  # chained after issue 10's when merging main
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('changes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('owner', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('lease_until', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('before_data', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('after_data', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('target_type', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('target_data', sa.Text(), nullable=True))
    op.create_table('request_attempts',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('user', sa.String(length=64), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('request_attempts', schema=None) as batch_op:
        batch_op.create_index('ix_request_attempts_user_at', ['user', 'at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('request_attempts', schema=None) as batch_op:
        batch_op.drop_index('ix_request_attempts_user_at')
    op.drop_table('request_attempts')
    with op.batch_alter_table('changes', schema=None) as batch_op:
        batch_op.drop_column('target_data')
        batch_op.drop_column('target_type')
        batch_op.drop_column('after_data')
        batch_op.drop_column('before_data')
        batch_op.drop_column('lease_until')
        batch_op.drop_column('owner')
