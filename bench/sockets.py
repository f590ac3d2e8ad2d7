"""`make bench`, live chat: a thousand visitors chatting at once, and how long a message takes.

    python -m bench.sockets [--clients 1000] [--agents 20] [--seconds 60] [--interval 5]

The chat server runs as `sampark serve` runs it: one uvicorn process (uvloop, httptools,
websockets-sansio) with the configured channel layer, on a fresh database (SQLite in a temporary
directory, or DATABASE_URL's). A team of agents signs in and opens its sockets. Then the
visitors open theirs, a few dozen at a time, and each starts a chat, which goes to an agent.
Every socket stays open for the whole measured period.

In that period each visitor says something every few seconds (--interval, with random jitter:
1,000 visitors every 5 s make 200 messages a second). The round trip is the time from sending
a message to receiving it back: the server sends it back once it has stored it. Agents answer
what they receive, as often as the chat's per-socket throttle lets them (about once a second
each); the time from an agent's answer to the visitor receiving it is the second figure. An
agent's socket hears a chat only once told the chat is theirs, so the bench also counts how
many chats the agents were told of, and how many of the visitors' messages reached them.

The baseline: the same clients, with the same sending pattern, against an echo server written
with the websockets library alone (on uvloop, in a process of its own), in the same run. This
machine is shared and noisy, so the ratio of Sampark's percentiles to the echo server's is the
figure of merit; the target is a p99 round trip of at most 100 ms.

The clients run in this process, on uvloop, on the same cores as the server: their own event
loop's lag and both processes' CPU use are reported beside the times. A visitor socket is refused
after 30 new sockets a minute from one address; real visitors come from many addresses, so the
clients connect from many loopback addresses (127.x.y.z, which Linux routes to lo), 25 each.
Results go to bench/results/ as JSON and Markdown.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import resource
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import uvloop
import websockets
from websockets.asyncio.client import ClientConnection
from websockets.asyncio.server import ServerConnection
from websockets.protocol import State

from bench.__main__ import RESULTS, percentile

if TYPE_CHECKING:
    from sampark.core.models import Team, User
    from sampark.core.roles import Role

TARGET_P99_MS = 100.0
ORIGIN = "https://www.example-firm.com"  # the firm's site the widget is on
PER_ADDRESS = 25  # new visitor sockets from one address: under the chat's 30 a minute
BATCH = 50  # visitor sockets opened at once while ramping up
MAX_CHATS = 1000  # each agent takes every chat routed to them
# The chat allows a socket 10 messages in 10 s; agents stay under it, so none is refused.
AGENT_BURST, AGENT_RATE = 5.0, 0.8
GRACE_S = 10.0  # after the period, how long answers still in flight may take
TEXT = "Has my transfer to the Dhaka account gone through yet?"
ANSWER = "Yes, it went through this morning; you will see it by noon."


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=1000, help="visitor sockets")
    parser.add_argument("--agents", type=int, default=20, help="agents answering them")
    parser.add_argument("--seconds", type=float, default=60, help="the measured period")
    parser.add_argument(
        "--interval",
        type=float,
        default=5.0,
        help="seconds between a visitor's messages, on average",
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--results", type=Path, default=RESULTS, help="where to write (default: bench/results)"
    )
    parser.add_argument("--echo-server", type=int, metavar="PORT", help=argparse.SUPPRESS)
    args = parser.parse_args()
    raise_open_files()
    if args.echo_server:
        uvloop.run(echo_server(args.echo_server))
        return

    data_dir = tempfile.mkdtemp(prefix="sampark-bench-sockets-")
    # The servers inherit this environment: the same database, secret key and settings.
    os.environ["SAMPARK_DATA_DIR"] = data_dir
    os.environ["SAMPARK_DEBUG"] = "false"  # DEBUG keeps every query in memory
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sampark.settings")
    try:
        run(args, Path(data_dir))
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


def run(args: argparse.Namespace, data_dir: Path) -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    key, cookies = prepare(args.agents)
    vendor = connection.vendor
    connection.close()  # the server writes from now on
    base = random.randrange(1, 255)  # fresh addresses: a shared (Redis) cache counts per address
    plan = Plan(args.clients, args.seconds, args.interval, args.seed, base)
    print(
        f"{args.clients:,} visitors, {args.agents} agents, {args.seconds:.0f} s, a message every "
        f"{args.interval:g} s on average; {vendor}, channel layer {settings.CHANNEL_LAYER}"
    )
    plan.agent_origin = f"http://{own_host(settings.ALLOWED_HOSTS)}"
    plan.cookies = cookies
    ours = measure_sampark(plan, key, data_dir)
    show("Sampark", ours)
    plan.agent_url, plan.cookies = "", []
    raw = measure_echo(plan, data_dir)
    show("raw websockets echo", raw)

    ratio = {
        f"p{pct}": ratio_of(ours["round_trip"], raw["round_trip"], f"p{pct}_ms")
        for pct in (50, 95, 99)
    }
    # A message that never came back is slower than any percentile: it fails the target too.
    met = (
        (ours["round_trip"]["p99_ms"] or float("inf")) <= TARGET_P99_MS
        and ours["open_at_end"] == args.clients
        and ours["lost"] == 0
    )
    print(
        f"ratio Sampark / raw: p50 {times(ratio['p50'])}, p95 {times(ratio['p95'])}, "
        f"p99 {times(ratio['p99'])}\n"
        f"target ({args.clients:,} sockets open to the end, none lost, p99 round trip <= "
        f"{TARGET_P99_MS:.0f} ms): " + ("met" if met else "NOT met")
    )
    write_results(args, vendor, settings.CHANNEL_LAYER, ours, raw, ratio, met)


def measure_sampark(plan: Plan, key: str, data_dir: Path) -> dict[str, Any]:
    from sampark.core.management.commands.serve import chat_server_command

    port = free_port()
    log = data_dir / "sampark.log"
    server = start_server(chat_server_command("127.0.0.1", port), port, log)
    try:
        plan.visitor_url = f"ws://127.0.0.1:{port}/chat/ws/visitor/{key}/"
        plan.agent_url = f"ws://127.0.0.1:{port}/chat/ws/agent/"
        found = uvloop.run(drive(plan, server.pid))
    except Exception:
        print("\n".join(["the chat server's log ends:", *log_lines(log)[-20:]]), file=sys.stderr)
        raise
    finally:
        stop(server)
    if logged := log_lines(log):
        # Faults it logged, such as a chat command's traceback: counted here, shown in full.
        found["server_errors"] = sum(" ERROR " in line for line in logged)
        print("\n".join(["the chat server's log ends:", *logged[-20:]]), file=sys.stderr)
    return found


def measure_echo(plan: Plan, data_dir: Path) -> dict[str, Any]:
    port = free_port()
    command = [sys.executable, "-m", "bench.sockets", "--echo-server", str(port)]
    server = start_server(command, port, data_dir / "echo.log")
    try:
        plan.visitor_url = f"ws://127.0.0.1:{port}/"
        return uvloop.run(drive(plan, server.pid))
    finally:
        stop(server)


def times(ratio: float | None) -> str:
    return "n/a" if ratio is None else f"{ratio}x"


def ratio_of(ours: dict[str, Any], raw: dict[str, Any], figure: str) -> float | None:
    if not ours[figure] or not raw[figure]:
        return None  # nothing came back from one of them
    return round(ours[figure] / raw[figure], 2)


def raise_open_files() -> None:
    """A thousand sockets and the database's files need more than the usual 1,024."""
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


