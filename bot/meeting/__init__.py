"""Meetings, members, organisations, and the timeline of a meeting's sends."""
