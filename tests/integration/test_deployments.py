"""Deployment tracking (issue 7, S6.7): CI/CD tools report deployments in the JSM deployments API
shape. Upserts by (pipeline, environment, sequence) keep the report with the greatest
updateSequenceNumber; issue keys and services are resolved (unknown ones reported, not kept);
bad deployments are rejected one by one with the field named; customers may not report; reads,
deletes and Steward's own list see what was stored."""

import unittest

from steward_harness import StewardTestCase

BULK = "/rest/deployments/0.1/bulk"


def one(pipeline="build-42", env="prod-eu", seq=100, update=1, state="successful",
        env_type="production", issues=("ITO-2091",), services=("Payment Processing",), **extra):
    d = {
        "deploymentSequenceNumber": seq, "updateSequenceNumber": update,
        "associations": [{"associationType": "issueIdOrKeys", "values": list(issues)},
                         {"associationType": "serviceIdOrKeys", "values": list(services)}],
        "displayName": "Deploy #%d" % seq, "url": "https://ci.example/run/%d" % seq,
        "description": "release", "lastUpdated": "2026-11-26T10:00:00Z", "label": "v1.%d" % seq,
        "state": state,
        "pipeline": {"id": pipeline, "displayName": "Payments pipeline", "url": "https://ci.example"},
        "environment": {"id": env, "displayName": "Production EU", "type": env_type},
        "schemaVersion": "1.0",
    }
    d.update(extra)
    return d


def path(pipeline, env, seq):
    return "/rest/deployments/0.1/pipelines/%s/environments/%s/deployments/%s" % (pipeline, env, seq)


