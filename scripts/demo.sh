#!/usr/bin/env bash
# `npm run demo`: from a fresh clone to a running MonOPCO on SQLite with demo data.
# Installs dependencies, generates a local secret (.env) once, builds, migrates, seeds an empty
# database and serves on http://localhost:3000 (PORT to change it).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

if [ ! -d node_modules/payload ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "== Installation des dépendances"
  PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund
fi

if [ ! -f .env ]; then
  echo "== Création de .env (secret aléatoire local, données de démonstration activées)"
  umask 077
  {
    echo "PAYLOAD_SECRET=$(node -e "console.log(require('crypto').randomBytes(32).toString('hex'))")"
    echo "SEED_DEMO_DATA=true"
    echo "COOKIE_SECURE=false"
  } > .env
fi
set -a; . ./.env; set +a
export NODE_ENV=production
# The admin only accepts its own origin (CSRF): keep SERVER_URL in step with PORT.
export SERVER_URL="${SERVER_URL:-http://localhost:${PORT:-3000}}"

echo "== Build"
npx next build
echo "== Migrations, données de démonstration et démarrage"
npm start