def prepare(agents: int) -> tuple[str, list[str]]:
    """A team of signed-in agents and their widget on the firm's site: the widget's key and
    the agents' session cookies."""
    from django.conf import settings
    from django.test import Client

    from sampark.chat.models import ChatWidget
    from sampark.core.models import Team
    from sampark.core.roles import Role
    from sampark.service.models import AgentProfile, Availability

    run = secrets.token_hex(3)  # new names, should DATABASE_URL's database have older ones
    team = Team.objects.create(name=f"Chat desk {run}")
    # The owner is not in the team: chats go to the agents with sockets open, not to them.
    owner = new_user(f"bench-chat-owner-{run}", Role.ADMIN)
    widget = ChatWidget.objects.create(
        name="Website", owner=owner, team=team, allowed_origins=f"{ORIGIN}\n"
    )
    cookies = []
    for n in range(agents):
        agent = new_user(f"bench-chat-agent-{run}-{n}", Role.AGENT, team)
        AgentProfile.objects.create(
            user=agent, languages=["en"], availability=Availability.AVAILABLE, max_chats=MAX_CHATS
        )
        browser = Client()
        browser.force_login(agent)
        name = settings.SESSION_COOKIE_NAME
        cookies.append(f"{name}={browser.cookies[name].value}")
    return widget.key, cookies


