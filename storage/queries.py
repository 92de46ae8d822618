"""Old home of `get_network`, kept only for bot/delivery/report.py, the last importer.

Everything else imports from storage/meetings.py and storage/members.py. Delete this file once
bot/delivery/report.py imports `get_network` from storage.meetings.
"""

from __future__ import annotations

from storage.meetings import get_network

__all__ = ["get_network"]
