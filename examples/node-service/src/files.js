'use strict';

const fs = require('fs');
const path = require('path');
const childProcess = require('child_process');

const UPLOAD_DIR = process.env.UPLOAD_DIR || path.join(__dirname, '..', 'uploads');

// GET /files?name=report.pdf
function download(req, res) {
  const name = String(req.query.name || '');
  // Intentionally unsafe (CWE-22): see README.
  fs.readFile(path.join(UPLOAD_DIR, name), (err, data) => {
    if (err) {
      res.status(404).json({ error: 'Not Found' });
      return;
    }
    res.type('application/octet-stream').send(data);
  });
}

// GET /export?dir=2024 streams a folder of uploads as a .tar.gz
function exportArchive(req, res) {
  const dir = String(req.query.dir || '.');
  const options = { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 };
  // Intentionally unsafe (CWE-78): see README.
  childProcess.exec('tar -czf - -C ' + UPLOAD_DIR + ' ' + dir, options, (err, stdout) => {
    if (err) {
      res.status(500).json({ error: 'Internal Server Error' });
      return;
    }
    res.type('application/gzip').send(stdout);
  });
}

module.exports = { download, exportArchive };