def new_user(username: str, role: Role, *teams: Team) -> User:
    """A user in the role's group (no password: they sign in by the session made for them)."""
    from django.contrib.auth.models import Group

    from sampark.core.models import User
    from sampark.core.roles import group_name

    user = User.objects.create_user(username=username, email=f"{username}@example.com")
    user.groups.add(Group.objects.get_or_create(name=group_name(role))[0])
    user.teams.add(*teams)
    return user


def own_host(allowed_hosts: list[str]) -> str:
    """A host name of Sampark's own pages: agents' sockets come from them."""
    for host in allowed_hosts:
        if host and "*" not in host:
            return host.lstrip(".")
    return "localhost"


# Servers


async def echo_server(port: int) -> None:
    """The baseline: websockets' own server, sending every message back."""

    async def answer(connection: ServerConnection) -> None:
        async for message in connection:
            await connection.send(message)

    async with websockets.serve(answer, "127.0.0.1", port, max_queue=None):
        await asyncio.Future()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(command: list[str], port: int, log: Path) -> subprocess.Popen[bytes]:
    """Start a server (it inherits this process's environment and open-file limit) and wait
    until it listens."""
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)  # noqa: S603
    deadline = time.monotonic() + 120
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                stop(process)
                said = "\n".join(log_lines(log)[-20:])
                raise SystemExit(f"the server did not start:\n{said}") from None
            time.sleep(0.2)


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def server_memory(pid: int) -> dict[str, int]:
    """The server's resident memory now and at its peak, in MiB."""
    status = dict(
        line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines()
    )
    kib = {name: int(status[name].split()[0]) for name in ("VmRSS", "VmHWM")}
    return {
        "server_rss_mib": round(kib["VmRSS"] / 1024),
        "server_peak_mib": round(kib["VmHWM"] / 1024),
    }


def cpu_seconds(pid: int) -> float:
    """CPU time (user and system) a process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def own_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def log_lines(log: Path) -> list[str]:
    return log.read_text(errors="replace").splitlines() if log.exists() else []


# Clients


@dataclass
class Plan:
    clients: int
    seconds: float
    interval: float
    seed: int
    base: int  # second octet of the visitors' loopback addresses
    visitor_url: str = ""
    agent_url: str = ""  # none: the echo server has no agents
    agent_origin: str = ""
    cookies: list[str] = field(default_factory=list)


@dataclass
class Tally:
    round_trips: list[float] = field(default_factory=list)
    answers: list[float] = field(default_factory=list)  # agent's answer to visitor
    connect_ms: list[float] = field(default_factory=list)
    start_ms: list[float] = field(default_factory=list)
    lag_ms: list[float] = field(default_factory=list)
    failures: Counter[str] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)  # error events, by code
    sent: int = 0
    answered: int = 0
    with_agent: int = 0  # chats routed to an agent at once
    reached_agents: int = 0  # visitors' messages an agent's socket received
    # Answers sent and not yet received: their text's first word, and when.
    in_flight: dict[str, float] = field(default_factory=dict)
    measuring: bool = False  # the period has begun and not ended
    closing: bool = False  # the clients are closing their sockets


class Visitor:
    def __init__(self, n: int, connection: ClientConnection, seed: int) -> None:
        self.n, self.connection = n, connection
        self.rng = random.Random(seed * 100_003 + n)  # the same pattern against both servers
        self.pending: dict[str, float] = {}

    async def talk(self, plan: Plan, tally: Tally, until: float) -> None:
        """Say something every few seconds until the period ends."""
        await asyncio.sleep(self.rng.uniform(0, plan.interval))
        seq = 0
        while time.perf_counter() < until:
            seq += 1
            nonce = f"v{self.n}.{seq}"
            self.pending[nonce] = time.perf_counter()
            tally.sent += 1
            try:
                await self.connection.send(
                    json.dumps({"type": "message", "text": f"{nonce} {TEXT}"})
                )
            except websockets.ConnectionClosed:
                return
            pause = self.rng.uniform(0.5, 1.5) * plan.interval
            if time.perf_counter() + pause >= until:
                return
            await asyncio.sleep(pause)

    async def listen(self, tally: Tally) -> None:
        """Time its own messages coming back, and the agent's answers arriving."""
        try:
            async for frame in self.connection:
                now = time.perf_counter()
                event = json.loads(frame)
                if event.get("type") == "error":
                    tally.errors[str(event.get("code"))] += 1
                if event.get("type") != "message":
                    continue
                nonce = str(event.get("text", "")).split(" ", 1)[0]
                if (sent := self.pending.pop(nonce, None)) is not None:
                    tally.round_trips.append((now - sent) * 1000)
                elif (sent := tally.in_flight.pop(nonce, None)) is not None:
                    tally.answers.append((now - sent) * 1000)
        except websockets.ConnectionClosed:
            pass
        if not tally.closing:
            tally.failures[f"closed during the period ({closed_code(self.connection)})"] += 1


