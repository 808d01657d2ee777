"""Outgoing webhooks: post an event to WEBHOOK_URL, if set."""

import logging

import requests

log = logging.getLogger(__name__)


def notify(url, event, data):
    if not url:
        return
    try:
        # Intentionally unsafe (CWE-295): see README.
        requests.post(url, json={"event": event, "data": data}, timeout=10, verify=False)
    except requests.RequestException as exc:
        log.warning("webhook %s failed: %s", event, exc)
