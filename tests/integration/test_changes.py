"""Change enablement (issue 7, S6) on the demo: risk from the CMDB risk model, standard changes
from the catalog, approvals (CAB, service owner, auto-approval; non-approvers, duplicate and
missing decisions), lead time and freeze-window guards, the change calendar with conflicts,
production deployments opening change requests with gating status and `steward gate`, deployment
stats, potential causes, the changes-by-type report, settings and their bad input."""

import os
import subprocess
import time
import unittest

from steward_harness import STEWARD_BIN, StewardTestCase

BULK = "/rest/deployments/0.1/bulk"
BUSINESS_HOURS = "Will this change be completed during business hours?"
TESTING = "Testing completed for this change request?"
ROLLBACK = "Is the change easily rolled back?"


def iso(seconds_from_now):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + seconds_from_now))


DAY = 86400


def deployment(seq, service, pipeline="payments-api", env="prod-eu", env_type="production",
               state="in_progress", update=1, gate=True, issues=()):
    d = {"deploymentSequenceNumber": seq, "updateSequenceNumber": update,
         "associations": [{"associationType": "serviceIdOrKeys", "values": [service]}],
         "displayName": "%s #%d" % (pipeline, seq), "url": "https://ci.example/%d" % seq,
         "description": "release", "lastUpdated": "2026-11-26T10:00:00Z", "label": "v%d" % seq,
         "state": state,
         "pipeline": {"id": pipeline, "displayName": pipeline, "url": "https://ci.example"},
         "environment": {"id": env, "displayName": env, "type": env_type},
         "schemaVersion": "1.0"}
    if issues:
        d["associations"].append({"associationType": "issueIdOrKeys", "values": list(issues)})
    if gate:
        d["commands"] = [{"command": "initiate_deployment_gating"}]
    return d


def gating_path(pipeline, env, seq):
    return ("/rest/deployments/0.1/pipelines/%s/environments/%s/deployments/%d/gating-status"
            % (pipeline, env, seq))


