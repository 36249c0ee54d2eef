"""CMDB import and export (issue 5): CSV and JSON imports that create, update or leave objects
unchanged (matched by label or another identifying attribute), multi values joined by "||",
empty cells that change nothing, references to objects of earlier rows of the same file, the
per-row error report (rows and columns), all-or-nothing files (one bad row of many writes
nothing), dry runs, malformed files and mappings; export of an object type or an AQL result as
CSV or JSON, and the export → import round trip that changes nothing.

Demo server (for its users); the class builds its own schema. Labels carry a per-test prefix
so that the tests do not see each other's objects."""

import csv
import io
import json
import unittest
import urllib.parse

from steward_harness import StewardTestCase
from test_cmdb import CMDB, OBJECTS, CmdbMixin

IMPORT = CMDB + "/import"
HEADER = ["Name", "IP", "CPU", "Weight", "Active", "Since", "Seen", "Site", "Mail", "Env",
          "Owner", "Team", "Tags", "Peers", "Backup"]


def csv_text(rows, header=HEADER):
    """CSV text of a header and rows (dicts by column, missing cells empty)."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(header)
    for row in rows:
        w.writerow([row.get(col, "") for col in header])
    return out.getvalue()


class CmdbImportTest(CmdbMixin, StewardTestCase):
    DEMO = True
    SCHEMA = "IMP"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.new_schema(cls.SCHEMA, "Imports")
        host = cls.new_type(cls.SCHEMA, "Host")
        cls.type_id = host["id"]
        for name, type_, extra in [
                ("IP", "text", {"unique": True}), ("CPU", "integer", {}),
                ("Weight", "float", {}), ("Active", "boolean", {}), ("Since", "date", {}),
                ("Seen", "datetime", {}), ("Site", "url", {}), ("Mail", "email", {}),
                ("Env", "select", {"options": ["Prod", "Test"]}), ("Owner", "user", {}),
                ("Team", "team", {}), ("Tags", "text", {"maxCardinality": -1}),
                ("Peers", "reference", {"referenceObjectTypeId": host["id"],
                                        "maxCardinality": -1, "referenceKind": "talks to"}),
                ("Backup", "reference", {"referenceObjectTypeId": host["id"]})]:
            cls.new_attr(host["id"], name, type_, **extra)
        other = cls.new_type(cls.SCHEMA, "Rack")
        cls.rack_type = other["id"]

    # -- helpers ------------------------------------------------------------------------------
    def run_import(self, data, fmt="csv", client=None, **extra):
        body = {"objectTypeId": self.type_id, "format": fmt, "data": data}
        body.update(extra)
        return (client or self.admin()).post(IMPORT, body)

    def imported(self, data, fmt="csv", **extra):
        r = self.run_import(data, fmt, **extra)
        self.assertStatus(r, 200)
        return r.json

    def footprint(self):
        """Row counts of the CMDB's tables: nothing written means these stay the same."""
        return tuple(self.db_count(t) for t in ("cmdb_objects", "cmdb_values", "cmdb_history"))

    def by_label(self, prefix):
        """Our objects whose label starts with `prefix`, by label."""
        r = self.find('Name STARTSWITH "%s"' % prefix, schema=self.SCHEMA, limit=500)
        self.assertStatus(r, 200)
        return {o["label"]: o for o in r.json["objects"]}

    def assertReport(self, report, dry_run=False, ok=True, rows=None, created=0, updated=0,
                     unchanged=0):
        self.assertEqual(set(report), {"dryRun", "ok", "rows", "created", "updated", "unchanged",
                                       "errors"})
        got = (report["dryRun"], report["ok"], report["created"], report["updated"],
               report["unchanged"])
        self.assertEqual(got, (dry_run, ok, created, updated, unchanged), report)
        if rows is not None:
            self.assertEqual(report["rows"], rows)
        if ok:
            self.assertEqual(report["errors"], [])

    def assertImportFailed(self, resp):
        # (the requestId is checked once, in test_failed_import_error_shape)
        err = self.assertError(resp, 400, "cmdb.importFailed", request_id=False)
        report = resp.json.get("report")
        self.assertIsInstance(report, dict, resp)
        self.assertIs(report["ok"], False)
        self.assertIs(report["dryRun"], False)
        self.assertTrue(report["errors"])
        for e in report["errors"]:
            self.assertEqual(set(e), {"row", "column", "message"})
            self.assertIsInstance(e["row"], int)
            self.assertTrue(e["message"])
        return err, report

    # -- importing ----------------------------------------------------------------------------
    def test_csv_creates_updates_and_leaves_unchanged(self):
        rows = [
            {"Name": "c-web1", "IP": "10.0.0.1", "CPU": "4", "Weight": "1.5", "Active": "true",
             "Since": "2024-01-02", "Seen": "2024-01-02T10:00:00Z",
             "Site": "https://web1.example.com", "Mail": "web1@example.com", "Env": "prod",
             "Owner": "alana", "Team": "Platform Support", "Tags": "a||b"},
            {"Name": "c-web2", "IP": "10.0.0.2", "CPU": "8", "Active": "false", "Env": "Test",
             "Owner": "paul"},
            {"Name": "c-db, primary", "IP": "10.0.0.3", "CPU": " 16 ", "Active": "yes",
             "Tags": "x || y||z"},
        ]
        data = csv_text(rows)
        self.assertReport(self.imported(data), rows=3, created=3)
        got = self.by_label("c-")
        self.assertEqual(set(got), {"c-web1", "c-web2", "c-db, primary"})
        a = got["c-web1"]["attributes"]
        self.assertEqual((a["IP"], a["CPU"], a["Weight"], a["Active"], a["Since"], a["Site"],
                          a["Mail"], a["Env"], a["Owner"]["username"], a["Team"]["name"],
                          a["Tags"]),
                         ("10.0.0.1", 4, 1.5, True, "2024-01-02", "https://web1.example.com",
                          "web1@example.com", "Prod", "alana", "Platform Support", ["a", "b"]))
        self.assertRegex(a["Seen"], r"^2024-01-02T10:00:00(\.000)?Z$")
        b = got["c-web2"]["attributes"]
        self.assertEqual((b["CPU"], b["Active"], b["Env"], b["Owner"]["username"], b["Tags"],
                          b["Weight"]), (8, False, "Test", "paul", [], None))
        c = got["c-db, primary"]["attributes"]
        self.assertEqual((c["CPU"], c["Active"], c["Tags"]), (16, True, ["x", "y", "z"]))
        for o in got.values():
            self.assertEqual(o["objectType"]["name"], "Host")
            self.assertRegex(o["key"], r"^IMP-\d+$")
        # The same file again changes nothing.
        before = self.footprint()
        self.assertReport(self.imported(data), rows=3, unchanged=3)
        self.assertEqual(self.footprint(), before)
        keys = {label: o["key"] for label, o in got.items()}
        # Empty cells leave attributes as they are.
        change = csv_text([{"Name": "c-web2", "CPU": "12"}, {"Name": "c-web1"},
                           {"Name": "c-new", "IP": "10.0.0.4"}])
        self.assertReport(self.imported(change), rows=3, created=1, updated=1, unchanged=1)
        got = self.by_label("c-")
        b = got["c-web2"]["attributes"]
        self.assertEqual((b["CPU"], b["IP"], b["Active"], b["Env"], b["Owner"]["username"]),
                         (12, "10.0.0.2", False, "Test", "paul"))
        self.assertEqual(got["c-web2"]["key"], keys["c-web2"])
        hist = self.admin().get("%s/%s/history" % (OBJECTS, got["c-web2"]["key"])).json["history"]
        self.assertEqual((hist[0]["attribute"], hist[0]["from"], hist[0]["to"],
                          hist[0]["author"]["username"]), ("CPU", "8", "12", "admin"))
        self.assertEqual(hist[-1]["to"], "created")
        # Keys number on from the schema's counter: the import's rows in file order, then the
        # next object created through the API.
        numbers = sorted(int(o["key"].split("-")[1]) for o in got.values())
        self.assertEqual(int(got["c-new"]["key"].split("-")[1]), numbers[-1])
        after = self.admin().post(OBJECTS, {"objectTypeId": self.type_id,
                                            "attributes": {"Name": "c-after"}})
        self.assertStatus(after, 201)
        self.assertEqual(after.json["key"], "IMP-%d" % (numbers[-1] + 1))

    def test_json_rows(self):
        rows = [{"Name": "j-one", "CPU": 2, "Active": True, "Tags": ["p", "q"],
                 "Weight": 0.5, "Owner": "mitch"},
                {"Name": "j-two", "Peers": ["j-one"], "Env": "Prod", "CPU": None},
                {"Name": "j-three", "Backup": "j-two", "Since": "2020-02-29"}]
        self.assertReport(self.imported(rows, "json"), rows=3, created=3)
        got = self.by_label("j-")
        a = got["j-one"]["attributes"]
        self.assertEqual((a["CPU"], a["Active"], a["Tags"], a["Weight"], a["Owner"]["username"]),
                         (2, True, ["p", "q"], 0.5, "mitch"))
        self.assertEqual([p["label"] for p in got["j-two"]["attributes"]["Peers"]], ["j-one"])
        self.assertEqual(got["j-three"]["attributes"]["Backup"]["label"], "j-two")
        self.assertEqual(got["j-three"]["attributes"]["Since"], "2020-02-29")
        # The rows may come as a JSON string too; the same rows change nothing.
        self.assertReport(self.imported(json.dumps(rows), "json"), rows=3, unchanged=3)
        self.assertReport(self.imported([{"Name": "j-one", "CPU": 3}], "json"), rows=1,
                          updated=1)
        self.assertEqual(self.by_label("j-one")["j-one"]["attributes"]["CPU"], 3)

    def test_one_bad_row_of_many_writes_nothing(self):
        existing = self.new_object(self.type_id, {"Name": "an-existing", "CPU": 1})
        rows = [{"Name": "an-%03d" % i, "IP": "10.1.%d.%d" % (i // 250, i % 250),
                 "CPU": str(i), "Tags": "t%d||u%d" % (i, i)} for i in range(300)]
        rows.insert(5, {"Name": "an-existing", "CPU": "99", "Tags": "changed"})
        for bad_at in (0, 150, len(rows) - 1):
            with self.subTest(bad_row=bad_at + 1):
                broken = [dict(r) for r in rows]
                broken[bad_at] = dict(broken[bad_at], CPU="lots")
                before = self.footprint()
                r = self.run_import(csv_text(broken))
                _, report = self.assertImportFailed(r)
                self.assertEqual(report["errors"], [{"row": bad_at + 1, "column": "CPU",
                                                     "message": report["errors"][0]["message"]}])
                self.assertEqual(report["rows"], len(rows))
                self.assertIn("CPU", report["errors"][0]["message"])
                self.assertEqual(self.footprint(), before)
                self.assertEqual(list(self.by_label("an-")), ["an-existing"])
                got = self.get_object(existing["key"])
                self.assertEqual((got["attributes"]["CPU"], got["attributes"]["Tags"]), (1, []))
                self.assertEqual(len(self.admin().get("%s/%s/history" % (
                    OBJECTS, existing["key"])).json["history"]), 1)
        # Without the bad row the same file imports whole.
        report = self.imported(csv_text(rows))
        self.assertReport(report, rows=len(rows), created=300, updated=1)
        self.assertEqual(len(self.by_label("an-")), 301)
        self.assertEqual(self.get_object(existing["key"])["attributes"]["CPU"], 99)

    def test_dry_run_never_writes(self):
        before = self.footprint()
        good = csv_text([{"Name": "d-1", "CPU": "1"}, {"Name": "d-2", "Peers": "d-1"}])
        report = self.imported(good, dryRun=True)
        self.assertReport(report, dry_run=True, rows=2, created=2)
        self.assertEqual(self.footprint(), before)
        self.assertEqual(self.by_label("d-"), {})
        # A dry run with bad rows reports them (200) and writes nothing either.
        bad = csv_text([{"Name": "d-1", "CPU": "1"}, {"Name": "d-2", "CPU": "two"},
                        {"Name": "d-3", "Env": "Staging"}])
        r = self.run_import(bad, dryRun=True)
        self.assertStatus(r, 200)
        self.assertIs(r.json["dryRun"], True)
        self.assertIs(r.json["ok"], False)
        self.assertEqual([(e["row"], e["column"]) for e in r.json["errors"]],
                         [(2, "CPU"), (3, "Env")])
        self.assertEqual(self.footprint(), before)
        # Updates in a dry run are counted, not made.
        self.new_object(self.type_id, {"Name": "d-kept", "CPU": 5})
        before = self.footprint()
        report = self.imported(csv_text([{"Name": "d-kept", "CPU": "6"}]), dryRun=True)
        self.assertReport(report, dry_run=True, rows=1, updated=1)
        self.assertEqual(self.footprint(), before)
        self.assertEqual(self.by_label("d-kept")["d-kept"]["attributes"]["CPU"], 5)
        self.assertReport(self.imported(good, dryRun=False), rows=2, created=2)

    def test_row_errors_name_rows_and_columns(self):
        rows = [
            {"Name": "e-ok1", "IP": "10.2.0.1"},
            {"Name": "e-bad-env", "Env": "Purple"},
            {"Name": "", "CPU": "3"},
            {"Name": "e-bad-owner", "Owner": "nobody.at.all"},
            {"Name": "e-bad-peer", "Peers": "e-ok1||no-such-host"},
            {"Name": "e-bad-date", "Since": "31/12/2024"},
            {"Name": "e-dup-ip", "IP": "10.2.0.1"},
            {"Name": "e-bad-site", "Site": "ftp://example.com"},
            {"Name": "e-bad-mail", "Mail": "not-an-address"},
            {"Name": "e-bad-bool", "Active": "perhaps"},
            {"Name": "e-bad-int", "CPU": "2147483648"},
            {"Name": "e-bad-team", "Team": "No such team"},
            {"Name": "e-ok2", "Backup": "e-ok1"},
        ]
        before = self.footprint()
        _, report = self.assertImportFailed(self.run_import(csv_text(rows)))
        self.assertEqual([(e["row"], e["column"]) for e in report["errors"]],
                         [(2, "Env"), (3, "Name"), (4, "Owner"), (5, "Peers"), (6, "Since"),
                          (7, "IP"), (8, "Site"), (9, "Mail"), (10, "Active"), (11, "CPU"),
                          (12, "Team")])
        self.assertEqual(report["rows"], len(rows))
        self.assertEqual(self.footprint(), before)
        # Columns are named as in the file, through the mapping.
        header = ["Host name", "Environment", "Processors"]
        data = csv_text([{"Host name": "e-m1", "Environment": "Prod", "Processors": "2"},
                         {"Host name": "e-m2", "Environment": "Mars", "Processors": "x"}],
                        header)
        mapping = {"Host name": "Name", "Environment": "Env", "Processors": "CPU"}
        _, report = self.assertImportFailed(self.run_import(data, mapping=mapping))
        self.assertEqual(len(report["errors"]), 1)
        self.assertEqual(report["errors"][0]["row"], 2)
        self.assertIn(report["errors"][0]["column"], ("Environment", "Processors"))
        self.assertEqual(self.footprint(), before)
        ok = csv_text([{"Host name": "e-m1", "Environment": "Prod", "Processors": "2"}], header)
        self.assertReport(self.imported(ok, mapping=mapping), rows=1, created=1)
        got = self.by_label("e-m1")["e-m1"]["attributes"]
        self.assertEqual((got["Env"], got["CPU"]), ("Prod", 2))
        # A mapping may leave columns out.
        self.assertReport(self.imported(ok, mapping={"Host name": "Name", "Processors": "CPU"}),
                          rows=1, unchanged=1)

    def test_references_within_the_file(self):
        outside = self.new_object(self.type_id, {"Name": "r-outside"})
        data = csv_text([
            {"Name": "r-a"},
            {"Name": "r-b", "Peers": "r-a"},
            {"Name": "r-c", "Peers": "r-a||r-b", "Backup": "R-B"},
            {"Name": "r-d", "Peers": outside["key"], "Backup": outside["key"].lower()},
            {"Name": "r-a", "Backup": "r-c"},  # a later row updates an earlier one
        ])
        report = self.imported(data)
        self.assertReport(report, rows=5, created=4, updated=1)
        got = self.by_label("r-")
        self.assertEqual([p["label"] for p in got["r-b"]["attributes"]["Peers"]], ["r-a"])
        self.assertEqual([p["label"] for p in got["r-c"]["attributes"]["Peers"]], ["r-a", "r-b"])
        self.assertEqual(got["r-c"]["attributes"]["Backup"]["label"], "r-b")
        self.assertEqual(got["r-d"]["attributes"]["Peers"][0]["key"], outside["key"])
        self.assertEqual(got["r-d"]["attributes"]["Backup"]["key"], outside["key"])
        self.assertEqual(got["r-a"]["attributes"]["Backup"]["label"], "r-c")
        inbound = self.get_object(got["r-a"]["key"])["references"]["inbound"]
        self.assertCountEqual([(x["object"]["label"], x["attribute"]) for x in inbound],
                              [("r-b", "Peers"), ("r-c", "Peers")])
        # A reference to a row of a failed file does not survive it.
        before = self.footprint()
        bad = csv_text([{"Name": "r-x"}, {"Name": "r-y", "Peers": "r-x"},
                        {"Name": "r-z", "CPU": "NaN!"}])
        self.assertImportFailed(self.run_import(bad))
        self.assertEqual(self.footprint(), before)
        self.assertNotIn("r-x", self.by_label("r-"))

    def test_identifier(self):
        old = self.new_object(self.type_id, {"Name": "i-old", "IP": "10.9.9.9", "CPU": 1})
        data = csv_text([{"Name": "i-renamed", "IP": "10.9.9.9", "CPU": "2"},
                         {"Name": "i-fresh", "IP": "10.9.9.10"}], ["Name", "IP", "CPU"])
        report = self.imported(data, identifier="IP")
        self.assertReport(report, rows=2, created=1, updated=1)
        got = self.get_object(old["key"])
        self.assertEqual((got["label"], got["attributes"]["CPU"]), ("i-renamed", 2))
        self.assertEqual(self.by_label("i-old"), {})
        self.assertIn("i-fresh", self.by_label("i-"))
        # The identifying column must be there; the identifier must be an attribute.
        r = self.run_import(csv_text([{"Name": "i-x"}], ["Name"]), identifier="IP")
        self.assertStatus(r, 400)
        r = self.run_import(data, identifier="Nope")
        self.assertStatus(r, 400)

    def test_malformed_imports(self):
        before = self.footprint()
        admin = self.admin()
        cases = [
            ({"data": 'Name,CPU\n"m-broken,1\n'}, "cmdb.badCsv"),
            ({"data": 'Name,CPU\nm-a,"1"x\n'}, "cmdb.badCsv"),
            ({"data": ""}, "cmdb.badCsv"),
            ({"data": "Name,Bogus\nm-1,2\n"}, "cmdb.badMapping"),
            ({"data": "Name,CPU\nm-1,2\n", "mapping": {"Nope": "Name"}}, "cmdb.badMapping"),
            ({"data": "Name,CPU\nm-1,2\n", "mapping": {"Name": "Name", "CPU": "Cores"}},
             "cmdb.badMapping"),
            ({"data": "Name,CPU\nm-1,2\n", "format": "xml"}, None),
            ({"data": ["Name", "m-1"]}, None),
            ({"data": "not json", "format": "json"}, None),
            ({"data": {"Name": "m-1"}, "format": "json"}, None),
            ({"data": [1, 2], "format": "json"}, None),
            ({"data": "[{\"Name\": ", "format": "json"}, None),
            ({"data": "Name\nm-1\n", "objectTypeId": 987654}, None),
            ({"data": "Name\nm-1\n", "objectTypeId": "Host"}, "http.wrongType"),
            ({"data": "Name\nm-1\n", "mapping": ["Name"]}, None),
            ({"data": "Name\nm-1\n", "dryRun": "yes"}, "http.wrongType"),
            ({"data": "Name\nm-1\n", "surprise": 1}, "http.unknownField"),
            ({}, "http.missingField"),
        ]
        for extra, code in cases:
            with self.subTest(body=extra):
                body = {"objectTypeId": self.type_id, "format": "csv"}
                body.update(extra)
                r = admin.post(IMPORT, body)
                if code:
                    self.assertError(r, 400, code)
                else:
                    self.assertIn(r.status, (400, 404), r)
                    self.assertIsNotNone(r.error, r)
                    self.assertNotEqual(r.error["code"], "cmdb.importFailed")
        self.assertError(admin.post(IMPORT, {"format": "csv", "data": "Name\nm-1\n"}), 400,
                         "http.missingField")
        for body, code in (('{"objectTypeId": %d, "data": ' % self.type_id, "http.malformedJson"),
                           ("[]", "http.expectedObject"), ("", "http.emptyBody")):
            with self.subTest(raw=body):
                self.assertError(admin.request("POST", IMPORT, body=body,
                                               content_type="application/json"), 400, code)
        self.assertEqual(self.footprint(), before)
        self.assertEqual(self.by_label("m-"), {})
        # A header alone imports nothing; CRLF line ends and quoted cells are fine.
        self.assertReport(self.imported("Name,CPU\n"), rows=0)
        self.assertReport(self.imported('Name,CPU\r\n"m-crlf ""quoted""",7\r\n'), rows=1,
                          created=1)
        self.assertEqual(self.by_label("m-crlf")['m-crlf "quoted"']["attributes"]["CPU"], 7)
        self.assertStatus(self.anon().get("/healthz"), 200)

    def test_failed_import_error_shape(self):
        # A failed import is an error like every other (docs/api.md "Errors"): with a requestId
        # (and the report beside it).
        r = self.run_import(csv_text([{"Name": "f-1", "CPU": "x"}]))
        self.assertImportFailed(r)
        self.assertError(r, 400, "cmdb.importFailed")
        self.assertEqual(r.header("X-Request-Id"), r.error.get("requestId"))

    def test_who_may_import(self):
        before = self.footprint()
        data = csv_text([{"Name": "p-1"}])
        for who in ("paul", "alana", "customer"):
            with self.subTest(user=who):
                self.assertError(self.run_import(data, client=self.as_user(who)), 403,
                                 "cmdb.forbidden")
                self.assertError(self.run_import(data, client=self.as_user(who), dryRun=True),
                                 403, "cmdb.forbidden")
        self.assertEqual(self.footprint(), before)

    # -- exporting ----------------------------------------------------------------------------
    def export(self, client=None, expect=200, **params):
        r = (client or self.as_user("paul")).get(CMDB + "/export?" +
                                                  urllib.parse.urlencode(params))
        self.assertStatus(r, expect)
        return r

    def parse_csv(self, r):
        self.assertTrue((r.header("Content-Type") or "").startswith("text/csv"), r.headers)
        self.assertIn("attachment", r.header("Content-Disposition") or "")
        return list(csv.reader(io.StringIO(r.body.decode("utf-8"))))

    def test_export_csv_and_json(self):
        self.imported(csv_text([
            {"Name": "x-one", "IP": "10.3.0.1", "CPU": "4", "Weight": "2.25", "Active": "true",
             "Since": "2023-03-04", "Owner": "alana", "Team": "Network Support",
             "Tags": "a||b,c", "Env": "Test"},
            {"Name": "x-two", "Peers": "x-one", "Backup": "x-one", "Mail": "x@example.com"},
        ]))
        got = self.by_label("x-")
        one, two = got["x-one"], got["x-two"]
        attrs = [a["name"] for a in self.admin().get(
            "%s/objecttypes/%d" % (CMDB, self.type_id)).json["attributes"]]
        # By object type.
        r = self.export(objectTypeId=self.type_id)
        table = self.parse_csv(r)
        self.assertEqual(table[0], ["Key", "Object type"] + attrs)
        rows = {row[0]: dict(zip(table[0], row)) for row in table[1:]}
        self.assertEqual(len(rows), len(table) - 1, "each object once")
        self.assertEqual(len(rows), self.find("objectType = Host", schema=self.SCHEMA)
                         .json["total"])
        x1, x2 = rows[one["key"]], rows[two["key"]]
        self.assertEqual((x1["Object type"], x1["Name"], x1["IP"], x1["CPU"], x1["Active"],
                          x1["Since"], x1["Owner"], x1["Team"], x1["Tags"], x1["Env"]),
                         ("Host", "x-one", "10.3.0.1", "4", "true", "2023-03-04", "alana",
                          "Network Support", "a||b,c", "Test"))
        self.assertEqual(float(x1["Weight"]), 2.25)
        self.assertEqual((x2["Peers"], x2["Backup"], x2["Mail"], x2["CPU"]),
                         (one["key"], one["key"], "x@example.com", ""))
        # By AQL; JSON gives the objects as the API does.
        r = self.export(aql='Name STARTSWITH "x-"')
        table = self.parse_csv(r)
        self.assertEqual(sorted(row[0] for row in table[1:]), sorted([one["key"], two["key"]]))
        r = self.export(aql='Name STARTSWITH "x-"', format="json")
        self.assertTrue((r.header("Content-Type") or "").startswith("application/json"))
        self.assertIn("attachment", r.header("Content-Disposition") or "")
        objs = {o["key"]: o for o in json.loads(r.body)}
        self.assertEqual(set(objs), {one["key"], two["key"]})
        self.assertEqual(objs[one["key"]]["attributes"], one["attributes"])
        self.assertEqual(objs[two["key"]]["label"], "x-two")
        r = self.export(objectTypeId=self.rack_type)
        self.assertEqual(self.parse_csv(r), [["Key", "Object type", "Name"]])
        # Bad requests.
        paul = self.as_user("paul")
        self.assertStatus(paul.get(CMDB + "/export"), 400)
        self.assertStatus(paul.get(CMDB + "/export?format=json"), 400)
        r = paul.get(CMDB + "/export?" + urllib.parse.urlencode({"aql": "Name = "}))
        self.assertStatus(r, 400)
        self.assertTrue(r.error["code"].startswith("aql."), r)
        self.assertIn("position", r.error)
        self.assertStatus(paul.get("%s/export?objectTypeId=%d&format=xml" % (
            CMDB, self.type_id)), 400)
        self.assertError(paul.get(CMDB + "/export?objectTypeId=987654"), 404,
                         "cmdb.objectTypeNotFound")
        self.assertError(self.as_user("customer").get(
            "%s/export?objectTypeId=%d" % (CMDB, self.type_id)), 403, "cmdb.forbidden")

    def test_export_import_round_trip(self):
        self.imported(csv_text([
            {"Name": "t-one", "IP": "10.4.0.1", "CPU": "-3", "Weight": "0.1", "Active": "false",
             "Since": "1999-12-31", "Seen": "2024-05-06T07:08:09Z",
             "Site": "https://t.example.com/a,b?c=d&e=f", "Mail": "t@example.com", "Env": "Prod",
             "Owner": "jennifer", "Team": "Platform Support", "Tags": "one||two words||three"},
            {"Name": "t-two, with comma", "Peers": "t-one", "Backup": "t-one",
             "Weight": "1234567.875"},
            {"Name": "t-three \"quoted\"", "Peers": "t-one||t-two, with comma",
             "Tags": "line\nbreak"},
        ]))
        r = self.export(objectTypeId=self.type_id)
        table = self.parse_csv(r)
        header = table[0]
        mapping = {col: col for col in header[2:]}
        before = self.footprint()
        report = self.imported(r.body.decode("utf-8"), mapping=mapping)
        self.assertReport(report, rows=len(table) - 1, unchanged=len(table) - 1)
        self.assertEqual(self.footprint(), before)
        # The same through a dry run, and after an edit exactly one row differs.
        self.assertReport(self.imported(r.body.decode("utf-8"), mapping=mapping, dryRun=True),
                          dry_run=True, rows=len(table) - 1, unchanged=len(table) - 1)
        t1 = self.by_label("t-one")["t-one"]
        self.assertStatus(self.admin().patch("%s/%s" % (OBJECTS, t1["key"]),
                                             {"attributes": {"CPU": 5}}), 200)
        report = self.imported(r.body.decode("utf-8"), mapping=mapping)
        self.assertReport(report, rows=len(table) - 1, updated=1, unchanged=len(table) - 2)
        self.assertEqual(self.get_object(t1["key"])["attributes"]["CPU"], -3)


if __name__ == "__main__":
    unittest.main()
