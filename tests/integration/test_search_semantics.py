"""JQL semantics (S4, issue #3) against an independent evaluator.

The demo data is varied a little through the API (labels, unassigned issues, issues assigned to
admin, issues without a priority), then every issue is loaded straight from the server's SQLite
database (read-only) and a few hundred generated queries are evaluated here in Python and through
/api/v1/search (as admin, who sees every issue, paging with the cursor). The two sets of keys must
be equal. Semantics as in JQL: `!=` and `NOT IN` never match an empty field, comparisons never
match an empty date, and NOT is the plain negation of the (two-valued) clause it applies to."""

import calendar
import random
import time
import unittest

from steward_harness import StewardTestCase

DAY_MS = 86400 * 1000
CATEGORY_NAMES = {"todo": "To Do", "in_progress": "In Progress", "done": "Done"}
LABELS = ["network", "database", "customer-facing", "q4-review", "follow_up", "sev.2"]
SELECT_FIELDS = ["Impact", "Urgency", "Change type", "Change risk", "Investigation reason"]
# Object fields compare by the objects' labels, case-insensitively, like select options.
OBJECT_FIELDS = ["Affected services", "Application to change", "Type of standard change",
                 "Application impacted"]
QUERIES = 300
SEED = 7


def quote(value, rnd=None):
    """A JQL string literal, double-quoted (or single-quoted now and then)."""
    if rnd is not None and rnd.random() < 0.2 and "'" not in value and "\\" not in value:
        return "'" + value + "'"
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def utc_ms(text, fmt):
    return calendar.timegm(time.strptime(text, fmt)) * 1000


# -- the data ------------------------------------------------------------------------------------
class Data:
    """Every issue of the database with what the generated queries look at."""

    def __init__(self, db):
        self.issues = []
        rows = db.execute(
            "SELECT i.id, i.key, p.key, t.name, s.name, s.category, pr.name, r.name, a.username, "
            "rep.username, i.created_at, i.updated_at, i.resolved_at, par.key "
            "FROM issues i JOIN projects p ON p.id = i.project_id "
            "JOIN issue_types t ON t.id = i.issue_type_id "
            "JOIN statuses s ON s.id = i.status_id "
            "LEFT JOIN priorities pr ON pr.id = i.priority_id "
            "LEFT JOIN resolutions r ON r.id = i.resolution_id "
            "LEFT JOIN users a ON a.id = i.assignee_id "
            "JOIN users rep ON rep.id = i.reporter_id "
            "LEFT JOIN issues par ON par.id = i.parent_id ORDER BY i.id").fetchall()
        by_id = {}
        for (iid, key, project, itype, status, category, priority, resolution, assignee,
             reporter, created, updated, resolved, parent) in rows:
            issue = {"id": iid, "key": key, "project": project, "type": itype,
                     "status": status, "category": CATEGORY_NAMES[category],
                     "priority": priority, "resolution": resolution, "assignee": assignee,
                     "reporter": reporter, "created": created, "updated": updated,
                     "resolved": resolved, "parent": parent, "labels": set(), "cf": {}}
            self.issues.append(issue)
            by_id[iid] = issue
        for iid, label in db.execute("SELECT issue_id, label FROM issue_labels"):
            by_id[iid]["labels"].add(label)
        for iid, fname, value in db.execute(
                "SELECT v.issue_id, f.name, o.value FROM issue_field_values v "
                "JOIN custom_fields f ON f.id = v.field_id "
                "JOIN custom_field_options o ON o.id = v.int_value "
                "WHERE f.type IN ('select', 'multiselect')"):
            by_id[iid]["cf"].setdefault(fname, set()).add(value)
        for iid, fname, label in db.execute(
                "SELECT v.issue_id, f.name, o.label FROM issue_field_values v "
                "JOIN custom_fields f ON f.id = v.field_id "
                "JOIN cmdb_objects o ON o.id = v.int_value WHERE f.type = 'object'"):
            by_id[iid]["cf"].setdefault(fname, set()).add(label)
        self.statuses = sorted(n for (n,) in db.execute("SELECT name FROM statuses"))
        self.types = sorted(n for (n,) in db.execute("SELECT name FROM issue_types"))
        self.priorities = [n for (n,) in db.execute("SELECT name FROM priorities "
                                                    "ORDER BY position")]
        self.resolutions = sorted(n for (n,) in db.execute("SELECT name FROM resolutions"))
        self.users = sorted(n for (n,) in db.execute("SELECT username FROM users"))
        self.teams = {}
        for team, user in db.execute("SELECT t.name, u.username FROM teams t JOIN team_members m "
                                     "ON m.team_id = t.id JOIN users u ON u.id = m.user_id"):
            self.teams.setdefault(team, set()).add(user)
        self.fields = {}  # select field name: (id, type, [options])
        for fid, name, ftype in db.execute("SELECT id, name, type FROM custom_fields "
                                           "WHERE type = 'select'"):
            if name in SELECT_FIELDS:
                opts = [v for (v,) in db.execute("SELECT value FROM custom_field_options WHERE "
                                                 "field_id = ? ORDER BY position", (fid,))]
                self.fields[name] = (fid, ftype, opts)
        for fid, name, ftype, schema in db.execute(
                "SELECT id, name, type, json_extract(config, '$.objectSchema') FROM custom_fields "
                "WHERE type = 'object'"):
            if name in OBJECT_FIELDS:
                opts = sorted({v for (v,) in db.execute(
                    "SELECT o.label FROM cmdb_objects o JOIN cmdb_schemas s ON s.id = o.schema_id "
                    "WHERE s.key = ?", (schema,))})
                self.fields[name] = (fid, ftype, opts)
        self.min_created = min(i["created"] for i in self.issues)
        self.max_created = max(i["created"] for i in self.issues)


