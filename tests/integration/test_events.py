"""Every change writes its event row in the same transaction (the outbox later modules consume)."""

import unittest

from steward_harness import StewardTestCase, make_png


class EventsTest(StewardTestCase):
    DEMO = True

    def topics_for(self, key):
        db = self.server.db()
        try:
            rows = db.execute(
                "SELECT e.topic FROM events e JOIN issues i ON i.id = e.issue_id "
                "WHERE i.key = ? ORDER BY e.id", (key,)).fetchall()
        finally:
            db.close()
        return [r[0] for r in rows]

    def test_changes_write_events(self):
        alana = self.as_user("alana")
        r = alana.post("/api/v1/issues", {"project": "ITO", "issueType": "Incident",
                                          "summary": "Events check"})
        self.assertStatus(r, 201)
        key = r.json["key"]
        c = alana.post("/api/v1/issues/%s/comments" % key, {"body": "note for @mitch"})
        self.assertStatus(c, 201)
        self.assertStatus(alana.patch("/api/v1/issues/%s/comments/%d" % (key, c.json["id"]),
                                      {"body": "edited"}), 200)
        self.assertStatus(alana.patch("/api/v1/issues/" + key, {"priority": "High"}), 200)
        link = alana.post("/api/v1/issues/%s/links" % key, {"type": "relates to", "issue": "ITO-2075"})
        self.assertStatus(link, 201)
        self.assertStatus(alana.delete("/api/v1/links/%d" % link.json["id"]), 204)
        att = alana.request("POST", "/api/v1/issues/%s/attachments?filename=a.png" % key,
                            body=make_png(), headers={"Content-Type": "application/octet-stream"})
        self.assertStatus(att, 201)
        self.assertStatus(alana.post("/api/v1/issues/%s/transitions" % key,
                                     {"to": "Investigating",
                                      "comment": {"body": "on it, @paul", "internal": True}}), 200)
        self.assertEqual(self.topics_for(key), [
            "issue.created", "comment.created", "comment.updated", "issue.updated",
            "link.created", "link.deleted", "attachment.created", "issue.transitioned",
            "comment.created"])

    def test_transition_comment_records_mentions(self):
        alana = self.as_user("alana")
        r = alana.post("/api/v1/issues", {"project": "ITO", "issueType": "Task", "summary": "T"})
        key = r.json["key"]
        self.assertStatus(alana.post("/api/v1/issues/%s/transitions" % key,
                                     {"to": "Work in progress",
                                      "comment": {"body": "handing to @jennifer"}}), 200)
        watchers = alana.get("/api/v1/issues/%s/watchers" % key).json
        self.assertIn("jennifer", [w["username"] for w in watchers["values"]])


if __name__ == "__main__":
    unittest.main()
