// steward_bench_seed: fills a data directory with the demo world plus N generated issues, fast
// (batched transactions, FTS rebuilt once at the end), for benchmarks at scale.
//
// Shape (deterministic, fixed seed): a few big projects and many small ones (Zipf), issue types
// and statuses weighted like a real desk (most issues done), 300 assignees, summaries and
// descriptions drawn from a 3,000-word vocabulary with Zipf frequencies, labels, and custom field
// values (Change type, Impact, Urgency) on a share of the issues.
//
// Usage: steward_bench_seed --data DIR --issues N
#include "app/application.h"
#include "base/clock.h"
#include "tickets/tickets.h"

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cmath>
#include <random>

namespace {
using steward::Status;
using steward::storage::Connection;
using steward::storage::Row;

const char* const kItWords[] = {
    "printer",    "vpn",         "timeout",      "password",     "reset",      "email",
    "outlook",    "laptop",      "network",      "wifi",         "server",     "database",
    "backup",     "restore",     "latency",      "error",        "login",      "access",
    "account",    "locked",      "license",      "install",      "upgrade",    "patch",
    "security",   "phishing",    "firewall",     "certificate",  "expired",    "dns",
    "proxy",      "disk",        "full",         "memory",       "cpu",        "crash",
    "slow",       "payment",     "checkout",     "order",        "invoice",    "billing",
    "crm",        "erp",         "sap",          "oracle",       "mongodb",    "kubernetes",
    "cluster",    "node",        "pod",          "deployment",   "pipeline",   "jenkins",
    "build",      "release",     "rollback",     "storage",      "volume",     "snapshot",
    "replica",    "failover",    "monitor",      "alert",        "incident",   "outage",
    "degraded",   "performance", "query",        "index",        "report",     "dashboard",
    "portal",     "mobile",      "app",          "api",          "gateway",    "token",
    "sso",        "mfa",         "ldap",         "group",        "permission", "share",
    "drive",      "folder",      "file",         "upload",       "sync",       "calendar",
    "meeting",    "teams",       "slack",        "phone",        "headset",    "monitor",
    "keyboard",   "mouse",       "docking",      "station",      "battery",    "charger",
    "screen",     "blue",        "reboot",       "update",       "windows",    "linux",
    "mac",        "driver",      "usb",          "bluetooth",    "audio",      "video",
    "camera",     "badge",       "door",         "office",       "remote",     "home",
    "connection", "dropped",     "intermittent", "customer",     "emea",       "region",
    "rejected",   "failed",      "retry",        "queue",        "message",    "kafka",
    "spark",      "etl",         "job",          "schedule",     "cron",       "batch",
    "import",     "export",      "csv",          "excel",        "sharepoint", "site",
    "page",       "link",        "broken",       "missing",      "data",       "warehouse",
    "table",      "column",      "migration",    "schema",       "version",    "vendor",
    "contract",   "renewal",     "purchase",     "request",      "approval",   "manager",
    "onboarding", "offboarding", "new",          "starter",      "leaver",     "hardware",
    "software",   "asset",       "inventory",    "decommission", "provision",  "instance",
    "ec2",        "aws",         "azure",        "gcp",          "cloud",      "cost",
    "budget",     "capacity",    "scaling",      "load",         "balancer",   "tls",
    "ssl",        "http",        "https",        "500",          "503",        "404",
    "timeout",    "handshake",   "packet",       "loss",         "switch",     "router",
    "port",       "cable",       "rack",         "power",        "ups",        "cooling",
    "datacenter"};

class Vocabulary {
 public:
  explicit Vocabulary(std::mt19937_64& rng) {
    for (const char* w : kItWords) {
      words_.emplace_back(w);
    }
    const char* syll[] = {"ka",  "lo",  "mi",  "nor", "ta",  "gor", "qui", "zen", "bra", "vel",
                          "tor", "dax", "pum", "ri",  "sol", "ex",  "ium", "ox",  "ul",  "an"};
    while (words_.size() < 3000) {
      std::string w;
      int n = 2 + static_cast<int>(rng() % 2);
      for (int i = 0; i < n; ++i) {
        w += syll[rng() % 20];
      }
      words_.push_back(w);
    }
    double sum = 0;
    for (size_t k = 1; k <= words_.size(); ++k) {
      sum += 1.0 / std::pow(static_cast<double>(k), 1.05);
      cumulative_.push_back(sum);
    }
  }
  const std::string& Draw(std::mt19937_64& rng) const {
    double u = static_cast<double>(rng() % 1'000'000'000) / 1e9 * cumulative_.back();
    size_t i = static_cast<size_t>(std::lower_bound(cumulative_.begin(), cumulative_.end(), u) -
                                   cumulative_.begin());
    return words_[std::min(i, words_.size() - 1)];
  }
  std::string Text(std::mt19937_64& rng, int words) const {
    std::string out;
    for (int i = 0; i < words; ++i) {
      if (i) {
        out += ' ';
      }
      out += Draw(rng);
    }
    return out;
  }

 private:
  std::vector<std::string> words_;
  std::vector<double> cumulative_;
};

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"Seed a Steward data directory with N issues for benchmarks"};
  std::string data;
  std::int64_t count = 1'000'000;
  cli.add_option("--data", data, "Data directory (created)")->required();
  cli.add_option("--issues", count, "Number of issues to generate");
  CLI11_PARSE(cli, argc, argv);

