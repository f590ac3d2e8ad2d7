"""Real mail servers for tests: a Dovecot IMAP server, an SMTP server, and a proxy that drops
connections.

The root conftest registers this module (``pytest_plugins``), so any test can ask for:

- ``imap_account``: a fresh, empty mailbox account on the session's Dovecot (``imap_server``),
  with helpers to put mail in and look at it (`ImapAccount`);
- ``flaky_proxy``: a TCP proxy in front of that Dovecot which can cut connections after a given
  number of bytes from the server (`FlakyProxy`), for "the connection dropped mid-sync" tests;
- ``smtp_server``: an aiosmtpd server collecting what it receives (`SmtpServer`), emptied for each
  test; ``smtp_settings`` points Django's default mailer at it.

Nothing here is mocked: clients speak the real protocols over loopback sockets.
"""

from __future__ import annotations

import base64
import contextlib
import email
import email.message
import email.policy
import grp
import imaplib
import itertools
import os
import pwd
import re
import secrets
import selectors
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from sampark.core.tests.servers import free_port

# Dovecot

# Users are declared in the passwd-file up front, in batches, rather than one by one: see
# `ImapServer.add_account`.
ACCOUNTS_PER_BATCH = 500
_APPENDUID = re.compile(rb"\[APPENDUID \d+ (\d+)\]")
# What a maildir INBOX is made of at the top of the account's Maildir, besides cur/, new/ and
# tmp/; its sub-folders (".Name"), the folder list index and the UIDVALIDITY counter
# (dovecot-uidvalidity*) are left alone.
_INBOX_STATE = ("dovecot-uidlist", "dovecot-keywords", "dovecot.index")


@dataclass(frozen=True)
class ImapAccount:
    """One account on the test Dovecot, empty when handed out.

    The helpers open a short IMAP session of their own per call, so they never hold a mailbox
    open while the code under test works on it. Folder names may be any Unicode (they are sent
    in IMAP's modified UTF-7).
    """

    host: str
    port: int
    username: str
    password: str
    maildir: Path = field(repr=False)

    def append(self, raw: bytes, folder: str = "INBOX", *, seen: bool = False) -> int:
        """Put one message (RFC 5322 bytes) in ``folder``, creating the folder if needed; its UID."""
        flags = r"(\Seen)" if seen else None
        with self._session() as imap:
            status, data = imap.append(_mailbox(folder), flags, None, raw)
            if status == "NO" and b"[TRYCREATE]" in data[0]:
                _ok(imap.create(_mailbox(folder)))
                status, data = imap.append(_mailbox(folder), flags, None, raw)
            _ok((status, data))
        found = _APPENDUID.search(data[0])
        if found is None:
            raise AssertionError(f"APPEND answered without the new UID: {data!r}")
        return int(found.group(1))

    def uids(self, folder: str = "INBOX") -> list[int]:
        """The UIDs of the messages in ``folder``, ascending."""
        with self._session() as imap:
            _ok(imap.select(_mailbox(folder), readonly=True))
            data = _ok(imap.uid("SEARCH", "ALL"))
        return sorted(int(uid) for uid in data[0].split())

    def flags(self, uid: int, folder: str = "INBOX") -> set[str]:
        """The flags stored on one message, as IMAP names them (``\\Seen``, ``\\Flagged``,
        keywords). ``\\Recent`` is left out: it is not stored but tells which session first
        saw the message, so it would depend on which helper ran first."""
        with self._session() as imap:
            _ok(imap.select(_mailbox(folder), readonly=True))
            data = _ok(imap.uid("FETCH", str(uid), "(FLAGS)"))
        if not data or data[0] is None:
            raise LookupError(f"no message with UID {uid} in {folder}")
        item = data[0][0] if isinstance(data[0], tuple) else data[0]
        return {flag.decode() for flag in imaplib.ParseFlags(item)} - {"\\Recent"}

    def uidvalidity(self, folder: str = "INBOX") -> int:
        """The folder's UIDVALIDITY, as a client would have stored it with the UIDs it saw."""
        with self._session() as imap:
            data = _ok(imap.status(_mailbox(folder), "(UIDVALIDITY)"))
        found = re.search(rb"UIDVALIDITY (\d+)", data[0])
        assert found is not None, data
        return int(found.group(1))

    def recreate(self, folder: str = "INBOX") -> None:
        """Replace ``folder`` by a new, empty one of the same name, as when a user deletes a
        folder and makes it again, or a server is restored: the folder gets a new UIDVALIDITY
        and UIDs start again at 1, so UIDs a client kept from before mean nothing any more.

        Other folders are deleted and created over IMAP. Dovecot refuses to DELETE or RENAME the
        INBOX, so the INBOX's maildir is emptied on disk instead and Dovecot, finding no index,
        gives it a new UIDVALIDITY on next use. Either way an IMAP session that has the folder
        selected at that moment is disconnected by Dovecot on its next command, as a real server
        would.
        """
        if folder.upper() != "INBOX":
            with self._session() as imap:
                _ok(imap.delete(_mailbox(folder)))
                _ok(imap.create(_mailbox(folder)))
            return
        self.uids()  # Dovecot makes the Maildir on first use; there must be one to empty
        for name in ("cur", "new", "tmp"):
            for path in (self.maildir / name).iterdir():
                path.unlink()
        for path in self.maildir.iterdir():
            if path.name.startswith(_INBOX_STATE):
                path.unlink()

    @contextlib.contextmanager
    def _session(self) -> Iterator[imaplib.IMAP4]:
        imap = imaplib.IMAP4(self.host, self.port, timeout=10)
        try:
            _ok(imap.login(self.username, self.password))
            yield imap
        finally:
            with contextlib.suppress(imaplib.IMAP4.error, OSError):
                imap.logout()


