"""Assessment: the items each attempt drew, trainers' case-study verdicts, extra attempts
granted in workshops, and how a record's case study was judged.

Existing module records were all earned with a self-assessed case study, so they say "self".

Revision ID: b1b034c3f143
Revises: 4b2a034e605d
Create Date: 2026-12-05 08:43:00.927932
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "b1b034c3f143"
down_revision = "4b2a034e605d"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "attempt_grants",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("quiz_slug", sa.String(length=100), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("granted_by_id", sa.Integer(), nullable=True),
        sa.Column("granted_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["granted_by_id"],
            ["users.id"],
            name=op.f("fk_attempt_grants_granted_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_attempt_grants_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshops.id"],
            name=op.f("fk_attempt_grants_workshop_id_workshops"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attempt_grants")),
    )
    with op.batch_alter_table("attempt_grants", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attempt_grants_user_id"), ["user_id"], unique=False)

    with op.batch_alter_table("completion_records", schema=None) as batch_op:
        batch_op.add_column(sa.Column("case_study_assessment", sa.String(length=10), nullable=True))
    op.execute("UPDATE completion_records SET case_study_assessment = 'self' WHERE kind = 'module'")

    with op.batch_alter_table("quiz_answers", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "assessment",
                sa.Enum(
                    "meets",
                    "not_yet",
                    name="case_verdict",
                    native_enum=False,
                    create_constraint=True,
                ),
                nullable=True,
            )
        )

    with op.batch_alter_table("quiz_attempts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("question_ids", sa.JSON(), nullable=True))

    with op.batch_alter_table("workshops", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "assess_case_studies", sa.Boolean(), server_default=sa.false(), nullable=False
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("workshops", schema=None) as batch_op:
        batch_op.drop_column("assess_case_studies")

    with op.batch_alter_table("quiz_attempts", schema=None) as batch_op:
        batch_op.drop_column("question_ids")

    with op.batch_alter_table("quiz_answers", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_quiz_answers_case_verdict"), type_="check")
        batch_op.drop_column("assessment")

    with op.batch_alter_table("completion_records", schema=None) as batch_op:
        batch_op.drop_column("case_study_assessment")

    with op.batch_alter_table("attempt_grants", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attempt_grants_user_id"))

    op.drop_table("attempt_grants")
