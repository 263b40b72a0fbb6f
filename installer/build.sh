#!/usr/bin/env bash
# Build the one-folder bundle and the .deb: installer/build.sh [OUT_DIR]   (default: dist/)
# Needs the project's build extra (pip install ".[build]") and dpkg-deb; prints the sizes.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$(mkdir -p "${1:-$root/dist}" && cd "${1:-$root/dist}" && pwd)"
cd "$root"

export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
icons=resources/icons
[ "$icons/kurator.ico" -nt "$icons/kurator.svg" ] && [ "$icons/kurator.png" -nt "$icons/kurator.svg" ] \
    || python3 installer/make_icons.py
python3 -m PyInstaller installer/kurator.spec --noconfirm --clean --log-level WARN \
    --distpath "$out" --workpath "$out/build"
deb="$(installer/linux/build_deb.sh "$out/kurator" "$out")"

echo "bundle: $out/kurator ($(du -sh "$out/kurator" | cut -f1))"
echo "deb:    $deb ($(du -sh "$deb" | cut -f1))"
