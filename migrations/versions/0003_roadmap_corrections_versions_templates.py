"""roadmap corrections (versions with their basis), event levels and links, school roadmaps from a template

Revision ID: 0003_roadmap_corrections
Revises: 0002_risks
Create Date: 2026-12-01 14:25:14.034078
"""
from alembic import op
import sqlalchemy as sa


revision = '0003_roadmap_corrections'
down_revision = '0002_risks'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('roadmap_correction',
    sa.Column('roadmap_id', sa.String(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('corrected_on', sa.Date(), nullable=False),
    sa.Column('basis', sa.String(length=400), nullable=False),
    sa.Column('author', sa.String(length=200), nullable=True),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.Column('snapshot', sa.Text(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('origin', sa.String(length=36), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('is_demo', sa.Boolean(), server_default='0', nullable=False),
    sa.CheckConstraint('version >= 1', name=op.f('ck_roadmap_correction_version_positive')),
    sa.ForeignKeyConstraint(['roadmap_id'], ['roadmap.id'], name=op.f('fk_roadmap_correction_roadmap_id_roadmap')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_roadmap_correction')),
    sa.UniqueConstraint('roadmap_id', 'version', name=op.f('uq_roadmap_correction_roadmap_id_version'))
    )
    with op.batch_alter_table('roadmap_correction', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_roadmap_correction_origin'), ['origin'], unique=False)
        batch_op.create_index(batch_op.f('ix_roadmap_correction_roadmap_id'), ['roadmap_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_roadmap_correction_updated_at'), ['updated_at'], unique=False)

    op.create_table('roadmap_change',
    sa.Column('correction_id', sa.String(length=36), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('target', sa.String(length=16), nullable=False),
    sa.Column('record_id', sa.String(length=36), nullable=False),
    sa.Column('label', sa.Text(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('field', sa.String(length=32), nullable=True),
    sa.Column('before', sa.Text(), nullable=True),
    sa.Column('after', sa.Text(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('origin', sa.String(length=36), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('is_demo', sa.Boolean(), server_default='0', nullable=False),
    sa.CheckConstraint("kind IS NULL OR kind IN ('added', 'removed', 'deadline', 'text', 'moved', 'renumbered')", name=op.f('ck_roadmap_change_kind_valid')),
    sa.CheckConstraint("target IS NULL OR target IN ('event', 'section')", name=op.f('ck_roadmap_change_target_valid')),
    sa.ForeignKeyConstraint(['correction_id'], ['roadmap_correction.id'], name=op.f('fk_roadmap_change_correction_id_roadmap_correction')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_roadmap_change'))
    )
    with op.batch_alter_table('roadmap_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_roadmap_change_correction_id'), ['correction_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_roadmap_change_origin'), ['origin'], unique=False)
        batch_op.create_index(batch_op.f('ix_roadmap_change_record_id'), ['record_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_roadmap_change_updated_at'), ['updated_at'], unique=False)

    op.create_table('roadmap_event_school',
    sa.Column('event_id', sa.String(length=36), nullable=False),
    sa.Column('school_id', sa.String(length=36), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('origin', sa.String(length=36), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('is_demo', sa.Boolean(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['roadmap_event.id'], name=op.f('fk_roadmap_event_school_event_id_roadmap_event')),
    sa.ForeignKeyConstraint(['school_id'], ['school.id'], name=op.f('fk_roadmap_event_school_school_id_school')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_roadmap_event_school')),
    sa.UniqueConstraint('event_id', 'school_id', name=op.f('uq_roadmap_event_school_event_id_school_id'))
    )
    with op.batch_alter_table('roadmap_event_school', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_roadmap_event_school_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_roadmap_event_school_origin'), ['origin'], unique=False)
        batch_op.create_index(batch_op.f('ix_roadmap_event_school_school_id'), ['school_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_roadmap_event_school_updated_at'), ['updated_at'], unique=False)

    with op.batch_alter_table('roadmap', schema=None) as batch_op:
        batch_op.add_column(sa.Column('approved_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('template_id', sa.String(length=36), nullable=True))
        batch_op.create_index(batch_op.f('ix_roadmap_template_id'), ['template_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_roadmap_template_id_roadmap'), 'roadmap', ['template_id'], ['id'])

    with op.batch_alter_table('roadmap_event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('level', sa.String(length=16), server_default='municipal', nullable=False))
        batch_op.add_column(sa.Column('linked_event_id', sa.String(length=36), nullable=True))
        batch_op.create_index(batch_op.f('ix_roadmap_event_linked_event_id'), ['linked_event_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_roadmap_event_linked_event_id_roadmap_event'), 'roadmap_event', ['linked_event_id'], ['id'])
        batch_op.create_check_constraint(op.f('ck_roadmap_event_level_valid'), "level IS NULL OR level IN ('municipal', 'school')")

    with op.batch_alter_table('roadmap_section', schema=None) as batch_op:
        batch_op.add_column(sa.Column('note', sa.Text(), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('roadmap_section', schema=None) as batch_op:
        batch_op.drop_column('note')

    with op.batch_alter_table('roadmap_event', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_roadmap_event_level_valid'), type_='check')
        batch_op.drop_constraint(batch_op.f('fk_roadmap_event_linked_event_id_roadmap_event'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_roadmap_event_linked_event_id'))
        batch_op.drop_column('linked_event_id')
        batch_op.drop_column('level')

    with op.batch_alter_table('roadmap', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_roadmap_template_id_roadmap'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_roadmap_template_id'))
        batch_op.drop_column('template_id')
        batch_op.drop_column('approved_on')

    with op.batch_alter_table('roadmap_event_school', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_roadmap_event_school_updated_at'))
        batch_op.drop_index(batch_op.f('ix_roadmap_event_school_school_id'))
        batch_op.drop_index(batch_op.f('ix_roadmap_event_school_origin'))
        batch_op.drop_index(batch_op.f('ix_roadmap_event_school_event_id'))

    op.drop_table('roadmap_event_school')
    with op.batch_alter_table('roadmap_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_roadmap_change_updated_at'))
        batch_op.drop_index(batch_op.f('ix_roadmap_change_record_id'))
        batch_op.drop_index(batch_op.f('ix_roadmap_change_origin'))
        batch_op.drop_index(batch_op.f('ix_roadmap_change_correction_id'))

    op.drop_table('roadmap_change')
    with op.batch_alter_table('roadmap_correction', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_roadmap_correction_updated_at'))
        batch_op.drop_index(batch_op.f('ix_roadmap_correction_roadmap_id'))
        batch_op.drop_index(batch_op.f('ix_roadmap_correction_origin'))

    op.drop_table('roadmap_correction')
