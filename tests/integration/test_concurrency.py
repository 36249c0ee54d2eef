"""Concurrency (S3.1): keys are unique and never reused, also under concurrent creation.
Fresh (non-demo) server."""

import queue
import threading
import unittest

from steward_harness import StewardTestCase, key_number


class ConcurrentCreateTest(StewardTestCase):
    ADMIN = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        admin = cls.as_user("admin")
        for key in ("CON", "CTWO", "CTHR"):
            r = admin.post("/api/v1/projects", {"key": key, "name": "Concurrency " + key})
            if r.status != 201:
                raise AssertionError("setup failed: %r" % r)
        r = admin.post("/api/v1/fields", {"name": "Change type", "type": "select",
                                          "issueTypes": ["Change"],
                                          "options": ["Standard", "Normal", "Emergency"]})
        if r.status != 201:
            raise AssertionError("setup failed: %r" % r)
        cls.api = cls.token_client("admin")

    def run_creates(self, jobs, threads=16):
        todo = queue.Queue()
        for j in jobs:
            todo.put(j)
        results, errors = [], []
        lock = threading.Lock()

        def worker():
            while True:
                try:
                    project, n = todo.get_nowait()
                except queue.Empty:
                    return
                try:
                    r = self.api.post("/api/v1/issues", {"project": project, "issueType": "Task",
                                                         "summary": "concurrent %d" % n})
                    with lock:
                        results.append((project, n, r))
                except Exception as e:  # a transport failure is a failure of the test too
                    with lock:
                        errors.append(repr(e))

        ts = [threading.Thread(target=worker) for _ in range(threads)]
        for t in ts:
            t.start()
        for t in ts:
            t.join(120)
        self.assertEqual(errors, [])
        return results

    def test_200_concurrent_creates_give_distinct_gap_free_keys(self):
        first = self.api.post("/api/v1/issues", {"project": "CON", "issueType": "Task",
                                                 "summary": "baseline"})
        self.assertStatus(first, 201)
        base = key_number(first.json["key"])
        results = self.run_creates([("CON", n) for n in range(200)])
        self.assertEqual(len(results), 200)
        bad = [r for _, _, r in results if r.status != 201]
        self.assertEqual(bad, [], "not every create succeeded")
        keys = [r.json["key"] for _, _, r in results]
        self.assertEqual(len(set(keys)), 200, "duplicate keys")
        numbers = sorted(key_number(k) for k in keys)
        self.assertEqual(numbers, list(range(base + 1, base + 201)), "keys have gaps")
        # Each answer describes its own issue.
        for _, n, r in results:
            self.assertEqual(r.json["summary"], "concurrent %d" % n)
        got = self.api.get("/api/v1/issues/" + keys[0])
        self.assertStatus(got, 200)
        self.assertEqual(self.api.get("/api/v1/projects/CON").json["issueCount"], 201)
        db = self.server.db()
        try:
            rows = db.execute("SELECT count(*), count(DISTINCT i.key), min(i.number), max(i.number) "
                              "FROM issues i JOIN projects p ON p.id = i.project_id "
                              "WHERE p.key = 'CON'").fetchone()
        finally:
            db.close()
        self.assertEqual(rows, (201, 201, 1, 201))

    def test_concurrent_creates_in_two_projects(self):
        jobs = [("CTWO" if n % 2 else "CTHR", n) for n in range(60)]
        results = self.run_creates(jobs, threads=12)
        self.assertTrue(all(r.status == 201 for _, _, r in results), results)
        for project in ("CTHR", "CTWO"):
            keys = [r.json["key"] for p, _, r in results if p == project]
            self.assertTrue(all(k.startswith(project + "-") for k in keys))
            nums = sorted(key_number(k) for k in keys)
            self.assertEqual(len(nums), 30)
            self.assertEqual(nums, list(range(nums[0], nums[0] + 30)))

    def test_failing_writes_among_concurrent_ones_leave_nothing_behind(self):
        # Writes are group-committed: a transaction that fails half-way (fields applied, then the
        # transition's condition fails) must vanish completely without taking its neighbours in
        # the same batch down with it.
        changes = []
        for n in range(20):
            r = self.api.post("/api/v1/issues", {"project": "CTHR", "issueType": "Change",
                                                 "summary": "change %d" % n})
            self.assertStatus(r, 201)
            changes.append(r.json["key"])
        jobs = queue.Queue()
        for n in range(40):
            jobs.put(n)
        outcomes, lock = [], threading.Lock()

        def worker():
            while True:
                try:
                    n = jobs.get_nowait()
                except queue.Empty:
                    return
                if n % 2:
                    r = self.api.post("/api/v1/issues/%s/transitions" % changes[n // 2],
                                      {"to": "Awaiting implementation",
                                       "fields": {"Change type": "Normal"}})
                    kind = "transition"
                else:
                    r = self.api.post("/api/v1/issues", {"project": "CTHR", "issueType": "Task",
                                                         "summary": "mixed %d" % n})
                    kind = "create"
                with lock:
                    outcomes.append((kind, r))

        ts = [threading.Thread(target=worker) for _ in range(16)]
        for t in ts:
            t.start()
        for t in ts:
            t.join(120)
        self.assertEqual(len(outcomes), 40)
        for kind, r in outcomes:
            if kind == "create":
                self.assertStatus(r, 201)
            else:
                self.assertError(r, 409, "tickets.conditionFailed")
        created = sorted(key_number(r.json["key"]) for k, r in outcomes if k == "create")
        self.assertEqual(created, list(range(created[0], created[0] + 20)))
        for key in changes:
            got = self.api.get("/api/v1/issues/" + key).json
            self.assertIsNone(got["fields"]["Change type"], key)
            self.assertEqual(got["status"]["name"], "Open")
            self.assertEqual(self.api.get("/api/v1/issues/%s/history" % key).json["values"], [])

    def test_concurrent_updates_keep_every_history_entry(self):
        key = self.api.post("/api/v1/issues", {"project": "CTWO", "issueType": "Task",
                                               "summary": "contended"}).json["key"]
        errors = []

        def worker(i):
            for j in range(5):
                r = self.api.patch("/api/v1/issues/" + key,
                                   {"summary": "writer %d step %d" % (i, j)})
                if r.status != 200:
                    errors.append(r)

        ts = [threading.Thread(target=worker, args=(i,)) for i in range(8)]
        for t in ts:
            t.start()
        for t in ts:
            t.join(60)
        self.assertEqual(errors, [])
        groups = self.api.get("/api/v1/issues/%s/history" % key).json["values"]
        items = [i for g in groups for i in g["items"] if i["field"] == "summary"]
        self.assertEqual(len(items), 40)
        # The history is a consistent chain: each change starts where the previous one ended.
        for prev, cur in zip(items, items[1:]):
            self.assertEqual(cur["fromString"], prev["toString"])
        self.assertEqual(self.api.get("/api/v1/issues/" + key).json["summary"],
                         items[-1]["toString"])


if __name__ == "__main__":
    unittest.main()
