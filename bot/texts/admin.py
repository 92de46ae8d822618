"""Texts for the admin surface."""

SV: dict[str, str] = {}

EN: dict[str, str] = {}
