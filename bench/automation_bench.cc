// Automation benchmark (issue 6, S7): issue events through 50 rules, beside the same events with
// every rule disabled, measured in the same run (the machine is shared and noisy: compare ratios
// and medians).
//
//   steward_bench_automation [--data DIR] [--issues 1000] [--events 20000] [--seconds 10]
//                            [--rate 10000]
//
// The demo is loaded, then 50 rules of the mix a service desk has: 10 on issue creation, 10 on
// transitions, 10 on priority changes (conditions on the priority; the hot ones edit a label),
// 5 on description changes (a condition, then a log action: a full execution with savepoint and
// chain records), 5 on any update (a condition that fails: a no-op execution), 5 on comments and
// 5 manual. Events are edits of `--issues` tasks: the description always, the priority one time
// in ten. Each description edit fires 10 rules, each priority edit 10 more.
//
// 1. Drain: `--events` edits are committed with the engine stopped, then the engine consumes
//    them (RunOnce until empty). Events/s with the 50 rules, and with the rules disabled; and
//    how fast the edits themselves commit (the writer alone, the engine stopped).
// 2. Live: the engine runs on its thread while edits are committed at a steady `--rate`
//    (default 10,000 events/s: every 10 ms a write transaction of the edits due by then) for
//    `--seconds`; every event's lag from its commit to the commit of its rules' executions is
//    recorded (p50/p99), with the rules enabled and disabled, and how long the engine needed to
//    catch up once the writer stopped.
#include "app/application.h"
#include "base/clock.h"

#include <CLI/CLI.hpp>
#include <boost/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <thread>

using namespace steward;  // NOLINT(google-build-using-namespace): a benchmark's main

