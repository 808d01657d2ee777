"""Uploaded files: download one, or export a folder as a .tar.gz."""

import os
import subprocess

from flask import abort, current_app


def read_upload(name):
    if not name:
        abort(400)
    # Intentionally unsafe (CWE-22): see README.
    with open(os.path.join(current_app.config["UPLOAD_DIR"], name), "rb") as fh:
        return fh.read()


def export_archive(folder):
    upload_dir = current_app.config["UPLOAD_DIR"]
    # Intentionally unsafe (CWE-78): see README.
    return subprocess.check_output("tar -czf - -C " + upload_dir + " " + folder, shell=True)
