"""Signing screens: sign dialog, physician's queue, packet builder, version history, audit log.

Each has one entry-point function for the main window to call.
"""

from desktop_app.ui.signing.audit_dialog import AuditLogDialog, open_audit_log
from desktop_app.ui.signing.history import VersionHistoryDialog, open_version_history
from desktop_app.ui.signing.packet_builder import PacketBuilder, open_packet_builder
from desktop_app.ui.signing.queue import SignatureQueue, open_signature_queue
from desktop_app.ui.signing.sign_dialog import SignDialog, sign_case_dialog

__all__ = [
    "AuditLogDialog",
    "PacketBuilder",
    "SignDialog",
    "SignatureQueue",
    "VersionHistoryDialog",
    "open_audit_log",
    "open_packet_builder",
    "open_signature_queue",
    "open_version_history",
    "sign_case_dialog",
]
