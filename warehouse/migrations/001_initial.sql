-- The first schema. Never edit a migration that has shipped: add the next number instead.

CREATE TABLE runs (
    run_id            VARCHAR PRIMARY KEY,
    started_at        TIMESTAMP NOT NULL,
    ended_at          TIMESTAMP,
    status            VARCHAR NOT NULL,          -- running | completed | failed
    files_seen        INTEGER,
    files_new         INTEGER,
    files_changed     INTEGER,
    files_unchanged   INTEGER,
    files_gone        INTEGER,
    documents_ok      INTEGER,
    documents_needs_ocr   INTEGER,
    documents_quarantined INTEGER,
    error             VARCHAR
);

-- One row per file seen in the export (the file's current content).
CREATE TABLE documents (
    doc_id        VARCHAR PRIMARY KEY,           -- derived from path_key and sha256
    sha256        VARCHAR NOT NULL,              -- of the file's bytes
    path_key      VARCHAR NOT NULL UNIQUE,       -- keyed hash of the relative path: finds a changed file's rows
    source_path   VARCHAR NOT NULL,              -- relative to the export root, identities masked
    doc_type      VARCHAR,                       -- dur | order | plan | journal | other
    doc_date      DATE,
    case_key      VARCHAR,                       -- HMAC-SHA256 of the person's 12-digit personnummer
    linked_by     VARCHAR,                       -- personnummer | name, NULL when not linked
    link_note     VARCHAR,                       -- why a document is not linked to a case
    name_key      VARCHAR,                       -- keyed hash of the full name given for the person
    gender        VARCHAR,                       -- K | M, from the personnummer
    birth_year    INTEGER,
    district      VARCHAR,
    provider      VARCHAR,
    pages         INTEGER,
    status        VARCHAR NOT NULL,              -- ok | needs_ocr | quarantined
    error         VARCHAR,
    run_id        VARCHAR NOT NULL               -- the run that loaded this content
);

-- Keyed hashes of the words of every name a document gives for its person: used to mask texts and
-- paths against all names known to the warehouse without keeping the names.
CREATE TABLE name_tokens (
    doc_id     VARCHAR NOT NULL,
    token_key  VARCHAR NOT NULL
);

CREATE TABLE items (
    doc_id      VARCHAR NOT NULL,
    item_no     INTEGER NOT NULL,
    case_key    VARCHAR,
    kind        VARCHAR NOT NULL,                -- purpose | goal | subgoal | activity
    text        VARCHAR NOT NULL,
    page        INTEGER,
    char_start  INTEGER,
    char_end    INTEGER
);

CREATE TABLE mentions (
    doc_id      VARCHAR NOT NULL,
    mention_no  INTEGER NOT NULL,
    case_key    VARCHAR,
    topic       VARCHAR NOT NULL,
    status      VARCHAR NOT NULL,
    evidence    VARCHAR NOT NULL,
    page        INTEGER,
    char_start  INTEGER,
    char_end    INTEGER
);
