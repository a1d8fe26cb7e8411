"""Quiz attempts, their answers and every scenario decision.

Revision ID: 0ce34b2aa53f
Revises: 3460a7ff8020
Create Date: 2026-11-22 09:21:48.325923
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0ce34b2aa53f"
down_revision = "3460a7ff8020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "quiz_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("quiz_slug", sa.String(length=100), nullable=False),
        sa.Column("attempt_no", sa.Integer(), nullable=False),
        sa.Column("quiz_version", sa.String(length=16), nullable=False),
        sa.Column("pass_mark", sa.Float(), nullable=False),
        sa.Column("max_points", sa.Integer(), nullable=False),
        sa.Column("shuffle_seed", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "in_progress",
                "submitted",
                "outdated",
                name="attempt_status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("points", sa.Float(), nullable=True),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("passed", sa.Boolean(), nullable=True),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_quiz_attempts_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quiz_attempts")),
        sa.UniqueConstraint(
            "user_id",
            "quiz_slug",
            "attempt_no",
            name=op.f("uq_quiz_attempts_user_id_quiz_slug_attempt_no"),
        ),
    )
    with op.batch_alter_table("quiz_attempts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_quiz_attempts_quiz_slug"), ["quiz_slug"], unique=False)
        batch_op.create_index(batch_op.f("ix_quiz_attempts_user_id"), ["user_id"], unique=False)

    op.create_table(
        "quiz_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("attempt_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.String(length=100), nullable=False),
        sa.Column("question_type", sa.String(length=30), nullable=False),
        sa.Column("response", sa.JSON(), nullable=False),
        sa.Column("answer_text", sa.Text(), nullable=True),
        sa.Column("correctness", sa.Float(), nullable=True),
        sa.Column("points", sa.Float(), nullable=True),
        sa.Column("review", sa.JSON(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["attempt_id"],
            ["quiz_attempts.id"],
            name=op.f("fk_quiz_answers_attempt_id_quiz_attempts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quiz_answers")),
        sa.UniqueConstraint(
            "attempt_id", "question_id", name=op.f("uq_quiz_answers_attempt_id_question_id")
        ),
    )
    op.create_table(
        "scenario_decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("attempt_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.String(length=100), nullable=False),
        sa.Column("node_id", sa.String(length=100), nullable=False),
        sa.Column("choice_id", sa.String(length=100), nullable=False),
        sa.Column("step_no", sa.Integer(), nullable=False),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.Column("counters", sa.JSON(), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["attempt_id"],
            ["quiz_attempts.id"],
            name=op.f("fk_scenario_decisions_attempt_id_quiz_attempts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scenario_decisions")),
        sa.UniqueConstraint(
            "attempt_id",
            "question_id",
            "node_id",
            name=op.f("uq_scenario_decisions_attempt_id_question_id_node_id"),
        ),
    )
    with op.batch_alter_table("scenario_decisions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_scenario_decisions_attempt_id"), ["attempt_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("scenario_decisions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_scenario_decisions_attempt_id"))

    op.drop_table("scenario_decisions")
    op.drop_table("quiz_answers")
    with op.batch_alter_table("quiz_attempts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_quiz_attempts_user_id"))
        batch_op.drop_index(batch_op.f("ix_quiz_attempts_quiz_slug"))

    op.drop_table("quiz_attempts")
