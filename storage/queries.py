"""Old home of the shared queries, kept so code not yet moved keeps importing.

New code imports from storage/meetings.py and storage/members.py, which hold these now.
"""

from __future__ import annotations

from storage.meetings import get_network, next_meeting
from storage.members import active_members

__all__ = ["active_members", "get_network", "next_meeting"]
