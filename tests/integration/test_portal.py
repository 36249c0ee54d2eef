"""The help center (S10.2): the demo's Operations portal, its groups and request type forms,
raising requests (values by field id or name, on behalf of a customer), "My requests" with its
filters, the customer's view of a request (customer status names, replies and status changes,
never internal notes), who may see a request, and the administrators' configuration endpoints.
Demo server. Request types the tests create are named "it-..."; summaries carry a per-test
token so that searches find only the test's own requests."""

import itertools
import json
import unittest
import urllib.parse

from steward_harness import StewardTestCase

PORTALS = "/api/v1/portals"
REQUESTS = "/api/v1/requests"
MIB = 1024 * 1024

DEMO_GROUPS = {
    "Get IT help": ["Get IT help", "Request new software"],
    "Report a problem": ["Report a system problem"],
    "Contact us about Change Enablement": ["Request routine maintenance (standard change)",
                                           "Request a change"],
}
DEMO_TYPES = ["Get IT help", "Request new software", "Report a system problem",
              "Request routine maintenance (standard change)", "Request a change"]
OUTSIDER = ("it.outsider", "outsider-pw")   # a customer of ITO in no organization
RETAIL2 = ("it.retail2", "retail2-pw")      # a second customer of the Retail Division
NOROLE = ("it.norole", "norole-pw")         # an agent without any role in ITO

_tokens = itertools.count(1)


def labels(value):
    """Object field values (lists of {id, key, label}) as their labels; others as they are."""
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return [v["label"] for v in value]
    return value


