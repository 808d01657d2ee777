"""notes-api: a tiny notes-and-files HTTP API used by the Paved Path examples.

It is vulnerable on purpose (see README.md): never deploy it.
"""

import os

from flask import Flask, Response, g, jsonify, request

import auth
import db
import files
import importer
import webhooks

app = Flask(__name__)
app.config.from_mapping(
    DATABASE=os.environ.get("DATABASE", os.path.join(app.instance_path, "notes.db")),
    UPLOAD_DIR=os.environ.get("UPLOAD_DIR", os.path.join(app.root_path, "uploads")),
    WEBHOOK_URL=os.environ.get("WEBHOOK_URL", ""),
)
app.teardown_appcontext(db.close_db)


@app.cli.command("init-db")
def init_db_command():
    """Create the tables and the admin account."""
    os.makedirs(app.instance_path, exist_ok=True)
    db.init_db(auth.hash_password(auth.ADMIN_PASSWORD))
    print("Initialised the database.")


@app.get("/notes")
@auth.login_required
def list_public_notes():
    return jsonify(db.public_notes(request.args.get("owner", "")))


@app.post("/notes")
@auth.login_required
def create_note():
    body = request.get_json(force=True)
    note = db.insert_note(g.user, body.get("title", "Untitled"), body.get("body", ""), bool(body.get("public")))
    webhooks.notify(app.config["WEBHOOK_URL"], "note.created", note)
    return jsonify(note), 201


@app.post("/notes/import")
@auth.login_required
def import_notes():
    created = [db.insert_note(g.user, n["title"], n["body"], n["public"]) for n in importer.parse_notes(request.get_data())]
    return jsonify(created), 201


@app.get("/files")
@auth.login_required
def download():
    data = files.read_upload(request.args.get("name", ""))
    return Response(data, mimetype="application/octet-stream")


@app.get("/export")
@auth.login_required
def export():
    archive = files.export_archive(request.args.get("dir", "."))
    return Response(archive, mimetype="application/gzip")


@app.get("/preferences")
def preferences():
    return jsonify(auth.load_preferences())


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=5000)
