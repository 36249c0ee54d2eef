// The bridge between tickets and the CMDB (SPEC S5.6, S3.5), the only module that knows both:
//   - object fields on issues and request forms: the ObjectDirectory tickets asks to resolve,
//     describe and search object values (keys or labels within the field's schema and filter
//     scope; JQL `"Affected services" = "Payment Processing"` and `IN aqlFunction("...")`);
//   - the object picker of forms, whose issue scope may use `${Other field}` placeholders filled
//     from the form's current values (choosing Oracle CRM narrows the standard changes);
//   - AQL's connectedTickets(jql) and an object's connected issues;
//   - the priority matrix: incidents take their priority from the "Priority Matrix" objects
//     (Impact × Urgency) unless the caller sets one.
//
// Thread-safety: safe from any thread after Install(), which runs once at start-up.
#pragma once

#include "cmdb/cmdb.h"
#include "http/router.h"
#include "tickets/catalog.h"
#include "tickets/object_fields.h"
#include "tickets/search.h"
#include "tickets/tickets.h"

#include <memory>

namespace steward::ticket_cmdb {

namespace json = boost::json;

class Bridge {
 public:
  Bridge(storage::Database& db, cmdb::CmdbService& cmdb, tickets::TicketService& tickets,
         tickets::SearchService& search, tickets::CatalogHolder& catalog);
  ~Bridge();

  // Installs the object directory, the connectedTickets hook and the priority policy.
  void Install();
  void RegisterRoutes(http::Router& router);

  // Objects a form's object field offers: within its schema, filter scope and issue scope (with
  // `context` filling the placeholders: field name → key, label or a list of them), whose key or
  // label contains `text`. Objects whose scope waits for an empty field: none, and `waitingFor`.
  Result<json::object> Pick(const http::Principal& p, std::string_view field, std::string_view text,
                            const json::object& context, int limit);
  // The issues whose object fields hold the object, that the caller may see.
  Result<json::object> ConnectedIssues(const http::Principal& p, std::string_view key,
                                       bool unresolved_only);

  // `aql` with ${Field} / ${Field${0}} replaced by the quoted values of `context`; the names
  // of placeholders without a value go to `missing`.
  static std::string FillPlaceholders(std::string_view aql, const json::object& context,
                                      std::vector<std::string>& missing);

 private:
  class Directory;
  storage::Database& db_;
  cmdb::CmdbService& cmdb_;
  tickets::TicketService& tickets_;
  tickets::SearchService& search_;
  tickets::CatalogHolder& catalog_;
  std::unique_ptr<Directory> directory_;
};

}  // namespace steward::ticket_cmdb
