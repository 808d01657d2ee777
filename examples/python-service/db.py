"""SQLite storage for users and notes."""

import sqlite3

from flask import current_app, g

SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    username TEXT PRIMARY KEY,
    password_md5 TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS notes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    owner TEXT NOT NULL REFERENCES users (username),
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    public INTEGER NOT NULL DEFAULT 0
);
"""


def get_db():
    if "db" not in g:
        g.db = sqlite3.connect(current_app.config["DATABASE"])
        g.db.row_factory = sqlite3.Row
    return g.db


def close_db(exc=None):
    conn = g.pop("db", None)
    if conn is not None:
        conn.close()


def init_db(admin_password_hash):
    conn = get_db()
    conn.executescript(SCHEMA)
    conn.execute("INSERT OR REPLACE INTO users (username, password_md5) VALUES (?, ?)", ("admin", admin_password_hash))
    conn.commit()


def password_hash(username):
    row = get_db().execute("SELECT password_md5 FROM users WHERE username = ?", (username,)).fetchone()
    return row["password_md5"] if row else None


def public_notes(owner):
    cur = get_db().cursor()
    # Intentionally unsafe (CWE-89): see README.
    cur.execute("SELECT id, owner, title, body, public FROM notes WHERE public = 1 AND owner = '" + owner + "' ORDER BY id")
    return [dict(row) for row in cur.fetchall()]


def insert_note(owner, title, body, public):
    conn = get_db()
    cur = conn.execute(
        "INSERT INTO notes (owner, title, body, public) VALUES (?, ?, ?, ?)",
        (owner, title, body, int(public)),
    )
    conn.commit()
    return {"id": cur.lastrowid, "owner": owner, "title": title, "body": body, "public": bool(public)}
