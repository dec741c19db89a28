#!/usr/bin/env bash
# make diff ENGINE=atlas NAME=<name>: write the next migration pair with
# `atlas migrate diff --env strata` (atlas.hcl), then refresh atlas.sum.
#
# The dev database is a fresh database on an embedded cluster started by strata
# (.strata/pg-atlas). It runs PostgreSQL 15 by default (ATLAS_PG_BIN) because the
# newest Atlas CLI the module proxy serves (cmd/atlas v0.13.1) cannot open
# PostgreSQL >= 16: it reads lc_collate from pg_settings, which 16 removed.
# Set STRATA_ATLAS_DEV_URL to use another empty database instead.
set -euo pipefail
name="${1:?usage: scripts/atlas-diff.sh NAME}"
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
atlas="${STRATA_ATLAS_BIN:-$root/.tools/bin/atlas}"
if [ ! -x "$atlas" ]; then
  echo "error: $atlas not found; run \`make atlas\` first" >&2
  exit 1
fi
strata=(node "$root/bin/strata.js")
tsx=(node --import tsx -e)

cleanup=()
trap 'for c in "${cleanup[@]}"; do eval "$c"; done' EXIT

if [ -z "${STRATA_ATLAS_DEV_URL:-}" ]; then
  admin=$(env -u DATABASE_URL STRATA_PG_BIN="${ATLAS_PG_BIN:-/usr/lib/postgresql/15/bin}" \
    STRATA_CLUSTER_DIR="$root/.strata/pg-atlas" "${strata[@]}" db url)
  dev_db="atlas_dev_$$"
  "${tsx[@]}" "import('./src/db/connect.ts').then((m) => m.execOnce('$admin', 'CREATE DATABASE $dev_db'))"
  cleanup+=("${tsx[*]} \"import('./src/db/connect.ts').then((m) => m.execOnce('$admin', 'DROP DATABASE IF EXISTS $dev_db WITH (FORCE)'))\"")
  export STRATA_ATLAS_DEV_URL="${admin%/postgres}/$dev_db?sslmode=disable"
fi

# Atlas before v0.36 hashes down files too; give it the sum flavour it expects
# while it runs, and leave the current flavour behind.
probe=$(mktemp -d)
cleanup+=("rm -rf '$probe'")
printf 'SELECT 1;\n' > "$probe/1_p.up.sql"
printf 'SELECT 1;\n' > "$probe/1_p.down.sql"
"$atlas" migrate hash --dir "file://$probe?format=golang-migrate" >/dev/null
flavour=current
grep -q 'down.sql' "$probe/atlas.sum" && flavour=legacy
mkdir -p migrations
"${strata[@]}" migrate hash --flavour "$flavour" >/dev/null

src="$root/.strata/atlas-src.sql"
"${tsx[@]}" "import('./src/migrations/index.ts').then((m) => m.writeAtlasSource('schema', '$src'))"
"$atlas" migrate diff "$name" --env strata --var "src=file://$src"
"${strata[@]}" migrate hash --flavour current