namespace {

using Steady = std::chrono::steady_clock;
namespace json = boost::json;

double Seconds(Steady::duration d) { return std::chrono::duration<double>(d).count(); }

int Fail(const Error& e) {
  std::fprintf(stderr, "error: %s (%s)\n", e.message.c_str(), e.detail.c_str());
  return 1;
}

json::object Rule(const std::string& name, json::object trigger, json::array components) {
  return json::object{{"name", name},
                      {"projects", json::array{"ITO"}},
                      {"trigger", std::move(trigger)},
                      {"components", std::move(components)},
                      {"rateLimitPerMinute", 0}};
}

json::object FieldIs(const char* field, const char* op, const std::string& value) {
  return json::object{
      {"type", "issueFields"}, {"field", field}, {"operator", op}, {"value", value}};
}

json::array Rules() {
  json::array out;
  for (int i = 0; i < 10; ++i) {
    out.push_back(Rule("created " + std::to_string(i), {{"type", "issueCreated"}},
                       {FieldIs("summary", "contains", "never-" + std::to_string(i)),
                        json::object{{"type", "log"}, {"message", "x"}}}));
    out.push_back(Rule("transitioned " + std::to_string(i),
                       {{"type", "issueTransitioned"}, {"toStatus", "Done"}},
                       {json::object{{"type", "log"}, {"message", "{{issue.key}} done"}}}));
    // Hot: edits a label when the priority is the one this rule watches.
    const char* priorities[] = {"Critical", "High", "Medium", "Low"};
    out.push_back(
        Rule("priority " + std::to_string(i),
             {{"type", "fieldValueChanged"}, {"fields", json::array{"priority"}}},
             {FieldIs("priority", "equals", priorities[i % 4]),
              json::object{{"type", "editIssue"},
                           {"fields", json::object{{"labels", "p-" + std::to_string(i)}}}}}));
  }
  for (int i = 0; i < 5; ++i) {
    out.push_back(Rule(
        "description " + std::to_string(i),
        {{"type", "fieldValueChanged"}, {"fields", json::array{"description"}}},
        {FieldIs("summary", "contains", "bench"),
         json::object{{"type", "log"}, {"message", "{{issue.key}}: {{fieldChange.toString}}"}}}));
    out.push_back(Rule("updated " + std::to_string(i), {{"type", "issueUpdated"}},
                       {FieldIs("labels", "contains", "never-" + std::to_string(i)),
                        json::object{{"type", "log"}, {"message", "x"}}}));
    out.push_back(Rule("commented " + std::to_string(i), {{"type", "issueCommented"}},
                       {json::object{{"type", "log"}, {"message", "x"}}}));
    out.push_back(Rule("manual " + std::to_string(i), {{"type", "manual"}},
                       {json::object{{"type", "log"}, {"message", "x"}}}));
  }
  return out;
}

struct Lags {
  std::mutex mu;
  std::vector<std::int64_t> ms;
  bool on = false;
};

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"Automation benchmark: issue events through 50 rules"};
  std::string data = "bench/out/automation";
  int issues = 1000;
  int events = 20000;
  int seconds = 10;
  int rate = 10000;
  cli.add_option("--data", data, "Data directory (recreated)");
  cli.add_option("--rate", rate, "Events/s offered in the live measurement");
  cli.add_option("--issues", issues, "Tasks the events edit");
  cli.add_option("--events", events, "Events for the drain measurement");
  cli.add_option("--seconds", seconds, "Length of each live measurement");
  CLI11_PARSE(cli, argc, argv);

  std::filesystem::remove_all(data);
  auto opened = app::Application::Open(data, SystemClock::Instance());
  if (!opened.ok()) {
    return Fail(opened.error());
  }
  auto& a = **opened;
  Lags lags;
  a.engine().SetLagObserver([&lags](std::int64_t ms) {
    std::lock_guard lock(lags.mu);
    if (lags.on) {
      lags.ms.push_back(ms);
    }
  });
  if (auto s = app::LoadDemo(a, SystemClock::Instance().Now()); !s.ok()) {
    return Fail(s.error());
  }
  http::Principal admin;
  admin.username = "admin";
  admin.kind = "admin";
  (void)a.db().ReadTx([&](storage::Connection& c) -> Status {
    return c.Query("SELECT id FROM users WHERE username = 'admin'", {},
                   [&](const storage::Row& r) { admin.user_id = r.Int(0); });
  });
  // The demo's own rules would act on these edits too: disabled, so exactly the 50 count.
  auto existing = a.automation().ListRules(admin);
  for (const auto& r : existing->at("values").as_array()) {
    (void)a.automation().UpdateRule(admin, r.at("id").as_int64(), {{"enabled", false}});
  }
  std::vector<std::string> keys;
  for (int i = 0; i < issues; ++i) {
    auto r = a.tickets().CreateIssue(admin,
                                     json::object{{"project", "ITO"},
                                                  {"issueType", "Task"},
                                                  {"summary", "bench task " + std::to_string(i)}});
    if (!r.ok()) {
      return Fail(r.error());
    }
    keys.emplace_back(r->at("key").as_string());
  }
  std::vector<std::int64_t> rule_ids;
  for (const auto& r : Rules()) {
    auto created = a.automation().CreateRule(admin, r.as_object());
    if (!created.ok()) {
      return Fail(created.error());
    }
    rule_ids.push_back(created->at("id").as_int64());
  }
  (void)a.engine().SkipToNewest();
  auto set_enabled = [&](bool on) {
    for (auto id : rule_ids) {
      (void)a.automation().UpdateRule(admin, id, {{"enabled", on}});
    }
    (void)a.engine().SkipToNewest();
  };
  const char* priorities[] = {"Critical", "High", "Medium", "Low"};
  std::int64_t edit_no = 0;
  // Commits `n` edits, 500 per write transaction, with the engine stopped.
  auto write_events = [&](int n) -> Status {
    for (int done = 0; done < n;) {
      int chunk = std::min(500, n - done);
      STEWARD_TRY(a.db().WriteTx([&](storage::Connection& c) -> Status {
        for (int i = 0; i < chunk; ++i) {
          std::int64_t k = edit_no++;
          json::object body{{"description", "edit " + std::to_string(k)}};
          if (k % 10 == 0) {
            body["priority"] = priorities[(k / 10) % 4];
          }
          STEWARD_TRY(a.tickets().UpdateIssueIn(c, admin, keys[k % keys.size()], body));
        }
        return Ok();
      }));
      done += chunk;
    }
    return Ok();
  };
  auto drain = [&]() -> Result<double> {
    auto start = Steady::now();
    int total = 0;
    while (true) {
      STEWARD_ASSIGN_OR_RETURN(int n, a.engine().RunOnce(16));
      if (n == 0) {
        break;
      }
      total += n;
    }
    return total / Seconds(Steady::now() - start);
  };
  std::printf(
      "automation benchmark: %d tasks, 50 rules (10 fire on each description edit, 10 "
      "more on each priority edit)\n",
      issues);
  // 1. Drain.
  double drain_rules = 0, drain_none = 0, written_per_s = 0;
  std::int64_t executions_before = a.engine().executions();
  for (bool on : {true, false}) {
    set_enabled(on);
    auto wstart = Steady::now();
    if (auto s = write_events(events); !s.ok()) {
      return Fail(s.error());
    }
    written_per_s = std::max(written_per_s, events / Seconds(Steady::now() - wstart));
    auto drained = drain();
    if (!drained.ok()) {
      return Fail(drained.error());
    }
    (on ? drain_rules : drain_none) = *drained;
  }
  std::int64_t executions = a.engine().executions() - executions_before;
  std::printf(
      "drain %d events:   %8.0f events/s with the rules (%lld executions), %8.0f events/s "
      "with them disabled (ratio %.2f)\n",
      events, drain_rules, static_cast<long long>(executions), drain_none,
      drain_none / drain_rules);
  std::printf("edits alone:        %8.0f events/s committed by the writer (engine stopped)\n",
              written_per_s);
  // 2. Live: edits committed at a steady `rate` (a write transaction every 10 ms) while the
  //    engine runs on its thread; every event's lag from its commit to its rules' commit.
  a.StartBackground();
  for (bool on : {true, false}) {
    set_enabled(on);
    {
      std::lock_guard lock(lags.mu);
      lags.ms.clear();
      lags.on = true;
    }
    // Edits arrive at `rate`: every 10 ms the ones due by then are committed in one transaction
    // (a backlog, when a commit waited behind the rules, goes in the next one, as queued
    // requests share a group commit).
    std::int64_t written = 0;
    auto start = Steady::now();
    auto next = start;
    while (Steady::now() - start < std::chrono::seconds(seconds)) {
      next += std::chrono::milliseconds(10);
      auto due = static_cast<std::int64_t>(rate * Seconds(Steady::now() - start));
      if (due > written) {
        if (auto s = write_events(static_cast<int>(due - written)); !s.ok()) {
          return Fail(s.error());
        }
        written = due;
      }
      std::this_thread::sleep_until(next);
    }
    double elapsed = Seconds(Steady::now() - start);
    // The engine's backlog when the writer stops, then let it catch up.
    auto caught_up_start = Steady::now();
    for (int i = 0; i < 100000; ++i) {
      auto n = a.engine().RunOnce(16);
      if (n.ok() && *n == 0) {
        break;
      }
    }
    double catch_up = Seconds(Steady::now() - caught_up_start);
    std::vector<std::int64_t> v;
    {
      std::lock_guard lock(lags.mu);
      lags.on = false;
      v = lags.ms;
    }
    std::sort(v.begin(), v.end());
    auto at = [&](double q) {
      return v.empty() ? 0 : v[std::min(v.size() - 1, static_cast<size_t>(q * v.size()))];
    };
    std::printf(
        "live %s: offered %6.0f events/s; lag commit -> rules committed p50 %lld ms p99 "
        "%lld ms; %.1f s to catch up after the writer stopped\n",
        on ? "with the rules " : "rules disabled ", written / elapsed,
        static_cast<long long>(at(0.5)), static_cast<long long>(at(0.99)), catch_up);
  }
  a.engine().Stop();
  return 0;
}