  auto start = std::chrono::steady_clock::now();
  auto& clock = steward::SystemClock::Instance();
  auto app = steward::app::Application::Open(data, clock);
  if (!app.ok()) {
    spdlog::error("{}", app.error().detail);
    return 1;
  }
  auto& db = (*app)->db();
  auto loaded = steward::app::DemoLoaded(**app);
  if (loaded.ok() && !*loaded) {
    Status s = steward::app::LoadDemo(**app, clock.Now());
    if (!s.ok()) {
      spdlog::error("demo: {}", s.error().detail);
      return 1;
    }
  }
  std::mt19937_64 rng(1'000'003);
  Vocabulary vocab(rng);
  auto cat = (*app)->catalog().Get();

  // 300 agents and 20 projects (Zipf sizes: the first ones are big).
  Status setup = db.WriteTx([&](Connection& c) -> Status {
    for (int i = 0; i < 300; ++i) {
      STEWARD_TRY(
          c.Exec("INSERT INTO users(username, display_name, kind, created_at, updated_at) "
                 "VALUES (?, ?, 'agent', 0, 0) ON CONFLICT DO NOTHING",
                 {"agent" + std::to_string(i), "Agent " + std::to_string(i)}));
    }
    for (int p = 0; p < 20; ++p) {
      STEWARD_TRY(
          c.Exec("INSERT INTO projects(key, name, next_number, created_at) VALUES "
                 "(?, ?, 1, 0) ON CONFLICT DO NOTHING",
                 {"P" + std::string(1, static_cast<char>('A' + p)) + "X",
                  "Bench project " + std::to_string(p)}));
    }
    return steward::Ok();
  });
  if (!setup.ok()) {
    spdlog::error("setup: {}", setup.error().detail);
    return 1;
  }
  std::vector<std::int64_t> agents, projects;
  std::vector<std::string> project_keys;
  Status lookup = db.ReadTx([&](Connection& c) -> Status {
    STEWARD_TRY(c.Query("SELECT id FROM users WHERE username LIKE 'agent%' ORDER BY id", {},
                        [&](const Row& r) { agents.push_back(r.Int(0)); }));
    return c.Query("SELECT id, key FROM projects WHERE key LIKE 'P_X' ORDER BY key", {},
                   [&](const Row& r) {
                     projects.push_back(r.Int(0));
                     project_keys.push_back(r.String(1));
                   });
  });
  if (!lookup.ok()) {
    spdlog::error("lookup: {}", lookup.error().detail);
    return 1;
  }
  std::vector<double> project_weights;
  double wsum = 0;
  for (size_t k = 1; k <= projects.size(); ++k) {
    wsum += 1.0 / static_cast<double>(k);
    project_weights.push_back(wsum);
  }
  // Types and their statuses (done-heavy, like a desk with history).
  struct TypeMix {
    std::string type;
    int weight;
    std::vector<std::string> statuses;  // last ones are done
  };
  const std::vector<TypeMix> mix = {
      {"Incident",
       35,
       {"Open", "Requires triage", "Investigating", "Resolved", "Closed", "Closed", "Closed"}},
      {"Service request",
       30,
       {"Waiting for support", "In progress", "Resolved", "Closed", "Closed", "Closed"}},
      {"Change",
       20,
       {"Open", "Planning", "Awaiting implementation", "Completed", "Completed", "Completed"}},
      {"Problem", 8, {"Open", "Under investigation", "Known error", "Completed", "Completed"}},
      {"Task", 7, {"Open", "Work in progress", "Done", "Done"}},
  };
  const auto* change_type = cat->FieldByName("Change type");
  const auto* impact = cat->FieldByName("Impact");
  std::vector<std::int64_t> next(projects.size(), 1);
  std::int64_t now = clock.Now();
  std::int64_t done = 0;
  constexpr std::int64_t kBatch = 2'000;
  // FTS is rebuilt once at the end: far faster than per-row triggers for a bulk load. A large
  // page cache keeps the indexes of a million rows in memory while loading.
  Status drop = db.WriteTx([](Connection& c) {
    return c.ExecScript(
        "DROP TRIGGER IF EXISTS issues_fts_ai; DROP TRIGGER IF EXISTS issues_fts_ad;"
        "DROP TRIGGER IF EXISTS issues_fts_au; DROP TRIGGER IF EXISTS comments_fts_ai;"
        "DROP TRIGGER IF EXISTS comments_fts_ad; DROP TRIGGER IF EXISTS comments_fts_au; PRAGMA "
        "cache_size=-1048576;"
        "DROP INDEX IF EXISTS issues_project_status; DROP INDEX IF EXISTS issues_assignee;"
        "DROP INDEX IF EXISTS issues_reporter; DROP INDEX IF EXISTS issues_parent;"
        "DROP INDEX IF EXISTS issues_project_updated; DROP INDEX IF EXISTS issue_labels_label;"
        "DROP INDEX IF EXISTS issue_field_values_int; DROP INDEX IF EXISTS issues_created;"
        "DROP INDEX IF EXISTS issues_updated; DROP INDEX IF EXISTS issues_resolved;"
        "DROP INDEX IF EXISTS issues_project_created;");
  });
  if (!drop.ok()) {
    return 1;
  }
  while (done < count) {
    std::int64_t n = std::min(kBatch, count - done);
    Status s = db.WriteTx([&](Connection& c) -> Status {
      for (std::int64_t i = 0; i < n; ++i) {
        double u = static_cast<double>(rng() % 1'000'000) / 1e6 * wsum;
        size_t p = static_cast<size_t>(
            std::lower_bound(project_weights.begin(), project_weights.end(), u) -
            project_weights.begin());
        p = std::min(p, projects.size() - 1);
        int roll = static_cast<int>(rng() % 100), acc = 0;
        const TypeMix* tm = &mix.back();
        for (const auto& m : mix) {
          acc += m.weight;
          if (roll < acc) {
            tm = &m;
            break;
          }
        }
        // Issues are created in id order over three years, as in a live system (ids and
        // creation times rise together), and old work is done: an issue older than 30 days is
        // still open with a 2 % chance (the long tail of a real backlog); newer ones draw from
        // the type's whole status list.
        constexpr std::int64_t kSpan = 3LL * 365 * 86400000;
        std::int64_t created =
            now - kSpan + kSpan * (done + i) / count + static_cast<std::int64_t>(rng() % 60000);
        created = std::min(created, now);
        bool recent = now - created < 30LL * 86400000;
        std::string status = tm->statuses[rng() % tm->statuses.size()];
        if (!recent && rng() % 100 >= 2) {
          status = tm->statuses.back();  // the last statuses of each list are done ones
        }
        const auto* st = cat->StatusByName(status);
        bool is_done = st->category == steward::tickets::StatusCategory::kDone;
        std::int64_t updated = created + static_cast<std::int64_t>(rng() % (20LL * 86400000));
        updated = std::min(updated, now);
        std::int64_t number = next[p]++;
        std::optional<std::int64_t> assignee;
        if (!(status == "Open" && rng() % 3 == 0)) {
          assignee = agents[std::min<size_t>(
              static_cast<size_t>(std::pow(static_cast<double>(rng() % 1000) / 1000.0, 2) *
                                  static_cast<double>(agents.size())),
              agents.size() - 1)];
        }
        std::string summary = vocab.Text(rng, 4 + static_cast<int>(rng() % 6));
        std::string description = vocab.Text(rng, 40 + static_cast<int>(rng() % 80));
        auto id = c.QueryInt(
            "INSERT INTO issues(project_id, number, key, issue_type_id, status_id, resolution_id, "
            "priority_id, summary, description, assignee_id, reporter_id, created_at, updated_at, "
            "resolved_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
            {projects[p], number, project_keys[p] + "-" + std::to_string(number),
             cat->IssueTypeByName(tm->type)->id, st->id,
             is_done ? std::optional<std::int64_t>(cat->ResolutionByName("Done")->id)
                     : std::nullopt,
             cat->priorities[rng() % cat->priorities.size()].id, summary, description, assignee,
             agents[rng() % agents.size()], created, updated,
             is_done ? std::optional<std::int64_t>(updated) : std::nullopt});
        if (!id.ok()) {
          return std::move(id).error();
        }
        if (rng() % 4 == 0) {
          STEWARD_TRY(c.Exec("INSERT INTO issue_labels(issue_id, label) VALUES (?, ?)",
                             {**id, vocab.Draw(rng)}));
        }
        if (tm->type == "Change" && change_type) {
          const auto& opt =
              change_type->options[rng() % 10 < 7 ? 0 : rng() % change_type->options.size()];
          STEWARD_TRY(
              c.Exec("INSERT INTO issue_field_values(issue_id, field_id, seq, int_value) "
                     "VALUES (?, ?, 0, ?)",
                     {**id, change_type->id, opt.id}));
        }
        if (impact && rng() % 2 == 0) {
          STEWARD_TRY(
              c.Exec("INSERT INTO issue_field_values(issue_id, field_id, seq, int_value) "
                     "VALUES (?, ?, 0, ?)",
                     {**id, impact->id, impact->options[rng() % impact->options.size()].id}));
        }
      }
      return steward::Ok();
    });
    if (!s.ok()) {
      spdlog::error("batch: {} {}", s.error().message, s.error().detail);
      return 1;
    }
    done += n;
    if (done % 200'000 == 0 || done == count) {
      spdlog::info("{} issues", done);
    }
  }
  Status fin = db.WriteTx([&](Connection& c) -> Status {
    for (size_t p = 0; p < projects.size(); ++p) {
      STEWARD_TRY(
          c.Exec("UPDATE projects SET next_number = ? WHERE id = ?", {next[p], projects[p]}));
    }
    // The same secondary indexes as the tickets migrations, built once over the loaded rows.
    STEWARD_TRY(c.ExecScript(
        "CREATE INDEX issues_project_status ON issues (project_id, status_id);"
        "CREATE INDEX issues_assignee ON issues (assignee_id, status_id, updated_at);"
        "CREATE INDEX issues_reporter ON issues (reporter_id);"
        "CREATE INDEX issues_parent ON issues (parent_id);"
        "CREATE INDEX issues_project_updated ON issues (project_id, updated_at);"
        "CREATE INDEX issue_labels_label ON issue_labels (label);"
        "CREATE INDEX issue_field_values_int ON issue_field_values (field_id, int_value);"
        "CREATE INDEX issues_created ON issues (created_at);"
        "CREATE INDEX issues_updated ON issues (updated_at);"
        "CREATE INDEX issues_resolved ON issues (resolved_at);"
        "CREATE INDEX issues_project_created ON issues (project_id, created_at);"));
    STEWARD_TRY(c.ExecScript(
        // 'rebuild' leaves many segments that FTS5 then merges a little on every later write
        // (creates ran at 600/s for the first minute); 'optimize' merges them now.
        "INSERT INTO issues_fts(issues_fts) VALUES('rebuild');"
        "INSERT INTO issues_fts(issues_fts) VALUES('optimize');"));
    STEWARD_TRY(c.ExecScript(steward::tickets::kTextIndexTriggers));
    return c.ExecScript("ANALYZE;");
  });
  if (!fin.ok()) {
    spdlog::error("finish: {}", fin.error().detail);
    return 1;
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("seeded %lld issues in %.1f s (%s)\n", static_cast<long long>(count), secs,
              project_keys.front().c_str());
  return 0;
}
