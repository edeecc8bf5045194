"""The commands the supervisor starts."""
from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from rasa.__main__ import create_argument_parser

from bot.ops.services import http_ok, rasa_server_command


@pytest.mark.parametrize("token", ["-Xq2bT9", "--looks-like-an-option", "plain_token"])
def test_rasa_gets_the_token_whatever_it_begins_with(token: str) -> None:
    command = rasa_server_command("rasa", Path("models"), Path("endpoints.yml"), token, "127.0.0.1", 5005)
    arguments = create_argument_parser().parse_args(command[1:])
    assert arguments.auth_token == token
    assert arguments.port == 5005


@contextmanager
def echoing_peer() -> Iterator[int]:
    """A local port whose peer sends each request back, as a socket connected to itself does."""
    server = socket.create_server(("127.0.0.1", 0))

    def echo_once() -> None:
        connection, _ = server.accept()
        with connection:
            connection.sendall(connection.recv(65536))

    thread = threading.Thread(target=echo_once, daemon=True)
    thread.start()
    try:
        yield server.getsockname()[1]
    finally:
        thread.join(timeout=5)
        server.close()


def test_a_readiness_check_that_gets_its_own_request_back_is_not_ready() -> None:
    with echoing_peer() as port:
        assert http_ok(f"http://127.0.0.1:{port}/status?token=secret", timeout=2) is False
