"""`python -m bot catalogs <extract|init LANG|update|compile>`: the translation routine with Babel.

extract  collect every English text (domain responses, sources, Python strings) into locales/messages.pot
init     start a new language's catalog from the template
update   merge the template into every catalog (changed texts become fuzzy, new ones empty)
compile  build the .mo files the NLG server reads
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from bot.settings import LOCALES_DIR, PROJECT_ROOT

TEMPLATE = LOCALES_DIR / "messages.pot"
KEYWORDS = ("-k", "N_", "-k", "N_plural:1,2")


def _pybabel(*args: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    subprocess.run([str(Path(sys.executable).with_name("pybabel")), *args], cwd=PROJECT_ROOT, env=env, check=True)


def extract() -> None:
    _pybabel("extract", "-F", "babel.cfg", *KEYWORDS, "--no-wrap", "--sort-by-file", "--omit-header",
             "-o", str(TEMPLATE), ".")


def init(language: str) -> None:
    _pybabel("init", "-i", str(TEMPLATE), "-d", str(LOCALES_DIR), "-l", language, "--no-wrap")


def update() -> None:
    _pybabel("update", "-i", str(TEMPLATE), "-d", str(LOCALES_DIR), "--no-wrap", "--ignore-obsolete")


def compile_all() -> None:
    _pybabel("compile", "-d", str(LOCALES_DIR), "--statistics")


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bot catalogs", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("extract")
    sub.add_parser("init").add_argument("language", help="language code, e.g. so for Somali")
    sub.add_parser("update")
    sub.add_parser("compile")
    args = parser.parse_args()
    if args.command == "init":
        init(args.language)
    else:
        {"extract": extract, "update": update, "compile": compile_all}[args.command]()
    return 0
