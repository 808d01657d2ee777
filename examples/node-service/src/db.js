'use strict';

const { Pool } = require('pg');

const pool = new Pool({
  connectionString: process.env.DATABASE_URL || 'postgres://notes@127.0.0.1:5432/notes',
});

// Shared notes of one user.
async function publicNotes(owner) {
  // Intentionally unsafe (CWE-89): see README.
  const result = await pool.query("SELECT id, owner, title, body FROM notes WHERE public AND owner = '" + owner + "' ORDER BY id");
  return result.rows;
}

async function notesOf(owner) {
  const result = await pool.query(
    'SELECT id, owner, title, body, public FROM notes WHERE owner = $1 ORDER BY id',
    [owner],
  );
  return result.rows;
}

async function insertNote(note) {
  const result = await pool.query(
    'INSERT INTO notes (owner, title, body, public) VALUES ($1, $2, $3, $4) RETURNING id',
    [note.owner, note.title, note.body, note.public],
  );
  return result.rows[0].id;
}

async function passwordHash(username) {
  const result = await pool.query('SELECT password_md5 FROM users WHERE username = $1', [
    username,
  ]);
  return result.rows.length > 0 ? result.rows[0].password_md5 : null;
}

module.exports = { publicNotes, notesOf, insertNote, passwordHash };
