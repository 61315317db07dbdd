-- A newcomer with a letter enters the activation code while registering (the
-- seeds' "Stap 3"): it is checked then, kept (as its hash) until the e-mail
-- address is confirmed, and used then to make their care page for the client
-- with the organisation linked.
CREATE TABLE pending_codes (
    account_id      INTEGER PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
    code_hash       BLOB NOT NULL,
    birth_date      TEXT NOT NULL,
    created_at      TEXT NOT NULL
);
