"""The live classroom: classes, members, polls and answers, search results, rate counters.

Revision ID: 0001
Revises:
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "classes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("code", sa.String(16), nullable=False, unique=True),
        sa.Column("teacher_hash", sa.String(64), nullable=False),
        sa.Column("created_at", sa.Double, nullable=False),
        sa.Column("expires_at", sa.Double, nullable=False),
        sa.Column("ended_at", sa.Double),
        sa.Column("page", sa.String(100), nullable=False),
        sa.Column("scene", sa.String(100)),
        sa.Column("settings", sa.JSON, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("search_round", sa.Integer, nullable=False),
        sa.Column("search_space", sa.JSON),
    )
    op.create_table(
        "members",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "class_id", sa.Integer, sa.ForeignKey("classes.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("nickname", sa.String(40)),
        sa.Column("joined_at", sa.Double, nullable=False),
    )
    op.create_index("ix_members_class_id", "members", ["class_id"])
    op.create_table(
        "polls",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "class_id", sa.Integer, sa.ForeignKey("classes.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("question_id", sa.String(100), nullable=False),
        sa.Column("choices", sa.JSON, nullable=False),
        sa.Column("opened_at", sa.Double, nullable=False),
        sa.Column("revealed_at", sa.Double),
        sa.Column("answer", sa.String(500)),
    )
    op.create_index("ix_polls_class_id", "polls", ["class_id"])
    op.create_table(
        "answers",
        sa.Column(
            "poll_id", sa.Integer, sa.ForeignKey("polls.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column(
            "member_id",
            sa.Integer,
            sa.ForeignKey("members.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("choice", sa.String(100), nullable=False),
        sa.Column("answered_at", sa.Double, nullable=False),
    )
    op.create_table(
        "results",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "class_id", sa.Integer, sa.ForeignKey("classes.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column(
            "member_id", sa.Integer, sa.ForeignKey("members.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("search_round", sa.Integer, nullable=False),
        sa.Column("hyperparameters", sa.JSON, nullable=False),
        sa.Column("dev_cost", sa.Double, nullable=False),
        sa.Column("metrics", sa.JSON, nullable=False),
        sa.Column("created_at", sa.Double, nullable=False),
    )
    op.create_index("ix_results_class_round", "results", ["class_id", "search_round"])
    op.create_table(
        "rate_counts",
        sa.Column("key", sa.String(200), primary_key=True),
        sa.Column("window", sa.Integer, primary_key=True),
        sa.Column("count", sa.Integer, nullable=False),
        sa.Column("expires_at", sa.Double, nullable=False),
    )
    op.create_index("ix_rate_counts_expires_at", "rate_counts", ["expires_at"])


def downgrade() -> None:
    for table in ("rate_counts", "results", "answers", "polls", "members", "classes"):
        op.drop_table(table)
