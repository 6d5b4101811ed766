"""change_messages: every Slack copy of a request (approver DMs, channel posts, requester status)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 16:00:00

"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0002'
down_revision: str | Sequence[str] | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('change_messages',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('channel', sa.String(length=64), nullable=False),
    sa.Column('ts', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('lang', sa.String(length=8), nullable=False, server_default='en'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('channel', 'ts', name='uq_change_messages_channel_ts'),
    )
    with op.batch_alter_table('change_messages', schema=None) as batch_op:
        batch_op.create_index('ix_change_messages_group', ['group_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('change_messages', schema=None) as batch_op:
        batch_op.drop_index('ix_change_messages_group')
    op.drop_table('change_messages')
