"""AQL answers along the compiler's access paths (ADR 0009): with thousands of objects, an
attribute match among the top-level AND's conjuncts holding 2,000 values or more is "frequent"
(checked per object with EXISTS; the likely smallest such match drives the capped count, and
when at most 1,000 objects match the page is collected through it and sorted), one with fewer
values is "rare" (it drives with IN), and matches under OR or NOT keep the IN form. Whatever the
path, the answer must be the one the data gives: every query here is checked against what
Python computes from its own copy of the objects (total, totalCapped, the pages in order).

The class builds its own schema (6,000 hosts and 600 switches with deterministic pseudo-random
values, imported as CSV) on a server without demo data; the premises (which matches are
frequent, which totals fall below the cap of 1,000) are asserted on the Python side, so a change
of the data cannot silently turn a test into one of another path."""

import csv
import io
import random
import unittest
import urllib.parse

from steward_harness import StewardTestCase
from test_cmdb import CMDB, OBJECTS, CmdbMixin, aql_quote

IMPORT = CMDB + "/import"
SCHEMA = "ACP"
HOSTS = 6000
SWITCHES = 600
FREQUENT = 2000  # kFrequentValues (server/cmdb/aql/compiler.h)
CAP = 1000  # kCountCap (server/cmdb/object_service.cc)
IMPORT_CHUNK = 3000  # rows per file: well below kMaxImportRows and the 1 MiB JSON body
STATUSES = ["Running", "Stopped", "Maintenance"]
TIERS = ["Tier 1", "Tier 2", "Tier 3", "Tier 4"]
PREFIXES = ["host", "Host", "node", "NODE", "db", "Edge"]  # labels order case-insensitively
CPUS = [1, 2, 4, 8, 16, 32, 64, 128]


def weighted(rng, choices):
    """One of `choices` [(value, weight)] (None allowed as a value)."""
    x = rng.random() * sum(w for _, w in choices)
    for value, w in choices:
        x -= w
        if x < 0:
            return value
    return choices[-1][0]


def make_objects():
    """The hosts and switches, deterministic: dicts with type, name, status, tier, cpu, tags."""
    rng = random.Random(20261126)
    out = []
    for i in range(1, HOSTS + 1):
        name = "%s-%05d" % (rng.choice(PREFIXES), i)
        status = weighted(rng, [("Running", 55), ("Stopped", 28), ("Maintenance", 14),
                                (None, 3)])
        tier = weighted(rng, [("Tier 1", 40), ("Tier 2", 38), ("Tier 3", 14), ("Tier 4", 5),
                              (None, 3)])
        cpu = weighted(rng, [(1, 4), (2, 8), (4, 13), (8, 13), (16, 17), (32, 18), (64, 12),
                             (128, 10), (None, 5)])
        tags = []
        for tag, p in (("web", 0.45), ("db", 0.40), ("cache", 0.20), ("edge", 0.10)):
            if rng.random() < p:
                tags.append(tag)
        if "web" in tags and rng.random() < 0.15:
            tags.append("Web")  # two values of one object matching Tags = web
        if i == 42:
            name, status = "host-00042", "Running"
        out.append({"type": "Host", "name": name, "status": status, "tier": tier, "cpu": cpu,
                    "tags": tags})
    for i in range(1, SWITCHES + 1):
        out.append({"type": "Switch", "name": "sw-%04d" % i,
                    "status": weighted(rng, [("Running", 50), ("Stopped", 40),
                                             ("Maintenance", 10)]),
                    "tier": None, "cpu": weighted(rng, [(8, 30), (32, 40), (64, 30)]),
                    "tags": []})
    return out


def csv_text(header, rows):
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(header)
    for row in rows:
        w.writerow(row)
    return out.getvalue()


# Predicates over the Python objects (AQL semantics of docs/aql.md: `=` on text folds case).
def has(attr, *values):
    folded = {v.lower() for v in values}

    def pred(o):
        v = o[attr]
        vs = v if isinstance(v, list) else ([] if v is None else [v])
        return any(x.lower() in folded for x in vs)
    return pred


def cpu_at_least(n):
    return lambda o: o["cpu"] is not None and o["cpu"] >= n


def all_of(*preds):
    return lambda o: all(p(o) for p in preds)


def any_of(*preds):
    return lambda o: any(p(o) for p in preds)


