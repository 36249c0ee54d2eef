"""`steward deploy` (S6.7-6.8): a pipeline reports its deployment in one line. The CI context
comes from the environment variables of GitHub Actions, GitLab CI, Jenkins, CircleCI and
Bitbucket Pipelines; issue keys from the branch name, the commit message (or the checkout's last
commit) and --issue; with --wait the deployment is gated and the command exits like
`steward gate`. Runs the real binary against a real server with the demo."""

import json
import os
import subprocess
import tempfile
import unittest

from steward_harness import STEWARD_BIN, StewardTestCase


def run(args, env_vars, cwd, timeout=60):
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin")}
    env.update(env_vars)
    return subprocess.run([STEWARD_BIN, "deploy"] + args, env=env, cwd=cwd,
                          capture_output=True, text=True, timeout=timeout)


GITHUB = {"GITHUB_ACTIONS": "true", "GITHUB_SERVER_URL": "https://github.example",
          "GITHUB_REPOSITORY": "acme/payments-api", "GITHUB_WORKFLOW": "release",
          "GITHUB_RUN_ID": "9001", "GITHUB_RUN_NUMBER": "77",
          "GITHUB_REF_NAME": "feature/ito-2092-tls-ciphers", "GITHUB_SHA": "a1b2c3d4e5f60718293a"}


