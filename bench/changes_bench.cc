// Change enablement benchmark (issue 7, S6): what the change module costs on the write path, and
// how fast its reads answer, beside baselines measured in the same run (the machine is shared
// and noisy: compare ratios and medians).
//
//   steward_bench_changes [--data DIR] [--changes 2000] [--threads 8] [--reads 500]
//
// The demo is loaded (its change settings, risk model and approval steps), automation rules are
// disabled (they run after the commit and are measured by bench-automation), then:
//
// 1. Create: `--changes` normal changes with four risk answers, an affected service and a planned
//    window, created by `--threads` threads through TicketService — each create assesses risk
//    from the CMDB model and checks conflicts in its transaction. Baselines: the same changes
//    with the risk model and approval steps emptied from the settings (conflicts are still
//    checked), and as many plain tasks (no fields, no module work).
// 2. Approve: each change goes to Awaiting approval (an approval step opens, approvers resolved
//    from the CAB team or the service's owner team) and its approvers decide (two for high risk).
//    Decisions/s beside plain transitions/s (Open → Planning) in the same run.
// 3. Reads: medians of the risk panel, the approvals list, a month of the change calendar with
//    its conflicts, gating status, and a plain GET of the issue as the baseline.
#include "app/application.h"
#include "base/clock.h"
#include "base/time_format.h"

#include <CLI/CLI.hpp>
#include <boost/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
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

http::Principal User(app::Application& a, const char* username, const char* kind) {
  http::Principal p;
  p.username = username;
  p.kind = kind;
  (void)a.db().ReadTx([&](storage::Connection& c) -> Status {
    return c.Query("SELECT id, display_name FROM users WHERE username = ?", {username},
                   [&](const storage::Row& r) {
                     p.user_id = r.Int(0);
                     p.display_name = r.String(1);
                   });
  });
  return p;
}

// Runs fn(i) for i in [0, n) on `threads` threads; returns the wall time, or the first error.
Result<double> Parallel(int n, int threads, const std::function<Status(int)>& fn) {
  std::atomic<int> next{0};
  std::atomic<bool> failed{false};
  Error first = Error::Internal("");
  std::mutex mu;
  auto start = Steady::now();
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&] {
      for (int i = next++; i < n && !failed; i = next++) {
        Status s = fn(i);
        if (!s.ok()) {
          std::lock_guard lock(mu);
          if (!failed.exchange(true)) {
            first = s.error();
          }
        }
      }
    });
  }
  for (auto& t : pool) {
    t.join();
  }
  if (failed) {
    return first;
  }
  return Seconds(Steady::now() - start);
}

