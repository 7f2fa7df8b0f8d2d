#!/usr/bin/env bash
# `npm run docs:captures`: rebuilds, then runs the e2e tests that take the guides' screenshots
# with CAPTURES_DOCS=1, so they overwrite docs/captures/*.png (commit them when they look right).
# A plain `npm test` writes them to test-results/captures-docs/ only: the git tree stays clean.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
npx next build
CAPTURES_DOCS=1 TEST_DB=sqlite NODE_OPTIONS="--experimental-vm-modules ${NODE_OPTIONS:-}" npx jest --ci \
  tests/e2e/admin.test.ts tests/e2e/workflow.test.ts tests/e2e/portail.test.ts tests/e2e/messages.test.ts
echo "Captures écrites dans docs/captures/ :"
ls -l docs/captures/
