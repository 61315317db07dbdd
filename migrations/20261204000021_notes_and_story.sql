-- Notities: practical information every member of a page may read and add
-- (phone numbers, addresses, where the key is). Never shown to a provider.
CREATE TABLE notes (
    id              INTEGER PRIMARY KEY,
    care_page_id    INTEGER NOT NULL REFERENCES care_pages(id) ON DELETE CASCADE,
    -- Who wrote it: they may change and delete it, beside the admin.
    author_id       INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
    title           TEXT NOT NULL,
    body            TEXT NOT NULL DEFAULT '',
    phone           TEXT NOT NULL DEFAULT '',
    address         TEXT NOT NULL DEFAULT '',
    pinned          INTEGER NOT NULL DEFAULT 0,
    -- The newest change, shown under the note ("gewijzigd door … om …").
    changed_by      INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
    changed_at      TEXT NOT NULL,
    created_at      TEXT NOT NULL
);
CREATE INDEX notes_by_page ON notes(care_page_id, pinned, changed_at);

-- Mijn verhaal: each chapter of the life story is a list of versions; the
-- newest is the chapter, the earlier ones are kept and can be read back.
CREATE TABLE life_story_versions (
    id              INTEGER PRIMARY KEY,
    care_page_id    INTEGER NOT NULL REFERENCES care_pages(id) ON DELETE CASCADE,
    -- The chapter's key (`jeugd`, `werk`, …; see `life_story::Chapter`).
    chapter         TEXT NOT NULL,
    body            TEXT NOT NULL,
    written_by      INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
    written_at      TEXT NOT NULL
);
CREATE INDEX life_story_by_chapter ON life_story_versions(care_page_id, chapter, id);
