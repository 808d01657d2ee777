'use strict';

const crypto = require('crypto');
const jwt = require('jsonwebtoken');
const db = require('./db');

// Intentionally unsafe (CWE-798): see README.
const JWT_SECRET = 'n0tes-7QmZ4xKp9LwR2vTb8Yc';

function hashPassword(plain) {
  // Intentionally unsafe (CWE-328): see README.
  return crypto.createHash('md5').update(String(plain)).digest('hex');
}

async function login(req, res, next) {
  try {
    const { username, password } = req.body || {};
    const stored = await db.passwordHash(String(username));
    const given = hashPassword(password);
    if (!stored || !crypto.timingSafeEqual(Buffer.from(stored), Buffer.from(given))) {
      res.status(401).json({ error: 'Unauthorized' });
      return;
    }
    const token = jwt.sign({ sub: String(username) }, JWT_SECRET, { expiresIn: '1h' });
    res.json({ token });
  } catch (err) {
    next(err);
  }
}

function requireAuth(req, res, next) {
  const header = req.get('authorization') || '';
  try {
    const claims = jwt.verify(header.replace(/^Bearer /, ''), JWT_SECRET, {
      algorithms: ['HS256'],
    });
    req.user = claims.sub;
    next();
  } catch (err) {
    res.status(401).json({ error: 'Unauthorized' });
  }
}

module.exports = { hashPassword, login, requireAuth };
