"""Texts for the scheduler surface."""

SV: dict[str, str] = {}

EN: dict[str, str] = {}
