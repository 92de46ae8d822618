"""Trust (issue 10): what is stored about a person, extract, erasure, retention, the audit log."""
