"""changes, audit chain, processed events

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-27 11:26:59.780157

"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0001'
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""

    op.create_table('audit_events',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor', sa.String(length=64), nullable=False),
    sa.Column('action', sa.String(length=32), nullable=False),
    sa.Column('change_id', sa.Integer(), nullable=True),
    sa.Column('host', sa.String(length=255), nullable=True),
    sa.Column('details', sa.Text(), nullable=False),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.create_index('ix_audit_change', ['change_id'], unique=False)
        batch_op.create_index('ix_audit_host_at', ['host', 'at'], unique=False)

    op.create_table('changes',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=True),
    sa.Column('host', sa.String(length=255), nullable=False),
    sa.Column('value_name', sa.String(length=64), nullable=False),
    sa.Column('action', sa.String(length=16), nullable=False),
    sa.Column('target_value', sa.BigInteger(), nullable=True),
    sa.Column('before_present', sa.Boolean(), nullable=False),
    sa.Column('before_value', sa.BigInteger(), nullable=True),
    sa.Column('before_type', sa.String(length=32), nullable=True),
    sa.Column('after_present', sa.Boolean(), nullable=True),
    sa.Column('after_value', sa.BigInteger(), nullable=True),
    sa.Column('after_type', sa.String(length=32), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('requester', sa.String(length=64), nullable=False),
    sa.Column('approver', sa.String(length=64), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('decision_reason', sa.Text(), nullable=True),
    sa.Column('kb_summary', sa.Text(), nullable=False),
    sa.Column('outside_guidance', sa.Text(), nullable=True),
    sa.Column('acknowledged', sa.Boolean(), nullable=False),
    sa.Column('reverts', sa.Integer(), nullable=True),
    sa.Column('requested_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('executed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('channel', sa.String(length=64), nullable=True),
    sa.Column('message_ts', sa.String(length=64), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('changes', schema=None) as batch_op:
        batch_op.create_index('ix_changes_approver', ['approver'], unique=False)
        batch_op.create_index(batch_op.f('ix_changes_group_id'), ['group_id'], unique=False)
        batch_op.create_index('ix_changes_host_requested', ['host', 'requested_at'], unique=False)
        batch_op.create_index('ix_changes_requested', ['requested_at'], unique=False)
        batch_op.create_index('ix_changes_requester', ['requester'], unique=False)
        batch_op.create_index('ix_changes_status', ['status'], unique=False)

    op.create_table('processed_events',
    sa.Column('event_id', sa.String(length=128), nullable=False),
    sa.Column('processed_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('event_id')
    )



def downgrade() -> None:
    """Downgrade schema."""

    op.drop_table('processed_events')
    with op.batch_alter_table('changes', schema=None) as batch_op:
        batch_op.drop_index('ix_changes_status')
        batch_op.drop_index('ix_changes_requester')
        batch_op.drop_index('ix_changes_requested')
        batch_op.drop_index('ix_changes_host_requested')
        batch_op.drop_index(batch_op.f('ix_changes_group_id'))
        batch_op.drop_index('ix_changes_approver')

    op.drop_table('changes')
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_host_at')
        batch_op.drop_index('ix_audit_change')

    op.drop_table('audit_events')

