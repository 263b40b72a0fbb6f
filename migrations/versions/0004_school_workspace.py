"""school workspace: answers to recommendations with files, courses outside the catalogue, the district summary of a school year, declared-incomplete sign-offs

Revision ID: 0004_school_workspace
Revises: 0003_roadmap_corrections
Create Date: 2026-12-01 14:43:53.543309
"""
from alembic import op
import sqlalchemy as sa

from app.services.ids import stable_id

ANSWER_STATE = {"done": "done", "in_progress": "in_progress"}  # the district's status → the answer's state


def _answers_from_responses() -> None:
    """The «Ответ школы» text the district used to type into a recommendation becomes the school's answer."""
    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT id, status, school_response, updated_at, origin, is_demo "
                                "FROM recommendation WHERE school_response IS NOT NULL AND school_response <> ''"))
    answers = sa.table("recommendation_answer", *(sa.column(name) for name in (
        "id", "recommendation_id", "text", "state", "answered_on", "origin", "is_demo")))
    values = [{"id": stable_id("recommendation_answer", row.id), "recommendation_id": row.id,
               "text": row.school_response, "state": ANSWER_STATE.get(row.status, "accepted"),
               "answered_on": sa.func.date(row.updated_at), "origin": row.origin, "is_demo": row.is_demo}
              for row in rows]
    for value in values:
        bind.execute(answers.insert().values(**value))


def _responses_from_answers() -> None:
    op.execute("UPDATE recommendation SET school_response = (SELECT text FROM recommendation_answer a "
               "WHERE a.recommendation_id = recommendation.id)")


