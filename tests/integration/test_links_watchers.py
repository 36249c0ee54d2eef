"""Issue links (S3.7) and watchers (S3.10). Demo server."""

import unittest

from steward_harness import StewardTestCase


class LinksTest(StewardTestCase):
    DEMO = True

    def new_issue(self, summary, issue_type="Incident"):
        r = self.as_user("alana").post("/api/v1/issues", {"project": "ITO",
                                                          "issueType": issue_type,
                                                          "summary": summary})
        self.assertStatus(r, 201)
        return r.json["key"]

    def links(self, key):
        r = self.as_user("alana").get("/api/v1/issues/%s/links" % key)
        self.assertStatus(r, 200)
        return r.json["values"]

    def link(self, key, type_, other):
        return self.as_user("alana").post("/api/v1/issues/%s/links" % key,
                                          {"type": type_, "issue": other})

    def test_causes_and_is_caused_by(self):
        problem = self.new_issue("Root cause: connection pool exhaustion", "Problem")
        incident = self.new_issue("Checkout fails")
        r = self.link(problem, "causes", incident)
        self.assertStatus(r, 201)
        self.assertEqual(r.json["type"], "Causes")
        self.assertEqual(r.json["relation"], "causes")
        self.assertEqual(r.json["direction"], "outward")
        self.assertEqual(r.json["issue"]["key"], incident)
        out = self.links(problem)
        self.assertEqual([(l["relation"], l["direction"], l["issue"]["key"]) for l in out],
                         [("causes", "outward", incident)])
        inward = self.links(incident)
        self.assertEqual([(l["relation"], l["direction"], l["issue"]["key"]) for l in inward],
                         [("is caused by", "inward", problem)])
        self.assertEqual(out[0]["id"], inward[0]["id"])
        # The same link stated from the other side is a duplicate.
        self.assertError(self.link(incident, "is caused by", problem), 409, "tickets.linkExists")
        self.assertError(self.link(problem, "Causes", incident), 409, "tickets.linkExists")
        self.assertEqual(len(self.links(problem)), 1)
        # Both issues record the link in their history.
        for key, other in ((problem, incident), (incident, problem)):
            h = self.as_user("alana").get("/api/v1/issues/%s/history" % key).json["values"]
            items = [i for g in h for i in g["items"] if i["field"] == "link"]
            self.assertEqual(len(items), 1, h)
            self.assertIn(other, items[0]["toString"])

    def test_inward_form_creates_reverse_link(self):
        a = self.new_issue("A")
        b = self.new_issue("B")
        r = self.link(a, "is caused by", b)
        self.assertStatus(r, 201)
        self.assertEqual(r.json["direction"], "inward")
        self.assertEqual(r.json["relation"], "is caused by")
        self.assertEqual([(l["relation"], l["issue"]["key"]) for l in self.links(b)],
                         [("causes", a)])

    def test_other_link_types(self):
        a = self.new_issue("Link hub")
        b, c, d, e = (self.new_issue("Target %d" % i) for i in range(4))
        for type_, other, relation in (("relates to", b, "relates to"), ("blocks", c, "blocks"),
                                       ("is blocked by", d, "is blocked by"),
                                       ("duplicates", e, "duplicates")):
            with self.subTest(type=type_):
                r = self.link(a, type_, other)
                self.assertStatus(r, 201)
                self.assertEqual(r.json["relation"], relation)
        rel = sorted((l["relation"], l["issue"]["key"]) for l in self.links(a))
        self.assertEqual(rel, sorted([("relates to", b), ("blocks", c), ("is blocked by", d),
                                      ("duplicates", e)]))
        self.assertEqual([l["relation"] for l in self.links(c)], ["is blocked by"])
        self.assertEqual([l["relation"] for l in self.links(d)], ["blocks"])
        self.assertEqual([l["relation"] for l in self.links(e)], ["is duplicated by"])
        # The issue view carries the links too.
        view = self.as_user("mitch").get("/api/v1/issues/" + a).json
        self.assertEqual(len(view["links"]), 4)

    def test_symmetric_relates_to_is_not_duplicated_from_the_other_side(self):
        # "relates to" reads the same both ways (outward == inward): B relates to A is the very
        # link A relates to B, so it must be refused like any duplicate.
        a = self.new_issue("Sym A")
        b = self.new_issue("Sym B")
        self.assertStatus(self.link(a, "relates to", b), 201)
        self.assertError(self.link(b, "relates to", a), 409, "tickets.linkExists")
        self.assertEqual(len(self.links(a)), 1)

    def test_link_errors(self):
        a = self.new_issue("Lonely")
        self.assertError(self.link(a, "relates to", a), 400, "tickets.selfLink", field="issue")
        self.assertError(self.link(a, "is friends with", "ITO-2075"), 400,
                         "tickets.unknownLinkType", field="type")
        self.assertError(self.link(a, "relates to", "ITO-999999"), 400, "tickets.unknownIssue",
                         field="issue")
        self.assertError(self.link("ITO-999999", "relates to", a), 404, "tickets.unknownIssue")
        self.assertError(self.as_user("alana").post("/api/v1/issues/%s/links" % a,
                                                    {"type": "relates to"}),
                         400, "http.missingField", field="issue")
        self.assertEqual(self.links(a), [])
        # Customers cannot link, even their own requests.
        self.assertError(self.as_user("customer").post("/api/v1/issues/ITO-2076/links",
                                                       {"type": "relates to",
                                                        "issue": "ITO-1697"}),
                         403, "tickets.cannotEdit")

    def test_delete_link(self):
        a = self.new_issue("Delete A")
        b = self.new_issue("Delete B")
        link_id = self.link(a, "blocks", b).json["id"]
        self.assertError(self.as_user("customer").delete("/api/v1/links/%d" % link_id), 404,
                         "tickets.unknownLink")
        self.assertStatus(self.as_user("mitch").delete("/api/v1/links/%d" % link_id), 204)
        self.assertEqual(self.links(a), [])
        self.assertEqual(self.links(b), [])
        self.assertError(self.as_user("mitch").delete("/api/v1/links/%d" % link_id), 404,
                         "tickets.unknownLink")
        self.assertError(self.as_user("mitch").delete("/api/v1/links/abc"), 404, "http.badId")
        h = self.as_user("alana").get("/api/v1/issues/%s/history" % a).json["values"]
        items = [i for g in h for i in g["items"] if i["field"] == "link"]
        self.assertEqual(len(items), 2)
        self.assertEqual(items[1]["fromString"], b)
        self.assertIsNone(items[1]["toString"])
        # After deletion the same link can be made again.
        self.assertStatus(self.link(a, "blocks", b), 201)


