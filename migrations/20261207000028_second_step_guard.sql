-- Wrong second-step codes count per account, across logins (issue 30).
--
-- `wrong_codes` is claimed *before* a code is checked (one statement that
-- only succeeds for the value it read), so parallel guesses cannot check
-- more codes than the limit allows; a right code sets it back to 0.
-- `locked_at`: the limit was reached; only a recovery code or a link from
-- the mailbox (a new password) ends it.
CREATE TABLE second_step_guards (
    account_id      INTEGER PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
    wrong_codes     INTEGER NOT NULL DEFAULT 0,
    last_try_at     TEXT,
    locked_at       TEXT
);

-- Logins between their two steps, made again (they live five minutes, so
-- none worth keeping is lost in an upgrade):
-- * `account_id` may be NULL: past an address's password attempts every
--   login goes on to a second step that says nothing about the account,
--   also for an address without an account;
-- * `late`: made past the attempts, so its step shows no method and its
--   answers never depend on whether the password was right;
-- * several may wait for one account: a stranger's attempt never replaces
--   the owner's.
DROP TABLE login_challenges;
CREATE TABLE login_challenges (
    token_hash      BLOB PRIMARY KEY,
    account_id      INTEGER REFERENCES accounts(id) ON DELETE CASCADE,
    code_hash       BLOB,
    password_ok     INTEGER NOT NULL,
    late            INTEGER NOT NULL DEFAULT 0,
    -- Tries taken on this login, claimed before each check.
    tries           INTEGER NOT NULL DEFAULT 0,
    -- Where the login goes once done (a page the person was going to).
    landing         TEXT NOT NULL DEFAULT '/',
    sent_at         TEXT NOT NULL,
    expires_at      TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX login_challenges_by_account ON login_challenges(account_id);
CREATE INDEX login_challenges_by_expiry ON login_challenges(expires_at);
