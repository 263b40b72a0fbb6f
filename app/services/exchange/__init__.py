"""Signed exchange between a school and the district: the packet file (`packet`, `manifest`), signing keys (`keys`,
`signing`), trusted peers (`peers`), and how a packet is written (`export`: plan, then write) and checked and applied
(`importing`: inspect, then apply).
"""

from .checks import REPLAY_REASON
from .export import (
    ExportPlan,
    check_sign_off,
    next_packet_name,
    packet_file_name,
    plan_export,
    write_export,
)
from .history import packet_history
from .importing import (
    Conflict,
    ImportPlan,
    ImportResult,
    PacketRefused,
    TableChanges,
    apply_import,
    import_packet,
    inspect_import,
    log_packet,
    refusal_report,
    verify_report,
)
from .sender import PacketSender, unregistered_sender
from .titles import TABLE_TITLES, table_title

__all__ = [
    "REPLAY_REASON", "TABLE_TITLES", "Conflict", "ExportPlan", "ImportPlan", "ImportResult", "PacketRefused",
    "PacketSender", "TableChanges", "apply_import", "check_sign_off", "import_packet", "inspect_import", "log_packet",
    "next_packet_name", "packet_file_name", "packet_history", "plan_export", "refusal_report", "table_title",
    "unregistered_sender", "verify_report", "write_export",
]
