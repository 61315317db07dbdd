-- "Ik help elke keer": a member who helps with every occurrence of a
-- repeating appointment, stored once for the series (like the series
-- itself), not once per date. Per-date sign-ups stay in appointment_helpers.
CREATE TABLE series_helpers (
    appointment_id  INTEGER NOT NULL REFERENCES appointments(id) ON DELETE CASCADE,
    account_id      INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    signed_up_at    TEXT NOT NULL,
    PRIMARY KEY (appointment_id, account_id)
) WITHOUT ROWID;
