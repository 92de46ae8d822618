"""Guldlänken: rounds, confidential nominations, the jury's reading, the export."""
