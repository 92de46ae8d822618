#!/usr/bin/env bash
# Run the demo: the app against a local Slack stand-in, a whole meeting cycle and a Guldlänken round.
# The same as `chefsnatverket demo` (installed by `pip install .`).
set -euo pipefail
exec chefsnatverket demo "$@"
