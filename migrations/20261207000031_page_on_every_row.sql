-- Every row that belongs to one care page says which (issue 32). These
-- tables hung off another page-owned row (a thread, an appointment, a report,
-- a row of the access log); now they carry care_page_id themselves, so that
-- a sharded installation can keep every row of a page together with one
-- distribution key (docs/scale.md), and a page's rows are found without a
-- join.
--
-- Added empty and filled from the row each hangs off. Safe while a process
-- of the previous version still serves (a rolling upgrade): the rows it
-- writes meanwhile stay empty here, and the later migration that requires
-- the column fills them the same way first. No foreign key: the row it
-- hangs off already ties it to its page, and deleting a page deletes these
-- rows through that row as before.
ALTER TABLE messages ADD COLUMN care_page_id INTEGER;
UPDATE messages SET care_page_id = (SELECT t.care_page_id FROM threads t WHERE t.id = messages.thread_id);
CREATE INDEX messages_by_page ON messages(care_page_id);

ALTER TABLE thread_reads ADD COLUMN care_page_id INTEGER;
UPDATE thread_reads SET care_page_id = (SELECT t.care_page_id FROM threads t WHERE t.id = thread_reads.thread_id);

ALTER TABLE appointment_helpers ADD COLUMN care_page_id INTEGER;
UPDATE appointment_helpers SET care_page_id =
    (SELECT a.care_page_id FROM appointments a WHERE a.id = appointment_helpers.appointment_id);

ALTER TABLE appointment_skips ADD COLUMN care_page_id INTEGER;
UPDATE appointment_skips SET care_page_id =
    (SELECT a.care_page_id FROM appointments a WHERE a.id = appointment_skips.appointment_id);

ALTER TABLE series_helpers ADD COLUMN care_page_id INTEGER;
UPDATE series_helpers SET care_page_id =
    (SELECT a.care_page_id FROM appointments a WHERE a.id = series_helpers.appointment_id);

ALTER TABLE report_reads ADD COLUMN care_page_id INTEGER;
UPDATE report_reads SET care_page_id = (SELECT r.care_page_id FROM reports r WHERE r.id = report_reads.report_id);

ALTER TABLE access_log_repeats ADD COLUMN care_page_id INTEGER;
UPDATE access_log_repeats SET care_page_id =
    (SELECT l.care_page_id FROM dossier_access_log l WHERE l.id = access_log_repeats.row_id);
