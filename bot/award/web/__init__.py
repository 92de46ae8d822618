"""Guldlänken's public web form: nominations from people outside Slack (GET/POST /guldlanken/<token>)."""
