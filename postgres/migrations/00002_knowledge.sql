-- The knowledge library: textbook sections, a school's own pages and the
-- embedded K–12 topics, searched with full-text search (weighted: title A,
-- objectives and terms B, body C) and trigram similarity for misspellings.
-- unaccent and pg_trgm ship with PostgreSQL (contrib) and are allowed on Cloud SQL.

-- +goose Up
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- English stemming after accents are folded, so "Schrödinger" and
-- "schrodinger" match. to_tsvector with a named configuration is immutable,
-- which a generated column needs.
-- +goose StatementBegin
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'vividly_english') THEN
        CREATE TEXT SEARCH CONFIGURATION vividly_english (COPY = english);
        ALTER TEXT SEARCH CONFIGURATION vividly_english
            ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
    END IF;
END
$$;
-- +goose StatementEnd

CREATE TABLE knowledge_sections (
    id              bigserial   PRIMARY KEY,
    source          text        NOT NULL,
    key             text        NOT NULL,
    collection      text        NOT NULL,
    book            text        NOT NULL,
    chapter         text        NOT NULL DEFAULT '',
    title           text        NOT NULL,
    objectives      text        NOT NULL DEFAULT '', -- one per line
    terms           text        NOT NULL DEFAULT '', -- one per line
    body            text        NOT NULL,
    subject         text        NOT NULL,
    grade_min       smallint    NOT NULL CHECK (grade_min BETWEEN 0 AND 12),
    grade_max       smallint    NOT NULL CHECK (grade_max BETWEEN grade_min AND 12),
    license         text        NOT NULL,
    url             text        NOT NULL DEFAULT '',
    topic_id        text        NULL,
    words           integer     NOT NULL DEFAULT 0,
    content_hash    text        NOT NULL,
    embedding       real[]      NULL,
    ingested_at     timestamptz NOT NULL DEFAULT now(),
    search tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('vividly_english', title), 'A') ||
        setweight(to_tsvector('vividly_english', objectives || ' ' || terms), 'B') ||
        setweight(to_tsvector('vividly_english', body), 'C')) STORED,
    UNIQUE (source, key)
);

CREATE INDEX knowledge_sections_search_idx ON knowledge_sections USING gin (search);
CREATE INDEX knowledge_sections_collection_idx ON knowledge_sections (source, collection);
-- Misspelt words are looked up by trigram similarity to titles and terms.
CREATE INDEX knowledge_sections_names_trgm_idx ON knowledge_sections
    USING gin ((lower(title || ' ' || terms)) gin_trgm_ops);

-- +goose Down
DROP TABLE knowledge_sections;
DROP TEXT SEARCH CONFIGURATION IF EXISTS vividly_english;
