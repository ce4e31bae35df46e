#!/usr/bin/env bash
# The weekly watch for new editions: exit 0 when the catalogue knows every resource of the
# data.gouv.fr dataset, 1 when DINUM has published one it does not know (summary and
# `panorama editions check` of each), 3 when the API cannot be reached or read.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
exec npx --no-install tsx scripts/watch-editions.ts "$@"
