"""Issues (S3): create, read, update with history, custom fields of every type, validation,
sub-tasks and labels. A fresh (non-demo) server with an admin made by `steward user add`."""

import unittest

from steward_harness import StewardTestCase, key_number


class IssuesTest(StewardTestCase):
    ADMIN = True
    PROJECT = "ISS"

    # name, type, value to store, expected rendering, invalid values
    FIELDS = [
        ("F text", "text", "hello world", "hello world", [123, "x" * 256, {"a": 1}]),
        ("F paragraph", "paragraph", "line one\nline two", "line one\nline two",
         [["a"], 1.5, "x" * 40000]),
        ("F number", "number", 42.5, 42.5, ["42", True, "abc"]),
        ("F date", "date", "2026-03-25", "2026-03-25", ["25/03/2026", "2026-13-01", 20260325,
                                                        "yesterday"]),
        ("F datetime", "datetime", "2026-03-25T20:30:00Z", "2026-03-25T20:30:00.000Z",
         ["2026-03-25 8:30pm", "tomorrow", 1774470600000]),
        ("F select", "select", "green", "Green", ["Purple", 3, ["Red"]]),
        ("F multiselect", "multiselect", ["Red", "Blue"], ["Red", "Blue"],
         ["Red", ["Red", "Purple"], [1]]),
        ("F yesno", "yesno", True, True, ["maybe", 1, ["yes"]]),
        ("F user", "user", "agent1", {"username": "agent1", "displayName": "Agent One"},
         ["ghost", 5, ["agent1"]]),
        ("F multiuser", "multiuser", ["agent1", "admin"],
         [{"username": "agent1", "displayName": "Agent One"},
          {"username": "admin", "displayName": "Admin Istrator"}],
         ["agent1", ["ghost"], [7]]),
        ("F team", "team", "Ops Team", None, ["No Such Team", True, ["Ops Team"]]),
        ("F url", "url", "https://example.com/a?b=c", "https://example.com/a?b=c",
         ["ftp://example.com", "javascript:alert(1)", "https://exa mple.com", 5]),
    ]

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        admin = cls.as_user("admin")
        cls.admin = admin

        def ok(r, status=201):
            if r.status != status:
                raise AssertionError("setup failed: %r" % r)
            return r.json

        ok(admin.post("/api/v1/projects", {"key": cls.PROJECT, "name": "Issues"}))
        ok(admin.post("/api/v1/users", {"username": "agent1", "displayName": "Agent One",
                                        "password": "agent1-pw"}))
        ok(admin.post("/api/v1/users", {"username": "agent2", "displayName": "Agent Two",
                                        "password": "agent2-pw"}))
        ok(admin.post("/api/v1/users", {"username": "cust1", "displayName": "Customer One",
                                        "kind": "customer", "password": "cust1-pw"}))
        ok(admin.post("/api/v1/projects/%s/roles" % cls.PROJECT, {"role": "agent",
                                                                  "user": "agent1"}))
        ok(admin.post("/api/v1/projects/%s/roles" % cls.PROJECT, {"role": "agent",
                                                                  "user": "agent2"}))
        cls.team = ok(admin.post("/api/v1/teams", {"name": "Ops Team", "members": ["agent1"]}))
        cls.field_ids = {}
        for name, ftype, _, _, _ in cls.FIELDS:
            body = {"name": name, "type": ftype, "description": "test field " + ftype}
            if ftype in ("select", "multiselect"):
                body["options"] = ["Red", "Green", "Blue"]
            cls.field_ids[name] = ok(admin.post("/api/v1/fields", body))["id"]
        ok(admin.post("/api/v1/fields", {"name": "Change only", "type": "text",
                                         "issueTypes": ["Change"]}))

    def create(self, client=None, **body):
        payload = {"project": self.PROJECT, "issueType": "Task", "summary": "an issue"}
        payload.update(body)
        return (client or self.admin).post("/api/v1/issues", payload)

    def created(self, client=None, **body):
        r = self.create(client, **body)
        self.assertStatus(r, 201)
        return r.json

    # -- create / read --------------------------------------------------------------------------
    def test_create_and_get(self):
        r = self.create(summary="  Printer on floor 3 is jammed  ",
                        description="Paper jam again", priority="High", assignee="agent1",
                        labels=["hardware", "floor-3"], dueDate="2026-12-24")
        self.assertStatus(r, 201)
        issue = r.json
        self.assertRegex(issue["key"], r"^ISS-\d+$")
        self.assertEqual(issue["project"]["key"], "ISS")
        self.assertEqual(issue["issueType"]["name"], "Task")
        self.assertEqual(issue["summary"], "Printer on floor 3 is jammed")
        self.assertEqual(issue["description"], "Paper jam again")
        self.assertEqual(issue["status"]["name"], "Open")
        self.assertEqual(issue["status"]["category"], "todo")
        self.assertEqual(issue["priority"]["name"], "High")
        self.assertEqual(issue["assignee"]["username"], "agent1")
        self.assertEqual(issue["reporter"]["username"], "admin")
        self.assertEqual(issue["labels"], ["floor-3", "hardware"])
        self.assertEqual(issue["dueDate"], "2026-12-24")
        self.assertIsNone(issue["resolution"])
        self.assertIsNone(issue["resolved"])
        self.assertEqual(issue["watcherCount"], 1)
        got = self.admin.get("/api/v1/issues/" + issue["key"])
        self.assertStatus(got, 200)
        for k in ("key", "summary", "description", "status", "priority", "assignee", "reporter",
                  "labels", "dueDate", "created"):
            self.assertEqual(got.json[k], issue[k], k)
        # Keys are case-insensitive.
        self.assertStatus(self.admin.get("/api/v1/issues/" + issue["key"].lower()), 200)

    def test_default_priority_is_medium(self):
        self.assertEqual(self.created()["priority"]["name"], "Medium")

    def test_sequential_keys(self):
        a = self.created(summary="first")
        b = self.created(summary="second")
        c = self.created(client=self.as_user("agent1", "agent1-pw"), summary="third")
        self.assertEqual(key_number(b["key"]), key_number(a["key"]) + 1)
        self.assertEqual(key_number(c["key"]), key_number(b["key"]) + 1)

    def test_unicode_and_time_zone_round_trip(self):
        summary = "Ünïcødé ✓ 中文 🚀 \"quoted\" <b>not html</b>"
        issue = self.created(summary=summary, description="naïve café\nsecond line",
                             fields={"F datetime": "2026-03-25T20:30:00+02:00",
                                     "F text": "日本語"})
        got = self.admin.get("/api/v1/issues/" + issue["key"]).json
        self.assertEqual(got["summary"], summary)
        self.assertEqual(got["description"], "naïve café\nsecond line")
        self.assertEqual(got["fields"]["F text"], "日本語")
        # Date-times are normalised to UTC.
        self.assertEqual(got["fields"]["F datetime"], "2026-03-25T18:30:00.000Z")
        self.assertRegex(got["created"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")

    def test_unknown_issue(self):
        self.assertError(self.admin.get("/api/v1/issues/ISS-999999"), 404, "tickets.unknownIssue")
        self.assertError(self.admin.get("/api/v1/issues/NOPE-1"), 404, "tickets.unknownIssue")
        self.assertError(self.admin.patch("/api/v1/issues/ISS-999999", {"summary": "x"}), 404,
                         "tickets.unknownIssue")

    # -- validation -----------------------------------------------------------------------------
    def test_create_validation(self):
        base = {"project": "ISS", "issueType": "Task", "summary": "s"}
        cases = [
            (dict(base, bogus=1), "http.unknownField", "bogus"),
            (dict(base, fields={"No such field": 1}), "tickets.unknownField", "No such field"),
            (dict(base, summary=123), "http.wrongType", "summary"),
            (dict(base, labels="a"), "http.wrongType", "labels"),
            (dict(base, labels=[1]), "http.wrongType", "labels[]"),
            (dict(base, fields=[]), "http.wrongType", "fields"),
            (dict(base, priority=1), "http.wrongType", "priority"),
            (dict(base, description=False), "http.wrongType", "description"),
            ({"project": "ISS", "issueType": "Task"}, "http.missingField", "summary"),
            (dict(base, summary="   "), "http.emptyField", "summary"),
            (dict(base, summary="x" * 256), "http.tooLong", "summary"),
            ({"issueType": "Task", "summary": "s"}, "http.missingField", "project"),
            ({"project": "ISS", "summary": "s"}, "http.missingField", "issueType"),
            (dict(base, issueType="Epic"), "tickets.unknownIssueType", "issueType"),
            (dict(base, project="NOPE"), "tickets.unknownProject", "project"),
            (dict(base, priority="Urgentest"), "tickets.unknownPriority", "priority"),
            (dict(base, assignee="ghost"), "tickets.unknownUser", "assignee"),
            (dict(base, assignee="cust1"), "tickets.badAssignee", "assignee"),
            (dict(base, reporter="ghost"), "tickets.unknownUser", "reporter"),
            (dict(base, dueDate="24/12/2026"), "tickets.badDate", "dueDate"),
            (dict(base, labels=["two words"]), "tickets.badLabel", "labels"),
            (dict(base, components=["Nope"]), "tickets.unknownComponent", "components"),
            (dict(base, organizations=["Nope"]), "tickets.unknownOrganization", "organizations"),
            (dict(base, requestParticipants=["ghost"]), "tickets.unknownUser",
             "requestParticipants"),
            (dict(base, fields={"Change only": "x"}), "tickets.fieldNotApplicable",
             "Change only"),
        ]
        before = self.created(summary="before validation")["key"]
        for body, code, field in cases:
            with self.subTest(body=body):
                self.assertError(self.admin.post("/api/v1/issues", body), 400, code, field=field)
        after = self.created(summary="after validation")["key"]
        # None of the rejected creates consumed a key (other tests may create in between, so
        # check the database instead of only the numbers).
        db = self.server.db()
        try:
            n = db.execute("SELECT count(*) FROM issues WHERE summary IN ('s', '   ')").fetchone()[0]
        finally:
            db.close()
        self.assertEqual(n, 0)
        self.assertGreater(key_number(after), key_number(before))

    def test_patch_status_is_refused(self):
        key = self.created()["key"]
        self.assertError(self.admin.patch("/api/v1/issues/" + key, {"status": "Done"}), 400,
                         "tickets.useTransitions", field="status")
        self.assertError(self.admin.patch("/api/v1/issues/" + key, {"summary": "x",
                                                                    "status": "Done"}),
                         400, "tickets.useTransitions", field="status")
        got = self.admin.get("/api/v1/issues/" + key).json
        self.assertEqual(got["status"]["name"], "Open")
        self.assertEqual(got["summary"], "an issue")
        self.assertError(self.admin.patch("/api/v1/issues/" + key, {"project": "ITO"}), 400,
                         "tickets.immutableField")
        self.assertError(self.admin.patch("/api/v1/issues/" + key, {"issueType": "Change"}), 400,
                         "tickets.immutableField")
        self.assertError(self.admin.patch("/api/v1/issues/" + key, {"votes": 1}), 400,
                         "http.unknownField", field="votes")

    # -- update and history ---------------------------------------------------------------------
    def test_patch_records_history(self):
        issue = self.created(summary="Old summary", priority="Low")
        key = issue["key"]
        r = self.admin.patch("/api/v1/issues/" + key, {"summary": "New summary",
                                                       "priority": "High",
                                                       "assignee": "agent1",
                                                       "description": "now described"})
        self.assertStatus(r, 200)
        self.assertEqual(r.json["summary"], "New summary")
        self.assertEqual(r.json["priority"]["name"], "High")
        self.assertEqual(r.json["assignee"]["username"], "agent1")
        agent2 = self.as_user("agent2", "agent2-pw")
        self.assertStatus(agent2.patch("/api/v1/issues/" + key, {"assignee": None,
                                                                 "fields": {"F text": "v1"}}),
                          200)
        h = self.admin.get("/api/v1/issues/%s/history" % key)
        self.assertStatus(h, 200)
        groups = h.json["values"]
        self.assertEqual(len(groups), 2, groups)
        first, second = groups
        self.assertEqual(first["author"]["username"], "admin")
        self.assertTrue(first["created"])
        items = {i["field"]: i for i in first["items"]}
        self.assertEqual(items["summary"]["fromString"], "Old summary")
        self.assertEqual(items["summary"]["toString"], "New summary")
        self.assertEqual(items["priority"]["fromString"], "Low")
        self.assertEqual(items["priority"]["toString"], "High")
        self.assertIsNone(items["assignee"]["fromString"])
        self.assertEqual(items["assignee"]["to"], "agent1")
        self.assertEqual(items["assignee"]["toString"], "Agent One")
        self.assertEqual(items["description"]["toString"], "now described")
        self.assertEqual(second["author"]["username"], "agent2")
        items = {i["field"]: i for i in second["items"]}
        self.assertEqual(items["assignee"]["from"], "agent1")
        self.assertIsNone(items["assignee"]["to"])
        self.assertIsNone(items["F text"]["fromString"])
        self.assertEqual(items["F text"]["toString"], "v1")
        # A no-op PATCH writes no history and does not touch "updated".
        before = self.admin.get("/api/v1/issues/" + key).json["updated"]
        self.assertStatus(self.admin.patch("/api/v1/issues/" + key, {"summary": "New summary"}),
                          200)
        self.assertEqual(len(self.admin.get("/api/v1/issues/%s/history" % key).json["values"]), 2)
        self.assertEqual(self.admin.get("/api/v1/issues/" + key).json["updated"], before)

    def test_failed_patch_changes_nothing(self):
        issue = self.created(summary="Stable")
        key = issue["key"]
        r = self.admin.patch("/api/v1/issues/" + key, {"summary": "Changed",
                                                       "fields": {"F number": "NaN"}})
        self.assertError(r, 400, "tickets.badFieldValue", field="F number")
        got = self.admin.get("/api/v1/issues/" + key).json
        self.assertEqual(got["summary"], "Stable")
        self.assertEqual(self.admin.get("/api/v1/issues/%s/history" % key).json["values"], [])

    # -- custom fields --------------------------------------------------------------------------
    def test_custom_fields_valid_values(self):
        fields = {name: value for name, _, value, _, _ in self.FIELDS}
        r = self.create(fields=fields)
        self.assertStatus(r, 201)
        for issue in (r.json, self.admin.get("/api/v1/issues/" + r.json["key"]).json):
            got = issue["fields"]
            for name, ftype, _, expected, _ in self.FIELDS:
                with self.subTest(field=name):
                    if ftype == "team":
                        self.assertEqual(got[name], {"id": self.team["id"], "name": "Ops Team"})
                    else:
                        self.assertEqual(got[name], expected)
            self.assertNotIn("Change only", got)  # applies to changes only

    def test_custom_fields_invalid_values(self):
        key = self.created(summary="field target")["key"]
        for name, _, _, _, invalid in self.FIELDS:
            for bad in invalid:
                with self.subTest(field=name, value=bad):
                    r = self.create(fields={name: bad})
                    self.assertError(r, 400, "tickets.badFieldValue", field=name)
                    r = self.admin.patch("/api/v1/issues/" + key, {"fields": {name: bad}})
                    self.assertError(r, 400, "tickets.badFieldValue", field=name)
        got = self.admin.get("/api/v1/issues/" + key).json["fields"]
        for name, ftype, _, _, _ in self.FIELDS:
            self.assertEqual(got[name], [] if ftype in ("multiselect", "multiuser") else None)

    def test_custom_field_by_id_and_clear(self):
        fid = self.field_ids["F text"]
        key = self.created(fields={"cf[%d]" % fid: "by cf"})["key"]
        self.assertEqual(self.admin.get("/api/v1/issues/" + key).json["fields"]["F text"], "by cf")
        r = self.admin.patch("/api/v1/issues/" + key,
                             {"fields": {"customfield_%d" % fid: "by customfield"}})
        self.assertStatus(r, 200)
        self.assertEqual(r.json["fields"]["F text"], "by customfield")
        r = self.admin.patch("/api/v1/issues/" + key, {"fields": {"F text": None}})
        self.assertStatus(r, 200)
        self.assertIsNone(r.json["fields"]["F text"])
        self.assertError(self.admin.patch("/api/v1/issues/" + key,
                                          {"fields": {"cf[999999]": "x"}}),
                         400, "tickets.unknownField", field="cf[999999]")

    def test_field_definitions(self):
        r = self.admin.get("/api/v1/fields")
        self.assertStatus(r, 200)
        by_name = {f["name"]: f for f in r.json["values"]}
        self.assertIn("summary", by_name)
        self.assertFalse(by_name["summary"]["custom"])
        for name, ftype, _, _, _ in self.FIELDS:
            self.assertEqual(by_name[name]["type"], ftype)
            self.assertTrue(by_name[name]["custom"])
        self.assertEqual([o["value"] for o in by_name["F select"]["options"]],
                         ["Red", "Green", "Blue"])
        self.assertEqual(by_name["Change only"]["issueTypes"], ["Change"])

    def test_field_creation_validation(self):
        admin = self.admin
        self.assertError(admin.post("/api/v1/fields", {"name": "Bad type", "type": "blob"}), 400,
                         "tickets.unknownFieldType", field="type")
        self.assertError(admin.post("/api/v1/fields", {"name": "No options", "type": "select"}),
                         400, "tickets.optionsRequired", field="options")
        self.assertError(admin.post("/api/v1/fields", {"name": "Text opts", "type": "text",
                                                       "options": ["a"]}),
                         400, "tickets.optionsNotAllowed", field="options")
        self.assertError(admin.post("/api/v1/fields", {"name": "f TEXT", "type": "text"}), 409,
                         "tickets.fieldExists", field="name")
        self.assertError(admin.post("/api/v1/fields", {"name": "Summary", "type": "text"}), 409,
                         "tickets.fieldExists", field="name")
        self.assertError(admin.post("/api/v1/fields", {"name": "Typed", "type": "text",
                                                       "issueTypes": ["Epic"]}),
                         400, "tickets.unknownIssueType", field="issueTypes")
        self.assertError(admin.post("/api/v1/fields", {"name": "Empty opt", "type": "select",
                                                       "options": ["a", " "]}),
                         400, "tickets.badOption", field="options")
        self.assertError(self.as_user("agent1", "agent1-pw").post(
            "/api/v1/fields", {"name": "Agent field", "type": "text"}), 403, "tickets.adminOnly")
        names = [f["name"] for f in admin.get("/api/v1/fields").json["values"]]
        for n in ("Bad type", "No options", "Text opts", "Typed", "Empty opt", "Agent field"):
            self.assertNotIn(n, names)

    def test_add_field_options(self):
        r = self.admin.post("/api/v1/fields", {"name": "Colour", "type": "select",
                                               "options": ["Red"]})
        self.assertStatus(r, 201)
        r = self.admin.post("/api/v1/fields/Colour/options", {"options": ["Teal"]})
        self.assertStatus(r, 200)
        self.assertEqual([o["value"] for o in r.json["options"]], ["Red", "Teal"])
        self.assertEqual(self.created(fields={"Colour": "Teal"})["fields"]["Colour"], "Teal")
        self.assertError(self.admin.post("/api/v1/fields/No%20such/options", {"options": ["x"]}),
                         404, "tickets.unknownField")

    # -- sub-tasks and labels ---------------------------------------------------------------------
    def test_subtasks_need_a_parent_and_count_progress(self):
        self.assertError(self.create(issueType="Sub-task"), 400, "tickets.parentRequired",
                         field="parent")
        parent = self.created(summary="parent task")
        self.assertEqual(parent["subtaskProgress"], {"done": 0, "total": 0, "percent": 0})
        self.assertError(self.create(parent=parent["key"]), 400, "tickets.parentNotAllowed",
                         field="parent")
        s1 = self.created(issueType="Sub-task", parent=parent["key"], summary="step one")
        s2 = self.created(issueType="Sub-task", parent=parent["key"], summary="step two")
        self.assertEqual(s1["parent"]["key"], parent["key"])
        self.assertEqual(s1["issueType"]["name"], "Sub-task")
        self.assertTrue(s1["issueType"]["subtask"])
        self.assertError(self.create(issueType="Sub-task", parent=s1["key"]), 400,
                         "tickets.nestedSubtask", field="parent")
        self.assertError(self.create(issueType="Sub-task", parent="ISS-999999"), 400,
                         "tickets.unknownParent", field="parent")
        got = self.admin.get("/api/v1/issues/" + parent["key"]).json
        self.assertEqual([s["key"] for s in got["subtasks"]], [s1["key"], s2["key"]])
        self.assertEqual(got["subtaskProgress"], {"done": 0, "total": 2, "percent": 0})
        r = self.admin.post("/api/v1/issues/%s/transitions" % s1["key"], {"to": "Done"})
        self.assertStatus(r, 200)
        got = self.admin.get("/api/v1/issues/" + parent["key"]).json
        self.assertEqual(got["subtaskProgress"], {"done": 1, "total": 2, "percent": 50})
        self.assertEqual(got["subtasks"][0]["status"]["name"], "Done")
        self.assertStatus(self.admin.post("/api/v1/issues/%s/transitions" % s2["key"],
                                          {"to": "Done"}), 200)
        got = self.admin.get("/api/v1/issues/" + parent["key"]).json
        self.assertEqual(got["subtaskProgress"]["percent"], 100)

    def test_labels(self):
        issue = self.created(labels=["db", "urgent", "db"])
        self.assertEqual(issue["labels"], ["db", "urgent"])
        key = issue["key"]
        r = self.admin.patch("/api/v1/issues/" + key, {"labels": ["network"]})
        self.assertStatus(r, 200)
        self.assertEqual(r.json["labels"], ["network"])
        self.assertError(self.admin.patch("/api/v1/issues/" + key, {"labels": ["has space"]}),
                         400, "tickets.badLabel", field="labels")
        self.assertError(self.admin.patch("/api/v1/issues/" + key, {"labels": [""]}), 400,
                         "tickets.badLabel", field="labels")
        self.assertEqual(self.admin.get("/api/v1/issues/" + key).json["labels"], ["network"])
        r = self.admin.patch("/api/v1/issues/" + key, {"labels": []})
        self.assertEqual(r.json["labels"], [])
        items = [i for g in self.admin.get("/api/v1/issues/%s/history" % key).json["values"]
                 for i in g["items"] if i["field"] == "labels"]
        self.assertEqual([(i["fromString"], i["toString"]) for i in items],
                         [("db urgent", "network"), ("network", "")])

    def test_customer_without_role_cannot_create(self):
        cust = self.as_user("cust1", "cust1-pw")
        r = cust.post("/api/v1/issues", {"project": "ISS", "issueType": "Service request",
                                         "summary": "help"})
        self.assertError(r, 400, "tickets.unknownProject", field="project")

    def test_catalogs(self):
        c = self.as_user("agent1", "agent1-pw")
        types = {t["name"]: t for t in c.get("/api/v1/issuetypes").json["values"]}
        for name in ("Service request", "Incident", "Problem", "Change", "Post-incident review",
                     "Task", "Sub-task"):
            self.assertIn(name, types)
        self.assertTrue(types["Sub-task"]["subtask"])
        self.assertEqual([p["name"] for p in c.get("/api/v1/priorities").json["values"]],
                         ["Critical", "High", "Medium", "Low", "Lowest"])
        statuses = {s["name"]: s["category"] for s in c.get("/api/v1/statuses").json["values"]}
        self.assertEqual(statuses["Awaiting implementation"], "in_progress")
        self.assertEqual(statuses["Completed"], "done")
        self.assertEqual(statuses["Open"], "todo")
        links = {l["name"]: (l["outward"], l["inward"])
                 for l in c.get("/api/v1/linktypes").json["values"]}
        self.assertEqual(links["Causes"], ("causes", "is caused by"))
        self.assertEqual(links["Blocks"], ("blocks", "is blocked by"))
        wfs = {w["name"]: w for w in c.get("/api/v1/workflows").json["values"]}
        self.assertEqual([s["name"] for s in wfs["Change"]["statuses"]],
                         ["Open", "Planning", "Awaiting approval", "Awaiting implementation",
                          "Implementing", "Completed", "Failed", "Canceled"])
        self.assertEqual([s["name"] for s in wfs["Incident"]["statuses"]],
                         ["Open", "Requires triage", "Investigating", "Pending review",
                          "Resolved", "Completed", "Closed"])
        self.assertEqual([s["name"] for s in wfs["Service request"]["statuses"]],
                         ["Waiting for support", "In progress", "Waiting for customer",
                          "Resolved", "Closed"])
        self.assertIn("Done", [r["name"] for r in c.get("/api/v1/resolutions").json["values"]])


if __name__ == "__main__":
    unittest.main()
