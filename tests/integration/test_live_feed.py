"""The live feed (GET /api/v1/stream): server-sent events for committed changes, filtered by
what the listener may see; staff get every event of their projects, customers only those of
their own and shared requests and never those of internal notes. Also: authentication, many
streams opened and dropped, and a clean shutdown with a stream still open. Demo server.

Streams are read from raw sockets: the answer has no Content-Length and its body runs until the
connection closes."""

import json
import os
import select
import socket
import struct
import time
import unittest

from steward_harness import HOST, StewardTestCase

EVENT_TIMEOUT_S = 8   # the feed polls every 150 ms; generous for a loaded 2-core machine
QUIET_S = 1.0         # how long "nothing arrives" is watched


class EventStream:
    """One open GET /api/v1/stream, parsed into SSE messages."""

    def __init__(self, port, headers=None, connect_timeout=10):
        self.sock = socket.create_connection((HOST, port), timeout=connect_timeout)
        lines = ["GET /api/v1/stream HTTP/1.1", "Host: %s:%d" % (HOST, port),
                 "Accept: text/event-stream"]
        for k, v in (headers or {}).items():
            lines.append("%s: %s" % (k, v))
        self.sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        self.buf = b""
        self.closed = False
        deadline = time.monotonic() + connect_timeout
        while b"\r\n\r\n" not in self.buf:
            if not self._fill(deadline):
                self.sock.close()
                raise AssertionError("no response head on the stream: %r" % self.buf)
        head, self.buf = self.buf.split(b"\r\n\r\n", 1)
        head = head.decode("latin-1").split("\r\n")
        self.status = int(head[0].split()[1])
        self.headers = {}
        for line in head[1:]:
            k, v = line.split(":", 1)
            self.headers[k.strip().lower()] = v.strip()
        self.received = []   # every message so far, in order

    def _fill(self, deadline):
        """Reads what is there (waiting until deadline); False on timeout or EOF."""
        remaining = deadline - time.monotonic()
        if remaining <= 0 or self.closed:
            return False
        r, _, _ = select.select([self.sock], [], [], remaining)
        if not r:
            return False
        try:
            chunk = self.sock.recv(65536)
        except (ConnectionResetError, OSError):
            chunk = b""
        if not chunk:
            self.closed = True
            return False
        self.buf += chunk
        return True

    def _next_message(self, deadline):
        while b"\n\n" not in self.buf:
            if not self._fill(deadline):
                return None
        raw, self.buf = self.buf.split(b"\n\n", 1)
        msg = {"comments": [], "raw": raw.decode()}
        for line in raw.decode().split("\n"):
            if line.startswith(":"):
                msg["comments"].append(line[1:].strip())
            elif ":" in line:
                k, v = line.split(":", 1)
                msg[k] = v[1:] if v.startswith(" ") else v
        if "data" in msg:
            msg["json"] = json.loads(msg["data"])
        self.received.append(msg)
        return msg

    def wait_for(self, predicate, timeout=EVENT_TIMEOUT_S):
        """The first event (a message with data) satisfying predicate(json), or None."""
        deadline = time.monotonic() + timeout
        while True:
            msg = self._next_message(deadline)
            if msg is None:
                return None
            if "json" in msg and predicate(msg["json"]):
                return msg

    def events(self):
        return [m["json"] for m in self.received if "json" in m]

    def drain(self, seconds):
        """Every message arriving within `seconds`."""
        deadline = time.monotonic() + seconds
        while self._next_message(deadline) is not None:
            pass
        return self.events()

    def close(self, abort=False):
        if abort:  # RST instead of FIN
            self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.sock.close()


def topic_key(topic, key):
    return lambda e: e["topic"] == topic and e["key"] == key


