// Query benchmark (issue 3, S4): queue queries, all queue counts of a project, full text and
// JQL compile time on a seeded database, each beside a baseline measured in the same run.
//
//   steward_bench_query --data bench/out/data-1000000 [--project PAX] [--runs 30]
//
// Queue queries and full text go through SearchService::Search (compile, permission predicate,
// first page of 50 with the default fields, capped total); their baseline is the same SQL run
// directly. Queue counts are GET /projects/{key}/queues's work (every queue's capped count);
// baseline: the count statements alone. Full text's baseline is the plain FTS5 query ranked by
// bm25 over all matches. Compile time's baseline is lexing and parsing alone.
#include "app/application.h"
#include "query/compiler.h"
#include "query/parser.h"
#include "sql/run.h"
#include "tickets/search.h"
#include "tickets/search_fields.h"

#include <CLI/CLI.hpp>
#include <boost/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <random>
#include <sstream>

using namespace steward;  // NOLINT(google-build-using-namespace): a benchmark's main

namespace {

using Steady = std::chrono::steady_clock;

double Ms(Steady::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

struct Stats {
  double p50 = 0, p95 = 0, max = 0;
};

Stats Summarize(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  auto at = [&](double q) { return v[std::min(v.size() - 1, static_cast<size_t>(q * v.size()))]; };
  return {at(0.5), at(0.95), v.back()};
}

Status RunSql(storage::Connection& c, const sql::Printed& p, std::int64_t* rows) {
  return sql::Run(c, p, [&](const storage::Row&) { ++*rows; });
}

struct Line {
  std::string what;
  Stats ours, base;
  std::int64_t total = 0;
};

void Print(const Line& l) {
  std::printf("  %-62s p50 %7.2f ms  p95 %7.2f ms | baseline p50 %7.2f p95 %7.2f | total %lld\n",
              l.what.substr(0, 62).c_str(), l.ours.p50, l.ours.p95, l.base.p50, l.base.p95,
              static_cast<long long>(l.total));
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"Steward query benchmark"};
  std::string data, project = "PAX", out;
  int runs = 30;
  bool explain = false;
  cli.add_option("--data", data, "data directory (seeded)")->required();
  cli.add_flag("--explain", explain, "print each queue query's SQL and plan, then stop");
  cli.add_option("--project", project, "project to run the queues of");
  cli.add_option("--runs", runs, "measured runs per query");
  cli.add_option("--json", out, "write the figures to this file");
  CLI11_PARSE(cli, argc, argv);

  SystemClock clock;
  auto opened = app::Application::Open(data, clock);
  if (!opened.ok()) {
    std::fprintf(stderr, "cannot open %s: %s\n", data.c_str(), opened.error().message.c_str());
    return 1;
  }
  auto& app = **opened;
  http::Principal admin;
  admin.user_id = 1;
  admin.username = "admin";
  admin.kind = "admin";

  // Values that exist in the seeded data: a busy assignee, a common label.
  std::string assignee = "agent1", label = "printer";
  (void)app.db().ReadTx([&](storage::Connection& c) -> Status {
    STEWARD_TRY(
        c.Query("SELECT u.username FROM issues i JOIN users u ON u.id = i.assignee_id "
                "WHERE i.id > (SELECT max(id) - 20000 FROM issues) GROUP BY u.id ORDER "
                "BY count(*) DESC LIMIT 1",
                {}, [&](const storage::Row& r) { assignee = r.String(0); }));
    return c.Query(
        "SELECT label FROM issue_labels WHERE issue_id > (SELECT max(id) - 20000 FROM "
        "issues) GROUP BY label ORDER BY count(*) DESC LIMIT 1",
        {}, [&](const storage::Row& r) { label = r.String(0); });
  });

  const std::string p = "project = " + project + " AND ";
  const std::vector<std::pair<std::string, std::string>> queues = {
      {"All open", p + "statusCategory != Done ORDER BY created DESC"},
      {"Open incidents", p + "issuetype = Incident AND statusCategory != Done ORDER BY priority "
                             "DESC, created ASC"},
      {"Assigned to a busy agent",
       p + "assignee = " + assignee + " AND statusCategory != Done ORDER BY updated DESC"},
      {"Unassigned", p + "assignee IS EMPTY AND statusCategory != Done ORDER BY created ASC"},
      {"Requires triage", p + "status = \"Requires triage\" ORDER BY created ASC"},
      {"Resolved incidents, 7 days",
       p + "issuetype = Incident AND resolved >= -7d ORDER BY resolved DESC"},
      {"Urgent open", p + "priority IN (Critical, High) AND statusCategory != Done ORDER BY "
                          "updated DESC"},
      {"Label, open", p + "labels = " + label + " AND statusCategory != Done"},
      {"Updated today", p + "updated >= startOfDay() ORDER BY updated DESC"},
      {"Changes in flight", p + "issuetype = Change AND status IN (Planning, \"Awaiting "
                                "implementation\") ORDER BY created DESC"},
      {"Impact set, open", p + "Impact IS NOT EMPTY AND statusCategory != Done ORDER BY "
                               "created DESC"},
      {"Created this week", p + "created >= startOfWeek() ORDER BY created DESC"},
  };

  if (explain) {
    for (const auto& [name, jql] : queues) {
      auto sqls = app.search().Sql(admin, jql, sql::Dialect::kSqlite, 51);
      if (!sqls.ok()) {
        std::printf("%s: %s\n", jql.c_str(), sqls.error().message.c_str());
        continue;
      }
      for (const sql::Printed* printed : {&sqls->page, &sqls->count}) {
        std::printf("-- %s\n%s\n", jql.c_str(), printed->text.c_str());
        sql::Printed plan{"EXPLAIN QUERY PLAN " + printed->text, printed->params};
        (void)app.db().ReadTx([&](storage::Connection& c) -> Status {
          return sql::Run(
              c, plan, [](const storage::Row& r) { std::printf("   %s\n", r.String(3).c_str()); });
        });
      }
    }
    return 0;
  }

  auto search = [&](const std::string& jql, std::int64_t* total) -> Result<double> {
    tickets::SearchRequest req;
    req.jql = jql;
    req.total_cap = tickets::SearchService::kQueueCountCap;  // as a queue's issue list counts
    auto t0 = Steady::now();
    auto r = app.search().Search(admin, req);
    double ms = Ms(Steady::now() - t0);
    if (!r.ok()) {
      return r.error();
    }
    *total = r->at("total").as_int64();
    return ms;
  };
  auto direct = [&](const std::vector<sql::Printed>& sqls) -> Result<double> {
    auto t0 = Steady::now();
    STEWARD_TRY(app.db().ReadTx([&](storage::Connection& c) -> Status {
      std::int64_t rows = 0;
      for (const auto& s : sqls) {
        STEWARD_TRY(RunSql(c, s, &rows));
      }
      return Ok();
    }));
    return Ms(Steady::now() - t0);
  };

  boost::json::object report;
  std::vector<double> all_ours, all_base;
  std::printf("queue queries (%s, first page of 50 + total capped at 1,000), %d runs each:\n",
              project.c_str(), runs);
  boost::json::array queue_lines;
  for (const auto& [name, jql] : queues) {
    auto sqls = app.search().Sql(admin, jql, sql::Dialect::kSqlite, 51,
                                 tickets::SearchService::kQueueCountCap + 1);
    if (!sqls.ok()) {
      std::fprintf(stderr, "%s: %s\n", jql.c_str(), sqls.error().message.c_str());
      return 1;
    }
    Line l;
    l.what = name;
    std::vector<double> ours, base;
    for (int i = 0; i < runs + 3; ++i) {
      auto a = search(jql, &l.total);
      auto b = direct({sqls->page, sqls->count});
      if (!a.ok() || !b.ok()) {
        std::fprintf(stderr, "%s failed\n", jql.c_str());
        return 1;
      }
      if (i >= 3) {
        ours.push_back(*a);
        base.push_back(*b);
      }
    }
    all_ours.insert(all_ours.end(), ours.begin(), ours.end());
    all_base.insert(all_base.end(), base.begin(), base.end());
    l.ours = Summarize(ours);
    l.base = Summarize(base);
    Print(l);
    queue_lines.push_back({{"name", name},
                           {"jql", jql},
                           {"p50", l.ours.p50},
                           {"p95", l.ours.p95},
                           {"base_p50", l.base.p50},
                           {"base_p95", l.base.p95},
                           {"total", l.total}});
  }
  Stats mix = Summarize(all_ours), mix_base = Summarize(all_base);
  std::printf("  %-62s p50 %7.2f ms  p95 %7.2f ms | baseline p50 %7.2f p95 %7.2f\n",
              "ALL QUEUE QUERIES (mix)", mix.p50, mix.p95, mix_base.p50, mix_base.p95);
  report["queues"] = std::move(queue_lines);
  report["queue_mix"] = {
      {"p50", mix.p50}, {"p95", mix.p95}, {"base_p50", mix_base.p50}, {"base_p95", mix_base.p95}};

  // All queue counts of the project, as GET /api/v1/projects/{key}/queues computes them.
  {
    auto existing = app.search().ListQueues(admin, project);
    if (existing.ok() && existing->at("queues").as_array().empty()) {
      for (const auto& [name, jql] : queues) {
        boost::json::object body{{"name", name}, {"jql", jql.substr(p.size())}};
        (void)app.search().CreateQueue(admin, project, body);
      }
    }
    std::vector<sql::Printed> counts;
    for (const auto& [name, jql] : queues) {
      auto sqls = app.search().Sql(admin, jql, sql::Dialect::kSqlite, 1,
                                   tickets::SearchService::kQueueCountCap);
      counts.push_back(sqls->count);
    }
    std::vector<double> ours, base;
    std::int64_t n = 0;
    for (int i = 0; i < std::max(10, runs / 2) + 2; ++i) {
      auto t0 = Steady::now();
      auto listed = app.search().ListQueues(admin, project);
      double ms = Ms(Steady::now() - t0);
      auto b = direct(counts);
      if (!listed.ok() || !b.ok()) {
        std::fprintf(stderr, "queue counts failed\n");
        return 1;
      }
      n = static_cast<std::int64_t>(listed->at("queues").as_array().size());
      if (i >= 2) {
        ours.push_back(ms);
        base.push_back(*b);
      }
    }
    Line l;
    l.what = "all " + std::to_string(n) + " queue counts of " + project + " (999+ cap)";
    l.ours = Summarize(ours);
    l.base = Summarize(base);
    std::printf("queue counts:\n");
    Print(l);
    report["queue_counts"] = {{"queues", n},
                              {"p50", l.ours.p50},
                              {"p95", l.ours.p95},
                              {"base_p50", l.base.p50},
                              {"base_p95", l.base.p95}};
  }

  // Full text: common, middling and rare words and phrases, sampled from summaries.
  {
    std::map<std::string, int> freq;
    std::vector<std::string> summaries;
    (void)app.db().ReadTx([&](storage::Connection& c) -> Status {
      return c.Query("SELECT summary FROM issues WHERE id % 500 = 7", {},
                     [&](const storage::Row& r) { summaries.push_back(r.String(0)); });
    });
    for (const auto& s : summaries) {
      std::istringstream in(s);
      std::string w;
      while (in >> w) {
        if (w.size() > 3) {
          ++freq[w];
        }
      }
    }
    std::vector<std::pair<int, std::string>> by_freq;
    for (const auto& [w, n] : freq) {
      by_freq.emplace_back(n, w);
    }
    std::sort(by_freq.rbegin(), by_freq.rend());
    std::vector<std::string> terms;
    for (size_t k = 0; k < 4 && k < by_freq.size(); ++k) {
      terms.push_back(by_freq[k].second);  // common
    }
    for (size_t k = by_freq.size() / 4; k < by_freq.size() / 4 + 4 && k < by_freq.size(); ++k) {
      terms.push_back(by_freq[k].second);  // middling
    }
    for (size_t k = by_freq.size() - 4; k < by_freq.size(); ++k) {
      terms.push_back(by_freq[k].second);  // rare
    }
    std::mt19937 rng(7);
    for (int k = 0; k < 3 && !summaries.empty(); ++k) {
      std::istringstream in(summaries[rng() % summaries.size()]);
      std::string a, b;
      in >> a >> b;
      terms.push_back("\"" + a + " " + b + "\"");  // a phrase
    }
    std::printf("full text (text ~ term, ranked, first page of 50), %zu terms:\n", terms.size());
    std::vector<double> ours, base;
    boost::json::array lines;
    for (const auto& t : terms) {
      std::string jql =
          "text ~ \"" + (t[0] == '"' ? "\\" + t.substr(0, t.size() - 1) + "\\\"" : t) + "\"";
      std::string fts = t[0] == '"' ? t : "\"" + t + "\"";
      sql::Printed plain{
          "SELECT rowid, bm25(issues_fts) FROM issues_fts WHERE issues_fts MATCH ? ORDER BY "
          "bm25(issues_fts) LIMIT 50",
          {fts}};
      Line l;
      l.what = jql;
      std::vector<double> o, b;
      for (int i = 0; i < std::max(5, runs / 3) + 1; ++i) {
        auto a = search(jql, &l.total);
        auto d = direct({plain});
        if (!a.ok() || !d.ok()) {
          std::fprintf(stderr, "%s failed: %s\n", jql.c_str(),
                       a.ok() ? "baseline" : a.error().message.c_str());
          return 1;
        }
        if (i >= 1) {
          o.push_back(*a);
          b.push_back(*d);
        }
      }
      ours.insert(ours.end(), o.begin(), o.end());
      base.insert(base.end(), b.begin(), b.end());
      l.ours = Summarize(o);
      l.base = Summarize(b);
      Print(l);
      lines.push_back({{"jql", jql},
                       {"p50", l.ours.p50},
                       {"p95", l.ours.p95},
                       {"base_p50", l.base.p50},
                       {"base_p95", l.base.p95},
                       {"total", l.total}});
    }
    Stats s = Summarize(ours), sb = Summarize(base);
    std::printf("  %-62s p50 %7.2f ms  p95 %7.2f ms | baseline p50 %7.2f p95 %7.2f\n",
                "ALL FULL-TEXT TERMS", s.p50, s.p95, sb.p50, sb.p95);
    report["full_text"] = std::move(lines);
    report["full_text_mix"] = {
        {"p50", s.p50}, {"p95", s.p95}, {"base_p50", sb.p50}, {"base_p95", sb.p95}};
  }

  // Compile time: text → SQL AST (registry built once), against lex + parse alone.
  {
    std::vector<tickets::ProjectRef> projects;
    (void)app.db().ReadTx([&](storage::Connection& c) -> Status {
      return c.Query("SELECT id, key, name FROM projects", {}, [&](const storage::Row& r) {
        projects.push_back({r.Int(0), r.String(1), r.String(2)});
      });
    });
    auto registry = tickets::BuildFieldRegistry(*app.catalog().Get(), projects);
    query::CompileContext ctx;
    ctx.passes.now_ms = clock.Now();
    ctx.passes.user_id = 1;
    ctx.lower.scope.unrestricted = true;
    constexpr int kReps = 2000;
    auto t0 = Steady::now();
    size_t sink = 0;
    for (int i = 0; i < kReps; ++i) {
      for (const auto& [name, jql] : queues) {
        auto r = query::Compile(jql, *registry, ctx);
        sink += r.index();
        if (auto* q = std::get_if<query::CompiledQuery>(&r)) {
          sink += sql::Print(query::PageSelect(*q, nullptr, 50), sql::Dialect::kSqlite).text.size();
        }
      }
    }
    double compile_us = Ms(Steady::now() - t0) * 1000 / (kReps * queues.size());
    t0 = Steady::now();
    for (int i = 0; i < kReps; ++i) {
      for (const auto& [name, jql] : queues) {
        sink += query::Parse(jql).index();
      }
    }
    double parse_us = Ms(Steady::now() - t0) * 1000 / (kReps * queues.size());
    std::printf(
        "compile (parse, bind, passes, lower, print SQLite), mean over %d x %zu queries:\n"
        "  %.1f us per query | baseline lex+parse %.1f us   (%zu)\n",
        kReps, queues.size(), compile_us, parse_us, sink % 10);
    report["compile_us"] = compile_us;
    report["parse_us"] = parse_us;
  }
  if (!out.empty()) {
    std::FILE* f = std::fopen(out.c_str(), "w");
    if (f) {
      std::fputs(boost::json::serialize(report).c_str(), f);
      std::fclose(f);
    }
  }
  return 0;
}
