"""Workflows and transitions (S3.3): available transitions, by id and by target status, illegal
transitions, conditions, post-functions, resolution handling. Fresh (non-demo) server."""

import unittest

from steward_harness import StewardTestCase


class TransitionsTest(StewardTestCase):
    ADMIN = True
    PROJECT = "TRN"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        admin = cls.as_user("admin")
        cls.admin = admin
        for path, body in (
                ("/api/v1/projects", {"key": cls.PROJECT, "name": "Transitions"}),
                ("/api/v1/fields", {"name": "Change type", "type": "select",
                                    "issueTypes": ["Change"],
                                    "options": ["Standard", "Normal", "Emergency"]}),
                ("/api/v1/users", {"username": "viewer", "displayName": "Viewer",
                                   "password": "viewer-pw"}),
                ("/api/v1/projects/%s/roles" % cls.PROJECT, {"role": "collaborator",
                                                             "user": "viewer"})):
            r = admin.post(path, body)
            if r.status != 201:
                raise AssertionError("setup failed: %r" % r)

    def create(self, issue_type="Task", **extra):
        body = {"project": self.PROJECT, "issueType": issue_type, "summary": issue_type + " x"}
        body.update(extra)
        r = self.admin.post("/api/v1/issues", body)
        self.assertStatus(r, 201)
        return r.json

    def transitions(self, key, client=None):
        r = (client or self.admin).get("/api/v1/issues/%s/transitions" % key)
        self.assertStatus(r, 200)
        return r.json["values"]

    def move(self, key, client=None, **body):
        return (client or self.admin).post("/api/v1/issues/%s/transitions" % key, body)

    def history_items(self, key, field):
        h = self.admin.get("/api/v1/issues/%s/history" % key).json["values"]
        return [(g["author"]["username"] if g["author"] else None, i)
                for g in h for i in g["items"] if i["field"] == field]

    def test_list_available(self):
        key = self.create()["key"]
        avail = self.transitions(key)
        self.assertEqual(sorted((t["name"], t["to"]["name"]) for t in avail),
                         [("Done", "Done"), ("Start progress", "Work in progress")])
        for t in avail:
            self.assertIsInstance(t["id"], int)
            self.assertEqual(t["requiredFields"], [])

    def test_transition_by_id_and_by_status_name(self):
        key = self.create()["key"]
        start = [t for t in self.transitions(key) if t["name"] == "Start progress"][0]
        r = self.move(key, id=start["id"])
        self.assertStatus(r, 200)
        self.assertEqual(r.json["status"]["name"], "Work in progress")
        self.assertEqual(r.json["status"]["category"], "in_progress")
        # Jira style {"transition": {"id": "…"}} also works.
        stop = [t for t in self.transitions(key) if t["name"] == "Stop progress"][0]
        r = self.move(key, transition={"id": str(stop["id"])})
        self.assertStatus(r, 200)
        self.assertEqual(r.json["status"]["name"], "Open")
        r = self.move(key, to="work in progress")  # names are case-insensitive
        self.assertStatus(r, 200)
        self.assertEqual(r.json["status"]["name"], "Work in progress")
        self.assertEqual(self.admin.get("/api/v1/issues/" + key).json["status"]["name"],
                         "Work in progress")
        steps = [(i["fromString"], i["toString"]) for _, i in self.history_items(key, "status")]
        self.assertEqual(steps, [("Open", "Work in progress"), ("Work in progress", "Open"),
                                 ("Open", "Work in progress")])
        self.assertEqual({a for a, _ in self.history_items(key, "status")}, {"admin"})

    def test_illegal_transition(self):
        key = self.create("Change")["key"]
        r = self.move(key, to="Implementing")
        self.assertError(r, 409, "tickets.illegalTransition", field="to")
        # A transition of the workflow that does not start from the current status.
        wf = [w for w in self.admin.get("/api/v1/workflows").json["values"]
              if w["name"] == "Change"][0]
        implement = [t for t in wf["transitions"] if t["name"] == "Implement"][0]
        self.assertError(self.move(key, id=implement["id"]), 409, "tickets.illegalTransition",
                         field="id")
        # Moving to the current status is not a transition either.
        self.assertError(self.move(key, to="Open"), 409, "tickets.illegalTransition")
        got = self.admin.get("/api/v1/issues/" + key).json
        self.assertEqual(got["status"]["name"], "Open")
        self.assertEqual(self.history_items(key, "status"), [])

    def test_unknown_status_and_transition(self):
        key = self.create()["key"]
        self.assertError(self.move(key, to="Nirvana"), 400, "tickets.unknownStatus", field="to")
        # A status of another workflow is unknown to this one.
        self.assertError(self.move(key, to="Under review"), 400, "tickets.unknownStatus",
                         field="to")
        self.assertError(self.move(key, id=999999), 400, "tickets.unknownTransition", field="id")
        self.assertError(self.move(key, id="abc"), 400, "tickets.badTransition", field="id")
        self.assertError(self.move(key, id=[1]), 400, "http.wrongType", field="id")
        self.assertError(self.move(key), 400, "tickets.transitionRequired")
        self.assertError(self.move(key, to="Done", resolution="Fixed-ish"), 400,
                         "tickets.unknownResolution", field="resolution")
        self.assertError(self.move(key, to="Done", when="now"), 400, "http.unknownField",
                         field="when")
        self.assertError(self.move("TRN-999999", to="Done"), 404, "tickets.unknownIssue")
        self.assertEqual(self.admin.get("/api/v1/issues/" + key).json["status"]["name"], "Open")

    def test_condition_failing(self):
        key = self.create("Change")["key"]
        names = [t["name"] for t in self.transitions(key)]
        self.assertIn("Plan", names)
        self.assertNotIn("Mark as standard change", names)  # condition not met: not offered
        self.assertNotIn("Expedite approval", names)
        r = self.move(key, to="Awaiting implementation")
        self.assertError(r, 409, "tickets.conditionFailed")
        self.assertIn("Change type", r.error["message"])
        # Fields given with the transition are applied before the condition is checked; when the
        # condition still fails, nothing of it may be kept.
        r = self.move(key, to="Awaiting implementation", fields={"Change type": "Normal"})
        self.assertError(r, 409, "tickets.conditionFailed")
        got = self.admin.get("/api/v1/issues/" + key).json
        self.assertIsNone(got["fields"]["Change type"], "a failed transition kept its fields")
        self.assertEqual(got["status"]["name"], "Open")
        self.assertEqual(self.admin.get("/api/v1/issues/%s/history" % key).json["values"], [])
        # Normal change: still refused.
        self.assertStatus(self.admin.patch("/api/v1/issues/" + key,
                                           {"fields": {"Change type": "Normal"}}), 200)
        self.assertError(self.move(key, to="Awaiting implementation"), 409,
                         "tickets.conditionFailed")
        # Standard change: allowed and offered.
        self.assertStatus(self.admin.patch("/api/v1/issues/" + key,
                                           {"fields": {"Change type": "Standard"}}), 200)
        self.assertIn("Mark as standard change", [t["name"] for t in self.transitions(key)])
        r = self.move(key, to="Awaiting implementation")
        self.assertStatus(r, 200)
        self.assertEqual(r.json["status"]["name"], "Awaiting implementation")

    def test_transition_with_fields(self):
        key = self.create("Change")["key"]
        r = self.move(key, to="Awaiting implementation", fields={"Change type": "Standard"})
        self.assertStatus(r, 200)
        self.assertEqual(r.json["status"]["name"], "Awaiting implementation")
        self.assertEqual(r.json["fields"]["Change type"], "Standard")
        groups = self.admin.get("/api/v1/issues/%s/history" % key).json["values"]
        self.assertEqual(len(groups), 1)
        self.assertEqual(sorted(i["field"] for i in groups[0]["items"]),
                         ["Change type", "status"])
        # Invalid field values are rejected before anything happens.
        key2 = self.create("Change")["key"]
        r = self.move(key2, to="Awaiting implementation", fields={"Change type": "Whatever"})
        self.assertError(r, 400, "tickets.badFieldValue", field="Change type")
        self.assertEqual(self.admin.get("/api/v1/issues/" + key2).json["status"]["name"], "Open")

    def test_emergency_change_expedited(self):
        key = self.create("Change", fields={"Change type": "Emergency"})["key"]
        names = [t["name"] for t in self.transitions(key)]
        self.assertIn("Expedite approval", names)
        self.assertNotIn("Mark as standard change", names)
        r = self.move(key, to="Awaiting approval")
        self.assertStatus(r, 200)
        self.assertEqual(r.json["status"]["name"], "Awaiting approval")

    def test_resolution_set_on_done_and_cleared_on_reopen(self):
        key = self.create()["key"]
        r = self.move(key, to="Done")
        self.assertStatus(r, 200)
        self.assertEqual(r.json["status"]["category"], "done")
        self.assertEqual(r.json["resolution"]["name"], "Done")
        self.assertIsNotNone(r.json["resolved"])
        r = self.move(key, to="Open")
        self.assertStatus(r, 200)
        self.assertEqual(r.json["status"]["name"], "Open")
        self.assertIsNone(r.json["resolution"])
        self.assertIsNone(r.json["resolved"])
        got = self.admin.get("/api/v1/issues/" + key).json
        self.assertIsNone(got["resolution"])
        self.assertIsNone(got["resolved"])
        res = [(i["fromString"], i["toString"]) for _, i in self.history_items(key, "resolution")]
        self.assertEqual(res, [(None, "Done"), ("Done", None)])
        # An explicit resolution wins.
        r = self.move(key, to="Done", resolution="Won't Do")
        self.assertEqual(r.json["resolution"]["name"], "Won't Do")

    def test_post_function_resolution_and_assign(self):
        key = self.create("Change", fields={"Change type": "Normal"})["key"]
        for to in ("Planning", "Awaiting approval"):
            self.assertStatus(self.move(key, to=to), 200)
        r = self.move(key, to="Canceled")  # "Decline" sets the resolution Declined
        self.assertStatus(r, 200)
        self.assertEqual(r.json["resolution"]["name"], "Declined")
        req = self.create("Service request")
        self.assertEqual(req["status"]["name"], "Waiting for support")
        self.assertIsNone(req["assignee"])
        r = self.move(req["key"], to="In progress")  # "Start work" assigns the current user
        self.assertStatus(r, 200)
        self.assertEqual(r.json["assignee"]["username"], "admin")
        r = self.move(req["key"], to="Resolved")
        self.assertEqual(r.json["resolution"]["name"], "Done")
        r = self.move(req["key"], to="Waiting for support")  # Reopen
        self.assertIsNone(r.json["resolution"])

    def test_incident_workflow(self):
        key = self.create("Incident")["key"]
        for to in ("Requires triage", "Investigating", "Pending review", "Resolved", "Closed"):
            r = self.move(key, to=to)
            self.assertStatus(r, 200)
            self.assertEqual(r.json["status"]["name"], to)
        self.assertEqual(self.transitions(key), [])  # Closed is final
        self.assertError(self.move(key, to="Investigating"), 409, "tickets.illegalTransition")

    def test_transition_with_comment(self):
        key = self.create()["key"]
        r = self.move(key, to="Done", comment={"body": "closing this", "internal": False})
        self.assertStatus(r, 200)
        comments = self.admin.get("/api/v1/issues/%s/comments" % key).json["values"]
        self.assertEqual([(c["body"], c["internal"]) for c in comments], [("closing this", False)])
        self.assertError(self.move(key, to="Open", comment={"text": "x"}), 400,
                         "http.unknownField", field="comment.text")
        self.assertError(self.move(key, to="Open", comment="x"), 400, "http.wrongType",
                         field="comment")
        self.assertEqual(self.admin.get("/api/v1/issues/" + key).json["status"]["name"], "Done")

    def test_collaborator_cannot_transition(self):
        viewer = self.as_user("viewer", "viewer-pw")
        key = self.create()["key"]
        self.assertStatus(viewer.get("/api/v1/issues/" + key), 200)
        self.assertEqual(self.transitions(key, viewer), [])
        self.assertError(self.move(key, viewer, to="Done"), 403, "tickets.cannotEdit")
        self.assertError(viewer.patch("/api/v1/issues/" + key, {"summary": "x"}), 403,
                         "tickets.cannotEdit")
        self.assertEqual(self.admin.get("/api/v1/issues/" + key).json["status"]["name"], "Open")


if __name__ == "__main__":
    unittest.main()
