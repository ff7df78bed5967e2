"""Update every app's translation catalogues (``src/introsak/<app>/locale``).

Each app keeps its own catalogues; the project-level templates in ``src/introsak/templates``
belong to ``core`` (collected through a temporary symlink). Run::

    uv run python scripts/makemessages.py [--check]

With ``--check`` nothing is written: the script extracts into a scratch copy and exits 1 if
any translatable string of the code is missing from, or untranslated in, the bokmål
catalogue of its app (the test suite runs the same check).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "introsak"
# Languages per app: staff pages in nb and en; core and web (the shared layout and menu) also
# carry the participant languages.
LANGUAGES = {
    "core": ["nb", "en", "uk", "ru"],
    "web": ["nb", "en", "uk", "ru"],
    # early's participant texts (questionnaire, letter, own view: the app
    # introsak.early.participant); Dari is fa_AF.
    "participant": ["nb", "en", "uk", "ru", "ar", "ti", "fa_AF"],
}
DEFAULT_LANGUAGES = ["nb", "en"]


def apps_with_catalogues(package: Path) -> list[Path]:
    # An app may hold a nested app with catalogues of its own (early/participant).
    return sorted(p.parent for p in [*package.glob("*/locale"), *package.glob("*/*/locale")])


def extract(app: Path, languages: list[str]) -> None:
    link = app / "_project_templates"
    if app.name == "core":
        link.symlink_to(app.parent / "templates", target_is_directory=True)
    try:
        args = [
            "django-admin",
            "makemessages",
            "--symlinks",
            "--no-obsolete",
            "--ignore=_tests*",
            *(f"-l{lang}" for lang in languages),
            # a nested app's strings go to its own catalogues only
            *(f"--ignore={nested.parent.name}" for nested in app.glob("*/locale")),
        ]
        subprocess.run(
            args,
            cwd=app,
            check=True,
            capture_output=True,
            env={**os.environ, "DJANGO_SETTINGS_MODULE": "introsak.settings"},
        )
    finally:
        if link.is_symlink():
            link.unlink()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    if not args.check:
        for app in apps_with_catalogues(PACKAGE):
            extract(app, LANGUAGES.get(app.name, DEFAULT_LANGUAGES))
        return 0
    sys.path.insert(0, str(ROOT / "tests"))
    from translations import missing_translations

    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "introsak"
        shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
        for app in apps_with_catalogues(copy):
            extract(app, ["nb"])
        problems = missing_translations(copy)
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
