"""Case data: conferences, invitees, reports, shares, lockouts, sessions, audit, submitted views.

Revision ID: 0001_initial
Revises:
Create Date: 2025-01-01
"""
from alembic import op
import sqlalchemy as sa

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cases_conferences",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(64), nullable=False),
        sa.Column("reference_key", sa.String(64), nullable=False),
        sa.Column("conference_type", sa.String(16), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("is_online", sa.Boolean(), nullable=False),
        sa.Column("venue", sa.String(200), nullable=True),
        sa.Column("joining_instructions", sa.Text(), nullable=True),
        sa.Column("chair_meets_parent_before", sa.Boolean(), nullable=False),
        sa.Column("chair_meeting_minutes", sa.Integer(), nullable=True),
        sa.Column("team_phone", sa.String(32), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_cases_conferences"),
        sa.UniqueConstraint("reference_key", name="uq_cases_conferences_reference_key"),
        sa.CheckConstraint(
            "conference_type IN ('initial', 'review', 'pre_birth', 'transfer_in')",
            name="ck_cases_conferences_conference_type"),
    )
    op.create_table(
        "cases_invitees",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conference_id", sa.Integer(), nullable=False),
        sa.Column("display_name", sa.String(40), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("age", sa.Integer(), nullable=True),
        sa.Column("language", sa.String(16), nullable=False),
        sa.Column("attendance", sa.String(16), nullable=False),
        sa.Column("code_hash", sa.String(200), nullable=True),
        sa.Column("code_issued_at", sa.DateTime(), nullable=True),
        sa.Column("code_expires_at", sa.DateTime(), nullable=True),
        sa.Column("code_revoked_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_cases_invitees"),
        sa.ForeignKeyConstraint(["conference_id"], ["cases_conferences.id"], ondelete="CASCADE",
                                name="fk_cases_invitees_conference_id_cases_conferences"),
        sa.UniqueConstraint("conference_id", "display_name", name="uq_cases_invitees_conference_name"),
        sa.CheckConstraint("role IN ('parent', 'carer', 'young_person', 'other')", name="ck_cases_invitees_role"),
        sa.CheckConstraint("attendance IN ('full', 'part', 'excluded')", name="ck_cases_invitees_attendance"),
    )
    op.create_index("ix_cases_invitees_conference_id", "cases_invitees", ["conference_id"])
    op.create_table(
        "cases_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conference_id", sa.Integer(), nullable=False),
        sa.Column("agency", sa.String(80), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_cases_reports"),
        sa.ForeignKeyConstraint(["conference_id"], ["cases_conferences.id"], ondelete="CASCADE",
                                name="fk_cases_reports_conference_id_cases_conferences"),
        sa.UniqueConstraint("conference_id", "agency", name="uq_cases_reports_conference_agency"),
    )
    op.create_index("ix_cases_reports_conference_id", "cases_reports", ["conference_id"])
    op.create_table(
        "cases_report_shares",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("invitee_id", sa.Integer(), nullable=False),
        sa.Column("shared_on", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_cases_report_shares"),
        sa.ForeignKeyConstraint(["report_id"], ["cases_reports.id"], ondelete="CASCADE",
                                name="fk_cases_report_shares_report_id_cases_reports"),
        sa.ForeignKeyConstraint(["invitee_id"], ["cases_invitees.id"], ondelete="CASCADE",
                                name="fk_cases_report_shares_invitee_id_cases_invitees"),
        sa.UniqueConstraint("report_id", "invitee_id", name="uq_cases_report_shares_report_invitee"),
    )
    op.create_index("ix_cases_report_shares_report_id", "cases_report_shares", ["report_id"])
    op.create_index("ix_cases_report_shares_invitee_id", "cases_report_shares", ["invitee_id"])
    op.create_table(
        "cases_failed_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference_hash", sa.String(64), nullable=False),
        sa.Column("conversation_id", sa.String(255), nullable=False),
        sa.Column("attempted_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_cases_failed_attempts"),
    )
    op.create_index("ix_cases_failed_attempts_reference_hash", "cases_failed_attempts", ["reference_hash"])
    op.create_index("ix_cases_failed_attempts_conversation_id", "cases_failed_attempts", ["conversation_id"])
    op.create_index("ix_cases_failed_attempts_attempted_at", "cases_failed_attempts", ["attempted_at"])
    op.create_table(
        "cases_lockouts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("scope", sa.String(16), nullable=False),
        sa.Column("key", sa.String(255), nullable=False),
        sa.Column("locked_at", sa.DateTime(), nullable=False),
        sa.Column("locked_until", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_cases_lockouts"),
        sa.CheckConstraint("scope IN ('reference', 'conversation')", name="ck_cases_lockouts_scope"),
    )
    op.create_index("ix_cases_lockouts_scope_key_until", "cases_lockouts", ["scope", "key", "locked_until"])
    op.create_table(
        "cases_verified_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.String(255), nullable=False),
        sa.Column("invitee_id", sa.Integer(), nullable=False),
        sa.Column("verified_at", sa.DateTime(), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_cases_verified_sessions"),
        sa.ForeignKeyConstraint(["invitee_id"], ["cases_invitees.id"], ondelete="CASCADE",
                                name="fk_cases_verified_sessions_invitee_id_cases_invitees"),
        sa.UniqueConstraint("conversation_id", name="uq_cases_verified_sessions_conversation_id"),
    )
    op.create_index("ix_cases_verified_sessions_invitee_id", "cases_verified_sessions", ["invitee_id"])
    op.create_table(
        "cases_audit_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(), nullable=False),
        sa.Column("conversation_id", sa.String(255), nullable=True),
        sa.Column("reference_hash", sa.String(64), nullable=True),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_cases_audit_events"),
    )
    op.create_index("ix_cases_audit_events_occurred_at", "cases_audit_events", ["occurred_at"])
    op.create_index("ix_cases_audit_events_reference_hash", "cases_audit_events", ["reference_hash"])
    op.create_table(
        "cases_submitted_views",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("invitee_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("language", sa.String(16), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("collected_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_cases_submitted_views"),
        sa.ForeignKeyConstraint(["invitee_id"], ["cases_invitees.id"], ondelete="CASCADE",
                                name="fk_cases_submitted_views_invitee_id_cases_invitees"),
    )
    op.create_index("ix_cases_submitted_views_invitee_id", "cases_submitted_views", ["invitee_id"])


def downgrade() -> None:
    for table in ("cases_submitted_views", "cases_audit_events", "cases_verified_sessions", "cases_lockouts",
                  "cases_failed_attempts", "cases_report_shares", "cases_reports", "cases_invitees",
                  "cases_conferences"):
        op.drop_table(table)
