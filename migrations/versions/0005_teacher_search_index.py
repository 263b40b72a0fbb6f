"""teacher search index (issue 19): a keystroke in Педагоги at 40,000 staff finds the rows by an index

Both: a partial index of the rows with no folded copy (a search reads them besides those the index finds). SQLite: an
FTS5 trigram index over teacher.search_text (external content, kept by triggers). PostgreSQL: a pg_trgm GIN index
over teacher.search_text, which LIKE '%…%' uses by itself; where the extension is not available that index is left
out and searches read the table as before.

A later revision that re-creates the teacher table (a batch operation on SQLite) drops the triggers and may renumber
rowids: it must run `INSERT INTO teacher_search(teacher_search) VALUES ('rebuild')` and create the triggers again
(tests/test_search_index.py checks the index against the table at head).

Revision ID: 0005_teacher_search
Revises: 12c58750b8ab
"""
from alembic import op
from sqlalchemy.exc import DBAPIError

revision = '0005_teacher_search'
down_revision = '12c58750b8ab'
branch_labels = None
depends_on = None

SQLITE = (
    "CREATE VIRTUAL TABLE teacher_search USING fts5(search_text, content='teacher', content_rowid='rowid', "
    "tokenize='trigram')",
    "INSERT INTO teacher_search(teacher_search) VALUES ('rebuild')",
    "CREATE TRIGGER teacher_search_insert AFTER INSERT ON teacher BEGIN "
    "INSERT INTO teacher_search(rowid, search_text) VALUES (new.rowid, new.search_text); END",
    "CREATE TRIGGER teacher_search_delete AFTER DELETE ON teacher BEGIN "
    "INSERT INTO teacher_search(teacher_search, rowid, search_text) VALUES ('delete', old.rowid, old.search_text); END",
    "CREATE TRIGGER teacher_search_update AFTER UPDATE OF search_text ON teacher BEGIN "
    "INSERT INTO teacher_search(teacher_search, rowid, search_text) VALUES ('delete', old.rowid, old.search_text); "
    "INSERT INTO teacher_search(rowid, search_text) VALUES (new.rowid, new.search_text); END",
)
UNFOLDED = "CREATE INDEX ix_teacher_unfolded ON teacher (id) WHERE search_text IS NULL"


def upgrade() -> None:
    bind = op.get_bind()
    op.execute(UNFOLDED)  # the rows a search reads besides those the trigram index finds
    if bind.dialect.name == "sqlite":
        for statement in SQLITE:
            op.execute(statement)
        return
    try:
        with bind.begin_nested():
            op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DBAPIError:  # not installed on the server, or not ours to create: searches read the table
        return
    op.execute("CREATE INDEX ix_teacher_search_trgm ON teacher USING gin (search_text gin_trgm_ops)")


def downgrade() -> None:
    op.execute("DROP INDEX ix_teacher_unfolded")
    if op.get_bind().dialect.name == "sqlite":
        for name in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER teacher_search_{name}")
        op.execute("DROP TABLE teacher_search")
        return
    op.execute("DROP INDEX IF EXISTS ix_teacher_search_trgm")