class Agent:
    def __init__(self, n: int, connection: ClientConnection) -> None:
        self.n, self.connection = n, connection
        self.tokens, self.at, self.seq = AGENT_BURST, time.monotonic(), 0
        self.assigned = 0

    def may_send(self) -> bool:
        """A token bucket a little slower than the server's, so no answer is refused."""
        now = time.monotonic()
        self.tokens = min(AGENT_BURST, self.tokens + (now - self.at) * AGENT_RATE)
        self.at = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True

    async def listen(self, tally: Tally) -> None:
        """Count the chats routed here, and answer visitors while the period lasts."""
        try:
            async for frame in self.connection:
                event = json.loads(frame)
                kind = event.get("type")
                if kind == "assigned":
                    self.assigned += 1
                elif kind == "error":
                    tally.errors[f"agent: {event.get('code')}"] += 1
                elif kind == "message" and event.get("author") == "visitor":
                    tally.reached_agents += 1
                    if tally.measuring and self.may_send():
                        await self.answer(event["conversation"], tally)
        except websockets.ConnectionClosed:
            pass
        if not tally.closing:
            tally.failures[f"agent closed ({closed_code(self.connection)})"] += 1

    async def answer(self, conversation: int, tally: Tally) -> None:
        self.seq += 1
        nonce = f"a{self.n}.{self.seq}"
        tally.in_flight[nonce] = time.perf_counter()
        tally.answered += 1
        message = {"type": "message", "conversation": conversation, "text": f"{nonce} {ANSWER}"}
        await self.connection.send(json.dumps(message))


def closed_code(connection: ClientConnection) -> str:
    return str(connection.close_code) if connection.close_code is not None else "no close frame"


def visitor_address(plan: Plan, n: int) -> str:
    """Where visitor ``n`` connects from: a new loopback address every PER_ADDRESS visitors."""
    k = n // PER_ADDRESS
    return f"127.{plan.base}.{k // 250}.{k % 250 + 1}"


async def open_connection(
    url: str, origin: str, address: str | None = None, cookie: str = ""
) -> ClientConnection:
    # As a browser does: no proxy, no pings of its own (the server pings), a page's origin.
    return await websockets.connect(
        url,
        origin=origin,  # type: ignore[arg-type]
        additional_headers={"Cookie": cookie} if cookie else None,
        proxy=None,
        ping_interval=None,
        open_timeout=60,
        local_addr=(address, 0) if address else None,
    )


