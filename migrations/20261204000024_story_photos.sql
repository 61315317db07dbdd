-- Photos in Mijn verhaal, each with a caption; read like the story (every
-- member, linked staff), added and removed by the admin and the trusted group.
CREATE TABLE story_photos (
    id              INTEGER PRIMARY KEY,
    care_page_id    INTEGER NOT NULL REFERENCES care_pages(id) ON DELETE CASCADE,
    -- Checked from the file's first bytes, never taken from the upload.
    content_type    TEXT NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp')),
    bytes           BLOB NOT NULL,
    caption         TEXT NOT NULL DEFAULT '',
    added_by        INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
    added_at        TEXT NOT NULL
);
CREATE INDEX story_photos_by_page ON story_photos(care_page_id, id);
