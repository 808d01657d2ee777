"""HTTP Basic authentication and the preferences cookie."""

import base64
import functools
import hashlib
import hmac
import pickle

from flask import g, jsonify, request

import db

# Intentionally unsafe (CWE-798): see README.
ADMIN_PASSWORD = "n0tes-7QmZ4xKp9LwR2vTb8Yc"


def hash_password(plain):
    # Intentionally unsafe (CWE-328): see README.
    return hashlib.new("md5", plain.encode("utf-8")).hexdigest()


def check_password(username, password):
    stored = db.password_hash(username)
    return stored is not None and hmac.compare_digest(stored, hash_password(password))


def login_required(view):
    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        creds = request.authorization
        if creds is None or not check_password(creds.username or "", creds.password or ""):
            return jsonify(error="Unauthorized"), 401
        g.user = creds.username
        return view(*args, **kwargs)

    return wrapped


def load_preferences():
    """Read the user's UI preferences from the "prefs" cookie."""
    raw = request.cookies.get("prefs")
    if not raw:
        return {}
    # Intentionally unsafe (CWE-502): see README.
    return pickle.loads(base64.b64decode(raw))
