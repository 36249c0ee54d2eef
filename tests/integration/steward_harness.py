"""Shared helpers for Steward's black-box HTTP tests (Python standard library only).

A test class gets its own real `steward serve` process on 127.0.0.1:0 with a temporary data
directory (setUpClass); the server is stopped with SIGTERM in tearDownClass, which also checks
that it exits 0. Tests talk plain HTTP through `Client` (session cookie + CSRF, Bearer or Basic
API tokens) or through `raw_exchange` for byte-level tests.

The binary is taken from $STEWARD_BIN (CTest sets it), falling back to the CI build.
"""

import base64
import http.client
import json
import os
import re
import select
import shutil
import signal
import socket
import sqlite3
import subprocess
import tempfile
import threading
import time
import unittest
import urllib.parse

STEWARD_BIN = os.environ.get("STEWARD_BIN") or "/work/main/build/ci/steward"
HOST = "127.0.0.1"
DEMO_PASSWORD = "demo"
ADMIN_PASSWORD = "admin-secret-pw"
DEMO_DATE = "2026-11-25"  # `steward demo --date` fixes "now" to that day, 21:30 UTC
START_TIMEOUT_S = 30
STOP_TIMEOUT_S = 15

_LISTEN_RE = re.compile(r"steward listening on http://127\.0\.0\.1:(\d+) \(")
_NOTHING = object()


class ServerError(Exception):
    pass


class StewardServer:
    """One `steward serve` process with its own temporary data directory."""

    def __init__(self, demo=False, demo_date=None, admin=False, extra_args=()):
        self.demo = demo
        self.demo_date = demo_date
        self.admin = admin
        self.extra_args = list(extra_args)  # more `steward serve` arguments, e.g. ["--web", DIR]
        self.tmp = tempfile.mkdtemp(prefix="steward-it-")
        self.data_dir = os.path.join(self.tmp, "data")
        self.proc = None
        self.port = None
        self.output = []  # stdout lines (spdlog writes there too)
        self._drain = None

    # -- life cycle ---------------------------------------------------------------------------
    def _run_cli(self, args, env=None):
        full_env = dict(os.environ)
        if env:
            full_env.update(env)
        r = subprocess.run([STEWARD_BIN] + args, stdin=subprocess.DEVNULL, capture_output=True,
                           env=full_env, timeout=120)
        if r.returncode != 0:
            raise ServerError("steward %s failed (%d): %s %s" % (
                " ".join(args), r.returncode, r.stdout.decode(errors="replace"),
                r.stderr.decode(errors="replace")))
        return r.stdout.decode(errors="replace")

    def start(self):
        if not os.path.exists(STEWARD_BIN):
            raise ServerError("no steward binary at %s (set STEWARD_BIN)" % STEWARD_BIN)
        if self.demo_date:
            self._run_cli(["demo", "--data", self.data_dir, "--date", self.demo_date])
        if self.admin:
            self._run_cli(["user", "add", "--data", self.data_dir, "--username", "admin",
                           "--display-name", "Admin Istrator", "--kind", "admin"],
                          env={"STEWARD_PASSWORD": ADMIN_PASSWORD})
        args = [STEWARD_BIN, "serve", "--listen", HOST + ":0", "--data", self.data_dir,
                "--no-access-log"]
        if self.demo:
            args.append("--demo")
        args += self.extra_args
        self.stderr_path = os.path.join(self.tmp, "stderr.log")
        self._stderr = open(self.stderr_path, "wb")
        self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     stderr=self._stderr)
        found = {}
        ready = threading.Event()

        def drain():
            for raw in self.proc.stdout:
                line = raw.decode(errors="replace").rstrip("\n")
                self.output.append(line)
                if "port" not in found:
                    m = _LISTEN_RE.search(line)
                    if m:
                        found["port"] = int(m.group(1))
                        ready.set()
            ready.set()

        self._drain = threading.Thread(target=drain, daemon=True)
        self._drain.start()
        ready.wait(START_TIMEOUT_S)
        if "port" not in found:
            self._kill()
            raise ServerError("steward did not report its port within %ss; output:\n%s\n%s" % (
                START_TIMEOUT_S, "\n".join(self.output), self._stderr_text()))
        self.port = found["port"]
        return self

    def _stderr_text(self):
        try:
            with open(self.stderr_path, "rb") as f:
                return f.read().decode(errors="replace")[-4000:]
        except OSError:
            return ""

    def _kill(self):
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)

    def stop(self):
        """SIGTERM; returns the exit code (None if it had to be killed)."""
        code = None
        try:
            if self.proc and self.proc.poll() is None:
                self.proc.send_signal(signal.SIGTERM)
                try:
                    code = self.proc.wait(STOP_TIMEOUT_S)
                except subprocess.TimeoutExpired:
                    self._kill()
                    code = None
            elif self.proc:
                code = self.proc.returncode
            if self._drain:
                self._drain.join(5)
        finally:
            if self.proc and self.proc.stdout:
                self.proc.stdout.close()
            try:
                self._stderr.close()
            except Exception:
                pass
            shutil.rmtree(self.tmp, ignore_errors=True)
        return code

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    # -- access -------------------------------------------------------------------------------
    def client(self, **kw):
        return Client(self.port, **kw)

    def db(self):
        """A read-only sqlite3 connection to the server's database."""
        path = os.path.join(self.data_dir, "steward.db")
        return sqlite3.connect("file:%s?mode=ro" % urllib.parse.quote(path), uri=True, timeout=10)


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers  # list of (name, value)
        self.body = body
        self._json = _NOTHING

    def header(self, name, default=None):
        name = name.lower()
        for k, v in self.headers:
            if k.lower() == name:
                return v
        return default

    def header_all(self, name):
        name = name.lower()
        return [v for k, v in self.headers if k.lower() == name]

    @property
    def json(self):
        if self._json is _NOTHING:
            try:
                self._json = json.loads(self.body.decode("utf-8"))
            except (ValueError, UnicodeDecodeError):
                self._json = None
        return self._json

    @property
    def error(self):
        j = self.json
        if isinstance(j, dict) and isinstance(j.get("error"), dict):
            return j["error"]
        return None

    def __repr__(self):
        text = self.body[:600].decode("utf-8", errors="replace")
        return "<HTTP %s %s>" % (self.status, text)