def _ok(response: tuple[str, list[Any]]) -> list[Any]:
    status, data = response
    if status != "OK":
        raise AssertionError(f"IMAP answered {status}: {data!r}")
    return data


def _mailbox(folder: str) -> str:
    """A folder name as an IMAP argument: modified UTF-7 (RFC 3501 §5.1.3), quoted."""
    encoded = []
    for printable, run in itertools.groupby(folder, key=lambda char: " " <= char <= "~"):
        text = "".join(run)
        if printable:
            encoded.append(text.replace("&", "&-"))
        else:
            packed = base64.b64encode(text.encode("utf-16-be")).decode("ascii")
            encoded.append("&" + packed.rstrip("=").replace("/", ",") + "-")
    name = "".join(encoded)
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


@dataclass
class ImapServer:
    """The session's Dovecot: where it listens, and the accounts it knows."""

    host: str
    port: int
    root: Path
    uid: int
    gid: int
    _unused: list[tuple[str, str]] = field(default_factory=list)
    _numbers: Iterator[int] = field(default_factory=lambda: itertools.count(1))
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def passwd_file(self) -> Path:
        return self.root / "passwd"

    @property
    def mail_root(self) -> Path:
        return self.root / "mail"

    def add_account(self) -> ImapAccount:
        """An account no one has logged in to yet, so with an empty mailbox."""
        with self._lock:
            if not self._unused:
                self.declare_accounts(ACCOUNTS_PER_BATCH)
                # Dovecot looks at the passwd-file at most once a second (db-passwd-file.c), so
                # users written in the second of its last look stay unknown until the next one.
                time.sleep(1.1)
            username, password = self._unused.pop(0)
        return ImapAccount(
            self.host, self.port, username, password, self.mail_root / username / "Maildir"
        )

    def declare_accounts(self, count: int) -> None:
        """Write ``count`` more users to the passwd-file, for `add_account` to hand out."""
        fresh = [(f"user{next(self._numbers)}", secrets.token_urlsafe(12)) for _ in range(count)]
        lines = "".join(f"{username}:{{PLAIN}}{password}\n" for username, password in fresh)
        # Replaced, not appended to, so that Dovecot never reads a half-written file.
        new_file = self.root / "passwd.new"
        new_file.write_text(self.passwd_file.read_text() + lines)
        os.chown(new_file, self.uid, self.gid)
        new_file.replace(self.passwd_file)
        self._unused.extend(fresh)