revision = '0004_school_workspace'
down_revision = '98bfe5e5109b'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('district_summary',
    sa.Column('school_id', sa.String(length=36), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('as_of', sa.Date(), nullable=False),
    sa.Column('figures', sa.JSON(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('origin', sa.String(length=36), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('is_demo', sa.Boolean(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['school_id'], ['school.id'], name=op.f('fk_district_summary_school_id_school')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_district_summary')),
    sa.UniqueConstraint('school_id', 'year', name=op.f('uq_district_summary_school_id_year'))
    )
    with op.batch_alter_table('district_summary', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_district_summary_origin'), ['origin'], unique=False)
        batch_op.create_index(batch_op.f('ix_district_summary_school_id'), ['school_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_district_summary_updated_at'), ['updated_at'], unique=False)

    op.create_table('external_course',
    sa.Column('teacher_id', sa.String(length=36), nullable=False),
    sa.Column('title', sa.String(length=400), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('provider', sa.String(length=300), nullable=False),
    sa.Column('hours', sa.Integer(), nullable=False),
    sa.Column('format', sa.String(length=16), nullable=False),
    sa.Column('topic', sa.String(length=24), nullable=True),
    sa.Column('completed_on', sa.Date(), nullable=False),
    sa.Column('certificate_number', sa.String(length=100), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('origin', sa.String(length=36), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('is_demo', sa.Boolean(), server_default='0', nullable=False),
    sa.CheckConstraint("kind IS NULL OR kind IN ('kpk', 'retraining', 'internship')", name=op.f('ck_external_course_kind_valid')),
    sa.CheckConstraint("format IS NULL OR format IN ('full_time', 'distance', 'blended')", name=op.f('ck_external_course_format_valid')),
    sa.CheckConstraint("topic IS NULL OR topic IN ('management', 'subject_deficits', 'methodical', 'functional_literacy', 'exam_preparation', 'inclusive', 'education_work', 'digital')", name=op.f('ck_external_course_topic_valid')),
    sa.CheckConstraint('hours > 0 AND hours <= 2000', name=op.f('ck_external_course_hours_range')),
    sa.ForeignKeyConstraint(['teacher_id'], ['teacher.id'], name=op.f('fk_external_course_teacher_id_teacher')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_external_course'))
    )
    with op.batch_alter_table('external_course', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_external_course_completed_on'), ['completed_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_external_course_origin'), ['origin'], unique=False)
        batch_op.create_index(batch_op.f('ix_external_course_teacher_id'), ['teacher_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_external_course_updated_at'), ['updated_at'], unique=False)

    op.create_table('recommendation_answer',
    sa.Column('recommendation_id', sa.String(length=36), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('answered_on', sa.Date(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('origin', sa.String(length=36), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('is_demo', sa.Boolean(), server_default='0', nullable=False),
    sa.CheckConstraint("state IS NULL OR state IN ('accepted', 'in_progress', 'done', 'not_done')", name=op.f('ck_recommendation_answer_state_valid')),
    sa.ForeignKeyConstraint(['recommendation_id'], ['recommendation.id'], name=op.f('fk_recommendation_answer_recommendation_id_recommendation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_recommendation_answer')),
    sa.UniqueConstraint('recommendation_id', name=op.f('uq_recommendation_answer_recommendation_id'))
    )
    with op.batch_alter_table('recommendation_answer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_recommendation_answer_origin'), ['origin'], unique=False)
        batch_op.create_index(batch_op.f('ix_recommendation_answer_updated_at'), ['updated_at'], unique=False)

    op.create_table('answer_file',
    sa.Column('answer_id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('title', sa.String(length=400), nullable=True),
    sa.Column('file_name', sa.String(length=400), nullable=False),
    sa.Column('stored_name', sa.String(length=200), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size_bytes', sa.BigInteger(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('origin', sa.String(length=36), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('is_demo', sa.Boolean(), server_default='0', nullable=False),
    sa.CheckConstraint("kind IS NULL OR kind IN ('order', 'minutes', 'report', 'regulation', 'other')", name=op.f('ck_answer_file_kind_valid')),
    sa.CheckConstraint('size_bytes >= 0', name=op.f('ck_answer_file_size_non_negative')),
    sa.ForeignKeyConstraint(['answer_id'], ['recommendation_answer.id'], name=op.f('fk_answer_file_answer_id_recommendation_answer')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_answer_file'))
    )
    with op.batch_alter_table('answer_file', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_answer_file_answer_id'), ['answer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_answer_file_origin'), ['origin'], unique=False)
        batch_op.create_index(batch_op.f('ix_answer_file_updated_at'), ['updated_at'], unique=False)

    with op.batch_alter_table('course', schema=None) as batch_op:
        batch_op.add_column(sa.Column('accepted_from', sa.String(length=36), nullable=True))

    with op.batch_alter_table('packet_log', schema=None) as batch_op:
        batch_op.add_column(sa.Column('declared_incomplete', sa.JSON(), nullable=True))

    _answers_from_responses()
    with op.batch_alter_table('recommendation', schema=None) as batch_op:
        batch_op.drop_column('school_response')



def downgrade() -> None:
    with op.batch_alter_table('recommendation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('school_response', sa.Text(), nullable=True))
    _responses_from_answers()

    with op.batch_alter_table('packet_log', schema=None) as batch_op:
        batch_op.drop_column('declared_incomplete')

    with op.batch_alter_table('course', schema=None) as batch_op:
        batch_op.drop_column('accepted_from')

    with op.batch_alter_table('answer_file', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_answer_file_updated_at'))
        batch_op.drop_index(batch_op.f('ix_answer_file_origin'))
        batch_op.drop_index(batch_op.f('ix_answer_file_answer_id'))

    op.drop_table('answer_file')
    with op.batch_alter_table('recommendation_answer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_recommendation_answer_updated_at'))
        batch_op.drop_index(batch_op.f('ix_recommendation_answer_origin'))

    op.drop_table('recommendation_answer')
    with op.batch_alter_table('external_course', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_external_course_updated_at'))
        batch_op.drop_index(batch_op.f('ix_external_course_teacher_id'))
        batch_op.drop_index(batch_op.f('ix_external_course_origin'))
        batch_op.drop_index(batch_op.f('ix_external_course_completed_on'))

    op.drop_table('external_course')
    with op.batch_alter_table('district_summary', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_district_summary_updated_at'))
        batch_op.drop_index(batch_op.f('ix_district_summary_school_id'))
        batch_op.drop_index(batch_op.f('ix_district_summary_origin'))

    op.drop_table('district_summary')