class WatchersTest(StewardTestCase):
    DEMO = True

    def new_issue(self):
        r = self.as_user("alana").post("/api/v1/issues", {"project": "ITO", "issueType": "Task",
                                                          "summary": "watch me"})
        self.assertStatus(r, 201)
        return r.json["key"]

    def watchers(self, key, who="alana"):
        r = self.as_user(who).get("/api/v1/issues/%s/watchers" % key)
        self.assertStatus(r, 200)
        return r.json

    def test_reporter_watches(self):
        key = self.new_issue()
        w = self.watchers(key)
        self.assertTrue(w["isWatching"])
        self.assertEqual([x["username"] for x in w["values"]], ["alana"])

    def test_add_and_remove(self):
        key = self.new_issue()
        alana = self.as_user("alana")
        r = alana.post("/api/v1/issues/%s/watchers" % key, {"username": "mitch"})
        self.assertStatus(r, 200)
        self.assertEqual([x["username"] for x in r.json["values"]], ["alana", "mitch"])
        # Adding twice is harmless.
        self.assertStatus(alana.post("/api/v1/issues/%s/watchers" % key, {"username": "mitch"}),
                          200)
        self.assertEqual(self.as_user("admin").get("/api/v1/issues/" + key).json["watcherCount"], 2)
        # Watch yourself with an empty body.
        paul = self.as_user("paul")
        r = paul.post("/api/v1/issues/%s/watchers" % key)
        self.assertStatus(r, 200)
        self.assertTrue(r.json["isWatching"])
        self.assertFalse(self.watchers(key, "jennifer")["isWatching"])
        self.assertStatus(alana.delete("/api/v1/issues/%s/watchers/mitch" % key), 204)
        self.assertStatus(paul.delete("/api/v1/issues/%s/watchers/paul" % key), 204)
        self.assertEqual([x["username"] for x in self.watchers(key)["values"]], ["alana"])
        self.assertError(alana.delete("/api/v1/issues/%s/watchers/mitch" % key), 404,
                         "tickets.notWatching")
        self.assertError(alana.delete("/api/v1/issues/%s/watchers/ghost" % key), 404,
                         "tickets.unknownUser")

    def test_watcher_errors(self):
        key = self.new_issue()
        alana = self.as_user("alana")
        self.assertError(alana.post("/api/v1/issues/%s/watchers" % key, {"username": "ghost"}),
                         400, "tickets.unknownUser", field="username")
        self.assertError(alana.post("/api/v1/issues/%s/watchers" % key, {"username": "customer"}),
                         400, "tickets.customerWatcher", field="username")
        self.assertError(alana.post("/api/v1/issues/%s/watchers" % key, {"user": "mitch"}),
                         400, "http.unknownField", field="user")
        self.assertError(alana.post("/api/v1/issues/%s/watchers" % key, body="mitch",
                                    content_type="application/json"),
                         400, "http.malformedJson")
        self.assertError(alana.post("/api/v1/issues/ITO-999999/watchers", {"username": "mitch"}),
                         404, "tickets.unknownIssue")
        self.assertEqual([x["username"] for x in self.watchers(key)["values"]], ["alana"])

    def test_customer_watches_own_request(self):
        cust = self.as_user("customer")
        r = cust.post("/api/v1/issues/ITO-1697/watchers")
        self.assertStatus(r, 200)
        self.assertTrue(r.json["isWatching"])
        self.assertStatus(cust.delete("/api/v1/issues/ITO-1697/watchers/customer"), 204)
        self.assertFalse(cust.get("/api/v1/issues/ITO-1697/watchers").json["isWatching"])
        self.assertError(cust.post("/api/v1/issues/ITO-2075/watchers"), 404,
                         "tickets.unknownIssue")
        self.assertError(cust.delete("/api/v1/issues/ITO-1697/watchers/alana"), 403,
                         "tickets.cannotEdit")


if __name__ == "__main__":
    unittest.main()
