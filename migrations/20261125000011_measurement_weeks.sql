-- What a chart needs is kept when a value is written, so reading five years
-- costs about what reading a few weeks does (issue 9's benchmark):
--
-- 1. Each value's mark (outside the reference range), twice: `flagged` as
--    the family sees it (a weight against every weight of the 30 days
--    before), `flagged_own` as an organisation's staff see it (against the
--    weights their own organisation measured, as that is all they see). For
--    blood pressure and sugar the two are the same.
-- 2. Per week and per four weeks, per source (an organisation, or the family
--    at home), the counts, extremes and sums of the values, so a chart of
--    years groups some sixty rows instead of thousands of values.
--
-- `dossier/chart_store.rs` keeps both up to date on every insert; the
-- statements below fill them once for the values written before.

ALTER TABLE measurements ADD COLUMN flagged INTEGER NOT NULL DEFAULT 0;
ALTER TABLE measurements ADD COLUMN flagged_own INTEGER NOT NULL DEFAULT 0;

UPDATE measurements SET flagged = (value > 140 OR COALESCE(diastolic > 90, 0))
WHERE kind = 'blood_pressure';
UPDATE measurements SET flagged = (value < 4 OR value > 10)
WHERE kind = 'blood_sugar';
UPDATE measurements AS m SET
    flagged = COALESCE((
        SELECT m.value > 1.05 * MIN(w.value) OR m.value < 0.95 * MAX(w.value)
        FROM measurements AS w
        WHERE w.care_page_id = m.care_page_id AND w.kind = 'weight'
          AND w.measured_at >= strftime('%Y-%m-%dT%H:%M', m.measured_at, '-30 days')
          AND w.measured_at < m.measured_at), 0),
    flagged_own = COALESCE((
        SELECT m.value > 1.05 * MIN(w.value) OR m.value < 0.95 * MAX(w.value)
        FROM measurements AS w
        WHERE w.care_page_id = m.care_page_id AND w.kind = 'weight'
          AND w.measured_at >= strftime('%Y-%m-%dT%H:%M', m.measured_at, '-30 days')
          AND w.measured_at < m.measured_at
          AND w.provider_id IS m.provider_id), 0)
WHERE kind = 'weight';
UPDATE measurements SET flagged_own = flagged WHERE kind <> 'weight';

-- The few marked values, so "the newest ten outside the range" reads ten
-- index entries, not years of values.
CREATE INDEX measurements_flagged ON measurements(care_page_id, kind, measured_at) WHERE flagged;
CREATE INDEX measurements_flagged_own ON measurements(care_page_id, kind, measured_at)
    WHERE flagged_own;

CREATE TABLE measurement_weeks (
    care_page_id    INTEGER NOT NULL REFERENCES care_pages(id) ON DELETE CASCADE,
    kind            TEXT NOT NULL,
    -- NULL: measured at home by the family.
    provider_id     INTEGER REFERENCES providers(id) ON DELETE CASCADE,
    -- The stretch's length in weeks: 1 or 4.
    weeks           INTEGER NOT NULL,
    -- Its first week, in weeks since Monday 29 December 1969 (Monday to
    -- Sunday, local time); a multiple of 4 for stretches of four weeks.
    week            INTEGER NOT NULL,
    -- The first and last value's minute since 1 January 1970 00:00 local
    -- time (SQLite groups integers faster than text).
    first_minute    INTEGER NOT NULL,
    last_minute     INTEGER NOT NULL,
    count           INTEGER NOT NULL,
    low             REAL NOT NULL,
    high            REAL NOT NULL,
    total           REAL NOT NULL,
    second_low      REAL,
    second_high     REAL,
    second_total    REAL,
    pulse           INTEGER,
    flagged         INTEGER NOT NULL,
    flagged_own     INTEGER NOT NULL,
    author_name     TEXT NOT NULL
);
CREATE INDEX measurement_weeks_by_page ON measurement_weeks(care_page_id, kind, weeks, week);

INSERT INTO measurement_weeks (care_page_id, kind, provider_id, weeks, week,
    first_minute, last_minute, count, low, high, total,
    second_low, second_high, second_total, pulse, flagged, flagged_own, author_name)
SELECT care_page_id, kind, provider_id, lengths.weeks,
       CAST((julianday(substr(measured_at, 1, 10)) - 2440587.5 + 3) / 7 AS INTEGER)
           / lengths.weeks * lengths.weeks AS week,
       MIN(CAST(ROUND((julianday(measured_at) - 2440587.5) * 1440) AS INTEGER)),
       MAX(CAST(ROUND((julianday(measured_at) - 2440587.5) * 1440) AS INTEGER)),
       COUNT(*),
       MIN(value), MAX(value), SUM(value),
       MIN(diastolic), MAX(diastolic), SUM(diastolic), MIN(pulse),
       SUM(flagged), SUM(flagged_own), MIN(author_name)
FROM measurements, (SELECT 1 AS weeks UNION ALL SELECT 4) AS lengths
GROUP BY care_page_id, kind, provider_id, lengths.weeks, week;
