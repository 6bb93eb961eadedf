"""The ledger's tables (DuckDB). Lists and nested values are stored as JSON text."""

TABLES = """
CREATE TABLE IF NOT EXISTS documents (
    sha256 VARCHAR NOT NULL,      -- of the normalised text: the ingest key (unique: the writer skips known keys)
    id VARCHAR NOT NULL,          -- the input's id, else sha256
    seq BIGINT NOT NULL,          -- ingestion order
    input VARCHAR,                -- where it was read from (path, path:line, path#guid, path@offset)
    title VARCHAR, url VARCHAR, outlet VARCHAR, published VARCHAR,
    copy_of VARCHAR,              -- sha256 of the first-ingested report this one is a near-copy of
    chars INTEGER, text VARCHAR,
    minhash BLOB
);
CREATE TABLE IF NOT EXISTS bands (key UBIGINT, sha256 VARCHAR);
CREATE TABLE IF NOT EXISTS mentions (
    document VARCHAR, event VARCHAR, seq BIGINT, ord INTEGER, canonical VARCHAR, row VARCHAR
);
CREATE TABLE IF NOT EXISTS claims (
    document VARCHAR, claim VARCHAR, seq BIGINT, ord INTEGER, canonical VARCHAR, row VARCHAR
);
CREATE TABLE IF NOT EXISTS events (
    id VARCHAR, block VARCHAR, start_day VARCHAR, end_day VARCHAR, profile VARCHAR
);
CREATE TABLE IF NOT EXISTS errors (
    key VARCHAR NOT NULL, seq BIGINT, input VARCHAR, document VARCHAR, stage VARCHAR, reason VARCHAR
);
"""
