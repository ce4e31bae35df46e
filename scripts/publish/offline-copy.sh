#!/usr/bin/env bash
# An offline copy of the built report for an intranet: a tarball of dist/ and its sha256.
# Usage: bash scripts/publish/offline-copy.sh [output folder, default out/]
# The archive is reproducible: files sorted by name, dates set to SOURCE_DATE_EPOCH (default: the
# last commit's date), owner 0, no gzip timestamp.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
out="${1:-out}"
if [ ! -f dist/index.html ]; then
  echo "scripts/publish/offline-copy.sh: dist/index.html not found: build the report first (npm run build)" >&2
  exit 1
fi
epoch="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 0)}"
name="panorama-$(date -u -d "@$epoch" +%Y-%m-%d)"
mkdir -p "$out"
tmp="$(mktemp "$out/.$name.XXXXXX")"
trap 'rm -f "$tmp"' EXIT
tar --sort=name --mtime="@$epoch" --owner=0 --group=0 --numeric-owner --mode='u+rwX,go+rX,go-w' \
  --transform "s,^dist,$name," -cf - dist | gzip -n > "$tmp"
mv "$tmp" "$out/$name.tar.gz"
trap - EXIT
(cd "$out" && sha256sum "$name.tar.gz" > "$name.tar.gz.sha256")
echo "$out/$name.tar.gz"
echo "$out/$name.tar.gz.sha256: $(cut -d' ' -f1 "$out/$name.tar.gz.sha256")"