def _dovecot_users() -> tuple[str, str]:
    """Who Dovecot's processes run as: the mail and internal ones, and the login ones.

    As root, Dovecot refuses to run its login processes as root, so they run as the Debian
    package's unprivileged users; as anyone else, everything runs as that user, which Dovecot
    allows."""
    if os.geteuid() == 0:
        return "dovecot", "dovenull"
    me = pwd.getpwuid(os.geteuid()).pw_name
    return me, me


def _dovecot_config(root: Path, port: int) -> str:
    mail_user, login_user = _dovecot_users()
    account = pwd.getpwnam(mail_user)
    group = grp.getgrgid(account.pw_gid).gr_name
    # Only root may chroot; Dovecot's defaults put these two services in one.
    privileged = os.geteuid() == 0
    login_chroot, anvil_chroot = ("login", "empty") if privileged else ("", "")
    return f"""\
listen = 127.0.0.1
protocols = imap
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
info_log_path = {root}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
# Tests of wrong passwords should not wait the default 2 s, nor make the logins of the tests
# after them wait (the "auth penalty" is off when the auth process cannot reach this socket).
auth_failure_delay = 0
default_login_user = {login_user}
default_internal_user = {mail_user}
default_internal_group = {group}
first_valid_uid = 1
mail_location = maildir:{root}/mail/%u/Maildir
mail_fsync = never

# "/" between folder levels, as Gmail and Exchange have (Dovecot's maildir default is "."), and
# the special-use folders of Debian's default configuration, made when first used.
namespace inbox {{
  inbox = yes
  separator = /
  mailbox Drafts {{
    special_use = \\Drafts
  }}
  mailbox Junk {{
    special_use = \\Junk
  }}
  mailbox Sent {{
    special_use = \\Sent
  }}
  mailbox Trash {{
    special_use = \\Trash
  }}
}}

service imap-login {{
  chroot = {login_chroot}
  inet_listener imap {{
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}

service anvil {{
  chroot = {anvil_chroot}
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}

passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}

userdb {{
  driver = static
  args = uid={account.pw_uid} gid={account.pw_gid} home={root}/mail/%u
}}
"""


@pytest.fixture(scope="session")
def imap_server() -> Iterator[ImapServer]:
    """Dovecot of our own on a free loopback port, for `imap_account`; stopped after the run."""
    # /usr/sbin is not on every user's PATH.
    dovecot = shutil.which("dovecot") or shutil.which("dovecot", path="/usr/sbin:/usr/local/sbin")
    if dovecot is None:
        pytest.skip("dovecot is not installed (apt-get install dovecot-imapd)")
    account = pwd.getpwnam(_dovecot_users()[0])
    # Not under pytest's tmp_path: that is private to the user running pytest, and Dovecot's own
    # processes must reach the passwd-file and the mail. A short path also keeps the sockets in
    # base_dir under the length limit of Unix socket names.
    root = Path(tempfile.mkdtemp(prefix="sampark-dovecot-"))
    port = free_port()
    try:
        (root / "mail").mkdir()
        (root / "passwd").touch()
        config = root / "dovecot.conf"
        config.write_text(_dovecot_config(root, port))
        for path in (root, root / "mail", root / "passwd"):
            os.chown(path, account.pw_uid, account.pw_gid)
        server = ImapServer("127.0.0.1", port, root, account.pw_uid, account.pw_gid)
        server.declare_accounts(ACCOUNTS_PER_BATCH)
        with (root / "stderr.log").open("wb") as stderr:
            process = subprocess.Popen(
                [dovecot, "-c", str(config), "-F"], stdout=subprocess.DEVNULL, stderr=stderr
            )
        try:
            _wait_for_imap(port, process, root)
            yield server
        finally:
            process.terminate()
            process.wait(timeout=10)
    finally:
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def imap_account(imap_server: ImapServer) -> ImapAccount:
    """A new, empty account on the session's Dovecot, for this test only."""
    return imap_server.add_account()


def _wait_for_imap(port: int, process: subprocess.Popen[bytes], root: Path) -> None:
    deadline = time.monotonic() + 10
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as probe:
                if probe.recv(100).startswith(b"* OK"):
                    return
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            process.wait()
            logs = [root / "stderr.log", root / "dovecot.log"]
            said = "".join(log.read_text() for log in logs if log.exists())
            raise RuntimeError(f"dovecot did not start on port {port}:\n{said}")
        time.sleep(0.05)