async def open_agents(plan: Plan) -> list[Agent]:
    agents = []
    for n, cookie in enumerate(plan.cookies):
        connection = await open_connection(plan.agent_url, plan.agent_origin, cookie=cookie)
        agents.append(Agent(n, connection))
    return agents


async def open_visitor(plan: Plan, n: int, tally: Tally) -> Visitor | None:
    """Open a visitor's socket and start a chat: None if refused or failed."""
    started = time.perf_counter()
    try:
        connection = await open_connection(plan.visitor_url, ORIGIN, visitor_address(plan, n))
    except (OSError, TimeoutError, websockets.InvalidHandshake) as error:
        tally.failures[f"connect: {type(error).__name__}"] += 1
        return None
    opened = time.perf_counter()
    tally.connect_ms.append((opened - started) * 1000)
    start = {"type": "start", "name": f"Visitor {n}", "email": "", "language": "en"}
    try:
        await connection.send(json.dumps(start))
        # Sampark answers "started"; the echo server sends the start back.
        reply = json.loads(await asyncio.wait_for(connection.recv(), 60))
    except websockets.ConnectionClosed:
        tally.failures[f"refused ({closed_code(connection)})"] += 1
        return None
    except TimeoutError:
        tally.failures["no answer to start"] += 1
        await connection.close()
        return None
    if reply.get("type") not in ("started", "start"):
        tally.failures[f"start: {reply.get('code', reply.get('type'))}"] += 1
        await connection.close()
        return None
    tally.start_ms.append((time.perf_counter() - opened) * 1000)
    tally.with_agent += reply.get("status") == "active"
    return Visitor(n, connection, plan.seed)


async def watch_lag(tally: Tally, until: float) -> None:
    """How late this process's event loop wakes up: the clients' own share of the times."""
    while time.perf_counter() < until:
        before = time.perf_counter()
        await asyncio.sleep(0.05)
        tally.lag_ms.append((time.perf_counter() - before - 0.05) * 1000)


async def drive(plan: Plan, server_pid: int) -> dict[str, Any]:
    """Open every socket, chat for the period, and sum it up."""
    tally = Tally()
    agents = await open_agents(plan) if plan.agent_url else []
    agent_tasks = [asyncio.create_task(agent.listen(tally)) for agent in agents]
    ramp_started = time.perf_counter()
    visitors: list[Visitor] = []
    for first in range(0, plan.clients, BATCH):
        batch = range(first, min(first + BATCH, plan.clients))
        opened = await asyncio.gather(*(open_visitor(plan, n, tally) for n in batch))
        visitors += [visitor for visitor in opened if visitor is not None]
    ramp_s = time.perf_counter() - ramp_started
    await asyncio.sleep(1)  # the last chats' routing reaches their agents
    print(f"  {len(visitors):,} visitors in {ramp_s:.1f} s; measuring for {plan.seconds:.0f} s")

    server_cpu, own_cpu = cpu_seconds(server_pid), own_cpu_seconds()
    started = time.perf_counter()
    until = started + plan.seconds
    tally.measuring = True
    listening = [asyncio.create_task(visitor.listen(tally)) for visitor in visitors]
    await asyncio.gather(
        watch_lag(tally, until), *(visitor.talk(plan, tally, until) for visitor in visitors)
    )
    tally.measuring = False
    elapsed = time.perf_counter() - started
    server_cpu, own_cpu = cpu_seconds(server_pid) - server_cpu, own_cpu_seconds() - own_cpu
    await settle(visitors, tally)

    memory = server_memory(server_pid)  # with every socket still open
    open_at_end = sum(visitor.connection.state is State.OPEN for visitor in visitors)
    agents_open = sum(agent.connection.state is State.OPEN for agent in agents)
    lost = sum(len(visitor.pending) for visitor in visitors)
    tally.closing = True
    sockets = [visitor.connection for visitor in visitors] + [a.connection for a in agents]
    await asyncio.gather(*(connection.close() for connection in sockets), return_exceptions=True)
    for task in [*listening, *agent_tasks]:
        task.cancel()
    return {
        "visitors": plan.clients,
        "open_at_end": open_at_end,
        "agents": len(plan.cookies),
        "agents_open_at_end": agents_open,
        "chats_with_agent": tally.with_agent,
        # An agent's socket joins a chat when told it is theirs: else its messages miss them.
        "chats_assigned_to_agents": sum(agent.assigned for agent in agents),
        "messages_reaching_agents": tally.reached_agents,
        "ramp_s": round(ramp_s, 1),
        "connect": spread(tally.connect_ms),
        "start": spread(tally.start_ms),
        "seconds": round(elapsed, 1),
        "sent": tally.sent,
        "round_trip": {
            **spread(tally.round_trips),
            "per_s": round(len(tally.round_trips) / elapsed, 1),
        },
        "lost": lost,
        "answers": {
            **spread(tally.answers),
            "sent": tally.answered,
            "lost": len(tally.in_flight),
            "per_s": round(len(tally.answers) / elapsed, 1),
        },
        "failures": dict(tally.failures),
        "errors": dict(tally.errors),
        "client_loop_lag": spread(tally.lag_ms),
        "server_cpu_pct": round(100 * server_cpu / elapsed),
        "client_cpu_pct": round(100 * own_cpu / elapsed),
        **memory,
    }


