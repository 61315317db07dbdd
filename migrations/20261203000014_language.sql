-- The interface language of each account ('nl' or 'en'): what it reads in
-- Kring, and what mail and text messages to it are written in.
ALTER TABLE accounts ADD COLUMN language TEXT NOT NULL DEFAULT 'nl' CHECK (language IN ('nl', 'en'));
