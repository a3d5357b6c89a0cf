#!/usr/bin/env bash
# One transaction cycle of aitune on this host: apply a profile, verify it, roll it back.
# Usage: tools/tune-cycle.sh BINARY PROFILE STATE_DIR
set -euo pipefail
"$1" apply --profile "$2" --state-dir "$3" >/dev/null
"$1" verify --state-dir "$3" >/dev/null
"$1" rollback --state-dir "$3" >/dev/null
