"""The package's layers: imports point inwards only, so each layer can be read (and replaced)
without the ones above it. docs/architecture.md draws the same picture."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from bot.settings import PROJECT_ROOT

#: Each layer and the layers it may import from (its own always allowed).
CORE = {"bot.settings", "bot.profile", "bot.i18n", "bot.timeutil", "bot.server_key", "bot.secure_endpoint",
        "bot.languages", "bot.classify", "bot.storage"}
DOMAIN = {"bot.cases", "bot.my_views", "bot.privacy", "bot.safety"}
SERVICES = {"bot.nlg", "bot.web", "actions"}
OUTER = {"bot.rasa_plugins", "bot.ops"}
BELOW = {
    "core": CORE,
    "domain": CORE | DOMAIN,
    "services": CORE | DOMAIN | {"bot.nlg"},  # the web process and actions render with the NLG's code
    "outer": CORE | DOMAIN | SERVICES | OUTER,
}
#: Alembic's environment imports the models it migrates.
EXEMPT = {"bot/storage/migrations/env.py"}


def layer_of(module: str) -> tuple[str, str]:
    """(layer, package) of a module name such as bot.cases.admin."""
    for layer, packages in (("core", CORE), ("domain", DOMAIN), ("services", SERVICES), ("outer", OUTER)):
        for package in packages:
            if module == package or module.startswith(package + "."):
                return layer, package
    return "outer", module  # bot/__main__.py: the command dispatcher


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name == "actions" or name.split(".")[0] in {"bot", "actions"}}


SOURCES = sorted(path for folder in ("bot", "actions") for path in (PROJECT_ROOT / folder).rglob("*.py")
                 if str(path.relative_to(PROJECT_ROOT)) not in EXEMPT and "versions" not in path.parts)


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PROJECT_ROOT)))
def test_imports_point_inwards(path: Path) -> None:
    module = ".".join(path.relative_to(PROJECT_ROOT).with_suffix("").parts).removesuffix(".__init__")
    layer, own = layer_of(module)
    allowed = BELOW[layer] | {own}
    wrong = sorted(name for name in imported_modules(path)
                   if not any(name == ok or name.startswith(ok + ".") for ok in allowed))
    assert wrong == [], f"{module} ({layer}) imports {wrong}"
