"""Search permissions (S4, issue #3): search returns only issues the caller may see. Customers get
the requests they reported, participate in or that are shared with their organization, in
projects where they are customers, never others, and never match internal comments through
`text ~` / `comment ~`. Agents see every issue of their projects. Demo server."""

import random
import string
import unittest

from steward_harness import StewardTestCase

SEARCH = "/api/v1/search"


def unique_word(rnd, prefix):
    return prefix + "".join(rnd.choice(string.ascii_lowercase) for _ in range(10))


class SearchPermissionsTest(StewardTestCase):
    DEMO = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rnd = random.Random(2083)
        alana = cls.as_user("alana")
        admin = cls.as_user("admin")

        def create(client, **body):
            payload = {"project": "ITO", "issueType": "Service request",
                       "summary": "permission probe"}
            payload.update(body)
            r = client.post("/api/v1/issues", payload)
            if r.status != 201:
                raise AssertionError("setup failed: %r" % r)
            return r.json["key"]

        # Requests of other customers: shared with the customer's organization, with the
        # customer as a participant, and one that stays private.
        cls.org_shared = create(alana, reporter="riley.chen", organizations=["Retail Division"],
                                summary="Shared with the Retail Division")
        cls.participant = create(alana, reporter="jordan.patel",
                                 requestParticipants=["customer"],
                                 summary="Customer participates here")
        cls.private = create(alana, reporter="riley.chen", summary="Riley private request")
        # One the customer is only asked to approve: approvers see what they approve.
        cls.approver = create(alana, reporter="jordan.patel", approvers=["customer"],
                              summary="Customer approves this one")
        # A project where the customer holds no role: their own issue there stays invisible.
        cls.other_key = None
        r = admin.post("/api/v1/projects", {"key": "OTH", "name": "Other project"})
        if r.status != 201:
            raise AssertionError("setup failed: %r" % r)
        r = admin.post("/api/v1/issues", {"project": "OTH", "issueType": "Task",
                                          "summary": "Elsewhere", "reporter": "customer"})
        if r.status == 201:
            cls.other_key = r.json["key"]
        r = admin.post("/api/v1/issues", {"project": "OTH", "issueType": "Task",
                                          "summary": "Admin only elsewhere"})
        if r.status != 201:
            raise AssertionError("setup failed: %r" % r)
        cls.other_admin_key = r.json["key"]

    def query(self, sql, params=()):
        db = self.server.db()
        try:
            return db.execute(sql, params).fetchall()
        finally:
            db.close()

    def visible_to_customer(self, username):
        """Keys the customer may see, computed from the database like the issue view does."""
        rows = self.query(
            "SELECT i.key FROM issues i, users u WHERE u.username = ? AND i.project_id IN ("
            " SELECT r.project_id FROM project_roles r WHERE r.role = 'customer' AND ("
            "  r.user_id = u.id OR r.team_id IN (SELECT team_id FROM team_members WHERE "
            "  user_id = u.id) OR r.organization_id IN (SELECT organization_id FROM "
            "  organization_members WHERE user_id = u.id))) "
            "AND (i.reporter_id = u.id OR EXISTS (SELECT 1 FROM issue_users p WHERE "
            " p.issue_id = i.id AND p.role IN ('participant', 'approver') AND p.user_id = u.id) OR "
            " EXISTS ("
            " SELECT 1 FROM issue_organizations io JOIN organization_members m ON "
            " m.organization_id = io.organization_id WHERE io.issue_id = i.id AND "
            " m.user_id = u.id))", (username,))
        return {k for (k,) in rows}

    def visible_reported_by(self, username):
        return {k for (k,) in self.query("SELECT i.key FROM issues i JOIN users u ON u.id = "
                                         "i.reporter_id WHERE u.username = ?", (username,))}

    def project_keys(self, project):
        return {k for (k,) in self.query("SELECT i.key FROM issues i JOIN projects p ON "
                                         "p.id = i.project_id WHERE p.key = ?", (project,))}

    def walk(self, client, jql, limit=100):
        """(keys in order, total of the first page) through every page."""
        keys, cursor, total = [], None, None
        for _ in range(100):
            body = {"jql": jql, "limit": limit}
            if cursor is not None:
                body["cursor"] = cursor
            r = client.post(SEARCH, body)
            self.assertStatus(r, 200, jql)
            if total is None:
                total = r.json["total"]
            keys.extend(i["key"] for i in r.json["issues"])
            cursor = r.json.get("next")
            if cursor is None:
                return keys, total
        self.fail("too many pages for %r" % jql)

    # -- customers --------------------------------------------------------------------------------
    def test_customer_sees_only_their_requests(self):
        cust = self.as_user("customer")
        expected = self.visible_to_customer("customer")
        # The setup and the demo give the customer some of each kind.
        self.assertIn("ITO-2076", expected)
        self.assertIn(self.org_shared, expected)
        self.assertIn(self.participant, expected)
        self.assertIn(self.approver, expected)
        self.assertNotIn(self.private, expected)
        self.assertNotIn("ITO-2075", expected)
        keys, total = self.walk(cust, "ORDER BY created", limit=25)
        self.assertEqual(len(keys), len(set(keys)))
        self.assertEqual(set(keys), expected)
        self.assertEqual(total, len(expected))
        for hidden in ("ITO-2075", "ITO-2052", "ITO-2083", self.private, self.other_admin_key):
            self.assertNotIn(hidden, keys)
        if self.other_key:
            self.assertNotIn(self.other_key, keys, "a request in a project where the customer "
                                                   "is no customer")
        # ORDER BY created: ascending creation times.
        created = dict(self.query("SELECT key, created_at FROM issues"))
        stamps = [created[k] for k in keys]
        self.assertEqual(stamps, sorted(stamps))

    def test_customer_queries_stay_within_their_requests(self):
        cust = self.as_user("customer")
        expected = self.visible_to_customer("customer")
        for jql in ("", "project = ITO", "assignee = paul OR assignee IS EMPTY",
                    "resolution IS EMPTY OR resolution IS NOT EMPTY",
                    "NOT reporter = customer", "reporter != customer",
                    "text ~ payments", "summary ~ Riley", "reporter = riley.chen",
                    "issuetype = Incident AND priority = Critical"):
            with self.subTest(jql=jql):
                keys, total = self.walk(cust, jql, limit=200)
                self.assertLessEqual(set(keys), expected, "leaked: %s" % (set(keys) - expected))
                self.assertEqual(total, len(keys))
        riley = {k for (k,) in self.query("SELECT i.key FROM issues i JOIN users u ON u.id = "
                                          "i.reporter_id WHERE u.username = 'riley.chen'")}
        keys, _ = self.walk(cust, "reporter = riley.chen")
        self.assertEqual(set(keys), riley & expected)
        self.assertIn(self.org_shared, keys)
        self.assertNotIn(self.private, keys)
        keys, _ = self.walk(cust, "NOT reporter = customer")
        self.assertEqual(set(keys), expected - self.visible_reported_by("customer"))
        keys, _ = self.walk(cust, "text ~ payments")
        self.assertIn("ITO-2076", keys)  # "Payments are getting rejected"
        self.assertNotIn("ITO-2075", keys)
        # Customers cannot even count what they cannot see.
        r = cust.post(SEARCH, {"jql": "project = ITO", "limit": 1})
        self.assertEqual(r.json["total"], len(expected))

    def test_invisible_key_looks_like_a_missing_one(self):
        cust = self.as_user("customer")
        hidden = cust.post(SEARCH, {"jql": "key = ITO-2075"})
        missing = cust.post(SEARCH, {"jql": "key = ITO-99999"})
        self.assertEqual(hidden.status, missing.status)
        if hidden.status == 200:
            self.assertEqual(hidden.json["issues"], [])
            self.assertEqual(hidden.json["total"], 0)
            self.assertEqual(missing.json["total"], 0)
        else:
            self.assertEqual(hidden.error["code"], missing.error["code"])
            self.assertEqual(hidden.error["message"].replace("2075", "N"),
                             missing.error["message"].replace("99999", "N"))

    def test_internal_comments_are_not_searchable_by_customers(self):
        alana = self.as_user("alana")
        cust = self.as_user("customer")
        secret = unique_word(self.rnd, "secretword")
        public = unique_word(self.rnd, "publicword")
        r = alana.post("/api/v1/issues", {"project": "ITO", "issueType": "Service request",
                                          "summary": "Monitor flickers", "reporter": "customer"})
        self.assertStatus(r, 201)
        key = r.json["key"]
        self.assertStatus(cust.get("/api/v1/issues/" + key), 200)  # the customer's own request
        r = alana.post("/api/v1/issues/%s/comments" % key,
                       {"body": "Internal: the vendor calls this %s" % secret, "internal": True})
        self.assertStatus(r, 201)
        r = alana.post("/api/v1/issues/%s/comments" % key,
                       {"body": "We ordered a %s for you" % public, "internal": False})
        self.assertStatus(r, 201)
        for field in ("text", "comment"):
            with self.subTest(field=field):
                # Agents find both comments.
                for word in (secret, public):
                    r = alana.post(SEARCH, {"jql": "%s ~ %s" % (field, word)})
                    self.assertStatus(r, 200)
                    self.assertEqual([i["key"] for i in r.json["issues"]], [key])
                    self.assertEqual(r.json["total"], 1)
                # The customer finds the public reply but never the internal note.
                r = cust.post(SEARCH, {"jql": "%s ~ %s" % (field, secret)})
                self.assertStatus(r, 200)
                self.assertEqual(r.json["issues"], [])
                self.assertEqual(r.json["total"], 0)
                r = cust.post(SEARCH, {"jql": "%s ~ %s" % (field, public)})
                self.assertStatus(r, 200)
                self.assertEqual([i["key"] for i in r.json["issues"]], [key])
                # Negation does not reveal it either.
                r = cust.post(SEARCH, {"jql": "key = %s AND NOT %s ~ %s" % (key, field, secret)})
                self.assertStatus(r, 200)
                self.assertEqual([i["key"] for i in r.json["issues"]], [key])
        # Nor through the results' fields.
        r = cust.post(SEARCH, {"jql": "key = %s" % key,
                               "fields": ["summary", "status", "labels"]})
        self.assertStatus(r, 200)
        self.assertNotIn(secret, r.body.decode())
        # The demo's internal note on ITO-2075 is invisible anyway; on the customer's ITO-2076
        # a new internal note is not searchable for them.
        note = unique_word(self.rnd, "binrange")
        self.assertStatus(alana.post("/api/v1/issues/ITO-2076/comments",
                                     {"body": "Processor %s misconfigured" % note,
                                      "internal": True}), 201)
        r = cust.post(SEARCH, {"jql": "text ~ %s" % note})
        self.assertEqual(r.json["total"], 0)
        r = alana.post(SEARCH, {"jql": "text ~ %s" % note})
        self.assertEqual([i["key"] for i in r.json["issues"]], ["ITO-2076"])

    def test_other_customer_sees_other_requests(self):
        # riley.chen cannot log in; their private request is in their set, not in the customer's.
        mine = self.visible_to_customer("customer")
        riley = self.visible_to_customer("riley.chen")
        self.assertIn(self.private, riley)
        self.assertNotIn(self.private, mine)
        keys, _ = self.walk(self.as_user("customer"), "", limit=500)
        self.assertEqual(set(keys), mine)

    # -- agents -----------------------------------------------------------------------------------
    def test_agents_see_all_issues_of_their_projects(self):
        ito = self.project_keys("ITO")
        self.assertGreaterEqual(len(ito), 2090)
        for agent in ("paul", "jennifer", "alana", "mitch"):
            with self.subTest(agent=agent):
                c = self.as_user(agent)
                keys, total = self.walk(c, "project = ITO", limit=500)
                self.assertEqual(set(keys), ito)
                self.assertEqual(total, len(ito))
                # No role in OTH: its issues stay out of an unrestricted search.
                keys, _ = self.walk(c, "", limit=500)
                self.assertEqual(set(keys), ito)
                self.assertNotIn(self.other_admin_key, keys)
        # The global admin sees every project.
        keys, _ = self.walk(self.as_user("admin"), "", limit=500)
        self.assertEqual(set(keys), ito | self.project_keys("OTH"))
        self.assertIn(self.other_admin_key, keys)

    def test_agents_see_internal_comment_issues_and_private_requests(self):
        paul = self.as_user("paul")
        r = paul.post(SEARCH, {"jql": "key IN (%s, %s, ITO-2075)" % (self.private,
                                                                     self.participant)})
        self.assertStatus(r, 200)
        self.assertEqual(r.json["total"], 3)
        # The demo's internal note on ITO-2075 ("DB transaction logs") is searchable by agents.
        r = paul.post(SEARCH, {"jql": "key = ITO-2075 AND comment ~ bottlenecked"})
        self.assertStatus(r, 200)
        self.assertEqual([i["key"] for i in r.json["issues"]], ["ITO-2075"])

    def test_unauthenticated(self):
        anon = self.anon()
        self.assertStatus(anon.post(SEARCH, {"jql": ""}), 401)
        self.assertStatus(anon.get(SEARCH), 401)


if __name__ == "__main__":
    unittest.main()
