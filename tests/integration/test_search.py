"""Search API (S4, issue #3): GET and POST /api/v1/search, field selection, limits, cursor
paging, totals, JQL errors with positions, hostile input, /api/v1/query/validate and
/api/v1/query/fields. Demo server (project ITO, ITO-1..ITO-2092); a second class on a fresh server
checks the 10,000 cap on totals."""

import queue
import threading
import unittest
import urllib.parse

from steward_harness import StewardTestCase

SEARCH = "/api/v1/search"


def name_of(value):
    """The display name of a rendered field value: a plain string or an object with a name."""
    if isinstance(value, dict):
        for k in ("name", "value", "username", "key"):
            if k in value:
                return value[k]
    return value


class SearchClientMixin:
    """Small search helpers shared by the classes of this file."""

    def get_search(self, client, jql=None, **params):
        q = {}
        if jql is not None:
            q["jql"] = jql
        q.update(params)
        return client.get(SEARCH + ("?" + urllib.parse.urlencode(q) if q else ""))

    def post_search(self, client, jql, **body):
        payload = {"jql": jql}
        payload.update(body)
        return client.post(SEARCH, payload)

    def ok_search(self, client, jql, **body):
        r = self.post_search(client, jql, **body)
        self.assertStatus(r, 200, "search %r" % jql)
        return r.json

    def walk(self, client, jql, limit, method="POST", max_pages=200):
        """Every page of a search through its cursor: (keys in order, number of non-empty
        pages). A server may end a walk whose last page was exactly full with one empty page."""
        keys, cursor, pages, requests = [], None, 0, 0
        while True:
            if method == "POST":
                body = {"limit": limit, "fields": ["summary"]}
                if cursor is not None:
                    body["cursor"] = cursor
                r = self.post_search(client, jql, **body)
            else:
                params = {"limit": limit, "fields": "summary"}
                if cursor is not None:
                    params["cursor"] = cursor
                r = self.get_search(client, jql, **params)
            requests += 1
            self.assertStatus(r, 200, "page %d of %r" % (requests, jql))
            page = r.json
            issues = page["issues"]
            self.assertLessEqual(len(issues), limit)
            keys.extend(i["key"] for i in issues)
            cursor = page.get("next")
            if issues:
                pages += 1
            if cursor is None:
                return keys, pages
            self.assertIsInstance(cursor, str)
            self.assertTrue(cursor)
            # Only full pages have a next cursor.
            self.assertEqual(len(issues), limit, "a short or empty page with a next cursor "
                                                 "(page %d of %r)" % (requests, jql))
            if requests > max_pages:
                self.fail("more than %d pages for %r" % (max_pages, jql))


