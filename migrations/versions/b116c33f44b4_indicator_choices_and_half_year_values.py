"""indicator choices and half-year values (issue 15): an indicator's open definition choices; a value per half-year

Revision ID: b116c33f44b4
Revises: 0001
Create Date: 2026-12-01 14:26:53.091026
"""
from alembic import op
import sqlalchemy as sa


revision = 'b116c33f44b4'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('indicator', schema=None) as batch_op:
        batch_op.add_column(sa.Column('choices', sa.JSON(), nullable=True))

    with op.batch_alter_table('indicator_value', schema=None) as batch_op:
        batch_op.add_column(sa.Column('half', sa.Integer(), server_default='0', nullable=False))
        batch_op.drop_constraint(batch_op.f('uq_indicator_value_indicator_id_year'), type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_indicator_value_indicator_id_year_half'), ['indicator_id', 'year', 'half'])
        batch_op.create_check_constraint(batch_op.f('ck_indicator_value_half_0_1_2'), 'half IN (0, 1, 2)')



def downgrade() -> None:
    with op.batch_alter_table('indicator_value', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_indicator_value_half_0_1_2'), type_='check')
        batch_op.drop_constraint(batch_op.f('uq_indicator_value_indicator_id_year_half'), type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_indicator_value_indicator_id_year'), ['indicator_id', 'year'])
        batch_op.drop_column('half')

    with op.batch_alter_table('indicator', schema=None) as batch_op:
        batch_op.drop_column('choices')