class PortalTest(StewardTestCase):
    DEMO = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        admin = cls.as_user("admin")

        def ok(r, status=201):
            if r.status != status:
                raise AssertionError("set-up failed: %r" % r)
            return r.json

        for (username, password), kind in ((OUTSIDER, "customer"), (RETAIL2, "customer"),
                                           (NOROLE, "agent")):
            ok(admin.post("/api/v1/users", {"username": username, "displayName": username,
                                            "kind": kind, "password": password}))
        ok(admin.post("/api/v1/projects/ITO/roles", {"role": "customer", "user": OUTSIDER[0]}))
        orgs = ok(admin.get("/api/v1/organizations"), 200)["values"]
        retail = [o["id"] for o in orgs if o["name"] == "Retail Division"][0]
        r = admin.post("/api/v1/organizations/%d/members" % retail, {"username": RETAIL2[0]})
        if r.status not in (200, 201, 204):
            raise AssertionError("set-up failed: %r" % r)

    # -- helpers ----------------------------------------------------------------------------------
    def token(self):
        # Short: GET /api/v1/requests?q= of more than 15 characters finds nothing (a server bug,
        # see test_search_by_key_and_long_text).
        return "zq%04d" % next(_tokens)

    def portal(self, client=None):
        r = (client or self.as_user("customer")).get(PORTALS)
        self.assertStatus(r, 200)
        ops = [p for p in r.json["values"] if p["name"] == "Operations"]
        self.assertEqual(len(ops), 1, r)
        return ops[0]

    def portal_detail(self, client=None):
        client = client or self.as_user("customer")
        r = client.get("%s/%d" % (PORTALS, self.portal(client)["id"]))
        self.assertStatus(r, 200)
        return r.json

    def type_id(self, name):
        ids = [t["id"] for t in self.portal_detail()["requestTypes"] if t["name"] == name]
        self.assertEqual(len(ids), 1, name)
        return ids[0]

    def form(self, name, client=None):
        client = client or self.as_user("customer")
        r = client.get("%s/%d/requesttypes/%d" % (PORTALS, self.portal()["id"],
                                                  self.type_id(name)))
        self.assertStatus(r, 200)
        return r.json

    def field_id(self, type_name, label):
        ids = [f["field"] for f in self.form(type_name)["fields"] if f["label"] == label]
        self.assertEqual(len(ids), 1, label)
        return ids[0]

    def raise_request(self, client, type_name, values, expect=201, **extra):
        body = {"requestTypeId": self.type_id(type_name), "values": values}
        body.update(extra)
        r = client.post(REQUESTS, body)
        self.assertStatus(r, expect)
        return r.json

    def list_keys(self, client, **params):
        r = client.get(REQUESTS + "?" + urllib.parse.urlencode(dict(params, limit=100)))
        self.assertStatus(r, 200)
        self.assertEqual(r.json["start"], 0)
        self.assertLessEqual(len(r.json["values"]), r.json["total"])
        return [v["key"] for v in r.json["values"]]

    def counts(self):
        db = self.server.db()
        try:
            return tuple(db.execute("SELECT count(*) FROM " + t).fetchone()[0]
                         for t in ("issues", "request_issues", "events", "request_types",
                                   "request_type_groups", "request_type_fields"))
        finally:
            db.close()

    def user(self, creds):
        return self.as_user(*creds)

    def transition(self, key, to):
        r = self.as_user("paul").post("/api/v1/issues/%s/transitions" % key, {"to": to})
        self.assertStatus(r, 200)

    # -- the demo portal --------------------------------------------------------------------------
    def test_demo_portal_listing(self):
        for who in ("customer", "paul", "alana", "admin"):
            with self.subTest(user=who):
                p = self.portal(self.as_user(who))
                self.assertEqual(p["projectKey"], "ITO")
                self.assertIn("Central Operations", p["description"])
                self.assertEqual(p["announcement"]["title"],
                                 "Active Issue on Billing Performance")
                self.assertIn("Billing App", p["announcement"]["message"])
                self.assertIsInstance(p["id"], int)
                self.assertGreaterEqual(p["requestTypeCount"], len(DEMO_TYPES))
                detail = self.as_user(who).get("%s/%d" % (PORTALS, p["id"])).json
                self.assertEqual(p["requestTypeCount"], len(detail["requestTypes"]))

    def test_demo_portal_groups_and_types(self):
        detail = self.portal_detail()
        self.assertEqual(detail["name"], "Operations")
        self.assertEqual(detail["announcement"]["title"], "Active Issue on Billing Performance")
        names = {t["id"]: t["name"] for t in detail["requestTypes"]}
        demo = [n for n in names.values() if not n.startswith("it-")]
        self.assertEqual(demo, DEMO_TYPES)  # in the portal's order
        for t in detail["requestTypes"]:
            self.assertTrue(t["icon"])
            self.assertIsInstance(t["description"], str)
        groups = [g for g in detail["groups"] if not g["name"].startswith("it-")]
        self.assertEqual([g["name"] for g in groups], list(DEMO_GROUPS))
        for g in groups:
            self.assertEqual([names[i] for i in g["requestTypeIds"]
                              if not names[i].startswith("it-")], DEMO_GROUPS[g["name"]])
        by_name = {t["name"]: t for t in detail["requestTypes"]}
        self.assertEqual(by_name["Report a system problem"]["icon"], "alert-triangle")
        self.assertIn("broken or slow", by_name["Report a system problem"]["description"])
        # Only administrators of the project may configure it.
        self.assertIs(detail["canAdminister"], False)
        self.assertIs(self.portal_detail(self.as_user("paul"))["canAdminister"], False)
        self.assertIs(self.portal_detail(self.as_user("alana"))["canAdminister"], True)
        self.assertIs(self.portal_detail(self.as_user("admin"))["canAdminister"], True)

    def test_request_type_form(self):
        fields_by_name = {f["name"]: "customfield_" + f["key"][3:-1]
                          for f in self.as_user("alana").get("/api/v1/fields").json["values"]
                          if f["custom"]}
        t = self.form("Report a system problem")
        self.assertEqual(t["issueType"], "Incident")
        self.assertEqual(t["portalId"], self.portal()["id"])
        self.assertIs(t["canRaiseOnBehalf"], False)
        self.assertEqual(len(t["groupIds"]), 1)
        self.assertEqual([(f["field"], f["label"], f["required"], f["type"]) for f in t["fields"]],
                         [("summary", "What's wrong?", True, "text"),
                          ("description", "Describe the problem", False, "paragraph"),
                          (fields_by_name["Affected services"], "Affected services", False,
                           "object"),
                          (fields_by_name["Urgency"], "How urgent is it?", False, "select")])
        by_label = {f["label"]: f for f in t["fields"]}
        self.assertEqual(by_label["What's wrong?"]["help"],
                         "A short headline, e.g. checkout fails.")
        self.assertEqual(by_label["How urgent is it?"]["help"], "")
        self.assertEqual(by_label["How urgent is it?"]["name"], "Urgency")
        self.assertEqual(by_label["How urgent is it?"]["options"],
                         ["Critical", "High", "Medium", "Low"])
        # Object fields list no options: the form asks the field's picker.
        services = by_label["Affected services"]
        self.assertNotIn("options", services)
        self.assertIs(services["multiple"], True)
        picked = self.as_user("customer").get(
            "/api/v1/fields/%d/objects?q=bill" % services["fieldId"]).json["objects"]
        self.assertEqual([o["label"] for o in picked], ["Billing Service"])
        self.assertNotIn("options", by_label["Describe the problem"])
        # The standard change form: required selects with the catalog's options.
        t = self.form("Request routine maintenance (standard change)")
        self.assertEqual(t["issueType"], "Change")
        by_label = {f["label"]: f for f in t["fields"]}
        app = by_label["Application to Change"]
        self.assertEqual((app["field"], app["required"], app["type"], app["multiple"]),
                         (fields_by_name["Application to change"], True, "object", False))
        self.assertEqual(app["help"], "Which Application will be impacted?")
        std = by_label["Which type of standard change is this for?"]
        self.assertIs(std["required"], True)
        self.assertEqual(std["dependsOn"], ["Application to change"])
        self.assertTrue(std["help"].startswith("Select from the pre-approved options"))
        self.assertEqual(by_label["Planned start"]["type"], "datetime")
        self.assertIs(by_label["Planned start"]["required"], False)
        # Agents may raise on behalf of customers.
        self.assertIs(self.form("Get IT help", self.as_user("paul"))["canRaiseOnBehalf"], True)

    def test_unknown_portal_and_type(self):
        cust = self.as_user("customer")
        pid = self.portal()["id"]
        self.assertError(cust.get("%s/99999" % PORTALS), 404, "requests.noPortal")
        self.assertError(cust.get("%s/abc" % PORTALS), 404, "http.badId")
        self.assertError(cust.get("%s/%d/requesttypes/99999" % (PORTALS, pid)), 404,
                         "requests.noRequestType")
        self.assertError(cust.get("%s/99999/requesttypes/%d" % (PORTALS, self.type_id(
            "Get IT help"))), 404, "requests.noPortal")
        self.assertError(self.anon().get(PORTALS), 401, "http.unauthenticated")
        self.assertError(self.anon().get(REQUESTS), 401, "http.unauthenticated")

    def test_users_without_a_role_see_no_portal(self):
        norole = self.user(NOROLE)
        self.assertEqual(norole.get(PORTALS).json["values"], [])
        pid = self.portal()["id"]
        self.assertError(norole.get("%s/%d" % (PORTALS, pid)), 404, "requests.noPortal")
        self.assertError(norole.get("%s/%d/requesttypes/%d" % (PORTALS, pid, self.type_id(
            "Get IT help"))), 404, "requests.noPortal")
        # Raising needs the portal too; the answer does not tell the type exists.
        r = norole.post(REQUESTS, {"requestTypeId": self.type_id("Get IT help"),
                                   "values": {"summary": "let me in"}})
        self.assertError(r, 404, "requests.noRequestType")
        self.assertEqual(self.list_keys(norole, status="all"), [])
        # A customer of the project (in no organization) sees the portal.
        self.assertEqual(self.portal(self.user(OUTSIDER))["projectKey"], "ITO")

    # -- raising requests -------------------------------------------------------------------------
    def test_raise_with_values_by_id_and_by_name(self):
        cust = self.as_user("customer")
        tok = self.token()
        services = self.field_id("Report a system problem", "Affected services")
        urgency = self.field_id("Report a system problem", "How urgent is it?")
        by_id = self.raise_request(cust, "Report a system problem", {
            "summary": "Billing is slow " + tok, "description": "Since 9 am " + tok,
            services: ["Billing Service"], urgency: "High"})
        self.assertEqual(by_id["reporter"]["username"], "customer")
        self.assertEqual(by_id["summary"], "Billing is slow " + tok)
        self.assertEqual(by_id["requestType"]["name"], "Report a system problem")
        self.assertEqual(by_id["portal"]["name"], "Operations")
        self.assertEqual(by_id["status"], {"name": "Waiting for support", "category": "todo"})
        self.assertEqual([(f["field"], f["label"], labels(f["value"])) for f in by_id["fields"]],
                         [("description", "Describe the problem", "Since 9 am " + tok),
                          (services, "Affected services", ["Billing Service"]),
                          (urgency, "How urgent is it?", "High")])
        self.assertEqual(by_id["activity"], [])
        self.assertIsNone(by_id["resolved"])
        # By the fields' names, case-insensitively; empty answers count as not given.
        by_name = self.raise_request(cust, "Report a system problem", {
            "Summary": "VPN drops " + tok, "affected SERVICES": ["VPN", "SVC-434"],
            "Urgency": "Low", "description": ""})
        self.assertEqual([(f["label"], labels(f["value"])) for f in by_name["fields"]],
                         [("Affected services", ["VPN", "Billing Service"]),
                          ("How urgent is it?", "Low")])
        # They are ordinary issues of the request type's issue type.
        for req, urg in ((by_id, "High"), (by_name, "Low")):
            issue = self.as_user("paul").get("/api/v1/issues/" + req["key"]).json
            self.assertEqual(issue["issueType"]["name"], "Incident")
            self.assertEqual(issue["project"]["key"], "ITO")
            self.assertEqual(issue["fields"]["Urgency"], urg)
            self.assertEqual(issue["reporter"]["username"], "customer")
        self.assertEqual(
            self.as_user("paul").get("/api/v1/issues/" + by_id["key"]).json["description"],
            "Since 9 am " + tok)
        # My requests: newest first, filtered by text, status and relation.
        self.assertEqual(self.list_keys(cust, q=tok), [by_name["key"], by_id["key"]])
        self.assertEqual(self.list_keys(cust, q=tok.upper(), filter="mine"),
                         [by_name["key"], by_id["key"]])
        self.assertEqual(self.list_keys(cust, q="drops " + tok), [by_name["key"]])
        self.assertEqual(self.list_keys(cust, q=tok, status="closed"), [])
        self.assertEqual(self.list_keys(cust, q=tok, status="all"),
                         [by_name["key"], by_id["key"]])
        self.assertEqual(self.list_keys(cust, q=tok, filter="participated"), [])
        self.assertEqual(self.list_keys(cust, q=tok, portalId=self.portal()["id"]),
                         [by_name["key"], by_id["key"]])
        self.assertEqual(self.list_keys(cust, q=tok, portalId=99999), [])
        r = cust.get(REQUESTS + "?" + urllib.parse.urlencode({"q": tok}))
        entry = [v for v in r.json["values"] if v["key"] == by_id["key"]][0]
        self.assertEqual(entry["status"], {"name": "Waiting for support", "category": "todo"})
        self.assertEqual(entry["requestType"]["name"], "Report a system problem")
        self.assertEqual(entry["reporter"]["username"], "customer")
        self.assertEqual(entry["portal"]["name"], "Operations")
        self.assertEqual(r.json["total"], 2)
        # Paging.
        r = cust.get(REQUESTS + "?" + urllib.parse.urlencode({"q": tok, "limit": 1,
                                                              "start": 1}))
        self.assertEqual(([v["key"] for v in r.json["values"]], r.json["total"],
                          r.json["start"]), ([by_id["key"]], 2, 1))

    def test_list_parameters_are_checked(self):
        cust = self.as_user("customer")
        for query, field in (("filter=everything", "filter"), ("status=pending", "status"),
                             ("limit=101", "limit"), ("limit=-1", "limit"), ("start=x", "start"),
                             ("portalId=abc", "portalId"), ("q=" + "x" * 256, "q")):
            with self.subTest(query=query):
                self.assertError(cust.get(REQUESTS + "?" + query), 400, "http.badParameter",
                                 field=field)

    def test_standard_change_request(self):
        cust = self.as_user("customer")
        tok = self.token()
        app = self.field_id("Request routine maintenance (standard change)",
                            "Application to Change")
        req = self.raise_request(cust, "Request routine maintenance (standard change)", {
            "summary": "Patch the CRM " + tok, app: "Oracle CRM",
            "Type of standard change": "Patch System"})
        # Pre-approved: it goes straight to Awaiting implementation ("Scheduled" on the portal)
        # with the catalog's plans and tasks (S6.2).
        self.assertEqual(req["status"]["name"], "Scheduled")
        self.assertEqual([(f["label"], labels(f["value"])) for f in req["fields"]],
                         [("Application to Change", ["Oracle CRM"]),
                          ("Which type of standard change is this for?", ["Patch System"])])
        issue = self.as_user("paul").get("/api/v1/issues/" + req["key"]).json
        self.assertEqual(issue["issueType"]["name"], "Change")
        self.assertEqual(issue["status"]["name"], "Awaiting implementation")
        self.assertEqual(labels(issue["fields"]["Type of standard change"]), ["Patch System"])
        self.assertEqual(issue["fields"]["Implementation plan"],
                         "Apply the vendor patch bundle during the maintenance window and reboot")
        self.assertEqual([s["summary"] for s in issue["subtasks"]], ["Confirm Target", "Test Node"])
        # The type must apply to the chosen application (its issue scope), checked by the server
        # too: Decommission Asset applies to SAP ERP, Salesforce and Jenkins only.
        before = self.counts()
        for values in ({app: "Oracle CRM", "Type of standard change": "Decommission Asset"},
                       {app: "MongoDB Atlas", "Type of standard change": "Patch System"}):
            with self.subTest(values=values):
                r = cust.post(REQUESTS, {"requestTypeId": self.type_id(
                    "Request routine maintenance (standard change)"),
                    "values": dict(values, summary="out of scope " + tok)})
                self.assertStatus(r, 400)
                self.assertEqual(r.error["code"], "tickets.objectOutOfScope", r)
                self.assertIn("Type of standard change", r.error["message"])
                # Shown at the form's field.
                self.assertEqual(r.error.get("field"), "values." + self.field_id(
                    "Request routine maintenance (standard change)",
                    "Which type of standard change is this for?"))
        self.assertEqual(self.counts(), before)
        self.raise_request(cust, "Request routine maintenance (standard change)", {
            "summary": "Back up Mongo " + tok, app: "MongoDB Atlas",
            "Type of standard change": "Add Backup Node"})
        # Required custom fields are checked (by form field id).
        std = self.field_id("Request routine maintenance (standard change)",
                            "Which type of standard change is this for?")
        r = cust.post(REQUESTS, {"requestTypeId": self.type_id(
            "Request routine maintenance (standard change)"),
            "values": {"summary": "no type " + tok, app: "Oracle CRM"}})
        self.assertError(r, 400, "requests.fieldRequired", field="values." + std)

    def test_invalid_requests_write_nothing(self):
        cust = self.as_user("customer")
        tid = self.type_id("Report a system problem")
        std = self.type_id("Request routine maintenance (standard change)")
        urgency = self.field_id("Report a system problem", "How urgent is it?")
        before = self.counts()
        cases = [
            ({"requestTypeId": tid, "values": {"description": "no summary"}}, 400,
             "requests.fieldRequired", "values.summary"),
            ({"requestTypeId": tid, "values": {"summary": "   "}}, 400,
             "requests.fieldRequired", "values.summary"),
            ({"requestTypeId": tid, "values": {"summary": None}}, 400,
             "requests.fieldRequired", "values.summary"),
            ({"requestTypeId": tid, "values": {"summary": "x", "colour": "red"}}, 400,
             "requests.unknownField", "values.colour"),
            # A field of the issue type that this form does not ask for.
            ({"requestTypeId": tid, "values": {"summary": "x", "Impact": "High"}}, 400,
             "requests.unknownField", "values.Impact"),
            ({"requestTypeId": tid, "values": {"summary": "x", "priority": "High"}}, 400,
             "requests.unknownField", "values.priority"),
            ({"requestTypeId": tid, "values": {"summary": "x", "SUMMARY": "y"}}, 400,
             "requests.duplicateField", None),
            ({"requestTypeId": tid, "values": {"summary": "x", urgency: "High",
                                               "Urgency": "Low"}}, 400,
             "requests.duplicateField", None),
            ({"requestTypeId": "3", "values": {"summary": "x"}}, 400, "http.wrongType",
             "requestTypeId"),
            ({"requestTypeId": 3.5, "values": {"summary": "x"}}, 400, "http.wrongType",
             "requestTypeId"),
            ({"requestTypeId": tid, "values": ["summary"]}, 400, "requests.valuesRequired",
             "values"),
            ({"requestTypeId": tid, "values": "summary=x"}, 400, "requests.valuesRequired",
             "values"),
            ({"requestTypeId": tid}, 400, "requests.valuesRequired", "values"),
            ({"values": {"summary": "x"}}, 400, "requests.typeRequired", "requestTypeId"),
            ({"requestTypeId": tid, "values": {"summary": 5}}, 400, "http.wrongType",
             "values.summary"),
            ({"requestTypeId": tid, "values": {"summary": "x" * 300}}, 400, "http.tooLong",
             "values.summary"),
            ({"requestTypeId": tid, "values": {"summary": "x"}, "assignee": "paul"}, 400,
             "http.unknownField", "assignee"),
            ({"requestTypeId": tid, "values": {"summary": "x"}, "raiseOnBehalfOf": 7}, 400,
             "http.wrongType", "raiseOnBehalfOf"),
            ({"requestTypeId": tid, "values": {"summary": "x"}, "requestParticipants": "paul"},
             400, "http.wrongType", "requestParticipants"),
            ({"requestTypeId": tid, "values": {"summary": "x"},
              "requestParticipants": ["nobody.at.all"]}, 400, "tickets.unknownUser",
             "requestParticipants"),
            ({"requestTypeId": tid, "values": {"summary": "x", urgency: "Extreme"}}, 400,
             "tickets.badFieldValue", None),
            ({"requestTypeId": tid, "values": {"summary": "x", "Affected services": "No such"}},
             400, "tickets.badFieldValue", None),
            # An application is not a service (the field's filter scope).
            ({"requestTypeId": tid, "values": {"summary": "x", "Affected services": "Oracle CRM"}},
             400, "tickets.badFieldValue", None),
            ({"requestTypeId": std, "values": {"summary": "x",
                                               "Application to change": "Oracle CRM"}},
             400, "requests.fieldRequired", None),
            ({"requestTypeId": 99999, "values": {"summary": "x"}}, 404,
             "requests.noRequestType", None),
        ]
        for body, status, code, field in cases:
            with self.subTest(body=body):
                r = cust.post(REQUESTS, body)
                if field is None:
                    self.assertError(r, status, code)
                else:
                    self.assertError(r, status, code, field=field)
        # Not JSON, not an object, not JSON at all, too large.
        self.assertError(cust.post(REQUESTS, body='{"requestTypeId": 3,',
                                   content_type="application/json"), 400, "http.malformedJson")
        self.assertError(cust.post(REQUESTS, body="[]", content_type="application/json"), 400,
                         "http.expectedObject")
        self.assertError(cust.post(REQUESTS, body=json.dumps({"requestTypeId": tid}),
                                   content_type="text/plain"), 400, "http.unsupportedMediaType")
        huge = json.dumps({"requestTypeId": tid, "values": {"summary": "big",
                                                            "description": "x" * (MIB + 10)}})
        self.assertError(cust.post(REQUESTS, body=huge, content_type="application/json"), 413,
                         "http.bodyTooLarge")
        self.assertEqual(self.counts(), before, "a failed request left rows behind")

    def test_custom_field_errors_name_the_form_field(self):
        cust = self.as_user("customer")
        urgency = self.field_id("Report a system problem", "How urgent is it?")
        r = cust.post(REQUESTS, {"requestTypeId": self.type_id("Report a system problem"),
                                 "values": {"summary": "x", urgency: "Extreme"}})
        self.assertError(r, 400, "tickets.badFieldValue", field="values." + urgency)

    # -- on behalf, participants, organizations ---------------------------------------------------
    def test_raise_on_behalf_of_a_customer(self):
        tok = self.token()
        cust = self.as_user("customer")
        r = cust.post(REQUESTS, {"requestTypeId": self.type_id("Get IT help"),
                                 "values": {"summary": "for riley " + tok},
                                 "raiseOnBehalfOf": "riley.chen"})
        self.assertError(r, 403, "requests.onBehalfDenied")
        self.assertEqual(self.list_keys(self.as_user("paul"), q=tok, status="all"), [])
        # An agent raises it for the customer, who becomes the reporter and finds it in
        # "My requests"; the agent does not (it is not theirs).
        req = self.raise_request(self.as_user("paul"), "Get IT help",
                                 {"summary": "Printer jam " + tok}, raiseOnBehalfOf="customer")
        self.assertEqual(req["reporter"]["username"], "customer")
        self.assertEqual(self.list_keys(cust, q=tok, filter="mine"), [req["key"]])
        self.assertEqual(self.list_keys(self.as_user("paul"), q=tok), [])
        self.assertEqual(cust.get(REQUESTS + "/" + req["key"]).json["reporter"]["username"],
                         "customer")
        # On behalf of somebody unknown.
        r = self.as_user("paul").post(REQUESTS, {"requestTypeId": self.type_id("Get IT help"),
                                                 "values": {"summary": "ghost " + tok},
                                                 "raiseOnBehalfOf": "no.such.user"})
        self.assertError(r, 400, "tickets.unknownUser", field="raiseOnBehalfOf")

    def test_other_customers_cannot_see_a_request(self):
        tok = self.token()
        req = self.raise_request(self.as_user("customer"), "Get IT help",
                                 {"summary": "Private matter " + tok})
        outsider = self.user(OUTSIDER)
        retail2 = self.user(RETAIL2)
        for who in (outsider, retail2):
            self.assertError(who.get(REQUESTS + "/" + req["key"]), 404, "tickets.unknownIssue")
            self.assertError(who.get("/api/v1/issues/" + req["key"]), 404,
                             "tickets.unknownIssue")
            for f in ("all", "mine", "participated", "organization"):
                self.assertNotIn(req["key"], self.list_keys(who, q=tok, filter=f,
                                                            status="all"))
        # Same answer as for a request that does not exist.
        self.assertError(outsider.get(REQUESTS + "/ITO-999999"), 404, "tickets.unknownIssue")
        self.assertError(self.user(NOROLE).get(REQUESTS + "/" + req["key"]), 404,
                         "tickets.unknownIssue")

    def test_sharing_makes_a_request_visible(self):
        tok = self.token()
        cust = self.as_user("customer")
        outsider = self.user(OUTSIDER)
        retail2 = self.user(RETAIL2)
        # Participants named when raising (customers may name people of their organizations).
        shared = self.raise_request(cust, "Get IT help", {"summary": "Shared " + tok},
                                    requestParticipants=[RETAIL2[0]])
        self.assertEqual([u["username"] for u in shared["requestParticipants"]], [RETAIL2[0]])
        self.assertEqual(self.list_keys(retail2, q=tok, filter="participated"),
                         [shared["key"]])
        self.assertEqual(self.list_keys(retail2, q=tok), [shared["key"]])
        self.assertEqual(self.list_keys(retail2, q=tok, filter="mine"), [])
        self.assertEqual(self.list_keys(retail2, q=tok, filter="organization"), [])
        self.assertStatus(retail2.get(REQUESTS + "/" + shared["key"]), 200)
        r = cust.post(REQUESTS, {"requestTypeId": self.type_id("Get IT help"),
                                 "values": {"summary": "x " + tok},
                                 "requestParticipants": [OUTSIDER[0]]})
        self.assertError(r, 403, "tickets.notYourOrganization")
        # Shared afterwards by an agent, through PATCH /api/v1/issues.
        later = self.raise_request(cust, "Get IT help", {"summary": "Later " + tok})
        self.assertError(outsider.get(REQUESTS + "/" + later["key"]), 404,
                         "tickets.unknownIssue")
        self.assertEqual(self.list_keys(outsider, q=tok), [])
        self.assertStatus(self.as_user("paul").patch("/api/v1/issues/" + later["key"], {
            "requestParticipants": [OUTSIDER[0]]}), 200)
        got = outsider.get(REQUESTS + "/" + later["key"])
        self.assertStatus(got, 200)
        self.assertEqual(got.json["summary"], "Later " + tok)
        self.assertEqual(self.list_keys(outsider, q=tok, filter="participated"),
                         [later["key"]])
        self.assertEqual(self.list_keys(outsider, q=tok), [later["key"]])
        # With the organization: its other members see it under "organization".
        self.assertNotIn(later["key"], self.list_keys(retail2, q=tok))
        self.assertStatus(self.as_user("paul").patch("/api/v1/issues/" + later["key"], {
            "organizations": ["Retail Division"]}), 200)
        self.assertEqual(self.list_keys(retail2, q=tok, filter="organization"), [later["key"]])
        self.assertEqual(self.list_keys(retail2, q=tok), [later["key"], shared["key"]])
        self.assertEqual(self.list_keys(retail2, q=tok, filter="participated"),
                         [shared["key"]])
        self.assertEqual(cust.get(REQUESTS + "/" + later["key"]).json["organizations"],
                         ["Retail Division"])
        # Un-sharing hides it again.
        self.assertStatus(self.as_user("paul").patch("/api/v1/issues/" + later["key"], {
            "requestParticipants": [], "organizations": []}), 200)
        self.assertError(outsider.get(REQUESTS + "/" + later["key"]), 404,
                         "tickets.unknownIssue")
        self.assertEqual(self.list_keys(outsider, q=tok), [])
        self.assertEqual(self.list_keys(retail2, q=tok), [shared["key"]])

    def test_customer_shares_own_request(self):
        tok = self.token()
        cust = self.as_user("customer")
        req = self.raise_request(cust, "Get IT help", {"summary": "Share me " + tok})
        self.assertIs(req["canShare"], True)
        self.assertStatus(cust.patch("/api/v1/issues/" + req["key"],
                                     {"requestParticipants": [RETAIL2[0]]}), 200)
        self.assertEqual(self.list_keys(self.user(RETAIL2), q=tok, filter="participated"),
                         [req["key"]])
        # Customers may share, nothing more.
        self.assertError(cust.patch("/api/v1/issues/" + req["key"], {"summary": "mine now"}),
                         403, "tickets.cannotEdit")
        self.assertError(cust.patch("/api/v1/issues/" + req["key"],
                                    {"requestParticipants": [OUTSIDER[0]]}),
                         403, "tickets.notYourOrganization")

    def test_customer_keeps_participants_an_agent_added(self):
        # An agent shares the request with someone outside the customer's organizations; the
        # customer can still add a colleague, resending the whole list.
        tok = self.token()
        cust = self.as_user("customer")
        req = self.raise_request(cust, "Get IT help", {"summary": "Agent shared " + tok})
        alana = self.as_user("alana")
        self.assertStatus(alana.patch("/api/v1/issues/" + req["key"],
                                      {"requestParticipants": [OUTSIDER[0]]}), 200)
        r = cust.patch("/api/v1/issues/" + req["key"],
                       {"requestParticipants": [OUTSIDER[0], RETAIL2[0]]})
        self.assertStatus(r, 200)
        self.assertEqual(sorted(u["username"] for u in r.json["requestParticipants"]),
                         sorted([OUTSIDER[0], RETAIL2[0]]))

    def test_search_by_key_and_long_text(self):
        cust = self.as_user("customer")
        tok = self.token()
        req = self.raise_request(cust, "Get IT help",
                                 {"summary": "Keyboard replacement needed " + tok})
        self.assertEqual(self.list_keys(cust, q="ment needed " + tok), [req["key"]])  # 16+
        self.assertEqual(self.list_keys(cust, q=req["key"]), [req["key"]])
        self.assertEqual(self.list_keys(cust, q=req["key"].lower()), [req["key"]])

    # -- the customer's view ----------------------------------------------------------------------
    def test_request_view_hides_internal_notes_and_shows_customer_statuses(self):
        tok = self.token()
        cust = self.as_user("customer")
        paul = self.as_user("paul")
        req = self.raise_request(cust, "Report a system problem",
                                 {"summary": "Checkout fails " + tok})
        key = req["key"]
        self.transition(key, "Requires triage")
        note = "INTERNAL-" + tok
        r = paul.post("/api/v1/issues/%s/comments" % key, {"body": note, "internal": True})
        self.assertStatus(r, 201)
        self.assertStatus(paul.post("/api/v1/issues/%s/comments" % key,
                                    {"body": "Looking at it " + tok, "internal": False}), 201)
        self.assertStatus(cust.post("/api/v1/issues/%s/comments" % key,
                                    {"body": "Thanks " + tok, "internal": False}), 201)
        # The note exists for agents...
        comments = paul.get("/api/v1/issues/%s/comments" % key).json["values"]
        self.assertIn(note, [c["body"] for c in comments])
        # ...but the request view never shows it, whoever asks.
        for who in ("customer", "paul", "alana", "admin"):
            with self.subTest(user=who):
                r = self.as_user(who).get(REQUESTS + "/" + key)
                self.assertStatus(r, 200)
                self.assertNotIn(note, r.body.decode())
                view = r.json
                self.assertEqual(view["status"], {"name": "Waiting for support",
                                                  "category": "todo"})
                replies = [(a["author"]["username"], a["body"]) for a in view["activity"]
                           if a["type"] == "comment"]
                self.assertEqual(replies, [("paul", "Looking at it " + tok),
                                           ("customer", "Thanks " + tok)])
                for a in view["activity"]:
                    self.assertIn(a["type"], ("comment", "status"))
                    self.assertNotIn("internal", a)
                    if a["type"] == "status":
                        # Customer names only: "Requires triage" is not shown as such.
                        self.assertNotIn("Requires triage", (a["from"], a["to"]))
        # A transition shows up as a status change under the customer's names.
        self.transition(key, "Investigating")
        view = cust.get(REQUESTS + "/" + key).json
        self.assertEqual(view["status"], {"name": "In progress", "category": "in_progress"})
        changes = [(a["from"], a["to"], a["author"]["username"]) for a in view["activity"]
                   if a["type"] == "status"]
        self.assertEqual(changes[-1], ("Waiting for support", "In progress", "paul"))
        created = [a["created"] for a in view["activity"]]
        self.assertEqual(created, sorted(created), "activity is oldest first")
        self.assertEqual(view["activity"][-1]["type"], "status")
        self.assertEqual(self.list_keys(cust, q=tok), [key])
        listed = cust.get(REQUESTS + "?q=" + tok).json["values"][0]
        self.assertEqual(listed["status"], {"name": "In progress", "category": "in_progress"})
        # Resolved: a closed request.
        self.transition(key, "Resolved")
        view = cust.get(REQUESTS + "/" + key).json
        self.assertEqual(view["status"]["category"], "done")
        self.assertIsNotNone(view["resolved"])
        self.assertEqual(self.list_keys(cust, q=tok), [])
        self.assertEqual(self.list_keys(cust, q=tok, status="closed"), [key])
        self.assertEqual(self.list_keys(cust, q=tok, status="all"), [key])

    def test_view_of_a_demo_request(self):
        # ITO-2052, the seed's standard change, is tied to its request type by the demo.
        view = self.as_user("admin").get(REQUESTS + "/ITO-2052").json
        self.assertEqual(view["requestType"]["name"],
                         "Request routine maintenance (standard change)")
        self.assertEqual(view["status"]["name"], "Scheduled")  # "Awaiting implementation"
        values = {f["label"]: labels(f["value"]) for f in view["fields"]}
        self.assertEqual(values["Application to Change"], ["MongoDB Atlas"])
        self.assertEqual(values["Which type of standard change is this for?"], ["Add Backup Node"])
        # The customer's own demo incident, and issues the customer may not see.
        cust = self.as_user("customer")
        mine = cust.get(REQUESTS + "/ITO-2076")
        self.assertStatus(mine, 200)
        self.assertEqual(mine.json["requestType"]["name"], "Report a system problem")
        self.assertEqual(mine.json["summary"], "Payments are getting rejected")
        for key in ("ITO-2075", "ITO-2052", "ITO-2083"):
            self.assertError(cust.get(REQUESTS + "/" + key), 404, "tickets.unknownIssue")

    # -- configuration ----------------------------------------------------------------------------
    def test_configuration_is_for_project_administrators(self):
        pid = self.portal()["id"]
        body = {"name": "it-Forbidden", "issueType": "Service request",
                "fields": [{"field": "summary"}]}
        before = self.counts()
        for who in ("paul", "customer"):
            with self.subTest(user=who):
                c = self.as_user(who)
                self.assertError(c.post("%s/%d/requesttypes" % (PORTALS, pid), body), 403,
                                 "requests.notAdmin")
                self.assertError(c.request("PUT", "/api/v1/projects/ITO/portal",
                                           {"name": "Taken over"}), 403, "requests.notAdmin")
        self.assertError(self.user(OUTSIDER).post("%s/%d/requesttypes" % (PORTALS, pid), body),
                         403, "requests.notAdmin")
        # Without a role the portal does not exist.
        self.assertError(self.user(NOROLE).post("%s/%d/requesttypes" % (PORTALS, pid), body),
                         404, "requests.noPortal")
        self.assertError(self.anon().post("%s/%d/requesttypes" % (PORTALS, pid), body), 401,
                         "http.unauthenticated")
        self.assertError(self.anon().request("PUT", "/api/v1/projects/ITO/portal",
                                             {"name": "x"}), 401, "http.unauthenticated")
        self.assertEqual(self.counts(), before)
        self.assertEqual(self.portal()["name"], "Operations")

    def test_portal_of_an_invisible_project_is_not_found(self):
        norole = self.user(NOROLE)
        missing = self.assertError(norole.request("PUT", "/api/v1/projects/NOPE/portal",
                                                  {"name": "x"}), 404, "tickets.unknownProject")
        self.assertError(norole.request("PUT", "/api/v1/projects/ITO/portal", {"name": "x"}),
                         404, missing["code"])

    def test_create_request_type_is_validated(self):
        alana = self.as_user("alana")
        url = "%s/%d/requesttypes" % (PORTALS, self.portal()["id"])

        def body(**kw):
            b = {"name": "it-Validated", "issueType": "Service request",
                 "fields": [{"field": "summary"}, {"field": "description"}]}
            b.update(kw)
            return b

        before = self.counts()
        cases = [
            (body(fields=[{"field": "summary"}, {"field": "colour"}]), 400,
             "requests.unknownField", "fields[1].field"),
            (body(fields=[{"field": "summary"}, {"field": "customfield_99999"}]), 400,
             "requests.unknownField", "fields[1].field"),
            # "Application to change" applies to changes only.
            (body(fields=[{"field": "summary"}, {"field": "Application to change"}]), 400,
             "requests.fieldNotApplicable", "fields[1].field"),
            (body(fields=[{"field": "description"}]), 400, "requests.summaryRequired", "fields"),
            (body(fields=[]), 400, "requests.badForm", "fields"),
            (body(fields=None), 400, "requests.badForm", "fields"),
            (body(fields=["summary"]), 400, "requests.badForm", "fields[0]"),
            (body(fields=[{"field": "summary"}, {"field": "Summary"}]), 400,
             "requests.duplicateField", "fields[1].field"),
            (body(fields=[{"field": "summary", "colour": "red"}]), 400, "http.unknownField",
             None),
            (body(fields=[{"field": "summary", "required": "yes"}]), 400, "http.wrongType",
             None),
            (body(name="  "), 400, "http.emptyField", "name"),
            (body(issueType="Sub-task"), 400, "requests.badIssueType", "issueType"),
            (body(issueType="Spaceship"), 400, "requests.badIssueType", "issueType"),
            (body(statusNames={"No such status": "x"}), 400, "requests.badStatusNames",
             "statusNames.No such status"),
            (body(statusNames={"Waiting for support": ""}), 400, "requests.badStatusNames",
             "statusNames.Waiting for support"),
            (body(statusNames=["x"]), 400, "requests.badStatusNames", "statusNames"),
            (body(groups=["it-Fine", "   "]), 400, "requests.badGroup", "groups"),
            (body(colour="red"), 400, "http.unknownField", "colour"),
            (body(name="Get IT help"), 409, "requests.duplicateType", "name"),
        ]
        for b, status, code, field in cases:
            with self.subTest(body=b):
                r = alana.post(url, b)
                if field is None:
                    self.assertError(r, status, code)
                else:
                    self.assertError(r, status, code, field=field)
        missing = body()
        del missing["issueType"]
        self.assertError(alana.post(url, missing), 400, "http.missingField", field="issueType")
        self.assertError(alana.post("%s/99999/requesttypes" % PORTALS, body()), 404,
                         "requests.noPortal")
        # Nothing half-written: no type, group or form field of the failed attempts.
        self.assertEqual(self.counts(), before)
        names = [t["name"] for t in self.portal_detail(alana)["requestTypes"]]
        self.assertNotIn("it-Validated", names)
        self.assertNotIn("it-Fine", [g["name"] for g in self.portal_detail(alana)["groups"]])

    def test_create_request_type_and_raise_it(self):
        alana = self.as_user("alana")
        pid = self.portal()["id"]
        r = alana.post("%s/%d/requesttypes" % (PORTALS, pid), {
            "name": "it-Hardware", "description": "Broken laptop or screen",
            "helpText": "We reply within a day.", "issueType": "Service request",
            "icon": "laptop", "groups": ["it-Devices", "Get IT help"],
            "statusNames": {"Waiting for support": "Received"},
            "fields": [{"field": "summary", "label": "What broke?", "required": False},
                       {"field": "description", "label": "Details", "help": "Serial number?",
                        "required": True},
                       {"field": "priority", "label": "How bad?"}]})
        self.assertStatus(r, 201)
        t = r.json
        self.assertEqual((t["name"], t["icon"], t["issueType"], t["helpText"], t["portalId"]),
                         ("it-Hardware", "laptop", "Service request", "We reply within a day.",
                          pid))
        # The summary is always required; labels and help as configured.
        self.assertEqual([(f["field"], f["label"], f["help"], f["required"], f["type"])
                          for f in t["fields"]],
                         [("summary", "What broke?", "", True, "text"),
                          ("description", "Details", "Serial number?", True, "paragraph"),
                          ("priority", "How bad?", "", False, "select")])
        self.assertIn("High", t["fields"][2]["options"])
        self.assertEqual(self.as_user("customer").get("%s/%d/requesttypes/%d" % (
            PORTALS, pid, t["id"])).json["fields"], t["fields"])
        # Listed under both groups: the new one and the existing one.
        detail = self.portal_detail()
        groups = {g["name"]: g for g in detail["groups"]}
        self.assertEqual(groups["it-Devices"]["requestTypeIds"], [t["id"]])
        self.assertIn(t["id"], groups["Get IT help"]["requestTypeIds"])
        self.assertEqual(sorted(t["groupIds"]), sorted([groups["it-Devices"]["id"],
                                                        groups["Get IT help"]["id"]]))
        self.assertEqual(detail["requestTypes"][-1]["name"], "it-Hardware")
        # A duplicate name.
        again = alana.post("%s/%d/requesttypes" % (PORTALS, pid), {
            "name": "it-Hardware", "issueType": "Task", "fields": [{"field": "summary"}]})
        self.assertError(again, 409, "requests.duplicateType", field="name")
        # Raising it: the required description, the priority, the customer status name.
        cust = self.as_user("customer")
        tok = self.token()
        r = cust.post(REQUESTS, {"requestTypeId": t["id"], "values": {"summary": "Screen " + tok}})
        self.assertError(r, 400, "requests.fieldRequired", field="values.description")
        req = cust.post(REQUESTS, {"requestTypeId": t["id"], "values": {
            "summary": "Screen " + tok, "description": "SN 1234", "priority": "High"}})
        self.assertStatus(req, 201)
        self.assertEqual(req.json["status"]["name"], "Received")
        self.assertEqual([(f["label"], f["value"]) for f in req.json["fields"]],
                         [("Details", "SN 1234"), ("How bad?", "High")])
        issue = self.as_user("paul").get("/api/v1/issues/" + req.json["key"]).json
        self.assertEqual((issue["issueType"]["name"], issue["priority"]["name"]),
                         ("Service request", "High"))

    def test_put_portal(self):
        admin = self.as_user("admin")
        self.assertStatus(admin.post("/api/v1/projects", {"key": "HLP", "name": "Help desk"}),
                          201)
        r = admin.request("PUT", "/api/v1/projects/HLP/portal", {
            "name": " Help ", "description": "Ask us",
            "announcement": {"title": "Maintenance", "message": "Sunday 2-4 am"}})
        self.assertStatus(r, 200)
        p = r.json
        self.assertEqual((p["name"], p["description"], p["projectKey"], p["announcement"],
                          p["groups"], p["requestTypes"], p["canAdminister"]),
                         ("Help", "Ask us", "HLP",
                          {"title": "Maintenance", "message": "Sunday 2-4 am"}, [], [], True))
        # A second PUT updates the same portal; no announcement removes it.
        r = admin.request("PUT", "/api/v1/projects/HLP/portal", {"name": "Help center"})
        self.assertStatus(r, 200)
        self.assertEqual((r.json["id"], r.json["name"], r.json["description"],
                          r.json["announcement"]), (p["id"], "Help center", "", None))
        r = admin.request("PUT", "/api/v1/projects/HLP/portal", {"name": "Help center",
                                                                "announcement": None})
        self.assertStatus(r, 200)
        self.assertIsNone(admin.get("%s/%d" % (PORTALS, p["id"])).json["announcement"])
        # Customers of ITO only do not see the HLP portal; the admin sees both.
        self.assertNotIn("HLP", [x["projectKey"] for x in
                                 self.as_user("customer").get(PORTALS).json["values"]])
        self.assertError(self.as_user("customer").get("%s/%d" % (PORTALS, p["id"])), 404,
                         "requests.noPortal")
        self.assertIn("HLP", [x["projectKey"] for x in admin.get(PORTALS).json["values"]])
        # Validation.
        for body, code, field in (({}, "http.missingField", "name"),
                                  ({"name": "  "}, "http.emptyField", "name"),
                                  ({"name": 5}, "http.wrongType", "name"),
                                  ({"name": "x", "announcement": "hi"},
                                   "requests.badAnnouncement", "announcement"),
                                  ({"name": "x", "announcement": {"title": 1}},
                                   "http.wrongType", "announcement.title"),
                                  ({"name": "x", "announcement": {"colour": "red"}},
                                   "http.unknownField", "announcement.colour"),
                                  ({"name": "x", "theme": "dark"}, "http.unknownField",
                                   "theme")):
            with self.subTest(body=body):
                self.assertError(admin.request("PUT", "/api/v1/projects/HLP/portal", body), 400,
                                 code, field=field)
        self.assertEqual(admin.get("%s/%d" % (PORTALS, p["id"])).json["name"], "Help center")
        self.assertError(admin.request("PUT", "/api/v1/projects/NOPE/portal", {"name": "x"}),
                         404, "tickets.unknownProject")


if __name__ == "__main__":
    unittest.main()