class SearchTest(SearchClientMixin, StewardTestCase):
    DEMO = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent = cls.as_user("alana")

    def query(self, sql, params=()):
        db = self.server.db()
        try:
            return db.execute(sql, params).fetchall()
        finally:
            db.close()

    def count_type(self, type_name):
        (n,), = self.query("SELECT count(*) FROM issues i JOIN issue_types t ON t.id = "
                           "i.issue_type_id WHERE t.name = ?", (type_name,))
        return n

    def all_keys(self):
        return {k for (k,) in self.query("SELECT key FROM issues")}

    def assertQueryError(self, resp, code_prefix="query."):
        self.assertStatus(resp, 400)
        err = resp.error
        self.assertIsNotNone(err, "error body is not {\"error\":{...}}: %r" % resp)
        self.assertTrue(str(err.get("code", "")).startswith(code_prefix),
                        "error code %r does not start with %r" % (err.get("code"), code_prefix))
        self.assertIsInstance(err.get("message"), str)
        self.assertTrue(err["message"])
        pos = err.get("position")
        self.assertIsInstance(pos, dict, "no error.position in %r" % resp)
        for k in ("offset", "line", "column", "length"):
            self.assertIsInstance(pos.get(k), int, "position.%s missing in %r" % (k, resp))
            self.assertNotIsInstance(pos.get(k), bool)
        return err

    def column_base(self, pos):
        """Columns are offset + 0 or offset + 1 on the first line (the same for every error)."""
        base = pos["column"] - pos["offset"]
        self.assertIn(base, (0, 1), "column %r does not match offset %r" % (pos["column"],
                                                                            pos["offset"]))
        return base

    # -- GET and POST ---------------------------------------------------------------------------
    def test_get_and_post_agree(self):
        jql = "issuetype = Problem ORDER BY key ASC"
        g = self.get_search(self.agent, jql, limit=20)
        self.assertStatus(g, 200)
        self.assertIn("application/json", g.header("Content-Type") or "")
        p = self.post_search(self.agent, jql, limit=20)
        self.assertStatus(p, 200)
        for body in (g.json, p.json):
            self.assertEqual(len(body["issues"]), 20)
            self.assertEqual(body["total"], self.count_type("Problem"))
            self.assertIs(body["totalCapped"], False)
            self.assertIsInstance(body["next"], str)
            self.assertIsInstance(body["jql"], str)
            for issue in body["issues"]:
                self.assertIsInstance(issue["id"], int)
                self.assertRegex(issue["key"], r"^ITO-\d+$")
                self.assertIsInstance(issue["fields"], dict)
        self.assertEqual([i["key"] for i in g.json["issues"]],
                         [i["key"] for i in p.json["issues"]])
        # ORDER BY key ASC: numbers increase.
        numbers = [int(i["key"].split("-")[1]) for i in g.json["issues"]]
        self.assertEqual(numbers, sorted(numbers))

    def test_empty_query_and_default_limit(self):
        expected = len(self.all_keys())
        for r in (self.get_search(self.agent), self.get_search(self.agent, ""),
                  self.post_search(self.agent, "")):
            self.assertStatus(r, 200)
            self.assertEqual(r.json["total"], expected)
            self.assertEqual(len(r.json["issues"]), 50, "default limit is 50")
            self.assertIsNotNone(r.json["next"])
        # Default order: created DESC.
        keys = [i["key"] for i in self.post_search(self.agent, "").json["issues"]]
        created = dict(self.query("SELECT key, created_at FROM issues"))
        stamps = [created[k] for k in keys]
        self.assertEqual(stamps, sorted(stamps, reverse=True))

    def test_default_fields(self):
        r = self.post_search(self.agent, "key = ITO-2052")
        self.assertStatus(r, 200)
        self.assertEqual(len(r.json["issues"]), 1)
        issue = r.json["issues"][0]
        self.assertEqual(issue["key"], "ITO-2052")
        fields = issue["fields"]
        for f in ("summary", "status", "issuetype", "priority", "assignee", "updated"):
            self.assertIn(f, fields, "default field %s missing: %r" % (f, fields))
        self.assertEqual(fields["summary"], "Standard change MongoDB node backup")
        self.assertEqual(name_of(fields["status"]), "Awaiting implementation")
        self.assertEqual(name_of(fields["issuetype"]), "Change")
        self.assertIn(name_of(fields["assignee"]), ("alana", "Alana Grant"))
        self.assertNotIn("description", fields)
        self.assertNotIn("Impact", fields)

    def test_field_selection(self):
        full = self.agent.get("/api/v1/issues/ITO-2075").json
        for r in (self.get_search(self.agent, "key = ITO-2075", fields="summary,status,Impact"),
                  self.post_search(self.agent, "key = ITO-2075",
                                   fields=["summary", "status", "Impact"])):
            self.assertStatus(r, 200)
            self.assertEqual(len(r.json["issues"]), 1)
            fields = r.json["issues"][0]["fields"]
            self.assertEqual(fields["summary"], full["summary"])
            self.assertEqual(name_of(fields["status"]), full["status"]["name"])
            self.assertEqual(name_of(fields["Impact"]), "Extensive / Widespread")
            for absent in ("assignee", "priority", "issuetype", "description", "Urgency"):
                self.assertNotIn(absent, fields, "%s was not requested" % absent)
        r = self.post_search(self.agent, "key = ITO-2075",
                             fields=["labels", "reporter", "created", "resolution", "project"])
        self.assertStatus(r, 200)
        fields = r.json["issues"][0]["fields"]
        for f in ("labels", "reporter", "created", "resolution", "project"):
            self.assertIn(f, fields)
        self.assertIn(name_of(fields["reporter"]), ("jennifer", "Jennifer Evans"))
        self.assertIsNone(fields["resolution"])

    # -- limits and parameter types --------------------------------------------------------------
    def test_limit_bounds(self):
        for limit in ("0", "501", "-1", "abc", "1.5", "99999999999999999999"):
            with self.subTest(limit=limit):
                r = self.agent.get(SEARCH + "?" + urllib.parse.urlencode({"jql": "",
                                                                          "limit": limit}))
                self.assertStatus(r, 400)
                self.assertIsNotNone(r.error)
        for limit in (0, 501, -5, "5", 5.5, True, [5], {"n": 5}):
            with self.subTest(limit=limit):
                r = self.post_search(self.agent, "", limit=limit)
                self.assertStatus(r, 400)
                self.assertIsNotNone(r.error)
        r = self.post_search(self.agent, "", limit=1)
        self.assertStatus(r, 200)
        self.assertEqual(len(r.json["issues"]), 1)
        r = self.get_search(self.agent, "", limit=500)
        self.assertStatus(r, 200)
        self.assertEqual(len(r.json["issues"]), 500)

    def test_wrong_body_types(self):
        for body in ({"jql": 42}, {"jql": ["project = ITO"]}, {"jql": "", "fields": "summary"},
                     {"jql": "", "fields": [1, 2]}, {"jql": "", "cursor": 17},
                     {"jql": "", "cursor": "not-a-cursor"}):
            with self.subTest(body=body):
                r = self.agent.post(SEARCH, body)
                self.assertStatus(r, 400)
                self.assertIsNotNone(r.error)
        r = self.agent.get(SEARCH + "?jql=&cursor=garbage%21%21")
        self.assertStatus(r, 400)
        r = self.agent.post(SEARCH, body=b"[1,2]", content_type="application/json")
        self.assertStatus(r, 400)

    # -- cursor paging ---------------------------------------------------------------------------
    def test_cursor_walk_matches_single_page(self):
        expected_total = self.count_type("Problem")
        self.assertLess(expected_total, 500)
        for jql in ("issuetype = Problem",
                    "issuetype = Problem ORDER BY priority ASC",
                    "issuetype = Problem ORDER BY priority DESC, created ASC",
                    "issuetype = Problem ORDER BY assignee ASC",
                    "issuetype = Problem ORDER BY status DESC, key ASC"):
            with self.subTest(jql=jql):
                single = self.ok_search(self.agent, jql, limit=500)
                self.assertIsNone(single["next"])
                big = [i["key"] for i in single["issues"]]
                self.assertEqual(len(big), expected_total)
                self.assertEqual(len(set(big)), len(big))
                for limit, method in ((7, "POST"), (50, "GET"), (expected_total, "POST")):
                    keys, pages = self.walk(self.agent, jql, limit, method)
                    self.assertEqual(keys, big, "paging with limit %d changed the result" % limit)
                    self.assertEqual(pages, -(-expected_total // limit))

    def test_order_by_priority_ranks(self):
        prio = dict(self.query("SELECT i.key, p.position FROM issues i JOIN priorities p ON "
                               "p.id = i.priority_id"))
        # As in Jira: DESC puts the most urgent first (lowest position), ASC the least urgent.
        keys, _ = self.walk(self.agent, "issuetype = Problem ORDER BY priority DESC", 40)
        ranks = [prio[k] for k in keys]
        self.assertEqual(ranks, sorted(ranks), "DESC runs Highest..Lowest")
        keys, _ = self.walk(self.agent, "issuetype = Problem ORDER BY priority ASC", 40)
        ranks = [prio[k] for k in keys]
        self.assertEqual(ranks, sorted(ranks, reverse=True))

    def test_walk_everything(self):
        expected = self.all_keys()
        for limit, method in ((500, "POST"), (333, "GET")):
            with self.subTest(limit=limit):
                keys, pages = self.walk(self.agent, "", limit, method)
                self.assertEqual(len(keys), len(set(keys)), "duplicates across pages")
                self.assertEqual(set(keys), expected, "gaps across pages")
                self.assertEqual(pages, -(-len(expected) // limit))
        keys, _ = self.walk(self.agent, "project = ITO ORDER BY key DESC", 500)
        self.assertEqual(keys, ["ITO-%d" % n for n in range(2092, 0, -1)])

    # -- totals ----------------------------------------------------------------------------------
    def test_total_exact_for_small_results(self):
        r = self.ok_search(self.agent, "key = ITO-2052")
        self.assertEqual(r["total"], 1)
        self.assertIs(r["totalCapped"], False)
        self.assertIsNone(r["next"])
        self.assertEqual([i["key"] for i in r["issues"]], ["ITO-2052"])
        (n,), = self.query("SELECT count(*) FROM issues i JOIN issue_types t ON t.id = "
                           "i.issue_type_id JOIN users u ON u.id = i.assignee_id WHERE t.name = "
                           "'Problem' AND u.username = 'alana'")
        r = self.ok_search(self.agent, "assignee = alana AND issuetype = Problem", limit=3)
        self.assertEqual(r["total"], n)
        self.assertIs(r["totalCapped"], False)
        r = self.ok_search(self.agent, "project = ITO", limit=10)
        self.assertEqual(r["total"], len(self.all_keys()))
        self.assertIs(r["totalCapped"], False)
        r = self.ok_search(self.agent, "key = ITO-2052 AND key = ITO-2053")
        self.assertEqual((r["total"], r["issues"], r["next"]), (0, [], None))
        self.assertIs(r["totalCapped"], False)

    # -- errors with positions -------------------------------------------------------------------
    def test_unknown_field_suggestion(self):
        for send in (lambda q: self.get_search(self.agent, q),
                     lambda q: self.post_search(self.agent, q),
                     lambda q: self.agent.post("/api/v1/query/validate", {"jql": q})):
            r = send("asignee = x")
            if r.status == 200:  # validate answers 200 {"valid": false, "error": ...}
                self.assertIs(r.json["valid"], False)
                err = r.json["error"]
            else:
                err = self.assertQueryError(r)
            self.assertEqual(err["code"], "query.unknownField")
            self.assertIn('did you mean "assignee"', err["message"])
            pos = err["position"]
            self.assertEqual(pos["offset"], 0)
            self.assertEqual(pos["line"], 1)
            self.column_base(pos)
            self.assertEqual(pos["length"], len("asignee"))

    def test_unknown_field_later_in_query(self):
        q = "project = ITO AND statsu = Open"
        err = self.assertQueryError(self.post_search(self.agent, q))
        self.assertEqual(err["code"], "query.unknownField")
        self.assertIn('did you mean "status"', err["message"])
        self.assertEqual(err["position"]["offset"], q.index("statsu"))
        self.assertEqual(err["position"]["length"], len("statsu"))

    def test_missing_value_points_at_end(self):
        for q in ("status = ", "status =", "project = ITO AND assignee IN ("):
            with self.subTest(q=q):
                err = self.assertQueryError(self.post_search(self.agent, q))
                self.assertEqual(err["code"], "query.syntax")
                off = err["position"]["offset"]
                self.assertGreaterEqual(off, len(q.rstrip()))
                self.assertLessEqual(off, len(q))
                self.assertEqual(err["position"]["line"], 1)

    def test_unbalanced_parenthesis(self):
        q = "project = ITO AND (status = Open"
        err = self.assertQueryError(self.post_search(self.agent, q))
        self.assertEqual(err["code"], "query.syntax")
        self.assertIn(err["position"]["offset"], (len(q), q.index("(")))
        self.assertIn(")", err["message"])
        q = "project = ITO) AND status = Open"
        err = self.assertQueryError(self.post_search(self.agent, q))
        self.assertEqual(err["code"], "query.syntax")
        self.assertEqual(err["position"]["offset"], q.index(")"))

    def test_other_syntax_errors(self):
        # (query, acceptable offsets: None = the end of the query)
        for q, offsets in (("project = ITO AND", [None]),
                           ("project = ITO status = Open", ["status"]),
                           ('summary ~ "unterminated', ['"', None]),
                           ("= ITO", ["="]),
                           ("project = ITO ORDER BY", [None]),
                           ("project = ITO ORDER created", ["created"]),
                           ("status IN (Open, Closed", [None]),
                           ("project = ITO AND AND status = Open", ["AND status"]),
                           ("()", [")"])):
            with self.subTest(q=q):
                err = self.assertQueryError(self.post_search(self.agent, q))
                self.assertEqual(err["code"], "query.syntax")
                want = [len(q) if at is None else q.index(at) for at in offsets]
                self.assertIn(err["position"]["offset"], want)
        # IS takes only EMPTY / NULL (some parsers call that a bad value or operator).
        q = "status IS Open"
        err = self.assertQueryError(self.post_search(self.agent, q))
        self.assertIn(err["code"], ("query.syntax", "query.badValue", "query.badOperator"))
        self.assertIn(err["position"]["offset"], (q.index("IS"), q.index("Open")))

    def test_position_on_second_line(self):
        q = "project = ITO\nAND asignee = x"
        err = self.assertQueryError(self.post_search(self.agent, q))
        self.assertEqual(err["code"], "query.unknownField")
        pos = err["position"]
        self.assertEqual(pos["offset"], q.index("asignee"))
        self.assertEqual(pos["line"], 2)
        # The column base (0 or 1) is the one of first-line errors.
        first = self.assertQueryError(self.post_search(self.agent, "asignee = x"))["position"]
        base = self.column_base(first)
        self.assertEqual(pos["column"], base + len("AND "))

    def test_bad_values(self):
        for q, value, code in (("status = Bogus", "Bogus", "query.badValue"),
                               ('issuetype = "No such type"', '"No such type"', "query.badValue"),
                               ("priority = Urgentest", "Urgentest", "query.badValue"),
                               ("resolution = Nope", "Nope", "query.badValue"),
                               ('Impact = "Apocalyptic"', '"Apocalyptic"', "query.badValue"),
                               ('statusCategory = "Maybe"', '"Maybe"', "query.badValue"),
                               ('created >= "the day after tomorrow"',
                                '"the day after tomorrow"', "query.badValue"),
                               ("created >= 2025-13-45", "2025-13-45", "query.badValue"),
                               ("project = NOPE", "NOPE", "query.badValue")):
            with self.subTest(q=q):
                err = self.assertQueryError(self.post_search(self.agent, q))
                self.assertEqual(err["code"], code)
                self.assertEqual(err["position"]["offset"], q.index(value))
        err = self.assertQueryError(self.post_search(self.agent, "status IN (Open, Bogus)"))
        self.assertEqual(err["code"], "query.badValue")
        self.assertEqual(err["position"]["offset"], len("status IN (Open, "))
        self.assertEqual(err["position"]["length"], len("Bogus"))

    def test_bad_operator(self):
        for q in ("created ~ 2025-01-01", '"Change type" ~ Standard', "resolution > Done"):
            with self.subTest(q=q):
                err = self.assertQueryError(self.post_search(self.agent, q))
                self.assertEqual(err["code"], "query.badOperator")
                op = q.index("~") if "~" in q else q.index(">")
                self.assertIn(err["position"]["offset"], (0, op))

    def test_order_by_unknown_field(self):
        q = "project = ITO ORDER BY prioritty"
        err = self.assertQueryError(self.post_search(self.agent, q))
        self.assertEqual(err["code"], "query.unknownField")
        self.assertEqual(err["position"]["offset"], q.index("prioritty"))
        self.assertIn('did you mean "priority"', err["message"])

    # -- language odds and ends -------------------------------------------------------------------
    def total(self, jql):
        return self.ok_search(self.agent, jql, limit=1)["total"]

    def test_keywords_aliases_and_quoting(self):
        base = self.total("issuetype = Problem AND status != Completed")
        self.assertGreater(base, 0)
        for q in ("ISSUETYPE = Problem and Status != Completed",
                  "type = Problem AND status != Completed",
                  'issueType = "Problem" && status != \'Completed\'',
                  "issuetype = Problem AND NOT status = Completed",
                  "issuetype = Problem AND !(status = Completed)",
                  "issuetype = Problem and not status in (Completed)"):
            with self.subTest(q=q):
                self.assertEqual(self.total(q), base)
        one = self.total("key = ITO-2052")
        for q in ('key = "ITO-2052"', "key = 'ITO-2052'", "issuekey = ITO-2052",
                  "issue = ITO-2052", 'summary ~ "zzqx \\"yyqx\\"" OR key = ITO-2052'):
            with self.subTest(q=q):
                self.assertEqual(self.total(q), one)

    def test_precedence(self):
        a, b, c = "issuetype = Problem", "priority = Critical", "assignee = alana"
        implicit = self.total("%s OR %s AND %s" % (a, b, c))
        right = self.total("%s OR (%s AND %s)" % (a, b, c))
        left = self.total("(%s OR %s) AND %s" % (a, b, c))
        self.assertEqual(implicit, right)
        self.assertNotEqual(implicit, left, "the demo data should tell the two apart")
        self.assertEqual(self.total("%s || %s && %s" % (a, b, c)), right)
        self.assertEqual(self.total("NOT %s AND %s" % (a, c)),
                         self.total("(NOT %s) AND %s" % (a, c)))

    # -- hostile input ---------------------------------------------------------------------------
    def assertHealthy(self):
        self.assertTrue(self.server.alive(), "steward died")
        self.assertStatus(self.anon().get("/healthz"), 200)
        r = self.post_search(self.agent, "project = ITO", limit=1)
        self.assertStatus(r, 200)
        self.assertEqual(r.json["total"], len(self.all_keys()))

    def test_very_long_query(self):
        # A valid query of 100 KB: thousands of clauses are refused, not compiled.
        q = "summary ~ aaaa" + " OR summary ~ aaaa" * (100 * 1024 // 18 + 1)
        self.assertGreaterEqual(len(q), 100 * 1024)
        r = self.post_search(self.agent, q)
        self.assertStatus(r, 400)
        self.assertIsNotNone(r.error)
        r = self.post_search(self.agent, "summary ~ \"%s\"" % ("x" * 100 * 1024))
        self.assertStatus(r, 400)
        self.assertIsNotNone(r.error)
        r = self.agent.post("/api/v1/query/validate", {"jql": q})
        self.assertIn(r.status, (200, 400))
        if r.status == 200:
            self.assertIs(r.json["valid"], False)
        self.assertHealthy()

    def test_deeply_nested_parentheses(self):
        deep = "(" * 5000 + "project = ITO" + ")" * 5000
        r = self.post_search(self.agent, deep)
        self.assertStatus(r, 400)
        self.assertIsNotNone(r.error)
        r = self.post_search(self.agent, "(" * 5000)
        self.assertStatus(r, 400)
        r = self.post_search(self.agent, "NOT " * 5000 + "project = ITO")
        self.assertIn(r.status, (200, 400), r)  # a loop or a depth limit, never a crash
        r = self.agent.post("/api/v1/query/validate", {"jql": deep})
        self.assertIn(r.status, (200, 400))
        if r.status == 200:
            self.assertIs(r.json["valid"], False)
        # Modest nesting is fine.
        r = self.post_search(self.agent, "(" * 10 + "key = ITO-2052" + ")" * 10)
        self.assertStatus(r, 200)
        self.assertEqual(r.json["total"], 1)
        self.assertHealthy()

    def test_nul_bytes_and_bad_encoding(self):
        for q in ("project = ITO\x00 AND status = Open", "\x00", "status = Op\x00en"):
            with self.subTest(q=q):
                r = self.post_search(self.agent, q)
                self.assertStatus(r, 400)
                self.assertIsNotNone(r.error)
        r = self.post_search(self.agent, 'summary ~ "a\x00b"')
        self.assertIn(r.status, (200, 400), r)
        for raw in ("project%20%3D%20ITO%00", "%FF%FE", "status%20%3D%20%C3%28"):
            with self.subTest(raw=raw):
                r = self.agent.get(SEARCH + "?jql=" + raw)
                self.assertStatus(r, 400)
        self.assertHealthy()

    def test_sql_injection_is_just_text(self):
        before = len(self.all_keys())
        for q in ('summary ~ "x\'); DROP TABLE issues; --"',
                  "summary ~ \"'; DELETE FROM issues; --\"",
                  "text ~ 'x OR 1=1; SELECT name FROM users'"):
            with self.subTest(q=q):
                r = self.post_search(self.agent, q)
                self.assertStatus(r, 200)
                self.assertLess(r.json["total"], before, "an injected condition matched all")
        # Values that are no valid label / user / word at all: no match, or a bad value.
        for q in ('text ~ "\\" OR 1=1 --"',
                  'summary ~ "zzqx*) OR (1=1"',
                  'labels = "x\' OR \'1\'=\'1"',
                  "labels = 'a\" OR 1=1 --'",
                  'summary ~ "NEAR(zzqx yyqx)"',
                  'description ~ "%_%"',
                  'assignee = "\' OR 1=1 --"',
                  'reporter IN ("x\\"); DROP TABLE users; --")'):
            with self.subTest(q=q):
                r = self.post_search(self.agent, q)
                self.assertIn(r.status, (200, 400), r)
                if r.status == 200:
                    self.assertEqual(r.json["total"], 0)
                else:
                    self.assertTrue(r.error["code"].startswith("query."), r)
        self.assertEqual(len(self.all_keys()), before)
        (n,), = self.query("SELECT count(*) FROM users")
        self.assertGreater(n, 5)
        self.assertHealthy()

    def test_unicode_values(self):
        for q in ('summary ~ "café"', "labels = 'ünïcödé'", 'summary ~ "日本語"'):
            with self.subTest(q=q):
                r = self.post_search(self.agent, q)
                self.assertStatus(r, 200)
                self.assertEqual(r.json["total"], 0)
        r = self.post_search(self.agent, 'summary ~ "😀 ☕"')  # no word characters at all
        self.assertIn(r.status, (200, 400), r)
        if r.status == 200:
            self.assertEqual(r.json["total"], 0)

    # -- validate and fields ---------------------------------------------------------------------
    def test_explain_is_for_administrators(self):
        admin = self.as_user("admin")
        r = admin.post("/api/v1/query/explain",
                       {"jql": "project = ITO AND assignee = alana ORDER BY updated DESC"})
        self.assertStatus(r, 200)
        page = r.json["page"]
        self.assertIn("FROM issues i", page["sqlite"])
        self.assertIn("$1", page["postgres"])
        self.assertEqual(page["sqlite"].count("?"), len(page["params"]))
        self.assertTrue(page["plan"], "SQLite's plan lines")
        self.assertTrue(any("issues" in line or " i " in line for line in page["plan"]))
        self.assertIn("count(*)", r.json["count"]["sqlite"])
        bad = admin.post("/api/v1/query/explain", {"jql": "asignee = alana"})
        self.assertStatus(bad, 400)
        self.assertEqual(bad.error["code"], "query.unknownField")
        self.assertStatus(admin.post("/api/v1/query/explain", {}), 400)
        self.assertStatus(self.agent.post("/api/v1/query/explain", {"jql": "project = ITO"}), 403)

    def test_validate(self):
        v = self.agent.post("/api/v1/query/validate",
                            {"jql": "project = ITO AND status IN (Open, Closed) ORDER BY created"})
        self.assertStatus(v, 200)
        self.assertIs(v.json["valid"], True)
        self.assertNotIn("sql", v.json)
        self.assertStatus(self.agent.post("/api/v1/query/validate", {"jql": ""}), 200)
        for q, code in (("status = ", "query.syntax"), ("asignee = x", "query.unknownField"),
                        ("status = Bogus", "query.badValue"),
                        ("created ~ 2025-01-01", "query.badOperator")):
            with self.subTest(q=q):
                r = self.agent.post("/api/v1/query/validate", {"jql": q})
                self.assertStatus(r, 200)
                self.assertIs(r.json["valid"], False)
                err = r.json["error"]
                self.assertEqual(err["code"], code)
                self.assertTrue(err["message"])
                self.assertIsInstance(err["position"]["offset"], int)
                self.assertNotIn("sql", r.json)

    def test_fields_catalogue(self):
        r = self.agent.get("/api/v1/query/fields")
        self.assertStatus(r, 200)
        fields = {f["name"].lower(): f for f in r.json["fields"]}
        for name in ("assignee", "status", "priority", "created", "project", "labels",
                     "issuetype", "resolution", "text"):
            self.assertIn(name, fields, "field %s missing" % name)
        for f in r.json["fields"]:
            self.assertIsInstance(f["operators"], list)
            self.assertIsInstance(f["orderable"], bool)
            self.assertIsInstance(f["custom"], bool)
        status = fields["status"]
        self.assertIs(status["custom"], False)
        self.assertIn("=", status["operators"])
        self.assertIs(status["orderable"], True)
        self.assertIs(status["history"], True)
        self.assertIn("Open", [name_of(v) for v in status["values"]])
        self.assertIn("Under review", [name_of(v) for v in status["values"]])
        self.assertIn("=", fields["assignee"]["operators"])
        self.assertIs(fields["assignee"]["history"], True)
        impact = fields["impact"]
        self.assertIs(impact["custom"], True)
        self.assertIn("Minor / Localized", [name_of(v) for v in impact["values"]])
        self.assertNotIn("~", fields["created"]["operators"])
        functions = [name_of(f) if not isinstance(f, str) else f for f in r.json["functions"]]
        self.assertTrue(any(str(f).startswith("currentUser") for f in functions), functions)
        self.assertTrue(any(str(f).startswith("membersOf") for f in functions), functions)
        keywords = [str(name_of(k)).upper() for k in r.json["keywords"]]
        for k in ("AND", "OR", "NOT", "IN", "EMPTY"):
            self.assertIn(k, keywords)

    def test_unauthenticated(self):
        anon = self.anon()
        self.assertStatus(anon.get(SEARCH + "?jql=project%20%3D%20ITO"), 401)
        self.assertStatus(anon.post(SEARCH, {"jql": "project = ITO"}), 401)
        self.assertStatus(anon.post("/api/v1/query/validate", {"jql": "project = ITO"}), 401)
        bad = self.server.client(token="not-a-real-token")
        self.assertStatus(bad.get(SEARCH), 401)

    def test_api_token_search(self):
        api = self.token_client("mitch")
        r = api.get(SEARCH + "?" + urllib.parse.urlencode({"jql": "key = ITO-2075"}))
        self.assertStatus(r, 200)
        self.assertEqual([i["key"] for i in r.json["issues"]], ["ITO-2075"])
        r = api.post(SEARCH, {"jql": "key = ITO-2075"})
        self.assertStatus(r, 200)
        self.assertEqual(r.json["total"], 1)


class SearchTotalCapTest(SearchClientMixin, StewardTestCase):
    """Totals are counted up to 10,000: a fresh server with 10,040 issues in one project."""
    ADMIN = True
    PROJECT = "CAP"
    ISSUES = 10040

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        admin = cls.as_user("admin")
        r = admin.post("/api/v1/projects", {"key": cls.PROJECT, "name": "Capped"})
        if r.status != 201:
            raise AssertionError("setup failed: %r" % r)
        api = cls.token_client("admin")
        todo = queue.Queue()
        for n in range(cls.ISSUES):
            todo.put(n)
        errors = []

        def worker():
            while not errors:
                try:
                    n = todo.get_nowait()
                except queue.Empty:
                    return
                r = api.post("/api/v1/issues", {"project": cls.PROJECT, "issueType": "Task",
                                                "summary": "capped issue %d" % n})
                if r.status != 201:
                    errors.append(r)

        threads = [threading.Thread(target=worker) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        if errors:
            raise AssertionError("setup create failed: %r" % errors[0])

    def test_total_is_capped(self):
        admin = self.as_user("admin")
        r = self.ok_search(admin, "project = CAP", limit=10)
        self.assertEqual(r["total"], 10000)
        self.assertIs(r["totalCapped"], True)
        self.assertIsNotNone(r["next"])
        self.assertEqual(len(r["issues"]), 10)
        r = self.ok_search(admin, "project = CAP AND key = CAP-17")
        self.assertEqual(r["total"], 1)
        self.assertIs(r["totalCapped"], False)
        r = self.ok_search(admin, "project = CAP AND key IN (CAP-1, CAP-2, CAP-3)")
        self.assertEqual(r["total"], 3)
        self.assertIs(r["totalCapped"], False)

    def test_paging_goes_past_the_cap(self):
        keys, pages = self.walk(self.as_user("admin"), "project = CAP ORDER BY key ASC", 500)
        self.assertEqual(pages, -(-self.ISSUES // 500))
        self.assertEqual(keys, ["CAP-%d" % n for n in range(1, self.ISSUES + 1)])


if __name__ == "__main__":
    unittest.main()