# A proxy that drops connections


class FlakyProxy:
    """A TCP proxy on a loopback port that forwards to a target, and on demand cuts connections
    after the server has sent a given number of bytes through it.

    A cut closes both sides at once (FIN to the client and to the server, then the sockets are
    closed), after forwarding exactly the bytes allowed: the client sees its data end
    mid-response, as when a link drops.
    """

    host = "127.0.0.1"

    def __init__(self, target_host: str, target_port: int) -> None:
        self._target = (target_host, target_port)
        self._lock = threading.Lock()
        self._budget: int | None = None
        self._cuts_left: int | None = None
        self._sockets: set[socket.socket] = set()
        self._threads: list[threading.Thread] = []
        self._closed = False
        self.connections = 0  # connections accepted so far
        self.cuts = 0  # connections cut so far
        self._listener = socket.create_server((self.host, 0))
        self.port: int = self._listener.getsockname()[1]
        self._wake, self._waker = socket.socketpair()
        self._acceptor = threading.Thread(target=self._accept, name="flaky-proxy", daemon=True)
        self._acceptor.start()

    def connect_to(self, host: str, port: int) -> FlakyProxy:
        """Forward new connections to another server (the default target is the test IMAP)."""
        with self._lock:
            self._target = (host, port)
        return self

    def cut_after(self, server_bytes: int, *, times: int | None = None) -> None:
        """Cut each new connection once it has forwarded ``server_bytes`` from the server, for the
        next ``times`` connections (all of them until `heal` when None). Connections already
        open keep going as they were."""
        with self._lock:
            self._budget, self._cuts_left = server_bytes, times

    def heal(self) -> None:
        """New connections are forwarded in full again."""
        with self._lock:
            self._budget = self._cuts_left = None

    def close(self) -> None:
        self._waker.send(b"x")
        self._acceptor.join(timeout=5)
        with self._lock:
            self._closed = True
            for sock in self._sockets:
                _shut(sock)
            threads = list(self._threads)
        for thread in threads:
            thread.join(timeout=5)
        for sock in (self._listener, self._wake, self._waker):
            sock.close()

    def _accept(self) -> None:
        with selectors.DefaultSelector() as selector:
            selector.register(self._listener, selectors.EVENT_READ)
            selector.register(self._wake, selectors.EVENT_READ)
            while True:
                ready = {key.fileobj for key, _ in selector.select()}
                if self._wake in ready:
                    return
                try:
                    client, _ = self._listener.accept()
                except OSError:  # the client gave up before we took it
                    continue
                with self._lock:
                    self.connections += 1
                    budget = self._budget
                    if self._cuts_left is not None:
                        self._cuts_left -= 1
                        if self._cuts_left == 0:
                            self._budget = self._cuts_left = None
                    thread = threading.Thread(
                        target=self._serve, args=(client, self._target, budget), daemon=True
                    )
                    self._threads.append(thread)
                thread.start()

    def _serve(self, client: socket.socket, target: tuple[str, int], budget: int | None) -> None:
        try:
            server = socket.create_connection(target, timeout=10)
        except OSError:
            client.close()
            return
        server.settimeout(None)
        with self._lock:
            if self._closed:
                client.close()
                server.close()
                return
            self._sockets.update((client, server))
        upstream = threading.Thread(target=self._pump, args=(client, server, None), daemon=True)
        upstream.start()
        if self._pump(server, client, budget):
            with self._lock:
                self.cuts += 1
        # Whichever direction ended first, the other is woken by the shutdown and ends too.
        _shut(client)
        _shut(server)
        upstream.join(timeout=5)
        with self._lock:
            self._sockets.difference_update((client, server))
        client.close()
        server.close()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket, budget: int | None) -> bool:
        """Copy until either side closes, or ``budget`` bytes are copied; True if cut."""
        sent = 0
        try:
            while budget is None or sent < budget:
                chunk = source.recv(65536)
                if not chunk:
                    return False
                if budget is not None:
                    chunk = chunk[: budget - sent]
                sink.sendall(chunk)
                sent += len(chunk)
        except OSError:
            return False
        return True


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


