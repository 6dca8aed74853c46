"""The constraints and indexes the loader and the app rely on.

Ids are unique per label and across labels (through ``Entity``), results are indexed by
level, framework members by framework, and a full-text index covers the searchable texts.
Schema changes cannot share a transaction with data writes, so :func:`ensure_schema` runs
before a load's or a restore's transaction; it never touches data.
"""

from __future__ import annotations

from typing import Final

from app.queries import fill_template, query
from app.repository.base import Db
from graph.vocabulary import ENTITY, FRAMEWORK_MEMBER_LABELS, NODE_LABELS, Label, allowed_label

FULLTEXT_INDEX: Final = "toc_fulltext"
FULLTEXT_PROPERTIES: Final = ("name", "text", "objective", "quote")
INDEX_WAIT_SECONDS: Final = 300


def schema_statements() -> list[str]:
    """Constraints and range indexes, in order; each is idempotent (IF NOT EXISTS)."""
    out = [
        fill_template(
            "schema_unique_id", name=f"{label.lower()}_id_unique", Label=allowed_label(label)
        )
        for label in NODE_LABELS
    ]
    # Ids are unique across labels too; the app looks nodes up by id alone through Entity.
    out.append(fill_template("schema_unique_id", name="entity_id_unique", Label=ENTITY))
    level = fill_template(
        "schema_property_index", name="result_level", Label=Label.RESULT, property="level"
    )
    out.append(level)
    out += [
        fill_template(
            "schema_property_index",
            name=f"{label.lower()}_framework",
            Label=allowed_label(label),
            property="framework",
        )
        for label in FRAMEWORK_MEMBER_LABELS
    ]
    return out


def ensure_schema(db: Db) -> None:
    """Create the constraints and indexes, and wait until they are online."""
    for statement in schema_statements():
        db.execute(statement)
    records = db.execute(query("schema_show_index"), {"name": FULLTEXT_INDEX})
    if records:
        found = records[0]
        covers = (found["type"], sorted(found["labelsOrTypes"]), list(found["properties"]))
        if covers != ("FULLTEXT", sorted(NODE_LABELS), list(FULLTEXT_PROPERTIES)):
            # Made from an older allow-list: rebuild it over today's labels.
            db.execute(fill_template("schema_drop_index", name=FULLTEXT_INDEX))
    labels = "|".join(allowed_label(label) for label in NODE_LABELS)
    db.execute(fill_template("schema_fulltext_index", Labels=labels))
    db.execute(query("schema_await_indexes"), {"timeout_seconds": INDEX_WAIT_SECONDS})
