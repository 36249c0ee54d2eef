// CMDB benchmark (issue 5, S5): import speed, AQL attribute queries and 3-hop graphs at
// 200,000 objects and 1,000,000 references, each beside a raw-SQL baseline measured in the
// same run (the machine is shared and noisy: compare ratios and medians).
//
//   steward_bench_cmdb [--data DIR] [--objects 200000] [--refs 5] [--runs 60]
//
// 1. Import: CmdbService::Import of CSV files of 20,000 rows (validated, references resolved
//    by label, history, all-or-nothing per file) into a "Node" type with Hostname (label),
//    Status and Tier (selects), CPU (integer) and "Runs on" (references to earlier nodes).
//    Baseline: the same rows inserted with plain prepared INSERTs in one transaction per file.
// 2. AQL: FindObjects (compile, count capped at 1,000, first page of 25 rendered with every
//    attribute) for a mix of attribute queries. Baseline: hand-written SQL of the same meaning
//    counting up to 1,001 matches and returning the same first page of ids.
// 3. Graph: CmdbService::Graph 3 hops in both directions (capped at 500 nodes). Baseline: a
//    recursive CTE collecting the same 3-hop neighbourhood's ids.
#include "app/application.h"
#include "base/clock.h"

#include <CLI/CLI.hpp>
#include <boost/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <unordered_map>

using namespace steward;  // NOLINT(google-build-using-namespace): a benchmark's main

