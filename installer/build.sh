#!/usr/bin/env bash
# Build the one-folder bundle and the .deb: installer/build.sh [OUT_DIR]   (default: dist/)
# Needs the project's build extra (setup.sh installs it into .venv) and dpkg-deb; prints the sizes.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$(mkdir -p "${1:-$root/dist}" && cd "${1:-$root/dist}" && pwd)"
cd "$root"

export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
# The Python that has the build extra: $PYTHON, else the checkout's .venv (README set-up), else python3.
if [ -z "${PYTHON:-}" ]; then
    if [ -x "$root/.venv/bin/python" ]; then PYTHON="$root/.venv/bin/python"; else PYTHON=python3; fi
fi
icons=resources/icons
[ "$icons/kurator.ico" -nt "$icons/kurator.svg" ] && [ "$icons/kurator.png" -nt "$icons/kurator.svg" ] \
    || "$PYTHON" installer/make_icons.py
"$PYTHON" -m PyInstaller installer/kurator.spec --noconfirm --clean --log-level WARN \
    --distpath "$out" --workpath "$out/build"
# Debug symbols are weight (libpython alone carries 18 MB of them). PyInstaller's own strip also strips the
# auditwheel-patched libraries in *.libs folders, and that breaks numpy's OpenBLAS; so strip here, leaving those.
if [ "$(uname -s)" = Linux ] && command -v strip > /dev/null; then
    find "$out/kurator" -type f \( -name "*.so" -o -name "*.so.*" \) -not -path "*.libs/*" \
        -exec strip --strip-unneeded {} + 2> /dev/null || true
fi
deb="$(installer/linux/build_deb.sh "$out/kurator" "$out")"

echo "bundle: $out/kurator ($(du -sh "$out/kurator" | cut -f1))"
echo "deb:    $deb ($(du -sh "$deb" | cut -f1))"