@pytest.fixture
def flaky_proxy(imap_server: ImapServer) -> Iterator[FlakyProxy]:
    """A `FlakyProxy` in front of the session's IMAP server, forwarding in full until told to
    `cut_after`; `connect_to` points it elsewhere."""
    proxy = FlakyProxy(imap_server.host, imap_server.port)
    try:
        yield proxy
    finally:
        proxy.close()


# SMTP


@dataclass(frozen=True)
class ReceivedMail:
    """One message as the SMTP server received it: the envelope, the bytes of the DATA as they
    came (CRLF line ends), and those parsed into a message with "\\n" line ends."""

    mail_from: str
    recipients: list[str]
    raw: bytes
    message: email.message.EmailMessage
    login: str = ""  # the user name the sender signed in with, on a server that asks for one


class SmtpServer:
    """An aiosmtpd server on a loopback port; `messages` lists what it received, oldest first."""

    host = "127.0.0.1"

    def __init__(self) -> None:
        self.messages: list[ReceivedMail] = []
        self.port = free_port()

    def clear(self) -> None:
        self.messages.clear()

    @property
    def url(self) -> str:
        """An ``EMAIL_URL`` for this server."""
        return f"smtp://{self.host}:{self.port}"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        raw = envelope.original_content or envelope.content
        # SMTP carries CRLF line ends; parsed with them, every body line would end in "\r\n".
        message = email.message_from_bytes(raw.replace(b"\r\n", b"\n"), policy=email.policy.default)
        assert isinstance(message, email.message.EmailMessage)
        signed_in = session.auth_data.login.decode() if session.authenticated else ""
        self.messages.append(
            ReceivedMail(
                envelope.mail_from, list(envelope.rcpt_tos), bytes(raw), message, signed_in
            )
        )
        return "250 Message accepted for delivery"


class SmtpLoginServer(SmtpServer):
    """An SMTP server that takes mail only from a sender signed in with an account it was told
    of (``allow``), as a person's own provider does; without TLS, as the test run has no
    certificate."""

    def __init__(self) -> None:
        super().__init__()
        self.accounts: dict[bytes, bytes] = {}

    def clear(self) -> None:
        super().clear()
        self.accounts.clear()

    def allow(self, username: str, password: str) -> None:
        self.accounts[username.encode()] = password.encode()

    def authenticate(
        self, server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any
    ) -> Any:
        from aiosmtpd.smtp import AuthResult

        signed_in = self.accounts.get(auth_data.login) == auth_data.password
        # handled=False: aiosmtpd answers the refusal itself (535).
        return AuthResult(
            success=signed_in, handled=False, auth_data=auth_data if signed_in else None
        )


@pytest.fixture(scope="session")
def _smtp_server() -> Iterator[SmtpServer]:
    from aiosmtpd.controller import Controller

    smtp = SmtpServer()
    controller = Controller(smtp, hostname=smtp.host, port=smtp.port)
    controller.start()
    try:
        yield smtp
    finally:
        controller.stop()


@pytest.fixture(scope="session")
def _smtp_login_server() -> Iterator[SmtpLoginServer]:
    from aiosmtpd.controller import Controller

    smtp = SmtpLoginServer()
    controller = Controller(
        smtp,
        hostname=smtp.host,
        port=smtp.port,
        authenticator=smtp.authenticate,
        auth_required=True,
        auth_require_tls=False,
    )
    controller.start()
    try:
        yield smtp
    finally:
        controller.stop()


@pytest.fixture
def smtp_login_server(_smtp_login_server: SmtpLoginServer) -> SmtpLoginServer:
    """The session's SMTP server that asks for a password, with nothing received yet."""
    _smtp_login_server.clear()
    return _smtp_login_server


@pytest.fixture
def smtp_server(_smtp_server: SmtpServer) -> SmtpServer:
    """The session's SMTP server, with no messages received yet in this test."""
    _smtp_server.clear()
    return _smtp_server


@pytest.fixture
def smtp_settings(smtp_server: SmtpServer, settings: Any) -> SmtpServer:
    """Django's default mailer sends to `smtp_server` for this test (instead of the in-memory
    outbox pytest-django sets up); returns that server."""
    from sampark.lib.env import mailer

    settings.EMAIL_URL = smtp_server.url
    settings.MAILERS = {"default": mailer(smtp_server.url)}
    return smtp_server
