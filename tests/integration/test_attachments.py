"""Attachments (S3.9): raw and multipart uploads, content sniffing, download, 20 MB limit.
Demo server."""

import hashlib
import os
import unittest

from steward_harness import (HOST, StewardTestCase, make_png, multipart, raw_exchange)

MIB = 1024 * 1024


class AttachmentsTest(StewardTestCase):
    DEMO = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent = cls.token_client("alana")

    def new_issue(self, reporter=None):
        body = {"project": "ITO", "issueType": "Service request", "summary": "with files"}
        if reporter:
            body["reporter"] = reporter
        r = self.agent.post("/api/v1/issues", body)
        self.assertStatus(r, 201)
        return r.json["key"]

    def upload(self, key, data, filename, content_type="application/octet-stream", client=None):
        return (client or self.agent).post(
            "/api/v1/issues/%s/attachments?filename=%s" % (key, filename), body=data,
            content_type=content_type)

    def test_raw_upload_and_download(self):
        key = self.new_issue()
        data = b"Printer log\nline 2\n"
        r = self.upload(key, data, "printer.log", "text/plain")
        self.assertStatus(r, 201)
        att = r.json
        self.assertEqual(att["filename"], "printer.log")
        self.assertEqual(att["size"], len(data))
        self.assertEqual(att["mimeType"], "text/plain")
        self.assertEqual(att["issue"], key)
        self.assertEqual(att["author"]["username"], "alana")
        got = self.agent.get(att["content"])
        self.assertStatus(got, 200)
        self.assertEqual(got.body, data)
        self.assertTrue(got.header("Content-Type").startswith("text/plain"))
        self.assertIn("attachment", got.header("Content-Disposition"))
        self.assertIn("printer.log", got.header("Content-Disposition"))
        meta = self.agent.get("/api/v1/attachments/%d" % att["id"])
        self.assertStatus(meta, 200)
        self.assertEqual(meta.json["filename"], "printer.log")
        listed = self.agent.get("/api/v1/issues/%s/attachments" % key).json["values"]
        self.assertEqual([a["id"] for a in listed], [att["id"]])
        view = self.agent.get("/api/v1/issues/" + key).json
        self.assertEqual([a["filename"] for a in view["attachments"]], ["printer.log"])
        h = self.agent.get("/api/v1/issues/%s/history" % key).json["values"]
        self.assertIn("printer.log", [i["toString"] for g in h for i in g["items"]
                                      if i["field"] == "attachment"])

    def test_type_is_sniffed_from_content(self):
        key = self.new_issue()
        png = make_png(3, 3)
        r = self.upload(key, png, "screenshot.txt", "text/plain")
        self.assertStatus(r, 201)
        self.assertEqual(r.json["mimeType"], "image/png")
        got = self.agent.get(r.json["content"])
        self.assertStatus(got, 200)
        self.assertEqual(got.body, png)
        self.assertEqual(got.header("Content-Type"), "image/png")
        # HTML is never served as something a browser would render in our origin.
        html = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
        r = self.upload(key, html, "innocent.png", "image/png")
        self.assertStatus(r, 201)
        self.assertNotEqual(r.json["mimeType"], "image/png")
        got = self.agent.get(r.json["content"])
        self.assertEqual(got.body, html)
        self.assertIn("attachment", got.header("Content-Disposition"))
        self.assertIn("sandbox", got.header("Content-Security-Policy") or "")
        self.assertEqual(got.header("X-Content-Type-Options"), "nosniff")

    def test_multipart_upload(self):
        key = self.new_issue()
        data = bytes(range(256)) * 64 + b"\r\n--not-the-boundary\r\n" + os.urandom(3000)
        ctype, body = multipart({"comment": "see attached"},
                                [("file", "dump.bin", "application/octet-stream", data)])
        r = self.agent.post("/api/v1/issues/%s/attachments" % key, body=body, content_type=ctype)
        self.assertStatus(r, 201)
        self.assertEqual(r.json["filename"], "dump.bin")
        self.assertEqual(r.json["size"], len(data))
        got = self.agent.get(r.json["content"])
        self.assertEqual(hashlib.sha256(got.body).hexdigest(), hashlib.sha256(data).hexdigest())
        # A multipart PNG declared as text is sniffed too.
        png = make_png(5, 4)
        ctype, body = multipart({}, [("file", "pic.dat", "text/plain", png)])
        r = self.agent.post("/api/v1/issues/%s/attachments" % key, body=body, content_type=ctype)
        self.assertStatus(r, 201)
        self.assertEqual(r.json["mimeType"], "image/png")
        self.assertEqual(self.agent.get(r.json["content"]).body, png)
        # Malformed multipart bodies.
        self.assertError(self.agent.post("/api/v1/issues/%s/attachments" % key, body=b"x",
                                         content_type="multipart/form-data"),
                         400, "http.badMultipart")
        ctype, body = multipart({"only": "a field"}, [])
        self.assertError(self.agent.post("/api/v1/issues/%s/attachments" % key, body=body,
                                         content_type=ctype),
                         400, "http.badMultipart", field="file")

    def test_same_content_twice_is_stored_once_but_listed_twice(self):
        key = self.new_issue()
        data = b"identical bytes " * 100
        a = self.upload(key, data, "one.txt").json
        b = self.upload(key, data, "two.txt").json
        self.assertNotEqual(a["id"], b["id"])
        self.assertEqual(self.agent.get(b["content"]).body, data)
        stored = []
        for root, _, files in os.walk(os.path.join(self.server.data_dir, "attachments")):
            stored += files
        self.assertEqual(stored.count(hashlib.sha256(data).hexdigest()), 1)

    def test_filename_validation(self):
        key = self.new_issue()
        for name in ("a/b.txt", "..%2Fetc%2Fpasswd", "a%5Cb.txt", "", ".."):
            with self.subTest(filename=name):
                self.assertError(self.upload(key, b"data", name), 400, "tickets.badFilename",
                                 field="filename")
        r = self.agent.post("/api/v1/issues/%s/attachments" % key, body=b"no name",
                            content_type="text/plain")
        self.assertError(r, 400, "tickets.badFilename", field="filename")
        self.assertEqual(self.agent.get("/api/v1/issues/%s/attachments" % key).json["values"], [])
        # A name sent as a header works too, and unicode names are kept.
        r = self.agent.post("/api/v1/issues/%s/attachments" % key, body=b"hdr",
                            content_type="text/plain", headers={"X-Filename": "hdr.txt"})
        self.assertStatus(r, 201)
        self.assertEqual(r.json["filename"], "hdr.txt")
        r = self.upload(key, b"unicode", "r%C3%A9sum%C3%A9.txt")
        self.assertStatus(r, 201)
        self.assertEqual(r.json["filename"], "résumé.txt")

    def test_exactly_20_mib_is_accepted(self):
        key = self.new_issue()
        data = b"\0" * (20 * MIB)
        r = self.upload(key, data, "exact.bin")
        self.assertStatus(r, 201)
        self.assertEqual(r.json["size"], 20 * MIB)

    def test_over_20_mib_is_rejected(self):
        key = self.new_issue()
        r = self.upload(key, b"\0" * (20 * MIB + 1), "too-big.bin")
        self.assertError(r, 413, "tickets.attachmentTooLarge")
        self.assertEqual(self.agent.get("/api/v1/issues/%s/attachments" % key).json["values"], [])

    def test_25_mib_body_is_rejected_by_the_transport(self):
        key = self.new_issue()
        size = 25 * MIB
        head = ("POST /api/v1/issues/%s/attachments?filename=huge.bin HTTP/1.1\r\nHost: %s\r\n"
                "Authorization: Bearer %s\r\nContent-Type: application/octet-stream\r\n"
                "Content-Length: %d\r\n\r\n" % (key, HOST, self.agent.token, size)).encode()
        resp, raw = raw_exchange(self.port, head + b"\0" * size, timeout=30)
        self.assertIsNotNone(resp, "no HTTP answer to a 25 MiB upload: %r" % raw[:200])
        self.assertError(resp, 413, "http.bodyTooLarge")
        self.assertEqual(self.agent.get("/api/v1/issues/%s/attachments" % key).json["values"], [])
        self.assertStatus(self.anon().get("/healthz"), 200)

    def test_attachment_visibility_and_delete(self):
        mine = self.new_issue(reporter="customer")
        theirs = self.new_issue(reporter="riley.chen")
        a = self.upload(mine, b"for the customer", "mine.txt").json
        b = self.upload(theirs, b"not for the customer", "theirs.txt").json
        cust = self.as_user("customer")
        self.assertEqual(cust.get(a["content"]).body, b"for the customer")
        self.assertError(cust.get(b["content"]), 404, "tickets.unknownAttachment")
        self.assertError(cust.get("/api/v1/attachments/%d" % b["id"]), 404,
                         "tickets.unknownAttachment")
        self.assertError(self.upload(theirs, b"x", "x.txt", client=cust), 404,
                         "tickets.unknownIssue")
        # A customer may attach to their own request but not delete an agent's file.
        r = self.upload(mine, b"customer upload", "c.txt", client=cust)
        self.assertStatus(r, 201)
        self.assertError(cust.delete("/api/v1/attachments/%d" % a["id"]), 403,
                         "tickets.notYourAttachment")
        self.assertStatus(cust.delete("/api/v1/attachments/%d" % r.json["id"]), 204)
        self.assertStatus(self.agent.delete("/api/v1/attachments/%d" % a["id"]), 204)
        self.assertError(self.agent.get("/api/v1/attachments/%d" % a["id"]), 404,
                         "tickets.unknownAttachment")
        self.assertError(self.agent.get(a["content"]), 404, "tickets.unknownAttachment")
        self.assertError(self.agent.delete("/api/v1/attachments/%d" % a["id"]), 404,
                         "tickets.unknownAttachment")
        self.assertEqual(self.agent.get("/api/v1/issues/%s/attachments" % mine).json["values"],
                         [])


if __name__ == "__main__":
    unittest.main()
