-- Two-step login: a second factor per account (a code by text message, a
-- spoken code by phone call, or an authenticator app), its single-use
-- recovery codes, setups waiting for their first code, and logins waiting
-- for their second step.

CREATE TABLE second_factors (
    account_id      INTEGER PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
    method          TEXT NOT NULL CHECK (method IN ('sms', 'voice', 'totp')),
    -- The number codes go to (sms, voice), in international form.
    phone           TEXT,
    -- The authenticator app's secret (totp).
    totp_secret     BLOB,
    -- The last authenticator step used: no code counts twice.
    totp_last_step  INTEGER,
    enabled_at      TEXT NOT NULL
);

CREATE TABLE recovery_codes (
    account_id      INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    code_hash       BLOB NOT NULL,
    used_at         TEXT,
    PRIMARY KEY (account_id, code_hash)
) WITHOUT ROWID;

-- At most one setup per account; a new one replaces it.
CREATE TABLE second_factor_setups (
    account_id      INTEGER PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
    method          TEXT NOT NULL CHECK (method IN ('sms', 'voice', 'totp')),
    phone           TEXT,
    totp_secret     BLOB,
    code_hash       BLOB,
    wrong_attempts  INTEGER NOT NULL DEFAULT 0,
    expires_at      TEXT NOT NULL
);

CREATE TABLE login_challenges (
    -- SHA-256 of the token in the second-step cookie.
    token_hash      BLOB PRIMARY KEY,
    account_id      INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    -- The code sent by text or call; NULL for the authenticator app.
    code_hash       BLOB,
    -- Whether the password was right: after too many attempts a login goes
    -- to the second step either way, so the step does not tell.
    password_ok     INTEGER NOT NULL,
    wrong_attempts  INTEGER NOT NULL DEFAULT 0,
    sent_at         TEXT NOT NULL,
    expires_at      TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX login_challenges_by_account ON login_challenges(account_id);
