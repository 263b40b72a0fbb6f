#!/usr/bin/env bash
# Make kurator_<version>_<arch>.deb from a PyInstaller bundle.
# Usage: installer/linux/build_deb.sh BUNDLE_DIR OUT_DIR   (BUNDLE_DIR is dist/kurator from installer/kurator.spec)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bundle="$(cd "$1" && pwd)"
out="$(mkdir -p "$2" && cd "$2" && pwd)"

version="$(python3 "$root/installer/version.py")"
arch="$(dpkg --print-architecture)"
glibc="$(getconf GNU_LIBC_VERSION | cut -d' ' -f2)"  # the bundle runs on this C library or newer
system="$(python3 "$here/system_libraries.py")"  # the libraries the bundle takes from the system
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT

install -d "$stage/opt" "$stage/usr/bin" "$stage/usr/share/applications" "$stage/usr/share/mime/packages" \
    "$stage/usr/share/icons/hicolor/256x256/apps" "$stage/usr/share/icons/hicolor/scalable/apps" \
    "$stage/usr/share/doc/kurator" "$stage/DEBIAN"
cp -a "$bundle" "$stage/opt/kurator"
ln -s /opt/kurator/kurator "$stage/usr/bin/kurator"
install -m 644 "$here/kurator.desktop" "$stage/usr/share/applications/kurator.desktop"
install -m 644 "$here/kurator-mime.xml" "$stage/usr/share/mime/packages/kurator.xml"
install -m 644 "$root/resources/icons/kurator.png" "$stage/usr/share/icons/hicolor/256x256/apps/kurator.png"
install -m 644 "$root/resources/icons/kurator.svg" "$stage/usr/share/icons/hicolor/scalable/apps/kurator.svg"
install -m 644 "$root/resources/fonts/LICENSE-ParaType.txt" "$stage/usr/share/doc/kurator/LICENSE-ParaType.txt"
install -m 755 "$here/postinst" "$stage/DEBIAN/postinst"
install -m 755 "$here/postrm" "$stage/DEBIAN/postrm"

size="$(du -sk --exclude=DEBIAN "$stage" | cut -f1)"
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@SIZE@/$size/" -e "s/@GLIBC@/$glibc/" -e "s/@SYSTEM@/$system/" \
    "$here/control.in" > "$stage/DEBIAN/control"
chmod -R u+rwX,go+rX,go-w "$stage"

deb="$out/kurator_${version}_${arch}.deb"
dpkg-deb --build --root-owner-group -Zxz -z9 -Sextreme "$stage" "$deb" >&2
echo "$deb"