namespace {

using Steady = std::chrono::steady_clock;
namespace json = boost::json;

double Ms(Steady::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

struct Stats {
  double p50 = 0, p95 = 0;
};

Stats Summarize(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  auto at = [&](double q) { return v[std::min(v.size() - 1, static_cast<size_t>(q * v.size()))]; };
  return {at(0.5), at(0.95)};
}

const char* kStatus[] = {"Running", "Stopped", "Maintenance"};
const char* kTier[] = {"Tier 1", "Tier 2", "Tier 3", "Tier 4"};

std::string Host(std::int64_t n) { return "node-" + std::to_string(n); }

int Fail(const Error& e) {
  std::fprintf(stderr, "error: %s (%s)\n", e.message.c_str(), e.detail.c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli("Steward CMDB benchmark");
  std::string data = "bench/out/cmdb";
  std::int64_t objects = 200000;
  int refs = 5;
  int runs = 60;
  cli.add_option("--data", data, "a fresh directory (removed first)");
  cli.add_option("--objects", objects, "objects to import");
  cli.add_option("--refs", refs, "references per object");
  cli.add_option("--runs", runs, "runs per query");
  CLI11_PARSE(cli, argc, argv);
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // figures appear as they are measured
  std::filesystem::remove_all(data);
  auto& clock = SystemClock::Instance();
  auto opened = app::Application::Open(data, clock);
  if (!opened.ok()) {
    return Fail(opened.error());
  }
  auto& app = **opened;
  if (auto s = app::LoadDemo(app, clock.Now()); !s.ok()) {
    return Fail(s.error());
  }
  http::Principal admin;
  admin.kind = "admin";
  admin.username = "admin";
  admin.user_id = app.db()
                      .Read([](storage::Connection& c) {
                        return c.QueryInt("SELECT id FROM users WHERE username = 'admin'");
                      })
                      ->value_or(0);
  auto& cmdb = app.cmdb();
  auto check = [](const auto& r) {
    if (!r.ok()) {
      std::fprintf(stderr, "error: %s\n", r.error().message.c_str());
      std::exit(1);
    }
  };
  check(cmdb.CreateSchema(admin, json::object{{"key", "BEN"}, {"name", "Bench"}}));
  auto node = cmdb.CreateObjectType(admin, "BEN", json::object{{"name", "Node"}});
  check(node);
  std::int64_t type_id = node->at("id").as_int64();
  auto attr = [&](json::object a) { check(cmdb.CreateAttribute(admin, type_id, a)); };
  attr(
      {{"name", "Status"}, {"type", "select"}, {"options", {"Running", "Stopped", "Maintenance"}}});
  attr({{"name", "Tier"},
        {"type", "select"},
        {"options", {"Tier 1", "Tier 2", "Tier 3", "Tier 4"}}});
  attr({{"name", "CPU"}, {"type", "integer"}});
  attr({{"name", "Runs on"},
        {"type", "reference"},
        {"referenceObjectTypeId", type_id},
        {"referenceKind", "runs on"},
        {"maxCardinality", -1}});
  // Baseline import target: a second type with the same attributes, written by plain INSERTs.
  auto raw_type = cmdb.CreateObjectType(admin, "BEN", json::object{{"name", "Raw node"}});
  check(raw_type);
  std::int64_t raw_type_id = raw_type->at("id").as_int64();
  std::int64_t raw_schema_id = 0;
  (void)app.db().Read([&](storage::Connection& c) -> Result<bool> {
    raw_schema_id = c.QueryInt("SELECT id FROM cmdb_schemas WHERE key = 'BEN'")->value_or(0);
    return true;
  });
  std::mt19937_64 rng(5);
  std::printf("CMDB benchmark: %lld objects, %d references each (%lld references)\n",
              static_cast<long long>(objects), refs, static_cast<long long>(objects * refs));

  // --- 1. import ---------------------------------------------------------------------------
  const std::int64_t kFile = 20000;
  double import_ms = 0, raw_ms = 0;
  std::vector<std::int64_t> attr_ids;
  (void)app.db().Read([&](storage::Connection& c) -> Result<bool> {
    return c
        .Query("SELECT id FROM cmdb_attributes WHERE object_type_id = ? ORDER BY position",
               {type_id}, [&](const storage::Row& r) { attr_ids.push_back(r.Int(0)); })
        .ok();
  });
  for (std::int64_t from = 0; from < objects; from += kFile) {
    std::int64_t to = std::min(objects, from + kFile);
    std::string csv = "Hostname,Status,Tier,CPU,Runs on\n";
    struct RowData {
      int status, tier, cpu;
      std::vector<std::int64_t> targets;
    };
    std::vector<RowData> rows;
    for (std::int64_t n = from; n < to; ++n) {
      RowData r{static_cast<int>(rng() % 3),
                static_cast<int>(rng() % 4),
                static_cast<int>(1 << (rng() % 7)),
                {}};
      for (int k = 0; k < refs && n > 0; ++k) {
        std::int64_t t = static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(n));
        if (std::find(r.targets.begin(), r.targets.end(), t) == r.targets.end()) {
          r.targets.push_back(t);
        }
      }
      csv += Host(n) + "," + kStatus[r.status] + "," + kTier[r.tier] + "," + std::to_string(r.cpu) +
             ",";
      for (size_t k = 0; k < r.targets.size(); ++k) {
        csv += (k ? "||" : "") + Host(r.targets[k]);
      }
      csv += "\n";
      rows.push_back(std::move(r));
    }
    auto t0 = Steady::now();
    auto report = cmdb.Import(admin, json::object{{"objectTypeId", type_id},
                                                  {"format", "csv"},
                                                  {"data", csv},
                                                  {"mapping",
                                                   {{"Hostname", "Name"},
                                                    {"Status", "Status"},
                                                    {"Tier", "Tier"},
                                                    {"CPU", "CPU"},
                                                    {"Runs on", "Runs on"}}}});
    import_ms += Ms(Steady::now() - t0);
    check(report);
    if (!report->at("ok").as_bool()) {
      std::fprintf(stderr, "import failed: %s\n", json::serialize(report->at("errors")).c_str());
      return 1;
    }
    // Baseline: the same rows with plain single-row INSERTs (the referenced ids looked up
    // before the clock starts; no validation, no label or uniqueness checks, no history).
    std::unordered_map<std::int64_t, std::int64_t> target_ids;
    (void)app.db().Read([&](storage::Connection& c) -> Result<bool> {
      return c
          .Query("SELECT key, id FROM cmdb_objects WHERE object_type_id = ?", {type_id},
                 [&](const storage::Row& r) {
                   target_ids[std::stoll(r.String(0).substr(4)) - 1] = r.Int(1);
                 })
          .ok();
    });
    t0 = Steady::now();
    auto s = app.db().WriteTx([&](storage::Connection& c) -> Status {
      for (std::int64_t n = from; n < to; ++n) {
        const RowData& r = rows[static_cast<size_t>(n - from)];
        std::string key = "BEN-R" + std::to_string(n);
        STEWARD_ASSIGN_OR_RETURN(
            auto id, c.QueryInt("INSERT INTO cmdb_objects(schema_id, object_type_id, key, label, "
                                "created_at, updated_at) VALUES (?,?,?,?,0,0) RETURNING id",
                                {raw_schema_id, raw_type_id, key, Host(n)}));
        const char* kText =
            "INSERT INTO cmdb_values(object_id, attribute_id, seq, text_value) "
            "VALUES (?,?,0,?)";
        STEWARD_TRY(c.Exec(kText, {*id, attr_ids[0], Host(n)}));
        STEWARD_TRY(c.Exec(kText, {*id, attr_ids[1], kStatus[r.status]}));
        STEWARD_TRY(c.Exec(kText, {*id, attr_ids[2], kTier[r.tier]}));
        STEWARD_TRY(
            c.Exec("INSERT INTO cmdb_values(object_id, attribute_id, seq, int_value) "
                   "VALUES (?,?,0,?)",
                   {*id, attr_ids[3], static_cast<std::int64_t>(r.cpu)}));
        std::int64_t seq = 0;
        for (auto t : r.targets) {
          STEWARD_TRY(
              c.Exec("INSERT INTO cmdb_values(object_id, attribute_id, seq, ref_id) "
                     "VALUES (?,?,?,?)",
                     {*id, attr_ids[4], seq++, target_ids[t]}));
        }
      }
      return Ok();
    });
    raw_ms += Ms(Steady::now() - t0);
    if (!s.ok()) {
      return Fail(s.error());
    }
  }
  std::printf("\nImport (%lld objects in files of %lld rows):\n", static_cast<long long>(objects),
              static_cast<long long>(kFile));
  std::printf("  CmdbService::Import        %9.0f objects/s  (%.1f s)\n",
              static_cast<double>(objects) / (import_ms / 1000), import_ms / 1000);
  std::printf("  baseline: plain INSERTs    %9.0f objects/s  (%.1f s)   ratio %.2f\n",
              static_cast<double>(objects) / (raw_ms / 1000), raw_ms / 1000, import_ms / raw_ms);
  (void)app.db().WriteTx([](storage::Connection& c) -> Status {
    return c.ExecScript(
        "DELETE FROM cmdb_values WHERE object_id IN (SELECT id FROM cmdb_objects "
        "WHERE key LIKE 'BEN-R%'); DELETE FROM cmdb_objects WHERE key LIKE "
        "'BEN-R%'; ANALYZE;");
  });
  std::int64_t ref_count = 0;
  (void)app.db().Read([&](storage::Connection& c) -> Result<bool> {
    ref_count =
        c.QueryInt("SELECT count(*) FROM cmdb_values WHERE ref_id IS NOT NULL")->value_or(0);
    return true;
  });
  std::printf("  references stored: %lld\n", static_cast<long long>(ref_count));

  // --- 2. AQL --------------------------------------------------------------------------------
  struct QueryShape {
    std::string name;
    std::function<std::string(std::int64_t)> aql;
    std::function<std::string(std::int64_t)> raw;  // hand-written SQL, same first page of ids
  };
  std::string a_status = std::to_string(attr_ids[1]), a_tier = std::to_string(attr_ids[2]),
              a_cpu = std::to_string(attr_ids[3]), a_runs = std::to_string(attr_ids[4]),
              a_name = std::to_string(attr_ids[0]);
  std::vector<QueryShape> shapes = {
      {"Name = x (one object)", [](std::int64_t n) { return "Name = \"" + Host(n) + "\""; },
       [&](std::int64_t n) {
         return "SELECT o.id FROM cmdb_objects o WHERE o.id IN (SELECT object_id FROM cmdb_values "
                "WHERE attribute_id = " +
                a_name + " AND text_value IS NOT NULL AND lower(text_value) = '" + Host(n) +
                "') ORDER BY lower(o.label), o.id LIMIT 25";
       }},
      {"Status = s AND Tier = t AND CPU >= 32 (~4% of objects)",
       [](std::int64_t n) {
         return std::string("objectType = Node AND Status = \"") + kStatus[n % 3] +
                "\" AND Tier = \"" + kTier[n % 4] + "\" AND CPU >= 32";
       },
       [&](std::int64_t n) {
         return "SELECT o.id FROM cmdb_objects o JOIN cmdb_values s ON s.object_id = o.id AND "
                "s.attribute_id = " +
                a_status +
                " JOIN cmdb_values t ON t.object_id = o.id AND "
                "t.attribute_id = " +
                a_tier +
                " JOIN cmdb_values c ON c.object_id = o.id AND "
                "c.attribute_id = " +
                a_cpu + " WHERE o.object_type_id = " + std::to_string(type_id) +
                // "+": values checked per object by primary key, walking the label order
                " AND +lower(s.text_value) = lower('" + kStatus[n % 3] +
                "') AND +lower(t.text_value) = lower('" + kTier[n % 4] +
                "') AND +c.int_value >= 32 ORDER BY lower(o.label), o.id LIMIT 25";
       }},
      {"\"Runs on\".Name = x (dot path)",
       [](std::int64_t n) { return "\"Runs on\".Name = \"" + Host(n) + "\""; },
       [&](std::int64_t n) {
         return "SELECT o.id FROM cmdb_objects o JOIN cmdb_values v ON v.object_id = o.id AND "
                "v.attribute_id = " +
                a_runs +
                " JOIN cmdb_objects r ON r.id = v.ref_id WHERE "
                "lower(r.label) = '" +
                Host(n) + "' ORDER BY lower(o.label), o.id LIMIT 25";
       }},
      {"object HAVING inboundReferences(Name = x)",
       [](std::int64_t n) { return "object HAVING inboundReferences(Name = \"" + Host(n) + "\")"; },
       [&](std::int64_t n) {
         return "SELECT o.id FROM cmdb_objects o WHERE o.id IN (SELECT v.ref_id FROM cmdb_values "
                "v JOIN cmdb_objects s ON s.id = v.object_id WHERE lower(s.label) = '" +
                Host(n) + "') ORDER BY lower(o.label), o.id LIMIT 25";
       }},
  };
  std::printf(
      "\nAQL (FindObjects: compile, capped count, first page of 25 rendered; %d runs "
      "each):\n",
      runs);
  std::vector<double> all_ours, all_base;
  for (const auto& shape : shapes) {
    std::vector<double> ours, base;
    std::int64_t total = 0;
    for (int i = 0; i < runs; ++i) {
      std::int64_t n = static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(objects));
      auto t0 = Steady::now();
      auto r = cmdb.FindObjects(admin, cmdb::ObjectQuery{shape.aql(n), "BEN", 0, 25});
      ours.push_back(Ms(Steady::now() - t0));
      check(r);
      total = r->at("total").as_int64();
      std::string raw = shape.raw(n);  // values are the benchmark's own, never user input
      // The same capped count as FindObjects: the matches without the order, at most 1,001.
      std::string count = "SELECT count(*) FROM (SELECT DISTINCT" +
                          raw.substr(6, raw.find(" ORDER BY") - 6) + " LIMIT 1001)";
      t0 = Steady::now();
      (void)app.db().Read([&](storage::Connection& c) -> Result<bool> {
        std::int64_t rows = 0;
        (void)c.Query(count, {}, [&](const storage::Row&) { ++rows; });
        (void)c.Query(raw, {}, [&](const storage::Row&) { ++rows; });
        return rows >= 0;
      });
      base.push_back(Ms(Steady::now() - t0));
    }
    all_ours.insert(all_ours.end(), ours.begin(), ours.end());
    all_base.insert(all_base.end(), base.begin(), base.end());
    Stats o = Summarize(ours), b = Summarize(base);
    std::printf(
        "  %-56s p50 %6.2f ms  p95 %6.2f ms | raw SQL p50 %6.2f p95 %6.2f | last total %lld\n",
        shape.name.c_str(), o.p50, o.p95, b.p50, b.p95, static_cast<long long>(total));
  }
  Stats o = Summarize(all_ours), b = Summarize(all_base);
  std::printf("  %-56s p50 %6.2f ms  p95 %6.2f ms | raw SQL p50 %6.2f p95 %6.2f\n", "all queries",
              o.p50, o.p95, b.p50, b.p95);

  // --- 3. graph ------------------------------------------------------------------------------
  std::vector<double> ours, base;
  std::int64_t nodes = 0;
  for (int i = 0; i < runs; ++i) {
    std::int64_t n = static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(objects));
    std::string key = "BEN-" + std::to_string(n + 1);
    auto t0 = Steady::now();
    auto g = cmdb.Graph(admin, key, 3, "both");
    ours.push_back(Ms(Steady::now() - t0));
    check(g);
    nodes += static_cast<std::int64_t>(g->at("nodes").as_array().size());
    t0 = Steady::now();
    (void)app.db().Read([&](storage::Connection& c) -> Result<bool> {
      std::int64_t rows = 0;
      (void)c.Query(
          "WITH RECURSIVE hop(id, d) AS (SELECT id, 0 FROM cmdb_objects WHERE key = ? UNION "
          "SELECT CASE WHEN v.object_id = hop.id THEN v.ref_id ELSE v.object_id END, hop.d + 1 "
          "FROM hop JOIN cmdb_values v ON (v.object_id = hop.id AND v.ref_id IS NOT NULL) OR "
          "v.ref_id = hop.id WHERE hop.d < 3) SELECT DISTINCT id FROM hop LIMIT 500",
          {key}, [&](const storage::Row&) { ++rows; });
      return true;
    });
    base.push_back(Ms(Steady::now() - t0));
  }
  o = Summarize(ours);
  b = Summarize(base);
  std::printf("\nGraph, 3 hops both directions (cap 500 nodes, mean %lld nodes):\n",
              static_cast<long long>(nodes / runs));
  std::printf(
      "  CmdbService::Graph   p50 %6.2f ms  p95 %6.2f ms | recursive CTE p50 %6.2f p95 %6.2f\n",
      o.p50, o.p95, b.p50, b.p95);
  return 0;
}
