"""The web app's files (`steward serve --web DIR`): media types, cache headers, precompressed
gzip, the single-page-app fallback to index.html with its Content-Security-Policy, 404s for
missing files and for every attempt to leave the web root, HEAD, and /api/ paths that stay JSON.
Also a server whose web root has no index.html (http.webNotBuilt). No demo data needed."""

import gzip
import os
import shutil
import tempfile
import unittest

from steward_harness import HOST, StewardTestCase, raw_exchange

INDEX = b"<!doctype html><html><head><title>Steward</title></head><body>app</body></html>\n"
APP_JS = b"".join(b"console.log('steward asset line %d');\n" % i for i in range(300))
APP_JS_GZ = gzip.compress(APP_JS, 9)
FAVICON = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"></svg>\n'
SECRET = b"TOP-SECRET-outside-the-web-root\n"
IMMUTABLE = "public, max-age=31536000, immutable"
SPA_ROUTES = ["/projects/ITO/queues", "/portal/1", "/portal/1/requests/ITO-5", "/queues/",
              "/issues/ITO-2052", "/login?next=%2Fprojects", "/assets/not-a-file"]


def raw_get(port, path, method="GET", headers=()):
    """One request with a byte-exact path (http.client would normalise or refuse some)."""
    data = ("%s %s HTTP/1.1\r\nHost: %s:%d\r\nConnection: close\r\n" % (
        method, path, HOST, port)).encode("latin-1")
    for k, v in headers:
        data += ("%s: %s\r\n" % (k, v)).encode("latin-1")
    resp, raw = raw_exchange(port, data + b"\r\n", timeout=10)
    return resp, raw


