"""`python -m bot conversations purge [--older-than DAYS]`: enforce the retention limits of conversations
and of young people's unsent views drafts (24 hours)."""
from __future__ import annotations

import argparse

from bot.my_views.drafts import DraftStore
from bot.privacy.erase import purge_idle_conversations
from bot.profile import load_profile


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bot conversations")
    sub = parser.add_subparsers(dest="command", required=True)
    purge = sub.add_parser("purge", help="delete conversations idle for longer than the retention limit")
    purge.add_argument("--older-than", type=int, metavar="DAYS",
                       default=load_profile().retention.conversation_days)
    args = parser.parse_args()
    removed = purge_idle_conversations(args.older_than)
    print(f"Deleted {removed} conversation(s) idle for more than {args.older_than} days.")
    drafts = DraftStore.from_settings()
    try:
        print(f"Deleted {drafts.purge_expired()} young people's views draft(s) older than 24 hours.")
    finally:
        drafts.close()
    return 0
