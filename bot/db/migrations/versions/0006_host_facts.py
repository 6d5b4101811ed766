"""host_facts: the Windows version each host reported, shared by every instance

Revision ID: 0006
Revises: 0005
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0006'
down_revision: str | Sequence[str] | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

def upgrade() -> None:
    op.create_table('host_facts',
    sa.Column('host', sa.String(length=255), nullable=False),
    sa.Column('os_name', sa.String(length=32), nullable=True),
    sa.Column('os_version', sa.String(length=16), nullable=True),
    sa.Column('os_product', sa.String(length=80), nullable=True),
    sa.Column('os_error_kind', sa.String(length=32), nullable=True),
    sa.Column('os_error', sa.String(length=300), nullable=True),
    sa.Column('read_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('host'),
    )

def downgrade() -> None:
    op.drop_table('host_facts')