double MedianUs(int n, const std::function<void()>& fn) {
  std::vector<double> us;
  for (int i = 0; i < n; ++i) {
    auto t0 = Steady::now();
    fn();
    us.push_back(Seconds(Steady::now() - t0) * 1e6);
  }
  std::sort(us.begin(), us.end());
  return us[us.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"Steward change enablement benchmark"};
  std::string data = "bench/out/changes";
  int changes = 2000;
  int threads = 8;
  int reads = 500;
  cli.add_option("--data", data, "Data directory (wiped)");
  cli.add_option("--changes", changes, "Changes per create measurement");
  cli.add_option("--threads", threads, "Writing threads");
  cli.add_option("--reads", reads, "Calls per read measurement");
  CLI11_PARSE(cli, argc, argv);

  std::filesystem::remove_all(data);
  auto opened = app::Application::Open(data, SystemClock::Instance());
  if (!opened.ok()) {
    return Fail(opened.error());
  }
  auto& a = **opened;
  TimestampMs now = SystemClock::Instance().Now();
  if (auto s = app::LoadDemo(a, now); !s.ok()) {
    return Fail(s.error());
  }
  http::Principal admin = User(a, "admin", "admin");
  http::Principal alana = User(a, "alana", "agent");
  auto rules = a.automation().ListRules(admin);
  for (const auto& r : rules->at("values").as_array()) {
    (void)a.automation().UpdateRule(admin, r.at("id").as_int64(), {{"enabled", false}});
  }
  auto settings = a.changes().GetSettings(admin);
  if (!settings.ok()) {
    return Fail(settings.error());
  }
  const char* services[] = {"Payment Processing", "VPN",
                            "Billing Service",    "Customer Portal",
                            "Data Warehouse",     "Network Core"};
  const char* yes_no[] = {"Yes", "No"};
  const std::int64_t day = 86400000;
  auto change_body = [&](int i, const std::string& tag) {
    TimestampMs start = now + (20 + i % 300) * day + (i % 24) * 3600000;
    return json::object{
        {"project", "ITO"},
        {"issueType", "Change"},
        {"summary", tag + " change " + std::to_string(i)},
        {"fields",
         json::object{{"Change type", "Normal"},
                      {"Will this change be completed during business hours?", yes_no[i % 2]},
                      {"Testing completed for this change request?", yes_no[(i / 2) % 2]},
                      {"Is the change easily rolled back?", yes_no[(i / 3) % 2]},
                      {"Affected services", json::array{services[i % 6]}},
                      {"Planned start", FormatIsoUtc(start)},
                      {"Planned end", FormatIsoUtc(start + 7200000)}}}};
  };
  std::vector<std::string> keys(static_cast<size_t>(changes));

  // 1. Create.
  auto modeled = Parallel(changes, threads, [&](int i) -> Status {
    auto r = a.tickets().CreateIssue(alana, change_body(i, "modeled"));
    if (r.ok()) {
      keys[static_cast<size_t>(i)] = std::string(r->at("key").as_string());
    }
    return r.ok() ? Ok() : Status(r.error());
  });
  if (!modeled.ok()) {
    return Fail(modeled.error());
  }
  json::object bare = *settings;
  bare["riskModel"].as_object()["schema"] = "";
  bare["riskModel"].as_object()["questions"] = json::array{};
  bare["approvalSteps"] = json::array{};
  if (auto s = a.changes().PutSettings(admin, bare); !s.ok()) {
    return Fail(s.error());
  }
  auto unmodeled = Parallel(changes, threads, [&](int i) -> Status {
    auto r = a.tickets().CreateIssue(alana, change_body(i, "unmodeled"));
    return r.ok() ? Ok() : Status(r.error());
  });
  if (auto s = a.changes().PutSettings(admin, *settings); !s.ok()) {
    return Fail(s.error());
  }
  auto tasks = Parallel(changes, threads, [&](int i) -> Status {
    auto r = a.tickets().CreateIssue(alana, json::object{{"project", "ITO"},
                                                         {"issueType", "Task"},
                                                         {"summary", "task " + std::to_string(i)}});
    return r.ok() ? Ok() : Status(r.error());
  });
  if (!unmodeled.ok() || !tasks.ok()) {
    return Fail(!unmodeled.ok() ? unmodeled.error() : tasks.error());
  }
  std::printf("create (%d each, %d threads)\n", changes, threads);
  std::printf("  changes with risk model and conflicts: %8.0f /s\n", changes / *modeled);
  std::printf("  the same, risk model off (conflicts on): %6.0f /s  (ratio %.2f)\n",
              changes / *unmodeled, *modeled / *unmodeled);
  std::printf("  plain tasks:                           %8.0f /s  (ratio %.2f)\n", changes / *tasks,
              *modeled / *tasks);

  // 2. Approve.
  auto planning = Parallel(changes, threads, [&](int i) -> Status {
    auto r = a.tickets().Transition(alana, keys[static_cast<size_t>(i)],
                                    json::object{{"to", "Planning"}});
    return r.ok() ? Ok() : Status(r.error());
  });
  if (!planning.ok()) {
    return Fail(planning.error());
  }
  std::atomic<int> decisions{0};
  auto approving = Parallel(changes, threads, [&](int i) -> Status {
    const std::string& key = keys[static_cast<size_t>(i)];
    auto moved = a.tickets().Transition(alana, key, json::object{{"to", "Awaiting approval"}});
    if (!moved.ok()) {
      return moved.error();
    }
    auto list = a.changes().ListApprovals(admin, key);
    if (!list.ok()) {
      return list.error();
    }
    for (const auto& ap : list->at("values").as_array()) {
      if (ap.at("status").as_string() != "pending") {
        continue;
      }
      std::int64_t needed = ap.at("needed").as_int64();
      for (const auto& who : ap.at("approvers").as_array()) {
        if (needed-- <= 0) {
          break;
        }
        http::Principal approver =
            User(a, std::string(who.at("user").at("username").as_string()).c_str(), "agent");
        auto d = a.changes().Decide(approver, key, json::object{{"decision", "approve"}});
        if (!d.ok()) {
          return d.error();
        }
        ++decisions;
      }
    }
    return Ok();
  });
  if (!approving.ok()) {
    return Fail(approving.error());
  }
  std::printf("approve (%d changes: to Awaiting approval, then their approvers decide)\n", changes);
  std::printf("  plain transitions (Open -> Planning):  %8.0f /s\n", changes / *planning);
  std::printf("  to approval + %d decisions:           %8.0f changes/s, %.0f decisions/s\n",
              decisions.load(), changes / *approving, decisions.load() / *approving);

  // 3. Reads.
  const std::string& key = keys[0];
  changes::ChangeService::CalendarQuery month;
  month.from = now + 20 * day;
  month.to = now + 50 * day;
  auto in_month = a.changes().Calendar(alana, month);
  if (!in_month.ok()) {
    return Fail(in_month.error());
  }
  std::size_t listed = in_month->at("changes").as_array().size();
  std::size_t conflicting = 0;
  for (const auto& ch : in_month->at("changes").as_array()) {
    conflicting += ch.at("conflicts").as_array().empty() ? 0 : 1;
  }
  (void)a.deployments().SubmitBulk(
      alana, json::parse(R"({"deployments":[{"deploymentSequenceNumber":1,"updateSequenceNumber":1,
        "displayName":"bench","url":"","description":"","lastUpdated":"2026-11-26T10:00:00Z",
        "label":"","state":"in_progress","pipeline":{"id":"bench","displayName":"bench"},
        "environment":{"id":"prod","displayName":"prod","type":"production"},
        "associations":[{"associationType":"serviceIdOrKeys","values":["VPN"]}]}]})")
                 .as_object());
  changes::DeploymentKey dk{"bench", "prod", 1};
  double issue_us = MedianUs(reads, [&] { (void)a.tickets().GetIssue(alana, key); });
  double risk_us = MedianUs(reads, [&] { (void)a.changes().Risk(alana, key); });
  double approvals_us = MedianUs(reads, [&] { (void)a.changes().ListApprovals(alana, key); });
  double calendar_us =
      MedianUs(std::max(reads / 10, 5), [&] { (void)a.changes().Calendar(alana, month); });
  double gating_us =
      MedianUs(reads, [&] { (void)a.deployments().GatingStatus(alana, dk, "http://x"); });
  std::printf("reads (median of %d, in process)\n", reads);
  std::printf("  GET issue (baseline):      %8.0f us\n", issue_us);
  std::printf("  risk panel:                %8.0f us  (ratio %.2f)\n", risk_us, risk_us / issue_us);
  std::printf("  approvals:                 %8.0f us  (ratio %.2f)\n", approvals_us,
              approvals_us / issue_us);
  std::printf("  gating status:             %8.0f us  (ratio %.2f)\n", gating_us,
              gating_us / issue_us);
  std::printf("  calendar, 30 days (%zu changes, %zu in conflict): %.0f us  (ratio %.1f)\n", listed,
              conflicting, calendar_us, calendar_us / issue_us);
  return 0;
}
