#!/usr/bin/env bash
# The project's one test command (README): make sure the system tools exist, then run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-tools.sh
[ -d node_modules ] || PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund
npx tsc --noEmit -p .
npx vitest run "$@"