class StewardDeployTest(StewardTestCase):
    DEMO = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bot = cls.token_client("alana")
        cls.dir = tempfile.mkdtemp(prefix="steward-deploy-")  # not a git checkout

    def base(self):
        return {"STEWARD_URL": "http://127.0.0.1:%d" % self.port, "STEWARD_TOKEN": self.bot.token}

    def stored(self, pipeline, env, seq):
        r = self.bot.get("/rest/deployments/0.1/pipelines/%s/environments/%s/deployments/%d"
                         % (pipeline.replace("/", "%2F"), env, seq))
        self.assertStatus(r, 200)
        return r.json

    def test_github_actions_gated_deployment_waits_for_approval(self):
        env = dict(GITHUB, **self.base())
        waiting = subprocess.Popen(
            [STEWARD_BIN, "deploy", "--environment", "prod-eu", "--service", "Payment Processing",
             "--wait", "--timeout", "60", "--interval", "0.2", "--no-git"],
            env=dict(env, PATH=os.environ.get("PATH", "/usr/bin:/bin")), cwd=self.dir,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            d = None
            for _ in range(200):  # until the report is stored
                r = self.bot.get("/rest/deployments/0.1/pipelines/acme%2Fpayments-api%2Frelease/"
                                 "environments/prod-eu/deployments/77")
                if r.status == 200:
                    d = r.json
                    break
                if waiting.poll() is not None:
                    break
                subprocess.run(["sleep", "0.05"])
            self.assertIsNotNone(d, waiting.stderr.read() if waiting.poll() is not None else "")
            # What the CI told: pipeline, run link, branch and commit, the key in the branch.
            self.assertEqual((d["pipeline"]["id"], d["pipeline"]["displayName"]),
                             ("acme/payments-api/release", "release"))
            self.assertEqual(d["url"], "https://github.example/acme/payments-api/actions/runs/9001")
            self.assertEqual(d["state"], "in_progress")
            self.assertEqual(d["environment"]["type"], "production")
            self.assertTrue(d["gating"])
            self.assertIn("feature/ito-2092-tls-ciphers", d["description"])
            key = d["changeRequest"]["key"]
            self.assertEqual(d["changeRequest"]["status"], "Awaiting approval")
            change = self.as_user("admin").get("/api/v1/issues/" + key).json
            self.assertIn("ITO-2092", [l["issue"]["key"] for l in change["links"]])
            # The change manager approves while the pipeline waits: exit 0.
            r = self.as_user("mitch").post("/api/v1/issues/%s/approvals" % key,
                                           {"decision": "approve"})
            self.assertStatus(r, 200)
            stdout, stderr = waiting.communicate(timeout=60)
        finally:
            if waiting.poll() is None:
                waiting.kill()
        self.assertEqual(waiting.returncode, 0, stdout + stderr)
        self.assertIn("change request %s (Awaiting approval)" % key, stdout)
        self.assertIn("issues ITO-2092", stdout)
        self.assertIn("allowed", stdout)
        # The pipeline deploys and reports success: the change completes.
        out = run(["--environment", "prod-eu", "--service", "Payment Processing", "--no-git"],
                  env, self.dir)
        self.assertEqual(out.returncode, 0, out)
        self.assertEqual(self.stored("acme/payments-api/release", "prod-eu", 77)["state"],
                         "successful")
        self.assertEqual(self.as_user("admin").get("/api/v1/issues/" + key).json["status"]["name"],
                         "Completed")
        self.assertIn("change request %s (Completed)" % key, out.stdout)

    def test_gitlab_environment_tier_commit_message_and_unknown_keys(self):
        env = dict(self.base(), GITLAB_CI="true", CI_PROJECT_PATH="acme/vpn-config",
                   CI_PROJECT_NAME="vpn-config", CI_PROJECT_URL="https://gitlab.example/acme/vpn",
                   CI_PIPELINE_URL="https://gitlab.example/acme/vpn/-/pipelines/5150",
                   CI_PIPELINE_IID="12", CI_COMMIT_REF_NAME="main", CI_COMMIT_SHA="feedface" * 5,
                   CI_COMMIT_MESSAGE="Rotate certificates (ITO-2091, ITO-99999)\n\nSee ITO-2091.",
                   CI_ENVIRONMENT_NAME="eu-pre", CI_ENVIRONMENT_TIER="staging",
                   GITLAB_USER_EMAIL="paul@example.com")
        out = run(["--service", "VPN"], env, self.dir)
        self.assertEqual(out.returncode, 0, out)
        self.assertIn("ITO-99999", out.stderr)  # unknown keys are named, not fatal
        d = self.stored("acme/vpn-config", "eu-pre", 12)
        self.assertEqual(d["environment"]["type"], "staging")
        self.assertEqual(d["state"], "successful")
        self.assertEqual(d["url"], "https://gitlab.example/acme/vpn/-/pipelines/5150")
        self.assertFalse(d["gating"])
        self.assertIsNone(d["changeRequest"])  # staging is no change environment
        found = self.bot.get("/api/v1/deployments?issue=ITO-2091").json["values"]
        self.assertIn(("acme/vpn-config", 12),
                      [(x["pipeline"]["id"], x["deploymentSequenceNumber"]) for x in found])

    def test_ci_systems_are_read_from_their_environment(self):
        cases = [
            ({"JENKINS_URL": "https://jenkins.example/", "JOB_NAME": "portal/deploy",
              "JOB_URL": "https://jenkins.example/job/portal", "BUILD_NUMBER": "318",
              "BUILD_URL": "https://jenkins.example/job/portal/318/",
              "GIT_BRANCH": "origin/ITO-2075-hotfix", "GIT_COMMIT": "0" * 40},
             ["--environment", "live"],
             ("portal/deploy", 318, "production", "https://jenkins.example/job/portal/318/",
              ["ITO-2075"])),
            ({"CIRCLECI": "true", "CIRCLE_PROJECT_USERNAME": "acme",
              "CIRCLE_PROJECT_REPONAME": "identity", "CIRCLE_BUILD_NUM": "64",
              "CIRCLE_BUILD_URL": "https://circleci.example/gh/acme/identity/64",
              "CIRCLE_BRANCH": "bugfix/ITO-2076", "CIRCLE_SHA1": "1" * 40},
             ["--environment", "qa-1", "--issue", "ito-2052"],
             ("acme/identity", 64, "testing", "https://circleci.example/gh/acme/identity/64",
              ["ITO-2052", "ITO-2076"])),
            ({"BITBUCKET_BUILD_NUMBER": "9", "BITBUCKET_REPO_FULL_NAME": "acme/warehouse",
              "BITBUCKET_REPO_SLUG": "warehouse", "BITBUCKET_BRANCH": "main",
              "BITBUCKET_COMMIT": "2" * 40, "BITBUCKET_DEPLOYMENT_ENVIRONMENT": "development"},
             [],
             ("acme/warehouse", 9, "development",
              "https://bitbucket.org/acme/warehouse/pipelines/results/9", [])),
        ]
        for env, args, (pipeline, seq, env_type, url, keys) in cases:
            with self.subTest(pipeline=pipeline):
                out = run(args + ["--dry-run", "--no-git"], env, self.dir)
                self.assertEqual(out.returncode, 0, out)
                [d] = json.loads(out.stdout)["deployments"]
                self.assertEqual((d["pipeline"]["id"], d["deploymentSequenceNumber"],
                                  d["environment"]["type"], d["url"]),
                                 (pipeline, seq, env_type, url))
                got = [a["values"] for a in d.get("associations", [])
                       if a["associationType"] == "issueKeys"]
                self.assertEqual(got[0] if got else [], keys)
                self.assertNotIn("commands", d)

    def test_issue_keys_from_the_checkouts_last_commit(self):
        repo = tempfile.mkdtemp(prefix="steward-deploy-git-")
        git = ["git", "-c", "user.name=CI", "-c", "user.email=ci@example.com"]
        subprocess.run(["git", "init", "-q", repo], check=True)
        with open(os.path.join(repo, "f"), "w") as f:
            f.write("x")
        subprocess.run(["git", "-C", repo, "add", "f"], check=True)
        subprocess.run(git + ["-C", repo, "commit", "-q", "-m",
                              "Fix checkout timeouts\n\nCloses ITO-2076; not MY-0 nor xITO-1"],
                       check=True)
        args = ["--pipeline", "manual", "--environment", "prod-eu", "--sequence", "3",
                "--dry-run"]
        [d] = json.loads(run(args, {}, repo).stdout)["deployments"]
        self.assertEqual(d["associations"], [{"associationType": "issueKeys",
                                              "values": ["ITO-2076"]}])
        self.assertEqual(d["state"], "successful")
        [d] = json.loads(run(args + ["--no-git"], {}, repo).stdout)["deployments"]
        self.assertNotIn("associations", d)
        [d] = json.loads(run(args + ["--gate"], {}, repo).stdout)["deployments"]
        self.assertEqual((d["state"], d["commands"]),
                         ("in_progress", [{"command": "initiate_deployment_gating"}]))

    def test_bad_input_exits_4_with_a_reason(self):
        base = self.base()
        # No CI and no flags: nothing to report.
        out = run([], base, self.dir)
        self.assertEqual(out.returncode, 4)
        self.assertIn("--pipeline", out.stderr)
        out = run(["--pipeline", "p"], base, self.dir)
        self.assertEqual(out.returncode, 4)
        self.assertIn("--environment", out.stderr)
        out = run(["--pipeline", "p", "--environment", "prod-eu"], base, self.dir)
        self.assertEqual(out.returncode, 4)
        self.assertIn("--sequence", out.stderr)
        # The server refuses a state it does not know: its message is shown.
        out = run(["--pipeline", "p", "--environment", "prod-eu", "--sequence", "1", "--state",
                   "exploded", "--no-git"], base, self.dir)
        self.assertEqual(out.returncode, 4)
        self.assertIn("state must be one of", out.stderr)
        self.assertStatus(self.bot.get("/rest/deployments/0.1/pipelines/p/environments/prod-eu/"
                                       "deployments/1"), 404)
        # No token, a bad token, an unreachable server.
        out = run(["--pipeline", "p", "--environment", "prod-eu", "--sequence", "1"],
                  {"STEWARD_URL": base["STEWARD_URL"]}, self.dir)
        self.assertEqual(out.returncode, 4)
        self.assertIn("token", out.stderr)
        out = run(["--pipeline", "p", "--environment", "prod-eu", "--sequence", "1", "--no-git"],
                  dict(base, STEWARD_TOKEN="stw_not_a_token"), self.dir)
        self.assertEqual(out.returncode, 4)
        self.assertIn("HTTP 401", out.stderr)
        out = run(["--pipeline", "p", "--environment", "prod-eu", "--sequence", "1", "--no-git",
                   "--url", "http://127.0.0.1:9"], base, self.dir)
        self.assertEqual(out.returncode, 4)
        # A customer's token is refused (deployments are staff business).
        cust = self.token_client("customer")
        out = run(["--pipeline", "p", "--environment", "prod-eu", "--sequence", "1", "--no-git"],
                  dict(base, STEWARD_TOKEN=cust.token), self.dir)
        self.assertEqual(out.returncode, 4)
        self.assertIn("HTTP 403", out.stderr)


if __name__ == "__main__":
    unittest.main()