# -- the generator and evaluator ------------------------------------------------------------------
class Leaf:
    def __init__(self, text, pred):
        self.text = text
        self.pred = pred


class Node:
    def __init__(self, op, children):
        self.op = op  # "and", "or", "not"
        self.children = children


def evaluate(node, issue):
    if isinstance(node, Leaf):
        return node.pred(issue)
    if node.op == "and":
        return all(evaluate(c, issue) for c in node.children)
    if node.op == "or":
        return any(evaluate(c, issue) for c in node.children)
    return not evaluate(node.children[0], issue)


class Generator:
    """Deterministic random queries over the loaded data, as (JQL text, tree)."""

    def __init__(self, data, rnd, me):
        self.d = data
        self.r = rnd
        self.me = me

    # spelling -------------------------------------------------------------------------------
    def kw(self, word):
        """A keyword in upper, lower or mixed case."""
        x = self.r.random()
        if x < 0.6:
            return word
        if x < 0.85:
            return word.lower()
        return word.capitalize()

    def field(self, name, aliases=()):
        choices = [name] + list(aliases)
        f = self.r.choice(choices)
        x = self.r.random()
        if x < 0.15:
            return f.upper()
        if x < 0.3:
            return f.lower()
        return f

    def value(self, v, unquoted_ok=True):
        """A value, unquoted when it is a plain word and quoted otherwise."""
        plain = all(ch.isalnum() or ch in "_.-" for ch in v) and v[:1].isalpha() and \
            v.upper() not in ("AND", "OR", "NOT", "IN", "IS", "EMPTY", "NULL", "ORDER", "BY",
                              "ASC", "DESC", "WAS", "CHANGED", "FROM", "TO", "BEFORE", "AFTER",
                              "ON", "DURING")
        if unquoted_ok and plain and self.r.random() < 0.5:
            return v
        return quote(v, self.r)

    def vlist(self, values):
        return "(" + ", ".join(self.value(v) for v in values) + ")"

    def pick_some(self, pool, lo=1, hi=3):
        return self.r.sample(pool, self.r.randint(lo, min(hi, len(pool))))

    # leaves ---------------------------------------------------------------------------------
    def single_valued(self, fname, getter, pool, ops, aliases=(), fold=False, render=None):
        """A clause on a field with at most one value: = != IN NOT IN IS [NOT] EMPTY."""
        op = self.r.choice(ops)
        norm = (lambda x: x.lower()) if fold else (lambda x: x)
        render = render or self.value
        f = self.field(fname, aliases)

        def get(i):
            v = getter(i)
            return None if v is None else norm(v)

        if op in ("=", "!="):
            v = self.r.choice(pool)
            want = norm(v)
            text = "%s %s %s" % (f, op, render(v))
            if op == "=":
                return Leaf(text, lambda i: get(i) == want)
            return Leaf(text, lambda i: get(i) is not None and get(i) != want)
        if op in ("IN", "NOT IN"):
            vs = self.pick_some(pool)
            want = {norm(v) for v in vs}
            text = "%s %s (%s)" % (f, self.kw(op), ", ".join(render(v) for v in vs))
            if op == "IN":
                return Leaf(text, lambda i: get(i) in want)
            return Leaf(text, lambda i: get(i) is not None and get(i) not in want)
        empty = self.r.choice(["EMPTY", "EMPTY", "NULL"])
        if op == "IS EMPTY":
            return Leaf("%s %s %s" % (f, self.kw("IS"), self.kw(empty)),
                        lambda i: get(i) is None)
        return Leaf("%s %s %s %s" % (f, self.kw("IS"), self.kw("NOT"), self.kw(empty)),
                    lambda i: get(i) is not None)

    def leaf_project(self):
        return Leaf("%s = %s" % (self.field("project"), self.value("ITO")),
                    lambda i: i["project"] == "ITO")

    def leaf_type(self):
        return self.single_valued("issuetype", lambda i: i["type"], self.d.types,
                                  ["=", "!=", "IN", "NOT IN"], aliases=("type",), fold=True)

    def leaf_status(self):
        return self.single_valued("status", lambda i: i["status"], self.d.statuses,
                                  ["=", "!=", "IN", "NOT IN"], fold=True)

    def leaf_category(self):
        return self.single_valued("statusCategory", lambda i: i["category"],
                                  list(CATEGORY_NAMES.values()), ["=", "!=", "IN", "NOT IN"],
                                  fold=True, render=lambda v: quote(v, self.r))

    def leaf_priority(self):
        return self.single_valued("priority", lambda i: i["priority"], self.d.priorities,
                                  ["=", "!=", "IN", "NOT IN", "IS EMPTY", "IS NOT EMPTY"],
                                  fold=True)

    def leaf_resolution(self):
        x = self.r.random()
        if x < 0.5:
            op = "IS EMPTY" if x < 0.35 else "IS NOT EMPTY"
            return self.single_valued("resolution", lambda i: i["resolution"], [], [op])
        return self.single_valued("resolution", lambda i: i["resolution"],
                                  ["Done", "Failed", "Won't Do", "Canceled"],
                                  ["=", "!=", "IN", "NOT IN"], fold=True)

    def people_pool(self):
        return self.d.users

    def leaf_assignee(self):
        x = self.r.random()
        me = self.me
        if x < 0.12:
            f = self.field("assignee")
            return Leaf("%s = currentUser()" % f, lambda i: i["assignee"] == me)
        if x < 0.18:
            f = self.field("assignee")
            return Leaf("%s != currentUser()" % f,
                        lambda i: i["assignee"] is not None and i["assignee"] != me)
        if x < 0.28 and self.d.teams:
            team = self.r.choice(sorted(self.d.teams))
            members = self.d.teams[team]
            neg = self.r.random() < 0.3
            f = self.field("assignee")
            text = "%s %s membersOf(%s)" % (f, self.kw("NOT IN" if neg else "IN"), quote(team))
            if neg:
                return Leaf(text, lambda i: i["assignee"] is not None and
                            i["assignee"] not in members)
            return Leaf(text, lambda i: i["assignee"] in members)
        return self.single_valued("assignee", lambda i: i["assignee"], self.people_pool(),
                                  ["=", "=", "!=", "IN", "NOT IN", "IS EMPTY", "IS NOT EMPTY"])

    def leaf_reporter(self):
        if self.r.random() < 0.15:
            me = self.me
            return Leaf("%s = currentUser()" % self.field("reporter"),
                        lambda i: i["reporter"] == me)
        return self.single_valued("reporter", lambda i: i["reporter"], self.people_pool(),
                                  ["=", "!=", "IN", "NOT IN"])

    def leaf_labels(self):
        op = self.r.choice(["=", "=", "IN", "NOT IN", "IS EMPTY", "IS NOT EMPTY"])
        f = self.field("labels", aliases=("label",))
        if op == "=":
            v = self.r.choice(LABELS + ["no-such-label"])
            return Leaf("%s = %s" % (f, self.value(v)), lambda i: v in i["labels"])
        if op == "IN":
            vs = set(self.pick_some(LABELS))
            return Leaf("%s %s %s" % (f, self.kw("IN"), self.vlist(sorted(vs))),
                        lambda i: bool(i["labels"] & vs))
        if op == "NOT IN":  # has labels, none of them in the list
            vs = set(self.pick_some(LABELS))
            return Leaf("%s %s %s" % (f, self.kw("NOT IN"), self.vlist(sorted(vs))),
                        lambda i: bool(i["labels"]) and not (i["labels"] & vs))
        if op == "IS EMPTY":
            return Leaf("%s %s %s" % (f, self.kw("IS"), self.kw("EMPTY")),
                        lambda i: not i["labels"])
        return Leaf("%s %s %s %s" % (f, self.kw("IS"), self.kw("NOT"), self.kw("EMPTY")),
                    lambda i: bool(i["labels"]))

    def date_value(self):
        """(JQL literal, epoch ms, whole day?) between the first and the last issue."""
        lo, hi = self.d.min_created - 2 * DAY_MS, self.d.max_created + DAY_MS
        ms = self.r.randrange(lo, hi)
        day = time.strftime("%Y-%m-%d", time.gmtime(ms // 1000))
        x = self.r.random()
        if x < 0.45:
            return day, utc_ms(day, "%Y-%m-%d"), True
        if x < 0.65:
            return day.replace("-", "/"), utc_ms(day, "%Y-%m-%d"), True
        minute = time.strftime("%Y-%m-%d %H:%M", time.gmtime(ms // 1000))
        return quote(minute), utc_ms(minute, "%Y-%m-%d %H:%M"), False

    def leaf_date(self):
        name, aliases, key = self.r.choice([("created", ("createdDate",), "created"),
                                            ("created", (), "created"),
                                            ("updated", ("updatedDate",), "updated"),
                                            ("resolved", ("resolutionDate",), "resolved")])
        f = self.field(name, aliases)
        lit, ms, whole_day = self.date_value()
        ops = [">=", "<", ">=", "<"] + ([">", "<="] if not whole_day else ["="])
        op = self.r.choice(ops)
        text = "%s %s %s" % (f, op, lit)

        def get(i):
            return i[key]

        if op == ">=":
            return Leaf(text, lambda i: get(i) is not None and get(i) >= ms)
        if op == "<":
            return Leaf(text, lambda i: get(i) is not None and get(i) < ms)
        if op == ">":
            return Leaf(text, lambda i: get(i) is not None and get(i) > ms)
        if op == "<=":
            return Leaf(text, lambda i: get(i) is not None and get(i) <= ms)
        return Leaf(text, lambda i: get(i) is not None and ms <= get(i) < ms + DAY_MS)

    def leaf_select(self):
        name = self.r.choice(sorted(self.d.fields))
        fid, _, options = self.d.fields[name]
        x = self.r.random()
        if x < 0.25:
            fname = "cf[%d]" % fid
        elif " " in name or self.r.random() < 0.5:
            fname = quote(name)
        else:
            fname = self.field(name)
        op = self.r.choice(["=", "=", "!=", "IN", "NOT IN", "IS EMPTY", "IS NOT EMPTY"])

        def vals(i):
            return {v.lower() for v in i["cf"].get(name, ())}

        def render(v):
            return quote(v.lower() if self.r.random() < 0.25 else v, self.r)

        if op in ("=", "!="):
            v = self.r.choice(options)
            want = v.lower()
            text = "%s %s %s" % (fname, op, render(v))
            if op == "=":
                return Leaf(text, lambda i: want in vals(i))
            return Leaf(text, lambda i: bool(vals(i)) and want not in vals(i))
        if op in ("IN", "NOT IN"):
            vs = self.pick_some(options)
            want = {v.lower() for v in vs}
            text = "%s %s (%s)" % (fname, self.kw(op), ", ".join(render(v) for v in vs))
            if op == "IN":
                return Leaf(text, lambda i: bool(vals(i) & want))
            return Leaf(text, lambda i: bool(vals(i)) and not (vals(i) & want))
        if op == "IS EMPTY":
            return Leaf("%s %s %s" % (fname, self.kw("IS"), self.kw("EMPTY")),
                        lambda i: not vals(i))
        return Leaf("%s %s %s %s" % (fname, self.kw("IS"), self.kw("NOT"), self.kw("EMPTY")),
                    lambda i: bool(vals(i)))

    def leaf_key(self):
        x = self.r.random()
        if x < 0.45:
            k = "ITO-%d" % self.r.randint(1, 2090)
            f = self.field("key", aliases=("issuekey", "issue", "id"))
            return Leaf("%s = %s" % (f, self.value(k)), lambda i: i["key"] == k)
        if x < 0.6:
            return Leaf("%s = %s" % (self.field("parent"), self.value("ITO-2052")),
                        lambda i: i["parent"] == "ITO-2052")
        ks = {"ITO-%d" % self.r.randint(1, 2090) for _ in range(self.r.randint(1, 5))}
        return Leaf("%s %s %s" % (self.field("key"), self.kw("IN"), self.vlist(sorted(ks))),
                    lambda i: i["key"] in ks)

    def leaf(self):
        makers = [(self.leaf_project, 2), (self.leaf_type, 10), (self.leaf_status, 12),
                  (self.leaf_category, 6), (self.leaf_priority, 8), (self.leaf_resolution, 6),
                  (self.leaf_assignee, 12), (self.leaf_reporter, 6), (self.leaf_labels, 8),
                  (self.leaf_date, 10), (self.leaf_select, 10), (self.leaf_key, 3)]
        total = sum(w for _, w in makers)
        x = self.r.uniform(0, total)
        for make, w in makers:
            x -= w
            if x <= 0:
                return make()
        return makers[-1][0]()

    # trees ----------------------------------------------------------------------------------
    def tree(self, depth):
        if depth == 0 or self.r.random() < 0.3:
            return self.leaf()
        x = self.r.random()
        if x < 0.2:
            return Node("not", [self.tree(depth - 1)])
        op = "and" if x < 0.65 else "or"
        return Node(op, [self.tree(depth - 1) for _ in range(self.r.randint(2, 3))])

    def render(self, node):
        if isinstance(node, Leaf):
            return node.text
        if node.op == "not":
            child = node.children[0]
            word = self.r.choice(["NOT", "not", "NOT", "!"])
            if isinstance(child, Leaf) and word != "!":
                inner = self.render(child)
                if self.r.random() < 0.3:
                    inner = "(" + inner + ")"
                return word + " " + inner
            return word + " (" + self.render(child) + ")" if word != "!" else \
                "!(" + self.render(child) + ")"
        parts = []
        for child in node.children:
            text = self.render(child)
            needs = isinstance(child, Node) and node.op == "and" and child.op == "or"
            if needs or (isinstance(child, Node) and self.r.random() < 0.4) or \
                    self.r.random() < 0.05:
                text = "(" + text + ")"
            parts.append(text)
        if node.op == "and":
            sep = self.r.choice(["AND", "AND", "and", "&&"])
        else:
            sep = self.r.choice(["OR", "OR", "or", "||"])
        return (" %s " % sep).join(parts)

    def query(self):
        node = self.tree(self.r.choice([0, 1, 2, 2, 3, 3]))
        text = self.render(node)
        if self.r.random() < 0.15:
            project = self.leaf_project()
            node = Node("and", [project, node])
            text = "%s %s (%s)" % (project.text, self.kw("AND"), text)
        if self.r.random() < 0.3:
            text += " " + self.r.choice(["ORDER BY created", "order by priority DESC, key",
                                         "ORDER BY updated ASC", "ORDER BY status",
                                         "ORDER BY assignee DESC"])
        return text, node


class SearchSemanticsTest(StewardTestCase):
    DEMO = True
    ME = "admin"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        admin = cls.as_user(cls.ME)
        cls.admin = admin
        # Vary the demo data: labels, unassigned issues, issues of admin's, no priority.
        rnd = random.Random(11)
        numbers = rnd.sample(range(1, 2091), 230)
        for k, n in enumerate(numbers):
            key = "ITO-%d" % n
            if k < 120:
                body = {"labels": rnd.sample(LABELS, rnd.randint(1, 3))}
            elif k < 160:
                body = {"assignee": None}
            elif k < 200:
                body = {"assignee": cls.ME}
            elif k < 215:
                body = {"priority": None}
            else:
                body = {"labels": [rnd.choice(LABELS)], "assignee": None}
            # A refusal (of an odd issue) is fine: the evaluator reads what is in the database.
            admin.patch("/api/v1/issues/" + key, body)
        db = cls.server.db()
        try:
            cls.data = Data(db)
        finally:
            db.close()

    def search_keys(self, jql):
        """All keys of a search, through every page (limit 500): (keys, total of page 1)."""
        keys, cursor, total = [], None, None
        for _ in range(50):
            body = {"jql": jql, "limit": 500, "fields": ["summary"]}
            if cursor is not None:
                body["cursor"] = cursor
            r = self.admin.post("/api/v1/search", body)
            if r.status != 200:
                return None, r
            if total is None:
                total = r.json["total"]
            keys.extend(i["key"] for i in r.json["issues"])
            cursor = r.json.get("next")
            if cursor is None:
                return keys, total
        raise AssertionError("more than 50 pages for %r" % jql)

    def describe(self, key):
        i = next(x for x in self.data.issues if x["key"] == key)
        return ("%s type=%s status=%s(%s) prio=%s res=%s assignee=%s reporter=%s labels=%s "
                "created=%s resolved=%s cf=%s" % (
                    key, i["type"], i["status"], i["category"], i["priority"], i["resolution"],
                    i["assignee"], i["reporter"], sorted(i["labels"]), i["created"],
                    i["resolved"], {k: sorted(v) for k, v in i["cf"].items()}))

    def check(self, jql, node):
        """None if the server agrees with the evaluator, else a description of the mismatch."""
        if node is None:
            expected = {i["key"] for i in self.data.issues}
        else:
            expected = {i["key"] for i in self.data.issues if evaluate(node, i)}
        got, total = self.search_keys(jql)
        if got is None:
            return "QUERY: %s\n  HTTP %s: %s" % (jql, total.status,
                                                 total.body[:400].decode(errors="replace"))
        problems = []
        if len(got) != len(set(got)):
            problems.append("duplicate keys across pages")
        missing, extra = expected - set(got), set(got) - expected
        if missing:
            problems.append("missing %d, e.g. %s" % (
                len(missing), "; ".join(self.describe(k) for k in sorted(missing)[:3])))
        if extra:
            problems.append("unexpected %d, e.g. %s" % (
                len(extra), "; ".join(self.describe(k) for k in sorted(extra)[:3])))
        if total != len(expected) and not missing and not extra:
            problems.append("total %r but %d issues" % (total, len(expected)))
        if problems:
            return "QUERY: %s\n  expected %d, got %d: %s" % (jql, len(expected), len(got),
                                                             "\n  ".join(problems))
        return None

    def test_data_is_varied(self):
        d = self.data
        self.assertEqual(len(d.issues), 2092)
        self.assertGreater(sum(1 for i in d.issues if i["labels"]), 100)
        self.assertGreater(sum(1 for i in d.issues if i["assignee"] is None), 30)
        self.assertGreater(sum(1 for i in d.issues if i["assignee"] == self.ME), 30)
        self.assertGreater(sum(1 for i in d.issues if i["priority"] is None), 10)
        self.assertIn("Impact", d.fields)
        self.assertGreater(sum(1 for i in d.issues if "Impact" in i["cf"]), 100)

    def test_handwritten_queries(self):
        d = self.data
        cases = [
            ("", None),
            ("assignee != alana",
             Leaf("", lambda i: i["assignee"] is not None and i["assignee"] != "alana")),
            ("NOT assignee = alana", Leaf("", lambda i: i["assignee"] != "alana")),
            ("NOT (assignee != alana)", Leaf("", lambda i: i["assignee"] in (None, "alana"))),
            ("assignee NOT IN (alana, mitch)",
             Leaf("", lambda i: i["assignee"] not in (None, "alana", "mitch"))),
            ("assignee IS EMPTY", Leaf("", lambda i: i["assignee"] is None)),
            ("assignee = currentUser()", Leaf("", lambda i: i["assignee"] == self.ME)),
            ("priority != Medium",
             Leaf("", lambda i: i["priority"] is not None and i["priority"] != "Medium")),
            ("labels IS EMPTY", Leaf("", lambda i: not i["labels"])),
            ("labels = network", Leaf("", lambda i: "network" in i["labels"])),
            ("resolution IS EMPTY", Leaf("", lambda i: i["resolution"] is None)),
            ('statusCategory = "In Progress"', Leaf("", lambda i: i["category"] ==
                                                    "In Progress")),
            ('Impact != "Minor / Localized"',
             Leaf("", lambda i: bool(i["cf"].get("Impact")) and
                  "Minor / Localized" not in i["cf"]["Impact"])),
            ('NOT Impact = "Minor / Localized"',
             Leaf("", lambda i: "Minor / Localized" not in i["cf"].get("Impact", ()))),
            ("issuetype = Incident OR priority = Critical AND assignee = mitch",
             Leaf("", lambda i: i["type"] == "Incident" or
                  (i["priority"] == "Critical" and i["assignee"] == "mitch"))),
            ("parent = ITO-2052", Leaf("", lambda i: i["parent"] == "ITO-2052")),
        ]
        day = time.strftime("%Y-%m-%d", time.gmtime(d.max_created // 1000 - 30 * 86400))
        ms = utc_ms(day, "%Y-%m-%d")
        cases += [
            ("created >= %s" % day, Leaf("", lambda i: i["created"] >= ms)),
            ("created < %s" % day, Leaf("", lambda i: i["created"] < ms)),
            ("created = %s" % day, Leaf("", lambda i: ms <= i["created"] < ms + DAY_MS)),
            ("NOT resolved >= %s" % day,
             Leaf("", lambda i: not (i["resolved"] is not None and i["resolved"] >= ms))),
        ]
        failures = [f for f in (self.check(q, n) for q, n in cases) if f]
        if failures:
            self.fail("%d of %d handwritten queries disagree:\n%s" % (
                len(failures), len(cases), "\n".join(failures)))

    def test_generated_queries(self):
        gen = Generator(self.data, random.Random(SEED), self.ME)
        failures = []
        for n in range(QUERIES):
            jql, node = gen.query()
            f = self.check(jql, node)
            if f:
                failures.append("#%d %s" % (n, f))
                print(f)
        if failures:
            self.fail("%d of %d generated queries disagree with the evaluator; the first:\n%s"
                      % (len(failures), QUERIES, "\n".join(failures[:10])))


if __name__ == "__main__":
    unittest.main()
