"""Projects and project roles (S2, S3.1)."""

import unittest

from steward_harness import StewardTestCase


class ProjectsTest(StewardTestCase):
    DEMO = True

    def test_create_project(self):
        admin = self.as_user("admin")
        r = admin.post("/api/v1/projects", {"key": "NET", "name": "Network",
                                            "description": "Network team", "lead": "jennifer"})
        self.assertStatus(r, 201)
        self.assertEqual(r.json["key"], "NET")
        self.assertEqual(r.json["name"], "Network")
        self.assertEqual(r.json["issueCount"], 0)
        self.assertEqual(r.json["lead"]["username"], "jennifer")
        got = admin.get("/api/v1/projects/NET")
        self.assertStatus(got, 200)
        self.assertEqual(got.json["description"], "Network team")
        self.assertIn("NET", [p["key"] for p in admin.get("/api/v1/projects").json["values"]])
        # The lead administers the project.
        lead_view = self.as_user("jennifer").get("/api/v1/projects/NET")
        self.assertStatus(lead_view, 200)
        self.assertIn("administrator", lead_view.json["myRoles"])
        # Keys are case-insensitive on lookup.
        self.assertStatus(admin.get("/api/v1/projects/net"), 200)
        # First issue is NET-1.
        r = admin.post("/api/v1/issues", {"project": "NET", "issueType": "Task",
                                          "summary": "first"})
        self.assertStatus(r, 201)
        self.assertEqual(r.json["key"], "NET-1")

    def test_bad_project_key(self):
        admin = self.as_user("admin")
        for key in ("ab", "A", "1ABC", "AB-C", "ÄBC"):
            with self.subTest(key=key):
                self.assertError(admin.post("/api/v1/projects", {"key": key, "name": "Bad"}), 400,
                                 "tickets.badProjectKey", field="key")
        self.assertError(admin.post("/api/v1/projects", {"key": "ABCDEFGHIJK", "name": "Long"}),
                         400, "http.tooLong", field="key")
        self.assertError(admin.post("/api/v1/projects", {"key": "OKAY"}), 400,
                         "http.missingField", field="name")
        self.assertError(admin.post("/api/v1/projects", {"key": "OKAY", "name": "x",
                                                         "lead": "ghost"}),
                         400, "tickets.unknownUser", field="lead")
        self.assertError(admin.post("/api/v1/projects", {"key": "OKAY", "name": "x", "kind": 1}),
                         400, "http.unknownField", field="kind")
        self.assertError(admin.get("/api/v1/projects/OKAY"), 404, "tickets.unknownProject")

    def test_duplicate_project(self):
        admin = self.as_user("admin")
        self.assertError(admin.post("/api/v1/projects", {"key": "ITO", "name": "Again"}), 409,
                         "tickets.projectExists", field="key")
        self.assertEqual(admin.get("/api/v1/projects/ITO").json["name"], "IT Operations")

    def test_only_admins_create_projects(self):
        self.assertError(self.as_user("alana").post("/api/v1/projects", {"key": "ALP",
                                                                         "name": "Alana's"}),
                         403, "tickets.adminOnly")
        self.assertError(self.as_user("customer").post("/api/v1/projects", {"key": "CUS",
                                                                            "name": "C"}),
                         403, "tickets.adminOnly")
        self.assertError(self.as_user("admin").get("/api/v1/projects/ALP"), 404,
                         "tickets.unknownProject")

    def test_roles_grant_and_revoke_visibility(self):
        admin = self.as_user("admin")
        self.assertStatus(admin.post("/api/v1/projects", {"key": "SEC", "name": "Security"}), 201)
        r = admin.post("/api/v1/issues", {"project": "SEC", "issueType": "Task",
                                          "summary": "Rotate the HSM keys"})
        self.assertStatus(r, 201)
        issue_key = r.json["key"]
        paul = self.as_user("paul")
        # No role: the project and its issues do not exist for paul.
        self.assertError(paul.get("/api/v1/projects/SEC"), 404, "tickets.unknownProject")
        self.assertError(paul.get("/api/v1/issues/" + issue_key), 404, "tickets.unknownIssue")
        self.assertNotIn("SEC", [p["key"] for p in paul.get("/api/v1/projects").json["values"]])
        self.assertError(paul.get("/api/v1/projects/SEC/roles"), 404, "tickets.unknownProject")
        r = paul.post("/api/v1/issues", {"project": "SEC", "issueType": "Task", "summary": "x"})
        self.assertError(r, 400, "tickets.unknownProject", field="project")
        self.assertError(paul.patch("/api/v1/issues/" + issue_key, {"summary": "x"}), 404,
                         "tickets.unknownIssue")
        # Grant the agent role.
        r = admin.post("/api/v1/projects/SEC/roles", {"role": "agent", "user": "paul"})
        self.assertStatus(r, 201)
        role_id = r.json["id"]
        self.assertEqual(r.json["role"], "agent")
        roles = admin.get("/api/v1/projects/SEC/roles")
        self.assertStatus(roles, 200)
        self.assertIn((role_id, "agent", "paul"),
                      [(x["id"], x["role"], x.get("user", {}).get("username"))
                       for x in roles.json["values"]])
        got = paul.get("/api/v1/projects/SEC")
        self.assertStatus(got, 200)
        self.assertEqual(got.json["myRoles"], ["agent"])
        self.assertStatus(paul.get("/api/v1/issues/" + issue_key), 200)
        # Duplicate grant: 409.
        self.assertEqual(admin.post("/api/v1/projects/SEC/roles",
                                    {"role": "agent", "user": "paul"}).status, 409)
        # An agent may not manage roles.
        self.assertError(paul.post("/api/v1/projects/SEC/roles",
                                   {"role": "administrator", "user": "paul"}),
                         403, "tickets.adminOnly")
        self.assertError(paul.delete("/api/v1/projects/SEC/roles/%d" % role_id), 403,
                         "tickets.adminOnly")
        # Revoke.
        self.assertStatus(admin.delete("/api/v1/projects/SEC/roles/%d" % role_id), 204)
        self.assertError(admin.delete("/api/v1/projects/SEC/roles/%d" % role_id), 404,
                         "tickets.unknownRole")
        self.assertError(paul.get("/api/v1/projects/SEC"), 404, "tickets.unknownProject")
        self.assertError(paul.get("/api/v1/issues/" + issue_key), 404, "tickets.unknownIssue")

    def test_team_role(self):
        admin = self.as_user("admin")
        self.assertStatus(admin.post("/api/v1/projects", {"key": "TEAMP", "name": "Team"}), 201)
        self.assertError(self.as_user("jennifer").get("/api/v1/projects/TEAMP"), 404,
                         "tickets.unknownProject")
        r = admin.post("/api/v1/projects/TEAMP/roles", {"role": "agent",
                                                        "team": "Network Support"})
        self.assertStatus(r, 201)
        self.assertStatus(self.as_user("jennifer").get("/api/v1/projects/TEAMP"), 200)
        roles = admin.get("/api/v1/projects/TEAMP/roles").json["values"]
        self.assertIn("Network Support", [x.get("team") for x in roles])

    def test_role_validation(self):
        admin = self.as_user("admin")
        self.assertError(admin.post("/api/v1/projects/ITO/roles", {"role": "boss",
                                                                   "user": "paul"}),
                         400, "tickets.badRole", field="role")
        self.assertError(admin.post("/api/v1/projects/ITO/roles", {"role": "agent"}), 400,
                         "tickets.badRoleMember")
        self.assertError(admin.post("/api/v1/projects/ITO/roles", {"role": "agent",
                                                                   "user": "paul",
                                                                   "team": "Network Support"}),
                         400, "tickets.badRoleMember")
        self.assertError(admin.post("/api/v1/projects/ITO/roles", {"role": "agent",
                                                                   "user": "ghost"}),
                         400, "tickets.unknownUser", field="user")
        self.assertError(admin.post("/api/v1/projects/ITO/roles", {"role": "agent",
                                                                   "organization":
                                                                       "Retail Division"}),
                         400, "tickets.badRoleMember", field="organization")
        # A customer can never become an agent.
        self.assertError(admin.post("/api/v1/projects/ITO/roles", {"role": "agent",
                                                                   "user": "customer"}),
                         400, "tickets.badRoleMember", field="role")
        self.assertError(admin.post("/api/v1/projects/NOPE/roles", {"role": "agent",
                                                                    "user": "paul"}),
                         404, "tickets.unknownProject")

    def test_customer_sees_portal_project_only_as_customer(self):
        cust = self.as_user("customer")
        projects = cust.get("/api/v1/projects")
        self.assertStatus(projects, 200)
        ito = [p for p in projects.json["values"] if p["key"] == "ITO"]
        self.assertEqual(len(ito), 1)
        self.assertEqual(ito[0]["myRoles"], ["customer"])
        self.assertError(cust.get("/api/v1/projects/ITO/roles"), 404, "tickets.unknownProject")
        self.assertError(cust.patch("/api/v1/projects/ITO", {"name": "Mine"}), 403,
                         "tickets.adminOnly")

    def test_project_admin_updates_project(self):
        alana = self.as_user("alana")  # administrator of ITO in the demo
        r = alana.patch("/api/v1/projects/ITO", {"description": "Central Operations"})
        self.assertStatus(r, 200)
        self.assertEqual(r.json["description"], "Central Operations")
        self.assertError(self.as_user("paul").patch("/api/v1/projects/ITO", {"name": "P"}), 403,
                         "tickets.adminOnly")
        self.assertError(alana.patch("/api/v1/projects/ITO", {"name": ""}), 400,
                         "tickets.badName", field="name")
        self.assertEqual(alana.get("/api/v1/projects/ITO").json["name"], "IT Operations")


if __name__ == "__main__":
    unittest.main()
