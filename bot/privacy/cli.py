"""`python -m bot conversations purge [--older-than DAYS]`: enforce the conversation retention limit."""
from __future__ import annotations

import argparse

from bot.privacy.erase import purge_idle_conversations
from bot.profile import load_profile


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bot conversations")
    sub = parser.add_subparsers(dest="command", required=True)
    purge = sub.add_parser("purge", help="delete conversations idle for longer than the retention limit")
    purge.add_argument("--older-than", type=int, metavar="DAYS",
                       default=load_profile().section("retention").get("conversation_days", 30))
    args = parser.parse_args()
    removed = purge_idle_conversations(args.older_than)
    print(f"Deleted {removed} conversation(s) idle for more than {args.older_than} days.")
    return 0