class ChangesTest(StewardTestCase):
    DEMO = True

    # -- helpers ----------------------------------------------------------------------------------
    def change(self, summary, fields, who="alana"):
        body = {"project": "ITO", "issueType": "Change", "summary": summary, "fields": fields}
        r = self.as_user(who).post("/api/v1/issues", body)
        self.assertStatus(r, 201)
        return r.json["key"]

    def issue(self, key):
        r = self.as_user("admin").get("/api/v1/issues/" + key)
        self.assertStatus(r, 200)
        return r.json

    def move(self, key, to, who="alana"):
        return self.as_user(who).post("/api/v1/issues/%s/transitions" % key, {"to": to})

    def approvals(self, key, who="alana"):
        r = self.as_user(who).get("/api/v1/issues/%s/approvals" % key)
        self.assertStatus(r, 200)
        return r.json["values"]

    def normal(self, summary, service="Payment Processing", hours="No", testing="No",
               rollback="No", start=30 * DAY, length=2 * 3600, **extra):
        fields = {"Change type": "Normal", BUSINESS_HOURS: hours, TESTING: testing,
                  ROLLBACK: rollback, "Planned start": iso(start),
                  "Planned end": iso(start + length)}
        if service:
            fields["Affected services"] = [service]
        fields.update(extra)
        return self.change(summary, fields)

    def to_approval(self, key):
        for to in ("Planning", "Awaiting approval"):
            r = self.move(key, to)
            self.assertStatus(r, 200)
        return r.json

    # -- risk -------------------------------------------------------------------------------------
    def test_risk_from_the_model_recalculated_when_an_input_changes(self):
        key = self.normal("Risky upgrade", start=200 * DAY)
        # Tier 1 service (4) + not tested (3) + not easily rolled back (3) = 10: critical.
        r = self.as_user("alana").get("/api/v1/issues/%s/risk" % key)
        self.assertStatus(r, 200)
        self.assertEqual((r.json["score"], r.json["level"], r.json["requiresCab"]),
                         (10, "Critical", True))
        factors = {x["factor"]: (x["value"], x["score"]) for x in r.json["reasons"]}
        self.assertEqual(factors["Testing Complete"], ("No", 3))
        self.assertEqual(factors["Service tier"], ("Payment Processing: Tier 1", 4))
        self.assertEqual(r.json["leadTime"]["requiredDays"], 14)  # high risk: 14 days
        self.assertTrue(r.json["leadTime"]["ok"])
        self.assertEqual(self.issue(key)["fields"]["Change risk"], "Critical")
        # Testing done: 7, high. Then a Tier 2 service and easy rollback: 3, low.
        self.assertStatus(self.as_user("alana").patch("/api/v1/issues/" + key,
                                                      {"fields": {TESTING: "Yes"}}), 200)
        self.assertEqual(self.issue(key)["fields"]["Change risk"], "High")
        self.assertStatus(self.as_user("alana").patch("/api/v1/issues/" + key, {"fields": {
            ROLLBACK: "Yes", "Affected services": ["VPN"]}}), 200)
        r = self.as_user("alana").get("/api/v1/issues/%s/risk" % key)
        self.assertEqual((r.json["score"], r.json["level"]), (3, "Low"))
        self.assertEqual(self.issue(key)["fields"]["Change risk"], "Low")
        # The history shows Automation setting the risk.
        hist = self.as_user("admin").get("/api/v1/issues/%s/history" % key).json["values"]
        risk_changes = [g["author"]["username"] for g in hist
                        for i in g["items"] if i["field"] == "Change risk"]
        self.assertEqual(set(risk_changes), {"automation"})
        # Standard changes have no assessment; customers may not read one.
        std = self.change("Plain standard change", {"Change type": "Standard"})
        self.assertError(self.as_user("alana").get("/api/v1/issues/%s/risk" % std), 404,
                         "changes.noRiskAssessment", field=None)
        self.assertError(self.as_user("customer").get("/api/v1/issues/%s/risk" % key), 403,
                         "changes.forbidden", field=None)

    def test_planned_end_before_start_is_refused(self):
        r = self.as_user("alana").post("/api/v1/issues", {
            "project": "ITO", "issueType": "Change", "summary": "Backwards",
            "fields": {"Change type": "Normal", "Planned start": iso(10 * DAY),
                       "Planned end": iso(9 * DAY)}})
        self.assertError(r, 400, "changes.badWindow", field="Planned end")
        r = self.as_user("alana").post("/api/v1/issues", {
            "project": "ITO", "issueType": "Change", "summary": "A project, not a change",
            "fields": {"Change type": "Normal", "Planned start": iso(10 * DAY),
                       "Planned end": iso(101 * DAY)}})
        self.assertError(r, 400, "changes.badWindow", field="Planned end")
        key = self.normal("Forwards", start=10 * DAY)
        r = self.as_user("alana").patch("/api/v1/issues/" + key,
                                        {"fields": {"Planned end": iso(5 * DAY)}})
        self.assertError(r, 400, "changes.badWindow", field="Planned end")
        self.assertNotEqual(self.issue(key)["fields"]["Planned end"][:10], iso(5 * DAY)[:10])

    # -- standard changes from the catalog --------------------------------------------------------
    def test_standard_change_from_the_catalog(self):
        key = self.change("Backup node for MongoDB Atlas", {
            "Application to change": "MongoDB Atlas", "Type of standard change": "Add Backup Node",
            "Planned start": iso(2 * DAY)})
        i = self.issue(key)
        self.assertEqual(i["status"]["name"], "Awaiting implementation")
        f = i["fields"]
        self.assertEqual(f["Change type"], "Standard")
        self.assertEqual(f["Implementation plan"],
                         "Clone from Primary backup system Add as failover node")
        self.assertEqual(f["Backout plan"], "Remove from cluster")
        self.assertEqual(f["Approved by"]["username"], "mitch")
        self.assertEqual(f["Change risk"], "Low")
        self.assertIn("Standard Pre-Approved Change for Add Backup Node for MongoDB Atlas",
                      i["description"])
        self.assertEqual([s["summary"] for s in i["subtasks"]], ["Confirm Target", "Test Node"])
        # No approval was asked for: it is pre-approved.
        self.assertEqual(self.approvals(key), [])

    # -- approvals --------------------------------------------------------------------------------
    def test_cab_approval_of_a_high_risk_change(self):
        key = self.normal("Re-shard the payments database")
        moved = self.to_approval(key)
        self.assertEqual(moved["status"]["name"], "Awaiting approval")
        [a] = self.approvals(key)
        self.assertEqual((a["name"], a["status"], a["needed"], a["required"]),
                         ("CAB review", "pending", 2, {"kind": "count", "value": 2}))
        self.assertEqual(sorted(x["user"]["username"] for x in a["approvers"]),
                         ["jennifer", "mitch", "paul"])
        self.assertFalse(a["canDecide"])  # alana is not on the CAB
        self.assertTrue(self.approvals(key, "mitch")[0]["canDecide"])
        # Not an approver; not around the approval; bad decisions.
        self.assertError(self.as_user("alana").post("/api/v1/issues/%s/approvals" % key,
                                                    {"decision": "approve"}),
                         403, "approvals.notApprover", field=None)
        self.assertError(self.move(key, "Awaiting implementation"), 409, "approvals.pending",
                         field=None)
        offered = self.as_user("alana").get("/api/v1/issues/%s/transitions" % key).json
        blocked = {t["name"]: t.get("blocked", {}).get("code")
                   for t in offered.get("values", offered.get("transitions", []))}
        self.assertEqual(blocked, {"Approve": "approvals.pending", "Decline": "approvals.pending"})
        for body, field in (({"decision": "maybe"}, "decision"), ({}, "decision"),
                            ({"decision": "approve", "extra": 1}, "extra"),
                            ({"decision": 1}, "decision")):
            r = self.as_user("mitch").post("/api/v1/issues/%s/approvals" % key, body)
            self.assertStatus(r, 400, repr(body))
            self.assertEqual(r.error["field"], field)
        r = self.as_user("mitch").request("POST", "/api/v1/issues/%s/approvals" % key,
                                          body=b"{not json",
                                          headers={"Content-Type": "application/json"})
        self.assertError(r, 400, "http.malformedJson", field=None)
        # One approval of two: still waiting. A second from the same member: 409.
        r = self.as_user("mitch").post("/api/v1/issues/%s/approvals" % key,
                                       {"decision": "approve", "comment": "Looks safe"})
        self.assertStatus(r, 200)
        self.assertEqual((r.json["status"], r.json["approvedCount"]), ("pending", 1))
        self.assertError(self.as_user("mitch").post("/api/v1/issues/%s/approvals" % key,
                                                    {"decision": "approve"}),
                         409, "approvals.alreadyDecided", field=None)
        self.assertEqual(self.issue(key)["status"]["name"], "Awaiting approval")
        r = self.as_user("paul").post("/api/v1/issues/%s/approvals" % key, {"decision": "approve"})
        self.assertEqual((r.json["status"], r.json["approvedCount"]), ("approved", 2))
        self.assertEqual(self.issue(key)["status"]["name"], "Awaiting implementation")
        self.assertError(self.as_user("jennifer").post("/api/v1/issues/%s/approvals" % key,
                                                       {"decision": "approve"}),
                         409, "approvals.nonePending", field=None)
        comments = self.as_user("admin").get("/api/v1/issues/%s/comments" % key).json["values"]
        self.assertIn("Approved: Looks safe", [c["body"] for c in comments])
        # Unknown issue: 404.
        self.assertStatus(self.as_user("mitch").get("/api/v1/issues/ITO-999999/approvals"), 404)

    def test_decline_low_auto_approval_and_service_owner(self):
        # One CAB decline declines the change (as JSM).
        key = self.normal("Risky firewall change", service="Network Core")
        self.to_approval(key)
        r = self.as_user("jennifer").post("/api/v1/issues/%s/approvals" % key,
                                          {"decision": "decline", "comment": "Not this week"})
        self.assertEqual(r.json["status"], "declined")
        i = self.issue(key)
        self.assertEqual((i["status"]["name"], i["resolution"]["name"]), ("Canceled", "Declined"))
        # A low-risk normal change is approved by policy at once.
        low = self.normal("Tidy VPN config", service="VPN", testing="Yes", rollback="Yes")
        self.assertEqual(self.issue(low)["fields"]["Change risk"], "Low")
        self.to_approval(low)
        [a] = self.approvals(low)
        self.assertEqual((a["name"], a["status"], a["autoApproved"]),
                         ("Auto-approval", "approved", True))
        self.assertEqual(self.issue(low)["status"]["name"], "Awaiting implementation")
        # Medium risk: the affected service's owner team (Platform Support) approves; any one.
        med = self.normal("Billing cron move", service="Billing Service", testing="Yes",
                          rollback="Yes")
        self.assertEqual(self.issue(med)["fields"]["Change risk"], "Medium")
        self.to_approval(med)
        [a] = self.approvals(med)
        self.assertEqual(a["name"], "Change manager")
        self.assertIn("alana", [x["user"]["username"] for x in a["approvers"]])
        r = self.as_user("alana").post("/api/v1/issues/%s/approvals" % med,
                                       {"decision": "approve"})
        self.assertEqual(r.json["status"], "approved")
        self.assertEqual(self.issue(med)["status"]["name"], "Awaiting implementation")
        # Medium risk without a service or approvers: nobody could approve — refused, unchanged.
        lone = self.normal("Nobody's change", service=None, hours="Yes", testing="No",
                           rollback="Yes")
        self.assertEqual(self.issue(lone)["fields"]["Change risk"], "Medium")
        self.assertStatus(self.move(lone, "Planning"), 200)
        self.assertError(self.move(lone, "Awaiting approval"), 409, "approvals.noApprovers",
                         field=None)
        self.assertEqual(self.issue(lone)["status"]["name"], "Planning")
        self.assertEqual(self.approvals(lone), [])

    def test_emergency_change_expedited_then_reviewed(self):
        key = self.change("Hotfix payments TLS", {"Change type": "Emergency",
                                                  "Affected services": ["Payment Processing"],
                                                  "Planned start": iso(3600),
                                                  "Planned end": iso(7200)})
        self.assertStatus(self.move(key, "Awaiting approval"), 200)  # "Expedite approval"
        [a] = self.approvals(key)
        self.assertEqual((a["name"], a["needed"]), ("Emergency CAB", 1))
        r = self.as_user("paul").post("/api/v1/issues/%s/approvals" % key, {"decision": "approve"})
        self.assertEqual(r.json["status"], "approved")
        for to in ("Implementing", "Completed"):
            self.assertStatus(self.move(key, to), 200)
        # The demo's rule gives it a retrospective review (after the commit, from the outbox).
        deadline = time.time() + 30
        subtasks = []
        while time.time() < deadline:
            subtasks = [s["summary"] for s in self.issue(key)["subtasks"]]
            if subtasks:
                break
            time.sleep(0.1)
        self.assertEqual(subtasks, ["Retrospective review"])

    def test_customer_approver_decides_from_the_portal(self):
        # Medium risk without a service: the Approvers field decides (a customer here); the
        # approver may see the change, and her decision moves it as Automation.
        r = self.as_user("alana").post("/api/v1/issues", {
            "project": "ITO", "issueType": "Change", "summary": "Customer-approved change",
            "approvers": ["customer"],
            "fields": {"Change type": "Normal", BUSINESS_HOURS: "Yes", TESTING: "No",
                       ROLLBACK: "Yes", "Planned start": iso(40 * DAY),
                       "Planned end": iso(40 * DAY + 3600)}})
        self.assertStatus(r, 201)
        key = r.json["key"]
        self.to_approval(key)
        cust = self.as_user("customer")
        self.assertStatus(cust.get("/api/v1/requests/" + key), 200)
        [a] = self.approvals(key, "customer")
        self.assertTrue(a["canDecide"])
        r = cust.post("/api/v1/issues/%s/approvals" % key,
                      {"decision": "approve", "comment": "Fine by the business"})
        self.assertEqual(r.json["status"], "approved")
        i = self.issue(key)
        self.assertEqual(i["status"]["name"], "Awaiting implementation")
        comments = self.as_user("admin").get("/api/v1/issues/%s/comments" % key).json["values"]
        self.assertIn(("Approved: Fine by the business", False),
                      [(c["body"], c["internal"]) for c in comments])
        self.assertStatus(self.anon().get("/api/v1/issues/%s/approvals" % key), 401)

    # -- calendar, conflicts, freeze windows ------------------------------------------------------
    def test_a_long_window_is_found_from_inside_it(self):
        # Overlap queries look back as far as the longest planned window: a three-week change
        # raises that bound, so a short change late in its window, and a calendar of a day
        # inside it, still find it.
        base = 250 * DAY
        long = self.normal("Replace the VPN concentrators", service="VPN", start=base,
                           length=21 * DAY, hours="Yes", testing="Yes", rollback="Yes")
        self.assertEqual(self.issue(long)["fields"]["Change conflict"], "No")
        short = self.normal("Renew the VPN certificate", service="VPN", start=base + 19 * DAY,
                            length=3600, hours="Yes", testing="Yes", rollback="Yes")
        self.assertEqual(self.issue(short)["fields"]["Change conflict"], "Yes")
        self.assertEqual(self.issue(long)["fields"]["Change conflict"], "Yes")
        cal = self.as_user("alana").get("/api/v1/changes/calendar?from=%s&to=%s" % (
            iso(base + 20 * DAY), iso(base + 20 * DAY + 3600)))
        self.assertStatus(cal, 200)
        self.assertEqual([x["key"] for x in cal.json["changes"]], [long])
        # The short change moves out of the long one's window: both are clear again.
        self.assertStatus(self.as_user("alana").patch("/api/v1/issues/" + short, {"fields": {
            "Planned start": iso(base + 30 * DAY), "Planned end": iso(base + 30 * DAY + 3600)}}),
            200)
        self.assertEqual(self.issue(short)["fields"]["Change conflict"], "No")
        self.assertEqual(self.issue(long)["fields"]["Change conflict"], "No")

    def test_calendar_conflicts_and_freeze_windows(self):
        base = 60 * DAY
        a = self.normal("Upgrade payments gateway", start=base, hours="Yes", testing="Yes",
                        rollback="Yes")
        self.assertEqual(self.issue(a)["fields"]["Change conflict"], "No")
        # Overlapping, on a service Payment Processing depends on (Identity and Access).
        b = self.normal("Rotate IAM signing keys", service="Identity and Access",
                        start=base + 3600, hours="Yes", testing="Yes", rollback="Yes")
        self.assertEqual(self.issue(b)["fields"]["Change conflict"], "Yes")
        self.assertEqual(self.issue(a)["fields"]["Change conflict"], "Yes")
        # Change conflict feeds the risk: 3 (hours) + 2 (conflict) + 4 (tier) = 9, high.
        r = self.as_user("alana").get("/api/v1/issues/%s/risk" % a).json
        self.assertEqual((r["score"], r["level"]), (9, "High"))
        # b moves a day later: neither conflicts any more (a is cleared too), and back.
        self.assertStatus(self.as_user("alana").patch("/api/v1/issues/" + b, {"fields": {
            "Planned start": iso(base + DAY), "Planned end": iso(base + DAY + 3600)}}), 200)
        self.assertEqual(self.issue(b)["fields"]["Change conflict"], "No")
        self.assertEqual(self.issue(a)["fields"]["Change conflict"], "No")
        self.assertEqual(self.as_user("alana").get("/api/v1/issues/%s/risk" % a).json["level"],
                         "High")  # 3 + 4 = 7
        self.assertStatus(self.as_user("alana").patch("/api/v1/issues/" + b, {"fields": {
            "Planned start": iso(base + 3600), "Planned end": iso(base + 5400)}}), 200)
        self.assertEqual(self.issue(a)["fields"]["Change conflict"], "Yes")
        # Same time, unrelated service: no conflict.
        c = self.normal("Warehouse reindex", service="Data Warehouse", start=base,
                        hours="Yes", testing="Yes", rollback="Yes")
        self.assertEqual(self.issue(c)["fields"]["Change conflict"], "No")
        cal = self.as_user("alana").get("/api/v1/changes/calendar?from=%s&to=%s" % (
            iso(base - DAY), iso(base + DAY)))
        self.assertStatus(cal, 200)
        by_key = {x["key"]: x for x in cal.json["changes"]}
        self.assertEqual(by_key[a]["conflicts"], [b])
        self.assertEqual(by_key[b]["conflicts"], [a])
        self.assertEqual(by_key[c]["conflicts"], [])
        self.assertEqual(by_key[a]["services"][0]["label"], "Payment Processing")
        self.assertEqual(by_key[a]["changeType"], "Normal")
        # Filters.
        only = self.as_user("alana").get(
            "/api/v1/changes/calendar?from=%s&to=%s&service=VPN" % (iso(base - DAY),
                                                                    iso(base + DAY)))
        self.assertEqual(only.json["changes"], [])
        for q, field in (("from=nope&to=%s" % iso(0), "from"), ("to=%s" % iso(0), "from"),
                         ("from=%s&to=%s" % (iso(0), iso(-DAY)), "to"),
                         ("from=%s&to=%s&service=Nope" % (iso(0), iso(DAY)), "service"),
                         ("from=%s&to=%s&status=Nope" % (iso(0), iso(DAY)), "status")):
            r = self.as_user("alana").get("/api/v1/changes/calendar?" + q)
            self.assertStatus(r, 400, q)
            self.assertEqual(r.error["field"], field, q)
        self.assertStatus(self.as_user("customer").get(
            "/api/v1/changes/calendar?from=%s&to=%s" % (iso(0), iso(DAY))), 403)
        # A blocking freeze over c's window (every service): c cannot go to implementation.
        admin = self.as_user("admin")
        fw = admin.post("/api/v1/changes/freeze-windows", {
            "name": "Year-end freeze", "start": iso(base - 3600), "end": iso(base + 7200)})
        self.assertStatus(fw, 201)
        self.assertEqual((fw.json["mode"], fw.json["services"]), ("block", []))
        std = self.change("Standard in the freeze", {"Change type": "Standard",
                                                     "Planned start": iso(base),
                                                     "Planned end": iso(base + 1800)})
        self.assertError(self.move(std, "Awaiting implementation"), 409, "changes.freezeWindow",
                         field="Planned start")
        self.assertEqual(self.issue(std)["status"]["name"], "Open")
        cal = self.as_user("alana").get("/api/v1/changes/calendar?from=%s&to=%s" % (
            iso(base - DAY), iso(base + DAY))).json
        self.assertTrue({x["key"]: x for x in cal["changes"]}[std]["frozen"])
        self.assertEqual([f["name"] for f in cal["freezeWindows"]], ["Year-end freeze"])
        # A flagging window on one service marks its changes in conflict.
        later = 90 * DAY
        d = self.normal("Quiet VPN change", service="VPN", start=later, hours="Yes",
                        testing="Yes", rollback="Yes")
        self.assertEqual(self.issue(d)["fields"]["Change conflict"], "No")
        flag = admin.post("/api/v1/changes/freeze-windows", {
            "name": "VPN audit", "start": iso(later - DAY), "end": iso(later + DAY),
            "mode": "flag", "services": ["VPN"]})
        self.assertStatus(flag, 201)
        self.assertEqual([s["label"] for s in flag.json["services"]], ["VPN"])
        self.assertEqual(self.issue(d)["fields"]["Change conflict"], "Yes")
        # Bad input and permissions.
        for body, field in (({"name": "x", "start": iso(DAY), "end": iso(0)}, "end"),
                            ({"name": "x", "start": "soon", "end": iso(0)}, "start"),
                            ({"name": "", "start": iso(0), "end": iso(DAY)}, "name"),
                            ({"name": "x", "start": iso(0), "end": iso(DAY), "mode": "pause"},
                             "mode"),
                            ({"name": "x", "start": iso(0), "end": iso(DAY),
                              "services": ["No such service"]}, "services"),
                            ({"name": "x", "start": iso(0), "end": iso(DAY), "bogus": 1}, "bogus")):
            r = admin.post("/api/v1/changes/freeze-windows", body)
            self.assertStatus(r, 400, repr(body))
            self.assertEqual(r.error["field"], field)
        self.assertError(self.as_user("alana").post("/api/v1/changes/freeze-windows", {
            "name": "x", "start": iso(0), "end": iso(DAY)}), 403, "changes.forbidden", field=None)
        listed = admin.get("/api/v1/changes/freeze-windows").json["values"]
        self.assertEqual(len(listed), 2)
        self.assertStatus(admin.delete("/api/v1/changes/freeze-windows/%d" % fw.json["id"]), 204)
        self.assertStatus(admin.delete("/api/v1/changes/freeze-windows/%d" % fw.json["id"]), 404)
        self.assertStatus(self.move(std, "Awaiting implementation"), 200)

    def test_lead_time_block_by_policy(self):
        admin = self.as_user("admin")
        settings = admin.get("/api/v1/changes/settings").json
        settings["leadTime"]["block"] = True
        self.assertStatus(admin.request("PUT", "/api/v1/changes/settings", settings), 200)
        try:
            soon = self.normal("Too soon", service="VPN", start=2 * DAY, testing="Yes",
                               rollback="Yes")
            self.assertStatus(self.move(soon, "Planning"), 200)
            self.assertError(self.move(soon, "Awaiting approval"), 409, "changes.leadTime",
                             field="Planned start")
            fine = self.normal("In time", service="VPN", start=20 * DAY, testing="Yes",
                               rollback="Yes")
            self.to_approval(fine)
            # A gated deployment now is short notice: it is still recorded, its change waits in
            # Planning with the reason, and the pipeline keeps awaiting.
            bot = self.token_client("alana")
            self.assertStatus(bot.post(BULK, {"deployments": [deployment(
                77, "VPN", pipeline="vpn-hotfix")]}), 202)
            d = bot.get("/rest/deployments/0.1/pipelines/vpn-hotfix/environments/prod-eu/"
                        "deployments/77").json
            self.assertEqual(d["changeRequest"]["status"], "Planning")
            comments = admin.get("/api/v1/issues/%s/comments" % d["changeRequest"]["key"]).json
            self.assertTrue(any("could not be asked for" in c["body"]
                                for c in comments["values"]), comments)
            self.assertEqual(bot.get(gating_path("vpn-hotfix", "prod-eu", 77)).json["gatingStatus"],
                             "awaiting")
        finally:
            settings["leadTime"]["block"] = False
            self.assertStatus(admin.request("PUT", "/api/v1/changes/settings", settings), 200)

    # -- settings ---------------------------------------------------------------------------------
    def test_settings_bad_input_and_permissions(self):
        admin = self.as_user("admin")
        good = admin.get("/api/v1/changes/settings")
        self.assertStatus(good, 200)
        s = good.json
        self.assertEqual(s["deployments"]["project"], "ITO")
        self.assertEqual([x["name"] for x in s["approvalSteps"]],
                         ["Auto-approval", "Change manager", "CAB review", "Emergency CAB"])
        self.assertError(self.as_user("alana").request("PUT", "/api/v1/changes/settings", s), 403,
                         "changes.forbidden", field=None)
        self.assertError(self.as_user("customer").get("/api/v1/changes/settings"), 403,
                         "changes.forbidden", field=None)

        def broken(change):
            import copy
            b = copy.deepcopy(s)
            change(b)
            return b
        cases = [
            (lambda b: b["deployments"].update(project="NOPE"), "deployments.project"),
            (lambda b: b["deployments"].update(gatedEnvironmentTypes=["prod"]),
             "deployments.gatedEnvironmentTypes"),
            (lambda b: b["approvalSteps"][2].update(status="Nowhere"), "approvalSteps[2].status"),
            (lambda b: b["approvalSteps"][2]["required"].update(kind="most"),
             "approvalSteps[2].required.kind"),
            (lambda b: b["approvalSteps"][2]["required"].update(value=0),
             "approvalSteps[2].required.value"),
            (lambda b: b["approvalSteps"][2]["approvers"][0].update(name="No Such Team"),
             "approvalSteps[2].approvers"),
            (lambda b: b["approvalSteps"][1].update(approvers=[]), "approvalSteps[1].approvers"),
            (lambda b: b["riskModel"]["questions"].append({"objectType": "X", "field": "Nope"}),
             "riskModel.questions"),
            (lambda b: b.update(extra=1), "extra"),
            (lambda b: b.pop("leadTime"), "leadTime"),
        ]
        for change, field in cases:
            r = admin.request("PUT", "/api/v1/changes/settings", broken(change))
            self.assertStatus(r, 400, field)
            self.assertEqual(r.error["field"], field)
        # Nothing was half-written.
        self.assertEqual(admin.get("/api/v1/changes/settings").json, s)

    # -- deployments, gating, potential causes, reports -------------------------------------------
    def test_gated_deployment_opens_a_change_and_steward_gate_follows_it(self):
        bot = self.token_client("alana")
        token = bot.token
        r = bot.post(BULK, {"deployments": [deployment(501, "Payment Processing",
                                                       issues=("ITO-2092",))]})
        self.assertStatus(r, 202)
        got = bot.get("/rest/deployments/0.1/pipelines/payments-api/environments/prod-eu/"
                      "deployments/501").json
        self.assertTrue(got["gating"])
        key = got["changeRequest"]["key"]
        self.assertEqual(got["changeRequest"]["status"], "Awaiting approval")
        change = self.issue(key)
        self.assertEqual(change["fields"]["Change type"], "Normal")
        self.assertEqual([s["label"] for s in change["fields"]["Affected services"]],
                         ["Payment Processing"])
        self.assertEqual(change["reporter"]["username"], "automation")
        self.assertIn("ITO-2092", [l["issue"]["key"] for l in change["links"]])
        g = bot.get(gating_path("payments-api", "prod-eu", 501))
        self.assertStatus(g, 200)
        self.assertEqual(g.json["gatingStatus"], "awaiting")
        self.assertEqual(g.json["details"][0]["issueKey"], key)
        self.assertEqual(g.json["deploymentSequenceNumber"], 501)
        url = "http://127.0.0.1:%d" % self.port
        gate = [STEWARD_BIN, "gate", "--url", url, "--token", token, "--pipeline",
                "payments-api", "--environment", "prod-eu", "--sequence", "501"]
        # Without --wait an awaiting deployment answers 2 at once; a short wait times out with 2.
        self.assertEqual(subprocess.run(gate, capture_output=True, timeout=30).returncode, 2)
        out = subprocess.run(gate + ["--wait", "--timeout", "1", "--interval", "0.2"],
                             capture_output=True, timeout=30, text=True)
        self.assertEqual(out.returncode, 2, out)
        self.assertIn("awaiting", out.stdout)
        # Waiting in the background while the service owner approves: exit 0.
        waiting = subprocess.Popen(gate + ["--wait", "--timeout", "60", "--interval", "0.2"],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            [a] = self.approvals(key)
            self.assertEqual(a["name"], "Change manager")  # tier 1 alone: medium
            r = self.as_user("mitch").post("/api/v1/issues/%s/approvals" % key,
                                           {"decision": "approve"})
            self.assertStatus(r, 200)
            stdout, stderr = waiting.communicate(timeout=60)
        finally:
            if waiting.poll() is None:
                waiting.kill()
        self.assertEqual(waiting.returncode, 0, stdout + stderr)
        self.assertIn("allowed", stdout)
        # The pipeline deploys and reports success: the change is implemented and completed.
        self.assertStatus(bot.post(BULK, {"deployments": [deployment(
            501, "Payment Processing", state="successful", update=2, issues=("ITO-2092",))]}), 202)
        self.assertEqual(self.issue(key)["status"]["name"], "Completed")
        # Declined: prevented, exit 1.
        self.assertStatus(bot.post(BULK, {"deployments": [deployment(502, "Payment Processing")]}),
                          202)
        key2 = bot.get("/rest/deployments/0.1/pipelines/payments-api/environments/prod-eu/"
                       "deployments/502").json["changeRequest"]["key"]
        self.assertNotEqual(key2, key)
        self.as_user("alana").post("/api/v1/issues/%s/approvals" % key2, {"decision": "decline"})
        self.assertEqual(bot.get(gating_path("payments-api", "prod-eu", 502)).json["gatingStatus"],
                         "prevented")
        gate2 = gate[:-1] + ["502"]
        self.assertEqual(subprocess.run(gate2, capture_output=True, timeout=30).returncode, 1)
        # Low risk (VPN, Tier 2: 3): auto-approved and deployed at once.
        self.assertStatus(bot.post(BULK, {"deployments": [deployment(
            7, "VPN", pipeline="vpn-config")]}), 202)
        g = bot.get(gating_path("vpn-config", "prod-eu", 7)).json
        self.assertEqual(g["gatingStatus"], "allowed")
        [a] = self.approvals(g["details"][0]["issueKey"])
        self.assertTrue(a["autoApproved"])
        # Staging is neither tracked as a change nor gated: invalid, exit 3.
        self.assertStatus(bot.post(BULK, {"deployments": [deployment(
            8, "VPN", pipeline="vpn-config", env="staging-eu", env_type="staging", gate=False)]}),
            202)
        self.assertEqual(bot.get(gating_path("vpn-config", "staging-eu", 8)).json,
                         dict(bot.get(gating_path("vpn-config", "staging-eu", 8)).json,
                              gatingStatus="invalid", details=[]))
        self.assertEqual(subprocess.run(
            [STEWARD_BIN, "gate", "--url", url, "--token", token, "--pipeline", "vpn-config",
             "--environment", "staging-eu", "--sequence", "8"],
            capture_output=True, timeout=30).returncode, 3)
        # Unknown deployment, bad token: 404 / 401, exit 4.
        self.assertStatus(bot.get(gating_path("nope", "prod-eu", 1)), 404)
        self.assertEqual(subprocess.run(gate[:-1] + ["999"], capture_output=True,
                                        timeout=30).returncode, 4)
        bad = list(gate)
        bad[bad.index(token)] = "stw_not_a_token"
        self.assertEqual(subprocess.run(bad, capture_output=True, timeout=30).returncode, 4)
        self.assertStatus(self.as_user("customer").get(gating_path("payments-api", "prod-eu", 501)),
                          403)

    def test_ungated_production_deployment_is_recorded_as_a_standard_change(self):
        admin = self.as_user("admin")
        s = admin.get("/api/v1/changes/settings").json
        s["deployments"]["gatedEnvironmentTypes"] = []
        self.assertStatus(admin.request("PUT", "/api/v1/changes/settings", s), 200)
        try:
            bot = self.token_client("paul")
            self.assertStatus(bot.post(BULK, {"deployments": [deployment(
                31, "Customer Portal", pipeline="portal-web", gate=False)]}), 202)
            d = bot.get("/rest/deployments/0.1/pipelines/portal-web/environments/prod-eu/"
                        "deployments/31").json
            self.assertFalse(d["gating"])
            self.assertEqual(d["changeRequest"]["status"], "Implementing")
            key = d["changeRequest"]["key"]
            self.assertEqual(self.issue(key)["fields"]["Change type"], "Standard")
            self.assertStatus(bot.post(BULK, {"deployments": [deployment(
                31, "Customer Portal", pipeline="portal-web", gate=False, state="failed",
                update=2)]}), 202)
            self.assertEqual(self.issue(key)["status"]["name"], "Failed")
            # The failed deployment's change is a potential cause of an incident on the service.
            inc = self.as_user("alana").post("/api/v1/issues", {
                "project": "ITO", "issueType": "Incident", "summary": "Portal errors",
                "fields": {"Affected services": ["Customer Portal"]}}).json["key"]
            causes = self.as_user("alana").get("/api/v1/issues/%s/potential-causes" % inc)
            self.assertStatus(causes, 200)
            first = causes.json["values"][0]
            self.assertEqual(first["change"]["key"], key)
            self.assertEqual(first["deployment"]["state"], "failed")
            self.assertFalse(first["linked"])
            r = self.as_user("alana").post("/api/v1/issues/%s/potential-causes" % inc, {
                "deployment": {"pipelineId": "portal-web", "environmentId": "prod-eu",
                               "deploymentSequenceNumber": 31}})
            self.assertStatus(r, 201)
            self.assertEqual(r.json, {"change": key, "incident": inc})
            links = self.issue(inc)["links"]
            self.assertIn(("is caused by", key), [(l["relation"], l["issue"]["key"])
                                                  for l in links])
            again = self.as_user("alana").get("/api/v1/issues/%s/potential-causes" % inc).json
            self.assertTrue(again["values"][0]["linked"])
            for body, field in (({}, "change"), ({"change": "ITO-1", "deployment": {}}, "change"),
                                ({"change": "ITO-999999"}, "change"),
                                ({"deployment": {"pipelineId": "x", "environmentId": "y",
                                                 "deploymentSequenceNumber": 1}}, "deployment")):
                r = self.as_user("alana").post("/api/v1/issues/%s/potential-causes" % inc, body)
                self.assertStatus(r, 400, repr(body))
                self.assertEqual(r.error["field"], field)
        finally:
            s["deployments"]["gatedEnvironmentTypes"] = ["production"]
            self.assertStatus(admin.request("PUT", "/api/v1/changes/settings", s), 200)

    def test_demo_major_incident_has_a_potential_cause(self):
        causes = self.as_user("alana").get("/api/v1/issues/ITO-2075/potential-causes").json
        first = causes["values"][0]
        self.assertEqual(first["change"]["summary"],
                         "Release payments-api v2.0.0 (new EMEA acquirer routing)")
        self.assertEqual((first["deployment"]["state"], first["deployment"]["displayName"]),
                         ("failed", "payments-api v2.0.0"))
        self.assertEqual([s["label"] for s in first["services"]], ["Payment Processing"])

    def test_deployment_stats_and_changes_by_type(self):
        r = self.as_user("alana").get("/api/v1/deployments/stats?days=90")
        self.assertStatus(r, 200)
        rows = {x["service"]["label"]: x for x in r.json["values"]}
        pay = rows["Payment Processing"]
        self.assertEqual(pay["total"], pay["successful"] + pay["failed"])
        self.assertGreater(pay["total"], 10)  # the demo's two months of history
        self.assertAlmostEqual(pay["changeFailureRate"], pay["failed"] / pay["total"])
        for q in ("days=0", "days=x", "environmentType=prod"):
            self.assertStatus(self.as_user("alana").get("/api/v1/deployments/stats?" + q), 400, q)
        timeline = self.as_user("alana").get(
            "/api/v1/deployments?service=Payment%20Processing&environmentType=production&limit=5")
        self.assertEqual(len(timeline.json["values"]), 5)
        r = self.as_user("alana").get("/api/v1/reports/changes-by-type")
        self.assertStatus(r, 200)
        months = r.json["months"]
        self.assertEqual(len(months), 12)
        self.assertEqual(months[-1]["month"], time.strftime("%Y-%m", time.gmtime()))
        self.assertTrue(all(m["all"] >= m["standard"] + m["normal"] + m["emergency"]
                            for m in months))
        self.assertGreater(sum(m["standard"] for m in months), 300)  # the seed: 350 standard
        self.assertGreater(sum(m["all"] for m in months), 450)
        self.assertStatus(self.as_user("alana").get("/api/v1/reports/changes-by-type?months=0"),
                          400)
        self.assertStatus(self.as_user("customer").get("/api/v1/reports/changes-by-type"), 403)


if __name__ == "__main__":
    unittest.main()
