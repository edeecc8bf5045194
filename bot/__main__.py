"""`python -m bot <command>`: the project's processes and admin tools."""
from __future__ import annotations

import importlib
import sys

#: command -> (module, function, what it does)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "run": ("bot.ops.run", "main", "train if needed and start every service"),
    "setup": ("bot.ops.setup_steps", "run_all",
              "build spaCy pipelines, compile translations, prepare the case database"),
    "train": ("bot.ops.training", "train_if_needed", "train the model if its inputs changed"),
    "nlg": ("bot.nlg.server", "main", "the NLG server"),
    "actions": ("bot.ops.action_server", "main", "the action server"),
    "web": ("bot.web.app", "main", "the web process (chat page)"),
    "cases": ("bot.cases.cli", "main", "case data admin: import, codes, audit, purge (see --help)"),
    "conversations": ("bot.privacy.cli", "main", "conversation retention: purge idle conversations"),
    "catalogs": ("bot.ops.catalogs", "main", "translations: extract, init LANG, update, compile"),
    "endpoints": ("bot.ops.endpoints", "main", "write Rasa's endpoints file from the environment (systemd)"),
    "safety-questions": ("bot.rasa_plugins.nlu.safety", "pin_questions",
                         "draw again the topic questions the safety classifier learns as ordinary"),
}


def usage() -> str:
    lines = ["usage: python -m bot <command> [options]", "", "commands:"]
    lines += [f"  {name:<14} {help_text}" for name, (_, _, help_text) in COMMANDS.items()]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in COMMANDS:
        print(usage(), file=sys.stderr)
        return 2
    module_name, function_name, _ = COMMANDS[argv[0]]
    sys.argv = [f"bot {argv[0]}", *argv[1:]]
    result = getattr(importlib.import_module(module_name), function_name)()
    return result if isinstance(result, int) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
