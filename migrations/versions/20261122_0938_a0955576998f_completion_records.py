"""Completion records with verification codes.

Revision ID: a0955576998f
Revises: 0ce34b2aa53f
Create Date: 2026-11-22 09:38:52.704878
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "a0955576998f"
down_revision = "0ce34b2aa53f"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "completion_records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "module", "path", name="record_kind", native_enum=False, create_constraint=True
            ),
            nullable=False,
        ),
        sa.Column("subject_slug", sa.String(length=100), nullable=False),
        sa.Column("subject_title", sa.String(length=200), nullable=False),
        sa.Column("subject_version", sa.String(length=16), nullable=False),
        sa.Column("hours", sa.Float(), nullable=False),
        sa.Column("name_as_printed", sa.String(length=120), nullable=False),
        sa.Column("completed_at", sa.DateTime(), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.Column("verification_code", sa.String(length=32), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.Column("revoked_reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_completion_records_user_id_users"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_completion_records")),
        sa.UniqueConstraint(
            "user_id",
            "kind",
            "subject_slug",
            name=op.f("uq_completion_records_user_id_kind_subject_slug"),
        ),
        sa.UniqueConstraint(
            "verification_code", name=op.f("uq_completion_records_verification_code")
        ),
    )
    with op.batch_alter_table("completion_records", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_completion_records_completed_at"), ["completed_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_completion_records_subject_slug"), ["subject_slug"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_completion_records_user_id"), ["user_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("completion_records", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_completion_records_user_id"))
        batch_op.drop_index(batch_op.f("ix_completion_records_subject_slug"))
        batch_op.drop_index(batch_op.f("ix_completion_records_completed_at"))

    op.drop_table("completion_records")
