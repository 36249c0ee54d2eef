"""System endpoints: /healthz, /readyz, /metrics, /api/v1/openapi.json, routing errors."""

import json
import re
import unittest

from steward_harness import StewardTestCase

_SAMPLE_RE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? ([^ ]+)(?: \d+)?$')
_LABEL_RE = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"')


def parse_prometheus(text):
    """[(name, {label: value}, float)] of a Prometheus text exposition."""
    out = []
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        m = _SAMPLE_RE.match(line)
        if not m:
            raise AssertionError("malformed metrics line: %r" % line)
        labels = dict(_LABEL_RE.findall(m.group(2) or ""))
        out.append((m.group(1), labels, float(m.group(3))))
    return out


class SystemEndpointsTest(StewardTestCase):
    ADMIN = True

    def test_healthz(self):
        r = self.anon().get("/healthz")
        self.assertStatus(r, 200)
        self.assertEqual(r.json, {"status": "ok"})
        self.assertIn("application/json", r.header("Content-Type"))
        self.assertTrue(r.header("X-Request-Id"))

    def test_request_id_is_echoed_when_valid(self):
        r = self.anon().get("/healthz", headers={"X-Request-Id": "it-req-42"})
        self.assertEqual(r.header("X-Request-Id"), "it-req-42")
        r = self.anon().get("/api/v1/no-such-thing", headers={"X-Request-Id": "it-req-43"})
        self.assertError(r, 404, "http.notFound")
        self.assertEqual(r.error["requestId"], "it-req-43")

    def test_readyz(self):
        r = self.anon().get("/readyz")
        self.assertStatus(r, 200)
        self.assertEqual(r.json["status"], "ready")
        self.assertEqual(r.json["database"], "sqlite")

    def test_openapi_is_json(self):
        r = self.anon().get("/api/v1/openapi.json")
        self.assertStatus(r, 200)
        self.assertIn("json", r.header("Content-Type"))
        doc = json.loads(r.body)
        self.assertIn("openapi", doc)
        self.assertTrue(str(doc["openapi"]).startswith("3."))
        self.assertIn("paths", doc)

    def test_openapi_documents_the_core_endpoints(self):
        # Issue #2 (6): the REST API is described in api/openapi.yaml and served here.
        doc = self.anon().get("/api/v1/openapi.json").json
        paths = doc.get("paths") or {}
        for p in ("/api/v1/session", "/api/v1/issues", "/api/v1/issues/{key}",
                  "/api/v1/issues/{key}/transitions"):
            self.assertIn(p, paths, "the OpenAPI document does not describe %s" % p)

    def test_metrics_after_traffic(self):
        admin = self.as_user("admin")  # a login writes a session: a DB commit
        self.assertStatus(admin.post("/api/v1/projects", {"key": "MET", "name": "Metrics"}), 201)
        for _ in range(3):
            self.assertStatus(self.anon().get("/healthz"), 200)
        self.assertStatus(self.anon().get("/api/v1/nothing-here"), 404)
        r = self.anon().get("/metrics")
        self.assertStatus(r, 200)
        self.assertTrue(r.header("Content-Type").startswith("text/plain"))
        text = r.body.decode()
        samples = parse_prometheus(text)
        self.assertIn("# TYPE steward_http_requests_total counter", text)
        healthz = sum(v for name, labels, v in samples
                      if name == "steward_http_requests_total" and
                      labels.get("route") == "/healthz" and labels.get("status") == "200")
        self.assertGreaterEqual(healthz, 3, "no healthz request counter in /metrics")
        self.assertTrue(any(name == "steward_http_requests_total" and labels.get("status") == "404"
                            for name, labels, _ in samples))
        self.assertTrue(any(name == "steward_http_request_seconds_bucket"
                            for name, _, _ in samples))
        self.assertIn("steward_db_commit_seconds", text)
        commits = [v for name, _, v in samples if name == "steward_db_commit_seconds_count"]
        self.assertTrue(commits, "no steward_db_commit_seconds_count in /metrics")
        self.assertGreater(sum(commits), 0)

    def test_unknown_endpoint_and_method(self):
        r = self.anon().get("/api/v1/definitely/not/here")
        self.assertError(r, 404, "http.notFound")
        r = self.anon().request("DELETE", "/healthz")
        self.assertEqual(r.status, 405)
        self.assertIn("GET", r.header("Allow") or "")
        self.assertEqual(r.error["code"], "http.methodNotAllowed")

    def test_api_responses_are_not_cached(self):
        r = self.anon().get("/api/v1/openapi.json")
        self.assertEqual(r.header("Cache-Control"), "no-store")
        self.assertEqual(r.header("X-Content-Type-Options"), "nosniff")


if __name__ == "__main__":
    unittest.main()
