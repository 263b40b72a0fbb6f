"""Every entity the user maintains by hand, by name: the one table the UI, the CLI and the tests read."""

from types import MappingProxyType

from . import learning, results, risks, schools, staff, support
from .spec import Entity

ENTITIES: MappingProxyType = MappingProxyType({
    entity.name: entity
    for entity in (*schools.ENTITIES, *staff.ENTITIES, *learning.ENTITIES, *results.ENTITIES, *support.ENTITIES,
                   *risks.ENTITIES)
})


def get_entity(entity: "Entity | str") -> Entity:
    """The entity itself, or the one registered under that name."""
    if isinstance(entity, Entity):
        return entity
    try:
        return ENTITIES[entity]
    except KeyError:
        raise KeyError(f"unknown entity {entity!r}") from None


def referencing(entity: Entity) -> list[tuple[Entity, str]]:
    """(entity, field) pairs whose reference field points at `entity`: what a deletion would orphan."""
    return [(other, f.name) for other in ENTITIES.values() for f in other.fields if f.kind == "ref" and f.ref == entity.name]
