-- The organisation's side: its locations (teams), the role of each staff
-- member within it, its clients, and the activation code that links a
-- client to a family's care page. `providers` is the organisation.

ALTER TABLE providers ADD COLUMN created_at TEXT NOT NULL DEFAULT '';

CREATE TABLE locations (
    id              INTEGER PRIMARY KEY,
    provider_id     INTEGER NOT NULL REFERENCES providers(id) ON DELETE CASCADE,
    name            TEXT NOT NULL,
    UNIQUE (provider_id, name)
);

-- NULL for everyone who is not staff; staff without a role (from before this
-- migration) are employees.
ALTER TABLE accounts ADD COLUMN staff_role TEXT CHECK (staff_role IN ('admin', 'employee'));
UPDATE accounts SET staff_role = 'employee' WHERE provider_id IS NOT NULL;

CREATE TABLE staff_locations (
    account_id      INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    location_id     INTEGER NOT NULL REFERENCES locations(id) ON DELETE CASCADE,
    PRIMARY KEY (account_id, location_id)
) WITHOUT ROWID;
CREATE INDEX staff_locations_by_location ON staff_locations(location_id);

-- An invitation is to a care page (with a family role) or to an
-- organisation (with a staff role): the same link, mail and acceptance.
CREATE TABLE invitations_new (
    id              INTEGER PRIMARY KEY,
    token_hash      BLOB NOT NULL UNIQUE,
    care_page_id    INTEGER REFERENCES care_pages(id) ON DELETE CASCADE,
    provider_id     INTEGER REFERENCES providers(id) ON DELETE CASCADE,
    email           TEXT NOT NULL,
    role            TEXT NOT NULL CHECK (role IN ('trusted', 'helper', 'admin', 'employee')),
    location_id     INTEGER REFERENCES locations(id) ON DELETE SET NULL,
    invited_by      INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
    created_at      TEXT NOT NULL,
    expires_at      TEXT NOT NULL,
    accepted_at     TEXT,
    CHECK ((care_page_id IS NULL) <> (provider_id IS NULL)),
    CHECK (care_page_id IS NULL OR role IN ('trusted', 'helper'))
);
INSERT INTO invitations_new (id, token_hash, care_page_id, email, role, invited_by,
                             created_at, expires_at, accepted_at)
SELECT id, token_hash, care_page_id, email, role, invited_by, created_at, expires_at, accepted_at
FROM invitations;
DROP TABLE invitations;
ALTER TABLE invitations_new RENAME TO invitations;
CREATE INDEX invitations_by_page ON invitations(care_page_id, accepted_at);
CREATE INDEX invitations_by_provider ON invitations(provider_id, accepted_at);

-- A person the organisation cares for. Linked while `care_page_id` is set
-- and `unlinked_at` is not; `provider_links` is what access is decided on,
-- written in the same transaction.
CREATE TABLE clients (
    id              INTEGER PRIMARY KEY,
    provider_id     INTEGER NOT NULL REFERENCES providers(id) ON DELETE CASCADE,
    location_id     INTEGER REFERENCES locations(id) ON DELETE SET NULL,
    first_name      TEXT NOT NULL,
    last_name       TEXT NOT NULL,
    birth_date      TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    care_page_id    INTEGER REFERENCES care_pages(id) ON DELETE SET NULL,
    linked_at       TEXT,
    unlinked_at     TEXT,
    -- The code in force: SHA-256 of its ten digits, never the digits. Cleared
    -- when it is used; replaced (so voided) when a new one is issued.
    code_hash       BLOB UNIQUE,
    code_expires_at TEXT
);
CREATE INDEX clients_by_provider ON clients(provider_id, last_name, first_name);
CREATE INDEX clients_by_page ON clients(care_page_id);
