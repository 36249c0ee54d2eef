// The help center (S10.2): portals, request type groups and request types with their
// customer-facing forms, raising requests (also on behalf of someone), "My requests" and the
// customer's view of a request.
//
// A portal belongs to one service project. A request type is an issue type dressed for
// customers: a name, a description, help text, the groups it is listed under, its form (which
// issue fields it asks for, under which labels, with which help, which are required) and the
// names customers see for the workflow's statuses. Raising a request creates the issue through
// TicketService (so every ticket rule and permission applies) and records its request type in
// the same transaction. The request view shows only what a customer may see: public comments
// and status changes, never internal notes, even to agents looking at the portal.
//
// Thread-safety: safe from any thread; all state is in the database.
#pragma once

#include "base/clock.h"
#include "base/result.h"
#include "http/message.h"
#include "storage/database.h"
#include "storage/migrations.h"
#include "tickets/catalog.h"
#include "tickets/tickets.h"

#include <boost/json/object.hpp>

#include <cstdint>
#include <string_view>
#include <vector>

namespace steward::requests {

std::vector<storage::Migration> Migrations();

namespace json = boost::json;
using http::Principal;

// Filters of "My requests".
struct RequestListQuery {
  std::string filter = "all";   // mine (I raised), participated (shared with me), organization, all
  std::string status = "open";  // open, closed, all
  std::string text;             // substring of the summary or the key
  std::int64_t portal_id = 0;   // 0: every portal
  int start = 0;
  int limit = 25;
};

class RequestService {
 public:
  RequestService(storage::Database& db, const Clock& clock, tickets::CatalogHolder& catalog,
                 tickets::TicketService& tickets)
      : db_(db), clock_(clock), catalog_(catalog), tickets_(tickets) {}

  // Portals the caller may use (any role in the portal's project, or an administrator).
  Result<json::object> ListPortals(const Principal& p);
  // A portal with its groups and request types.
  Result<json::object> GetPortal(const Principal& p, std::int64_t portal_id);
  // A request type with its form: each field's label, help, requirement, type and options.
  Result<json::object> GetRequestType(const Principal& p, std::int64_t portal_id,
                                      std::int64_t request_type_id);

  // Configuration (project administrators): a project's portal and its request types.
  Result<json::object> PutPortal(const Principal& p, std::string_view project_key,
                                 const json::object& body);
  Result<json::object> CreateRequestType(const Principal& p, std::int64_t portal_id,
                                         const json::object& body);

  // Raises a request: {requestTypeId, values: {field: value}, raiseOnBehalfOf?,
  // requestParticipants?}.
  Result<json::object> CreateRequest(const Principal& p, const json::object& body);
  Result<json::object> ListRequests(const Principal& p, const RequestListQuery& q);
  Result<json::object> GetRequest(const Principal& p, std::string_view key);

 private:
  storage::Database& db_;
  const Clock& clock_;
  tickets::CatalogHolder& catalog_;
  tickets::TicketService& tickets_;
};

}  // namespace steward::requests
