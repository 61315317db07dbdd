-- When a flash was first shown: a confirmation is shown again on a reload
-- within a few seconds (a page load that broke off), then it goes.
ALTER TABLE session_flashes ADD COLUMN taken_at TEXT;
