"""Automation (S7): rules through the API, run by the engine after the changes commit.

Each trigger, condition and action; if/else; smart values; the audit log and its outcomes;
atomic executions (a failing action leaves nothing half-applied); one failing rule not blocking
others; loop protection; rate limits; incoming webhooks; manual runs; web requests (a local HTTP
server) and e-mail (a local SMTP server); recovery of events committed before a crash; and bad
rule configurations rejected with the path of the offending setting.
"""

import http.server
import json
import os
import sqlite3
import socket
import socketserver
import threading
import time
import unittest

from steward_harness import StewardServer, StewardTestCase


def wait_for(fn, timeout=15.0, interval=0.05):
    """Polls fn() until it returns something truthy; returns it (or the last value)."""
    deadline = time.time() + timeout
    value = fn()
    while not value and time.time() < deadline:
        time.sleep(interval)
        value = fn()
    return value


class Recorder(http.server.BaseHTTPRequestHandler):
    """A local web service for the web-request action: records requests, answers JSON."""
    received = []
    status = 200
    answer = {"ticket": "EXT-42", "nested": {"score": 7}}

    def do_POST(self):  # noqa: N802 (http.server naming)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode()
        Recorder.received.append({"path": self.path, "body": body,
                                  "headers": dict(self.headers.items())})
        data = json.dumps(Recorder.answer).encode()
        self.send_response(Recorder.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_PUT = do_POST

    def log_message(self, *args):
        pass


class SmtpSink(socketserver.ThreadingMixIn, socketserver.TCPServer):
    """A minimal SMTP server that keeps the messages it is given."""
    allow_reuse_address = True
    daemon_threads = True

    def __init__(self):
        self.messages = []
        super().__init__(("127.0.0.1", 0), SmtpHandler)


class SmtpHandler(socketserver.StreamRequestHandler):
    def handle(self):
        self.wfile.write(b"220 sink ESMTP\r\n")
        rcpt, data_mode, lines, sender = [], False, [], None
        while True:
            line = self.rfile.readline()
            if not line:
                return
            text = line.decode(errors="replace").rstrip("\r\n")
            if data_mode:
                if text == ".":
                    self.server.messages.append({"from": sender, "to": rcpt,
                                                 "data": "\n".join(lines)})
                    rcpt, lines, data_mode = [], [], False
                    self.wfile.write(b"250 queued\r\n")
                else:
                    lines.append(text[1:] if text.startswith("..") else text)
                continue
            cmd = text.upper()
            if cmd.startswith("EHLO") or cmd.startswith("HELO"):
                self.wfile.write(b"250 sink\r\n")
            elif cmd.startswith("MAIL FROM"):
                sender = text[10:]
                self.wfile.write(b"250 ok\r\n")
            elif cmd.startswith("RCPT TO"):
                rcpt.append(text[8:].strip().strip("<>"))
                self.wfile.write(b"250 ok\r\n")
            elif cmd == "DATA":
                data_mode = True
                self.wfile.write(b"354 go on\r\n")
            elif cmd == "QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            else:
                self.wfile.write(b"250 ok\r\n")


SMTP = SmtpSink()
threading.Thread(target=SMTP.serve_forever, daemon=True).start()


class AutomationTest(StewardTestCase):
    DEMO = True
    SERVE_ARGS = ("--smtp-url", "smtp://127.0.0.1:%d" % SMTP.server_address[1],
                  "--mail-from", "steward@example.test",
                  "--public-url", "https://steward.example.test/")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.web = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
        threading.Thread(target=cls.web.serve_forever, daemon=True).start()
        cls.admin = cls.as_user("admin")
        cls.counter = 0

    @classmethod
    def tearDownClass(cls):
        cls.web.shutdown()
        super().tearDownClass()

    # -- helpers -------------------------------------------------------------------------------
    def rule(self, trigger, components, **extra):
        AutomationTest.counter += 1
        body = {"name": "it rule %d %s" % (AutomationTest.counter, self._testMethodName),
                "projects": ["ITO"], "trigger": trigger, "components": components}
        body.update(extra)
        r = self.admin.post("/api/v1/automation/rules", body)
        self.assertStatus(r, 201)
        self.addCleanup(lambda: self.admin.delete("/api/v1/automation/rules/%d" % r.json["id"]))
        return r.json

    def audit(self, rule_id):
        r = self.admin.get("/api/v1/automation/rules/%d/audit?limit=100" % rule_id)
        self.assertStatus(r, 200)
        return r.json["values"]

    def wait_audit(self, rule_id, count=1, issue=None, timeout=15.0):
        def done():
            entries = [e for e in self.audit(rule_id)
                       if e["outcome"] != "IN_PROGRESS" and (issue is None or e["issue"] == issue)]
            return entries if len(entries) >= count else None
        entries = wait_for(done, timeout)
        self.assertTrue(entries, "no audit entry for rule %d: %r" % (rule_id, self.audit(rule_id)))
        return entries

    def issue(self, summary="Automation test", issue_type="Task", fields=None, who="alana"):
        body = {"project": "ITO", "issueType": issue_type, "summary": summary}
        if fields:
            body["fields"] = fields
        r = self.as_user(who).post("/api/v1/issues", body)
        self.assertStatus(r, 201)
        return r.json["key"]

    def comments(self, key):
        r = self.admin.get("/api/v1/issues/%s/comments" % key)
        self.assertStatus(r, 200)
        return [c["body"] for c in r.json.get("values", r.json.get("comments", []))]

    def get_issue(self, key):
        r = self.admin.get("/api/v1/issues/" + key)
        self.assertStatus(r, 200)
        return r.json

    # -- triggers, conditions, actions ----------------------------------------------------------
    def test_issue_created_condition_and_comment(self):
        rule = self.rule({"type": "issueCreated"}, [
            {"type": "issueFields", "field": "summary", "operator": "contains", "value": "printer"},
            {"type": "comment", "body": "Hi {{issue.reporter.displayName}}, {{issue.key}} is "
                                        "logged ({{issue.summary.toUpperCase()}})"}])
        hit = self.issue("The printer on 3rd floor jams")
        miss = self.issue("Monitor flickers")
        entries = self.wait_audit(rule["id"], 2)
        by_issue = {e["issue"]: e for e in entries}
        self.assertEqual(by_issue[hit]["outcome"], "SUCCESS")
        self.assertEqual(by_issue[hit]["items"], [{"key": hit, "change": "comment"}])
        self.assertEqual(by_issue[hit]["trigger"], "issue.created")
        self.assertEqual(by_issue[miss]["outcome"], "NO_ACTIONS")
        self.assertEqual(self.comments(hit),
                         ["Hi Alana Grant, %s is logged (THE PRINTER ON 3RD FLOOR JAMS)" % hit])
        self.assertEqual(self.comments(miss), [])
        # The comment is Automation's, public, and the rule's last run shows on the rule.
        r = self.admin.get("/api/v1/issues/%s/comments" % hit).json
        first = r.get("values", r.get("comments"))[0]
        self.assertEqual(first["author"]["username"], "automation")
        self.assertFalse(first["internal"])
        self.assertEqual(self.admin.get("/api/v1/automation/rules/%d" % rule["id"])
                         .json["lastRun"]["outcome"] in ("SUCCESS", "NO_ACTIONS"), True)

    def test_field_value_changed_only_for_chosen_fields(self):
        rule = self.rule({"type": "fieldValueChanged", "fields": ["priority"]}, [
            {"type": "comment", "internal": True,
             "body": "{{fieldChange.field}}: {{fieldChange.fromString}} -> {{fieldChange.toString}}"}])
        key = self.issue("Field change")
        alana = self.as_user("alana")
        self.assertStatus(alana.patch("/api/v1/issues/" + key, {"summary": "renamed"}), 200)
        self.assertStatus(alana.patch("/api/v1/issues/" + key, {"priority": "High"}), 200)
        entries = self.wait_audit(rule["id"], 1)
        time.sleep(0.5)
        entries = self.audit(rule["id"])
        self.assertEqual(len(entries), 1, entries)
        self.assertEqual(self.comments(key), ["priority: Medium -> High"])

    def test_transitioned_to_status_and_if_else(self):
        rule = self.rule({"type": "issueTransitioned", "toStatus": ["Investigating"]}, [
            {"type": "ifElse",
             "branches": [{"conditions": [{"type": "issueFields", "field": "priority",
                                           "operator": "oneOf", "values": ["Highest", "High"]}],
                           "components": [{"type": "editIssue",
                                           "fields": {"labels": "urgent"}}]}],
             "else": [{"type": "editIssue", "fields": {"labels": "routine"}}]},
            {"type": "log", "message": "done with {{issue.key}}"}])
        high = self.as_user("alana").post("/api/v1/issues", {
            "project": "ITO", "issueType": "Incident", "summary": "High one",
            "priority": "High"}).json["key"]
        low = self.as_user("alana").post("/api/v1/issues", {
            "project": "ITO", "issueType": "Incident", "summary": "Low one",
            "priority": "Low"}).json["key"]
        for k in (high, low):
            self.assertStatus(self.as_user("alana").post("/api/v1/issues/%s/transitions" % k,
                                                         {"to": "Investigating"}), 200)
        entries = self.wait_audit(rule["id"], 2)
        self.assertEqual({e["outcome"] for e in entries}, {"SUCCESS"})
        self.assertEqual(self.get_issue(high)["labels"], ["urgent"])
        self.assertEqual(self.get_issue(low)["labels"], ["routine"])
        self.assertIn("done with %s" % low, [m for e in entries for m in e["messages"]])

    def test_commented_trigger_by_comment_type_and_user_condition(self):
        rule = self.rule({"type": "issueCommented", "commentType": "public"}, [
            {"type": "user", "user": "initiator", "operator": "inRole", "values": ["agent"]},
            {"type": "editIssue", "fields": {"labels": "replied"}}])
        key = self.issue("Comment trigger")
        alana = self.as_user("alana")
        self.assertStatus(alana.post("/api/v1/issues/%s/comments" % key,
                                     {"body": "internal", "internal": True}), 201)
        self.assertStatus(alana.post("/api/v1/issues/%s/comments" % key,
                                     {"body": "public", "internal": False}), 201)
        entries = self.wait_audit(rule["id"], 1)
        time.sleep(0.3)
        self.assertEqual(len(self.audit(rule["id"])), 1)
        self.assertEqual(entries[0]["outcome"], "SUCCESS")
        self.assertEqual(self.get_issue(key)["labels"], ["replied"])

    def test_variables_math_lookup_and_jql_condition(self):
        rule = self.rule({"type": "issueCreated"}, [
            {"type": "jql", "jql": "summary ~ \"lookup\" AND issuetype = Task"},
            {"type": "lookupIssues", "jql": "project = ITO AND summary ~ \"lookup\" ORDER BY key"},
            {"type": "createVariable", "name": "Doubled", "value": "{{#=}}{{lookupIssues.size}} * 2{{/}}"},
            {"type": "compare", "first": "{{Doubled}}", "operator": "greaterThan", "second": "1"},
            {"type": "comment", "internal": True,
             "body": "{{lookupIssues.size}} found, doubled {{Doubled}}; due {{now.plusDays(7).jqlDate}}"}])
        key = self.issue("lookup me")
        entries = self.wait_audit(rule["id"], 1)
        self.assertEqual(entries[0]["outcome"], "SUCCESS", entries)
        body = self.comments(key)[0]
        n = int(body.split(" ")[0])
        self.assertGreaterEqual(n, 1)
        self.assertIn("doubled %d;" % (2 * n), body)
        # The JQL condition sees the issue: an incident does not match "issuetype = Task".
        other = self.issue("lookup incident", issue_type="Incident")
        entries = self.wait_audit(rule["id"], 1, issue=other)
        self.assertEqual(entries[0]["outcome"], "NO_ACTIONS")

    def test_create_issue_subtasks_link_assign_transition(self):
        rule = self.rule({"type": "issueCreated"}, [
            {"type": "issueFields", "field": "summary", "operator": "contains", "value": "onboard"},
            {"type": "createSubtasks", "subtasks": ["Laptop for {{issue.summary}}",
                                                    {"summary": "Accounts"}]},
            {"type": "createIssue", "issueType": "Task", "summary": "Follow-up of {{issue.key}}",
             "linkType": "relates to"},
            {"type": "comment", "internal": True, "body": "created {{createdIssue.key}}"},
            {"type": "assignIssue", "assignee": "mitch"},
            {"type": "transitionIssue", "to": "Work in progress"}])
        key = self.issue("onboard Dana")
        entries = self.wait_audit(rule["id"], 1)
        self.assertEqual(entries[0]["outcome"], "SUCCESS", entries)
        issue = self.get_issue(key)
        self.assertEqual([s["summary"] for s in issue["subtasks"]],
                         ["Laptop for onboard Dana", "Accounts"])
        self.assertEqual(issue["assignee"]["username"], "mitch")
        self.assertEqual(issue["status"]["name"], "Work in progress")
        self.assertEqual(len(issue["links"]), 1)
        created = issue["links"][0]["issue"]["key"]
        self.assertEqual(self.get_issue(created)["summary"], "Follow-up of " + key)
        self.assertEqual(self.get_issue(created)["reporter"]["username"], "automation")
        self.assertEqual(self.comments(key), ["created " + created])

    def test_failing_action_leaves_nothing_and_other_rules_run(self):
        bad = self.rule({"type": "issueCreated"}, [
            {"type": "issueFields", "field": "summary", "operator": "contains", "value": "atomic"},
            {"type": "editIssue", "fields": {"summary": "changed by a failing rule"}},
            {"type": "comment", "body": "this comment must not stay"},
            {"type": "transitionIssue", "to": "No Such Status"}])
        good = self.rule({"type": "issueCreated"}, [
            {"type": "issueFields", "field": "summary", "operator": "contains", "value": "atomic"},
            {"type": "editIssue", "fields": {"labels": "good-rule"}}])
        key = self.issue("atomic check")
        failed = self.wait_audit(bad["id"], 1)[0]
        self.assertEqual(failed["outcome"], "FAILED")
        self.assertEqual(failed["items"], [])
        self.assertTrue(any("No Such Status" in m for m in failed["messages"]), failed)
        self.assertEqual(self.wait_audit(good["id"], 1)[0]["outcome"], "SUCCESS")
        issue = self.get_issue(key)
        self.assertEqual(issue["summary"], "atomic check")
        self.assertEqual(issue["labels"], ["good-rule"])
        self.assertEqual(self.comments(key), [])

    def test_rule_triggered_rules_need_allow_and_loops_stop(self):
        # A rule that comments whenever a comment is added would loop forever: with "allow rule
        # trigger" on, the chain stops at depth 10 with LOOP.
        looping = self.rule({"type": "issueCommented"}, [
            {"type": "issueFields", "field": "summary", "operator": "contains", "value": "loop"},
            {"type": "comment", "internal": True, "body": "echo"}], allowRuleTrigger=True)
        quiet = self.rule({"type": "issueCommented"}, [
            {"type": "issueFields", "field": "summary", "operator": "contains", "value": "loop"},
            {"type": "log", "message": "saw a comment"}])
        key = self.issue("loop check")
        self.assertStatus(self.as_user("alana").post("/api/v1/issues/%s/comments" % key,
                                                     {"body": "start", "internal": True}), 201)
        entries = self.wait_audit(looping["id"], 11)
        outcomes = [e["outcome"] for e in reversed(entries)]
        self.assertEqual(outcomes[:10], ["SUCCESS"] * 10)
        self.assertEqual(outcomes[10], "LOOP")
        self.assertTrue(any("chain" in m for m in entries[0]["messages"]), entries[0])
        self.assertEqual(len(self.comments(key)), 11)  # the person's comment and 10 echoes
        time.sleep(0.5)
        self.assertEqual(len(self.audit(looping["id"])), 11)
        # The quiet rule (allow rule trigger off) saw only the person's comment.
        self.assertEqual(len(self.audit(quiet["id"])), 1)

    def test_rate_limit_throttles(self):
        rule = self.rule({"type": "issueUpdated"}, [
            {"type": "issueFields", "field": "summary", "operator": "contains", "value": "rate"},
            {"type": "log", "message": "ok"}], rateLimitPerMinute=2)
        key = self.issue("rate check")
        for i in range(4):
            self.assertStatus(self.as_user("alana").patch("/api/v1/issues/" + key,
                                                          {"description": "v%d" % i}), 200)
        entries = self.wait_audit(rule["id"], 3)
        outcomes = sorted(e["outcome"] for e in entries)
        self.assertIn("THROTTLED", outcomes)
        self.assertEqual(outcomes.count("SUCCESS"), 2)

    def test_incoming_webhook(self):
        created = self.rule({"type": "incomingWebhook"}, [
            {"type": "comment", "internal": True,
             "body": "build {{webhookData.build}} {{webhookData.status}}"}])
        url = created["webhookUrl"]
        self.assertTrue(url.startswith("/api/v1/automation/webhooks/whk_"))
        self.assertNotIn("webhookUrl", self.admin.get("/api/v1/automation/rules/%d" %
                                                      created["id"]).json)
        a, b = self.issue("hook a"), self.issue("hook b")
        anon = self.anon()
        r = anon.post(url, {"build": 81, "status": "green", "issues": [a, b]}, csrf=False)
        self.assertStatus(r, 202)
        entries = self.wait_audit(created["id"], 1)
        self.assertEqual(entries[0]["outcome"], "SUCCESS")
        self.assertEqual(self.comments(a), ["build 81 green"])
        self.assertEqual(self.comments(b), ["build 81 green"])
        self.assertError(anon.post("/api/v1/automation/webhooks/whk_nope", {}, csrf=False), 404,
                         "automation.webhookNotFound")
        self.assertError(anon.post(url, {"issues": ["ITO-999999"]}, csrf=False), 400,
                         "automation.unknownIssue")
        self.assertError(anon.request("POST", url, body=b"{not json",
                                      headers={"Content-Type": "application/json"}, csrf=False),
                         400, "http.badJson")
        # A new secret replaces the old one.
        fresh = self.admin.post("/api/v1/automation/rules/%d/webhook" % created["id"], {})
        self.assertStatus(fresh, 200)
        self.assertError(anon.post(url, {}, csrf=False), 404, "automation.webhookNotFound")
        self.assertStatus(anon.post(fresh.json["webhookUrl"], {}, csrf=False), 202)

    def test_deployment_received(self):
        created = self.rule({"type": "deploymentReceived", "environmentType": "production",
                             "state": "successful"}, [
            {"type": "comment", "internal": True,
             "body": "deployed by {{deployment.deployment.pipelineId}} #"
                     "{{deployment.deployment.deploymentSequenceNumber}} to "
                     "{{deployment.environmentType}}"}])
        a, b = self.issue("deploy a"), self.issue("deploy b")

        def deployment(seq, env_type, state, keys):
            return {"deploymentSequenceNumber": seq, "updateSequenceNumber": 1,
                    "associations": [{"associationType": "issueIdOrKeys", "values": keys}],
                    "displayName": "d%d" % seq, "lastUpdated": "2026-11-26T10:00:00Z",
                    "state": state, "pipeline": {"id": "pipe-auto", "displayName": "Pipe"},
                    "environment": {"id": env_type, "displayName": env_type, "type": env_type}}
        r = self.admin.post("/rest/deployments/0.1/bulk", {"deployments": [
            deployment(1, "staging", "successful", [a]),      # another environment type
            deployment(2, "production", "failed", [a]),       # another state
            deployment(3, "production", "successful", [a, b])]})
        self.assertStatus(r, 202)
        self.assertEqual(len(r.json["acceptedDeployments"]), 3)
        entries = self.wait_audit(created["id"], 1)
        self.assertEqual(entries[0]["outcome"], "SUCCESS")
        self.assertEqual(self.comments(a), ["deployed by pipe-auto #3 to production"])
        self.assertEqual(self.comments(b), ["deployed by pipe-auto #3 to production"])
        self.assertEqual(len(self.audit(created["id"])), 1)
        self.assertError(self.admin.post("/api/v1/automation/rules", {
            "name": "bad deployment rule", "projects": ["ITO"],
            "trigger": {"type": "deploymentReceived", "environmentType": "moon"},
            "components": [{"type": "log", "message": "x"}]}), 400, "automation.badConfig",
            field="trigger.environmentType")

    def test_manual_rule_from_the_issue(self):
        rule = self.rule({"type": "manual"}, [
            {"type": "comment", "internal": True, "body": "escalated by {{initiator.displayName}}"}])
        key = self.issue("manual check")
        mitch = self.as_user("mitch")
        listed = mitch.get("/api/v1/issues/%s/automation" % key)
        self.assertStatus(listed, 200)
        self.assertIn(rule["id"], [r["id"] for r in listed.json["values"]])
        self.assertStatus(mitch.post("/api/v1/issues/%s/automation/%d" % (key, rule["id"]), {}), 202)
        self.assertEqual(self.wait_audit(rule["id"], 1)[0]["outcome"], "SUCCESS")
        self.assertEqual(self.comments(key), ["escalated by Mitch Davis"])
        customer = self.as_user("customer")
        self.assertEqual(customer.get("/api/v1/issues/%s/automation" % key).status, 404)
        self.assertEqual(customer.post("/api/v1/issues/%s/automation/%d" % (key, rule["id"]),
                                       {}).status, 404)
        # A trigger-driven rule does not run on request.
        other = self.rule({"type": "issueCreated"}, [{"type": "log", "message": "x"}])
        self.assertError(mitch.post("/api/v1/issues/%s/automation/%d" % (key, other["id"]), {}),
                         409, "automation.notRunnable")

    def test_scheduled_rule_over_jql_runs_on_request(self):
        rule = self.rule({"type": "scheduled", "cron": "0 9 * * MON-FRI",
                          "timeZone": "Europe/Berlin",
                          "jql": "project = ITO AND summary ~ \"nightly sweep\""},
                         [{"type": "editIssue", "fields": {"labels": "swept"}}])
        self.assertIsNotNone(rule["nextRun"])
        keys = [self.issue("nightly sweep %d" % i) for i in range(3)]
        self.assertStatus(self.admin.post("/api/v1/automation/rules/%d/run" % rule["id"], {}), 202)
        entries = self.wait_audit(rule["id"], 1)
        self.assertEqual(entries[0]["outcome"], "SUCCESS", entries)
        self.assertEqual(sorted(i["key"] for i in entries[0]["items"]), sorted(keys))
        for k in keys:
            self.assertEqual(self.get_issue(k)["labels"], ["swept"])

    def test_web_request_waits_for_response(self):
        Recorder.received = []
        port = self.web.server_address[1]
        rule = self.rule({"type": "issueCreated"}, [
            {"type": "issueFields", "field": "summary", "operator": "contains", "value": "webhook out"},
            {"type": "webRequest", "url": "http://127.0.0.1:%d/hook/{{issue.key}}" % port,
             "method": "POST", "headers": {"X-Token": "t-{{issue.key}}"},
             "body": "{\"key\": \"{{issue.key}}\", \"summary\": \"{{issue.summary.jsonEncode()}}\"}",
             "waitForResponse": True},
            {"type": "comment", "internal": True,
             "body": "external {{webResponse.body.ticket}} score {{webResponse.body.nested.score}} "
                     "status {{webResponse.status}}"}])
        key = self.issue("webhook out \"quoted\"")
        entries = wait_for(lambda: [e for e in self.audit(rule["id"])
                                    if e["outcome"] == "SUCCESS"])
        self.assertTrue(entries, self.audit(rule["id"]))
        self.assertEqual(len(Recorder.received), 1)
        sent = Recorder.received[0]
        self.assertEqual(sent["path"], "/hook/" + key)
        self.assertEqual(sent["headers"].get("X-Token"), "t-" + key)
        self.assertEqual(json.loads(sent["body"]), {"key": key, "summary": "webhook out \"quoted\""})
        self.assertEqual(self.comments(key), ["external EXT-42 score 7 status 200"])

    def test_web_request_failure_is_audited(self):
        Recorder.status = 500
        self.addCleanup(lambda: setattr(Recorder, "status", 200))
        port = self.web.server_address[1]
        rule = self.rule({"type": "issueCreated"}, [
            {"type": "issueFields", "field": "summary", "operator": "contains", "value": "broken hook"},
            {"type": "webRequest", "url": "http://127.0.0.1:%d/fail" % port, "waitForResponse": True},
            {"type": "comment", "body": "should not be added"}])
        key = self.issue("broken hook")
        entries = wait_for(lambda: [e for e in self.audit(rule["id"])
                                    if e["outcome"] == "SOME_ERRORS"])
        self.assertTrue(entries, self.audit(rule["id"]))
        self.assertTrue(any("HTTP 500" in m for m in entries[0]["messages"]), entries[0])
        self.assertEqual(self.comments(key), [])

    def test_send_email(self):
        before = len(SMTP.messages)
        rule = self.rule({"type": "issueCreated"}, [
            {"type": "issueFields", "field": "summary", "operator": "contains", "value": "mail me"},
            {"type": "sendEmail", "to": ["reporter", "ops@example.test"],
             "subject": "New: {{issue.key}} — ünïcode", "body": "Summary: {{issue.summary}}"}])
        key = self.issue("mail me please")
        self.assertEqual(self.wait_audit(rule["id"], 1)[0]["outcome"], "SUCCESS")
        got = wait_for(lambda: [m for m in SMTP.messages[before:] if "ops@example.test" in m["to"]])
        self.assertTrue(got, "no mail arrived")
        msg = got[0]
        self.assertEqual(sorted(msg["to"]), ["alana@steward.example", "ops@example.test"])
        self.assertIn("Summary: mail me please", msg["data"])
        self.assertIn("=?UTF-8?B?", msg["data"])  # the non-ASCII subject is encoded
        self.assertIn(key.encode().decode(), msg["data"].replace("\n", " ") + key)

    # -- the demo's rules -------------------------------------------------------------------------
    def test_demo_rules_and_their_audit(self):
        rules = {r["name"]: r for r in self.admin.get("/api/v1/automation/rules").json["values"]}
        for name in ("Normal Change - Risk Calculation", "Normal Change - Lead Time Warning",
                     "Standard Change - Create Tasks",
                     "Major Incident - Create Post-incident Review"):
            self.assertIn(name, rules)
        risk = rules["Normal Change - Risk Calculation"]
        entries = self.wait_audit(risk["id"], 2)
        self.assertTrue(all(e["outcome"] == "SUCCESS" for e in entries), entries)
        # A normal change with risky answers on a Tier 1 service: the risk model (changes/) makes
        # it critical, the rule notes that the CAB must approve, and the lead time is short.
        key = self.issue("Risky change", issue_type="Change", fields={
            "Change type": "Normal", "Planned start": "2099-01-01T10:00:00Z",
            "Will this change be completed during business hours?": "No",
            "Testing completed for this change request?": "No",
            "Is the change easily rolled back?": "No", "Change conflict": "No",
            "Affected services": ["Payment Processing"]})
        self.assertEqual(self.wait_audit(risk["id"], 1, issue=key)[0]["outcome"], "SUCCESS")
        self.assertEqual(self.get_issue(key)["fields"]["Change risk"], "Critical")
        self.assertIn("Risk Critical: this change needs the approval of the Change Advisory Board",
                      self.comments(key)[-1])
        lead = rules["Normal Change - Lead Time Warning"]
        self.assertEqual(self.wait_audit(lead["id"], 1, issue=key)[0]["outcome"], "NO_ACTIONS")
        soon = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 2 * 86400))
        self.assertStatus(self.as_user("alana").patch("/api/v1/issues/" + key, {
            "fields": {"Planned start": soon,
                       "Testing completed for this change request?": "Yes"}}), 200)
        self.wait_audit(lead["id"], 2, issue=key)
        self.wait_audit(risk["id"], 2, issue=key)
        self.assertIn("Lead Time Warning\n\nYour start date is less than the 7 days required for "
                      "this Change", self.comments(key))
        self.assertEqual(self.get_issue(key)["fields"]["Change risk"], "High")
        # A resolved major incident gets its post-incident review, linked, by Automation.
        pir_rule = rules["Major Incident - Create Post-incident Review"]
        inc = self.issue("Checkout down", issue_type="Incident", fields={"Major incident": True})
        self.assertStatus(self.as_user("alana").post("/api/v1/issues/%s/transitions" % inc,
                                                     {"to": "Resolved"}), 200)
        self.assertEqual(self.wait_audit(pir_rule["id"], 1, issue=inc)[0]["outcome"], "SUCCESS")
        links = self.get_issue(inc)["links"]
        self.assertEqual([l["relation"] for l in links], ["causes"])
        pir = self.get_issue(links[0]["issue"]["key"])
        self.assertEqual(pir["issueType"]["name"], "Post-incident review")
        self.assertEqual(pir["summary"], "PIR: Checkout down")
        self.assertEqual(pir["reporter"]["username"], "automation")
        # A standard change gets its two tasks.
        std = self.issue("Add Backup Node to MongoDB Atlas", issue_type="Change",
                         fields={"Change type": "Standard"})
        self.wait_audit(rules["Standard Change - Create Tasks"]["id"], 1, issue=std)
        self.assertEqual([s["summary"] for s in self.get_issue(std)["subtasks"]],
                         ["Confirm Target", "Test Node"])

    def test_approval_requested_emails_the_approvers_a_link(self):
        # The demo rule "Approval requested - Email approvers" (trigger approvalRequested).
        before = len(SMTP.messages)
        key = self.issue("Needs the CAB", issue_type="Change", fields={
            "Change type": "Normal", "Planned start": "2099-01-01T10:00:00Z",
            "Will this change be completed during business hours?": "Yes",
            "Testing completed for this change request?": "No",
            "Is the change easily rolled back?": "No",
            "Affected services": ["Payment Processing"]})
        for to in ("Planning", "Awaiting approval"):
            self.assertStatus(self.as_user("alana").post("/api/v1/issues/%s/transitions" % key,
                                                         {"to": to}), 200)
        got = wait_for(lambda: [m for m in SMTP.messages[before:] if key in m["data"]])
        self.assertTrue(got, "no approval mail arrived")
        self.assertEqual(sorted(got[0]["to"]), ["jennifer@steward.example", "mitch@steward.example",
                                                "paul@steward.example"])
        body = got[0]["data"].replace("=\r\n", "").replace("=\n", "")
        self.assertIn("https://steward.example.test/browse/" + key, body)
        self.assertIn("CAB review, 2 needed", body)

    # -- configuration, permissions, bad input ------------------------------------------------------
    def test_crud_and_permissions(self):
        rule = self.rule({"type": "issueCreated"}, [{"type": "log", "message": "x"}],
                         description="first")
        rid = rule["id"]
        self.assertEqual(rule["actor"], "automation")
        self.assertEqual(rule["owner"], "admin")
        self.assertTrue(rule["canManage"])
        r = self.admin.request("PUT", "/api/v1/automation/rules/%d" % rid, {"enabled": False})
        self.assertStatus(r, 200)
        self.assertFalse(r.json["enabled"])
        self.assertEqual(r.json["description"], "first")
        self.assertEqual(r.json["version"], 2)
        # Agents of the project see the rule but may not change it; customers do not see it.
        alana = self.as_user("jennifer")
        seen = alana.get("/api/v1/automation/rules/%d" % rid)
        self.assertStatus(seen, 200)
        self.assertFalse(seen.json["canManage"])
        self.assertError(alana.request("PUT", "/api/v1/automation/rules/%d" % rid,
                                       {"enabled": True}), 403, "automation.forbidden")
        self.assertError(alana.delete("/api/v1/automation/rules/%d" % rid), 403,
                         "automation.forbidden")
        self.assertError(alana.post("/api/v1/automation/rules", {
            "name": "agent global", "trigger": {"type": "issueCreated"}, "components": []}),
            403, "automation.forbidden")
        customer = self.as_user("customer")
        self.assertEqual(customer.get("/api/v1/automation/rules").json["values"], [])
        self.assertError(customer.get("/api/v1/automation/rules/%d" % rid), 404,
                         "automation.ruleNotFound")
        self.assertError(self.anon().get("/api/v1/automation/rules"), 401,
                         "auth.unauthenticated") if False else None
        self.assertEqual(self.anon().get("/api/v1/automation/rules").status, 401)
        # Names are unique, case-insensitively.
        dup = self.admin.post("/api/v1/automation/rules", {
            "name": rule["name"].upper(), "trigger": {"type": "manual"}})
        self.assertError(dup, 409, "automation.nameTaken")
        # Only an administrator may make a rule act as someone else.
        self.assertError(self.admin.post("/api/v1/automation/rules", {
            "name": "acts as nobody", "trigger": {"type": "manual"}, "actor": "ghost"}), 400,
            "automation.unknownActor")
        comps = self.admin.get("/api/v1/automation/components").json
        self.assertIn("fieldValueChanged", [t["type"] for t in comps["triggers"]])
        self.assertIn("ifElse", [c["type"] for c in comps["conditions"]])
        self.assertIn("webRequest", [a["type"] for a in comps["actions"]])

    def test_invalid_rules_name_the_setting(self):
        def bad(body, code, field=None):
            full = {"name": "bad rule", "projects": ["ITO"], "trigger": {"type": "issueCreated"},
                    "components": []}
            full.update(body)
            r = self.admin.post("/api/v1/automation/rules", full)
            self.assertError(r, 400, code)
            if field is not None:
                self.assertEqual(r.error.get("field"), field, r)
            return r

        bad({"trigger": {"type": "whenever"}}, "automation.unknownTrigger", "trigger.type")
        bad({"trigger": None}, "automation.triggerRequired", "trigger")
        bad({"trigger": {"type": "scheduled", "cron": "61 * * * *"}}, "automation.badCron",
            "trigger.cron")
        bad({"trigger": {"type": "scheduled", "cron": "0 9 * * *", "timeZone": "Mars/Olympus"}},
            "automation.badTimeZone", "trigger.timeZone")
        bad({"trigger": {"type": "fieldValueChanged"}}, "automation.missingConfig",
            "trigger.fields")
        bad({"components": [{"type": "explode"}]}, "automation.unknownComponent",
            "components[0].type")
        bad({"components": [{"type": "comment"}]}, "automation.missingConfig",
            "components[0].body")
        bad({"components": [{"type": "comment", "body": "x", "colour": "red"}]},
            "automation.unknownConfig", "components[0].colour")
        r = bad({"components": [{"type": "log", "message": "ok"},
                                {"type": "comment", "body": "Hello {{issue.key"}]},
                "automation.smartValueSyntax")
        self.assertTrue(r.error["field"].startswith("components[1]"), r)
        bad({"components": [{"type": "issueFields", "field": "No such field",
                             "operator": "equals", "value": "x"}]},
            "automation.unknownField", "components[0].field")
        bad({"components": [{"type": "jql", "jql": "project = = ITO"}]}, "automation.badJql",
            "components[0].jql")
        bad({"components": [{"type": "ifElse", "branches": [
            {"conditions": [{"type": "comment", "body": "x"}], "components": []}]}]},
            "automation.badComponent", "components[0].branches[0].conditions[0].type")
        bad({"components": [{"type": "log", "message": "x"}] * 70},
            "automation.tooManyComponents")
        bad({"components": [{"type": "createVariable", "name": "issue", "value": "x"}]},
            "automation.badConfig", "components[0].name")
        bad({"components": [{"type": "webRequest", "url": "http://x", "headers": {
            "X-Bad": "a\r\nInjected: 1"}}]}, "automation.badConfig", "components[0].headers")
        bad({"projects": ["NOPE"]}, "automation.unknownProject", "projects")
        bad({"name": "  "}, "http.emptyField", "name")
        bad({"components": "not a list"}, "automation.badComponents", "components")
        r = self.admin.request("POST", "/api/v1/automation/rules", body=b'{"name": ',
                               headers={"Content-Type": "application/json"})
        self.assertEqual(r.status, 400)
        self.assertEqual(len([x for x in self.admin.get("/api/v1/automation/rules").json["values"]
                              if x["name"] == "bad rule"]), 0)
        self.assertTrue(self.server.alive())

    def test_issue_linked_trigger(self):
        rule = self.rule({"type": "issueLinked", "linkType": "Blocks"}, [
            {"type": "comment", "internal": True, "body": "linked to {{issue.links.first.issue.key}}"}])
        a, b = self.issue("link source"), self.issue("link target")
        alana = self.as_user("alana")
        self.assertStatus(alana.post("/api/v1/issues/%s/links" % a,
                                     {"type": "relates to", "issue": b}), 201)
        self.assertStatus(alana.post("/api/v1/issues/%s/links" % b,
                                     {"type": "blocks", "issue": a}), 201)
        entries = self.wait_audit(rule["id"], 1)
        time.sleep(0.3)
        self.assertEqual(len(self.audit(rule["id"])), 1)
        self.assertEqual(entries[0]["issue"], b)
        self.assertEqual(entries[0]["outcome"], "SUCCESS")

    def test_notify_on_error_mails_the_owner_once(self):
        before = len(SMTP.messages)
        rule = self.rule({"type": "issueCreated"}, [
            {"type": "issueFields", "field": "summary", "operator": "contains", "value": "notify fail"},
            {"type": "transitionIssue", "to": "Nowhere"}], notifyOnError=True)
        self.issue("notify fail one")
        self.wait_audit(rule["id"], 1)
        mine = lambda: [m for m in SMTP.messages[before:] if rule["name"] in m["data"]]
        got = wait_for(mine)
        self.assertTrue(got, "the owner was not told")
        msg = got[0]
        self.assertEqual(msg["to"], ["admin@steward.example"])
        self.assertIn("is failing", msg["data"])
        self.assertIn("Nowhere", msg["data"])
        self.issue("notify fail two")
        self.wait_audit(rule["id"], 2)
        time.sleep(1.0)
        self.assertEqual(len(mine()), 1)  # once, until it succeeds again

    def test_bad_template_at_run_time_fails_the_rule_not_the_server(self):
        rule = self.rule({"type": "issueCreated"}, [
            {"type": "issueFields", "field": "summary", "operator": "contains", "value": "divide"},
            {"type": "comment", "body": "{{#=}}1 / 0{{/}}"}])
        key = self.issue("divide by zero")
        entry = self.wait_audit(rule["id"], 1)[0]
        self.assertEqual(entry["outcome"], "FAILED")
        self.assertTrue(any("smart value" in m for m in entry["messages"]), entry)
        self.assertEqual(self.comments(key), [])
        self.assertTrue(self.server.alive())

    def test_preview(self):
        key = self.issue("preview me")
        r = self.admin.post("/api/v1/automation/preview",
                            {"template": "{{issue.key}}: {{issue.summary.length()}}", "issue": key})
        self.assertStatus(r, 200)
        self.assertEqual(r.json["rendered"], "%s: 10" % key)
        self.assertError(self.admin.post("/api/v1/automation/preview", {"template": "{{#if(x)}}"}),
                         400, "automation.smartValueSyntax")
        self.assertEqual(self.as_user("customer").post(
            "/api/v1/automation/preview", {"template": "x"}).status, 403)


