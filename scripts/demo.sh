#!/usr/bin/env bash
# Run the demo: the real server against a local Slack stand-in, a whole meeting cycle.
set -euo pipefail
cd "$(dirname "$0")/.."
exec python scripts/demo.py "$@"
