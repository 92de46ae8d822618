"""Texts for the checkin surface."""

SV: dict[str, str] = {}

EN: dict[str, str] = {}
