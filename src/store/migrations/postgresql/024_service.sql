-- 024 service to the people (issue 15, items 1 and 2): 联系点 (contacts a
-- member or leader keeps, with visits), 结对共建 (a bureau branch paired with
-- a village or community branch, with joint activities), 进社区报到
-- (registrations with a community) and volunteering (service activities
-- with sign-ups and hours, reported by the member and confirmed by the
-- organiser).  Money in fen, hours in hundredths.  The bureau's rule "each
-- member contacts at least N households" is a bureau setting (NULL: 0, no rule).
ALTER TABLE bureau_settings ADD COLUMN contact_min_households INTEGER;

CREATE TABLE contacts (
    id          BIGSERIAL PRIMARY KEY,
    bureau_id   BIGINT NOT NULL REFERENCES orgs(id),
    person_id   BIGINT NOT NULL REFERENCES people(id),
    org_id      BIGINT REFERENCES orgs(id),  -- a leader's contact branch in the bureau
    kind        TEXT NOT NULL,                -- household, enterprise, village_branch, community_branch, other
    name        TEXT NOT NULL,
    place       TEXT NOT NULL DEFAULT '',
    phone       TEXT NOT NULL DEFAULT '',
    started_on  TEXT NOT NULL,
    ended_on    TEXT,
    note        TEXT NOT NULL DEFAULT '',
    created_by  BIGINT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX contacts_person ON contacts(bureau_id, person_id);

CREATE TABLE contact_visits (
    id          BIGSERIAL PRIMARY KEY,
    bureau_id   BIGINT NOT NULL REFERENCES orgs(id),
    contact_id  BIGINT NOT NULL REFERENCES contacts(id),
    visited_on  TEXT NOT NULL,
    content     TEXT NOT NULL,
    help_kind   TEXT NOT NULL DEFAULT '',
    help_amount BIGINT  NOT NULL DEFAULT 0,   -- fen
    created_by  BIGINT,
    created_at  TEXT NOT NULL
);
CREATE INDEX contact_visits_contact ON contact_visits(contact_id);

CREATE TABLE pairings (
    id           BIGSERIAL PRIMARY KEY,
    bureau_id    BIGINT NOT NULL REFERENCES orgs(id),
    org_id       BIGINT NOT NULL REFERENCES orgs(id),
    partner      TEXT NOT NULL,
    partner_kind TEXT NOT NULL,               -- village, community
    started_on   TEXT NOT NULL,
    ended_on     TEXT,
    note         TEXT NOT NULL DEFAULT '',
    created_by   BIGINT,
    created_at   TEXT NOT NULL
);

CREATE TABLE pairing_activities (
    id           BIGSERIAL PRIMARY KEY,
    bureau_id    BIGINT NOT NULL REFERENCES orgs(id),
    pairing_id   BIGINT NOT NULL REFERENCES pairings(id),
    held_on      TEXT NOT NULL,
    title        TEXT NOT NULL,
    content      TEXT NOT NULL DEFAULT '',
    participants INTEGER NOT NULL DEFAULT 0,
    created_by   BIGINT,
    created_at   TEXT NOT NULL
);
CREATE INDEX pairing_activities_pairing ON pairing_activities(pairing_id);

CREATE TABLE community_registrations (
    id            BIGSERIAL PRIMARY KEY,
    bureau_id     BIGINT NOT NULL REFERENCES orgs(id),
    person_id     BIGINT NOT NULL REFERENCES people(id),
    community     TEXT NOT NULL,
    registered_on TEXT NOT NULL,
    confirmed_on  TEXT,
    confirmed_by  BIGINT,
    note          TEXT NOT NULL DEFAULT '',
    created_by    BIGINT,
    created_at    TEXT NOT NULL
);
CREATE INDEX community_registrations_person ON community_registrations(bureau_id, person_id);

CREATE TABLE service_activities (
    id          BIGSERIAL PRIMARY KEY,
    bureau_id   BIGINT NOT NULL REFERENCES orgs(id),
    org_id      BIGINT NOT NULL REFERENCES orgs(id),
    kind        TEXT NOT NULL,                -- volunteer, masses (我为群众办实事), enterprises (万人助万企)
    title       TEXT NOT NULL,
    held_on     TEXT NOT NULL,
    place       TEXT NOT NULL DEFAULT '',
    content     TEXT NOT NULL DEFAULT '',
    created_by  BIGINT,
    created_at  TEXT NOT NULL
);
CREATE INDEX service_activities_held ON service_activities(bureau_id, held_on);

CREATE TABLE service_signups (
    id           BIGSERIAL PRIMARY KEY,
    bureau_id    BIGINT NOT NULL REFERENCES orgs(id),
    activity_id  BIGINT NOT NULL REFERENCES service_activities(id),
    person_id    BIGINT NOT NULL REFERENCES people(id),
    hours        INTEGER NOT NULL DEFAULT 0,  -- hundredths
    status       TEXT NOT NULL,               -- signed_up, reported, confirmed
    reported_at  TEXT,
    confirmed_by BIGINT,
    confirmed_at TEXT,
    created_at   TEXT NOT NULL,
    UNIQUE (activity_id, person_id)
);
CREATE INDEX service_signups_person ON service_signups(person_id);
