"""Sending exactly once: the scheduler, the ledger protocol, pacing, Slack errors. Knows no feature."""