async def settle(visitors: list[Visitor], tally: Tally) -> None:
    """Wait, for a while, for the messages and answers still on their way."""
    deadline = time.perf_counter() + GRACE_S
    while time.perf_counter() < deadline:
        if not tally.in_flight and not any(visitor.pending for visitor in visitors):
            return
        await asyncio.sleep(0.1)


def spread(values: list[float]) -> dict[str, float | int | None]:
    if not values:
        return {"count": 0, "p50_ms": None, "p95_ms": None, "p99_ms": None, "max_ms": None}
    return {
        "count": len(values),
        "p50_ms": round(percentile(values, 50), 2),
        "p95_ms": round(percentile(values, 95), 2),
        "p99_ms": round(percentile(values, 99), 2),
        "max_ms": round(max(values), 2),
    }


# Report


def show(name: str, found: dict[str, Any]) -> None:
    trip, answers, lag = found["round_trip"], found["answers"], found["client_loop_lag"]
    print(
        f"{name}: {found['open_at_end']:,}/{found['visitors']:,} sockets open at the end; "
        f"round trip p50 {trip['p50_ms']} ms, p95 {trip['p95_ms']} ms, p99 {trip['p99_ms']} ms, "
        f"max {trip['max_ms']} ms ({trip['count']:,} messages, {trip['per_s']}/s, "
        f"{found['lost']} lost)"
    )
    if found["agents"]:
        print(f"  {reach(found)}")
    if answers["count"]:
        print(
            f"  agent answers: p50 {answers['p50_ms']} ms, p95 {answers['p95_ms']} ms, "
            f"p99 {answers['p99_ms']} ms ({answers['count']:,}, {answers['per_s']}/s, "
            f"{answers['lost']} lost)"
        )
    print(
        f"  connect p50 {found['connect'].get('p50_ms')} ms, p95 {found['connect'].get('p95_ms')} ms; "
        f"server RSS {found['server_rss_mib']} MiB (peak {found['server_peak_mib']}); CPU: server "
        f"{found['server_cpu_pct']}%, clients {found['client_cpu_pct']}%; client loop lag p99 "
        f"{lag.get('p99_ms')} ms"
    )
    if found["failures"] or found["errors"]:
        print(f"  failures {found['failures']}, errors {found['errors']}")


def reach(found: dict[str, Any]) -> str:
    """Whether what visitors say reaches the agents: an agent's socket hears a chat's messages
    only once told the chat is theirs."""
    return (
        f"agents: {found['agents_open_at_end']} of {found['agents']} sockets open at the end; "
        f"told of {found['chats_assigned_to_agents']:,} of the {found['chats_with_agent']:,} "
        f"chats routed to them; {found['messages_reaching_agents']:,} of {found['sent']:,} "
        "visitor messages reached an agent"
    )