class DeploymentsTest(StewardTestCase):
    DEMO = True

    def test_submit_read_and_list(self):
        bot = self.as_user("admin")
        r = bot.post(BULK, {"properties": {"repo": "payments"},
                            "providerMetadata": {"product": "Jenkins 2.x"},
                            "deployments": [one(issues=("ITO-2091", "ito-2092", "ITO-999999"),
                                                services=("Payment Processing", "No Such Service"),
                                                commands=[{"command": "initiate_deployment_gating"}])]})
        self.assertStatus(r, 202)
        self.assertEqual(r.json["acceptedDeployments"],
                         [{"pipelineId": "build-42", "environmentId": "prod-eu",
                           "deploymentSequenceNumber": 100}])
        self.assertEqual(r.json["rejectedDeployments"], [])
        self.assertEqual(r.json["unknownIssueKeys"], ["ITO-999999"])
        self.assertEqual(r.json["unknownAssociations"],
                         [{"associationType": "serviceIdOrKeys", "values": ["No Such Service"]}])

        got = bot.get(path("build-42", "prod-eu", 100))
        self.assertStatus(got, 200)
        d = got.json
        self.assertEqual(d["state"], "successful")
        self.assertEqual(d["environment"], {"id": "prod-eu", "displayName": "Production EU",
                                            "type": "production"})
        self.assertEqual(d["lastUpdated"], "2026-11-26T10:00:00.000Z")
        self.assertEqual(d["commands"], [{"command": "initiate_deployment_gating"}])
        assoc = {a["associationType"]: a["values"] for a in d["associations"]}
        self.assertEqual(assoc["issueIdOrKeys"], ["ITO-2091", "ITO-2092"])
        self.assertEqual(len(assoc["serviceIdOrKeys"]), 1)  # the service's object key

        # Steward's list: by service (label), by issue, by environment type.
        agent = self.as_user("alana")
        for query in ("service=Payment%20Processing", "issue=ITO-2092", "environmentType=production"):
            listed = agent.get("/api/v1/deployments?limit=500&" + query)  # beside the demo's
            self.assertStatus(listed, 200)
            self.assertIn(100, [x["deploymentSequenceNumber"] for x in listed.json["values"]], query)
        self.assertEqual(
            agent.get("/api/v1/deployments?environmentType=development").json["values"], [])
        self.assertError(agent.get("/api/v1/deployments?service=Nope"), 400,
                         "deployments.unknownService", field="service")
        self.assertError(agent.get("/api/v1/deployments?environmentType=moon"), 400,
                         "deployments.invalid", field="environmentType")

        # A deployment report is an event for automation ("deployment received").
        db = self.server.db()
        try:
            topics = [t for (t,) in db.execute(
                "SELECT topic FROM events WHERE topic = 'deployment.received'").fetchall()]
        finally:
            db.close()
        self.assertGreaterEqual(len(topics), 1)

    def test_update_sequence_decides_and_deletes(self):
        admin = self.as_user("admin")
        self.assertStatus(admin.post(BULK, {"deployments": [one(pipeline="p2", seq=7, update=5,
                                                                state="in_progress")]}), 202)
        # An older report is accepted and ignored, as JSM does; a newer one replaces.
        self.assertStatus(admin.post(BULK, {"deployments": [one(pipeline="p2", seq=7, update=4,
                                                                state="failed")]}), 202)
        self.assertEqual(admin.get(path("p2", "prod-eu", 7)).json["state"], "in_progress")
        self.assertStatus(admin.post(BULK, {"deployments": [one(pipeline="p2", seq=7, update=6,
                                                                state="successful", issues=())]}),
                          202)
        d = admin.get(path("p2", "prod-eu", 7)).json
        self.assertEqual((d["state"], d["updateSequenceNumber"]), ("successful", 6))
        self.assertNotIn("issueIdOrKeys", [a["associationType"] for a in d["associations"]])

        self.assertStatus(admin.delete(path("p2", "prod-eu", 7)), 204)
        self.assertError(admin.get(path("p2", "prod-eu", 7)), 404, "deployments.notFound")
        self.assertError(admin.delete(path("p2", "prod-eu", 7)), 404, "deployments.notFound")
        self.assertError(admin.get(path("p2", "prod-eu", "x1")), 404, "deployments.notFound")

        # Delete by the submission's properties (all must match).
        self.assertStatus(admin.post(BULK, {"properties": {"repo": "web", "team": "a"},
                                            "deployments": [one(pipeline="p3", seq=1),
                                                            one(pipeline="p3", seq=2)]}), 202)
        self.assertStatus(admin.post(BULK, {"properties": {"repo": "web", "team": "b"},
                                            "deployments": [one(pipeline="p3", seq=3)]}), 202)
        r = admin.delete("/rest/deployments/0.1/bulkByProperties?repo=web&team=a")
        self.assertStatus(r, 202)
        self.assertEqual(r.json["deleted"], 2)
        self.assertStatus(admin.get(path("p3", "prod-eu", 3)), 200)
        self.assertError(admin.delete("/rest/deployments/0.1/bulkByProperties"), 400,
                         "deployments.invalid")

    def test_bad_input(self):
        admin = self.as_user("admin")
        good = one(pipeline="p9", seq=1)
        bad = [
            (one(pipeline="p9", seq=2, state="exploded"), "deployments[1].state"),
            (one(pipeline="p9", seq=3, env_type="moon"), "deployments[2].environment.type"),
            (one(pipeline="p9", seq=4, lastUpdated="yesterday"), "deployments[3].lastUpdated"),
            (one(pipeline="p9", seq=-1), "deployments[4].deploymentSequenceNumber"),
            (one(pipeline="p9", seq=6, surprise=True), "deployments[5].surprise"),
            (one(pipeline="p9", seq=7, commands=[{"command": "launch_missiles"}]),
             "deployments[6].commands"),
            (dict(one(pipeline="p9", seq=8), pipeline={"id": ""}), "deployments[7].pipeline.id"),
        ]
        r = admin.post(BULK, {"deployments": [good] + [b for b, _ in bad] + [good]})
        self.assertStatus(r, 202)
        self.assertEqual(len(r.json["acceptedDeployments"]), 1)
        rejected = r.json["rejectedDeployments"]
        self.assertEqual([x["errors"][0]["field"] for x in rejected[:len(bad)]],
                         [f for _, f in bad])
        self.assertIn("twice", rejected[-1]["errors"][0]["message"])
        for x in rejected:
            self.assertTrue(x["errors"][0]["message"])
        # Nothing of a rejected deployment was stored.
        self.assertError(admin.get(path("p9", "prod-eu", 2)), 404, "deployments.notFound")

        # Whole-body problems are 400 with the S1.4 shape.
        self.assertError(admin.post(BULK, {"deployments": []}), 400, "deployments.invalid",
                         field="deployments")
        self.assertError(admin.post(BULK, {"deployments": [good] * 101}), 400,
                         "deployments.invalid", field="deployments")
        self.assertError(admin.post(BULK, {"deployments": [good], "extra": 1}), 400,
                         "http.unknownField")
        self.assertError(admin.post(BULK, {"properties": {"a": 1}, "deployments": [good]}), 400,
                         "deployments.invalid", field="properties.a")
        self.assertError(admin.request("POST", BULK, body=b"{not json",
                                       headers={"Content-Type": "application/json"}), 400,
                         "http.malformedJson")
        self.assertTrue(self.server.alive())

    def test_permissions(self):
        customer = self.as_user("customer")
        self.assertError(customer.post(BULK, {"deployments": [one(pipeline="c1")]}), 403,
                         "deployments.forbidden")
        self.assertError(customer.get("/api/v1/deployments"), 403, "deployments.forbidden")
        self.assertError(customer.get(path("build-42", "prod-eu", 100)), 403,
                         "deployments.forbidden")
        self.assertError(self.anon().post(BULK, {"deployments": [one()]}, csrf=False), 401,
                         "http.unauthenticated")
        # A bot's API token reports deployments (what CI uses).
        token = self.token_client("admin")
        self.assertStatus(token.post(BULK, {"deployments": [one(pipeline="tok", seq=1)]},
                                     csrf=False), 202)


if __name__ == "__main__":
    unittest.main()
