"""A young person's unsent views, kept for their conversation only (bot/my_views/drafts.py).

Revision ID: 0002_views_drafts
Revises: 0001_initial
Create Date: 2026-11-22
"""
from alembic import op
import sqlalchemy as sa

revision = "0002_views_drafts"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "views_drafts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.String(255), nullable=False),
        sa.Column("link_key", sa.String(64), nullable=False),
        sa.Column("language", sa.String(16), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_views_drafts"),
        sa.UniqueConstraint("conversation_id", name="uq_views_drafts_conversation_id"),
        sa.UniqueConstraint("link_key", name="uq_views_drafts_link_key"),
    )
    op.create_index("ix_views_drafts_created_at", "views_drafts", ["created_at"])


def downgrade() -> None:
    op.drop_index("ix_views_drafts_created_at", table_name="views_drafts")
    op.drop_table("views_drafts")
