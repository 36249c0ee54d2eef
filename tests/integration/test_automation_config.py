"""Rules as code: `steward config export --rules` and `steward config apply FILE` round-trip
rules through YAML, apply all-or-nothing, and name the rule and the line of a bad setting."""

import os
import subprocess
import tempfile
import unittest

from steward_harness import STEWARD_BIN

RULES = """\
rules:
  - name: Triage printers
    description: Label printer incidents
    projects: [ITO]
    trigger:
      type: issueCreated
    components:
      - type: issueFields
        field: summary
        operator: contains
        value: printer
      - type: editIssue
        fields:
          labels: printer
  - name: Nightly sweep
    projects: [ITO]
    enabled: false
    trigger: {type: scheduled, cron: "0 2 * * *", timeZone: Europe/Berlin}
    components:
      - {type: log, message: "swept {{issue.key}}"}
  - name: From CI
    projects: [ITO]
    trigger: {type: incomingWebhook}
    components:
      - {type: log, message: "build {{webhookData.build}}"}
"""

BAD = """\
rules:
  - name: Good one
    projects: [ITO]
    trigger: {type: manual}
  - name: Broken
    projects: [ITO]
    trigger: {type: issueCreated}
    components:
      - type: log
        message: fine
      - type: jql
        jql: "project = = ITO"
"""


class ConfigAsCodeTest(unittest.TestCase):
    def run_cli(self, data, *args, ok=True):
        r = subprocess.run([STEWARD_BIN, *args, "--data", data], capture_output=True, text=True,
                           timeout=120)
        if ok:
            self.assertEqual(r.returncode, 0, r.stderr)
        return r

    def test_export_apply_round_trip_and_errors(self):
        with tempfile.TemporaryDirectory() as tmp:
            data = os.path.join(tmp, "data")
            self.run_cli(data, "demo")
            path = os.path.join(tmp, "rules.yaml")
            with open(path, "w") as f:
                f.write(RULES)
            out = self.run_cli(data, "config", "apply", path).stdout
            self.assertIn("3 created, 0 updated", out)
            self.assertIn('webhook for "From CI": /api/v1/automation/webhooks/whk_', out)
            exported = self.run_cli(data, "config", "export", "--rules").stdout
            self.assertIn("Triage printers", exported)
            self.assertIn("Normal Change - Risk Calculation", exported)  # the demo's rules
            self.assertIn("Europe/Berlin", exported)
            # Applying the export again changes nothing but versions: same names, all updated.
            again = os.path.join(tmp, "again.yaml")
            with open(again, "w") as f:
                f.write(exported)
            out = self.run_cli(data, "config", "apply", again).stdout
            self.assertIn("0 created", out)
            self.assertEqual(self.run_cli(data, "config", "export", "--rules").stdout, exported)
            # JSON export parses and holds the same rules.
            as_json = self.run_cli(data, "config", "export", "--rules", "--format", "json").stdout
            import json
            names = [r["name"] for r in json.loads(as_json)["rules"]]
            self.assertIn("Nightly sweep", names)
            # A bad rule: nothing applied, the error names the rule and the line.
            bad = os.path.join(tmp, "bad.yaml")
            with open(bad, "w") as f:
                f.write(BAD)
            r = self.run_cli(data, "config", "apply", bad, ok=False)
            self.assertNotEqual(r.returncode, 0)
            self.assertIn("line 12", r.stderr)
            self.assertIn('rule "Broken"', r.stderr)
            self.assertIn("components[1].jql", r.stderr)
            exported_after = self.run_cli(data, "config", "export", "--rules").stdout
            self.assertNotIn("Good one", exported_after)
            # Malformed YAML.
            with open(bad, "w") as f:
                f.write("rules:\n  - name: [unclosed\n")
            r = self.run_cli(data, "config", "apply", bad, ok=False)
            self.assertIn("line", r.stderr)


if __name__ == "__main__":
    unittest.main()
