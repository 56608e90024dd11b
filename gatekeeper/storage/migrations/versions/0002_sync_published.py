"""registry files published for gates to pull

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 03:05:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sync_published",
        sa.Column("file_hash", sa.String(length=64), nullable=False),
        sa.Column("stream", sa.String(length=16), nullable=False),
        sa.Column("origin_id", sa.Uuid(), nullable=False),
        sa.Column("last_seq", sa.Integer(), nullable=False),
        sa.Column("prev_file_hash", sa.String(length=64), nullable=True),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.CheckConstraint("stream IN ('registry')", name=op.f("ck_sync_published_stream")),
        sa.PrimaryKeyConstraint("file_hash", name=op.f("pk_sync_published")),
    )
    with op.batch_alter_table("sync_published", schema=None) as batch_op:
        batch_op.create_index(
            "ix_sync_published_origin", ["stream", "origin_id", "last_seq"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("sync_published", schema=None) as batch_op:
        batch_op.drop_index("ix_sync_published_origin")
    op.drop_table("sync_published")
