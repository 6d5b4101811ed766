"""drift watch: named leases, the last observation per host, fleet compliance snapshots

Revision ID: 0005
Revises: 0004

- leases: one live holder per name (`watch`: one instance reads the fleet at a time, across processes).
- observations: the last value the watch read on each host (with the last succeeded change, the host's
  last known state; a value differing from it is recorded as an `observed` change).
- fleet_snapshots: one row per watch round or chat `check`, so every instance's App Home shows the same
  latest fleet compliance.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0005'
down_revision: str | Sequence[str] | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('leases',
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('owner', sa.String(length=64), nullable=True),
    sa.Column('until', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('name')
    )
    op.create_table('observations',
    sa.Column('host', sa.String(length=255), nullable=False),
    sa.Column('observed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('present', sa.Boolean(), nullable=False),
    sa.Column('type', sa.String(length=32), nullable=True),
    sa.Column('value', sa.BigInteger(), nullable=True),
    sa.Column('data', sa.Text(), nullable=True),
    sa.Column('compliant', sa.Boolean(), nullable=True),
    sa.Column('snapshot_id', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('host')
    )
    op.create_table('fleet_snapshots',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('taken_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('source', sa.String(length=16), nullable=False),
    sa.Column('actor', sa.String(length=64), nullable=False),
    sa.Column('hosts', sa.Integer(), nullable=False),
    sa.Column('read', sa.Integer(), nullable=False),
    sa.Column('compliant', sa.Integer(), nullable=False),
    sa.Column('not_compliant', sa.Integer(), nullable=False),
    sa.Column('unreachable', sa.Integer(), nullable=False),
    sa.Column('drifted', sa.Integer(), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('fleet_snapshots', schema=None) as batch_op:
        batch_op.create_index('ix_fleet_snapshots_source_taken', ['source', 'taken_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('fleet_snapshots', schema=None) as batch_op:
        batch_op.drop_index('ix_fleet_snapshots_source_taken')
    op.drop_table('fleet_snapshots')
    op.drop_table('observations')
    op.drop_table('leases')
