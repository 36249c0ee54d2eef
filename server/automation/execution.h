// Execution: one run of one rule for one event, inside the engine's write transaction. It walks
// the rule's components (conditions, actions, if/else blocks) with an explicit stack so that a
// run waiting for a web response can be saved to `automation_pending` and resumed later, and it
// gives components what they need: the trigger issue as the rule's actor sees it, smart-value
// rendering, the transaction, the audit's log lines and changed items, and outbound work.
//
// Thread-safety: used by one thread (the dispatcher) for the length of a run.
#pragma once

#include "automation/automation.h"

#include <boost/json/value.hpp>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace steward::automation {

struct Engine::Deps {
  storage::Database& db;
  const Clock& clock;
  tickets::TicketService& tickets;
  tickets::SearchService& search;
  tickets::CatalogHolder& catalog;
  const Registry& registry;
  const std::string& public_url;  // {{baseUrl}}
};

// An HTTP call a rule makes; sent after the commit.
struct WebRequestSpec {
  std::string url;
  std::string method = "POST";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  int timeout_ms = 10000;
  bool wait = false;               // later components use {{webResponse}}: suspend until answered
  bool continue_on_error = false;  // a failed call (network or status >= 400) does not stop the run
  json::object ToJson() const;
  static WebRequestSpec FromJson(const json::object& o);
};

struct MailSpec {
  std::vector<std::string> to;
  std::string subject;
  std::string body;
  json::object ToJson() const;
  static MailSpec FromJson(const json::object& o);
};

// What came back from a web request.
struct WebResponse {
  bool sent = false;  // false: no connection / timeout
  long status = 0;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string error;
  json::object ToJson() const;  // {{webResponse}}: status, body (parsed when JSON), headers
};

// Outbound effects (outbound.cc, libcurl).
WebResponse SendWebRequest(const WebRequestSpec& spec);
Status SendMail(const MailSettings& settings, const MailSpec& mail);

// Field names a component uses (conditions, edits) must exist in the catalog.
Status CheckFieldNames(const tickets::Catalog& cat, const json::object& component);

enum class Outcome { kSuccess, kNoActions, kSomeErrors, kFailed, kLoop, kThrottled, kWaiting };
std::string_view OutcomeName(Outcome o);

// The trigger issue as an actor sees it, shared by the rules that run for one event until one of
// them changes something.
struct IssueCache {
  std::string key;
  std::int64_t actor = 0;
  std::shared_ptr<const json::value> view;
};

class Execution {
 public:
  Execution(const Engine::Deps& deps, const Rule& rule, const Event& event, Principal actor,
            storage::Connection& c, IssueCache* cache = nullptr);
  // Called before each action runs (the engine opens the run's savepoint at the first).
  void BeforeActions(std::function<Status()> hook) { before_action_ = std::move(hook); }

  // Runs from the start (or from a restored state) until done or suspended on a web request.
  // An error means the run failed: the caller rolls back its savepoint.
  Status Run();
  bool suspended() const { return suspended_.has_value(); }
  const std::optional<WebRequestSpec>& suspended_on() const { return suspended_; }
  bool acted() const { return acted_; }
  // The state to resume from (frames, smart-value roots, issues still to visit).
  json::object SaveState() const;
  Status RestoreState(const json::object& state);
  // Resumes after the web request it waited for.
  void SetWebResponse(const WebResponse& r);

  // For components.
  const Rule& rule() const { return rule_; }
  const Event& event() const { return event_; }
  const Principal& actor() const { return actor_; }
  storage::Connection& conn() { return conn_; }
  tickets::TicketService& tickets() { return deps_.tickets; }
  tickets::SearchService& search() { return deps_.search; }
  std::shared_ptr<const tickets::Catalog> catalog() { return deps_.catalog.Get(); }
  TimestampMs now() const { return deps_.clock.Now(); }

  // The current issue (the trigger issue, or the one a scheduled/webhook run visits), as the
  // actor sees it now; null when there is none. Shared, not copied; a new one after a change.
  Result<std::shared_ptr<const json::value>> IssueRef();
  std::optional<std::string> IssueKey() const { return issue_key_; }
  // After an action changed the current issue: the next read sees the change.
  void IssueChanged() {
    issue_.reset();
    if (cache_) {
      cache_->view.reset();
    }
  }
  Result<std::string> Render(std::string_view tmpl);
  Result<json::value> Eval(std::string_view expression);
  void SetRoot(const std::string& name, json::value v) { roots_[name] = std::move(v); }
  // Components may write an issue key only in the rule's projects.
  Status InScope(std::string_view issue_key);
  void Log(std::string line) { messages_.push_back(json::value(std::move(line))); }
  void Changed(const std::string& key, const std::string& what);
  void Mail(MailSpec m) { mails_.push_back(std::move(m)); }
  void Request(WebRequestSpec w);

  const json::array& messages() const { return messages_; }
  const json::array& items() const { return items_; }
  const std::vector<MailSpec>& mails() const { return mails_; }
  const std::vector<WebRequestSpec>& requests() const { return requests_; }

 private:
  struct Frame {
    json::array path;  // how to find the component list from the rule's root
    std::size_t next = 0;
  };
  const json::array* ListAt(const json::array& path) const;
  Result<bool> EvaluateAll(const json::array& conditions);
  Result<bool> EvaluateOne(const json::object& component);
  Status StartIssue(const std::string& key);
  SmartContext Context();
  // Roots the event and the rule imply ({{rule}}, {{actor}}, {{changes}}, {{fieldChange}},
  // {{comment}}, {{webhookData}}): built when a template first asks, not for every run.
  std::shared_ptr<const json::value> DerivedRoot(std::string_view name);

  const Engine::Deps& deps_;
  const Rule& rule_;
  const Event& event_;
  Principal actor_;
  storage::Connection& conn_;
  std::vector<Frame> frames_;
  json::object roots_;
  std::optional<std::string> issue_key_;
  std::vector<std::string> issue_queue_;  // scheduled / webhook runs: issues still to visit
  bool started_ = false;
  IssueCache* cache_ = nullptr;
  std::function<Status()> before_action_;
  std::shared_ptr<const json::value> issue_;
  std::shared_ptr<const json::value> trigger_issue_;
  std::shared_ptr<const json::value> initiator_;  // {{initiator}}, loaded on first use
  std::map<std::string, std::shared_ptr<const json::value>, std::less<>> derived_;
  json::array messages_;
  json::array items_;
  std::vector<MailSpec> mails_;
  std::vector<WebRequestSpec> requests_;
  std::optional<WebRequestSpec> suspended_;
  bool acted_ = false;
};

}  // namespace steward::automation