class Client:
    """A small HTTP client: session cookie + CSRF, or an API token (Bearer / Basic)."""

    def __init__(self, port, token=None, basic=None, timeout=60):
        self.port = port
        self.token = token
        self.basic = basic  # (username, token)
        self.cookie = None
        self.csrf = None
        self.timeout = timeout
        self.username = None

    def login(self, username, password=DEMO_PASSWORD):
        r = self.request("POST", "/api/v1/session", {"username": username, "password": password})
        if r.status == 200:
            set_cookie = r.header("Set-Cookie") or ""
            m = re.match(r"\s*steward_session=([^;]*)", set_cookie)
            self.cookie = m.group(1) if m else None
            self.csrf = r.json.get("csrfToken")
            self.username = username
        return r

    def request(self, method, path, json_body=_NOTHING, body=None, headers=None, csrf=True,
                content_type=None):
        hdrs = {}
        data = body
        if json_body is not _NOTHING:
            data = json.dumps(json_body).encode("utf-8")
            hdrs["Content-Type"] = "application/json"
        if content_type is not None:
            hdrs["Content-Type"] = content_type
        if self.cookie:
            hdrs["Cookie"] = "steward_session=" + self.cookie
            if csrf and self.csrf and method not in ("GET", "HEAD", "OPTIONS"):
                hdrs["X-CSRF-Token"] = self.csrf
        if self.token:
            hdrs["Authorization"] = "Bearer " + self.token
        elif self.basic:
            raw = ("%s:%s" % self.basic).encode("utf-8")
            hdrs["Authorization"] = "Basic " + base64.b64encode(raw).decode("ascii")
        if headers:
            hdrs.update(headers)
        if data is not None and isinstance(data, str):
            data = data.encode("utf-8")
        conn = http.client.HTTPConnection(HOST, self.port, timeout=self.timeout)
        try:
            conn.request(method, path, body=data, headers=hdrs)
            resp = conn.getresponse()
            payload = resp.read()
            return Response(resp.status, resp.getheaders(), payload)
        finally:
            conn.close()

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, json_body=_NOTHING, **kw):
        return self.request("POST", path, json_body, **kw)

    def patch(self, path, json_body=_NOTHING, **kw):
        return self.request("PATCH", path, json_body, **kw)

    def delete(self, path, **kw):
        return self.request("DELETE", path, **kw)

    def new_token(self, name="it-token"):
        r = self.post("/api/v1/tokens", {"name": name})
        if r.status != 201:
            raise AssertionError("cannot create a token: %r" % r)
        return r.json


def read_to_eof(sock):
    """Everything the server sends on a raw socket until it closes the connection."""
    data = b""
    while True:
        chunk = sock.recv(4096)
        if not chunk:
            return data
        data += chunk


def parse_raw_response(data):
    """Parses one HTTP/1.x response from bytes: (status, headers list, body) or None."""
    head_end = data.find(b"\r\n\r\n")
    if head_end < 0:
        return None
    head = data[:head_end].decode("latin-1").split("\r\n")
    m = re.match(r"HTTP/1\.[01] (\d{3})", head[0])
    if not m:
        return None
    headers = []
    for line in head[1:]:
        if ":" in line:
            k, v = line.split(":", 1)
            headers.append((k.strip(), v.strip()))
    body = data[head_end + 4:]
    for k, v in headers:
        if k.lower() == "content-length":
            body = body[:int(v)]
    return Response(int(m.group(1)), headers, body)


