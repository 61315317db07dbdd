-- Refused looks at a dossier still go into the access log (NEN 7513 asks
-- for them), but a burst no longer floods it (issue 30): a refusal repeated
-- by the same account on the same page within the same minute, or past the
-- account's hourly ceiling, adds to the count of the row it repeats instead
-- of writing a new one. The row itself stays as it was chained; only its
-- count of repeats lives here.
CREATE TABLE access_log_repeats (
    row_id          INTEGER PRIMARY KEY REFERENCES dossier_access_log(id),
    repeats         INTEGER NOT NULL
);
-- An account's newest refusals, found without reading the whole log.
CREATE INDEX access_log_refusals_by_account ON dossier_access_log(account_id, id)
    WHERE outcome = 'refused';
