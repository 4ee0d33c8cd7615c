#!/usr/bin/env bash
# Sets up whatever is missing, builds, and serves the demo on localhost.
#   scripts/dev.sh [--port N]     (default 8080)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
exec node scripts/serve.mjs "$@"
