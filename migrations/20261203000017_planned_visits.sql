-- Visits planned by an organisation's staff (or its own systems through the
-- API): who comes, which planned series a visit belongs to, and the
-- organisation's own id for it, so sending the same visit twice changes it
-- instead of adding it again.
ALTER TABLE visits ADD COLUMN employee_id INTEGER REFERENCES accounts(id) ON DELETE SET NULL;
ALTER TABLE visits ADD COLUMN series_id INTEGER;
ALTER TABLE visits ADD COLUMN external_id TEXT;
CREATE UNIQUE INDEX visits_by_external_id ON visits(provider_id, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX visits_by_employee ON visits(employee_id, starts_at);
CREATE INDEX visits_by_provider ON visits(provider_id, starts_at);
-- The console asks, per upcoming visit, whether later ones of its schedule exist.
CREATE INDEX visits_by_series ON visits(series_id, starts_at) WHERE series_id IS NOT NULL;