class StaticFilesTest(StewardTestCase):
    @classmethod
    def setUpClass(cls):
        # <tmp>/secret.txt and <tmp>/web-private/key.txt sit beside the root <tmp>/web.
        cls.outer = tempfile.mkdtemp(prefix="steward-web-")
        cls.root = os.path.join(cls.outer, "web")
        os.makedirs(os.path.join(cls.root, "assets"))
        os.makedirs(os.path.join(cls.outer, "web-private"))
        files = {"index.html": INDEX, "assets/app-abc123.js": APP_JS,
                 "assets/app-abc123.js.gz": APP_JS_GZ, "favicon.svg": FAVICON,
                 "../secret.txt": SECRET, "../web-private/key.txt": SECRET}
        for rel, content in files.items():
            with open(os.path.normpath(os.path.join(cls.root, rel)), "wb") as f:
                f.write(content)
        cls.SERVE_ARGS = ("--web", cls.root)
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        try:
            super().tearDownClass()
        finally:
            shutil.rmtree(cls.outer, ignore_errors=True)

    def get(self, path, **headers):
        return self.anon().get(path, headers=headers or None)

    def assertPage(self, r):
        """index.html as the app's page: HTML, revalidated, with the security headers."""
        self.assertStatus(r, 200)
        self.assertEqual(r.body, INDEX)
        self.assertEqual(r.header("Content-Type"), "text/html; charset=utf-8")
        self.assertEqual(r.header("Cache-Control"), "no-cache")
        csp = r.header("Content-Security-Policy") or ""
        for directive in ("default-src 'self'", "script-src 'self'", "object-src 'none'",
                          "frame-ancestors 'none'", "connect-src 'self'"):
            self.assertIn(directive, csp)
        self.assertNotIn("unsafe-eval", csp)
        self.assertNotIn("script-src 'self' 'unsafe-inline'", csp)
        self.assertEqual(r.header("X-Content-Type-Options"), "nosniff")
        self.assertIsNone(r.header("Content-Encoding"))

    # -- files ------------------------------------------------------------------------------------
    def test_index_at_the_root(self):
        self.assertPage(self.get("/"))
        self.assertPage(self.get("/index.html"))

    def test_hashed_asset_is_cached_for_a_year(self):
        r = self.get("/assets/app-abc123.js")  # http.client sends Accept-Encoding: identity
        self.assertStatus(r, 200)
        self.assertEqual(r.body, APP_JS)
        self.assertEqual(r.header("Content-Type"), "text/javascript; charset=utf-8")
        self.assertEqual(r.header("Cache-Control"), IMMUTABLE)
        self.assertEqual(r.header("Content-Length"), str(len(APP_JS)))
        self.assertIn("Accept-Encoding", r.header("Vary") or "")
        self.assertIsNone(r.header("Content-Encoding"))
        self.assertIsNone(r.header("Content-Security-Policy"))
        # A query string (cache busting) does not change the file.
        self.assertEqual(self.get("/assets/app-abc123.js?v=2").body, APP_JS)

    def test_other_files_are_revalidated(self):
        r = self.get("/favicon.svg")
        self.assertStatus(r, 200)
        self.assertEqual(r.body, FAVICON)
        self.assertEqual(r.header("Content-Type"), "image/svg+xml")
        self.assertEqual(r.header("Cache-Control"), "no-cache")

    def test_precompressed_gzip_for_clients_that_accept_it(self):
        for accept in ("gzip", "gzip, deflate, br", "br;q=1.0, GZIP;q=0.8"):
            with self.subTest(accept=accept):
                r = self.get("/assets/app-abc123.js", **{"Accept-Encoding": accept})
                self.assertStatus(r, 200)
                self.assertEqual(r.header("Content-Encoding"), "gzip")
                self.assertEqual(r.body, APP_JS_GZ)
                self.assertEqual(gzip.decompress(r.body), APP_JS)
                self.assertEqual(r.header("Content-Length"), str(len(APP_JS_GZ)))
                self.assertEqual(r.header("Content-Type"), "text/javascript; charset=utf-8")
                self.assertEqual(r.header("Cache-Control"), IMMUTABLE)
                self.assertIn("Accept-Encoding", r.header("Vary") or "")
        for accept in ("identity", "br", "deflate"):
            with self.subTest(accept=accept):
                r = self.get("/assets/app-abc123.js", **{"Accept-Encoding": accept})
                self.assertEqual(r.body, APP_JS)
                self.assertIsNone(r.header("Content-Encoding"))
        # Without a .gz beside it, a file is sent as it is.
        r = self.get("/favicon.svg", **{"Accept-Encoding": "gzip"})
        self.assertEqual(r.body, FAVICON)
        self.assertIsNone(r.header("Content-Encoding"))

    def test_gzip_refused_with_q_zero(self):
        r = self.get("/assets/app-abc123.js", **{"Accept-Encoding": "gzip;q=0, identity"})
        self.assertIsNone(r.header("Content-Encoding"))
        self.assertEqual(r.body, APP_JS)

    # -- the app's routes -------------------------------------------------------------------------
    def test_client_routes_get_the_app(self):
        for path in SPA_ROUTES:
            with self.subTest(path=path):
                self.assertPage(self.get(path))

    def test_missing_files_are_json_404(self):
        for path in ("/assets/app-missing.js", "/assets/app-abc123.css", "/nope.png",
                     "/robots.txt", "/deep/path/to/file.json", "/favicon.svg/extra.svg"):
            with self.subTest(path=path):
                err = self.assertError(self.get(path), 404, "http.notFound")
                self.assertNotIn(b"<!doctype", self.get(path).body)
                self.assertTrue(err["message"])

    def test_api_paths_stay_json(self):
        for path in ("/api/unknown", "/api/v1/nope", "/api/v1/projects/ITO/nothing",
                     "/api/index.html", "/api/v1/"):
            with self.subTest(path=path):
                r = self.get(path)
                self.assertError(r, 404, "http.notFound")
                self.assertEqual(r.header("Cache-Control"), "no-store")
        # Real routes win over files, and API answers are not the page.
        self.assertEqual(self.get("/healthz").json, {"status": "ok"})
        self.assertError(self.get("/api/v1/myself"), 401, "http.unauthenticated")
        # Only GET and HEAD reach the files.
        self.assertError(self.anon().post("/projects/ITO/queues", {"x": 1}), 404,
                         "http.notFound")
        self.assertError(self.anon().request("DELETE", "/favicon.svg"), 404, "http.notFound")

    def test_head(self):
        for path, length, cache in (("/", len(INDEX), "no-cache"),
                                    ("/projects/ITO/queues", len(INDEX), "no-cache"),
                                    ("/assets/app-abc123.js", len(APP_JS), IMMUTABLE),
                                    ("/favicon.svg", len(FAVICON), "no-cache")):
            with self.subTest(path=path):
                resp, raw = raw_get(self.port, path, method="HEAD")
                self.assertIsNotNone(resp, raw)
                self.assertEqual(resp.status, 200)
                self.assertEqual(resp.header("Content-Length"), str(length))
                self.assertEqual(resp.header("Cache-Control"), cache)
                self.assertTrue(raw.endswith(b"\r\n\r\n"), "HEAD answered with a body: %r" % raw)
        resp, raw = raw_get(self.port, "/assets/app-abc123.js", method="HEAD",
                            headers=[("Accept-Encoding", "gzip")])
        self.assertEqual(resp.header("Content-Encoding"), "gzip")
        self.assertEqual(resp.header("Content-Length"), str(len(APP_JS_GZ)))
        self.assertTrue(raw.endswith(b"\r\n\r\n"))
        resp, raw = raw_get(self.port, "/missing.js", method="HEAD")
        self.assertEqual(resp.status, 404)

    # -- the root is a wall -----------------------------------------------------------------------
    def test_traversal_never_leaves_the_root(self):
        secret_abs = os.path.join(self.outer, "secret.txt")
        attempts = [
            "/../secret.txt", "/assets/../../secret.txt", "/assets/../../../secret.txt",
            "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/.%2e/secret.txt", "/%2e./secret.txt",
            "/assets/%2e%2e/%2e%2e/secret.txt", "/..%2fsecret.txt",
            "/assets%2f..%2f..%2fsecret.txt",
            "/%2e%2e%2fsecret.txt", "/assets/..%2f..%2fsecret.txt", "/..%5csecret.txt",
            "/assets/..\\..\\secret.txt", "/assets/%5c..%5c..%5csecret.txt", "/..%255csecret.txt",
            "/%252e%252e/secret.txt", "/../web-private/key.txt", "/..%2fweb-private%2fkey.txt",
            "/" + secret_abs, "//" + secret_abs.lstrip("/"), "/%2f" + secret_abs.lstrip("/"),
            "/assets/app-abc123.js%00.svg", "/index.html%00", "/..", "/../", "/assets/..%2f..",
            "/%2e%2e", "/../secret",
        ]
        for path in attempts:
            with self.subTest(path=path):
                resp, raw = raw_get(self.port, path)
                self.assertIsNotNone(resp, "no answer to %r: %r" % (path, raw))
                self.assertNotIn(SECRET.strip(), raw)
                self.assertIn(resp.status, (400, 404), raw[:300])
        # The same through the normal client for the plain forms.
        self.assertError(self.get("/%2e%2e/secret.txt"), 404, "http.notFound")
        # Files inside the root with dots in their names are fine.
        self.assertEqual(self.get("/assets/./app-abc123.js").body, APP_JS)
        self.assertEqual(self.get("/assets//app-abc123.js").body, APP_JS)
        self.assertEqual(self.get("/%61ssets/app-abc123.js").body, APP_JS)
        self.assertTrue(self.server.alive())


