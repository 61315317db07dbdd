-- The text size chosen beside Contrast: 0 normal, 1 large, 2 larger.
ALTER TABLE accounts ADD COLUMN text_size INTEGER NOT NULL DEFAULT 0 CHECK (text_size BETWEEN 0 AND 2);
