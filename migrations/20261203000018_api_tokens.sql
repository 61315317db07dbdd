-- The organisation's own systems reach Kring with API tokens: made by an
-- organisation admin, shown once, kept only as SHA-256, with scopes, the
-- last time used, and revocable.
CREATE TABLE api_tokens (
    id              INTEGER PRIMARY KEY,
    provider_id     INTEGER NOT NULL REFERENCES providers(id) ON DELETE CASCADE,
    name            TEXT NOT NULL,
    token_hash      BLOB NOT NULL UNIQUE,
    -- Space-separated: "clients:read visits:write".
    scopes          TEXT NOT NULL,
    created_by      INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
    created_at      TEXT NOT NULL,
    last_used_at    TEXT,
    revoked_at      TEXT
);
CREATE INDEX api_tokens_by_provider ON api_tokens(provider_id, revoked_at);
