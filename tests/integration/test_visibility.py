"""Customer visibility (S2): customers see their own requests and those shared with them or
their organization, nothing else, and cannot edit or transition. Demo server."""

import unittest

from steward_harness import StewardTestCase


class CustomerVisibilityTest(StewardTestCase):
    DEMO = True

    def agent_creates(self, **body):
        payload = {"project": "ITO", "issueType": "Service request", "summary": "visibility"}
        payload.update(body)
        r = self.as_user("alana").post("/api/v1/issues", payload)
        self.assertStatus(r, 201)
        return r.json["key"]

    def test_own_requests_are_visible(self):
        cust = self.as_user("customer")
        for key in ("ITO-2076", "ITO-1697", "ITO-1966"):
            r = cust.get("/api/v1/issues/" + key)
            self.assertStatus(r, 200)
            self.assertEqual(r.json["reporter"]["username"], "customer")
        self.assertEqual(cust.get("/api/v1/issues/ITO-2076").json["summary"],
                         "Payments are getting rejected")

    def test_others_issues_are_not_found(self):
        cust = self.as_user("customer")
        for key in ("ITO-2075", "ITO-2052", "ITO-2083", "ITO-2053"):
            with self.subTest(key=key):
                r = cust.get("/api/v1/issues/" + key)
                err = self.assertError(r, 404, "tickets.unknownIssue")
                # Same answer as for an issue that does not exist at all.
                missing = self.assertError(cust.get("/api/v1/issues/ITO-99999"), 404,
                                           "tickets.unknownIssue")
                self.assertEqual(err["message"].replace(key, "K"),
                                 missing["message"].replace("ITO-99999", "K"))
                for sub in ("comments", "history", "watchers", "links", "attachments",
                            "transitions"):
                    self.assertError(cust.get("/api/v1/issues/%s/%s" % (key, sub)), 404,
                                     "tickets.unknownIssue")

    def test_shared_with_organization_or_participant(self):
        cust = self.as_user("customer")
        org_shared = self.agent_creates(reporter="riley.chen", organizations=["Retail Division"],
                                        summary="Shared with Retail")
        participant = self.agent_creates(reporter="jordan.patel",
                                         requestParticipants=["customer"],
                                         summary="Customer participates")
        private = self.agent_creates(reporter="riley.chen", summary="Riley only")
        self.assertStatus(cust.get("/api/v1/issues/" + org_shared), 200)
        self.assertStatus(cust.get("/api/v1/issues/" + participant), 200)
        self.assertError(cust.get("/api/v1/issues/" + private), 404, "tickets.unknownIssue")
        # Un-sharing hides it again.
        self.assertStatus(self.as_user("alana").patch("/api/v1/issues/" + org_shared,
                                                      {"organizations": []}), 200)
        self.assertError(cust.get("/api/v1/issues/" + org_shared), 404, "tickets.unknownIssue")

    def test_customer_cannot_patch(self):
        cust = self.as_user("customer")
        r = cust.patch("/api/v1/issues/ITO-2076", {"summary": "Customer rewrote this"})
        self.assertError(r, 403, "tickets.cannotEdit")
        r = cust.patch("/api/v1/issues/ITO-2076", {"priority": "Critical"})
        self.assertError(r, 403, "tickets.cannotEdit")
        got = self.as_user("paul").get("/api/v1/issues/ITO-2076").json
        self.assertEqual(got["summary"], "Payments are getting rejected")
        self.assertEqual(got["priority"]["name"], "High")
        self.assertError(cust.patch("/api/v1/issues/ITO-2075", {"summary": "x"}), 404,
                         "tickets.unknownIssue")

    def test_customer_cannot_transition(self):
        cust = self.as_user("customer")
        r = cust.get("/api/v1/issues/ITO-2076/transitions")
        self.assertStatus(r, 200)
        self.assertEqual(r.json["values"], [])
        r = cust.post("/api/v1/issues/ITO-2076/transitions", {"to": "Resolved"})
        self.assertError(r, 403, "tickets.cannotEdit")
        self.assertEqual(self.as_user("paul").get("/api/v1/issues/ITO-2076").json["status"]["name"],
                         "Investigating")
        self.assertError(cust.post("/api/v1/issues/ITO-2075/transitions", {"to": "Resolved"}),
                         404, "tickets.unknownIssue")

    def test_customer_raises_request(self):
        cust = self.as_user("customer")
        r = cust.post("/api/v1/issues", {"project": "ITO", "issueType": "Service request",
                                         "summary": "New keyboard please",
                                         "description": "The Q key is stuck"})
        self.assertStatus(r, 201)
        self.assertEqual(r.json["reporter"]["username"], "customer")
        self.assertEqual(r.json["status"]["name"], "Waiting for support")
        self.assertStatus(cust.get("/api/v1/issues/" + r.json["key"]), 200)
        # Agent-only fields are refused for customers.
        for extra, field in (({"assignee": "alana"}, "assignee"), ({"labels": ["x"]}, "labels"),
                             ({"reporter": "riley.chen"}, "reporter")):
            body = {"project": "ITO", "issueType": "Service request", "summary": "sneaky"}
            body.update(extra)
            self.assertError(cust.post("/api/v1/issues", body), 400, "http.unknownField",
                             field=field)
        # Sharing only with their own organizations.
        self.assertStatus(self.as_user("admin").post("/api/v1/organizations",
                                                     {"name": "Other Org"}), 201)
        body = {"project": "ITO", "issueType": "Service request", "summary": "share",
                "organizations": ["Other Org"]}
        self.assertError(cust.post("/api/v1/issues", body), 403, "tickets.notYourOrganization")
        body["organizations"] = ["Retail Division"]
        self.assertStatus(cust.post("/api/v1/issues", body), 201)

    def test_customer_watchers_view_is_limited(self):
        cust = self.as_user("customer")
        r = cust.get("/api/v1/issues/ITO-2076/watchers")
        self.assertStatus(r, 200)
        self.assertTrue(r.json["isWatching"])
        self.assertEqual(r.json["values"], [])
        self.assertError(cust.post("/api/v1/issues/ITO-2076/watchers", {"username": "paul"}),
                         403, "tickets.cannotEdit")

    def test_customer_view_does_not_leak_invisible_linked_issues(self):
        # ITO-2076 (the customer's) relates to ITO-2075 (Jennifer's major incident), which the
        # customer may not see: the customer's view of ITO-2076 must not reveal it.
        staff = self.as_user("paul").get("/api/v1/issues/ITO-2076").json
        self.assertIn("ITO-2075", [l["issue"]["key"] for l in staff["links"]])
        cust = self.as_user("customer")
        for path in ("/api/v1/issues/ITO-2076", "/api/v1/issues/ITO-2076/links"):
            with self.subTest(path=path):
                body = cust.get(path).body.decode()
                self.assertNotIn("Customer payments are rejected when order is processed", body)
                self.assertNotIn("ITO-2075", body)

    def test_customer_history_does_not_leak_invisible_linked_issues(self):
        key = self.agent_creates(reporter="customer", summary="My payment failed too")
        r = self.as_user("alana").post("/api/v1/issues/%s/links" % key,
                                       {"type": "relates to", "issue": "ITO-2075"})
        self.assertStatus(r, 201)
        cust = self.as_user("customer")
        self.assertStatus(cust.get("/api/v1/issues/" + key), 200)
        for path in ("/api/v1/issues/" + key, "/api/v1/issues/%s/history" % key):
            with self.subTest(path=path):
                self.assertNotIn("ITO-2075", cust.get(path).body.decode())

    def test_key_probing_reveals_nothing(self):
        # Guessing keys one by one reveals nothing: every invisible issue is a plain 404.
        cust = self.as_user("customer")
        statuses = {cust.get("/api/v1/issues/ITO-%d" % n).status for n in range(2070, 2091)}
        self.assertLessEqual(statuses, {200, 404})


if __name__ == "__main__":
    unittest.main()
