"""Users record when they closed their account (the row is anonymised, records are kept).

Revision ID: 4b2a034e605d
Revises: ee0d5ecf2815
Create Date: 2026-11-22 11:20:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "4b2a034e605d"
down_revision = "ee0d5ecf2815"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("closed_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("closed_at")
