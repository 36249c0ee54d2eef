"""Queues (S4, issue #3): the demo's ITO queues with their JQL and counts (capped at 999 like
JSM's "999+"), create / read / update / delete by project or global administrators, per-user
stars, and a queue's issues. Demo server. Queues the tests create are named "it-..."."""

import re
import unittest
import urllib.parse

from steward_harness import StewardTestCase

DEMO_QUEUES = ["Major Incidents", "All open tickets", "Open incidents", "Open problems",
               "Open changes", "Open tasks", "Incidents assigned to me", "Requires triage",
               "Investigating", "Pending review", "Resolved incidents (last 7 days)",
               "Alert-created incidents"]
QUEUES = "/api/v1/projects/ITO/queues"


class QueuesTest(StewardTestCase):
    DEMO = True

    # -- helpers ----------------------------------------------------------------------------------
    def list_queues(self, client):
        r = client.get(QUEUES)
        self.assertStatus(r, 200)
        return r.json["queues"]

    def by_name(self, client):
        return {q["name"]: q for q in self.list_queues(client)}

    def search_total(self, client, jql):
        r = client.post("/api/v1/search", {"jql": jql, "limit": 1})
        self.assertStatus(r, 200, jql)
        return r.json["total"], r.json["totalCapped"]

    def search_keys(self, client, jql):
        keys, cursor = [], None
        for _ in range(100):
            body = {"jql": jql, "limit": 500}
            if cursor is not None:
                body["cursor"] = cursor
            r = client.post("/api/v1/search", body)
            self.assertStatus(r, 200, jql)
            keys.extend(i["key"] for i in r.json["issues"])
            cursor = r.json.get("next")
            if cursor is None:
                return keys
        self.fail("too many pages")

    def queue_keys(self, client, queue_id, limit=50):
        keys, cursor = [], None
        for _ in range(200):
            params = {"limit": limit}
            if cursor is not None:
                params["cursor"] = cursor
            r = client.get("/api/v1/queues/%s/issues?%s" % (queue_id,
                                                            urllib.parse.urlencode(params)))
            self.assertStatus(r, 200)
            self.assertLessEqual(len(r.json["issues"]), limit)
            keys.extend(i["key"] for i in r.json["issues"])
            cursor = r.json.get("next")
            if cursor is None:
                return keys
        self.fail("too many pages")

    def create(self, client=None, expect=201, **body):
        r = (client or self.as_user("admin")).post(QUEUES, body)
        self.assertStatus(r, expect)
        return r.json

    def assertStarStatus(self, r):
        self.assertIn(r.status, (200, 204), r)

    # -- the demo queues --------------------------------------------------------------------------
    def test_demo_queues(self):
        queues = self.list_queues(self.as_user("alana"))
        demo = [q for q in queues if not q["name"].startswith("it-")]
        self.assertEqual(sorted(q["name"] for q in demo), sorted(DEMO_QUEUES))
        for q in queues:
            with self.subTest(queue=q["name"]):
                self.assertIsNotNone(q["id"])
                self.assertIsInstance(q["jql"], str)
                self.assertTrue(q["jql"])
                self.assertIsInstance(q["count"], int)
                self.assertNotIsInstance(q["count"], bool)
                self.assertGreaterEqual(q["count"], 0)
                self.assertLessEqual(q["count"], 999)
                self.assertIsInstance(q["countCapped"], bool)
                self.assertIsInstance(q["starred"], bool)
                self.assertIsInstance(q["position"], int)
                self.assertIsInstance(q["columns"], list)
                self.assertIn(q["group"], ("Team priority", "Other"))
        # Every demo JQL is valid.
        for q in demo:
            with self.subTest(jql=q["jql"]):
                r = self.as_user("alana").post("/api/v1/query/validate", {"jql": q["jql"]})
                self.assertStatus(r, 200)
                self.assertIs(r.json["valid"], True, r)

    def test_counts_match_searches(self):
        alana = self.as_user("alana")
        queues = self.by_name(alana)
        opened = queues["All open tickets"]
        total, _ = self.search_total(alana, opened["jql"])
        self.assertEqual(opened["count"], total)
        self.assertIs(opened["countCapped"], False)
        db = self.server.db()
        try:
            (n_open,), = db.execute("SELECT count(*) FROM issues i JOIN statuses s ON s.id = "
                                    "i.status_id WHERE s.category != 'done'").fetchall()
        finally:
            db.close()
        self.assertGreater(opened["count"], 50)
        self.assertLessEqual(opened["count"], n_open)
        for q in queues.values():
            with self.subTest(queue=q["name"]):
                total, _ = self.search_total(alana, q["jql"])
                if q["countCapped"]:
                    self.assertEqual(q["count"], 999)
                    self.assertGreater(total, 999)
                else:
                    self.assertEqual(q["count"], total)
        self.assertGreater(queues["Requires triage"]["count"], 0)
        self.assertGreater(queues["Major Incidents"]["count"], 0)

    def test_assigned_to_me_is_per_user(self):
        for user in ("alana", "mitch", "paul"):
            with self.subTest(user=user):
                c = self.as_user(user)
                q = self.by_name(c)["Incidents assigned to me"]
                self.assertIn("currentuser()", q["jql"].lower().replace(" ", ""))
                total, _ = self.search_total(c, q["jql"])
                self.assertEqual(q["count"], total)
                keys = self.queue_keys(c, q["id"])
                self.assertEqual(len(keys), total)
                explicit = self.search_keys(c, re.sub(r"(?i)currentUser\(\s*\)", '"%s"' % user,
                                                      q["jql"]))
                self.assertEqual(sorted(keys), sorted(explicit))

    def test_count_caps_at_999(self):
        q = self.create(name="it-everything", jql="project = ITO")
        try:
            listed = self.by_name(self.as_user("admin"))["it-everything"]
            self.assertEqual(listed["count"], 999)
            self.assertIs(listed["countCapped"], True)
            total, capped = self.search_total(self.as_user("admin"), "project = ITO")
            self.assertGreater(total, 999)
            self.assertIs(capped, False)
            small = self.create(name="it-small", jql="key IN (ITO-1, ITO-2, ITO-3)")
            listed = self.by_name(self.as_user("admin"))["it-small"]
            self.assertEqual(listed["count"], 3)
            self.assertIs(listed["countCapped"], False)
            self.assertStatus(self.as_user("admin").delete("/api/v1/queues/%s" % small["id"]),
                              204)
        finally:
            self.as_user("admin").delete("/api/v1/queues/%s" % q["id"])

    def test_queue_issues_are_its_search(self):
        alana = self.as_user("alana")
        for name in ("All open tickets", "Open problems", "Requires triage"):
            with self.subTest(queue=name):
                q = self.by_name(alana)[name]
                keys = self.queue_keys(alana, q["id"], limit=37)
                self.assertEqual(len(keys), len(set(keys)), "duplicates across pages")
                self.assertEqual(set(keys), set(self.search_keys(alana, q["jql"])))
                self.assertEqual(len(keys), q["count"])
        r = alana.get("/api/v1/queues/%s/issues?limit=0" % self.by_name(alana)["Open problems"]
                      ["id"])
        self.assertStatus(r, 400)

    # -- CRUD -------------------------------------------------------------------------------------
    def test_create_read_update_delete(self):
        admin = self.as_user("admin")
        q = self.create(name="it-crud", jql="priority = High ORDER BY created DESC",
                        group="Other")
        self.assertEqual(q["name"], "it-crud")
        self.assertEqual(q["jql"], "priority = High ORDER BY created DESC")
        qid = q["id"]
        r = admin.get("/api/v1/queues/%s" % qid)
        self.assertStatus(r, 200)
        self.assertEqual(r.json["name"], "it-crud")
        self.assertEqual(r.json["group"], "Other")
        listed = self.by_name(admin)["it-crud"]
        self.assertEqual(listed["id"], qid)
        self.assertEqual(listed["count"], self.search_total(admin, "priority = High")[0])
        # Agents see it too.
        self.assertIn("it-crud", self.by_name(self.as_user("paul")))
        # The queue's issues run its ORDER BY.
        keys = self.queue_keys(admin, qid, limit=100)
        self.assertEqual(keys, self.search_keys(admin, q["jql"]))
        # Rename and change the JQL.
        r = admin.patch("/api/v1/queues/%s" % qid, {"name": "it-crud-renamed",
                                                     "jql": "priority = Critical"})
        self.assertStatus(r, 200)
        self.assertEqual(r.json["name"], "it-crud-renamed")
        self.assertEqual(r.json["jql"], "priority = Critical")
        got = admin.get("/api/v1/queues/%s" % qid).json
        self.assertEqual((got["name"], got["jql"]), ("it-crud-renamed", "priority = Critical"))
        names = self.by_name(admin)
        self.assertNotIn("it-crud", names)
        self.assertEqual(names["it-crud-renamed"]["count"],
                         self.search_total(admin, "priority = Critical")[0])
        self.assertEqual(sorted(self.queue_keys(admin, qid, limit=200)),
                         sorted(self.search_keys(admin, "priority = Critical")))
        # A bad JQL in a patch changes nothing.
        r = admin.patch("/api/v1/queues/%s" % qid, {"jql": "priority = "})
        self.assertStatus(r, 400)
        self.assertTrue(r.error["code"].startswith("query."), r)
        self.assertIsInstance(r.error["position"]["offset"], int)
        self.assertEqual(admin.get("/api/v1/queues/%s" % qid).json["jql"], "priority = Critical")
        # Project administrators (mitch) may change it.
        r = self.as_user("mitch").patch("/api/v1/queues/%s" % qid, {"name": "it-crud-mitch"})
        self.assertStatus(r, 200)
        # Delete.
        self.assertStatus(admin.delete("/api/v1/queues/%s" % qid), 204)
        self.assertStatus(admin.get("/api/v1/queues/%s" % qid), 404)
        self.assertStatus(admin.get("/api/v1/queues/%s/issues" % qid), 404)
        self.assertStatus(admin.patch("/api/v1/queues/%s" % qid, {"name": "zombie"}), 404)
        self.assertStatus(admin.delete("/api/v1/queues/%s" % qid), 404)
        self.assertNotIn("it-crud-mitch", self.by_name(admin))
        self.assertStatus(admin.get("/api/v1/queues/999999"), 404)

    def test_create_validation(self):
        admin = self.as_user("admin")
        r = admin.post(QUEUES, {"name": "it-bad", "jql": "project = ITO AND (status = Open"})
        self.assertStatus(r, 400)
        err = r.error
        self.assertTrue(err["code"].startswith("query."), r)
        pos = err["position"]
        for k in ("offset", "line", "column", "length"):
            self.assertIsInstance(pos[k], int)
        r = admin.post(QUEUES, {"name": "it-bad", "jql": "asignee = currentUser()"})
        self.assertStatus(r, 400)
        self.assertEqual(r.error["code"], "query.unknownField")
        self.assertEqual(r.error["position"]["offset"], 0)
        for body in ({"jql": "project = ITO"}, {"name": "", "jql": "project = ITO"},
                     {"name": 5, "jql": "project = ITO"}, {"name": "it-bad", "jql": 7},
                     {"name": "it-bad", "jql": "project = ITO", "group": "Nonsense"},
                     {"name": "x" * 1000, "jql": "project = ITO"}):
            with self.subTest(body=body):
                r = admin.post(QUEUES, body)
                self.assertStatus(r, 400)
                self.assertIsNotNone(r.error)
        self.assertNotIn("it-bad", self.by_name(admin))
        r = admin.post("/api/v1/projects/NOPE/queues", {"name": "it-x", "jql": "project = ITO"})
        self.assertStatus(r, 404)

    def test_only_admins_manage_queues(self):
        # paul is an agent of ITO, not a project administrator.
        paul = self.as_user("paul")
        r = paul.post(QUEUES, {"name": "it-paul", "jql": "project = ITO"})
        self.assertStatus(r, 403)
        self.assertIsNotNone(r.error)
        self.assertNotIn("it-paul", self.by_name(self.as_user("admin")))
        # mitch administers ITO.
        q = self.create(self.as_user("mitch"), name="it-mitch", jql="assignee = mitch")
        try:
            self.assertStatus(paul.patch("/api/v1/queues/%s" % q["id"], {"name": "it-hijack"}),
                              403)
            self.assertStatus(paul.delete("/api/v1/queues/%s" % q["id"]), 403)
            self.assertIn("it-mitch", self.by_name(paul))
        finally:
            self.assertStatus(self.as_user("mitch").delete("/api/v1/queues/%s" % q["id"]), 204)
        # Customers do not see queues at all.
        cust = self.as_user("customer")
        self.assertIn(cust.get(QUEUES).status, (403, 404))
        self.assertIn(cust.post(QUEUES, {"name": "it-cust", "jql": ""}).status, (403, 404))
        self.assertStatus(self.anon().get(QUEUES), 401)

    # -- stars ------------------------------------------------------------------------------------
    def test_stars_are_per_user(self):
        alana, mitch = self.as_user("alana"), self.as_user("mitch")
        qid = self.create(name="it-star", jql="issuetype = Incident AND resolution IS EMPTY")["id"]

        def starred(client):
            return self.by_name(client)["it-star"]["starred"]

        try:
            self.assertIs(starred(alana), False)
            self.assertIs(starred(mitch), False)
            self.assertStarStatus(alana.request("PUT", "/api/v1/queues/%s/star" % qid))
            self.assertIs(starred(alana), True)
            self.assertIs(starred(mitch), False)
            self.assertIs(starred(self.as_user("admin")), False)
            # Starring twice is harmless.
            self.assertStarStatus(alana.request("PUT", "/api/v1/queues/%s/star" % qid))
            self.assertIs(starred(alana), True)
            self.assertStarStatus(mitch.request("PUT", "/api/v1/queues/%s/star" % qid))
            self.assertIs(starred(mitch), True)
            self.assertStarStatus(alana.delete("/api/v1/queues/%s/star" % qid))
            self.assertIs(starred(alana), False)
            self.assertIs(starred(mitch), True)
            self.assertStarStatus(mitch.delete("/api/v1/queues/%s/star" % qid))
            self.assertIs(starred(mitch), False)
            # Stars on another queue do not touch this one.
            other = self.by_name(alana)["Open incidents"]
            self.assertStarStatus(alana.request("PUT", "/api/v1/queues/%s/star" % other["id"]))
            self.assertIs(self.by_name(alana)["Open incidents"]["starred"], True)
            self.assertIs(starred(alana), False)
            self.assertStarStatus(alana.delete("/api/v1/queues/%s/star" % other["id"]))
            self.assertIs(self.by_name(alana)["Open incidents"]["starred"], False)
        finally:
            self.as_user("admin").delete("/api/v1/queues/%s" % qid)
        self.assertStatus(alana.request("PUT", "/api/v1/queues/%s/star" % qid), 404)
        self.assertStatus(alana.request("PUT", "/api/v1/queues/999999/star"), 404)

if __name__ == "__main__":
    unittest.main()
