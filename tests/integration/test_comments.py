"""Comments (S3.6): internal notes vs replies to customers, @mentions, edit and delete with
history. Demo server: ITO-2076 is reported by "customer" and has a public reply from Paul."""

import unittest

from steward_harness import StewardTestCase


class CommentsTest(StewardTestCase):
    DEMO = True

    def comments(self, client, key):
        r = client.get("/api/v1/issues/%s/comments" % key)
        self.assertStatus(r, 200)
        return r.json["values"]

    def new_request(self, summary="Laptop will not boot"):
        """A request reported by the customer, so the customer can see it."""
        r = self.as_user("alana").post("/api/v1/issues", {
            "project": "ITO", "issueType": "Service request", "summary": summary,
            "reporter": "customer"})
        self.assertStatus(r, 201)
        return r.json["key"]

    def test_customer_sees_public_reply_but_no_internal_notes(self):
        cust = self.as_user("customer")
        seen = self.comments(cust, "ITO-2076")
        self.assertTrue(any(c["author"]["username"] == "paul" and not c["internal"] and
                            "Thanks for reporting this" in c["body"] for c in seen), seen)
        self.assertTrue(all(not c["internal"] for c in seen))
        alana = self.as_user("alana")
        r = alana.post("/api/v1/issues/ITO-2076/comments",
                       {"body": "Internal: card processor BIN range misconfigured",
                        "internal": True})
        self.assertStatus(r, 201)
        note = r.json
        self.assertTrue(note["internal"])
        self.assertEqual(note["author"]["username"], "alana")
        staff_view = self.comments(alana, "ITO-2076")
        self.assertIn(note["id"], [c["id"] for c in staff_view])
        cust_view = self.comments(cust, "ITO-2076")
        self.assertNotIn(note["id"], [c["id"] for c in cust_view])
        self.assertNotIn("BIN range", cust.get("/api/v1/issues/ITO-2076/comments").body.decode())
        self.assertNotIn("BIN range", cust.get("/api/v1/issues/ITO-2076").body.decode())
        self.assertNotIn("BIN range",
                         cust.get("/api/v1/issues/ITO-2076/history").body.decode())

    def test_staff_comments_default_to_internal(self):
        key = self.new_request()
        r = self.as_user("mitch").post("/api/v1/issues/%s/comments" % key,
                                       {"body": "default visibility"})
        self.assertStatus(r, 201)
        self.assertTrue(r.json["internal"])
        r = self.as_user("mitch").post("/api/v1/issues/%s/comments" % key,
                                       {"body": "We have ordered a replacement.",
                                        "internal": False})
        self.assertStatus(r, 201)
        self.assertFalse(r.json["internal"])
        bodies = [c["body"] for c in self.comments(self.as_user("customer"), key)]
        self.assertEqual(bodies, ["We have ordered a replacement."])

    def test_customer_comments(self):
        key = self.new_request("Monitor flickers")
        cust = self.as_user("customer")
        r = cust.post("/api/v1/issues/%s/comments" % key, {"body": "It flickers again",
                                                          "internal": True})
        self.assertError(r, 403, "tickets.customerInternal")
        r = cust.post("/api/v1/issues/%s/comments" % key, {"body": "It flickers again"})
        self.assertStatus(r, 201)
        self.assertFalse(r.json["internal"])
        self.assertEqual(r.json["author"]["username"], "customer")
        # The rejected internal one was not stored.
        bodies = [c["body"] for c in self.comments(self.as_user("alana"), key)]
        self.assertEqual(bodies, ["It flickers again"])
        # A customer cannot edit an agent's reply, or make their own comment internal.
        agent_reply = self.as_user("alana").post("/api/v1/issues/%s/comments" % key,
                                                 {"body": "Try another cable",
                                                  "internal": False}).json
        self.assertError(cust.patch("/api/v1/issues/%s/comments/%d" % (key, agent_reply["id"]),
                                    {"body": "edited by customer"}), 403,
                         "tickets.notYourComment")
        self.assertError(cust.delete("/api/v1/issues/%s/comments/%d" % (key, agent_reply["id"])),
                         403, "tickets.notYourComment")
        self.assertError(cust.patch("/api/v1/issues/%s/comments/%d" % (key, r.json["id"]),
                                    {"internal": True}), 403, "tickets.customerInternal")
        # …nor touch an internal note (it does not exist for them).
        note = self.as_user("alana").post("/api/v1/issues/%s/comments" % key,
                                          {"body": "internal only", "internal": True}).json
        self.assertError(cust.patch("/api/v1/issues/%s/comments/%d" % (key, note["id"]),
                                    {"body": "x"}), 404, "tickets.unknownComment")
        self.assertError(cust.delete("/api/v1/issues/%s/comments/%d" % (key, note["id"])), 404,
                         "tickets.unknownComment")
        # Customer cannot comment on somebody else's issue.
        self.assertError(cust.post("/api/v1/issues/ITO-2075/comments", {"body": "hello?"}), 404,
                         "tickets.unknownIssue")
        self.assertError(cust.get("/api/v1/issues/ITO-2075/comments"), 404,
                         "tickets.unknownIssue")

    def test_mentions_record_and_add_watchers(self):
        key = self.new_request("Shared drive is full")
        alana = self.as_user("alana")
        before = alana.get("/api/v1/issues/%s/watchers" % key).json["values"]
        self.assertNotIn("mitch", [w["username"] for w in before])
        r = alana.post("/api/v1/issues/%s/comments" % key,
                       {"body": "@mitch can you extend the quota? cc [~jennifer]. "
                                "Not a mention: foo@paul, nor @nobody-at-all."})
        self.assertStatus(r, 201)
        self.assertEqual(sorted(r.json["mentions"]), ["jennifer", "mitch"])
        watchers = [w["username"] for w in
                    alana.get("/api/v1/issues/%s/watchers" % key).json["values"]]
        self.assertIn("mitch", watchers)
        self.assertIn("jennifer", watchers)
        self.assertNotIn("paul", watchers)
        # Mentions via an edit count too.
        r = alana.patch("/api/v1/issues/%s/comments/%d" % (key, r.json["id"]),
                        {"body": "@paul please take over"})
        self.assertStatus(r, 200)
        watchers = [w["username"] for w in
                    alana.get("/api/v1/issues/%s/watchers" % key).json["values"]]
        self.assertIn("paul", watchers)

    def test_edit_and_delete_keep_history(self):
        key = self.new_request("VPN drops")
        mitch = self.as_user("mitch")
        c = mitch.post("/api/v1/issues/%s/comments" % key,
                       {"body": "first words", "internal": False}).json
        r = mitch.patch("/api/v1/issues/%s/comments/%d" % (key, c["id"]), {"body": "second words"})
        self.assertStatus(r, 200)
        self.assertEqual(r.json["body"], "second words")
        self.assertFalse(r.json["internal"])
        self.assertEqual([x["body"] for x in self.comments(mitch, key)], ["second words"])
        self.assertStatus(mitch.delete("/api/v1/issues/%s/comments/%d" % (key, c["id"])), 204)
        self.assertEqual(self.comments(mitch, key), [])
        self.assertError(mitch.delete("/api/v1/issues/%s/comments/%d" % (key, c["id"])), 404,
                         "tickets.unknownComment")
        self.assertError(mitch.patch("/api/v1/issues/%s/comments/%d" % (key, c["id"]),
                                     {"body": "zombie"}), 404, "tickets.unknownComment")
        h = mitch.get("/api/v1/issues/%s/history" % key).json["values"]
        items = [(g["author"]["username"], i) for g in h for i in g["items"]
                 if i["field"] == "comment"]
        self.assertEqual(len(items), 2, h)
        (a1, edit), (a2, delete) = items
        self.assertEqual((a1, edit["fromString"], edit["toString"]),
                         ("mitch", "first words", "second words"))
        self.assertEqual((a2, delete["fromString"], delete["toString"]),
                         ("mitch", "second words", None))
        # The customer sees the history of public comments.
        cust_items = [i for g in self.as_user("customer").get(
            "/api/v1/issues/%s/history" % key).json["values"] for i in g["items"]
            if i["field"] == "comment"]
        self.assertEqual(len(cust_items), 2)

    def test_history_of_internal_notes_hidden_from_customer(self):
        key = self.new_request("Mailbox quota")
        alana = self.as_user("alana")
        note = alana.post("/api/v1/issues/%s/comments" % key,
                          {"body": "secret-one", "internal": True}).json
        self.assertStatus(alana.patch("/api/v1/issues/%s/comments/%d" % (key, note["id"]),
                                      {"body": "secret-two"}), 200)
        self.assertStatus(alana.delete("/api/v1/issues/%s/comments/%d" % (key, note["id"])), 204)
        staff = alana.get("/api/v1/issues/%s/history" % key).body.decode()
        self.assertIn("secret-two", staff)
        cust = self.as_user("customer").get("/api/v1/issues/%s/history" % key)
        self.assertStatus(cust, 200)
        self.assertNotIn("secret", cust.body.decode())

    def test_comment_validation(self):
        alana = self.as_user("alana")
        self.assertError(alana.post("/api/v1/issues/ITO-2076/comments", {}), 400,
                         "http.missingField", field="body")
        self.assertError(alana.post("/api/v1/issues/ITO-2076/comments", {"body": "  "}), 400,
                         "http.emptyField", field="body")
        self.assertError(alana.post("/api/v1/issues/ITO-2076/comments",
                                    {"body": "x", "internal": "yes"}), 400, "http.wrongType",
                         field="internal")
        self.assertError(alana.post("/api/v1/issues/ITO-2076/comments",
                                    {"body": "x", "visibility": "all"}), 400, "http.unknownField",
                         field="visibility")
        self.assertError(alana.post("/api/v1/issues/ITO-9999/comments", {"body": "x"}), 404,
                         "tickets.unknownIssue")
        self.assertError(alana.patch("/api/v1/issues/ITO-2076/comments/999999", {"body": "x"}),
                         404, "tickets.unknownComment")
        self.assertError(alana.patch("/api/v1/issues/ITO-2076/comments/abc", {"body": "x"}),
                         404, "http.badId")
        # A comment id of another issue is not found through this issue.
        other = alana.post("/api/v1/issues/ITO-2052/comments", {"body": "on 2052"}).json
        self.assertError(alana.patch("/api/v1/issues/ITO-2076/comments/%d" % other["id"],
                                     {"body": "moved?"}), 404, "tickets.unknownComment")


if __name__ == "__main__":
    unittest.main()
