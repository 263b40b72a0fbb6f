"""The schools of the demo district: the seed's seven ШНОР with their synthetic profiles, and the others."""

from dataclasses import dataclass, field
from datetime import date

from .data import load

SUPPORTED_STATUSES = ("shnor", "shnsu")


@dataclass(frozen=True)
class SchoolSpec:
    """What the generator needs to know about one school."""

    code: str
    name: str
    kind: str
    locality: str
    settlement: str | None
    context_type: str | None
    distance_km: float
    pupils: int
    quality: float  # −1 (weakest) … +1 (strongest): drives results and context
    trend: float  # yearly change of quality since the program started
    statuses: dict[str, list[int]] = field(default_factory=dict)
    bases: dict[str, str] = field(default_factory=dict)
    growth_point_opened: date | None = None
    seed_index: int | None = None  # position among the seed's ШНОР

    def has(self, status: str, year: int | None = None) -> bool:
        years = self.statuses.get(status, [])
        return bool(years) if year is None else year in years

    @property
    def supported(self) -> bool:
        """In the support program (ШНОР or ШНСУ) in some year."""
        return any(self.has(status) for status in SUPPORTED_STATUSES)

    @property
    def senior(self) -> bool:
        return self.kind != "ООШ"


def _merge(*mappings: dict[str, list[int]]) -> dict[str, list[int]]:
    merged: dict[str, list[int]] = {}
    for mapping in mappings:
        for status, years in mapping.items():
            merged[status] = sorted(set(merged.get(status, [])) | set(years))
    return merged


def _seed_spec(index: int, school: dict) -> SchoolSpec:
    seed, synthetic = load("terskiy_2022"), load("synthetic")
    profile = synthetic["shnor_profiles"][school["code"]]
    statuses = _merge(school["statuses"], profile.get("statuses", {}))
    bases = {status: synthetic["synthetic_status_basis"] for status in statuses}
    bases.update({"shnor": seed["status_basis"], "500plus": seed["status_basis_500plus"]})
    opened = school.get("growth_point_opened")
    return SchoolSpec(
        code=school["code"], name=school["name"], kind=school["kind"], locality=school["locality"],
        settlement=school["settlement"], context_type=profile["context_type"], distance_km=profile["distance_km"],
        pupils=profile["pupils"], quality=profile["quality"], trend=profile["trend"], statuses=statuses, bases=bases,
        growth_point_opened=date.fromisoformat(opened) if opened else None, seed_index=index,
    )


def _synthetic_spec(code: str, name: str, profile: dict) -> SchoolSpec:
    statuses = profile.get("statuses", {})
    basis = load("synthetic")["synthetic_status_basis"]
    return SchoolSpec(
        code=code, name=name, kind=profile["kind"], locality=profile["locality"], settlement=profile["settlement"],
        context_type=profile["context_type"], distance_km=profile["distance_km"], pupils=profile["pupils"],
        quality=profile["quality"], trend=profile["trend"], statuses=statuses,
        bases={status: basis for status in statuses},
    )


def district_schools() -> list[SchoolSpec]:
    """Every school of the demo district, the seed's seven ШНОР first (codes 0701001…0701007)."""
    seeded = [_seed_spec(i, school) for i, school in enumerate(load("terskiy_2022")["schools"])]
    others = [_synthetic_spec(s["code"], s["name"], s) for s in load("synthetic")["other_schools"]]
    return seeded + others


def school_for_installation(code: str, name: str) -> SchoolSpec:
    """The school of a school installation: the district's school with that code, or a made-up one."""
    for spec in district_schools():
        if spec.code == code:
            return spec
    return _synthetic_spec(code, name, load("synthetic")["unknown_school_profile"])
