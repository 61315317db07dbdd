-- Berichten: threads on a care page, their messages, who read how far, and
-- who wants an e-mail when a new message arrives.

CREATE TABLE threads (
    id              INTEGER PRIMARY KEY,
    care_page_id    INTEGER NOT NULL REFERENCES care_pages(id) ON DELETE CASCADE,
    -- NULL: a family thread (every member, never a provider). Set: a provider
    -- thread, shared with this organisation, the trusted group and the admin.
    -- Fixed when the thread starts; replies never change it.
    provider_id     INTEGER REFERENCES providers(id) ON DELETE CASCADE,
    subject         TEXT NOT NULL,
    started_by      INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
    created_at      TEXT NOT NULL,
    last_message_at TEXT NOT NULL
);
CREATE INDEX threads_by_page ON threads(care_page_id, last_message_at);

CREATE TABLE messages (
    id              INTEGER PRIMARY KEY,
    thread_id       INTEGER NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
    author_id       INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
    -- The organisation the author wrote for, when staff: kept with the
    -- message, so it still says so if the person later changes jobs.
    provider_id     INTEGER REFERENCES providers(id) ON DELETE SET NULL,
    body            TEXT NOT NULL,
    created_at      TEXT NOT NULL
);
CREATE INDEX messages_by_thread ON messages(thread_id, id);

CREATE TABLE thread_reads (
    thread_id       INTEGER NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
    account_id      INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    last_read_id    INTEGER NOT NULL,
    PRIMARY KEY (thread_id, account_id)
) WITHOUT ROWID;

-- Members who asked for an e-mail about new messages on a page (off by default).
CREATE TABLE message_mail (
    care_page_id    INTEGER NOT NULL REFERENCES care_pages(id) ON DELETE CASCADE,
    account_id      INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    PRIMARY KEY (care_page_id, account_id)
) WITHOUT ROWID;