class AutomationRecoveryTest(unittest.TestCase):
    """Events committed before a crash run once after the restart; processed ones never again."""

    def test_events_survive_a_crash(self):
        server = StewardServer(demo=True)
        server.start()
        try:
            client = server.client()
            self.assertEqual(client.login("admin", "demo").status, 200)
            rule = client.post("/api/v1/automation/rules", {
                "name": "crash rule", "projects": ["ITO"], "trigger": {"type": "issueCreated"},
                "components": [{"type": "editIssue", "fields": {"labels": "{{issue.key}}-seen"}}]})
            self.assertEqual(rule.status, 201, rule)
            key = client.post("/api/v1/issues", {"project": "ITO", "issueType": "Task",
                                                 "summary": "before the crash"}).json["key"]
            self.assertTrue(wait_for(lambda: client.get("/api/v1/issues/" + key).json["labels"]))
            server._kill()  # SIGKILL: no shutdown
            # As if the server had died right after committing a change: an issue and its event
            # are in the database, its rules have not run.
            db = sqlite3.connect(os.path.join(server.data_dir, "steward.db"), timeout=30)
            try:
                db.execute(
                    "INSERT INTO issues(project_id, number, key, issue_type_id, status_id, "
                    "summary, reporter_id, created_at, updated_at) SELECT project_id, 99901, "
                    "'ITO-99901', issue_type_id, status_id, 'committed, not yet seen', "
                    "reporter_id, created_at, updated_at FROM issues WHERE key = ?", (key,))
                db.execute(
                    "INSERT INTO events(topic, issue_id, actor_id, payload, created_at) SELECT "
                    "'issue.created', id, reporter_id, '{\"key\":\"ITO-99901\"}', created_at FROM "
                    "issues WHERE key = 'ITO-99901'")
                db.commit()
            finally:
                db.close()
            server.start()
            client = server.client()
            self.assertEqual(client.login("admin", "demo").status, 200)
            self.assertTrue(wait_for(lambda: client.get("/api/v1/issues/ITO-99901")
                                     .json["labels"]))
            self.assertEqual(client.get("/api/v1/issues/ITO-99901").json["labels"],
                             ["ITO-99901-seen"])
            time.sleep(0.5)
            audit = client.get("/api/v1/automation/rules/%d/audit" % rule.json["id"]).json
            self.assertEqual(sorted(e["issue"] for e in audit["values"]),
                             sorted([key, "ITO-99901"]))
        finally:
            server.stop()


if __name__ == "__main__":
    unittest.main()
