"""Shared libraries the Linux bundle takes from the system instead of carrying copies: each Debian 12 package the
.deb depends on, with its libraries PyInstaller would otherwise copy into the bundle. The spec leaves those files
out (`left_out`); build_deb.sh writes the packages into the control file's Depends (`python3 system_libraries.py`
prints them). The copies would be the very same files: the bundle is built on Debian 12 from these packages.

Kept in the bundle: what Debian 12 does not have in these versions (Qt 6 and its ICU, Python's own library, the
vendored libraries of the wheels, named with a hash)."""

SYSTEM_LIBRARIES = {
    # C++ and C runtime pieces, compression, hashing: in every Debian 12 system (apt itself needs most of them)
    "libstdc++6": ("libstdc++.so.6",), "libgcc-s1": ("libgcc_s.so.1",), "zlib1g": ("libz.so.1",),
    "libbz2-1.0": ("libbz2.so.1.0",), "liblzma5": ("liblzma.so.5",), "libzstd1": ("libzstd.so.1",),
    "liblz4-1": ("liblz4.so.1",), "libbrotli1": ("libbrotlicommon.so.1", "libbrotlidec.so.1"),
    "libffi8": ("libffi.so.8",), "libuuid1": ("libuuid.so.1",), "libbsd0": ("libbsd.so.0",), "libmd0": ("libmd.so.0",),
    "libcap2": ("libcap.so.2",), "libgcrypt20": ("libgcrypt.so.20",), "libgpg-error0": ("libgpg-error.so.0",),
    "libexpat1": ("libexpat.so.1",), "libpcre2-8-0": ("libpcre2-8.so.0",),
    # Python's sqlite3, ssl and hashlib modules (Debian's Python is the one the bundle is built from)
    "libsqlite3-0": ("libsqlite3.so.0",), "libssl3": ("libssl.so.3", "libcrypto.so.3"),
    # Qt's event loop, D-Bus, fonts and pictures
    "libglib2.0-0": ("libglib-2.0.so.0", "libgmodule-2.0.so.0", "libgthread-2.0.so.0"),
    "libdbus-1-3": ("libdbus-1.so.3",), "libsystemd0": ("libsystemd.so.0",),
    "libfontconfig1": ("libfontconfig.so.1",), "libfreetype6": ("libfreetype.so.6",), "libpng16-16": ("libpng16.so.16",),
    # X11 (Qt's xcb platform)
    "libx11-6": ("libX11.so.6",), "libx11-xcb1": ("libX11-xcb.so.1",), "libxau6": ("libXau.so.6",),
    "libxdmcp6": ("libXdmcp.so.6",), "libxkbcommon0": ("libxkbcommon.so.0",),
    "libxkbcommon-x11-0": ("libxkbcommon-x11.so.0",), "libxcb-cursor0": ("libxcb-cursor.so.0",),
    "libxcb-glx0": ("libxcb-glx.so.0",), "libxcb-icccm4": ("libxcb-icccm.so.4",), "libxcb-image0": ("libxcb-image.so.0",),
    "libxcb-keysyms1": ("libxcb-keysyms.so.1",), "libxcb-randr0": ("libxcb-randr.so.0",),
    "libxcb-render0": ("libxcb-render.so.0",), "libxcb-render-util0": ("libxcb-render-util.so.0",),
    "libxcb-shape0": ("libxcb-shape.so.0",), "libxcb-shm0": ("libxcb-shm.so.0",), "libxcb-sync1": ("libxcb-sync.so.1",),
    "libxcb-util1": ("libxcb-util.so.1",), "libxcb-xfixes0": ("libxcb-xfixes.so.0",), "libxcb-xkb1": ("libxcb-xkb.so.1",),
}


def left_out(name: str) -> bool:
    """Whether the library file `name` is taken from the system (not copied into the bundle)."""
    return any(name == library for libraries in SYSTEM_LIBRARIES.values() for library in libraries)


def depends() -> str:
    """The packages for the control file's Depends, comma-separated."""
    return ", ".join(SYSTEM_LIBRARIES)


if __name__ == "__main__":
    print(depends())
