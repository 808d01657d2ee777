-- Schema and demo data for the example (PostgreSQL).
CREATE TABLE IF NOT EXISTS users (
    username     TEXT PRIMARY KEY,
    password_md5 TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS notes (
    id     BIGSERIAL PRIMARY KEY,
    owner  TEXT    NOT NULL REFERENCES users (username),
    title  TEXT    NOT NULL,
    body   TEXT    NOT NULL DEFAULT '',
    public BOOLEAN NOT NULL DEFAULT FALSE
);

-- Demo account alice / alice-password, stored as an unsalted MD5 like the service does.
INSERT INTO users (username, password_md5) VALUES ('alice', md5('alice-password'))
    ON CONFLICT (username) DO NOTHING;
INSERT INTO notes (owner, title, body, public) VALUES
    ('alice', 'Welcome', 'This note is public.', TRUE),
    ('alice', 'Diary', 'This note is private.', FALSE);
