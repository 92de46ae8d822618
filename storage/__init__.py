"""Storage: the data and nothing of Slack (models, queries, engine, migrations)."""
