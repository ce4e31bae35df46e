#!/usr/bin/env bash
# The tests that guard a publication: type check, lint, unit tests.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
npm test
