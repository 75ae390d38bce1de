"""The class state's tables (SQLAlchemy Core), as the newest migration leaves them.

Times are seconds since the epoch (``time.time()``), so every function can take ``now``.
Secrets are stored only as SHA-256 hex digests.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

classes = sa.Table(
    "classes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("code", sa.String(16), nullable=False, unique=True),
    sa.Column("teacher_hash", sa.String(64), nullable=False),
    sa.Column("created_at", sa.Double, nullable=False),
    sa.Column("expires_at", sa.Double, nullable=False),
    sa.Column("ended_at", sa.Double),
    # The teacher's view that students follow; version grows by one at every move.
    sa.Column("page", sa.String(100), nullable=False),
    sa.Column("scene", sa.String(100)),
    sa.Column("settings", sa.JSON, nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    # The class search under way: its round (0 before the first) and its search space.
    sa.Column("search_round", sa.Integer, nullable=False),
    sa.Column("search_space", sa.JSON),
)

members = sa.Table(
    "members",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column(
        "class_id",
        sa.Integer,
        sa.ForeignKey("classes.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("nickname", sa.String(40)),
    sa.Column("joined_at", sa.Double, nullable=False),
)

polls = sa.Table(
    "polls",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column(
        "class_id",
        sa.Integer,
        sa.ForeignKey("classes.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("question_id", sa.String(100), nullable=False),
    sa.Column("choices", sa.JSON, nullable=False),
    sa.Column("opened_at", sa.Double, nullable=False),
    sa.Column("revealed_at", sa.Double),
    sa.Column("answer", sa.String(500)),
)

answers = sa.Table(
    "answers",
    metadata,
    sa.Column(
        "poll_id", sa.Integer, sa.ForeignKey("polls.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column(
        "member_id", sa.Integer, sa.ForeignKey("members.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column("choice", sa.String(100), nullable=False),
    sa.Column("answered_at", sa.Double, nullable=False),
)

results = sa.Table(
    "results",
    metadata,
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
    sa.Index("ix_results_class_round", "class_id", "search_round"),
)

rate_counts = sa.Table(
    "rate_counts",
    metadata,
    sa.Column("key", sa.String(200), primary_key=True),
    sa.Column("window", sa.Integer, primary_key=True),
    sa.Column("count", sa.Integer, nullable=False),
    sa.Column("expires_at", sa.Double, nullable=False, index=True),
)
