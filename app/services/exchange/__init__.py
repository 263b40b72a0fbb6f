"""Signed exchange between a school and the district: the packet file (`packet`, `manifest`), signing keys (`keys`,
`signing`), trusted peers (`peers`), and how a packet is written (`export`: plan, then write) and checked and applied
(`importing`: inspect, then apply; `import_plan`: what an import would do and did).
"""

from app.models.titles import TABLE_TITLES, table_title

from .checks import MAX_SEQUENCE_GAP, REPLAY_REASON
from .export import (
    ExportPlan,
    ExportSummary,
    check_sign_off,
    files_phrase,
    next_packet_name,
    packet_file_name,
    plan_export,
    write_export,
)
from .history import declared_incomplete, packet_history
from .import_plan import (
    Conflict,
    ImportPlan,
    ImportPreview,
    ImportReport,
    ImportResult,
    TableChanges,
    TableCounts,
)
from .importing import (
    PacketRefused,
    VerifyReport,
    apply_import,
    import_packet,
    inspect_import,
    log_packet,
    refusal_report,
    verify_report,
)
from .sender import PacketSender, unregistered_sender

__all__ = [
    "MAX_SEQUENCE_GAP", "REPLAY_REASON", "TABLE_TITLES", "Conflict", "ExportPlan", "ExportSummary", "ImportPlan",
    "ImportPreview", "ImportReport", "ImportResult", "PacketRefused", "PacketSender", "TableChanges", "TableCounts",
    "VerifyReport", "apply_import", "check_sign_off", "declared_incomplete", "files_phrase", "import_packet", "inspect_import",
    "log_packet", "next_packet_name",
    "packet_file_name", "packet_history", "plan_export", "refusal_report", "table_title", "unregistered_sender",
    "verify_report", "write_export",
]
