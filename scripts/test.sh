#!/usr/bin/env bash
# `npm test`: everything CI runs. Types, the production build, then unit, integration, HTTP,
# security and end-to-end tests on SQLite; the database-backed suites again on PostgreSQL when
# TEST_DATABASE_URL is set (e.g. postgres://postgres@127.0.0.1:5432/postgres).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

echo "== Vérification des types (tsc)"
npx tsc --noEmit

echo "== Build de production (next build)"
# Turbopack has been seen to abort (SIGABRT) in its teardown after writing a complete build when
# the machine was saturated: one retry, and a second failure stops the run.
npx next build || { echo "== next build a échoué : nouvel essai"; npx next build; }

export NODE_OPTIONS="--experimental-vm-modules ${NODE_OPTIONS:-}"

echo "== Tests sur SQLite (unitaires, intégration, HTTP, sécurité, bout en bout)"
TEST_DB=sqlite npx jest --ci

if [ -n "${TEST_DATABASE_URL:-}" ]; then
  echo "== Tests sur PostgreSQL (${TEST_DATABASE_URL})"
  TEST_DB=postgres npx jest --ci tests/int tests/http tests/security
else
  echo "== PostgreSQL ignoré : définissez TEST_DATABASE_URL pour lancer aussi la suite sur PostgreSQL"
fi
