"""The Python half of the set-up (the shell half, bot/ops/bootstrap.sh, makes the venv).

Each step is cheap when there is nothing to do, so `make run` can call them every time.
"""
from __future__ import annotations

from bot.languages import CODES
from bot.languages.spacy import build_all, pipeline_path
from bot.ops.catalogs import compile_all
from bot.settings import LOCALES_DIR, PROJECT_ROOT, load_settings


def build_spacy_pipelines() -> None:
    if all((pipeline_path(lang) / "config.cfg").exists() for lang in CODES):
        return
    for path in build_all():
        print(f"Built spaCy pipeline {path.relative_to(PROJECT_ROOT)}")


def compile_catalogs() -> None:
    """Compile every locale's .po to .mo when a catalog is newer than its compiled file."""
    for po in LOCALES_DIR.glob("*/LC_MESSAGES/messages.po"):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            compile_all()
            return


def prepare_case_database() -> None:
    """Migrate the case database and load the fictional demo cases into an empty one."""
    from bot.cases.admin import CaseAdmin
    from bot.cases.demo import load_demo
    from bot.profile import load_profile
    from bot.storage.migrate import migrate

    url = load_settings().database_url
    migrate(url)
    admin = CaseAdmin(url, dict(load_profile().timescales))
    try:
        if admin.is_empty():
            summary = load_demo(admin)
            print(f"Loaded the fictional demo cases ({summary.conferences}) into the empty case database.")
    finally:
        admin.close()


def run_all() -> None:
    build_spacy_pipelines()
    compile_catalogs()
    prepare_case_database()
