#!/usr/bin/env bash
# Creates a migration for both SQL adapters from the current collections.
# Usage: npm run migrate:create -- <name>   (needs the local PostgreSQL for the postgres one)
set -euo pipefail
name="${1:-migration}"
export NODE_OPTIONS=--conditions=development
tmp=$(mktemp -d)
DATABASE_URL="file:$tmp/schema.db" npx payload migrate:create "$name" --skip-empty
pgdb="monopco_migrate_$$"
psql -h 127.0.0.1 -U postgres -d postgres -qc "CREATE DATABASE $pgdb" >/dev/null
trap 'psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $pgdb" >/dev/null; rm -rf "$tmp"' EXIT
DATABASE_URL="postgres://postgres@127.0.0.1:5432/$pgdb" npx payload migrate:create "$name" --skip-empty
