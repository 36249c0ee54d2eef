"""Online backup while the server runs, restore into a new data directory, serve from it."""

import os
import shutil
import subprocess
import tempfile
import unittest

from steward_harness import STEWARD_BIN, StewardServer, StewardTestCase, make_png


class BackupTest(StewardTestCase):
    DEMO = True

    def test_backup_while_serving_then_restore(self):
        alana = self.as_user("alana")
        r = alana.post("/api/v1/issues", {"project": "ITO", "issueType": "Task",
                                          "summary": "Written before the backup"})
        self.assertStatus(r, 201)
        key = r.json["key"]
        png = make_png(3, 3)
        att = alana.request("POST", "/api/v1/issues/%s/attachments?filename=p.png" % key,
                            body=png, headers={"Content-Type": "application/octet-stream"})
        self.assertStatus(att, 201)
        tmp = tempfile.mkdtemp(prefix="steward-backup-")
        try:
            backup_dir = os.path.join(tmp, "backup")
            out = subprocess.run([STEWARD_BIN, "backup", "--data", self.server.data_dir,
                                  "--to", backup_dir], capture_output=True, text=True, timeout=120)
            self.assertEqual(out.returncode, 0, out.stderr)
            # The server kept serving during and after the backup.
            self.assertStatus(self.anon().get("/healthz"), 200)
            again = subprocess.run([STEWARD_BIN, "backup", "--data", self.server.data_dir,
                                    "--to", backup_dir], capture_output=True, text=True, timeout=60)
            self.assertNotEqual(again.returncode, 0, "a backup must not overwrite another")

            restored = StewardServer()
            shutil.rmtree(restored.tmp)
            os.makedirs(restored.tmp)
            out = subprocess.run([STEWARD_BIN, "restore", "--from", backup_dir,
                                  "--data", restored.data_dir], capture_output=True, text=True,
                                 timeout=120)
            self.assertEqual(out.returncode, 0, out.stderr)
            refused = subprocess.run([STEWARD_BIN, "restore", "--from", backup_dir,
                                      "--data", restored.data_dir], capture_output=True,
                                     text=True, timeout=60)
            self.assertNotEqual(refused.returncode, 0, "restore must not overwrite a database")
            restored.start()
            try:
                c = restored.client()
                self.assertStatus(c.login("alana"), 200)
                issue = c.get("/api/v1/issues/" + key)
                self.assertStatus(issue, 200)
                self.assertEqual(issue.json["summary"], "Written before the backup")
                attachment_id = issue.json["attachments"][0]["id"]
                content = c.get("/api/v1/attachments/%d/content" % attachment_id)
                self.assertStatus(content, 200)
                self.assertEqual(content.body, png)
            finally:
                self.assertEqual(restored.stop(), 0)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    unittest.main()
