"""The database layout, as SQLAlchemy Core tables shared by the store, clustering and the web.

Core rather than the ORM because every write is a bulk insert of frozen records and
every read is a filtered scan: there is no object identity to track. Columns that are
queried (dates, place, type, status) are real columns with indexes; the full record
lives in a JSON ``data`` column (``sqlalchemy.JSON``: TEXT on SQLite, JSON on
PostgreSQL) so the same code runs on both and no field of SCHEMA.md is lost.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

__all__ = [
    "claims",
    "documents",
    "incident_aliases",
    "incident_history",
    "incident_reports",
    "incidents",
    "metadata",
    "reports",
]

# Named constraints so that migrations (and PostgreSQL error messages) are predictable.
metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

documents = Table(
    "documents",
    metadata,
    Column("id", String, primary_key=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("source", String),
    Column("url", Text),
    Column("title", Text),
    Column("published", String),
    Column("published_date", Date, index=True),
    Column("language", String(8)),
    Column("languages", JSON),
    Column("flags", JSON),
    Column("sentences", JSON),
    Column("text", Text, nullable=False),
    Column("raw", Text),
    Column("origin", Text),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    # Set by syndication detection: the document this one republishes.
    Column("copy_of", String, nullable=True),
    Column("similarity", Float, nullable=True),
    # Syndication's MinHash signature of the text (fogwatch.syndication.encode), kept so
    # a batch never re-hashes stored documents; b"" for a text too short to compare.
    Column("minhash", LargeBinary, nullable=True),
    Index(None, "source"),
)

reports = Table(
    "reports",
    metadata,
    Column("event_id", String, primary_key=True),
    Column(
        "doc_id", String, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False,
        index=True,
    ),
    Column("event_type", String, nullable=False),
    Column("sub_event_type", String),
    Column("date", Date, index=True),
    Column("date_start", Date),
    Column("date_end", Date),
    Column("place_name", String),
    Column("lat", Float),
    Column("lon", Float),
    Column("admin1", String, index=True),
    Column("geonameid", Integer),
    Column("geo_precision", Integer),
    Column("attacker_side", String),
    Column("fatalities", Integer),
    Column("injured", Integer),
    Column("disputed", Boolean, nullable=False, default=False),
    Column("summary", Text),
    Column("data", JSON, nullable=False),
    Index(None, "event_type", "sub_event_type"),
    Index(None, "date_start", "date_end"),
    Index(None, "lat", "lon"),
)

claims = Table(
    "claims",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "event_id", String, ForeignKey("reports.event_id", ondelete="CASCADE"), nullable=False,
        index=True,
    ),
    Column("claimant", String, nullable=False),
    Column("side", String),
    Column("stance", String, nullable=False),
    Column("span_start", Integer),
    Column("span_end", Integer),
    Index(None, "side", "stance"),
)

incidents = Table(
    "incidents",
    metadata,
    Column("incident_id", String, primary_key=True),
    Column("event_type", String, nullable=False),
    Column("sub_event_type", String),
    Column("date", Date, index=True),
    Column("date_start", Date),
    Column("date_end", Date),
    Column("lat", Float),
    Column("lon", Float),
    Column("admin1", String, index=True),
    Column("status", String, nullable=False, index=True),
    Column("attacker_side", String),
    Column("fatalities_best", Integer),
    Column("injured_best", Integer),
    Column("summary", Text),
    Column("data", JSON, nullable=False),
    Column("updated_at", DateTime(timezone=True)),
    # The API's list item as JSON, without its live report count and closing brace
    # (``queries.stored_list_item``), written with the row so a list page is joined
    # text; NULL means "build it from the columns" (rows of older versions).
    Column("list_item", Text, nullable=True),
    # Tenths of a degree of latitude, int(lat * 10 + 900) (``queries.lat_band``): with
    # an index on (lat_band, lon) a map box reads its own incidents, not every one in
    # its latitudes. Kept right by a trigger on SQLite whoever writes ``lat``.
    Column("lat_band", Integer, nullable=True),
    # How many reports are linked (rows of incident_reports): kept by triggers on
    # SQLite for the list page; NULL where nothing keeps it (PostgreSQL counts live).
    Column("n_reports", Integer, nullable=True),
    Index(None, "event_type", "sub_event_type"),
    Index(None, "date_start", "date_end"),
    Index(None, "lat", "lon"),
)

incident_reports = Table(
    "incident_reports",
    metadata,
    Column(
        "incident_id", String, ForeignKey("incidents.incident_id", ondelete="CASCADE"),
        nullable=False, index=True,
    ),
    # A report belongs to at most one incident.
    Column(
        "event_id", String, ForeignKey("reports.event_id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("reason", Text),
)

incident_history = Table(
    "incident_history",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "incident_id", String, ForeignKey("incidents.incident_id", ondelete="CASCADE"),
        nullable=False, index=True,
    ),
    Column("status", String, nullable=False),
    Column("at", String, nullable=False),
    Column("reason", Text),
    Column("doc_id", String),
)

# An incident whose only report moved to another incident (``cluster.REVISIT_DAYS``) is
# deleted; its id, which readers may have kept, stays here and resolves to where the
# report went.
incident_aliases = Table(
    "incident_aliases",
    metadata,
    Column("alias", String, primary_key=True),
    Column(
        "incident_id", String, ForeignKey("incidents.incident_id", ondelete="CASCADE"),
        nullable=False, index=True,
    ),
    Column("at", String, nullable=False),
    Column("reason", Text),
)
