#!/usr/bin/env bash
# Installs the exact dependencies of package-lock.json (no audit, no funding messages).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
npm ci --no-audit --no-fund
