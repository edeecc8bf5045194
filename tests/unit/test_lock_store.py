"""The awaited Redis lock store against a real Redis server (from Debian's packages)."""
from __future__ import annotations

import asyncio
import json
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from rasa.core.lock_store import LockError, LockStore, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

from bot.ops.endpoints import LOCK_KEY_PREFIX, redis_lock_store
from bot.ops.local_stores import RedisServer
from bot.rasa_plugins.lock_store import AsyncRedisLockStore
from tests.support.postgres import free_port


@pytest.fixture(scope="module")
def redis_port(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    server = RedisServer(Path(tmp_path_factory.mktemp("redis")), free_port())
    process = subprocess.Popen(server.command(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while not server.is_ready():
            assert time.monotonic() < deadline, "Redis did not start"
            time.sleep(0.05)
        yield server.port
    finally:
        process.terminate()
        process.wait()


def make_store(port: int, timeout: float = 1.0) -> AsyncRedisLockStore:
    return AsyncRedisLockStore(EndpointConfig(url="127.0.0.1", type="redis", port=port, db=1,
                                              key_prefix=LOCK_KEY_PREFIX, socket_timeout=timeout))


def stored(store: AsyncRedisLockStore, conversation: str) -> bool:
    return bool(store.red.exists(store.key_prefix + conversation))


def test_a_turn_takes_the_lock_and_leaves_nothing_behind(redis_port: int) -> None:
    store = make_store(redis_port)

    async def turn() -> bool:
        async with store.lock("c-alone", lock_lifetime=5):
            return stored(store, "c-alone")

    assert asyncio.run(turn()) is True
    assert not stored(store, "c-alone")


def tickets_stored(store: AsyncRedisLockStore, conversation: str) -> int:
    raw = store.red.get(store.key_prefix + conversation)
    return len(json.loads(raw)["tickets"]) if raw else 0


async def queued(store: AsyncRedisLockStore, conversation: str, tickets: int) -> None:
    """Wait until Redis holds `tickets` tickets for the conversation."""
    deadline = time.monotonic() + 5
    while tickets_stored(store, conversation) < tickets:
        assert time.monotonic() < deadline, "the ticket was never issued"
        await asyncio.sleep(0.005)


def test_turns_of_one_conversation_run_one_at_a_time_in_arrival_order(redis_port: int) -> None:
    store = make_store(redis_port)
    inside: list[int] = []
    order: list[int] = []

    async def main() -> None:
        everyone_queued = asyncio.Event()

        async def turn(number: int) -> None:
            async with store.lock("c-queue", lock_lifetime=5, wait_time_in_seconds=0.01):
                inside.append(number)
                assert len(inside) == 1, "two turns held the lock at once"
                order.append(number)
                await everyone_queued.wait()    # the first turn holds the lock until all have tickets
                await asyncio.sleep(0.02)
                inside.remove(number)

        turns = []
        for number in range(5):                 # each arrives once the one before has its ticket
            turns.append(asyncio.ensure_future(turn(number)))
            await queued(store, "c-queue", number + 1)
        everyone_queued.set()
        await asyncio.gather(*turns)

    asyncio.run(main())
    assert order == [0, 1, 2, 3, 4]
    assert not stored(store, "c-queue")


def test_two_servers_share_the_lock(redis_port: int) -> None:
    first, second = make_store(redis_port), make_store(redis_port)
    events: list[str] = []

    async def turn(store: AsyncRedisLockStore, name: str) -> None:
        async with store.lock("c-two-servers", lock_lifetime=5, wait_time_in_seconds=0.01):
            events.append(f"{name} in")
            await asyncio.sleep(0.1)
            events.append(f"{name} out")

    async def main() -> None:
        a = asyncio.ensure_future(turn(first, "a"))
        await queued(first, "c-two-servers", 1)
        await asyncio.gather(a, turn(second, "b"))

    asyncio.run(main())
    assert events == ["a in", "a out", "b in", "b out"]


def test_a_lock_left_by_a_server_that_died_frees_itself_after_its_lifetime(redis_port: int) -> None:
    dead, alive = make_store(redis_port), make_store(redis_port)
    # a server took a ticket and died before it released it
    asyncio.run(dead._call(dead._issue, dead.key_prefix + "c-dead", "c-dead", 0.3))

    async def turn() -> float:
        started = time.monotonic()
        async with alive.lock("c-dead", lock_lifetime=5, wait_time_in_seconds=0.05):
            return time.monotonic() - started

    waited = asyncio.run(turn())
    assert 0.2 < waited < 2


def test_a_turn_whose_ticket_expired_never_touches_the_next_turns_ticket(redis_port: int) -> None:
    """A turn outlives its ticket; the lock is gone, and the next turn is issued a ticket numbered 0 again."""
    store = make_store(redis_port)
    events: list[str] = []

    async def main() -> None:
        inside, next_turn_inside = asyncio.Event(), asyncio.Event()

        async def slow_turn() -> None:
            async with store.lock("c-outlived", lock_lifetime=0.2):
                inside.set()
                await next_turn_inside.wait()      # its ticket expires meanwhile
            events.append("slow turn released")

        async def next_turn() -> None:
            async with store.lock("c-outlived", lock_lifetime=5, wait_time_in_seconds=0.01):
                next_turn_inside.set()
                await asyncio.sleep(0.05)          # the slow turn releases its own, expired ticket now
                events.append(f"next turn still holds the lock: {tickets_stored(store, 'c-outlived')}")
                waiting = asyncio.ensure_future(store.lock("c-outlived", lock_lifetime=5).__aenter__())
                await asyncio.sleep(0.1)
                events.append(f"a third turn waits: {not waiting.done()}")
                waiting.cancel()

        slow = asyncio.ensure_future(slow_turn())
        await inside.wait()
        await asyncio.sleep(0.3)
        await asyncio.gather(slow, next_turn())

    asyncio.run(main())
    assert events == ["slow turn released", "next turn still holds the lock: 1", "a third turn waits: True"]


def test_a_waiting_turn_whose_ticket_expired_is_not_served_on_a_newer_ticket_with_its_number(redis_port: int) -> None:
    """Turn B waits on ticket 1 and oversleeps its lifetime; meanwhile turns C and D take tickets 0 and 1 again."""
    store = make_store(redis_port)
    key = store.key_prefix + "c-overslept"

    async def main() -> None:
        await store._call(store._issue, key, "c-overslept", 0.2)                # turn A, gone
        overslept = await store._call(store._issue, key, "c-overslept", 0.2)    # turn B's ticket 1
        await asyncio.sleep(0.3)                                                # both expire
        await store._call(store._issue, key, "c-overslept", 5)                  # turn C: ticket 0
        newer = await store._call(store._issue, key, "c-overslept", 5)          # turn D: ticket 1
        assert json.loads(newer)["number"] == json.loads(overslept)["number"] == 1
        assert await store._call(store._try_acquire, key, overslept) == -1      # B: expired, never served
        assert await store._call(store._try_acquire, key, newer) == 0           # D still waits for C

    asyncio.run(main())


def test_rasa_reads_the_lock_as_its_own(redis_port: int) -> None:
    """The stored form is Rasa's: its own store (and tools built on it) read the queue."""
    ours = make_store(redis_port)
    rasa = RedisLockStore(host="127.0.0.1", port=redis_port, db=1, key_prefix=LOCK_KEY_PREFIX)

    async def main() -> None:
        async with ours.lock("c-rasa", lock_lifetime=5):
            lock = rasa.get_lock("c-rasa")
            assert lock is not None and lock.now_serving == 0 and not lock.is_locked(0)
            rasa.issue_ticket("c-rasa", 5)       # Rasa's own store queues behind us
            assert rasa.get_lock("c-rasa").is_locked(1)

    asyncio.run(main())
    assert rasa.get_lock("c-rasa").now_serving == 1


def test_a_cancelled_turn_releases_the_lock(redis_port: int) -> None:
    store = make_store(redis_port)

    async def main() -> float:
        inside = asyncio.Event()

        async def slow_turn() -> None:
            async with store.lock("c-cancel", lock_lifetime=30):
                inside.set()
                await asyncio.sleep(10)

        task = asyncio.ensure_future(slow_turn())
        await inside.wait()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        started = time.monotonic()
        async with store.lock("c-cancel", lock_lifetime=30, wait_time_in_seconds=0.01):
            return time.monotonic() - started

    assert asyncio.run(main()) < 1       # not the 30 s lifetime


def test_a_turn_cancelled_while_waiting_leaves_no_ticket(redis_port: int) -> None:
    store = make_store(redis_port)

    async def main() -> None:
        async with store.lock("c-wait", lock_lifetime=30, wait_time_in_seconds=0.01):
            waiting = asyncio.ensure_future(store.lock("c-wait", lock_lifetime=30).__aenter__())
            await queued(store, "c-wait", 2)
            waiting.cancel()
            with pytest.raises(asyncio.CancelledError):
                await waiting
            await asyncio.sleep(0.1)             # the release runs meanwhile
            assert tickets_stored(store, "c-wait") == 1

    asyncio.run(main())
    assert not stored(store, "c-wait")


def test_a_lock_lives_in_redis_no_longer_than_its_tickets(redis_port: int) -> None:
    store = make_store(redis_port)
    asyncio.run(store._call(store._issue, store.key_prefix + "c-ttl", "c-ttl", 3))
    assert 0 < store.red.pttl(store.key_prefix + "c-ttl") <= 4000


def test_redis_down_is_a_lock_error_at_once() -> None:
    store = make_store(free_port(), timeout=0.5)

    async def main() -> None:
        async with store.lock("c-down"):
            pass

    started = time.monotonic()
    with pytest.raises(LockError):
        asyncio.run(main())
    assert time.monotonic() - started < 2


def test_a_hung_redis_is_a_lock_error_in_time_and_the_server_carries_on() -> None:
    """A server that accepts the connection and never answers (a stopped Redis)."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        store = make_store(silent.getsockname()[1], timeout=0.5)

        async def main() -> tuple[float, int]:
            ticks = 0

            async def other_conversations() -> None:
                nonlocal ticks
                while True:
                    await asyncio.sleep(0.02)
                    ticks += 1

            ticking = asyncio.ensure_future(other_conversations())
            started = time.monotonic()
            with pytest.raises(LockError):
                async with store.lock("c-hung"):
                    pass
            waited = time.monotonic() - started
            ticking.cancel()
            return waited, ticks

        waited, ticks = asyncio.run(main())
    assert waited < 1.5
    assert ticks >= waited / 0.02 / 2, "the event loop was blocked while Redis did not answer"


def test_the_endpoints_section_builds_this_store() -> None:
    section = redis_lock_store("redis://127.0.0.1:6390/2", 1.0)
    store = LockStore.create(EndpointConfig.from_dict(section))
    assert isinstance(store, AsyncRedisLockStore)
    assert store.key_prefix.startswith(LOCK_KEY_PREFIX)
