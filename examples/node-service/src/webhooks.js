'use strict';

const https = require('https');
const axios = require('axios');

// Intentionally unsafe (CWE-295): see README.
const agent = new https.Agent({ rejectUnauthorized: false });

// Posts an event to WEBHOOK_URL, if set. Failures are logged, never thrown.
async function notify(event, data) {
  const url = process.env.WEBHOOK_URL;
  if (!url) {
    return;
  }
  try {
    await axios.post(url, { event, data }, { httpsAgent: agent, timeout: 10000 });
  } catch (err) {
    console.error(`webhook ${event} failed: ${err.message}`);
  }
}

module.exports = { notify };
