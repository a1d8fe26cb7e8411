"""Workshops, members, attendance, check-in codes, debrief shares; records carry the
workshop and may be certificates of participation; trainers comment on case-study answers.

Revision ID: ee0d5ecf2815
Revises: a0955576998f
Create Date: 2026-11-22 09:50:59.986719
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "ee0d5ecf2815"
down_revision = "a0955576998f"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "workshops",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=160), nullable=False),
        sa.Column("region", sa.String(length=40), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("location", sa.String(length=160), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("language", sa.String(length=40), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=True),
        sa.Column("participation_days", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "draft",
                "open",
                "closed",
                name="workshop_status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("join_code", sa.String(length=12), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["users.id"],
            name=op.f("fk_workshops_created_by_id_users"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workshops")),
        sa.UniqueConstraint("join_code", name=op.f("uq_workshops_join_code")),
    )
    with op.batch_alter_table("workshops", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_workshops_created_by_id"), ["created_by_id"], unique=False
        )

    op.create_table(
        "check_in_codes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("code", sa.String(length=12), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshops.id"],
            name=op.f("fk_check_in_codes_workshop_id_workshops"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_check_in_codes")),
        sa.UniqueConstraint("code", name=op.f("uq_check_in_codes_code")),
        sa.UniqueConstraint("workshop_id", "day", name=op.f("uq_check_in_codes_workshop_id_day")),
    )
    op.create_table(
        "debrief_shares",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("quiz_slug", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshops.id"],
            name=op.f("fk_debrief_shares_workshop_id_workshops"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_debrief_shares")),
        sa.UniqueConstraint(
            "workshop_id", "quiz_slug", name=op.f("uq_debrief_shares_workshop_id_quiz_slug")
        ),
    )
    op.create_table(
        "workshop_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "participant",
                "facilitator",
                name="member_role",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("joined_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_workshop_members_user_id_users"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshops.id"],
            name=op.f("fk_workshop_members_workshop_id_workshops"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workshop_members")),
        sa.UniqueConstraint(
            "workshop_id", "user_id", name=op.f("uq_workshop_members_workshop_id_user_id")
        ),
    )
    with op.batch_alter_table("workshop_members", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_workshop_members_user_id"), ["user_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_workshop_members_workshop_id"), ["workshop_id"], unique=False
        )

    op.create_table(
        "workshop_modules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("module_slug", sa.String(length=100), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshops.id"],
            name=op.f("fk_workshop_modules_workshop_id_workshops"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workshop_modules")),
        sa.UniqueConstraint(
            "workshop_id", "module_slug", name=op.f("uq_workshop_modules_workshop_id_module_slug")
        ),
    )
    op.create_table(
        "attendance",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("method", sa.String(length=20), nullable=False),
        sa.Column("marked_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["workshop_members.id"],
            name=op.f("fk_attendance_member_id_workshop_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attendance")),
        sa.UniqueConstraint("member_id", "day", name=op.f("uq_attendance_member_id_day")),
    )
    with op.batch_alter_table("completion_records", schema=None) as batch_op:
        batch_op.add_column(sa.Column("workshop_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("workshop_text", sa.String(length=400), nullable=True))
        batch_op.add_column(sa.Column("days_attended", sa.Integer(), nullable=True))
        # A new record kind: widen the column and replace its CHECK constraint by name.
        batch_op.drop_constraint(batch_op.f("ck_completion_records_record_kind"), type_="check")
        batch_op.alter_column(
            "kind",
            existing_type=sa.VARCHAR(length=6),
            type_=sa.String(length=13),
            existing_nullable=False,
        )
        batch_op.create_check_constraint(
            batch_op.f("ck_completion_records_record_kind"),
            "kind IN ('module', 'path', 'participation')",
        )
        batch_op.create_index(
            batch_op.f("ix_completion_records_workshop_id"), ["workshop_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_completion_records_workshop_id_workshops"),
            "workshops",
            ["workshop_id"],
            ["id"],
            ondelete="SET NULL",
        )

    with op.batch_alter_table("quiz_answers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("trainer_feedback", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("feedback_by_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("feedback_at", sa.DateTime(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_quiz_answers_feedback_by_id_users"),
            "users",
            ["feedback_by_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("quiz_answers", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_quiz_answers_feedback_by_id_users"), type_="foreignkey"
        )
        batch_op.drop_column("feedback_at")
        batch_op.drop_column("feedback_by_id")
        batch_op.drop_column("trainer_feedback")

    op.execute("DELETE FROM completion_records WHERE kind = 'participation'")
    with op.batch_alter_table("completion_records", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_completion_records_workshop_id_workshops"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_completion_records_workshop_id"))
        batch_op.drop_constraint(batch_op.f("ck_completion_records_record_kind"), type_="check")
        batch_op.alter_column(
            "kind",
            existing_type=sa.String(length=13),
            type_=sa.VARCHAR(length=6),
            existing_nullable=False,
        )
        batch_op.create_check_constraint(
            batch_op.f("ck_completion_records_record_kind"), "kind IN ('module', 'path')"
        )
        batch_op.drop_column("days_attended")
        batch_op.drop_column("workshop_text")
        batch_op.drop_column("workshop_id")

    op.drop_table("attendance")
    op.drop_table("workshop_modules")
    with op.batch_alter_table("workshop_members", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_workshop_members_workshop_id"))
        batch_op.drop_index(batch_op.f("ix_workshop_members_user_id"))

    op.drop_table("workshop_members")
    op.drop_table("debrief_shares")
    op.drop_table("check_in_codes")
    with op.batch_alter_table("workshops", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_workshops_created_by_id"))

    op.drop_table("workshops")