def negate(pred):
    return lambda o: not pred(o)


def of_type(name):
    return lambda o: o["type"] == name


def label_starts(prefix):
    return lambda o: o["name"].lower().startswith(prefix.lower())


def by_label(o):
    return (o["name"].lower(), o["id"])


def by_cpu(o):
    """ORDER BY CPU ascending: objects without a value first, ties by id."""
    return (o["cpu"] is not None, o["cpu"] or 0, o["id"])


RUNNING = has("status", "Running")
TIER1 = has("tier", "Tier 1")
CPU32 = cpu_at_least(32)
BROAD = all_of(RUNNING, TIER1, CPU32)
BROAD_AQL = 'Status = Running AND Tier = "Tier 1" AND CPU >= 32'


class CmdbAccessPathTest(CmdbMixin, StewardTestCase):
    ADMIN = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        try:
            cls.build()
        except BaseException:
            server, cls.server = cls.server, None  # no tearDownClass after a failed setUpClass
            server.stop()
            raise

    @classmethod
    def build(cls):
        cls.new_schema(SCHEMA, "Access paths")
        host = cls.new_type(SCHEMA, "Host")
        switch = cls.new_type(SCHEMA, "Switch")
        cls.new_attr(host["id"], "Status", "select", options=STATUSES)
        cls.new_attr(host["id"], "Tier", "select", options=TIERS)
        cls.new_attr(host["id"], "CPU", "integer")
        cls.new_attr(host["id"], "Tags", "text", maxCardinality=-1)
        cls.new_attr(switch["id"], "Status", "select", options=STATUSES)
        cls.new_attr(switch["id"], "CPU", "integer")
        cls.objects = make_objects()
        for type_, header, row in (
                (host, ["Name", "Status", "Tier", "CPU", "Tags"],
                 lambda o: [o["name"], o["status"] or "", o["tier"] or "",
                            "" if o["cpu"] is None else str(o["cpu"]), "||".join(o["tags"])]),
                (switch, ["Name", "Status", "CPU"],
                 lambda o: [o["name"], o["status"], str(o["cpu"])])):
            mine = [row(o) for o in cls.objects if o["type"] == type_["name"]]
            for at in range(0, len(mine), IMPORT_CHUNK):
                r = cls.admin().post(IMPORT, {"objectTypeId": type_["id"], "format": "csv",
                                              "data": csv_text(header,
                                                               mine[at:at + IMPORT_CHUNK])})
                report = cls.must(r, 200)
                if (report["ok"], report["created"]) != (True, len(mine[at:at + IMPORT_CHUNK])):
                    raise AssertionError("import: %r" % report)
        # Every object as the server has it: its id and key, and its values as we meant them.
        by_name = {o["name"]: o for o in cls.objects}
        seen = 0
        for start in range(0, len(cls.objects), 500):
            r = cls.admin().get(OBJECTS + "?" + urllib.parse.urlencode(
                {"schema": SCHEMA, "aql": "", "start": start, "limit": 500}))
            for got in cls.must(r, 200)["objects"]:
                o = by_name[got["label"]]
                a = got["attributes"]
                if (got["objectType"]["name"], a.get("Status"), a.get("Tier"), a.get("CPU"),
                        a.get("Tags", [])) != (o["type"], o["status"], o["tier"], o["cpu"],
                                               o["tags"]):
                    raise AssertionError("imported %r as %r" % (o, got))
                o["id"], o["key"] = got["id"], got["key"]
                seen += 1
        if seen != len(cls.objects):
            raise AssertionError("listed %d objects of %d" % (seen, len(cls.objects)))

    # -- helpers ------------------------------------------------------------------------------
    def values(self, pred_of_value, attr):
        """How many values of `attr` (over both object types) satisfy `pred_of_value`: what the
        compiler counts to call a match frequent."""
        n = 0
        for o in self.objects:
            v = o[attr]
            for x in (v if isinstance(v, list) else ([] if v is None else [v])):
                n += bool(pred_of_value(x))
        return n

    def assertFrequent(self, attr, pred_of_value, frequent=True):
        n = self.values(pred_of_value, attr)
        if frequent:
            self.assertGreaterEqual(n, FREQUENT, "premise: %s has %d such values" % (attr, n))
        else:
            self.assertLess(n, FREQUENT, "premise: %s has %d such values" % (attr, n))

    def expected(self, pred, key=by_label, reverse=False):
        """Our objects matching `pred` in the order `key` (reversed for DESC: the ties by id
        turn too)."""
        return sorted((o for o in self.objects if pred(o)), key=key, reverse=reverse)

    def query(self, aql, start=0, limit=25, schema=SCHEMA):
        params = {"aql": aql, "start": start, "limit": limit}
        if schema is not None:
            params["schema"] = schema
        r = self.admin().get(OBJECTS + "?" + urllib.parse.urlencode(params))
        self.assertStatus(r, 200, "AQL %r" % aql)
        return r.json

    def assertAnswers(self, aql, pred, key=by_label, reverse=False, pages=((0, 25), (25, 25)),
                      capped=None, whole=False, schema=SCHEMA):
        """The total, totalCapped and the given pages of `aql` are those of `pred` over our
        objects in the order `key`. `capped`: the premise that the true count is above (True) or
        at most (False) the cap. `whole`: also read every match (at most the cap) page by page.
        Returns the expected objects."""
        want = self.expected(pred, key, reverse)
        if capped is not None:
            self.assertEqual(len(want) > CAP, capped,
                             "premise: %d objects match %r" % (len(want), aql))
        names = [o["name"] for o in want]
        if whole:
            self.assertLessEqual(len(want), CAP)
            pages = tuple(pages) + tuple((s, 500) for s in range(0, len(want) + 1, 500))
        for start, limit in pages:
            got = self.query(aql, start, limit, schema)
            self.assertEqual((got["total"], got["totalCapped"]),
                             (min(len(want), CAP), len(want) > CAP),
                             "total of %r (%d objects match)" % (aql, len(want)))
            self.assertEqual([o["label"] for o in got["objects"]], names[start:start + limit],
                             "page start=%d limit=%d of %r" % (start, limit, aql))
        return want

    # -- the tests ----------------------------------------------------------------------------
    def test_premises(self):
        # The matches below are frequent (or rare) as the tests assume.
        self.assertFrequent("status", lambda v: v == "Running")
        self.assertFrequent("tier", lambda v: v == "Tier 1")
        self.assertFrequent("tier", lambda v: v == "Tier 2")
        self.assertFrequent("cpu", lambda v: v >= 32)
        self.assertFrequent("cpu", lambda v: v >= 2)
        self.assertFrequent("tags", lambda v: v.lower() == "web")
        self.assertFrequent("tags", lambda v: v.lower() == "db")
        self.assertFrequent("status", lambda v: v == "Stopped", frequent=False)
        self.assertFrequent("tier", lambda v: v == "Tier 3", frequent=False)
        self.assertFrequent("cpu", lambda v: v >= 128, frequent=False)
        self.assertFrequent("name", lambda v: v.lower() == "host-00042", frequent=False)
        # Objects holding "web" twice (web and Web).
        self.assertGreater(sum(1 for o in self.objects if "Web" in o["tags"]), 100)

    def test_broad_conjunction_below_the_cap(self):
        # Three frequent matches: Tier 1 (a quarter of the options) drives, the page is collected
        # through it and sorted.
        want = self.assertAnswers(BROAD_AQL, BROAD, capped=False, whole=True,
                                  pages=((0, 25), (25, 25), (475, 25), (100, 7)))
        self.assertGreater(len(want), 200)
        # Past the end: the total still, no objects.
        got = self.query(BROAD_AQL, start=len(want) + 5)
        self.assertEqual((got["total"], got["objects"]), (len(want), []))
        # Without schema=: the same (there is one schema).
        self.assertAnswers(BROAD_AQL, BROAD, schema=None)

    def test_broad_conjunction_above_the_cap(self):
        # The capped count and the first pages by walking the label order.
        self.assertAnswers("Status = Running AND CPU >= 2", all_of(RUNNING, cpu_at_least(2)),
                           capped=True, pages=((0, 25), (25, 25), (0, 500), (900, 200),
                                               (2000, 25)))
        self.assertAnswers('Status = Running AND Tier = "Tier 1"', all_of(RUNNING, TIER1),
                           capped=True, pages=((0, 25), (25, 25)))
        self.assertAnswers('Tier IN ("Tier 1", "Tier 2") AND CPU >= 32 AND Status = Running',
                           all_of(has("tier", "Tier 1", "Tier 2"), CPU32, RUNNING),
                           capped=True)

    def test_at_the_cap(self):
        # Exactly 1,000 matches (still counted exactly, collected through the driver) and
        # 1,001 (capped): the label bound keeps the first n of a broad conjunction.
        broad = all_of(RUNNING, cpu_at_least(2))
        ordered = self.expected(broad)
        self.assertGreater(len(ordered), CAP + 1)
        for n in (CAP - 1, CAP, CAP + 1):
            with self.subTest(matches=n):
                bound = ordered[n - 1]["name"]
                aql = "Status = Running AND CPU >= 2 AND Label <= %s" % aql_quote(bound)
                pred = all_of(broad, lambda o, b=bound.lower(): o["name"].lower() <= b)
                self.assertEqual(len(self.expected(pred)), n)
                self.assertAnswers(aql, pred, pages=((0, 25), (975, 25), (990, 25),
                                                     (CAP - 1, 5)))

    def test_conjunction_order_does_not_matter(self):
        terms = ["Status = Running", 'Tier = "Tier 1"', "CPU >= 32"]
        first = self.query(BROAD_AQL, limit=500)
        for order in ((0, 2, 1), (1, 0, 2), (1, 2, 0), (2, 0, 1), (2, 1, 0)):
            aql = " AND ".join(terms[i] for i in order)
            with self.subTest(aql=aql):
                self.assertEqual(self.query(aql, limit=500), first)
                self.assertAnswers(aql, BROAD, pages=((0, 25), (25, 25)))
        # Nested (the inner AND is no top-level conjunct: IN form), other spellings.
        for aql in ('(Status = Running AND Tier = "Tier 1") AND CPU >= 32',
                    'CPU >= 32 AND (Tier = "Tier 1" AND Status = Running)',
                    'status = running and tier = "tier 1" and cpu >= 32',
                    'Status IN (Running) AND Tier IN ("Tier 1") AND CPU > 31',
                    'CPU >= 32 AND Status = Running AND Tier = "Tier 1" AND CPU >= 32',
                    'Status IN (Running, Stopped) AND Tier = "Tier 1" AND '
                    'Status IN (Running, Maintenance) AND CPU >= 32'):
            with self.subTest(aql=aql):
                self.assertEqual(self.query(aql, limit=500), first)
        # Also above the cap: the first pages agree.
        self.assertAnswers("CPU >= 2 AND Status = Running", all_of(RUNNING, cpu_at_least(2)),
                           capped=True)

    def test_frequent_with_rare(self):
        host42 = [o for o in self.objects if o["name"] == "host-00042"]
        self.assertEqual(len(host42), 1)
        self.assertAnswers("Status = Running AND Name = host-00042",
                           all_of(RUNNING, has("name", "host-00042")))
        self.assertEqual(self.query("Name = HOST-00042 AND Status = Running")["objects"][0]["key"],
                         host42[0]["key"])
        self.assertAnswers("Status = Stopped AND Name = host-00042",
                           all_of(has("status", "Stopped"), has("name", "host-00042")))
        # A rare select value with frequent ones (the rare one drives every form).
        self.assertAnswers('Status = Stopped AND Tier = "Tier 1" AND CPU >= 32',
                           all_of(has("status", "Stopped"), TIER1, CPU32), capped=False,
                           whole=True)
        self.assertAnswers('Tier = "Tier 3" AND Status = Running AND CPU >= 2',
                           all_of(has("tier", "Tier 3"), RUNNING, cpu_at_least(2)),
                           capped=False, whole=True)
        self.assertAnswers("CPU >= 128 AND Status = Running",
                           all_of(cpu_at_least(128), RUNNING), capped=False, whole=True)

    def test_with_object_type(self):
        # Status and CPU belong to both types: the matches count the values of both.
        self.assertAnswers("objectType = Host AND " + BROAD_AQL, all_of(of_type("Host"), BROAD),
                           capped=False, whole=True)
        self.assertAnswers("objectType = Switch AND Status = Running AND CPU >= 32",
                           all_of(of_type("Switch"), RUNNING, CPU32), capped=False, whole=True)
        self.assertAnswers("Status = Running AND CPU >= 32 AND objectType = Switch",
                           all_of(of_type("Switch"), RUNNING, CPU32))
        self.assertAnswers("Status = Running AND CPU >= 64", all_of(RUNNING, cpu_at_least(64)),
                           capped=False, whole=True)
        self.assertAnswers("objectType = Host AND Status = Running AND CPU >= 2",
                           all_of(of_type("Host"), RUNNING, cpu_at_least(2)), capped=True)
        self.assertAnswers("objectType != Host AND Status = Running AND CPU >= 2",
                           all_of(of_type("Switch"), RUNNING, cpu_at_least(2)), capped=False,
                           whole=True)
        self.assertAnswers("Status = Running AND Name = host-00042 AND objectType = Switch",
                           lambda o: False)

    def test_order_by_attribute(self):
        # Below the cap (sorted after collecting through the driver).
        self.assertAnswers(BROAD_AQL + " ORDER BY CPU", BROAD, key=by_cpu, capped=False,
                           whole=True)
        self.assertAnswers(BROAD_AQL + " ORDER BY CPU DESC", BROAD, key=by_cpu, reverse=True,
                           whole=True)
        # Above the cap (walking the order), objects without CPU first (or last).
        self.assertAnswers('Status = Running AND Tier = "Tier 1" ORDER BY CPU',
                           all_of(RUNNING, TIER1), key=by_cpu, capped=True,
                           pages=((0, 25), (25, 25), (0, 500)))
        self.assertAnswers('Status = Running AND Tier = "Tier 1" ORDER BY CPU DESC',
                           all_of(RUNNING, TIER1), key=by_cpu, reverse=True,
                           pages=((0, 25), (480, 40)))
        self.assertTrue(any(o["cpu"] is None for o in self.expected(all_of(RUNNING, TIER1))))
        # Other orders.
        self.assertAnswers(BROAD_AQL + " ORDER BY Label DESC", BROAD, reverse=True,
                           whole=True)
        by_tier = lambda o: (o["tier"] is not None, (o["tier"] or "").lower(), o["id"])  # noqa
        self.assertAnswers("Status = Running AND CPU >= 32 ORDER BY Tier",
                           all_of(RUNNING, CPU32), key=by_tier, capped=True,
                           pages=((0, 25), (0, 500)))
        self.assertAnswers("objectType = Switch AND Status = Running ORDER BY Key",
                           all_of(of_type("Switch"), RUNNING), key=lambda o: o["id"],
                           whole=True)

    def test_or_and_not(self):
        running_or_t2 = any_of(RUNNING, has("tier", "Tier 2"))
        self.assertAnswers('Status = Running OR Tier = "Tier 2"', running_or_t2, capped=True)
        self.assertAnswers('(Status = Running OR Tier = "Tier 2") AND CPU >= 32 AND '
                           'objectType = Switch', all_of(running_or_t2, CPU32, of_type("Switch")),
                           capped=False, whole=True)
        # OR under a frequent conjunct that drives.
        self.assertAnswers('(Status = Maintenance OR Tier = "Tier 4") AND CPU >= 32',
                           all_of(any_of(has("status", "Maintenance"), has("tier", "Tier 4")),
                                  CPU32), capped=False, whole=True)
        self.assertAnswers(BROAD_AQL + " OR Name = host-00042",
                           any_of(BROAD, has("name", "host-00042")), capped=False, whole=True)
        # NOT matches objects without a value; != does not.
        not_running = negate(RUNNING)
        self.assertAnswers('NOT Status = Running AND Tier = "Tier 3"',
                           all_of(not_running, has("tier", "Tier 3")), capped=False, whole=True)
        self.assertAnswers('NOT Status = Running AND Tier = "Tier 1" AND CPU >= 32',
                           all_of(not_running, TIER1, CPU32), capped=False, whole=True)
        self.assertAnswers('Status != Running AND Tier = "Tier 1" AND CPU >= 32',
                           all_of(lambda o: o["status"] is not None, not_running, TIER1, CPU32),
                           capped=False, whole=True)
        self.assertNotEqual(len(self.expected(all_of(not_running, TIER1, CPU32))),
                            len(self.expected(all_of(lambda o: o["status"] is not None,
                                                     not_running, TIER1, CPU32))),
                            "premise: some Tier 1 hosts with 32+ CPUs have no Status")
        self.assertAnswers('NOT (Status = Running OR Tier = "Tier 2")', negate(running_or_t2),
                           capped=True)
        self.assertAnswers('NOT (Status = Running OR Tier = "Tier 2") AND Tier = "Tier 1" AND '
                           'CPU >= 32', all_of(negate(running_or_t2), TIER1, CPU32),
                           capped=False, whole=True)
        self.assertAnswers("NOT Status = Running", not_running, capped=True)
        self.assertAnswers("Status = Running AND NOT CPU >= 32 AND Tier = \"Tier 1\"",
                           all_of(RUNNING, negate(CPU32), TIER1), capped=False, whole=True)

    def test_multi_valued_frequent_match(self):
        web, db = has("tags", "web"), has("tags", "db")
        # Tags = web drives (first of the matches with a half share); hosts holding web and
        # Web have two matching values but count and appear once.
        node = label_starts("node")
        self.assertAnswers("Tags = web AND CPU >= 32 AND Label STARTSWITH node",
                           all_of(web, CPU32, node), capped=False, whole=True)
        self.assertAnswers("CPU >= 32 AND Tags = web AND Label STARTSWITH node",
                           all_of(web, CPU32, node), capped=False, whole=True)
        self.assertAnswers("Tags IN (web, db) AND CPU >= 32 AND Label STARTSWITH node",
                           all_of(any_of(web, db), CPU32, node), capped=False, whole=True)
        self.assertAnswers("Tags = web AND Tags = db AND CPU >= 32",
                           all_of(web, db, CPU32), capped=False, whole=True)
        self.assertAnswers("Tags = web AND Status = Running AND CPU >= 32",
                           all_of(web, RUNNING, CPU32), capped=False, whole=True)
        self.assertAnswers("Tags = web AND Tags = db", all_of(web, db))
        self.assertAnswers("Tags IN (web, db) AND CPU >= 2", all_of(any_of(web, db),
                                                                    cpu_at_least(2)), capped=True)
        self.assertAnswers("Tags LIKE e AND CPU >= 32 AND Label STARTSWITH db",
                           all_of(lambda o: any("e" in t.lower() for t in o["tags"]), CPU32,
                                  label_starts("db")), capped=False, whole=True)
        # Each object once on a page too.
        got = self.query("Tags = web AND CPU >= 32 AND Label STARTSWITH node", limit=500)
        keys = [o["key"] for o in got["objects"]]
        self.assertEqual(len(keys), len(set(keys)))
        self.assertTrue(any("Web" in o["attributes"]["Tags"] for o in got["objects"]))

    def test_updates_show(self):
        admin = self.admin()
        want = self.expected(BROAD)
        gone, change_cpu = want[0], want[1]
        joining = self.expected(all_of(has("status", "Stopped"), TIER1, CPU32))[0]
        for o, attrs in ((gone, {"Status": "Stopped"}), (joining, {"Status": "Running"}),
                         (change_cpu, {"CPU": 8})):
            r = admin.patch("%s/%s" % (OBJECTS, o["key"]), {"attributes": attrs})
            self.assertStatus(r, 200)
            o.update({{"Status": "status", "CPU": "cpu"}[k]: v for k, v in attrs.items()})
        after = self.assertAnswers(BROAD_AQL, BROAD, capped=False, whole=True)
        names = [o["name"] for o in after]
        self.assertNotIn(gone["name"], names)
        self.assertNotIn(change_cpu["name"], names)
        self.assertIn(joining["name"], names)
        self.assertEqual(len(after), len(want) - 1)
        self.assertAnswers("Status = Stopped AND Name = %s" % aql_quote(gone["name"]),
                           all_of(has("status", "Stopped"), has("name", gone["name"])))
        self.assertEqual(self.query("Status = Stopped AND Name = %s" % aql_quote(
            gone["name"]))["total"], 1)
        # Tags: a value added and one removed.
        tagged = self.expected(all_of(negate(has("tags", "web")), CPU32, label_starts("node")))[0]
        new_tags = tagged["tags"] + ["web"]
        self.assertStatus(admin.patch("%s/%s" % (OBJECTS, tagged["key"]),
                                      {"attributes": {"Tags": new_tags}}), 200)
        tagged["tags"] = new_tags
        got = self.assertAnswers("Tags = web AND CPU >= 32 AND Label STARTSWITH node",
                                 all_of(has("tags", "web"), CPU32, label_starts("node")),
                                 whole=True)
        self.assertIn(tagged["name"], [o["name"] for o in got])


if __name__ == "__main__":
    unittest.main()
