"""The version of the project, read from pyproject.toml: the one source for the bundle, the .deb and the .exe.

`python installer/version.py` prints it (used by build.sh and build.ps1).
"""

import tomllib
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


def project_version() -> str:
    """The `[project] version` of pyproject.toml."""
    with open(PYPROJECT, "rb") as handle:
        return tomllib.load(handle)["project"]["version"]


if __name__ == "__main__":
    print(project_version())