class LiveFeedTest(StewardTestCase):
    DEMO = True

    # -- helpers ----------------------------------------------------------------------------------
    def stream(self, username):
        c = self.as_user(username)
        s = EventStream(self.port, {"Cookie": "steward_session=" + c.cookie})
        self.addCleanup(s.close)
        self.assertEqual(s.status, 200)
        first = s._next_message(time.monotonic() + 5)
        self.assertIsNotNone(first, "no first message")
        self.assertEqual(first.get("retry"), "3000")
        self.assertEqual(first["comments"], ["connected"])
        # The feed hands events to streams it has seen open; let one poll pass.
        time.sleep(0.4)
        return s

    def create_issue(self, username="paul", **body):
        payload = {"project": "ITO", "issueType": "Service request", "summary": "live feed"}
        payload.update(body)
        r = self.as_user(username).post("/api/v1/issues", payload)
        self.assertStatus(r, 201)
        return r.json["key"]

    def comment(self, key, body, internal, username="paul"):
        r = self.as_user(username).post("/api/v1/issues/%s/comments" % key,
                                        {"body": body, "internal": internal})
        self.assertStatus(r, 201)
        return r.json["id"]

    def assertEvent(self, stream, topic, key):
        got = stream.wait_for(topic_key(topic, key))
        self.assertIsNotNone(got, "no %s for %s within %ss; got %r" % (
            topic, key, EVENT_TIMEOUT_S, stream.events()))
        return got

    # -- tests ------------------------------------------------------------------------------------
    def test_unauthenticated_is_401(self):
        r = self.anon().get("/api/v1/stream")
        self.assertError(r, 401, "http.unauthenticated")
        r = self.server.client(token="stw_not_a_real_token").get("/api/v1/stream")
        self.assertError(r, 401, "identity.badCredentials")
        s = EventStream(self.port)
        self.addCleanup(s.close)
        self.assertEqual(s.status, 401)
        self.assertIn("application/json", s.headers["content-type"])

    def test_stream_head(self):
        s = self.stream("alana")
        self.assertIn("text/event-stream", s.headers["content-type"])
        self.assertNotIn("content-length", s.headers)
        self.assertNotIn("transfer-encoding", s.headers)
        self.assertEqual(s.headers.get("cache-control"), "no-store")
        self.assertEqual(s.headers.get("connection"), "close")
        self.assertTrue(s.headers.get("x-request-id"))

    def test_head_has_no_body(self):
        c = self.as_user("alana")
        s = socket.create_connection((HOST, self.port), timeout=5)
        self.addCleanup(s.close)
        s.sendall(("HEAD /api/v1/stream HTTP/1.1\r\nHost: x\r\nCookie: steward_session=%s\r\n"
                   "\r\n" % c.cookie).encode())
        data = b""
        deadline = time.monotonic() + 1.5
        while time.monotonic() < deadline:
            r, _, _ = select.select([s], [], [], max(0, deadline - time.monotonic()))
            if not r:
                break
            chunk = s.recv(4096)
            if not chunk:
                break
            data += chunk
        self.assertTrue(data.startswith(b"HTTP/1.1 200"), data)
        self.assertEqual(data.split(b"\r\n\r\n", 1)[1], b"")

    def test_idle_stream_gets_keep_alive_comments(self):
        s = self.stream("paul")
        deadline = time.monotonic() + 17  # a ping at least every 15 s
        while True:
            msg = s._next_message(deadline)
            self.assertIsNotNone(msg, "no keep-alive within 17 s; got %r" % s.received)
            if "ping" in msg["comments"]:
                break
        self.assertNotIn("data", msg)

    def test_api_token_streams_too(self):
        token = self.token_client("mitch")
        s = EventStream(self.port, {"Authorization": "Bearer " + token.token})
        self.addCleanup(s.close)
        self.assertEqual(s.status, 200)
        time.sleep(0.4)
        key = self.create_issue("paul", summary="seen by a token")
        self.assertEvent(s, "issue.created", key)

    def test_agent_receives_changes_made_by_others(self):
        s = self.stream("alana")
        started = time.monotonic()
        key = self.create_issue("paul", summary="Agent feed")
        created = self.assertEvent(s, "issue.created", key)
        self.assertLess(time.monotonic() - started, 5)
        self.assertEqual(created["event"], "issue")
        self.assertEqual(created["json"]["projectKey"], "ITO")
        self.assertEqual(str(created["json"]["id"]), created["id"])
        self.assertEqual(set(created["json"]), {"id", "topic", "key", "projectKey"})
        self.comment(key, "internal note for the team", True)
        self.assertEvent(s, "comment.created", key)
        self.comment(key, "public reply", False)
        self.assertEvent(s, "comment.created", key)
        r = self.as_user("paul").patch("/api/v1/issues/" + key, {"summary": "Agent feed (2)"})
        self.assertStatus(r, 200)
        self.assertEvent(s, "issue.updated", key)
        r = self.as_user("paul").get("/api/v1/issues/%s/transitions" % key)
        target = r.json["values"][0]["to"]["name"]
        self.assertStatus(self.as_user("paul").post("/api/v1/issues/%s/transitions" % key,
                                                    {"to": target}), 200)
        self.assertEvent(s, "issue.transitioned", key)
        # In commit order, each once, with increasing ids.
        mine = [e for e in s.events() if e["key"] == key]
        self.assertEqual([e["topic"] for e in mine],
                         ["issue.created", "comment.created", "comment.created",
                          "issue.updated", "issue.transitioned"])
        ids = [e["id"] for e in s.events()]
        self.assertEqual(ids, sorted(set(ids)))
        # Message framing: every event message names its type and id.
        for m in s.received:
            if "json" in m:
                self.assertEqual(m["event"], "issue")
                self.assertEqual(m["id"], str(m["json"]["id"]))

    def test_customer_gets_only_their_requests_and_no_internal_notes(self):
        cust_stream = self.stream("customer")
        agent_stream = self.stream("jennifer")
        cust = self.as_user("customer")
        r = cust.post("/api/v1/issues", {"project": "ITO", "issueType": "Service request",
                                         "summary": "My laptop is slow"})
        self.assertStatus(r, 201)
        mine = r.json["key"]
        self.assertEvent(cust_stream, "issue.created", mine)
        # Raised through the portal too.
        types = cust.get("/api/v1/portals/%d" % cust.get("/api/v1/portals").json["values"][0][
            "id"]).json["requestTypes"]
        r = cust.post("/api/v1/requests", {"requestTypeId": types[0]["id"],
                                           "values": {"summary": "Portal request"}})
        self.assertStatus(r, 201)
        portal_key = r.json["key"]
        self.assertEvent(cust_stream, "issue.created", portal_key)
        # Then, in this order: an internal note on the customer's request, changes to another
        # customer's request, and a public reply. When the reply's event arrives, everything
        # committed before it has been dispatched: the note and the other request must be absent.
        self.comment(mine, "internal: customer seems confused", True)
        other = self.create_issue("paul", reporter="riley.chen", summary="Riley's issue")
        self.comment(other, "reply to riley", False)
        self.assertStatus(self.as_user("paul").patch("/api/v1/issues/" + other,
                                                     {"summary": "Riley's issue (2)"}), 200)
        self.comment(mine, "We are looking into it", False)
        reply = self.assertEvent(cust_stream, "comment.created", mine)
        seen = cust_stream.events()
        self.assertNotIn(other, [e["key"] for e in seen])
        self.assertEqual([e["topic"] for e in seen if e["key"] == mine],
                         ["issue.created", "comment.created"])
        # The agent saw all of it, the internal note included, in the same order.
        self.assertIsNotNone(agent_stream.wait_for(lambda e: e["id"] == reply["json"]["id"]))
        agent_seen = [(e["topic"], e["key"]) for e in agent_stream.events()]
        start = agent_seen.index(("issue.created", mine))
        self.assertEqual(agent_seen[start:], [
            ("issue.created", mine), ("issue.created", portal_key), ("comment.created", mine),
            ("issue.created", other), ("comment.created", other), ("issue.updated", other),
            ("comment.created", mine)])
        # Sharing the other request with the customer's organization makes its events visible.
        self.assertStatus(self.as_user("paul").patch("/api/v1/issues/" + other, {
            "organizations": ["Retail Division"]}), 200)
        self.assertEvent(cust_stream, "issue.updated", other)
        # The customer's own changes reach staff.
        self.comment(portal_key, "any news?", False, username="customer")
        self.assertEvent(agent_stream, "comment.created", portal_key)
        self.assertEvent(cust_stream, "comment.created", portal_key)

    def test_customer_gets_no_events_of_deleted_internal_notes(self):
        cust_stream = self.stream("customer")
        mine = self.create_issue("paul", reporter="customer", summary="Note deleted")
        self.assertEvent(cust_stream, "issue.created", mine)
        note = self.comment(mine, "internal: to be deleted", True)
        self.assertStatus(self.as_user("paul").delete(
            "/api/v1/issues/%s/comments/%d" % (mine, note)), 204)
        self.comment(mine, "public marker", False)
        self.assertEvent(cust_stream, "comment.created", mine)
        self.assertEqual([e["topic"] for e in cust_stream.events() if e["key"] == mine],
                         ["issue.created", "comment.created"])

    def test_outsiders_get_nothing_of_the_project(self):
        admin = self.as_user("admin")
        self.assertStatus(admin.post("/api/v1/users", {
            "username": "it.stranger", "displayName": "Stranger", "kind": "agent",
            "password": "stranger-pw"}), 201)
        stranger = self.as_user("it.stranger", "stranger-pw")
        s = EventStream(self.port, {"Cookie": "steward_session=" + stranger.cookie})
        self.addCleanup(s.close)
        self.assertEqual(s.status, 200)
        watcher = self.stream("mitch")
        time.sleep(0.4)
        key = self.create_issue("paul", summary="Not for strangers")
        self.comment(key, "reply", False)
        self.assertEvent(watcher, "comment.created", key)
        self.assertEqual(s.drain(QUIET_S), [])


