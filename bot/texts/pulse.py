"""Texts for the pulse surface."""

SV: dict[str, str] = {}

EN: dict[str, str] = {}
