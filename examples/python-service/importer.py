"""Bulk import of notes from a YAML document.

Example document::

    - title: Groceries
      body: milk, eggs
      public: false
"""

import yaml


def parse_notes(document):
    # Intentionally unsafe (CWE-502): see README.
    data = yaml.load(document, Loader=yaml.Loader)
    if not isinstance(data, list):
        raise ValueError("expected a list of notes")
    return [
        {"title": str(item.get("title", "Untitled")), "body": str(item.get("body", "")), "public": bool(item.get("public"))}
        for item in data
    ]