class LiveFeedChurnTest(StewardTestCase):
    """Many streams opened and dropped at once (as browsers do on reloads and flaky networks):
    the server stays up and keeps serving. Its own server, so that a crash here does not take
    the other tests down with it."""
    ADMIN = True
    ROUNDS = int(os.environ.get("STEWARD_CHURN_ROUNDS", "200"))  # more find races more surely
    STREAMS = 50

    def test_many_streams_opened_and_dropped(self):
        admin = self.as_user("admin")
        self.assertStatus(admin.post("/api/v1/projects", {"key": "CHN", "name": "Churn"}), 201)
        token = admin.new_token("churn")["token"]
        auth = {"Authorization": "Bearer " + token}
        for rnd in range(self.ROUNDS):
            streams = []
            try:
                for _ in range(self.STREAMS):
                    s = EventStream(self.port, auth)
                    self.assertEqual(s.status, 200)
                    streams.append(s)
            except (AssertionError, OSError) as e:
                for s in streams:
                    s.close()
                self.fail("round %d: cannot open a stream (%s); steward alive: %s" % (
                    rnd, e, self.server.alive()))
            # Gone right after the response head: half with RST, half with FIN.
            for i, s in enumerate(streams):
                s.close(abort=(i % 2 == 0))
            self.assertTrue(self.server.alive(), "steward died in round %d of dropping %d "
                            "streams" % (rnd, self.STREAMS))
        # Requests that never finished their head, then vanished.
        for _ in range(10):
            raw = socket.create_connection((HOST, self.port), timeout=5)
            raw.sendall(b"GET /api/v1/stream HTTP/1.1\r\nAuthorization: Bearer " +
                        token.encode() + b"\r\n")
            raw.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            raw.close()
        time.sleep(0.5)
        self.assertTrue(self.server.alive())
        self.assertStatus(self.anon().get("/healthz"), 200)
        self.assertStatus(self.anon().get("/readyz"), 200)
        # The API and a new stream still work.
        fresh = EventStream(self.port, auth)
        self.addCleanup(fresh.close)
        time.sleep(0.4)
        r = admin.post("/api/v1/issues", {"project": "CHN", "issueType": "Task",
                                          "summary": "after the churn"})
        self.assertStatus(r, 201)
        got = fresh.wait_for(topic_key("issue.created", r.json["key"]))
        self.assertIsNotNone(got, "no event on a fresh stream: %r" % fresh.received)
        self.assertEqual(admin.get("/api/v1/issues/" + r.json["key"]).json["summary"],
                         "after the churn")


class LiveFeedShutdownTest(StewardTestCase):
    """SIGTERM with streams open: the server ends them and exits 0, promptly."""
    ADMIN = True

    def test_sigterm_with_open_streams(self):
        admin = self.as_user("admin")
        streams = []
        for _ in range(3):
            s = EventStream(self.port, {"Cookie": "steward_session=" + admin.cookie})
            self.addCleanup(s.close)
            self.assertEqual(s.status, 200)
            streams.append(s)
        time.sleep(0.3)
        server = type(self).server
        type(self).server = None  # stopped here, not in tearDownClass
        started = time.monotonic()
        code = server.stop()
        self.assertEqual(code, 0, "steward did not exit 0 on SIGTERM with streams open")
        self.assertLess(time.monotonic() - started, 10)
        for s in streams:
            s.drain(2)
            self.assertTrue(s.closed, "a stream was not ended at shutdown")


if __name__ == "__main__":
    unittest.main()
