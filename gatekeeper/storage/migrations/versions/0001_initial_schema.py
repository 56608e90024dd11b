"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-27 01:57:04.309351
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("entity", sa.String(length=64), nullable=False),
        sa.Column("entity_id", sa.String(length=64), nullable=False),
        sa.Column("details", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    op.create_table(
        "settings",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_settings")),
    )
    op.create_table(
        "sites",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sites")),
    )
    op.create_table(
        "sync_imports",
        sa.Column("file_hash", sa.String(length=64), nullable=False),
        sa.Column("batch_id", sa.Uuid(), nullable=False),
        sa.Column("stream", sa.String(length=16), nullable=False),
        sa.Column("origin_id", sa.Uuid(), nullable=False),
        sa.Column("first_seq", sa.Integer(), nullable=False),
        sa.Column("last_seq", sa.Integer(), nullable=False),
        sa.Column("prev_file_hash", sa.String(length=64), nullable=True),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.CheckConstraint(
            "stream IN ('records', 'registry', 'provision')", name=op.f("ck_sync_imports_stream")
        ),
        sa.PrimaryKeyConstraint("file_hash", name=op.f("pk_sync_imports")),
    )
    with op.batch_alter_table("sync_imports", schema=None) as batch_op:
        batch_op.create_index(
            "ix_sync_imports_origin", ["stream", "origin_id", "last_seq"], unique=False
        )

    op.create_table(
        "sync_registry_sent",
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("item_id", sa.Uuid(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("kind", "item_id", name=op.f("pk_sync_registry_sent")),
    )
    op.create_table(
        "sync_state",
        sa.Column("stream", sa.String(length=16), nullable=False),
        sa.Column("origin_id", sa.Uuid(), nullable=False),
        sa.Column("direction", sa.String(length=8), nullable=False),
        sa.Column("last_seq", sa.Integer(), nullable=False),
        sa.Column("last_file_hash", sa.String(length=64), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "direction IN ('export', 'import')", name=op.f("ck_sync_state_direction")
        ),
        sa.CheckConstraint("stream IN ('records', 'registry')", name=op.f("ck_sync_state_stream")),
        sa.PrimaryKeyConstraint("stream", "origin_id", "direction", name=op.f("pk_sync_state")),
    )
    op.create_table(
        "gates",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("site_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("default_direction", sa.String(length=3), nullable=False),
        sa.Column("next_seq", sa.Integer(), nullable=False),
        sa.Column("last_chain_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("default_direction IN ('in', 'out')", name=op.f("ck_gates_direction")),
        sa.ForeignKeyConstraint(["site_id"], ["sites.id"], name=op.f("fk_gates_site_id_sites")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_gates")),
        sa.UniqueConstraint("site_id", "name", name=op.f("uq_gates_site_id")),
    )
    op.create_table(
        "people",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("site_id", sa.Uuid(), nullable=False),
        sa.Column("staff_no", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("department", sa.String(length=100), nullable=False),
        sa.Column("employer", sa.String(length=100), nullable=False),
        sa.Column("phone", sa.String(length=32), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("photo", sa.LargeBinary(), nullable=True),
        sa.Column("declaration_required", sa.Boolean(), nullable=False),
        sa.Column("badge_version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "kind IN ('employee', 'contractor', 'visitor')", name=op.f("ck_people_kind")
        ),
        sa.ForeignKeyConstraint(["site_id"], ["sites.id"], name=op.f("fk_people_site_id_sites")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_people")),
        sa.UniqueConstraint("site_id", "staff_no", name=op.f("uq_people_site_id")),
    )
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.create_index("ix_people_site_department", ["site_id", "department"], unique=False)
        batch_op.create_index("ix_people_site_name", ["site_id", "name"], unique=False)

    op.create_table(
        "signing_keys",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("site_id", sa.Uuid(), nullable=False),
        sa.Column("key_id", sa.LargeBinary(length=4), nullable=False),
        sa.Column("public_key", sa.LargeBinary(length=32), nullable=False),
        sa.Column("purpose", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("retired_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "purpose IN ('badge', 'gate', 'web')", name=op.f("ck_signing_keys_purpose")
        ),
        sa.ForeignKeyConstraint(
            ["site_id"], ["sites.id"], name=op.f("fk_signing_keys_site_id_sites")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signing_keys")),
        sa.UniqueConstraint("key_id", name=op.f("uq_signing_keys_key_id")),
    )
    op.create_table(
        "users",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("site_id", sa.Uuid(), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("display_name", sa.String(length=100), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("secret_hash", sa.String(length=255), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("role IN ('guard', 'officer', 'admin')", name=op.f("ck_users_role")),
        sa.ForeignKeyConstraint(["site_id"], ["sites.id"], name=op.f("fk_users_site_id_sites")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("site_id", "username", name=op.f("uq_users_site_id")),
    )
    op.create_table(
        "badges",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_badges_person_id_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_badges")),
        sa.UniqueConstraint("person_id", "version", name=op.f("uq_badges_person_id")),
    )
    op.create_table(
        "health_declarations",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("gate_id", sa.Uuid(), nullable=True),
        sa.Column("seq", sa.Integer(), nullable=True),
        sa.Column("declared_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("for_date", sa.String(length=10), nullable=False),
        sa.Column("symptoms", sa.JSON(), nullable=False),
        sa.Column("places_visited", sa.JSON(), nullable=False),
        sa.Column("contact_with_confirmed", sa.Boolean(), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["gate_id"], ["gates.id"], name=op.f("fk_health_declarations_gate_id_gates")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_health_declarations_person_id_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_health_declarations")),
        sa.UniqueConstraint("gate_id", "seq", name=op.f("uq_health_declarations_gate_id")),
    )
    with op.batch_alter_table("health_declarations", schema=None) as batch_op:
        batch_op.create_index(
            "ix_declarations_person_at", ["person_id", "declared_at"], unique=False
        )

    op.create_table(
        "observations",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("origin", sa.String(length=100), nullable=False),
        sa.Column("arrived_on", sa.String(length=10), nullable=False),
        sa.Column("clears_on", sa.String(length=10), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_observations_person_id_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_observations")),
    )
    with op.batch_alter_table("observations", schema=None) as batch_op:
        batch_op.create_index("ix_observations_person", ["person_id"], unique=False)

    op.create_table(
        "retention_holds",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("released_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_retention_holds_person_id_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_retention_holds")),
    )
    op.create_table(
        "screening_events",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("gate_id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=True),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("direction", sa.String(length=3), nullable=False),
        sa.Column("decision", sa.String(length=8), nullable=False),
        sa.Column("reason", sa.String(length=64), nullable=False),
        sa.Column("method", sa.String(length=8), nullable=False),
        sa.Column("badge_version", sa.Integer(), nullable=True),
        sa.Column("guard_id", sa.Uuid(), nullable=True),
        sa.Column("recheck_of", sa.Uuid(), nullable=True),
        sa.Column("readings_hash", sa.String(length=64), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("chain_hash", sa.String(length=64), nullable=False),
        sa.Column("readings_purged_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "decision IN ('pass', 'recheck', 'deny')", name=op.f("ck_screening_events_decision")
        ),
        sa.CheckConstraint(
            "direction IN ('in', 'out')", name=op.f("ck_screening_events_direction")
        ),
        sa.CheckConstraint(
            "method IN ('qr', 'manual', 'hid', 'auto')", name=op.f("ck_screening_events_method")
        ),
        sa.ForeignKeyConstraint(
            ["gate_id"], ["gates.id"], name=op.f("fk_screening_events_gate_id_gates")
        ),
        sa.ForeignKeyConstraint(
            ["guard_id"], ["users.id"], name=op.f("fk_screening_events_guard_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_screening_events_person_id_people")
        ),
        sa.ForeignKeyConstraint(
            ["recheck_of"],
            ["screening_events.id"],
            name=op.f("fk_screening_events_recheck_of_screening_events"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_screening_events")),
        sa.UniqueConstraint("gate_id", "seq", name=op.f("uq_screening_events_gate_id")),
    )
    with op.batch_alter_table("screening_events", schema=None) as batch_op:
        batch_op.create_index(
            "ix_events_log_decision", ["decision", "occurred_at", "direction"], unique=False
        )
        batch_op.create_index(
            "ix_events_log_direction", ["direction", "occurred_at", "decision"], unique=False
        )
        batch_op.create_index(
            "ix_events_log_gate", ["gate_id", "occurred_at", "decision", "direction"], unique=False
        )
        batch_op.create_index(
            "ix_events_log_person",
            ["person_id", "occurred_at", "decision", "direction", "gate_id"],
            unique=False,
        )
        batch_op.create_index(
            "ix_events_log_time", ["occurred_at", "decision", "direction"], unique=False
        )
        batch_op.create_index("ix_events_recheck_of", ["recheck_of"], unique=False)

    op.create_table(
        "sync_key_gates",
        sa.Column("signing_key_id", sa.Uuid(), nullable=False),
        sa.Column("gate_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["gate_id"], ["gates.id"], name=op.f("fk_sync_key_gates_gate_id_gates")
        ),
        sa.ForeignKeyConstraint(
            ["signing_key_id"],
            ["signing_keys.id"],
            name=op.f("fk_sync_key_gates_signing_key_id_signing_keys"),
        ),
        sa.PrimaryKeyConstraint("signing_key_id", name=op.f("pk_sync_key_gates")),
    )
    with op.batch_alter_table("sync_key_gates", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_key_gates_gate_id"), ["gate_id"], unique=False)

    op.create_table(
        "alert_acks",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.Column("acknowledged_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("outcome", sa.String(length=32), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["screening_events.id"],
            name=op.f("fk_alert_acks_event_id_screening_events"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alert_acks")),
        sa.UniqueConstraint("event_id", name=op.f("uq_alert_acks_event_id")),
    )
    op.create_table(
        "amendments",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.Column("gate_id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("amended_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["screening_events.id"],
            name=op.f("fk_amendments_event_id_screening_events"),
        ),
        sa.ForeignKeyConstraint(
            ["gate_id"], ["gates.id"], name=op.f("fk_amendments_gate_id_gates")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_amendments")),
        sa.UniqueConstraint("gate_id", "seq", name=op.f("uq_amendments_gate_id")),
    )
    with op.batch_alter_table("amendments", schema=None) as batch_op:
        batch_op.create_index("ix_amendments_event", ["event_id"], unique=False)

    op.create_table(
        "readings",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("value_c", sa.Float(), nullable=False),
        sa.Column("value_entered", sa.Float(), nullable=False),
        sa.Column("unit_entered", sa.String(length=1), nullable=False),
        sa.Column("source_device", sa.String(length=64), nullable=False),
        sa.Column("taken_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("unit_entered IN ('C', 'F')", name=op.f("ck_readings_unit")),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["screening_events.id"],
            name=op.f("fk_readings_event_id_screening_events"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_readings")),
        sa.UniqueConstraint("event_id", "ordinal", name=op.f("uq_readings_event_id")),
    )
    op.create_table(
        "visits",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("gate_id", sa.Uuid(), nullable=True),
        sa.Column("seq", sa.Integer(), nullable=True),
        sa.Column("visit_date", sa.String(length=10), nullable=False),
        sa.Column("company", sa.String(length=100), nullable=False),
        sa.Column("host", sa.String(length=100), nullable=False),
        sa.Column("purpose", sa.String(length=200), nullable=False),
        sa.Column("declaration_id", sa.Uuid(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["declaration_id"],
            ["health_declarations.id"],
            name=op.f("fk_visits_declaration_id_health_declarations"),
        ),
        sa.ForeignKeyConstraint(["gate_id"], ["gates.id"], name=op.f("fk_visits_gate_id_gates")),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_visits_person_id_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visits")),
        sa.UniqueConstraint("gate_id", "seq", name=op.f("uq_visits_gate_id")),
    )
    with op.batch_alter_table("visits", schema=None) as batch_op:
        batch_op.create_index("ix_visits_date", ["visit_date"], unique=False)
        batch_op.create_index("ix_visits_declaration", ["declaration_id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("visits", schema=None) as batch_op:
        batch_op.drop_index("ix_visits_declaration")
        batch_op.drop_index("ix_visits_date")

    op.drop_table("visits")
    op.drop_table("readings")
    with op.batch_alter_table("amendments", schema=None) as batch_op:
        batch_op.drop_index("ix_amendments_event")

    op.drop_table("amendments")
    op.drop_table("alert_acks")
    with op.batch_alter_table("sync_key_gates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sync_key_gates_gate_id"))

    op.drop_table("sync_key_gates")
    with op.batch_alter_table("screening_events", schema=None) as batch_op:
        batch_op.drop_index("ix_events_recheck_of")
        batch_op.drop_index("ix_events_log_time")
        batch_op.drop_index("ix_events_log_person")
        batch_op.drop_index("ix_events_log_gate")
        batch_op.drop_index("ix_events_log_direction")
        batch_op.drop_index("ix_events_log_decision")

    op.drop_table("screening_events")
    op.drop_table("retention_holds")
    with op.batch_alter_table("observations", schema=None) as batch_op:
        batch_op.drop_index("ix_observations_person")

    op.drop_table("observations")
    with op.batch_alter_table("health_declarations", schema=None) as batch_op:
        batch_op.drop_index("ix_declarations_person_at")

    op.drop_table("health_declarations")
    op.drop_table("badges")
    op.drop_table("users")
    op.drop_table("signing_keys")
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.drop_index("ix_people_site_name")
        batch_op.drop_index("ix_people_site_department")

    op.drop_table("people")
    op.drop_table("gates")
    op.drop_table("sync_state")
    op.drop_table("sync_registry_sent")
    with op.batch_alter_table("sync_imports", schema=None) as batch_op:
        batch_op.drop_index("ix_sync_imports_origin")

    op.drop_table("sync_imports")
    op.drop_table("sites")
    op.drop_table("settings")
    op.drop_table("audit_log")