def raw_exchange(port, data, timeout=20, chunk=256 * 1024):
    """Sends raw bytes and reads the answer until the server closes the connection or a full
    response has arrived. Stops sending as soon as the server answers (as a browser or curl
    would when the server rejects a large upload early). Returns (Response or None, raw bytes).
    """
    s = socket.create_connection((HOST, port), timeout=timeout)
    received = b""
    try:
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sent = 0
        deadline = time.monotonic() + timeout
        while sent < len(data):
            r, _, _ = select.select([s], [], [], 0)
            if r:
                break  # the server answered early
            try:
                n = s.send(data[sent:sent + chunk])
            except (BrokenPipeError, ConnectionResetError):
                break
            sent += n
            if time.monotonic() > deadline:
                break
        while time.monotonic() < deadline:
            r, _, _ = select.select([s], [], [], max(0.0, deadline - time.monotonic()))
            if not r:
                break
            try:
                piece = s.recv(65536)
            except (ConnectionResetError, OSError):
                break
            if not piece:
                break
            received += piece
            parsed = parse_raw_response(received)
            if parsed is not None and parsed.header("Content-Length") is not None and \
                    len(parsed.body) >= int(parsed.header("Content-Length")):
                break
    finally:
        s.close()
    return parse_raw_response(received), received


class StewardTestCase(unittest.TestCase):
    """Base class: one server per test class. Set DEMO / DEMO_DATE / ADMIN (and SERVE_ARGS, more
    `steward serve` arguments) in subclasses."""

    DEMO = False
    DEMO_DATE = None
    ADMIN = False
    SERVE_ARGS = ()
    server = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server = StewardServer(demo=cls.DEMO, demo_date=cls.DEMO_DATE, admin=cls.ADMIN,
                                   extra_args=cls.SERVE_ARGS)
        cls.server.start()
        cls.port = cls.server.port
        cls._clients = {}

    @classmethod
    def tearDownClass(cls):
        server, cls.server = cls.server, None
        if server is not None:
            alive = server.alive()
            code = server.stop()
            if not alive:
                raise AssertionError("steward died during %s (exit %s)" % (cls.__name__, code))
            if code != 0:
                raise AssertionError("steward did not exit 0 within %ss of SIGTERM (exit %r)" %
                                     (STOP_TIMEOUT_S, code))
        super().tearDownClass()

    # -- clients ------------------------------------------------------------------------------
    @classmethod
    def anon(cls):
        return cls.server.client()

    @classmethod
    def as_user(cls, username, password=None):
        """A logged-in cookie client, cached per class (logins hash with argon2id)."""
        if password is None:
            password = ADMIN_PASSWORD if (cls.ADMIN and username == "admin") else DEMO_PASSWORD
        key = (username, password)
        c = cls._clients.get(key)
        if c is None:
            c = cls.server.client()
            r = c.login(username, password)
            if r.status != 200:
                raise AssertionError("login as %s failed: %r" % (username, r))
            cls._clients[key] = c
        return c

    @classmethod
    def token_client(cls, username, password=None):
        c = cls.as_user(username, password)
        t = c.new_token("token for %s" % username)
        return cls.server.client(token=t["token"])

    # -- assertions ---------------------------------------------------------------------------
    def assertStatus(self, resp, status, msg=None):
        if resp.status != status:
            self.fail("expected HTTP %s, got %r%s" % (status, resp, (" — " + msg) if msg else ""))

    def assertError(self, resp, status, code, field=_NOTHING, request_id=True):
        """An error answer in the S1.4 shape with the given status, code and (optional) field."""
        self.assertStatus(resp, status)
        err = resp.error
        self.assertIsNotNone(err, "error body is not {\"error\":{...}}: %r" % resp)
        self.assertEqual(err.get("code"), code, "wrong error code in %r" % resp)
        self.assertIsInstance(err.get("message"), str)
        self.assertTrue(err.get("message"), "empty error message in %r" % resp)
        ctype = resp.header("Content-Type") or ""
        self.assertIn("application/json", ctype)
        if field is not _NOTHING:
            self.assertEqual(err.get("field"), field, "wrong error field in %r" % resp)
        if request_id:
            self.assertTrue(err.get("requestId"), "no requestId in %r" % resp)
        return err


def nested_json(depth):
    return '{"a":' * depth + "1" + "}" * depth


def make_png(width=2, height=2):
    """A small valid PNG image."""
    import struct
    import zlib

    def chunk(kind, data):
        c = struct.pack(">I", len(data)) + kind + data
        return c + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + bytes([255, 0, 0]) * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" +
            chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def multipart(fields, files, boundary="----stewardTestBoundary7MA4YWxkTrZu0gW"):
    """Builds a multipart/form-data body: fields {name: value}, files [(name, filename, ctype,
    bytes)]. Returns (content_type, body)."""
    out = b""
    for name, value in fields.items():
        out += ("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n" %
                (boundary, name, value)).encode("utf-8")
    for name, filename, ctype, data in files:
        out += ("--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\n"
                "Content-Type: %s\r\n\r\n" % (boundary, name, filename, ctype)).encode("utf-8")
        out += data + b"\r\n"
    out += ("--%s--\r\n" % boundary).encode("utf-8")
    return "multipart/form-data; boundary=" + boundary, out


def key_number(key):
    return int(key.rsplit("-", 1)[1])
