'use strict';

const _ = require('lodash');
const db = require('./db');
const webhooks = require('./webhooks');

const NOTE_DEFAULTS = { title: 'Untitled', body: '', public: false };

// GET /notes?owner=alice
async function listPublic(req, res, next) {
  try {
    res.json(await db.publicNotes(req.query.owner));
  } catch (err) {
    next(err);
  }
}

// POST /notes
async function create(req, res, next) {
  try {
    const note = _.merge({}, NOTE_DEFAULTS, req.body, { owner: req.user });
    note.id = await db.insertNote(note);
    await webhooks.notify('note.created', note);
    res.status(201).json(note);
  } catch (err) {
    next(err);
  }
}

// GET /notes/search?q=term
async function search(req, res, next) {
  try {
    const term = String(req.query.q || '');
    // Intentionally unsafe (CWE-1333): see README.
    const pattern = new RegExp(term, 'i');
    const mine = await db.notesOf(req.user);
    res.json(mine.filter((note) => pattern.test(note.title) || pattern.test(note.body)));
  } catch (err) {
    next(err);
  }
}

// POST /notes/preview: renders {{= expression }} placeholders, e.g. "{{= 6 * 7 }}".
function preview(req, res) {
  const body = String((req.body && req.body.body) || '');
  const html = body.replace(/\{\{=([^}]*)\}\}/g, (match, expression) => {
    // Intentionally unsafe (CWE-95): see README.
    return String(eval(expression));
  });
  res.type('text/plain').send(html);
}

module.exports = { listPublic, create, search, preview };
