#!/usr/bin/env sh
# The Debian packages the tests need beyond npm: a real Chromium for the browser page's tests and
# LibreOffice to show that a fixed Word draft still opens. Installed here, by the project, only when
# missing (npm cannot ship them, and nothing may be downloaded from anywhere but Debian's mirrors).
# A Chinese font, so that the page's screenshots (bench/web.mjs) show characters, not boxes.
# OCR of scanned reports (src/node/ocr-*.ts): Tesseract with its simplified and traditional Chinese
# data (tessdata:NAME checks for a model file), ImageMagick to decode page images, poppler's pdftoppm
# to draw a page with no picture of its own; img2pdf to make the scanned test fixtures.
# Usage: scripts/system-deps.sh [binary=package ...]   (default: every one below; font:zh is a font check)
set -eu
[ "$#" -gt 0 ] || set -- chromium=chromium soffice=libreoffice-writer-nogui font:zh=fonts-wqy-microhei \
  tesseract=tesseract-ocr tessdata:chi_sim=tesseract-ocr-chi-sim tessdata:chi_tra=tesseract-ocr-chi-tra \
  pdftoppm=poppler-utils img2pdf=img2pdf magick:convert=imagemagick
missing=""
for pair in "$@"; do
  bin=${pair%%=*}; pkg=${pair#*=}
  case "$bin" in
    font:*) [ -n "$(fc-list ":lang=${bin#font:}" 2>/dev/null | head -1)" ] || missing="$missing $pkg" ;;
    tessdata:*) ls /usr/share/tesseract-ocr/*/tessdata/"${bin#tessdata:}".traineddata >/dev/null 2>&1 || missing="$missing $pkg" ;;
    # Debian's own ImageMagick, not a look-alike earlier on PATH
    magick:*) [ -x "/usr/bin/${bin#magick:}" ] || missing="$missing $pkg" ;;
    *) command -v "$bin" >/dev/null 2>&1 || missing="$missing $pkg" ;;
  esac
done
[ -z "$missing" ] && exit 0
echo "reportlint: installing Debian packages the tests need:$missing" >&2
if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; else
  echo "reportlint: cannot install$missing (not root, no sudo); install them and run again" >&2; exit 1
fi
export DEBIAN_FRONTEND=noninteractive
# one install at a time (jest workers, a second npm test)
exec 9>/tmp/reportlint-apt.lock
flock 9 2>/dev/null || true
$SUDO apt-get install -y --no-install-recommends $missing >/dev/null 2>&1 || {
  $SUDO apt-get update -qq >/dev/null 2>&1
  $SUDO apt-get install -y --no-install-recommends $missing >/dev/null
}
