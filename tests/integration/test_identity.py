"""Identity administration (S2): users, teams, organizations; admin-only operations."""

import unittest

from steward_harness import StewardTestCase


class IdentityAdminTest(StewardTestCase):
    DEMO = True

    def test_admin_creates_user_who_can_log_in(self):
        admin = self.as_user("admin")
        r = admin.post("/api/v1/users", {"username": "Dana.Lee", "displayName": "Dana Lee",
                                         "email": "dana@example.com", "timeZone": "Europe/Paris",
                                         "kind": "agent", "password": "s3cret-pw"})
        self.assertStatus(r, 201)
        self.assertEqual(r.json["username"], "dana.lee")  # usernames are lower-case
        self.assertEqual(r.json["displayName"], "Dana Lee")
        self.assertEqual(r.json["email"], "dana@example.com")
        self.assertEqual(r.json["timeZone"], "Europe/Paris")
        self.assertEqual(r.json["kind"], "agent")
        self.assertTrue(r.json["active"])
        self.assertNotIn("s3cret-pw", r.body.decode())
        got = admin.get("/api/v1/users/dana.lee")
        self.assertStatus(got, 200)
        self.assertEqual(got.json["displayName"], "Dana Lee")
        c = self.server.client()
        self.assertStatus(c.login("dana.lee", "s3cret-pw"), 200)
        self.assertEqual(c.get("/api/v1/myself").json["username"], "dana.lee")

    def test_duplicate_username(self):
        admin = self.as_user("admin")
        self.assertStatus(admin.post("/api/v1/users", {"username": "dup.user",
                                                       "displayName": "Dup"}), 201)
        r = admin.post("/api/v1/users", {"username": "dup.user", "displayName": "Dup again"})
        self.assertError(r, 409, "identity.usernameTaken", field="username")
        r = admin.post("/api/v1/users", {"username": "DUP.USER", "displayName": "Dup upper"})
        self.assertError(r, 409, "identity.usernameTaken", field="username")
        r = admin.post("/api/v1/users", {"username": "alana", "displayName": "Impostor"})
        self.assertError(r, 409, "identity.usernameTaken", field="username")
        self.assertEqual(admin.get("/api/v1/users/alana").json["displayName"], "Alana Grant")

    def test_user_validation(self):
        admin = self.as_user("admin")
        cases = [
            ({"username": "bad name", "displayName": "X"}, "identity.badUsername", "username"),
            ({"username": "bad/name", "displayName": "X"}, "identity.badUsername", "username"),
            ({"username": "ok.name1", "displayName": "   "}, "http.emptyField", "displayName"),
            ({"username": "ok.name2", "displayName": "X", "kind": "wizard"}, "identity.badKind",
             "kind"),
            ({"username": "ok.name3", "displayName": "X", "email": "not-an-email"},
             "identity.badEmail", "email"),
            ({"username": "ok.name4", "displayName": "X", "password": "abc"},
             "identity.badPassword", "password"),
            ({"displayName": "X"}, "http.missingField", "username"),
            ({"username": "ok.name5", "displayName": "X", "admin": True}, "http.unknownField",
             "admin"),
            ({"username": ["x"], "displayName": "X"}, "http.wrongType", "username"),
            ({"username": "x" * 65, "displayName": "X"}, "http.tooLong", "username"),
        ]
        for body, code, field in cases:
            with self.subTest(body=body):
                self.assertError(admin.post("/api/v1/users", body), 400, code, field=field)
        # None of them was created.
        for n in ("ok.name1", "ok.name2", "ok.name3", "ok.name4", "ok.name5"):
            self.assertError(admin.get("/api/v1/users/" + n), 404, "identity.unknownUser")

    def test_non_admin_cannot_administer(self):
        alana = self.as_user("alana")
        self.assertError(alana.post("/api/v1/users", {"username": "sneaky", "displayName": "S"}),
                         403, "identity.adminOnly")
        self.assertError(alana.post("/api/v1/teams", {"name": "Sneaky Team"}), 403,
                         "identity.adminOnly")
        self.assertError(alana.post("/api/v1/organizations", {"name": "Sneaky Org"}), 403,
                         "identity.adminOnly")
        self.assertError(alana.patch("/api/v1/users/mitch", {"displayName": "Mitch X"}), 403,
                         "identity.adminOnly")
        self.assertError(self.as_user("admin").get("/api/v1/users/sneaky"), 404,
                         "identity.unknownUser")
        self.assertEqual(alana.get("/api/v1/users/mitch").json["displayName"], "Mitch Davis")

    def test_agent_lists_users_customer_cannot(self):
        r = self.as_user("alana").get("/api/v1/users?query=mit")
        self.assertStatus(r, 200)
        names = [u["username"] for u in r.json["values"]]
        self.assertIn("mitch", names)
        self.assertNotIn("alana", names)
        # Agents see no private details of others.
        self.assertNotIn("email", r.json["values"][0])
        r = self.as_user("admin").get("/api/v1/users?limit=100")
        self.assertTrue(all("email" in u for u in r.json["values"]))
        names = [u["username"] for u in r.json["values"]]
        for n in ("admin", "alana", "mitch", "jennifer", "paul", "customer"):
            self.assertIn(n, names)
        # Assignee pickers: only active agents and administrators.
        r = self.as_user("alana").get("/api/v1/users?limit=100&assignable=true")
        self.assertStatus(r, 200)
        assignable = {u["username"] for u in r.json["values"]}
        self.assertTrue({"admin", "alana", "mitch"} <= assignable)
        self.assertNotIn("customer", assignable)
        self.assertNotIn("automation", assignable)
        self.assertError(self.as_user("alana").get("/api/v1/users?assignable=maybe"), 400,
                         "http.badParameter")
        cust = self.as_user("customer")
        self.assertError(cust.get("/api/v1/users"), 403, "identity.staffOnly")
        self.assertError(cust.get("/api/v1/users/alana"), 403, "identity.staffOnly")
        self.assertError(cust.get("/api/v1/teams"), 403, "identity.staffOnly")
        self.assertError(cust.get("/api/v1/organizations"), 403, "identity.staffOnly")
        # A customer may read their own profile.
        me = cust.get("/api/v1/users/customer")
        self.assertStatus(me, 200)
        self.assertEqual(me.json["kind"], "customer")

    def test_teams(self):
        admin = self.as_user("admin")
        r = admin.post("/api/v1/teams", {"name": "Database Support",
                                         "description": "Runs the databases",
                                         "members": ["alana", "paul"]})
        self.assertStatus(r, 201)
        team = r.json
        self.assertEqual(team["name"], "Database Support")
        self.assertEqual(team["description"], "Runs the databases")
        self.assertEqual(sorted(m["username"] for m in team["members"]), ["alana", "paul"])
        self.assertError(admin.post("/api/v1/teams", {"name": "database support"}), 409,
                         "identity.nameTaken", field="name")
        # An unknown member: rejected (the exact 4xx is 404 today; 400 would be fine too).
        r = admin.post("/api/v1/teams", {"name": "T2", "members": ["ghost"]})
        self.assertIn(r.status, (400, 404), r)
        self.assertError(r, r.status, "identity.unknownUser")
        names = [t["name"] for t in admin.get("/api/v1/teams").json["values"]]
        self.assertNotIn("T2", names)  # the failed create left nothing behind
        self.assertIn("Platform Support", names)
        self.assertIn("Network Support", names)
        r = admin.post("/api/v1/teams/%d/members" % team["id"], {"username": "mitch"})
        self.assertStatus(r, 200)
        self.assertIn("mitch", [m["username"] for m in r.json["members"]])
        self.assertStatus(admin.delete("/api/v1/teams/%d/members/paul" % team["id"]), 204)
        got = self.as_user("alana").get("/api/v1/teams/%d" % team["id"])
        self.assertStatus(got, 200)
        self.assertEqual(sorted(m["username"] for m in got.json["members"]), ["alana", "mitch"])
        self.assertError(admin.delete("/api/v1/teams/%d/members/paul" % team["id"]), 404,
                         "identity.notAMember")
        self.assertError(admin.get("/api/v1/teams/999999"), 404, "identity.unknownTeam")
        self.assertError(admin.get("/api/v1/teams/abc"), 404, "http.badId")

    def test_organizations(self):
        admin = self.as_user("admin")
        r = admin.post("/api/v1/organizations", {"name": "Wholesale Division",
                                                 "members": ["riley.chen"]})
        self.assertStatus(r, 201)
        org = r.json
        self.assertEqual(org["name"], "Wholesale Division")
        self.assertEqual([m["username"] for m in org["members"]], ["riley.chen"])
        self.assertError(admin.post("/api/v1/organizations", {"name": "Wholesale Division"}),
                         409, "identity.nameTaken", field="name")
        self.assertError(admin.post("/api/v1/organizations",
                                    {"name": "X", "description": "orgs have none"}),
                         400, "http.unknownField", field="description")
        orgs = {o["name"]: o for o in admin.get("/api/v1/organizations").json["values"]}
        self.assertIn("Retail Division", orgs)
        self.assertIn("customer", [m["username"] for m in orgs["Retail Division"]["members"]])

    def test_patch_self(self):
        admin = self.as_user("admin")
        self.assertStatus(admin.post("/api/v1/users", {"username": "self.patcher",
                                                       "displayName": "Self Patcher",
                                                       "password": "first-pw"}), 201)
        me = self.server.client()
        self.assertStatus(me.login("self.patcher", "first-pw"), 200)
        r = me.patch("/api/v1/users/self.patcher", {"displayName": "Patched Name",
                                                    "timeZone": "Asia/Tokyo",
                                                    "email": "patched@example.com"})
        self.assertStatus(r, 200)
        self.assertEqual(r.json["displayName"], "Patched Name")
        self.assertEqual(r.json["timeZone"], "Asia/Tokyo")
        self.assertEqual(me.get("/api/v1/myself").json["email"], "patched@example.com")
        # A non-admin cannot raise their own kind or deactivate themselves via PATCH.
        self.assertError(me.patch("/api/v1/users/self.patcher", {"kind": "admin"}), 400,
                         "http.unknownField", field="kind")
        self.assertError(me.patch("/api/v1/users/self.patcher", {"active": False}), 400,
                         "http.unknownField", field="active")
        self.assertEqual(admin.get("/api/v1/users/self.patcher").json["kind"], "agent")
        self.assertError(me.patch("/api/v1/users/self.patcher", {"displayName": ""}), 400,
                         "identity.badDisplayName", field="displayName")
        # Changing the password ends existing sessions; the new password works.
        self.assertStatus(me.patch("/api/v1/users/self.patcher", {"password": "second-pw"}), 200)
        self.assertError(me.get("/api/v1/myself"), 401, "http.unauthenticated")
        self.assertError(self.server.client().login("self.patcher", "first-pw"), 401,
                         "identity.loginFailed")
        self.assertStatus(self.server.client().login("self.patcher", "second-pw"), 200)

    def test_admin_cannot_deactivate_self_but_can_deactivate_others(self):
        admin = self.as_user("admin")
        self.assertError(admin.patch("/api/v1/users/admin", {"active": False}), 400,
                         "identity.cannotDeactivateSelf", field="active")
        self.assertStatus(admin.post("/api/v1/users", {"username": "leaver",
                                                       "displayName": "Leaver",
                                                       "password": "leaver-pw"}), 201)
        c = self.server.client()
        self.assertStatus(c.login("leaver", "leaver-pw"), 200)
        t = c.new_token("leaver-token")
        r = admin.patch("/api/v1/users/leaver", {"active": False})
        self.assertStatus(r, 200)
        self.assertFalse(r.json["active"])
        self.assertError(c.get("/api/v1/myself"), 401, "http.unauthenticated")
        self.assertError(self.server.client(token=t["token"]).get("/api/v1/myself"), 401,
                         "identity.badCredentials")
        self.assertError(self.server.client().login("leaver", "leaver-pw"), 401,
                         "identity.loginFailed")


if __name__ == "__main__":
    unittest.main()
