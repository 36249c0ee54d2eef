// Internal helpers shared by the ticket service's translation units: issue rows, access
// checks, history recording and field input parsing. Not for other modules.
//
// Thread-safety: functions operate on the Connection of the calling transaction.
#pragma once

#include "tickets/field_values.h"
#include "tickets/tickets.h"

#include <boost/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace steward::tickets::internal {

using storage::Connection;
using storage::Row;

struct IssueRow {
  std::int64_t id = 0;
  std::string key;
  std::int64_t project_id = 0;
  std::string project_key;
  std::string project_name;
  std::int64_t type_id = 0;
  std::int64_t status_id = 0;
  std::optional<std::int64_t> resolution_id;
  std::optional<std::int64_t> priority_id;
  std::string summary;
  std::string description;
  std::optional<std::int64_t> assignee_id;
  std::int64_t reporter_id = 0;
  std::optional<std::int64_t> parent_id;
  std::optional<std::int64_t> due_date;
  TimestampMs created = 0;
  TimestampMs updated = 0;
  std::optional<TimestampMs> resolved;
  std::string assignee_username, assignee_name;
  std::string reporter_username, reporter_name;
};

Result<std::optional<IssueRow>> LoadIssueRow(Connection& c, std::string_view key);
Result<std::optional<IssueRow>> LoadIssueRowById(Connection& c, std::int64_t id);
Result<ProjectAccess> AccessFor(Connection& c, const Principal& p, std::int64_t project_id);
// True when a request is shared with this user: as a participant or through an organization.
Result<bool> SharedWith(Connection& c, std::int64_t issue_id, std::int64_t user_id);
// Loads an issue the caller may see, or fails with NotFound (never revealing existence).
Result<std::pair<IssueRow, ProjectAccess>> LoadVisible(Connection& c, const Principal& p,
                                                       std::string_view key);
Error IssueNotFound(std::string_view key);
// {id, name, category} of a status, {id, name} of a priority or resolution; null if absent.
boost::json::value StatusRef(const Catalog& cat, std::int64_t id);
boost::json::value NamedRef(const NamedDef* d);
Error CannotEdit();

// One change group of the history.
class ChangeLog {
 public:
  void Add(std::string field, std::optional<std::string> from, std::optional<std::string> from_s,
           std::optional<std::string> to, std::optional<std::string> to_s, bool internal = false);
  bool empty() const { return items_.empty(); }
  // [{"field", "from", "to"}] with display values: what an event says changed.
  boost::json::array ToJson() const;
  Status Write(Connection& c, std::int64_t issue_id, std::optional<std::int64_t> author,
               TimestampMs now) const;

 private:
  struct Item {
    std::string field;
    std::optional<std::string> from, from_s, to, to_s;
    bool internal;
  };
  std::vector<Item> items_;
};

Status Emit(Connection& c, std::string_view topic, std::int64_t issue_id, std::int64_t actor,
            const boost::json::object& payload, TimestampMs now);

using FieldValues = std::map<std::int64_t, std::vector<StoredValue>>;
// Custom field values of an issue with user/team display names; usernames per field.
Result<FieldValues> LoadFieldValues(Connection& c, std::int64_t issue_id,
                                    std::map<std::int64_t, std::vector<std::string>>* usernames);
Status StoreFieldValues(Connection& c, std::int64_t issue_id, std::int64_t field_id,
                        const std::vector<StoredValue>& values);
Resolver MakeResolver(Connection& c);

Result<std::optional<std::string>> Username(Connection& c, std::optional<std::int64_t> id);

// Records @mentions (and makes the mentioned users watchers).
Status RecordMentions(Connection& c, std::int64_t comment_id, std::int64_t issue_id,
                      std::string_view body, boost::json::array* mentioned);
// Adds a comment with its mentions, touches the issue and writes the comment.created event.
Result<std::int64_t> AddCommentTx(Connection& c, const IssueRow& issue, std::int64_t author,
                                  std::string_view body, bool internal, TimestampMs now,
                                  boost::json::array* mentioned);
Result<std::string> DisplayName(Connection& c, std::optional<std::int64_t> id);

}  // namespace steward::tickets::internal

namespace steward::tickets::internal {
Result<boost::json::object> IssueView(Connection& c, const Catalog& cat, const IssueRow& i,
                                      const ProjectAccess& access);
}  // namespace steward::tickets::internal
