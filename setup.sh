#!/bin/sh
# Kurator's set-up on Debian 12 / Astra Linux 1.8, from the source folder (README, command 1):
# the system packages Qt, the reports and the tests need, a virtual environment in .venv (the system Python refuses
# a bare `pip install`, PEP 668), and the project in it with its test and build extras.
set -eu
cd "$(dirname "$0")"

if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi

PACKAGES="python3 python3-venv python3-pip
    libegl1 libgl1 libglib2.0-0 libfontconfig1 libfreetype6 libdbus-1-3 libxkbcommon0 libxkbcommon-x11-0
    libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-xinerama0 libxcb-xkb1
    libxcb-shape0 fonts-dejavu-core fonts-paratype
    poppler-utils openssl unzip libreoffice-writer-nogui libreoffice-calc-nogui
    binutils dpkg-dev fakeroot xvfb postgresql"

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086 — the list is split into package names on purpose
$SUDO apt-get install -y -qq --no-install-recommends $PACKAGES > /dev/null

python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[test,build]"
echo "Куратор установлен в $(pwd)/.venv: запуск — .venv/bin/kurator, тесты — .venv/bin/python -m pytest"
