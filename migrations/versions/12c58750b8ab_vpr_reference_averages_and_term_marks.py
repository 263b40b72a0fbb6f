"""ВПР (issue 17): the region's and the country's reference figures per year, grade and subject (district-owned,
sent to every school); a ВПР result's comparison with the term marks (понизили / подтвердили / повысили)

Revision ID: 12c58750b8ab
Revises: 0004_school_workspace
Create Date: 2026-12-01 19:44:59.419744
"""
from alembic import op
import sqlalchemy as sa


revision = '12c58750b8ab'
down_revision = '0004_school_workspace'
branch_labels = None
depends_on = None

TERM_COLUMNS = ('term_lowered', 'term_confirmed', 'term_raised')
TERM_SUM = ('COALESCE(term_lowered, 0) + COALESCE(term_confirmed, 0) + COALESCE(term_raised, 0) <= participants')


def upgrade() -> None:
    op.create_table('vpr_reference',
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('grade', sa.Integer(), nullable=False),
    sa.Column('subject', sa.String(length=60), nullable=False),
    sa.Column('level', sa.String(length=16), nullable=False),
    sa.Column('share_2', sa.Float(), nullable=True),
    sa.Column('share_4_5', sa.Float(), nullable=True),
    sa.Column('mean_mark', sa.Float(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('origin', sa.String(length=36), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('is_demo', sa.Boolean(), server_default='0', nullable=False),
    sa.CheckConstraint("level IS NULL OR level IN ('region', 'country')", name=op.f('ck_vpr_reference_level_valid')),
    sa.CheckConstraint('grade >= 4 AND grade <= 11', name=op.f('ck_vpr_reference_grade_range')),
    sa.CheckConstraint('mean_mark IS NULL OR (mean_mark >= 2 AND mean_mark <= 5)', name=op.f('ck_vpr_reference_mean_mark_range')),
    sa.CheckConstraint('share_2 IS NULL OR (share_2 >= 0 AND share_2 <= 100)', name=op.f('ck_vpr_reference_share_2_0_100')),
    sa.CheckConstraint('share_2 IS NULL OR share_4_5 IS NULL OR share_2 + share_4_5 <= 100.01', name=op.f('ck_vpr_reference_shares_le_100')),
    sa.CheckConstraint('share_4_5 IS NULL OR (share_4_5 >= 0 AND share_4_5 <= 100)', name=op.f('ck_vpr_reference_share_4_5_0_100')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vpr_reference')),
    sa.UniqueConstraint('year', 'grade', 'subject', 'level', name=op.f('uq_vpr_reference_year_grade_subject_level'))
    )
    with op.batch_alter_table('vpr_reference', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_vpr_reference_origin'), ['origin'], unique=False)
        batch_op.create_index(batch_op.f('ix_vpr_reference_updated_at'), ['updated_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_vpr_reference_year'), ['year'], unique=False)

    with op.batch_alter_table('vpr_result', schema=None) as batch_op:
        batch_op.add_column(sa.Column('term_lowered', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('term_confirmed', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('term_raised', sa.Integer(), nullable=True))
        for column in TERM_COLUMNS:
            batch_op.create_check_constraint(batch_op.f(f'ck_vpr_result_{column}_non_negative'),
                                             f'{column} IS NULL OR {column} >= 0')
        batch_op.create_check_constraint(batch_op.f('ck_vpr_result_term_marks_le_participants'), TERM_SUM)


def downgrade() -> None:
    with op.batch_alter_table('vpr_result', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_vpr_result_term_marks_le_participants'), type_='check')
        for column in TERM_COLUMNS:
            batch_op.drop_constraint(batch_op.f(f'ck_vpr_result_{column}_non_negative'), type_='check')
        batch_op.drop_column('term_raised')
        batch_op.drop_column('term_confirmed')
        batch_op.drop_column('term_lowered')

    with op.batch_alter_table('vpr_reference', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_vpr_reference_year'))
        batch_op.drop_index(batch_op.f('ix_vpr_reference_updated_at'))
        batch_op.drop_index(batch_op.f('ix_vpr_reference_origin'))

    op.drop_table('vpr_reference')
