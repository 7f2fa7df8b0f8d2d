#!/usr/bin/env bash
# `npm test`: everything CI runs. Types, the production build, then unit, integration, HTTP,
# security and end-to-end tests on SQLite; the database-backed suites again on PostgreSQL when
# TEST_DATABASE_URL is set (e.g. postgres://postgres@127.0.0.1:5432/postgres).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

echo "== src/payload-types.ts à jour"
# Generated from payload.config.ts and committed: the code is typed against it, so a collection
# changed without regenerating it is a failure here, not a surprise later.
types_frais="$(mktemp --suffix=.ts)"
PAYLOAD_TS_OUTPUT_PATH="$types_frais" npm run -s generate:types >/dev/null
if ! diff -u src/payload-types.ts "$types_frais"; then
  echo "src/payload-types.ts n'est pas à jour : lancez « npm run generate:types » et committez-le."
  exit 1
fi
rm -f "$types_frais"

echo "== Vérification des types (tsc)"
npx tsc --noEmit

echo "== Build de production (next build)"
# Turbopack has been seen to abort (SIGABRT) in its teardown after writing a complete build when
# the machine was saturated: one retry, and a second failure stops the run.
npx next build || { echo "== next build a échoué : nouvel essai"; npx next build; }

export NODE_OPTIONS="--experimental-vm-modules ${NODE_OPTIONS:-}"

echo "== Tests sur SQLite (unitaires, intégration, HTTP, sécurité, bout en bout)"
# tests/cluster is several machines on one PostgreSQL database: the PostgreSQL pass only.
TEST_DB=sqlite npx jest --ci --testPathIgnorePatterns /node_modules/ /tests/cluster/

if [ -n "${TEST_DATABASE_URL:-}" ]; then
  echo "== Tests sur PostgreSQL (${TEST_DATABASE_URL})"
  TEST_DB=postgres npx jest --ci tests/int tests/http tests/security tests/cluster
else
  echo "== PostgreSQL ignoré : définissez TEST_DATABASE_URL pour lancer aussi la suite sur PostgreSQL"
fi