class WebNotBuiltTest(StewardTestCase):
    """A web root without index.html: the API works, pages say the app is not built."""

    @classmethod
    def setUpClass(cls):
        cls.root = tempfile.mkdtemp(prefix="steward-noweb-")
        with open(os.path.join(cls.root, "favicon.svg"), "wb") as f:
            f.write(FAVICON)
        cls.SERVE_ARGS = ("--web", cls.root)
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        try:
            super().tearDownClass()
        finally:
            shutil.rmtree(cls.root, ignore_errors=True)

    def test_pages_are_not_built(self):
        for path in ("/", "/projects/ITO/queues", "/portal/1"):
            with self.subTest(path=path):
                err = self.assertError(self.anon().get(path), 404, "http.webNotBuilt")
                self.assertIn("not built", err["message"])
        # Files that exist are still served; missing ones are ordinary 404s.
        r = self.anon().get("/favicon.svg")
        self.assertStatus(r, 200)
        self.assertEqual(r.body, FAVICON)
        self.assertError(self.anon().get("/assets/app.js"), 404, "http.notFound")
        self.assertError(self.anon().get("/api/unknown"), 404, "http.notFound")
        self.assertEqual(self.anon().get("/healthz").json, {"status": "ok"})


if __name__ == "__main__":
    unittest.main()
