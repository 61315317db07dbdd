-- "Hoe gaat het met jou?": a carer's own Caregiver Strain Index answers
-- (13 yes/no questions; a score of 7 or more is high strain). Only the carer
-- reads them; they go with the account. At most one per day: a second
-- answer on the same day replaces the first.
CREATE TABLE strain_checks (
    account_id      INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    answered_on     TEXT NOT NULL,           -- the day, Europe/Amsterdam
    answers         INTEGER NOT NULL,        -- bit n set: question n+1 answered "ja"
    score           INTEGER NOT NULL,
    PRIMARY KEY (account_id, answered_on)
);

-- The monthly reminder by mail, opt-in; when it was last sent (claimed by
-- the update that sends it, so two processes never send the same month's).
ALTER TABLE accounts ADD COLUMN strain_reminder INTEGER NOT NULL DEFAULT 0;
ALTER TABLE accounts ADD COLUMN strain_reminded_at TEXT;
