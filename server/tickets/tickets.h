// The ticket kernel (S3): projects and their roles, the issue catalog (types, workflows,
// statuses, priorities, resolutions, custom fields, link types), issues with system and custom
// fields, transitions, comments, links, sub-tasks, history, watchers and attachments.
//
// TicketService enforces permissions on every call (project roles; customers see only their
// own requests, those they participate in and those shared with their organization, and never
// internal notes) and writes each change together with its history entries and an event row in
// one transaction. It speaks JSON (Boost.JSON values) because it is the API's DTO edge; the
// domain rules it applies live in catalog.h, workflow.h and field_values.h.
//
// Thread-safety: safe from any thread; all state is in the database and the CatalogHolder.
#pragma once

#include "base/clock.h"
#include "base/result.h"
#include "http/message.h"
#include "storage/attachment_store.h"
#include "storage/database.h"
#include "storage/migrations.h"
#include "tickets/catalog.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace steward::tickets {

std::vector<storage::Migration> Migrations();

// The full-text indexes (issues_fts, comments_fts) are brought up to date once per physical
// transaction, not by every statement: triggers note each changed issue and comment (with the
// text the index holds) in *_fts_pending, and FlushTextIndex applies the notes. The database runs
// it before each commit (registered by TicketService::Initialize); a query over the indexes
// inside a write transaction runs it first (SearchService::CompileFor). Why: FTS5 writes its
// pending terms as a new segment whenever a later statement of the transaction opens a statement
// journal, i.e. once per edit; flushing once per commit writes one segment for the whole batch.
Status FlushTextIndex(storage::Connection& c);
// The triggers that note changes for FlushTextIndex (the bulk seeder drops and re-creates them).
extern const char* const kTextIndexTriggers;

using http::Principal;
using storage::AttachmentStore;
using storage::kMaxAttachmentBytes;
namespace json = boost::json;

// The caller's standing in one project.
struct ProjectAccess {
  std::int64_t project_id = 0;
  std::int64_t user_id = 0;
  std::vector<std::string> roles;  // administrator, agent, collaborator, customer
  bool global_admin = false;
  bool Has(std::string_view role) const;
  bool IsStaff() const;  // administrator, agent or collaborator (or global admin)
  bool CanEdit() const;  // administrator or agent (or global admin)
  bool IsCustomerOnly() const { return !IsStaff() && Has("customer"); }
};

// The caller's roles in a project, read in the caller's transaction (for modules above tickets
// that check project access themselves).
Result<ProjectAccess> ProjectAccessFor(storage::Connection& c, const Principal& p,
                                       std::int64_t project_id);

// A rule deriving an issue's priority from its other fields (the CMDB's priority matrix, S3.5).
// Applied when an issue is created and whenever one of `inputs` changes, unless the same request
// sets the priority itself (an agent's override stands until the inputs change again).
struct PriorityPolicy {
  std::vector<std::string> inputs;  // custom field names that feed it ("Impact", "Urgency")
  // The issue type's name and the input fields' display values → a priority name, or nullopt
  // to leave the priority as it is. Runs in the writing transaction.
  std::function<Result<std::optional<std::string>>(
      storage::Connection&, const std::string& issue_type,
      const std::map<std::string, std::string>& values)>
      derive;
};

// What an issue write did, for modules above tickets that keep derived state in the same
// transaction (change enablement: risk, standard changes from the catalog, approvals).
struct IssueWrite {
  enum class Kind { kCreated, kUpdated, kTransitioned };
  Kind kind = Kind::kUpdated;
  std::int64_t issue_id = 0;
  std::string issue_type;            // its name
  std::vector<std::string> changed;  // names of the fields set (created) or changed (else)
  std::string from_status, to_status, transition;  // kTransitioned
  json::array changes;  // kUpdated: [{field, from, to}] with display values
};
// Runs inside the writing transaction after the write; an error rolls the whole write back.
using IssueObserver =
    std::function<Status(storage::Connection&, const Principal&, const IssueWrite&)>;
// Runs inside the transaction before a transition applies (after its conditions and
// validators); an error refuses the transition (approvals pending, a freeze window).
using TransitionGuard =
    std::function<Status(storage::Connection&, const Principal&, const IssueWrite&)>;

class TicketService {
 public:
  TicketService(storage::Database& db, const Clock& clock, CatalogHolder& catalog,
                AttachmentStore& attachments)
      : db_(db), clock_(clock), catalog_(catalog), attachments_(attachments) {}

  // Installs defaults and loads the catalog; call once at start-up.
  Status Initialize();
  // Set once at start-up, before serving.
  void SetPriorityPolicy(PriorityPolicy policy) { priority_policy_ = std::move(policy); }
  // Set once at start-up, before serving.
  void AddObserver(IssueObserver o) { observers_.push_back(std::move(o)); }
  void AddTransitionGuard(TransitionGuard g) { guards_.push_back(std::move(g)); }

  // Configuration.
  Result<json::object> CatalogView(const Principal& p, std::string_view what);
  Result<json::object> CreateField(const Principal& p, const json::object& body);
  Result<json::object> AddFieldOptions(const Principal& p, std::string_view field,
                                       const json::object& body);

