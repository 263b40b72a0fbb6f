"""«500+»: risk factors, school risk profiles, concept and programs, their measures and indicators of success

Revision ID: 0002_risks
Revises: b116c33f44b4
Create Date: 2026-12-01 14:27:05.403409
"""
from alembic import op
import sqlalchemy as sa


revision = '0002_risks'
down_revision = 'b116c33f44b4'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('risk_factor',
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('title', sa.String(length=400), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('evidence', sa.String(length=24), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('year_from', sa.Integer(), nullable=True),
    sa.Column('year_to', sa.Integer(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('origin', sa.String(length=36), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('is_demo', sa.Boolean(), server_default='0', nullable=False),
    sa.CheckConstraint("evidence IS NULL OR evidence IN ('staffing', 'at_risk_pupils', 'diagnostics', 'courses', 'non_native')", name=op.f('ck_risk_factor_evidence_valid')),
    sa.CheckConstraint('year_to IS NULL OR year_from IS NULL OR year_to >= year_from', name=op.f('ck_risk_factor_years_ordered')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_risk_factor')),
    sa.UniqueConstraint('code', name=op.f('uq_risk_factor_code'))
    )
    with op.batch_alter_table('risk_factor', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_risk_factor_origin'), ['origin'], unique=False)
        batch_op.create_index(batch_op.f('ix_risk_factor_updated_at'), ['updated_at'], unique=False)

    op.create_table('risk_profile',
    sa.Column('school_id', sa.String(length=36), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=16), nullable=False),
    sa.Column('source_file', sa.String(length=400), nullable=True),
    sa.Column('filled_on', sa.Date(), nullable=False),
    sa.Column('filled_by', sa.String(length=200), nullable=False),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('origin', sa.String(length=36), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('is_demo', sa.Boolean(), server_default='0', nullable=False),
    sa.CheckConstraint("source IS NULL OR source IN ('manual', 'excel')", name=op.f('ck_risk_profile_source_valid')),
    sa.ForeignKeyConstraint(['school_id'], ['school.id'], name=op.f('fk_risk_profile_school_id_school')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_risk_profile')),
    sa.UniqueConstraint('school_id', 'year', name=op.f('uq_risk_profile_school_id_year'))
    )
    with op.batch_alter_table('risk_profile', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_risk_profile_origin'), ['origin'], unique=False)
        batch_op.create_index(batch_op.f('ix_risk_profile_school_id'), ['school_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_risk_profile_updated_at'), ['updated_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_risk_profile_year'), ['year'], unique=False)

    op.create_table('risk_level',
    sa.Column('profile_id', sa.String(length=36), nullable=False),
    sa.Column('factor_id', sa.String(length=36), nullable=False),
    sa.Column('level', sa.String(length=8), nullable=False),
    sa.Column('priority', sa.Boolean(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('origin', sa.String(length=36), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('is_demo', sa.Boolean(), server_default='0', nullable=False),
    sa.CheckConstraint("level IS NULL OR level IN ('high', 'medium', 'low', 'none')", name=op.f('ck_risk_level_level_valid')),
    sa.ForeignKeyConstraint(['factor_id'], ['risk_factor.id'], name=op.f('fk_risk_level_factor_id_risk_factor')),
    sa.ForeignKeyConstraint(['profile_id'], ['risk_profile.id'], name=op.f('fk_risk_level_profile_id_risk_profile')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_risk_level')),
    sa.UniqueConstraint('profile_id', 'factor_id', name=op.f('uq_risk_level_profile_id_factor_id'))
    )
    with op.batch_alter_table('risk_level', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_risk_level_factor_id'), ['factor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_risk_level_origin'), ['origin'], unique=False)
        batch_op.create_index(batch_op.f('ix_risk_level_profile_id'), ['profile_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_risk_level_updated_at'), ['updated_at'], unique=False)

    op.create_table('risk_program',
    sa.Column('profile_id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('factor_id', sa.String(length=36), nullable=True),
    sa.Column('title', sa.String(length=600), nullable=True),
    sa.Column('goal', sa.Text(), nullable=False),
    sa.Column('tasks', sa.Text(), nullable=True),
    sa.Column('approved_by', sa.String(length=400), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('origin', sa.String(length=36), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('is_demo', sa.Boolean(), server_default='0', nullable=False),
    sa.CheckConstraint("(kind = 'anti_risk') = (factor_id IS NOT NULL)", name=op.f('ck_risk_program_anti_risk_has_factor')),
    sa.CheckConstraint("kind IS NULL OR kind IN ('concept', 'medium_term', 'anti_risk')", name=op.f('ck_risk_program_kind_valid')),
    sa.ForeignKeyConstraint(['factor_id'], ['risk_factor.id'], name=op.f('fk_risk_program_factor_id_risk_factor')),
    sa.ForeignKeyConstraint(['profile_id'], ['risk_profile.id'], name=op.f('fk_risk_program_profile_id_risk_profile')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_risk_program')),
    sa.UniqueConstraint('profile_id', 'kind', 'factor_id', name=op.f('uq_risk_program_profile_id_kind_factor_id'))
    )
    with op.batch_alter_table('risk_program', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_risk_program_factor_id'), ['factor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_risk_program_origin'), ['origin'], unique=False)
        batch_op.create_index(batch_op.f('ix_risk_program_profile_id'), ['profile_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_risk_program_updated_at'), ['updated_at'], unique=False)

    op.create_table('risk_indicator',
    sa.Column('program_id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('unit', sa.String(length=40), nullable=True),
    sa.Column('target', sa.Float(), nullable=False),
    sa.Column('actual', sa.Float(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('origin', sa.String(length=36), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('is_demo', sa.Boolean(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['program_id'], ['risk_program.id'], name=op.f('fk_risk_indicator_program_id_risk_program')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_risk_indicator'))
    )
    with op.batch_alter_table('risk_indicator', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_risk_indicator_origin'), ['origin'], unique=False)
        batch_op.create_index(batch_op.f('ix_risk_indicator_program_id'), ['program_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_risk_indicator_updated_at'), ['updated_at'], unique=False)

    op.create_table('risk_measure',
    sa.Column('program_id', sa.String(length=36), nullable=False),
    sa.Column('event_id', sa.String(length=36), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('origin', sa.String(length=36), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('is_demo', sa.Boolean(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['roadmap_event.id'], name=op.f('fk_risk_measure_event_id_roadmap_event')),
    sa.ForeignKeyConstraint(['program_id'], ['risk_program.id'], name=op.f('fk_risk_measure_program_id_risk_program')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_risk_measure')),
    sa.UniqueConstraint('program_id', 'event_id', name=op.f('uq_risk_measure_program_id_event_id'))
    )
    with op.batch_alter_table('risk_measure', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_risk_measure_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_risk_measure_origin'), ['origin'], unique=False)
        batch_op.create_index(batch_op.f('ix_risk_measure_program_id'), ['program_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_risk_measure_updated_at'), ['updated_at'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('risk_measure', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_risk_measure_updated_at'))
        batch_op.drop_index(batch_op.f('ix_risk_measure_program_id'))
        batch_op.drop_index(batch_op.f('ix_risk_measure_origin'))
        batch_op.drop_index(batch_op.f('ix_risk_measure_event_id'))

    op.drop_table('risk_measure')
    with op.batch_alter_table('risk_indicator', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_risk_indicator_updated_at'))
        batch_op.drop_index(batch_op.f('ix_risk_indicator_program_id'))
        batch_op.drop_index(batch_op.f('ix_risk_indicator_origin'))

    op.drop_table('risk_indicator')
    with op.batch_alter_table('risk_program', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_risk_program_updated_at'))
        batch_op.drop_index(batch_op.f('ix_risk_program_profile_id'))
        batch_op.drop_index(batch_op.f('ix_risk_program_origin'))
        batch_op.drop_index(batch_op.f('ix_risk_program_factor_id'))

    op.drop_table('risk_program')
    with op.batch_alter_table('risk_level', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_risk_level_updated_at'))
        batch_op.drop_index(batch_op.f('ix_risk_level_profile_id'))
        batch_op.drop_index(batch_op.f('ix_risk_level_origin'))
        batch_op.drop_index(batch_op.f('ix_risk_level_factor_id'))

    op.drop_table('risk_level')
    with op.batch_alter_table('risk_profile', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_risk_profile_year'))
        batch_op.drop_index(batch_op.f('ix_risk_profile_updated_at'))
        batch_op.drop_index(batch_op.f('ix_risk_profile_school_id'))
        batch_op.drop_index(batch_op.f('ix_risk_profile_origin'))

    op.drop_table('risk_profile')
    with op.batch_alter_table('risk_factor', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_risk_factor_updated_at'))
        batch_op.drop_index(batch_op.f('ix_risk_factor_origin'))

    op.drop_table('risk_factor')
