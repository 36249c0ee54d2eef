"""Authentication (S2): session cookie + CSRF, logout, personal API tokens (Bearer / Basic)."""

import base64
import unittest

from steward_harness import StewardTestCase


class AuthTest(StewardTestCase):
    DEMO = True

    def test_login_ok(self):
        c = self.server.client()
        r = c.login("alana")
        self.assertStatus(r, 200)
        self.assertEqual(r.json["user"]["username"], "alana")
        self.assertEqual(r.json["user"]["displayName"], "Alana Grant")
        self.assertEqual(r.json["user"]["kind"], "agent")
        self.assertTrue(r.json["csrfToken"])
        self.assertTrue(r.json["expires"])
        self.assertNotIn("password", r.body.decode())
        self.assertNotIn("hash", r.body.decode().lower())
        me = c.get("/api/v1/myself")
        self.assertStatus(me, 200)
        self.assertEqual(me.json["username"], "alana")

    def test_login_is_case_insensitive_on_username(self):
        r = self.server.client().login("ALANA")
        self.assertStatus(r, 200)
        self.assertEqual(r.json["user"]["username"], "alana")

    def test_session_cookie_attributes(self):
        r = self.server.client().login("mitch")
        self.assertStatus(r, 200)
        cookie = r.header("Set-Cookie")
        self.assertIsNotNone(cookie)
        parts = [p.strip() for p in cookie.split(";")]
        self.assertTrue(parts[0].startswith("steward_session="))
        self.assertGreater(len(parts[0]), len("steward_session=") + 20)
        lower = [p.lower() for p in parts]
        self.assertIn("httponly", lower)
        self.assertTrue(any(p.startswith("samesite=") for p in lower), cookie)
        self.assertTrue(any(p == "path=/" for p in lower), cookie)
        # The CSRF token is not the session id.
        self.assertNotIn(r.json["csrfToken"], parts[0])

    def test_bad_password_and_unknown_user_look_the_same(self):
        a = self.server.client().login("alana", "wrong-password")
        b = self.server.client().login("nobody-such-user", "whatever")
        ea = self.assertError(a, 401, "identity.loginFailed")
        eb = self.assertError(b, 401, "identity.loginFailed")
        self.assertEqual(ea["message"], eb["message"])
        self.assertIsNone(a.header("Set-Cookie"))
        self.assertIsNone(b.header("Set-Cookie"))

    def test_login_validation(self):
        c = self.anon()
        self.assertError(c.post("/api/v1/session", {"username": "alana"}), 400,
                         "http.missingField", field="password")
        self.assertError(c.post("/api/v1/session", {"username": "alana", "password": "demo",
                                                    "remember": True}),
                         400, "http.unknownField", field="remember")
        self.assertError(c.post("/api/v1/session", {"username": 5, "password": "demo"}), 400,
                         "http.wrongType", field="username")

    def test_bot_cannot_log_in(self):
        # "automation" is the bot; it has no password and must never get a session.
        self.assertError(self.server.client().login("automation", ""), 400, "http.emptyField",
                         field="password")
        self.assertError(self.server.client().login("automation", "demo"), 401,
                         "identity.loginFailed")

    def test_csrf_required_for_state_changes_with_cookie(self):
        c = self.as_user("jennifer")
        # GET needs no CSRF token.
        self.assertStatus(c.get("/api/v1/myself"), 200)
        self.assertStatus(c.get("/api/v1/tokens"), 200)
        # POST without the token: 403.
        r = c.post("/api/v1/tokens", {"name": "no-csrf"}, csrf=False)
        self.assertError(r, 403, "identity.csrfMismatch")
        # POST with a wrong token: 403.
        r = c.post("/api/v1/tokens", {"name": "bad-csrf"}, csrf=False,
                   headers={"X-CSRF-Token": "not-the-token"})
        self.assertError(r, 403, "identity.csrfMismatch")
        # Nothing was created by the rejected requests.
        names = [t["name"] for t in c.get("/api/v1/tokens").json["values"]]
        self.assertNotIn("no-csrf", names)
        self.assertNotIn("bad-csrf", names)
        # PATCH and DELETE are protected too.
        r = c.patch("/api/v1/users/jennifer", {"timeZone": "UTC"}, csrf=False)
        self.assertError(r, 403, "identity.csrfMismatch")
        r = c.delete("/api/v1/session", csrf=False)
        self.assertError(r, 403, "identity.csrfMismatch")
        self.assertStatus(c.get("/api/v1/myself"), 200)  # still signed in
        # With the token it works.
        r = c.post("/api/v1/tokens", {"name": "with-csrf"})
        self.assertStatus(r, 201)

    def test_csrf_token_is_returned_by_get_session(self):
        c = self.as_user("paul")
        r = c.get("/api/v1/session")
        self.assertStatus(r, 200)
        self.assertEqual(r.json["user"]["username"], "paul")
        self.assertEqual(r.json["csrfToken"], c.csrf)

    def test_logout_invalidates_the_cookie(self):
        c = self.server.client()
        self.assertStatus(c.login("paul"), 200)
        self.assertStatus(c.get("/api/v1/myself"), 200)
        r = c.delete("/api/v1/session")
        self.assertStatus(r, 204)
        cleared = r.header("Set-Cookie") or ""
        self.assertIn("steward_session=;", cleared.replace(" ", ""))
        self.assertIn("max-age=0", cleared.lower().replace(" ", ""))
        # The old cookie no longer authenticates.
        self.assertError(c.get("/api/v1/myself"), 401, "http.unauthenticated")
        r = c.post("/api/v1/tokens", {"name": "after-logout"})
        self.assertEqual(r.status, 401, r)

    def test_unauthenticated_calls(self):
        c = self.anon()
        for method, path in (("GET", "/api/v1/myself"), ("GET", "/api/v1/users"),
                             ("GET", "/api/v1/issues/ITO-2052"), ("GET", "/api/v1/projects"),
                             ("GET", "/api/v1/issues/ITO-2052/comments")):
            r = c.request(method, path)
            self.assertError(r, 401, "http.unauthenticated")
            self.assertIn("Bearer", r.header("WWW-Authenticate") or "")
        r = c.post("/api/v1/issues", {"project": "ITO", "issueType": "Task", "summary": "x"})
        self.assertError(r, 401, "http.unauthenticated")
        r = c.patch("/api/v1/issues/ITO-2052", {"summary": "hijacked"})
        self.assertError(r, 401, "http.unauthenticated")
        self.assertEqual(self.as_user("admin").get("/api/v1/issues/ITO-2052").json["summary"],
                         "Standard change MongoDB node backup")
        # A garbage cookie is simply anonymous.
        r = c.get("/api/v1/myself", headers={"Cookie": "steward_session=forged-session-id"})
        self.assertError(r, 401, "http.unauthenticated")

    def test_bearer_token(self):
        owner = self.as_user("mitch")
        t = owner.new_token("bearer-test")
        self.assertTrue(t["token"])
        self.assertEqual(t["name"], "bearer-test")
        c = self.server.client(token=t["token"])
        r = c.get("/api/v1/myself")
        self.assertStatus(r, 200)
        self.assertEqual(r.json["username"], "mitch")
        # Token requests need no CSRF token.
        r = c.post("/api/v1/issues/ITO-2052/watchers")
        self.assertStatus(r, 200)
        self.assertTrue(r.json["isWatching"])
        # The token itself is never listed again.
        listed = owner.get("/api/v1/tokens").json["values"]
        self.assertIn("bearer-test", [x["name"] for x in listed])
        self.assertNotIn(t["token"], owner.get("/api/v1/tokens").body.decode())

    def test_basic_user_token(self):
        t = self.as_user("alana").new_token("basic-test")
        c = self.server.client(basic=("alana", t["token"]))
        r = c.get("/api/v1/myself")
        self.assertStatus(r, 200)
        self.assertEqual(r.json["username"], "alana")
        # Another username with alana's token: 401.
        r = self.server.client(basic=("mitch", t["token"])).get("/api/v1/myself")
        self.assertError(r, 401, "identity.badCredentials")
        # The password is not a token.
        r = self.server.client(basic=("alana", "demo")).get("/api/v1/myself")
        self.assertError(r, 401, "identity.badCredentials")
        # Malformed Basic credentials.
        r = self.anon().get("/api/v1/myself", headers={"Authorization": "Basic !!!notbase64"})
        self.assertError(r, 401, "identity.badCredentials")
        nocolon = base64.b64encode(b"alana").decode()
        r = self.anon().get("/api/v1/myself", headers={"Authorization": "Basic " + nocolon})
        self.assertError(r, 401, "identity.badCredentials")

    def test_wrong_token(self):
        r = self.server.client(token="stw_not-a-real-token").get("/api/v1/myself")
        self.assertError(r, 401, "identity.badCredentials")
        r = self.anon().get("/api/v1/myself", headers={"Authorization": "Digest abc"})
        self.assertError(r, 401, "identity.badCredentials")
        r = self.anon().get("/api/v1/myself", headers={"Authorization": "Bearer " + "x" * 600})
        self.assertError(r, 401, "identity.badCredentials")

    def test_revoked_token(self):
        owner = self.as_user("jennifer")
        t = owner.new_token("to-revoke")
        c = self.server.client(token=t["token"])
        self.assertStatus(c.get("/api/v1/myself"), 200)
        # Another user cannot revoke it.
        r = self.as_user("paul").delete("/api/v1/tokens/%d" % t["id"])
        self.assertError(r, 404, "identity.unknownToken")
        self.assertStatus(c.get("/api/v1/myself"), 200)
        self.assertStatus(owner.delete("/api/v1/tokens/%d" % t["id"]), 204)
        self.assertError(c.get("/api/v1/myself"), 401, "identity.badCredentials")
        self.assertError(self.server.client(basic=("jennifer", t["token"])).get("/api/v1/myself"),
                         401, "identity.badCredentials")
        self.assertNotIn("to-revoke", [x["name"] for x in owner.get("/api/v1/tokens").json["values"]])
        # Revoking again: 404.
        self.assertError(owner.delete("/api/v1/tokens/%d" % t["id"]), 404, "identity.unknownToken")

    def test_token_validation(self):
        c = self.as_user("alana")
        self.assertError(c.post("/api/v1/tokens", {}), 400, "http.missingField", field="name")
        self.assertError(c.post("/api/v1/tokens", {"name": "x", "expiresInDays": 0}), 400,
                         "identity.badExpiry", field="expiresInDays")
        self.assertError(c.post("/api/v1/tokens", {"name": "x", "expiresInDays": "7"}), 400,
                         "http.wrongType", field="expiresInDays")
        r = c.post("/api/v1/tokens", {"name": "expiring", "expiresInDays": 7})
        self.assertStatus(r, 201)
        self.assertTrue(r.json["expires"])

    def test_customer_token_is_still_a_customer(self):
        c = self.token_client("customer")
        self.assertEqual(c.get("/api/v1/myself").json["kind"], "customer")
        self.assertError(c.get("/api/v1/users"), 403, "identity.staffOnly")


if __name__ == "__main__":
    unittest.main()
