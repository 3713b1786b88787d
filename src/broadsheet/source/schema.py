"""JSON Schema for layouts, editions and article front matter, made from the
key tables the loaders validate with, so an editor's YAML language server
completes and checks exactly what broadsheet accepts.

The schema is the loader's first line only: rules that need the whole page
(a block inside the grid, blocks that do not overlap, a jump's two ends)
are for ``broadsheet check``.
"""
from __future__ import annotations

import json

from .article import FRONT_MATTER_KEYS
from .edition import EDITION_KEYS
from .fields import Key, Keys, ValueType
from .layout_keys import LAYOUT_KEYS

# Draft 7: what YAML language servers read fully.
SCHEMA_DIALECT = "http://json-schema.org/draft-07/schema#"
SCHEMA_BASE = "https://broadsheet.invalid/schema/"  # an identifier, not a place to fetch from
# What `broadsheet schema KIND` writes.
SCHEMA_KINDS = ("layout", "article")


def mapping_schema(keys: Keys) -> dict:
    """An object of exactly these keys (a typo is flagged, as the loader refuses it)."""
    schema: dict = {"type": "object", "properties": {name: key_schema(key) for name, key in keys.items()},
                    "additionalProperties": False}
    required = [name for name, key in keys.items() if key.required]
    if required:
        schema["required"] = required
    return schema


def key_schema(key: Key) -> dict:
    if key.section is not None:
        schema = mapping_schema(key.section)
    elif key.items is not None:
        items = key.items.schema if isinstance(key.items, ValueType) else mapping_schema(key.items)
        schema = {"type": "array", "items": items}
    else:
        schema = dict(key.value.schema)
    return {"description": key.about, **schema}


def layout_schema() -> dict:
    """A page layout or an edition (an edition is told by its ``pages:``)."""
    return {"$schema": SCHEMA_DIALECT, "$id": SCHEMA_BASE + "layout.schema.json",
            "title": "broadsheet page layout or edition",
            "anyOf": [{"title": "page layout", **mapping_schema(LAYOUT_KEYS)},
                      {"title": "edition", **mapping_schema(EDITION_KEYS)}]}


def article_schema() -> dict:
    """An article's front matter (the YAML between its two '---' lines)."""
    return {"$schema": SCHEMA_DIALECT, "$id": SCHEMA_BASE + "article.schema.json",
            "title": "broadsheet article front matter", **mapping_schema(FRONT_MATTER_KEYS)}


def schema_text(kind: str) -> str:
    """The schema of ``kind`` (layout or article) as the file docs/schema/ ships."""
    schema = {"layout": layout_schema, "article": article_schema}[kind]()
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
