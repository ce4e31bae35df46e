#!/usr/bin/env bash
# Builds the report for publication into dist/. Each edition comes from the cache
# (.cache/panorama/sources), PANORAMA_MIRROR or data.gouv.fr; every download is checked against
# the sha256 of the catalogue. SOURCE_DATE_EPOCH defaults to the last commit's date, so that the
# same sources and code give the same dist/, byte for byte.
# PANORAMA_BASE_PATH: the folder the site is served from ("/panorama" for a GitHub project site).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
if [ -z "${SOURCE_DATE_EPOCH:-}" ]; then
  SOURCE_DATE_EPOCH="$(git log -1 --format=%ct 2>/dev/null || true)"
  if [ -z "$SOURCE_DATE_EPOCH" ]; then
    echo "scripts/publish/build.sh: not a git checkout: set SOURCE_DATE_EPOCH (seconds since 1970) for a reproducible build" >&2
    exit 2
  fi
fi
export SOURCE_DATE_EPOCH
npm run build
