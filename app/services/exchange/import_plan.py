"""What an import would do and what it did: per-table changes, conflicts, the checked plan and the result, with the
shapes the import dialog shows and `kurator packet import --json` prints."""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NotRequired, TypedDict

from app.models.titles import table_title

Row = dict[str, Any]


@dataclass
class TableChanges:
    """What an import does to one table: records to create and update (database values), and what it skips."""

    table: str
    create: list[Row] = field(default_factory=list)
    update: list[Row] = field(default_factory=list)
    unchanged: int = 0
    held_back: list[tuple[str, str]] = field(default_factory=list)  # (record id, Russian reason)


@dataclass(frozen=True)
class Conflict:
    """An open local proposal about a record the packet brings: kept, shown to the user to decide."""

    proposal_id: str
    table: str
    record_id: str
    changes: dict
    author: str | None


class TableCounts(TypedDict):
    """What an import does to one table, with the Russian reasons for what it holds back."""

    table: str
    title: str
    create: int
    update: int
    unchanged: int
    held_back: int
    held_back_reasons: list[str]


class ConflictJson(TypedDict):
    proposal_id: str
    table: str
    title: str
    record_id: str
    changes: dict
    author: str | None


class ImportPreview(TypedDict):
    """What the import dialog shows before applying; `sender` and `signed_off_by` as the manifest states them."""

    sender: dict[str, Any]
    packet_id: str
    sequence: int
    period: int | str
    signed_off_by: dict[str, Any]
    replay: bool
    created: int
    updated: int
    unchanged: int
    refused: int
    by_table: list[TableCounts]
    conflicts: list[ConflictJson]


@dataclass
class ImportPlan:
    """A fully checked packet and what applying it would do; `replay` means it was applied before (no-op)."""

    path: Path
    manifest: dict[str, Any]
    peer_id: str
    replay: bool = False
    sender_school: str | None = None  # the school whose registered key verified the packet (None: the district)
    tables: dict[str, TableChanges] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def sender(self) -> dict[str, Any]:
        return self.manifest["sender"]

    @property
    def created(self) -> int:
        return sum(len(t.create) for t in self.tables.values())

    @property
    def updated(self) -> int:
        return sum(len(t.update) for t in self.tables.values())

    @property
    def unchanged(self) -> int:
        return sum(t.unchanged for t in self.tables.values())

    @property
    def refused(self) -> int:
        return sum(len(t.held_back) for t in self.tables.values())

    def by_table(self) -> list[TableCounts]:
        return [{"table": t.table, "title": table_title(t.table), "create": len(t.create), "update": len(t.update),
                 "unchanged": t.unchanged, "held_back": len(t.held_back),
                 "held_back_reasons": sorted({reason for _, reason in t.held_back})}
                for t in self.tables.values()]

    def summary(self) -> ImportPreview:
        """What the import dialog shows before applying: sender, sign-off, counts by table, conflicts."""
        return {
            "sender": self.sender, "packet_id": self.manifest["packet_id"], "sequence": self.manifest["sequence"],
            "period": self.manifest["period"], "signed_off_by": self.manifest["signed_off_by"], "replay": self.replay,
            "created": self.created, "updated": self.updated, "unchanged": self.unchanged, "refused": self.refused,
            "by_table": self.by_table(),
            "conflicts": [{"proposal_id": c.proposal_id, "table": c.table, "title": table_title(c.table),
                           "record_id": c.record_id, "changes": c.changes, "author": c.author} for c in self.conflicts],
        }


class ImportReport(TypedDict):
    """`kurator packet import --json`: DESIGN.md's five keys and `dry_run`, then the details of a checked packet."""

    applied: bool
    created: int
    updated: int
    refused: int
    reason: str | None
    dry_run: bool
    unchanged: NotRequired[int]
    by_table: NotRequired[list[TableCounts]]
    conflicts: NotRequired[list[ConflictJson]]
    packet_id: NotRequired[str]
    sequence: NotRequired[int]
    backup: NotRequired[str]


@dataclass(frozen=True)
class ImportResult:
    applied: bool
    created: int
    updated: int
    refused: int
    reason: str | None
    plan: ImportPlan | None = None
    dry_run: bool = False
    backup: Path | None = None

    def to_json(self) -> ImportReport:
        data: ImportReport = {"applied": self.applied, "created": self.created, "updated": self.updated,
                              "refused": self.refused, "reason": self.reason, "dry_run": self.dry_run}
        if self.plan is not None:
            data.update({"unchanged": self.plan.unchanged, "by_table": self.plan.by_table(),
                         "conflicts": self.plan.summary()["conflicts"], "packet_id": self.plan.manifest["packet_id"],
                         "sequence": self.plan.manifest["sequence"]})
        if self.backup:
            data["backup"] = str(self.backup)
        return data
