#!/usr/bin/env bash
# Tries the README's Emacs set-up for real: Emacs (with eglot) opens a draft, starts
# `reportlint lsp --stdio` through reportlint-eglot.el, and prints the diagnostics Flymake got.
# Installs emacs-nox and elpa-eglot (Debian) when Emacs is missing.
#   bash editors/emacs/try.sh [file]      (default: seed 002)
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
if ! command -v emacs >/dev/null; then
  if [ "$(id -u)" = 0 ]; then apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q emacs-nox elpa-eglot
  else sudo apt-get update -q && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -q emacs-nox elpa-eglot; fi
fi
[ -f "$repo/dist/src/cli/index.js" ] || (cd "$repo" && npm run build >/dev/null)
# `reportlint` on PATH, as after `npm i -g reportlint`
bin="$(mktemp -d)"
trap 'rm -rf "$bin"' EXIT
printf '#!/bin/sh\nexec node "%s/bin/reportlint.js" "$@"\n' "$repo" > "$bin/reportlint"
chmod +x "$bin/reportlint"
# a copy of the draft, so that applying the quick fix changes nothing of the repository's
cp "${1:-$repo/fixtures/seeds/002_605866c201a9c82d.txt}" "$bin/"
file="$bin/$(basename "${1:-002_605866c201a9c82d.txt}")"
cd "$bin"
PATH="$bin:$PATH" emacs --batch -l "$repo/editors/emacs/reportlint-eglot.el" -l "$repo/editors/emacs/try.el" "$file"
