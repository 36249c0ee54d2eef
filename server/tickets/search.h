// Search and queues (S4): JQL search with keyset paging over the issues a caller may see, query
// validation and the field list for editors, and queues — saved JQL with columns, groups,
// per-user stars and live counts.
//
// The JQL compiler lives in query/; this service supplies what it needs from tickets: the field
// registry (system and custom fields, rebuilt when the catalog or the project list changes),
// the caller's permission scope, and execution of the compiled SQL.
//
// Thread-safety: safe from any thread; the registry cache is guarded by a mutex.
#pragma once
#include "query/compiler.h"
#include "tickets/search_fields.h"
#include "tickets/tickets.h"

#include <mutex>

namespace steward::tickets {

struct SearchRequest {
  std::string jql;
  std::vector<std::string> fields;  // empty: the default columns
  int limit = 50;
  std::string cursor;
  int total_cap = 10000;  // count at most this many (queues count to 1,000 and show "999+")
};

class SearchService {
 public:
  SearchService(storage::Database& db, const Clock& clock, CatalogHolder& catalog)
      : db_(db), clock_(clock), catalog_(catalog) {}

  static constexpr int kMaxLimit = 500;
  static constexpr int kTotalCap = 10000;      // search totals beyond are capped (totalCapped)
  static constexpr int kQueueCountCap = 1000;  // shown as "999+"

  Result<json::object> Search(const Principal& p, const SearchRequest& req);
  Result<json::object> Validate(const Principal& p, std::string_view jql);
  Result<json::object> Fields(const Principal& p);
  // The SQL (both dialects), parameters and SQLite plan of a search; global admins only.
  Result<json::object> Explain(const Principal& p, std::string_view jql);

  // Queues of a project, with counts; CRUD; stars; a queue's issues.
  Result<json::object> ListQueues(const Principal& p, std::string_view project_key);
  Result<json::object> CreateQueue(const Principal& p, std::string_view project_key,
                                   const json::object& body);
  Result<json::object> GetQueue(const Principal& p, std::int64_t id);
  Result<json::object> UpdateQueue(const Principal& p, std::int64_t id, const json::object& body);
  Status DeleteQueue(const Principal& p, std::int64_t id);
  Status StarQueue(const Principal& p, std::int64_t id, bool star);
  Result<json::object> QueueIssues(const Principal& p, std::int64_t id, int limit,
                                   const std::string& cursor);

  // The SQL a search for `jql` runs (its first page of `limit`), in a dialect: for golden tests
  // and explaining queries to administrators.
  struct SearchSql {
    sql::Printed page;   // the first page of `limit`
    sql::Printed count;  // the capped total
  };
  Result<SearchSql> Sql(const Principal& p, std::string_view jql, sql::Dialect d, int limit,
                        int count_cap = kTotalCap + 1);

  // The ids of the issues matching `jql` that `p` may see, as a SELECT to embed in another
  // query (in `c`'s transaction); or the JQL's error.
  Result<sql::SelectPtr> IssueIds(storage::Connection& c, const Principal& p, std::string_view jql);

  // Parses the request of GET (query string) or POST (JSON body) search.
  static Result<SearchRequest> ParseSearchRequest(const json::object& body);

 private:
  struct Prepared;
  Result<std::shared_ptr<const query::FieldRegistry>> Registry(storage::Connection& c);
  Result<query::Scope> ScopeFor(storage::Connection& c, const Principal& p);
  // What compiling needs from the database for one caller, computed once per transaction.
  struct CompileSetup {
    std::shared_ptr<const query::FieldRegistry> registry;
    query::Scope scope;
  };
  Result<CompileSetup> Setup(storage::Connection& c, const Principal& p);
  Result<query::CompiledQuery> CompileFor(storage::Connection& c, const Principal& p,
                                          std::string_view jql,
                                          std::optional<std::int64_t> project_id,
                                          const CompileSetup* setup = nullptr);
  Result<json::object> Run(storage::Connection& c, const query::CompiledQuery& q,
                           const SearchRequest& req, std::string_view jql);
  Result<json::object> QueueView(storage::Connection& c, const Principal& p, std::int64_t queue_id,
                                 const CompileSetup* setup, bool with_count);

  storage::Database& db_;
  const Clock& clock_;
  CatalogHolder& catalog_;
  std::mutex mu_;
  std::shared_ptr<const Catalog> registry_catalog_;
  std::string registry_projects_;
  std::shared_ptr<const query::FieldRegistry> registry_;
};

}  // namespace steward::tickets
