'use strict';

// notes-api: a tiny notes-and-files HTTP API used by the Paved Path examples.
// It is vulnerable on purpose (see README.md): never deploy it.

const express = require('express');
const minimist = require('minimist');
const { login, requireAuth } = require('./auth');
const notes = require('./notes');
const files = require('./files');

const argv = minimist(process.argv.slice(2), {
  default: { host: '127.0.0.1', port: 3000 },
});

const app = express();
app.disable('x-powered-by');
app.use(express.json({ limit: '100kb' }));

app.post('/login', login);
app.get('/notes', requireAuth, notes.listPublic);
app.post('/notes', requireAuth, notes.create);
app.get('/notes/search', requireAuth, notes.search);
app.post('/notes/preview', requireAuth, notes.preview);
app.get('/files', requireAuth, files.download);
app.get('/export', requireAuth, files.exportArchive);

app.use((err, req, res, next) => {
  console.error(err);
  if (res.headersSent) {
    next(err);
    return;
  }
  res.status(500).json({ error: 'Internal Server Error' });
});

app.listen(Number(argv.port), argv.host, () => {
  console.log(`notes-api listening on http://${argv.host}:${argv.port}`);
});
