"""teacher list indexes (issue 19): Педагоги is read in the order of one index at 40,000 staff

The list is ordered by last name, first name, middle name and id. With an index in that order PostgreSQL reads the
first page of a short search («и») by walking the index and stopping after the page's rows (9 ms against 166 ms of
sorting every matching row), and a page after a row starts where that row is. It begins with the last name, so the
index on the last name alone goes (a lookup by last name, as the roadmap import's, searches this one).

The positions and subjects of the rows read are looked up by teacher among the live ones: partial indexes of the live
rows (deleted_at IS NULL) answer that from the index alone — at 40,000 staff 0.23 s against 0.52 s on SQLite.

Revision ID: 0006_teacher_list_order
Revises: 0005_teacher_search
"""
import sqlalchemy as sa
from alembic import op

revision = '0006_teacher_list_order'
down_revision = '0005_teacher_search'
branch_labels = None
depends_on = None


ALIVE = sa.text("deleted_at IS NULL")
LINKS = {"teacher_position": "position", "teacher_subject": "subject"}


def upgrade() -> None:
    op.create_index("ix_teacher_list_order", "teacher", ["last_name", "first_name", "middle_name", "id"])
    op.drop_index("ix_teacher_last_name", table_name="teacher")
    for table, value in LINKS.items():
        op.create_index(f"ix_{table}_alive", table, ["teacher_id", value], sqlite_where=ALIVE, postgresql_where=ALIVE)


def downgrade() -> None:
    for table in LINKS:
        op.drop_index(f"ix_{table}_alive", table_name=table)
    op.create_index("ix_teacher_last_name", "teacher", ["last_name"])
    op.drop_index("ix_teacher_list_order", table_name="teacher")