def write_results(
    args: argparse.Namespace,
    vendor: str,
    layer: str,
    ours: dict[str, Any],
    raw: dict[str, Any],
    ratio: dict[str, float | None],
    met: bool,
) -> None:
    results: Path = args.results
    results.mkdir(exist_ok=True)
    stamp = time.strftime("%Y-%m-%d", time.gmtime())
    name = f"{stamp}-sockets-{vendor}"
    report = {
        "date": stamp,
        "database": vendor,
        "channel_layer": layer,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "clients": args.clients,
        "agents": args.agents,
        "seconds": args.seconds,
        "interval_s": args.interval,
        "seed": args.seed,
        "target_p99_ms": TARGET_P99_MS,
        "target_met": met,
        "sampark": ours,
        "raw": raw,
        "ratio": ratio,
    }
    (results / f"{name}.json").write_text(json.dumps(report, indent=2) + "\n")
    (results / f"{name}.md").write_text("\n".join(markdown(report)) + "\n")
    print(f"results: {results / name}.json and .md")


def markdown(report: dict[str, Any]) -> list[str]:
    ours, raw, ratio = report["sampark"], report["raw"], report["ratio"]
    lines = [
        f"# Live chat sockets, {report['database']} ({report['date']})",
        "",
        f"{report['machine']}; {report['clients']:,} visitors and {report['agents']} agents on "
        f"one server process (channel layer: {report['channel_layer']}), all open for "
        f"{report['seconds']:.0f} s, each visitor saying something every "
        f"{report['interval_s']:g} s on average; the clients share the machine with the server. "
        "Times in milliseconds.",
        "",
        "Round trip: a visitor's message, from sending it to receiving it back once stored. "
        "Agent answer: from an agent sending it to the visitor receiving it. The raw baseline "
        "is an echo server written with the websockets library alone, the same clients and "
        "pattern, in the same run.",
        "",
        "| | messages | per second | p50 | p95 | p99 | max | lost |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
        row("Sampark, round trip", ours["round_trip"], ours["lost"]),
    ]
    if ours["answers"]["count"]:
        lines.append(row("Sampark, agent answer", ours["answers"], ours["answers"]["lost"]))
    lines += [
        row("raw websockets echo", raw["round_trip"], raw["lost"]),
        f"| ratio (Sampark / raw) | | | {times(ratio['p50'])} | {times(ratio['p95'])} | "
        f"{times(ratio['p99'])} | | |",
        "",
        f"Target, {report['clients']:,} sockets open to the end, no message lost and a p99 "
        f"round trip of at most {report['target_p99_ms']:.0f} ms: "
        f"**{'met' if report['target_met'] else 'not met'}**.",
        "",
        "Opening: all the visitors' sockets, a batch at a time, each starting its chat (the "
        "echo server sends the start back). CPU: of one core, over the measured period.",
        "",
        "| | open at the end | opening (s) | connect p50 | connect p95 | start p50 | start p95 "
        "| server RSS | server CPU | clients' CPU | client loop lag p99 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        side("Sampark", ours),
        side("raw websockets echo", raw),
    ]
    if ours["agents"]:
        lines += ["", f"Sampark's {reach(ours)}."]
    for name, found in (("Sampark", ours), ("raw", raw)):
        if found["failures"] or found["errors"]:
            lines += ["", f"{name}: failures {found['failures']}, errors {found['errors']}."]
    return lines


def row(name: str, figures: dict[str, Any], lost: int) -> str:
    return (
        f"| {name} | {figures['count']:,} | {figures['per_s']} | {figures.get('p50_ms')} | "
        f"{figures.get('p95_ms')} | {figures.get('p99_ms')} | {figures.get('max_ms')} | {lost} |"
    )


def side(name: str, found: dict[str, Any]) -> str:
    return (
        f"| {name} | {found['open_at_end']:,} of {found['visitors']:,} | {found['ramp_s']} | "
        f"{found['connect'].get('p50_ms')} | {found['connect'].get('p95_ms')} | "
        f"{found['start'].get('p50_ms')} | {found['start'].get('p95_ms')} | "
        f"{found['server_rss_mib']} MiB | {found['server_cpu_pct']}% | "
        f"{found['client_cpu_pct']}% | {found['client_loop_lag'].get('p99_ms')} |"
    )


if __name__ == "__main__":
    main()
