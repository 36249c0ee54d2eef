"""Robustness (S1.4, issue #2 (8)): bad bodies, oversized bodies and headers, slow clients,
garbage on the wire. Every answer is a 4xx in the error shape, nothing is half-written, and the
server stays healthy. Fresh (non-demo) server."""

import json
import socket
import threading
import time
import unittest

from steward_harness import (ADMIN_PASSWORD, HOST, STOP_TIMEOUT_S, StewardServer,
                             StewardTestCase, key_number, nested_json, raw_exchange,
                             read_to_eof)

MIB = 1024 * 1024


class RobustnessTest(StewardTestCase):
    ADMIN = True
    PROJECT = "ROB"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        admin = cls.as_user("admin")
        r = admin.post("/api/v1/projects", {"key": cls.PROJECT, "name": "Robustness"})
        if r.status != 201:
            raise AssertionError("setup failed: %r" % r)
        cls.api = cls.token_client("admin")

    def create(self, summary="robust", **extra):
        body = {"project": self.PROJECT, "issueType": "Task", "summary": summary}
        body.update(extra)
        return self.api.post("/api/v1/issues", body)

    def post_raw_json(self, body, content_type="application/json", path="/api/v1/issues"):
        return self.api.post(path, body=body, content_type=content_type)

    def issue_count(self):
        db = self.server.db()
        try:
            return db.execute("SELECT count(*) FROM issues").fetchone()[0]
        finally:
            db.close()

    # -- bodies ---------------------------------------------------------------------------------
    def test_malformed_json(self):
        for body in ('{"project": "ROB", "summary": ', "{'project': 'ROB'}", "not json at all",
                     '{"a":1}{"b":2}', '{"a": 01}', "\xff\xfe{}"):
            with self.subTest(body=body):
                self.assertError(self.post_raw_json(body.encode("latin-1")), 400,
                                 "http.malformedJson")

    def test_json_that_is_not_an_object(self):
        for body in ("[1, 2, 3]", '"a string"', "42", "null", "true"):
            with self.subTest(body=body):
                self.assertError(self.post_raw_json(body), 400, "http.expectedObject")

    def test_empty_body(self):
        self.assertError(self.post_raw_json(b""), 400, "http.emptyBody")
        self.assertError(self.post_raw_json(b"   \n"), 400, "http.emptyBody")

    def test_deeply_nested_json(self):
        body = nested_json(100)
        json.loads(body)  # valid JSON, only deep
        self.assertError(self.post_raw_json(body), 400, "http.malformedJson")
        deep_field = ('{"project":"ROB","issueType":"Task","summary":"s","fields":' +
                      nested_json(100) + "}")
        self.assertError(self.post_raw_json(deep_field), 400, "http.malformedJson")
        self.assertError(self.post_raw_json("[" * 100 + "]" * 100), 400, "http.malformedJson")

    def test_unsupported_media_type(self):
        body = json.dumps({"project": "ROB", "issueType": "Task", "summary": "typed"})
        for ctype in ("text/plain", "application/x-www-form-urlencoded",
                      "multipart/form-data; boundary=x"):
            with self.subTest(ctype=ctype):
                self.assertError(self.post_raw_json(body, content_type=ctype), 400,
                                 "http.unsupportedMediaType")
        self.assertStatus(self.post_raw_json(body, content_type="application/json; charset=utf-8"),
                          201)

    def test_json_body_over_1_mib(self):
        before = self.issue_count()
        big = json.dumps({"project": "ROB", "issueType": "Task", "summary": "big",
                          "description": "x" * (MIB + 10)})
        self.assertError(self.post_raw_json(big), 413, "http.bodyTooLarge")
        self.assertError(self.api.post("/api/v1/session", body=big,
                                       content_type="application/json"),
                         413, "http.bodyTooLarge")
        self.assertEqual(self.issue_count(), before)

    def test_invalid_utf8_in_strings(self):
        r = self.post_raw_json(b'{"project":"ROB","issueType":"Task","summary":"bad \xc3\x28"}')
        self.assertEqual(r.status, 400, r)
        self.assertIsNotNone(r.error)

    # -- the wire -------------------------------------------------------------------------------
    def test_header_over_16_kib(self):
        req = ("GET /healthz HTTP/1.1\r\nHost: %s\r\nX-Padding: %s\r\n\r\n" %
               (HOST, "a" * (17 * 1024))).encode()
        resp, raw = raw_exchange(self.port, req)
        self.assertIsNotNone(resp, "no HTTP answer: %r" % raw[:200])
        self.assertError(resp, 431, "http.headersTooLarge")
        # Many headers adding up to more than 16 KiB are refused too.
        lines = "".join("X-H%d: %s\r\n" % (i, "b" * 100) for i in range(200))
        resp, raw = raw_exchange(self.port, ("GET /healthz HTTP/1.1\r\nHost: x\r\n" + lines +
                                             "\r\n").encode())
        self.assertIsNotNone(resp, "no HTTP answer: %r" % raw[:200])
        self.assertEqual(resp.status, 431)
        self.assertStatus(self.anon().get("/healthz"), 200)

    def test_garbage_bytes_get_400(self):
        for junk in (b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + bytes(range(256)) +
                     b"\r\n\r\n",
                     b"HELLO WORLD\r\n\r\n",
                     b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
                     b"GET /healthz HTTP/1.1\r\nBad Header Without Colon\r\n\r\n",
                     b"POST /api/v1/issues HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                     b"\r\nZZZ\r\n"):
            with self.subTest(junk=junk[:30]):
                resp, raw = raw_exchange(self.port, junk, timeout=10)
                self.assertIsNotNone(resp, "no HTTP answer to garbage: %r" % raw[:200])
                self.assertEqual(resp.status, 400, resp)
                self.assertEqual(resp.error["code"], "http.badRequest")
        self.assertStatus(self.anon().get("/healthz"), 200)

    def test_slow_clients_do_not_block_others(self):
        slow = []
        try:
            for i in range(8):
                s = socket.create_connection((HOST, self.port), timeout=10)
                if i % 2:
                    s.sendall(b"POST /api/v1/issues HTTP/1.1\r\nHost: x\r\n"
                              b"Content-Type: application/json\r\nContent-Length: 500\r\n\r\n"
                              b'{"project": "RO')
                else:
                    s.sendall(b"GET /api/v1/issues/ROB-1 HTTP/1.1\r\nHost: x\r\nX-Sl")
                slow.append(s)
            key = self.create("while others stall").json["key"]
            results = []
            lock = threading.Lock()

            def worker():
                for _ in range(5):
                    t0 = time.monotonic()
                    a = self.anon().get("/healthz")
                    b = self.api.get("/api/v1/issues/" + key)
                    with lock:
                        results.append((a.status, b.status, time.monotonic() - t0))

            start = time.monotonic()
            threads = [threading.Thread(target=worker) for _ in range(8)]
            for t in threads:
                t.start()
            for t in threads:
                t.join(30)
            elapsed = time.monotonic() - start
            self.assertEqual(len(results), 40)
            self.assertTrue(all(a == 200 and b == 200 for a, b, _ in results), results)
            # A blocked server would make these wait for the 30 s idle timeout; allow for a busy
            # machine but nothing near that.
            self.assertLess(max(d for _, _, d in results), 8.0, results)
            self.assertLess(elapsed, 20.0)
            # The stalled connections are still open (not answered, not crashed).
            for s in slow:
                s.setblocking(False)
                try:
                    data = s.recv(100)
                    self.assertNotEqual(data, b"", "server closed a stalled connection early")
                except BlockingIOError:
                    pass
        finally:
            for s in slow:
                s.close()
        # Completing a request that was sent in pieces works.
        s = socket.create_connection((HOST, self.port), timeout=10)
        try:
            for piece in (b"GET /hea", b"lthz HTTP/1.1\r\nHo", b"st: x\r\nConnection: close\r\n",
                          b"\r\n"):
                s.sendall(piece)
                time.sleep(0.05)
            data = read_to_eof(s)
            self.assertTrue(data.startswith(b"HTTP/1.1 200"), data[:100])
        finally:
            s.close()

    def test_keep_alive_connection_serves_several_requests(self):
        s = socket.create_connection((HOST, self.port), timeout=10)
        try:
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /readyz HTTP/1.1\r\nHost: x\r\n"
                      b"Connection: close\r\n\r\n")
            data = read_to_eof(s)
        finally:
            s.close()
        self.assertEqual(data.count(b"HTTP/1.1 200"), 2, data)

    # -- nothing half-written -------------------------------------------------------------------
    def test_failed_requests_leave_nothing_behind(self):
        first = self.create("before the storm")
        self.assertStatus(first, 201)
        count = self.issue_count()
        bad = [
            self.create(fields={"nope": 1}),
            self.create(assignee="ghost"),
            self.create(priority="Ultra"),
            self.create(issueType="Sub-task"),
            self.create(labels=["a b"]),
            self.create(extra_field=True),
            self.post_raw_json(b'{"project":"ROB",'),
            self.post_raw_json(nested_json(100)),
            self.post_raw_json(json.dumps({"project": "ROB", "issueType": "Task",
                                           "summary": "s", "description": "y" * (MIB + 1)})),
        ]
        for r in bad:
            self.assertIn(r.status, (400, 413), r)
            self.assertIsNotNone(r.error, r)
        self.assertEqual(self.issue_count(), count)
        second = self.create("after the storm")
        self.assertStatus(second, 201)
        self.assertEqual(key_number(second.json["key"]), key_number(first.json["key"]) + 1)
        self.assertStatus(self.anon().get("/healthz"), 200)
        self.assertStatus(self.anon().get("/readyz"), 200)

    def test_server_is_healthy_after_abuse(self):
        # Open-and-close connections, a half-sent body, and a client that disconnects mid-body.
        for _ in range(20):
            socket.create_connection((HOST, self.port), timeout=5).close()
        s = socket.create_connection((HOST, self.port), timeout=5)
        s.sendall(b"POST /api/v1/issues HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  b"Authorization: Bearer " + self.api.token.encode() +
                  b"\r\nContent-Length: 100\r\n\r\n" +
                  b'{"project":"ROB","issueType":"Task","summary":"cut off"')
        s.close()
        time.sleep(0.2)
        self.assertStatus(self.anon().get("/healthz"), 200)
        r = self.api.get("/api/v1/projects/ROB")
        self.assertStatus(r, 200)
        db = self.server.db()
        try:
            n = db.execute("SELECT count(*) FROM issues WHERE summary = 'cut off'").fetchone()[0]
        finally:
            db.close()
        self.assertEqual(n, 0)
        self.assertTrue(self.server.alive())


class GracefulShutdownTest(unittest.TestCase):
    """SIGTERM stops the server promptly with exit 0, even with idle and stalled connections."""

    def test_sigterm_with_open_connections(self):
        server = StewardServer(admin=True).start()
        socks = []
        try:
            c = server.client()
            self.assertEqual(c.login("admin", ADMIN_PASSWORD).status, 200)
            for i in range(5):
                s = socket.create_connection((HOST, server.port), timeout=5)
                if i % 2:
                    s.sendall(b"POST /api/v1/issues HTTP/1.1\r\nHost: x\r\nContent-Length: 50"
                              b"\r\n\r\n{")
                socks.append(s)
            t0 = time.monotonic()
            code = server.stop()
            self.assertEqual(code, 0, "steward did not exit 0 on SIGTERM")
            self.assertLess(time.monotonic() - t0, STOP_TIMEOUT_S)
        finally:
            for s in socks:
                s.close()
            if server.alive():
                server.stop()


if __name__ == "__main__":
    unittest.main()
