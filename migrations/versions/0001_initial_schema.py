"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-25 13:51:58.760051
"""
from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('audit_log',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('user', sa.String(length=200), nullable=False),
    sa.Column('action', sa.String(length=16), nullable=False),
    sa.Column('table_name', sa.String(length=64), nullable=False),
    sa.Column('record_id', sa.String(length=36), nullable=False),
    sa.Column('changes', sa.JSON(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log'))
    )
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_log_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_log_record_id'), ['record_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_log_table_name'), ['table_name'], unique=False)

    op.create_table('course',
    sa.Column('title', sa.String(length=400), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('provider', sa.String(length=300), nullable=False),
    sa.Column('hours', sa.Integer(), nullable=False),
    sa.Column('format', sa.String(length=16), nullable=False),
    sa.Column('topic', sa.String(length=24), nullable=True),
    sa.Column('subject', sa.String(length=60), nullable=True),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('for_leaders', sa.Boolean(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('origin', sa.String(length=36), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('is_demo', sa.Boolean(), server_default='0', nullable=False),
    sa.CheckConstraint("format IS NULL OR format IN ('full_time', 'distance', 'blended')", name=op.f('ck_course_format_valid')),
    sa.CheckConstraint("kind IS NULL OR kind IN ('kpk', 'retraining', 'internship')", name=op.f('ck_course_kind_valid')),
    sa.CheckConstraint("topic IS NULL OR topic IN ('management', 'subject_deficits', 'methodical', 'functional_literacy', 'exam_preparation', 'inclusive', 'education_work', 'digital')", name=op.f('ck_course_topic_valid')),
    sa.CheckConstraint('end_date IS NULL OR start_date IS NULL OR end_date >= start_date', name=op.f('ck_course_dates_ordered')),
    sa.CheckConstraint('hours > 0 AND hours <= 2000', name=op.f('ck_course_hours_range')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_course'))
    )
    with op.batch_alter_table('course', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_course_origin'), ['origin'], unique=False)
        batch_op.create_index(batch_op.f('ix_course_title'), ['title'], unique=False)
        batch_op.create_index(batch_op.f('ix_course_updated_at'), ['updated_at'], unique=False)

    op.create_table('district',
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('region', sa.String(length=300), nullable=True),
    sa.Column('centre', sa.String(length=200), nullable=True),
    sa.Column('office_name', sa.String(length=300), nullable=True),
    sa.Column('head_name', sa.String(length=200), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('origin', sa.String(length=36), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('is_demo', sa.Boolean(), server_default='0', nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_district'))
    )
    with op.batch_alter_table('district', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_district_origin'), ['origin'], unique=False)
        batch_op.create_index(batch_op.f('ix_district_updated_at'), ['updated_at'], unique=False)

    op.create_table('indicator',
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('unit', sa.String(length=20), nullable=False),
    sa.Column('method', sa.String(length=16), nullable=False),
    sa.Column('direction', sa.String(length=8), nullable=False),
    sa.Column('numerator', sa.JSON(), nullable=True),
    sa.Column('denominator', sa.JSON(), nullable=True),
    sa.Column('baseline', sa.Float(), nullable=True),
    sa.Column('source', sa.String(length=300), nullable=True),
    sa.Column('group_title', sa.Text(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('origin', sa.String(length=36), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('is_demo', sa.Boolean(), server_default='0', nullable=False),
    sa.CheckConstraint("direction IS NULL OR direction IN ('higher', 'lower')", name=op.f('ck_indicator_direction_valid')),
    sa.CheckConstraint("method IS NULL OR method IN ('computed', 'manual')", name=op.f('ck_indicator_method_valid')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicator')),
    sa.UniqueConstraint('code', name=op.f('uq_indicator_code'))
    )
    with op.batch_alter_table('indicator', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_indicator_origin'), ['origin'], unique=False)
        batch_op.create_index(batch_op.f('ix_indicator_updated_at'), ['updated_at'], unique=False)

    op.create_table('installation',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('school_code', sa.String(length=32), nullable=True),
    sa.Column('district_name', sa.String(length=300), nullable=True),
    sa.Column('program_year', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('public_key_pem', sa.Text(), nullable=True),
    sa.Column('private_key_pem', sa.Text(), nullable=True),
    sa.Column('packet_sequence', sa.Integer(), nullable=False),
    sa.CheckConstraint("kind IS NULL OR kind IN ('district', 'school')", name=op.f('ck_installation_kind_valid')),
    sa.CheckConstraint('packet_sequence >= 0', name=op.f('ck_installation_sequence_non_negative')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_installation'))
    )
    op.create_table('packet_log',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('direction', sa.String(length=8), nullable=False),
    sa.Column('packet_id', sa.String(length=36), nullable=True),
    sa.Column('sender_installation_id', sa.String(length=36), nullable=True),
    sa.Column('sender_name', sa.String(length=300), nullable=True),
    sa.Column('school_code', sa.String(length=32), nullable=True),
    sa.Column('sequence', sa.Integer(), nullable=True),
    sa.Column('file_name', sa.String(length=500), nullable=True),
    sa.Column('logged_at', sa.DateTime(), nullable=False),
    sa.Column('accepted', sa.Boolean(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('counts', sa.JSON(), nullable=True),
    sa.Column('signed_off_by', sa.String(length=300), nullable=True),
    sa.CheckConstraint("direction IS NULL OR direction IN ('in', 'out')", name=op.f('ck_packet_log_direction_valid')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_packet_log'))
    )
    with op.batch_alter_table('packet_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_packet_log_logged_at'), ['logged_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_packet_log_packet_id'), ['packet_id'], unique=False)

    op.create_table('peer',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('installation_id', sa.String(length=36), nullable=True),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('school_code', sa.String(length=32), nullable=True),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('public_key_pem', sa.Text(), nullable=False),
    sa.Column('fingerprint', sa.String(length=100), nullable=False),
    sa.Column('registered_at', sa.DateTime(), nullable=False),
    sa.Column('last_sequence', sa.Integer(), nullable=False),
    sa.Column('acknowledged_sequence', sa.Integer(), nullable=False),
    sa.CheckConstraint("kind IS NULL OR kind IN ('district', 'school')", name=op.f('ck_peer_kind_valid')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_peer')),
    sa.UniqueConstraint('installation_id', name=op.f('uq_peer_installation_id')),
    sa.UniqueConstraint('school_code', name=op.f('uq_peer_school_code'))
    )
    op.create_table('proposal',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('table_name', sa.String(length=64), nullable=False),
    sa.Column('record_id', sa.String(length=36), nullable=False),
    sa.Column('changes', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('author', sa.String(length=200), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_proposal'))
    )
    with op.batch_alter_table('proposal', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_proposal_record_id'), ['record_id'], unique=False)

    op.create_table('setting',
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.Column('value', sa.JSON(), nullable=True),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_setting'))
    )
    op.create_table('indicator_target',
    sa.Column('indicator_id', sa.String(length=36), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('value', sa.Float(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('origin', sa.String(length=36), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('is_demo', sa.Boolean(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['indicator_id'], ['indicator.id'], name=op.f('fk_indicator_target_indicator_id_indicator')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicator_target')),
    sa.UniqueConstraint('indicator_id', 'year', name=op.f('uq_indicator_target_indicator_id_year'))
    )
    with op.batch_alter_table('indicator_target', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_indicator_target_indicator_id'), ['indicator_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_indicator_target_origin'), ['origin'], unique=False)
        batch_op.create_index(batch_op.f('ix_indicator_target_updated_at'), ['updated_at'], unique=False)

    op.create_table('indicator_value',
    sa.Column('indicator_id', sa.String(length=36), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('value', sa.Float(), nullable=True),
    sa.Column('numerator', sa.Float(), nullable=True),
    sa.Column('denominator', sa.Float(), nullable=True),
    sa.Column('method', sa.String(length=16), nullable=False),
    sa.Column('computed_at', sa.DateTime(), nullable=True),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('origin', sa.String(length=36), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('is_demo', sa.Boolean(), server_default='0', nullable=False),
    sa.CheckConstraint('denominator IS NULL OR denominator >= 0', name=op.f('ck_indicator_value_denominator_non_negative')),
    sa.CheckConstraint('numerator IS NULL OR numerator >= 0', name=op.f('ck_indicator_value_numerator_non_negative')),
    sa.ForeignKeyConstraint(['indicator_id'], ['indicator.id'], name=op.f('fk_indicator_value_indicator_id_indicator')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicator_value')),
    sa.UniqueConstraint('indicator_id', 'year', name=op.f('uq_indicator_value_indicator_id_year'))
    )
    with op.batch_alter_table('indicator_value', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_indicator_value_indicator_id'), ['indicator_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_indicator_value_origin'), ['origin'], unique=False)
        batch_op.create_index(batch_op.f('ix_indicator_value_updated_at'), ['updated_at'], unique=False)

    op.create_table('school',
    sa.Column('district_id', sa.String(length=36), nullable=True),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('short_name', sa.String(length=120), nullable=True),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('settlement', sa.String(length=200), nullable=True),
    sa.Column('locality', sa.String(length=10), nullable=False),
    sa.Column('context_type', sa.String(length=20), nullable=True),
    sa.Column('distance_km', sa.Float(), nullable=True),
    sa.Column('pupils', sa.Integer(), nullable=True),
    sa.Column('director', sa.String(length=200), nullable=True),
    sa.Column('address', sa.String(length=400), nullable=True),
    sa.Column('phone', sa.String(length=60), nullable=True),
    sa.Column('email', sa.String(length=120), nullable=True),
    sa.Column('growth_point_opened', sa.Date(), nullable=True),
    sa.Column('search_text', sa.Text(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('origin', sa.String(length=36), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('is_demo', sa.Boolean(), server_default='0', nullable=False),
    sa.CheckConstraint("context_type IS NULL OR context_type IN ('deprived_urban', 'deprived_rural', 'small_rural')", name=op.f('ck_school_context_type_valid')),
    sa.CheckConstraint("kind IS NULL OR kind IN ('СОШ', 'ООШ', 'НОШ', 'гимназия', 'лицей', 'СОШ с УИОП', 'школа-интернат', 'ЦО')", name=op.f('ck_school_kind_valid')),
    sa.CheckConstraint("locality IS NULL OR locality IN ('urban', 'rural')", name=op.f('ck_school_locality_valid')),
    sa.CheckConstraint('distance_km IS NULL OR distance_km >= 0', name=op.f('ck_school_distance_km_non_negative')),
    sa.CheckConstraint('pupils IS NULL OR pupils >= 0', name=op.f('ck_school_pupils_non_negative')),
    sa.ForeignKeyConstraint(['district_id'], ['district.id'], name=op.f('fk_school_district_id_district')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_school')),
    sa.UniqueConstraint('code', name=op.f('uq_school_code'))
    )
    with op.batch_alter_table('school', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_school_district_id'), ['district_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_school_name'), ['name'], unique=False)
        batch_op.create_index(batch_op.f('ix_school_origin'), ['origin'], unique=False)
        batch_op.create_index(batch_op.f('ix_school_updated_at'), ['updated_at'], unique=False)

    op.create_table('exam_result',
    sa.Column('school_id', sa.String(length=36), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('exam', sa.String(length=8), nullable=False),
    sa.Column('subject', sa.String(length=60), nullable=False),
    sa.Column('participants', sa.Integer(), nullable=False),
    sa.Column('mean_score', sa.Float(), nullable=True),
    sa.Column('below_minimum', sa.Integer(), nullable=False),
    sa.Column('under_30', sa.Integer(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('origin', sa.String(length=36), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('is_demo', sa.Boolean(), server_default='0', nullable=False),
    sa.CheckConstraint("exam IS NULL OR exam IN ('ЕГЭ', 'ОГЭ')", name=op.f('ck_exam_result_exam_valid')),
    sa.CheckConstraint('below_minimum <= participants', name=op.f('ck_exam_result_below_minimum_le_participants')),
    sa.CheckConstraint('below_minimum IS NULL OR below_minimum >= 0', name=op.f('ck_exam_result_below_minimum_non_negative')),
    sa.CheckConstraint('mean_score IS NULL OR (mean_score >= 0 AND mean_score <= 100)', name=op.f('ck_exam_result_mean_score_range')),
    sa.CheckConstraint('participants IS NULL OR participants >= 0', name=op.f('ck_exam_result_participants_non_negative')),
    sa.CheckConstraint('under_30 IS NULL OR under_30 >= 0', name=op.f('ck_exam_result_under_30_non_negative')),
    sa.ForeignKeyConstraint(['school_id'], ['school.id'], name=op.f('fk_exam_result_school_id_school')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_exam_result')),
    sa.UniqueConstraint('school_id', 'year', 'exam', 'subject', name=op.f('uq_exam_result_school_id_year_exam_subject'))
    )
    with op.batch_alter_table('exam_result', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_exam_result_origin'), ['origin'], unique=False)
        batch_op.create_index(batch_op.f('ix_exam_result_school_id'), ['school_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_exam_result_updated_at'), ['updated_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_exam_result_year'), ['year'], unique=False)

    op.create_table('graduation',
    sa.Column('school_id', sa.String(length=36), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('grade', sa.Integer(), nullable=False),
    sa.Column('graduates', sa.Integer(), nullable=False),
    sa.Column('certificates', sa.Integer(), nullable=False),
    sa.Column('honours', sa.Integer(), nullable=False),
    sa.Column('took_3plus', sa.Integer(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('origin', sa.String(length=36), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('is_demo', sa.Boolean(), server_default='0', nullable=False),
    sa.CheckConstraint('certificates <= graduates', name=op.f('ck_graduation_certificates_le_graduates')),
    sa.CheckConstraint('certificates IS NULL OR certificates >= 0', name=op.f('ck_graduation_certificates_non_negative')),
    sa.CheckConstraint('grade IN (9, 11)', name=op.f('ck_graduation_grade_9_or_11')),
    sa.CheckConstraint('graduates IS NULL OR graduates >= 0', name=op.f('ck_graduation_graduates_non_negative')),
    sa.CheckConstraint('honours <= certificates', name=op.f('ck_graduation_honours_le_certificates')),
    sa.CheckConstraint('honours IS NULL OR honours >= 0', name=op.f('ck_graduation_honours_non_negative')),
    sa.CheckConstraint('took_3plus IS NULL OR took_3plus >= 0', name=op.f('ck_graduation_took_3plus_non_negative')),
    sa.ForeignKeyConstraint(['school_id'], ['school.id'], name=op.f('fk_graduation_school_id_school')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_graduation')),
    sa.UniqueConstraint('school_id', 'year', 'grade', name=op.f('uq_graduation_school_id_year_grade'))
    )
    with op.batch_alter_table('graduation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_graduation_origin'), ['origin'], unique=False)
        batch_op.create_index(batch_op.f('ix_graduation_school_id'), ['school_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_graduation_updated_at'), ['updated_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_graduation_year'), ['year'], unique=False)

    op.create_table('method_event',
    sa.Column('title', sa.String(length=400), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('level', sa.String(length=16), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('organiser', sa.String(length=300), nullable=True),
    sa.Column('host_school_id', sa.String(length=36), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('origin', sa.String(length=36), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('is_demo', sa.Boolean(), server_default='0', nullable=False),
    sa.CheckConstraint("kind IS NULL OR kind IN ('rmo', 'shmo', 'seminar', 'webinar', 'master_class', 'landing', 'open_lesson', 'conference', 'round_table', 'practicum')", name=op.f('ck_method_event_kind_valid')),
    sa.CheckConstraint("level IS NULL OR level IN ('school', 'municipal', 'regional', 'federal')", name=op.f('ck_method_event_level_valid')),
    sa.ForeignKeyConstraint(['host_school_id'], ['school.id'], name=op.f('fk_method_event_host_school_id_school')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_method_event'))
    )
    with op.batch_alter_table('method_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_method_event_held_on'), ['held_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_method_event_origin'), ['origin'], unique=False)
        batch_op.create_index(batch_op.f('ix_method_event_updated_at'), ['updated_at'], unique=False)

    op.create_table('olympiad_result',
    sa.Column('school_id', sa.String(length=36), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('level', sa.String(length=16), nullable=False),
    sa.Column('participants', sa.Integer(), nullable=False),
    sa.Column('winners', sa.Integer(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('origin', sa.String(length=36), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('is_demo', sa.Boolean(), server_default='0', nullable=False),
    sa.CheckConstraint("level IS NULL OR level IN ('school', 'municipal', 'regional', 'final')", name=op.f('ck_olympiad_result_level_valid')),
    sa.CheckConstraint('participants IS NULL OR participants >= 0', name=op.f('ck_olympiad_result_participants_non_negative')),
    sa.CheckConstraint('winners <= participants', name=op.f('ck_olympiad_result_winners_le_participants')),
    sa.CheckConstraint('winners IS NULL OR winners >= 0', name=op.f('ck_olympiad_result_winners_non_negative')),
    sa.ForeignKeyConstraint(['school_id'], ['school.id'], name=op.f('fk_olympiad_result_school_id_school')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_olympiad_result')),
    sa.UniqueConstraint('school_id', 'year', 'level', name=op.f('uq_olympiad_result_school_id_year_level'))
    )
    with op.batch_alter_table('olympiad_result', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_olympiad_result_origin'), ['origin'], unique=False)
        batch_op.create_index(batch_op.f('ix_olympiad_result_school_id'), ['school_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_olympiad_result_updated_at'), ['updated_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_olympiad_result_year'), ['year'], unique=False)

    op.create_table('partnership',
    sa.Column('school_id', sa.String(length=36), nullable=False),
    sa.Column('mentor_school_id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('year_from', sa.Integer(), nullable=False),
    sa.Column('year_to', sa.Integer(), nullable=True),
    sa.Column('agreement', sa.Text(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('origin', sa.String(length=36), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('is_demo', sa.Boolean(), server_default='0', nullable=False),
    sa.CheckConstraint("kind IS NULL OR kind IN ('mentoring', 'network', 'internship_site')", name=op.f('ck_partnership_kind_valid')),
    sa.CheckConstraint('school_id <> mentor_school_id', name=op.f('ck_partnership_not_self')),
    sa.CheckConstraint('year_to IS NULL OR year_to >= year_from', name=op.f('ck_partnership_years_ordered')),
    sa.ForeignKeyConstraint(['mentor_school_id'], ['school.id'], name=op.f('fk_partnership_mentor_school_id_school')),
    sa.ForeignKeyConstraint(['school_id'], ['school.id'], name=op.f('fk_partnership_school_id_school')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partnership')),
    sa.UniqueConstraint('school_id', 'mentor_school_id', 'year_from', name=op.f('uq_partnership_school_id_mentor_school_id_year_from'))
    )
    with op.batch_alter_table('partnership', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_partnership_mentor_school_id'), ['mentor_school_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_partnership_origin'), ['origin'], unique=False)
        batch_op.create_index(batch_op.f('ix_partnership_school_id'), ['school_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_partnership_updated_at'), ['updated_at'], unique=False)

    op.create_table('practice',
    sa.Column('title', sa.String(length=400), nullable=False),
    sa.Column('school_id', sa.String(length=36), nullable=True),
    sa.Column('author', sa.String(length=200), nullable=True),
    sa.Column('area', sa.String(length=16), nullable=True),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('link', sa.String(length=500), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('origin', sa.String(length=36), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('is_demo', sa.Boolean(), server_default='0', nullable=False),
    sa.CheckConstraint("area IS NULL OR area IN ('management', 'teaching', 'education_work', 'parents', 'network', 'risk_group')", name=op.f('ck_practice_area_valid')),
    sa.ForeignKeyConstraint(['school_id'], ['school.id'], name=op.f('fk_practice_school_id_school')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_practice'))
    )
    with op.batch_alter_table('practice', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_practice_origin'), ['origin'], unique=False)
        batch_op.create_index(batch_op.f('ix_practice_school_id'), ['school_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_practice_updated_at'), ['updated_at'], unique=False)

    op.create_table('recommendation',
    sa.Column('school_id', sa.String(length=36), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('issued_on', sa.Date(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('basis', sa.Text(), nullable=True),
    sa.Column('author', sa.String(length=200), nullable=True),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('school_response', sa.Text(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('origin', sa.String(length=36), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('is_demo', sa.Boolean(), server_default='0', nullable=False),
    sa.CheckConstraint("status IS NULL OR status IN ('open', 'in_progress', 'done', 'cancelled')", name=op.f('ck_recommendation_status_valid')),
    sa.ForeignKeyConstraint(['school_id'], ['school.id'], name=op.f('fk_recommendation_school_id_school')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_recommendation'))
    )
    with op.batch_alter_table('recommendation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_recommendation_origin'), ['origin'], unique=False)
        batch_op.create_index(batch_op.f('ix_recommendation_school_id'), ['school_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_recommendation_updated_at'), ['updated_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_recommendation_year'), ['year'], unique=False)

    op.create_table('roadmap',
    sa.Column('title', sa.String(length=600), nullable=False),
    sa.Column('level', sa.String(length=16), nullable=False),
    sa.Column('school_id', sa.String(length=36), nullable=True),
    sa.Column('year_from', sa.Integer(), nullable=False),
    sa.Column('year_to', sa.Integer(), nullable=False),
    sa.Column('approved_by', sa.String(length=400), nullable=True),
    sa.Column('source_file', sa.String(length=400), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('origin', sa.String(length=36), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('is_demo', sa.Boolean(), server_default='0', nullable=False),
    sa.CheckConstraint("(level = 'school') = (school_id IS NOT NULL)", name=op.f('ck_roadmap_school_level_has_school')),
    sa.CheckConstraint("level IS NULL OR level IN ('municipal', 'school')", name=op.f('ck_roadmap_level_valid')),
    sa.CheckConstraint('year_to >= year_from', name=op.f('ck_roadmap_years_ordered')),
    sa.ForeignKeyConstraint(['school_id'], ['school.id'], name=op.f('fk_roadmap_school_id_school')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_roadmap'))
    )
    with op.batch_alter_table('roadmap', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_roadmap_origin'), ['origin'], unique=False)
        batch_op.create_index(batch_op.f('ix_roadmap_school_id'), ['school_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_roadmap_updated_at'), ['updated_at'], unique=False)

    op.create_table('school_status',
    sa.Column('school_id', sa.String(length=36), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=True),
    sa.Column('basis', sa.Text(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('origin', sa.String(length=36), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('is_demo', sa.Boolean(), server_default='0', nullable=False),
    sa.CheckConstraint("status IS NULL OR status IN ('shnor', 'shnsu', '500plus', 'resilient', 'mentor')", name=op.f('ck_school_status_status_valid')),
    sa.ForeignKeyConstraint(['school_id'], ['school.id'], name=op.f('fk_school_status_school_id_school')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_school_status')),
    sa.UniqueConstraint('school_id', 'year', 'status', name=op.f('uq_school_status_school_id_year_status'))
    )
    with op.batch_alter_table('school_status', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_school_status_origin'), ['origin'], unique=False)
        batch_op.create_index(batch_op.f('ix_school_status_school_id'), ['school_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_school_status_updated_at'), ['updated_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_school_status_year'), ['year'], unique=False)

    op.create_table('social_passport',
    sa.Column('school_id', sa.String(length=36), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('pupils_total', sa.Integer(), nullable=True),
    sa.Column('share_parents_higher_ed', sa.Float(), nullable=True),
    sa.Column('share_low_income', sa.Float(), nullable=True),
    sa.Column('share_single_parent', sa.Float(), nullable=True),
    sa.Column('share_large_family', sa.Float(), nullable=True),
    sa.Column('share_unemployed_parents', sa.Float(), nullable=True),
    sa.Column('share_non_native_russian', sa.Float(), nullable=True),
    sa.Column('pupils_at_risk', sa.Integer(), nullable=True),
    sa.Column('pupils_ovz', sa.Integer(), nullable=True),
    sa.Column('pupils_registered', sa.Integer(), nullable=True),
    sa.Column('pupils_non_native', sa.Integer(), nullable=True),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('origin', sa.String(length=36), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('is_demo', sa.Boolean(), server_default='0', nullable=False),
    sa.CheckConstraint('pupils_at_risk IS NULL OR pupils_at_risk >= 0', name=op.f('ck_social_passport_pupils_at_risk_non_negative')),
    sa.CheckConstraint('pupils_at_risk IS NULL OR pupils_total IS NULL OR pupils_at_risk <= pupils_total', name=op.f('ck_social_passport_at_risk_le_total')),
    sa.CheckConstraint('pupils_non_native IS NULL OR pupils_non_native >= 0', name=op.f('ck_social_passport_pupils_non_native_non_negative')),
    sa.CheckConstraint('pupils_ovz IS NULL OR pupils_ovz >= 0', name=op.f('ck_social_passport_pupils_ovz_non_negative')),
    sa.CheckConstraint('pupils_registered IS NULL OR pupils_registered >= 0', name=op.f('ck_social_passport_pupils_registered_non_negative')),
    sa.CheckConstraint('pupils_total IS NULL OR pupils_total >= 0', name=op.f('ck_social_passport_pupils_total_non_negative')),
    sa.CheckConstraint('share_large_family IS NULL OR (share_large_family >= 0 AND share_large_family <= 100)', name=op.f('ck_social_passport_share_large_family_0_100')),
    sa.CheckConstraint('share_low_income IS NULL OR (share_low_income >= 0 AND share_low_income <= 100)', name=op.f('ck_social_passport_share_low_income_0_100')),
    sa.CheckConstraint('share_non_native_russian IS NULL OR (share_non_native_russian >= 0 AND share_non_native_russian <= 100)', name=op.f('ck_social_passport_share_non_native_russian_0_100')),
    sa.CheckConstraint('share_parents_higher_ed IS NULL OR (share_parents_higher_ed >= 0 AND share_parents_higher_ed <= 100)', name=op.f('ck_social_passport_share_parents_higher_ed_0_100')),
    sa.CheckConstraint('share_single_parent IS NULL OR (share_single_parent >= 0 AND share_single_parent <= 100)', name=op.f('ck_social_passport_share_single_parent_0_100')),
    sa.CheckConstraint('share_unemployed_parents IS NULL OR (share_unemployed_parents >= 0 AND share_unemployed_parents <= 100)', name=op.f('ck_social_passport_share_unemployed_parents_0_100')),
    sa.ForeignKeyConstraint(['school_id'], ['school.id'], name=op.f('fk_social_passport_school_id_school')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_social_passport')),
    sa.UniqueConstraint('school_id', 'year', name=op.f('uq_social_passport_school_id_year'))
    )
    with op.batch_alter_table('social_passport', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_social_passport_origin'), ['origin'], unique=False)
        batch_op.create_index(batch_op.f('ix_social_passport_school_id'), ['school_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_social_passport_updated_at'), ['updated_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_social_passport_year'), ['year'], unique=False)

    op.create_table('staffing_slot',
    sa.Column('school_id', sa.String(length=36), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('position', sa.String(length=32), nullable=False),
    sa.Column('subject', sa.String(length=60), nullable=True),
    sa.Column('rates', sa.Float(), nullable=False),
    sa.Column('filled_rates', sa.Float(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('origin', sa.String(length=36), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('is_demo', sa.Boolean(), server_default='0', nullable=False),
    sa.CheckConstraint("position IS NULL OR position IN ('director', 'deputy_uvr', 'deputy_vr', 'teacher', 'primary_teacher', 'psychologist', 'speech_therapist', 'defectologist', 'social_pedagogue', 'tutor', 'organizer', 'additional_ed', 'librarian', 'advisor')", name=op.f('ck_staffing_slot_position_valid')),
    sa.CheckConstraint('filled_rates IS NULL OR filled_rates >= 0', name=op.f('ck_staffing_slot_filled_rates_non_negative')),
    sa.CheckConstraint('rates IS NULL OR rates >= 0', name=op.f('ck_staffing_slot_rates_non_negative')),
    sa.ForeignKeyConstraint(['school_id'], ['school.id'], name=op.f('fk_staffing_slot_school_id_school')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staffing_slot')),
    sa.UniqueConstraint('school_id', 'year', 'position', 'subject', name=op.f('uq_staffing_slot_school_id_year_position_subject'))
    )
    with op.batch_alter_table('staffing_slot', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staffing_slot_origin'), ['origin'], unique=False)
        batch_op.create_index(batch_op.f('ix_staffing_slot_school_id'), ['school_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_staffing_slot_updated_at'), ['updated_at'], unique=False)

    op.create_table('teacher',
    sa.Column('school_id', sa.String(length=36), nullable=False),
    sa.Column('last_name', sa.String(length=100), nullable=False),
    sa.Column('first_name', sa.String(length=100), nullable=False),
    sa.Column('middle_name', sa.String(length=100), nullable=True),
    sa.Column('birth_year', sa.Integer(), nullable=True),
    sa.Column('qualification', sa.String(length=16), nullable=True),
    sa.Column('experience_years', sa.Integer(), nullable=True),
    sa.Column('young_specialist', sa.Boolean(), nullable=False),
    sa.Column('education', sa.String(length=300), nullable=True),
    sa.Column('email', sa.String(length=120), nullable=True),
    sa.Column('phone', sa.String(length=60), nullable=True),
    sa.Column('hired_on', sa.Date(), nullable=True),
    sa.Column('left_on', sa.Date(), nullable=True),
    sa.Column('search_text', sa.Text(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('origin', sa.String(length=36), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('is_demo', sa.Boolean(), server_default='0', nullable=False),
    sa.CheckConstraint("qualification IS NULL OR qualification IN ('none', 'conformity', 'first', 'highest')", name=op.f('ck_teacher_qualification_valid')),
    sa.CheckConstraint('birth_year IS NULL OR (birth_year >= 1930 AND birth_year <= 2015)', name=op.f('ck_teacher_birth_year_range')),
    sa.CheckConstraint('experience_years IS NULL OR (experience_years >= 0 AND experience_years <= 70)', name=op.f('ck_teacher_experience_range')),
    sa.ForeignKeyConstraint(['school_id'], ['school.id'], name=op.f('fk_teacher_school_id_school')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_teacher'))
    )
    with op.batch_alter_table('teacher', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_teacher_last_name'), ['last_name'], unique=False)
        batch_op.create_index(batch_op.f('ix_teacher_origin'), ['origin'], unique=False)
        batch_op.create_index(batch_op.f('ix_teacher_school_id'), ['school_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_teacher_updated_at'), ['updated_at'], unique=False)

    op.create_table('vpr_result',
    sa.Column('school_id', sa.String(length=36), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('grade', sa.Integer(), nullable=False),
    sa.Column('subject', sa.String(length=60), nullable=False),
    sa.Column('participants', sa.Integer(), nullable=False),
    sa.Column('count_2', sa.Integer(), nullable=False),
    sa.Column('count_3', sa.Integer(), nullable=False),
    sa.Column('count_4', sa.Integer(), nullable=False),
    sa.Column('count_5', sa.Integer(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('origin', sa.String(length=36), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('is_demo', sa.Boolean(), server_default='0', nullable=False),
    sa.CheckConstraint('count_2 + count_3 + count_4 + count_5 <= participants', name=op.f('ck_vpr_result_marks_le_participants')),
    sa.CheckConstraint('count_2 IS NULL OR count_2 >= 0', name=op.f('ck_vpr_result_count_2_non_negative')),
    sa.CheckConstraint('count_3 IS NULL OR count_3 >= 0', name=op.f('ck_vpr_result_count_3_non_negative')),
    sa.CheckConstraint('count_4 IS NULL OR count_4 >= 0', name=op.f('ck_vpr_result_count_4_non_negative')),
    sa.CheckConstraint('count_5 IS NULL OR count_5 >= 0', name=op.f('ck_vpr_result_count_5_non_negative')),
    sa.CheckConstraint('grade >= 4 AND grade <= 11', name=op.f('ck_vpr_result_grade_range')),
    sa.CheckConstraint('participants IS NULL OR participants >= 0', name=op.f('ck_vpr_result_participants_non_negative')),
    sa.ForeignKeyConstraint(['school_id'], ['school.id'], name=op.f('fk_vpr_result_school_id_school')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vpr_result')),
    sa.UniqueConstraint('school_id', 'year', 'grade', 'subject', name=op.f('uq_vpr_result_school_id_year_grade_subject'))
    )
    with op.batch_alter_table('vpr_result', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_vpr_result_origin'), ['origin'], unique=False)
        batch_op.create_index(batch_op.f('ix_vpr_result_school_id'), ['school_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_vpr_result_updated_at'), ['updated_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_vpr_result_year'), ['year'], unique=False)

    op.create_table('assignment',
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('person_name', sa.String(length=200), nullable=False),
    sa.Column('person_position', sa.String(length=200), nullable=True),
    sa.Column('organisation', sa.String(length=300), nullable=True),
    sa.Column('school_id', sa.String(length=36), nullable=False),
    sa.Column('teacher_id', sa.String(length=36), nullable=True),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('origin', sa.String(length=36), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('is_demo', sa.Boolean(), server_default='0', nullable=False),
    sa.CheckConstraint("kind IS NULL OR kind IN ('curator', 'mentor')", name=op.f('ck_assignment_kind_valid')),
    sa.CheckConstraint('end_date IS NULL OR start_date IS NULL OR end_date >= start_date', name=op.f('ck_assignment_dates_ordered')),
    sa.ForeignKeyConstraint(['school_id'], ['school.id'], name=op.f('fk_assignment_school_id_school')),
    sa.ForeignKeyConstraint(['teacher_id'], ['teacher.id'], name=op.f('fk_assignment_teacher_id_teacher')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assignment'))
    )
    with op.batch_alter_table('assignment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assignment_origin'), ['origin'], unique=False)
        batch_op.create_index(batch_op.f('ix_assignment_school_id'), ['school_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_assignment_teacher_id'), ['teacher_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_assignment_updated_at'), ['updated_at'], unique=False)

    op.create_table('diagnostic',
    sa.Column('teacher_id', sa.String(length=36), nullable=False),
    sa.Column('taken_on', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('subject', sa.String(length=60), nullable=True),
    sa.Column('organiser', sa.String(length=300), nullable=True),
    sa.Column('score_percent', sa.Float(), nullable=True),
    sa.Column('deficits', sa.Text(), nullable=True),
    sa.Column('distance', sa.Boolean(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('origin', sa.String(length=36), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('is_demo', sa.Boolean(), server_default='0', nullable=False),
    sa.CheckConstraint("kind IS NULL OR kind IN ('subject', 'methodical', 'managerial', 'functional_literacy')", name=op.f('ck_diagnostic_kind_valid')),
    sa.CheckConstraint('score_percent IS NULL OR (score_percent >= 0 AND score_percent <= 100)', name=op.f('ck_diagnostic_score_percent_0_100')),
    sa.ForeignKeyConstraint(['teacher_id'], ['teacher.id'], name=op.f('fk_diagnostic_teacher_id_teacher')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_diagnostic'))
    )
    with op.batch_alter_table('diagnostic', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_diagnostic_origin'), ['origin'], unique=False)
        batch_op.create_index(batch_op.f('ix_diagnostic_taken_on'), ['taken_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_diagnostic_teacher_id'), ['teacher_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_diagnostic_updated_at'), ['updated_at'], unique=False)

    op.create_table('enrollment',
    sa.Column('course_id', sa.String(length=36), nullable=False),
    sa.Column('teacher_id', sa.String(length=36), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('completed_on', sa.Date(), nullable=True),
    sa.Column('certificate_number', sa.String(length=100), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('origin', sa.String(length=36), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('is_demo', sa.Boolean(), server_default='0', nullable=False),
    sa.CheckConstraint("status IS NULL OR status IN ('enrolled', 'studying', 'completed', 'dropped')", name=op.f('ck_enrollment_status_valid')),
    sa.ForeignKeyConstraint(['course_id'], ['course.id'], name=op.f('fk_enrollment_course_id_course')),
    sa.ForeignKeyConstraint(['teacher_id'], ['teacher.id'], name=op.f('fk_enrollment_teacher_id_teacher')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_enrollment')),
    sa.UniqueConstraint('course_id', 'teacher_id', name=op.f('uq_enrollment_course_id_teacher_id'))
    )
    with op.batch_alter_table('enrollment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_enrollment_completed_on'), ['completed_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_enrollment_course_id'), ['course_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_enrollment_origin'), ['origin'], unique=False)
        batch_op.create_index(batch_op.f('ix_enrollment_teacher_id'), ['teacher_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_enrollment_updated_at'), ['updated_at'], unique=False)

    op.create_table('participation',
    sa.Column('event_id', sa.String(length=36), nullable=False),
    sa.Column('school_id', sa.String(length=36), nullable=False),
    sa.Column('teacher_id', sa.String(length=36), nullable=True),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('origin', sa.String(length=36), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('is_demo', sa.Boolean(), server_default='0', nullable=False),
    sa.CheckConstraint("role IS NULL OR role IN ('participant', 'speaker', 'organizer')", name=op.f('ck_participation_role_valid')),
    sa.ForeignKeyConstraint(['event_id'], ['method_event.id'], name=op.f('fk_participation_event_id_method_event')),
    sa.ForeignKeyConstraint(['school_id'], ['school.id'], name=op.f('fk_participation_school_id_school')),
    sa.ForeignKeyConstraint(['teacher_id'], ['teacher.id'], name=op.f('fk_participation_teacher_id_teacher')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_participation')),
    sa.UniqueConstraint('event_id', 'school_id', 'teacher_id', name=op.f('uq_participation_event_id_school_id_teacher_id'))
    )
    with op.batch_alter_table('participation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_participation_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_participation_origin'), ['origin'], unique=False)
        batch_op.create_index(batch_op.f('ix_participation_school_id'), ['school_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_participation_teacher_id'), ['teacher_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_participation_updated_at'), ['updated_at'], unique=False)

    op.create_table('roadmap_section',
    sa.Column('roadmap_id', sa.String(length=36), nullable=False),
    sa.Column('parent_id', sa.String(length=36), nullable=True),
    sa.Column('number', sa.String(length=32), nullable=True),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('origin', sa.String(length=36), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('is_demo', sa.Boolean(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['parent_id'], ['roadmap_section.id'], name=op.f('fk_roadmap_section_parent_id_roadmap_section')),
    sa.ForeignKeyConstraint(['roadmap_id'], ['roadmap.id'], name=op.f('fk_roadmap_section_roadmap_id_roadmap')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_roadmap_section'))
    )
    with op.batch_alter_table('roadmap_section', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_roadmap_section_origin'), ['origin'], unique=False)
        batch_op.create_index(batch_op.f('ix_roadmap_section_roadmap_id'), ['roadmap_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_roadmap_section_updated_at'), ['updated_at'], unique=False)

    op.create_table('support_action',
    sa.Column('school_id', sa.String(length=36), nullable=False),
    sa.Column('recommendation_id', sa.String(length=36), nullable=True),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('responsible', sa.String(length=200), nullable=True),
    sa.Column('result', sa.Text(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('origin', sa.String(length=36), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('is_demo', sa.Boolean(), server_default='0', nullable=False),
    sa.CheckConstraint("kind IS NULL OR kind IN ('consultation', 'visit', 'landing', 'lesson_visit', 'training', 'resources')", name=op.f('ck_support_action_kind_valid')),
    sa.ForeignKeyConstraint(['recommendation_id'], ['recommendation.id'], name=op.f('fk_support_action_recommendation_id_recommendation')),
    sa.ForeignKeyConstraint(['school_id'], ['school.id'], name=op.f('fk_support_action_school_id_school')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_support_action'))
    )
    with op.batch_alter_table('support_action', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_support_action_held_on'), ['held_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_support_action_origin'), ['origin'], unique=False)
        batch_op.create_index(batch_op.f('ix_support_action_school_id'), ['school_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_support_action_updated_at'), ['updated_at'], unique=False)

    op.create_table('teacher_position',
    sa.Column('teacher_id', sa.String(length=36), nullable=False),
    sa.Column('position', sa.String(length=32), nullable=False),
    sa.Column('rate', sa.Float(), nullable=False),
    sa.Column('is_main', sa.Boolean(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('origin', sa.String(length=36), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('is_demo', sa.Boolean(), server_default='0', nullable=False),
    sa.CheckConstraint("position IS NULL OR position IN ('director', 'deputy_uvr', 'deputy_vr', 'teacher', 'primary_teacher', 'psychologist', 'speech_therapist', 'defectologist', 'social_pedagogue', 'tutor', 'organizer', 'additional_ed', 'librarian', 'advisor')", name=op.f('ck_teacher_position_position_valid')),
    sa.CheckConstraint('rate > 0 AND rate <= 2', name=op.f('ck_teacher_position_rate_range')),
    sa.ForeignKeyConstraint(['teacher_id'], ['teacher.id'], name=op.f('fk_teacher_position_teacher_id_teacher')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_teacher_position')),
    sa.UniqueConstraint('teacher_id', 'position', name=op.f('uq_teacher_position_teacher_id_position'))
    )
    with op.batch_alter_table('teacher_position', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_teacher_position_origin'), ['origin'], unique=False)
        batch_op.create_index(batch_op.f('ix_teacher_position_position'), ['position'], unique=False)
        batch_op.create_index(batch_op.f('ix_teacher_position_teacher_id'), ['teacher_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_teacher_position_updated_at'), ['updated_at'], unique=False)

    op.create_table('teacher_subject',
    sa.Column('teacher_id', sa.String(length=36), nullable=False),
    sa.Column('subject', sa.String(length=60), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('origin', sa.String(length=36), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('is_demo', sa.Boolean(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['teacher_id'], ['teacher.id'], name=op.f('fk_teacher_subject_teacher_id_teacher')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_teacher_subject')),
    sa.UniqueConstraint('teacher_id', 'subject', name=op.f('uq_teacher_subject_teacher_id_subject'))
    )
    with op.batch_alter_table('teacher_subject', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_teacher_subject_origin'), ['origin'], unique=False)
        batch_op.create_index(batch_op.f('ix_teacher_subject_subject'), ['subject'], unique=False)
        batch_op.create_index(batch_op.f('ix_teacher_subject_teacher_id'), ['teacher_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_teacher_subject_updated_at'), ['updated_at'], unique=False)

    op.create_table('individual_route',
    sa.Column('teacher_id', sa.String(length=36), nullable=False),
    sa.Column('diagnostic_id', sa.String(length=36), nullable=True),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('goals', sa.Text(), nullable=True),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('mentor', sa.String(length=200), nullable=True),
    sa.Column('result', sa.Text(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('origin', sa.String(length=36), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('is_demo', sa.Boolean(), server_default='0', nullable=False),
    sa.CheckConstraint("status IS NULL OR status IN ('draft', 'active', 'done', 'cancelled')", name=op.f('ck_individual_route_status_valid')),
    sa.CheckConstraint('end_date IS NULL OR start_date IS NULL OR end_date >= start_date', name=op.f('ck_individual_route_dates_ordered')),
    sa.ForeignKeyConstraint(['diagnostic_id'], ['diagnostic.id'], name=op.f('fk_individual_route_diagnostic_id_diagnostic')),
    sa.ForeignKeyConstraint(['teacher_id'], ['teacher.id'], name=op.f('fk_individual_route_teacher_id_teacher')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_individual_route'))
    )
    with op.batch_alter_table('individual_route', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_individual_route_origin'), ['origin'], unique=False)
        batch_op.create_index(batch_op.f('ix_individual_route_teacher_id'), ['teacher_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_individual_route_updated_at'), ['updated_at'], unique=False)

    op.create_table('roadmap_event',
    sa.Column('roadmap_id', sa.String(length=36), nullable=False),
    sa.Column('section_id', sa.String(length=36), nullable=True),
    sa.Column('number', sa.String(length=32), nullable=True),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('deadline_text', sa.Text(), nullable=True),
    sa.Column('deadline_override', sa.Text(), nullable=True),
    sa.Column('responsible', sa.Text(), nullable=True),
    sa.Column('responsible_teacher_id', sa.String(length=36), nullable=True),
    sa.Column('planned_result', sa.Text(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('completed_on', sa.Date(), nullable=True),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('origin', sa.String(length=36), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('is_demo', sa.Boolean(), server_default='0', nullable=False),
    sa.CheckConstraint("status IS NULL OR status IN ('planned', 'in_progress', 'done', 'done_late', 'overdue', 'cancelled')", name=op.f('ck_roadmap_event_status_valid')),
    sa.ForeignKeyConstraint(['responsible_teacher_id'], ['teacher.id'], name=op.f('fk_roadmap_event_responsible_teacher_id_teacher')),
    sa.ForeignKeyConstraint(['roadmap_id'], ['roadmap.id'], name=op.f('fk_roadmap_event_roadmap_id_roadmap')),
    sa.ForeignKeyConstraint(['section_id'], ['roadmap_section.id'], name=op.f('fk_roadmap_event_section_id_roadmap_section')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_roadmap_event'))
    )
    with op.batch_alter_table('roadmap_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_roadmap_event_origin'), ['origin'], unique=False)
        batch_op.create_index(batch_op.f('ix_roadmap_event_roadmap_id'), ['roadmap_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_roadmap_event_section_id'), ['section_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_roadmap_event_updated_at'), ['updated_at'], unique=False)

    op.create_table('event_occurrence',
    sa.Column('event_id', sa.String(length=36), nullable=False),
    sa.Column('school_id', sa.String(length=36), nullable=True),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('window_start', sa.Date(), nullable=False),
    sa.Column('window_end', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('completed_on', sa.Date(), nullable=True),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('origin', sa.String(length=36), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('is_demo', sa.Boolean(), server_default='0', nullable=False),
    sa.CheckConstraint("status IS NULL OR status IN ('planned', 'in_progress', 'done', 'done_late', 'overdue', 'cancelled')", name=op.f('ck_event_occurrence_status_valid')),
    sa.CheckConstraint('window_end >= window_start', name=op.f('ck_event_occurrence_window_ordered')),
    sa.ForeignKeyConstraint(['event_id'], ['roadmap_event.id'], name=op.f('fk_event_occurrence_event_id_roadmap_event')),
    sa.ForeignKeyConstraint(['school_id'], ['school.id'], name=op.f('fk_event_occurrence_school_id_school')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_occurrence')),
    sa.UniqueConstraint('event_id', 'school_id', 'window_start', name=op.f('uq_event_occurrence_event_id_school_id_window_start'))
    )
    with op.batch_alter_table('event_occurrence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_occurrence_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_occurrence_origin'), ['origin'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_occurrence_school_id'), ['school_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_occurrence_updated_at'), ['updated_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_occurrence_window_end'), ['window_end'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_occurrence_year'), ['year'], unique=False)

    op.create_table('evidence',
    sa.Column('event_id', sa.String(length=36), nullable=False),
    sa.Column('occurrence_id', sa.String(length=36), nullable=True),
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
    sa.CheckConstraint("kind IS NULL OR kind IN ('order', 'minutes', 'report', 'regulation', 'other')", name=op.f('ck_evidence_kind_valid')),
    sa.CheckConstraint('size_bytes >= 0', name=op.f('ck_evidence_size_non_negative')),
    sa.ForeignKeyConstraint(['event_id'], ['roadmap_event.id'], name=op.f('fk_evidence_event_id_roadmap_event')),
    sa.ForeignKeyConstraint(['occurrence_id'], ['event_occurrence.id'], name=op.f('fk_evidence_occurrence_id_event_occurrence')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evidence'))
    )
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_evidence_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_evidence_occurrence_id'), ['occurrence_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_evidence_origin'), ['origin'], unique=False)
        batch_op.create_index(batch_op.f('ix_evidence_updated_at'), ['updated_at'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_evidence_updated_at'))
        batch_op.drop_index(batch_op.f('ix_evidence_origin'))
        batch_op.drop_index(batch_op.f('ix_evidence_occurrence_id'))
        batch_op.drop_index(batch_op.f('ix_evidence_event_id'))

    op.drop_table('evidence')
    with op.batch_alter_table('event_occurrence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_occurrence_year'))
        batch_op.drop_index(batch_op.f('ix_event_occurrence_window_end'))
        batch_op.drop_index(batch_op.f('ix_event_occurrence_updated_at'))
        batch_op.drop_index(batch_op.f('ix_event_occurrence_school_id'))
        batch_op.drop_index(batch_op.f('ix_event_occurrence_origin'))
        batch_op.drop_index(batch_op.f('ix_event_occurrence_event_id'))

    op.drop_table('event_occurrence')
    with op.batch_alter_table('roadmap_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_roadmap_event_updated_at'))
        batch_op.drop_index(batch_op.f('ix_roadmap_event_section_id'))
        batch_op.drop_index(batch_op.f('ix_roadmap_event_roadmap_id'))
        batch_op.drop_index(batch_op.f('ix_roadmap_event_origin'))

    op.drop_table('roadmap_event')
    with op.batch_alter_table('individual_route', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_individual_route_updated_at'))
        batch_op.drop_index(batch_op.f('ix_individual_route_teacher_id'))
        batch_op.drop_index(batch_op.f('ix_individual_route_origin'))

    op.drop_table('individual_route')
    with op.batch_alter_table('teacher_subject', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_teacher_subject_updated_at'))
        batch_op.drop_index(batch_op.f('ix_teacher_subject_teacher_id'))
        batch_op.drop_index(batch_op.f('ix_teacher_subject_subject'))
        batch_op.drop_index(batch_op.f('ix_teacher_subject_origin'))

    op.drop_table('teacher_subject')
    with op.batch_alter_table('teacher_position', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_teacher_position_updated_at'))
        batch_op.drop_index(batch_op.f('ix_teacher_position_teacher_id'))
        batch_op.drop_index(batch_op.f('ix_teacher_position_position'))
        batch_op.drop_index(batch_op.f('ix_teacher_position_origin'))

    op.drop_table('teacher_position')
    with op.batch_alter_table('support_action', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_support_action_updated_at'))
        batch_op.drop_index(batch_op.f('ix_support_action_school_id'))
        batch_op.drop_index(batch_op.f('ix_support_action_origin'))
        batch_op.drop_index(batch_op.f('ix_support_action_held_on'))

    op.drop_table('support_action')
    with op.batch_alter_table('roadmap_section', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_roadmap_section_updated_at'))
        batch_op.drop_index(batch_op.f('ix_roadmap_section_roadmap_id'))
        batch_op.drop_index(batch_op.f('ix_roadmap_section_origin'))

    op.drop_table('roadmap_section')
    with op.batch_alter_table('participation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_participation_updated_at'))
        batch_op.drop_index(batch_op.f('ix_participation_teacher_id'))
        batch_op.drop_index(batch_op.f('ix_participation_school_id'))
        batch_op.drop_index(batch_op.f('ix_participation_origin'))
        batch_op.drop_index(batch_op.f('ix_participation_event_id'))

    op.drop_table('participation')
    with op.batch_alter_table('enrollment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_enrollment_updated_at'))
        batch_op.drop_index(batch_op.f('ix_enrollment_teacher_id'))
        batch_op.drop_index(batch_op.f('ix_enrollment_origin'))
        batch_op.drop_index(batch_op.f('ix_enrollment_course_id'))
        batch_op.drop_index(batch_op.f('ix_enrollment_completed_on'))

    op.drop_table('enrollment')
    with op.batch_alter_table('diagnostic', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_diagnostic_updated_at'))
        batch_op.drop_index(batch_op.f('ix_diagnostic_teacher_id'))
        batch_op.drop_index(batch_op.f('ix_diagnostic_taken_on'))
        batch_op.drop_index(batch_op.f('ix_diagnostic_origin'))

    op.drop_table('diagnostic')
    with op.batch_alter_table('assignment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assignment_updated_at'))
        batch_op.drop_index(batch_op.f('ix_assignment_teacher_id'))
        batch_op.drop_index(batch_op.f('ix_assignment_school_id'))
        batch_op.drop_index(batch_op.f('ix_assignment_origin'))

    op.drop_table('assignment')
    with op.batch_alter_table('vpr_result', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_vpr_result_year'))
        batch_op.drop_index(batch_op.f('ix_vpr_result_updated_at'))
        batch_op.drop_index(batch_op.f('ix_vpr_result_school_id'))
        batch_op.drop_index(batch_op.f('ix_vpr_result_origin'))

    op.drop_table('vpr_result')
    with op.batch_alter_table('teacher', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_teacher_updated_at'))
        batch_op.drop_index(batch_op.f('ix_teacher_school_id'))
        batch_op.drop_index(batch_op.f('ix_teacher_origin'))
        batch_op.drop_index(batch_op.f('ix_teacher_last_name'))

    op.drop_table('teacher')
    with op.batch_alter_table('staffing_slot', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_staffing_slot_updated_at'))
        batch_op.drop_index(batch_op.f('ix_staffing_slot_school_id'))
        batch_op.drop_index(batch_op.f('ix_staffing_slot_origin'))

    op.drop_table('staffing_slot')
    with op.batch_alter_table('social_passport', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_social_passport_year'))
        batch_op.drop_index(batch_op.f('ix_social_passport_updated_at'))
        batch_op.drop_index(batch_op.f('ix_social_passport_school_id'))
        batch_op.drop_index(batch_op.f('ix_social_passport_origin'))

    op.drop_table('social_passport')
    with op.batch_alter_table('school_status', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_school_status_year'))
        batch_op.drop_index(batch_op.f('ix_school_status_updated_at'))
        batch_op.drop_index(batch_op.f('ix_school_status_school_id'))
        batch_op.drop_index(batch_op.f('ix_school_status_origin'))

    op.drop_table('school_status')
    with op.batch_alter_table('roadmap', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_roadmap_updated_at'))
        batch_op.drop_index(batch_op.f('ix_roadmap_school_id'))
        batch_op.drop_index(batch_op.f('ix_roadmap_origin'))

    op.drop_table('roadmap')
    with op.batch_alter_table('recommendation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_recommendation_year'))
        batch_op.drop_index(batch_op.f('ix_recommendation_updated_at'))
        batch_op.drop_index(batch_op.f('ix_recommendation_school_id'))
        batch_op.drop_index(batch_op.f('ix_recommendation_origin'))

    op.drop_table('recommendation')
    with op.batch_alter_table('practice', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_practice_updated_at'))
        batch_op.drop_index(batch_op.f('ix_practice_school_id'))
        batch_op.drop_index(batch_op.f('ix_practice_origin'))

    op.drop_table('practice')
    with op.batch_alter_table('partnership', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_partnership_updated_at'))
        batch_op.drop_index(batch_op.f('ix_partnership_school_id'))
        batch_op.drop_index(batch_op.f('ix_partnership_origin'))
        batch_op.drop_index(batch_op.f('ix_partnership_mentor_school_id'))

    op.drop_table('partnership')
    with op.batch_alter_table('olympiad_result', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_olympiad_result_year'))
        batch_op.drop_index(batch_op.f('ix_olympiad_result_updated_at'))
        batch_op.drop_index(batch_op.f('ix_olympiad_result_school_id'))
        batch_op.drop_index(batch_op.f('ix_olympiad_result_origin'))

    op.drop_table('olympiad_result')
    with op.batch_alter_table('method_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_method_event_updated_at'))
        batch_op.drop_index(batch_op.f('ix_method_event_origin'))
        batch_op.drop_index(batch_op.f('ix_method_event_held_on'))

    op.drop_table('method_event')
    with op.batch_alter_table('graduation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_graduation_year'))
        batch_op.drop_index(batch_op.f('ix_graduation_updated_at'))
        batch_op.drop_index(batch_op.f('ix_graduation_school_id'))
        batch_op.drop_index(batch_op.f('ix_graduation_origin'))

    op.drop_table('graduation')
    with op.batch_alter_table('exam_result', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_exam_result_year'))
        batch_op.drop_index(batch_op.f('ix_exam_result_updated_at'))
        batch_op.drop_index(batch_op.f('ix_exam_result_school_id'))
        batch_op.drop_index(batch_op.f('ix_exam_result_origin'))

    op.drop_table('exam_result')
    with op.batch_alter_table('school', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_school_updated_at'))
        batch_op.drop_index(batch_op.f('ix_school_origin'))
        batch_op.drop_index(batch_op.f('ix_school_name'))
        batch_op.drop_index(batch_op.f('ix_school_district_id'))

    op.drop_table('school')
    with op.batch_alter_table('indicator_value', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_indicator_value_updated_at'))
        batch_op.drop_index(batch_op.f('ix_indicator_value_origin'))
        batch_op.drop_index(batch_op.f('ix_indicator_value_indicator_id'))

    op.drop_table('indicator_value')
    with op.batch_alter_table('indicator_target', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_indicator_target_updated_at'))
        batch_op.drop_index(batch_op.f('ix_indicator_target_origin'))
        batch_op.drop_index(batch_op.f('ix_indicator_target_indicator_id'))

    op.drop_table('indicator_target')
    op.drop_table('setting')
    with op.batch_alter_table('proposal', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_proposal_record_id'))

    op.drop_table('proposal')
    op.drop_table('peer')
    with op.batch_alter_table('packet_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_packet_log_packet_id'))
        batch_op.drop_index(batch_op.f('ix_packet_log_logged_at'))

    op.drop_table('packet_log')
    op.drop_table('installation')
    with op.batch_alter_table('indicator', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_indicator_updated_at'))
        batch_op.drop_index(batch_op.f('ix_indicator_origin'))

    op.drop_table('indicator')
    with op.batch_alter_table('district', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_district_updated_at'))
        batch_op.drop_index(batch_op.f('ix_district_origin'))

    op.drop_table('district')
    with op.batch_alter_table('course', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_course_updated_at'))
        batch_op.drop_index(batch_op.f('ix_course_title'))
        batch_op.drop_index(batch_op.f('ix_course_origin'))

    op.drop_table('course')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_log_table_name'))
        batch_op.drop_index(batch_op.f('ix_audit_log_record_id'))
        batch_op.drop_index(batch_op.f('ix_audit_log_at'))

    op.drop_table('audit_log')
