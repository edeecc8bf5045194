"""The commands the supervisor starts."""
from __future__ import annotations

from pathlib import Path

import pytest
from rasa.__main__ import create_argument_parser

from bot.ops.services import rasa_server_command


@pytest.mark.parametrize("token", ["-Xq2bT9", "--looks-like-an-option", "plain_token"])
def test_rasa_gets_the_token_whatever_it_begins_with(token: str) -> None:
    command = rasa_server_command("rasa", Path("models"), Path("endpoints.yml"), token, "127.0.0.1", 5005)
    arguments = create_argument_parser().parse_args(command[1:])
    assert arguments.auth_token == token
    assert arguments.port == 5005