  // Projects and roles.
  Result<json::object> CreateProject(const Principal& p, const json::object& body);
  Result<json::object> ListProjects(const Principal& p);
  Result<json::object> GetProject(const Principal& p, std::string_view key);
  Result<json::object> UpdateProject(const Principal& p, std::string_view key,
                                     const json::object& body);
  Result<json::object> ListRoles(const Principal& p, std::string_view key);
  Result<json::object> AddRole(const Principal& p, std::string_view key, const json::object& body);
  Status RemoveRole(const Principal& p, std::string_view key, std::int64_t role_id);
  Result<json::object> AddComponent(const Principal& p, std::string_view key,
                                    const json::object& body);

  // Issues.
  // `also` runs in the creating transaction with the new issue's id, so a module above (the
  // help center's request type, say) records its part atomically with the issue.
  using CreateHook = std::function<Status(storage::Connection&, std::int64_t issue_id)>;
  Result<json::object> CreateIssue(const Principal& p, const json::object& body,
                                   const CreateHook& also = {});
  Result<json::object> GetIssue(const Principal& p, std::string_view key);
  Result<json::object> UpdateIssue(const Principal& p, std::string_view key,
                                   const json::object& body);
  Result<json::object> ListTransitions(const Principal& p, std::string_view key);
  Result<json::object> Transition(const Principal& p, std::string_view key,
                                  const json::object& body);

  Result<json::object> ListComments(const Principal& p, std::string_view key);
  Result<json::object> AddComment(const Principal& p, std::string_view key,
                                  const json::object& body);
  Result<json::object> EditComment(const Principal& p, std::string_view key, std::int64_t id,
                                   const json::object& body);
  Status DeleteComment(const Principal& p, std::string_view key, std::int64_t id);

  Result<json::object> ListLinks(const Principal& p, std::string_view key);
  Result<json::object> AddLink(const Principal& p, std::string_view key, const json::object& body);
  Status DeleteLink(const Principal& p, std::int64_t link_id);

  Result<json::object> History(const Principal& p, std::string_view key);

  // The same operations inside the caller's write transaction `c` (automation applies all of a
  // rule's actions in one transaction): same checks, same history and events, no rendering.
  Result<std::int64_t> CreateIssueIn(storage::Connection& c, const Principal& p,
                                     const json::object& body);
  Status UpdateIssueIn(storage::Connection& c, const Principal& p, std::string_view key,
                       const json::object& body);
  Status TransitionIn(storage::Connection& c, const Principal& p, std::string_view key,
                      const json::object& body);
  Result<json::object> AddCommentIn(storage::Connection* c, const Principal& p,
                                    std::string_view key, const json::object& body);
  Result<json::object> AddLinkIn(storage::Connection* c, const Principal& p, std::string_view key,
                                 const json::object& body);
  // The issue as GET /issues/{key} shows it to `p`, read in `c`'s transaction.
  Result<json::object> IssueIn(storage::Connection& c, const Principal& p, std::string_view key);

  Result<json::object> ListWatchers(const Principal& p, std::string_view key);
  Status AddWatcher(const Principal& p, std::string_view key, std::string_view username);
  Status RemoveWatcher(const Principal& p, std::string_view key, std::string_view username);

  Result<json::object> ListAttachments(const Principal& p, std::string_view key);
  Result<json::object> AddAttachment(const Principal& p, std::string_view key,
                                     std::string_view filename, std::string_view bytes);
  struct AttachmentContent {
    std::string filename;
    std::string mime_type;
    std::string bytes;
  };
  Result<json::object> GetAttachment(const Principal& p, std::int64_t id);
  Result<AttachmentContent> ReadAttachment(const Principal& p, std::int64_t id);
  Status DeleteAttachment(const Principal& p, std::int64_t id);

 private:
  Result<json::object> RenderAfterWrite(const Principal& p, std::int64_t issue_id);
  Result<std::int64_t> CreateIssueId(storage::Connection* outer, const Principal& p,
                                     const json::object& body, const CreateHook& also);
  Result<std::int64_t> UpdateIssueId(storage::Connection* outer, const Principal& p,
                                     std::string_view key, const json::object& body);
  Result<std::int64_t> TransitionId(storage::Connection* outer, const Principal& p,
                                    std::string_view key, const json::object& body);
  // Runs `fn` in the caller's transaction when `outer` is given, else in a new write transaction.
  template <typename F>
  auto WriteIn(storage::Connection* outer, F&& fn)
      -> std::invoke_result_t<F, storage::Connection&> {
    if (outer) {
      return fn(*outer);
    }
    return db_.Write(std::forward<F>(fn));
  }

  storage::Database& db_;
  const Clock& clock_;
  CatalogHolder& catalog_;
  AttachmentStore& attachments_;
  Status Notify(storage::Connection& c, const Principal& p, const IssueWrite& w) const;
  PriorityPolicy priority_policy_;
  std::vector<IssueObserver> observers_;
  std::vector<TransitionGuard> guards_;
};

}  // namespace steward::tickets
