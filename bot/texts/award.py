"""Texts for the award surface."""

SV: dict[str, str] = {}

EN: dict[str, str] = {}
