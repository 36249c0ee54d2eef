// Automation (S7): rules of a trigger, conditions (with if/else blocks) and actions, run by a
// background engine after the changes that trigger them commit.
//
// How a change reaches a rule. Every ticket change writes an `events` row in its own transaction
// (the outbox). The Engine's dispatcher tails that table from a cursor kept in the database and,
// for each event in id order, runs the rules whose trigger matches. All executions of a batch of
// events run in one write transaction, each inside its own SAVEPOINT together with its audit row
// and the cursor's move: an execution's actions apply all together or not at all, and a crash
// between a change's commit and its rules' execution loses nothing and runs nothing twice (the
// cursor did not move). Outbound effects never run inside the transaction: e-mails and web
// requests are written to `automation_pending` and sent after the commit; a web request whose
// response later actions need suspends the execution there and resumes it once answered.
//
// Loop protection: events written by an execution are recorded with the rule and the chain depth
// (`automation_causes`). Rules see them only with "allow rule trigger" on, and a chain deeper
// than 10 is stopped with a LOOP audit entry; a rule over its rate per minute is THROTTLED.
//
// Triggers, conditions and actions are registries (Registry) filled by app/ at start-up, so
// later modules (SLA, alerts, deployments, CMDB) add their own.
//
// Thread-safety: AutomationService and Engine are safe from any thread. Registry is filled
// before Start() and read-only afterwards.
#pragma once

#include "automation/smart_values.h"
#include "base/clock.h"
#include "base/result.h"
#include "http/message.h"
#include "storage/database.h"
#include "storage/migrations.h"
#include "tickets/search.h"
#include "tickets/tickets.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace steward::automation {

std::vector<storage::Migration> Migrations();

using http::Principal;

inline constexpr int kMaxChainDepth = 10;
inline constexpr std::size_t kMaxComponents = 65;  // per rule, as Jira's limit
inline constexpr int kMaxLookupIssues = 100;

// One row of the outbox, as the engine sees it.
struct Event {
  std::int64_t id = 0;
  std::string topic;  // "issue.created", "automation.manual", ...
  std::optional<std::int64_t> issue_id;
  std::optional<std::int64_t> actor_id;
  json::object payload;
  TimestampMs created_at = 0;
  std::optional<std::int64_t> cause_rule;  // the rule whose execution wrote it
  int depth = 0;                           // automation chain depth (0: a person's change)
};

// A rule as stored (components and trigger as validated JSON).
struct Rule {
  std::int64_t id = 0;
  std::string name;
  std::string description;
  bool enabled = true;
  std::vector<std::string> projects;  // project keys; empty: every project (global rule)
  std::vector<std::int64_t> project_ids;
  json::object trigger;
  json::array components;
  std::optional<std::int64_t> owner_id;
  std::int64_t actor_id = 0;
  bool allow_rule_trigger = false;
  bool notify_on_error = true;
  int rate_limit_per_minute = 10000;  // 0: unlimited
  std::int64_t version = 1;
  TimestampMs created_at = 0;
  TimestampMs updated_at = 0;
  bool has_webhook = false;
  std::string Type() const;  // the trigger's type
};

class Execution;  // one run of one rule for one event (engine.cc)

// One field of a component's configuration, for the rule editor's forms.
struct ConfigField {
  std::string name;
  std::string kind;  // text, template, jql, field, fields, status, select, bool, number, json,
                     // list, components
  std::string label;
  bool required = false;
  std::vector<std::string> options;  // select
};

struct TriggerType {
  std::string type;
  std::string label;
  std::string description;
  std::vector<std::string> topics;  // outbox topics it listens to
  bool rule_addressed = false;      // its events name the rule (manual, webhook, scheduled)
  std::vector<ConfigField> fields;
  std::function<Status(const json::object& config)> validate;
  // Topic already matched; the event's finer filter (which fields changed, which status...).
  std::function<bool(const json::object& config, const Event& e)> matches;
};

struct ConditionType {
  std::string type;
  std::string label;
  std::string description;
  std::vector<ConfigField> fields;
  std::function<Status(const json::object& config)> validate;
  std::function<Result<bool>(Execution& x, const json::object& config)> evaluate;
};

struct ActionType {
  std::string type;
  std::string label;
  std::string description;
  std::vector<ConfigField> fields;
  std::function<Status(const json::object& config)> validate;
  std::function<Status(Execution& x, const json::object& config)> run;
  // False for actions that change nothing stored and leave no outbound work (log, variables,
  // lookups): they need no savepoint.
  bool writes = true;
};

class Registry {
 public:
  void Add(TriggerType t);
  void Add(ConditionType c);
  void Add(ActionType a);
  const TriggerType* Trigger(std::string_view type) const;
  const ConditionType* Condition(std::string_view type) const;
  const ActionType* Action(std::string_view type) const;
  // The catalogue for the rule editor: {"triggers", "conditions", "actions"}.
  json::object Describe() const;

 private:
  std::map<std::string, TriggerType, std::less<>> triggers_;
  std::map<std::string, ConditionType, std::less<>> conditions_;
  std::map<std::string, ActionType, std::less<>> actions_;
};

// Outbound mail, for the "send email" action.
struct MailSettings {
  std::string smtp_url;  // "smtp://127.0.0.1:25"; empty: mail is not configured
  std::string from = "steward@localhost";
  // Where Steward's web app is reached, for links in e-mail ({{baseUrl}}):
  // "https://steward.example".
  std::string public_url;
};

// Fills the registry with the issue triggers, conditions and actions of S7.
void RegisterBuiltins(Registry& r);

class Engine;

// Rules, their audit log, and the ways to trigger one by hand or from outside.
class AutomationService {
 public:
  AutomationService(storage::Database& db, const Clock& clock, tickets::CatalogHolder& catalog,
                    tickets::TicketService& tickets, tickets::SearchService& search,
                    const Registry& registry, Engine& engine)
      : db_(db),
        clock_(clock),
        catalog_(catalog),
        tickets_(tickets),
        search_(search),
        registry_(registry),
        engine_(engine) {}

  // Creates the "automation" actor user if missing. Call once at start-up.
  Status Initialize();

  Result<json::object> ListRules(const Principal& p);
  Result<json::object> GetRule(const Principal& p, std::int64_t id);
  Result<json::object> CreateRule(const Principal& p, const json::object& body);
  Result<json::object> UpdateRule(const Principal& p, std::int64_t id, const json::object& body);
  Status DeleteRule(const Principal& p, std::int64_t id);
  Result<json::object> Audit(const Principal& p, std::int64_t id, int limit,
                             std::optional<std::int64_t> before);
  // A new secret URL for an incoming-webhook rule (shown once; only its hash is kept).
  Result<json::object> RegenerateWebhook(const Principal& p, std::int64_t id);
  // Runs a rule now: a manual rule on an issue, or a scheduled rule out of its schedule.
  Result<json::object> RunRule(const Principal& p, std::int64_t id, const json::object& body);
  // The manual rules a caller may run on an issue.
  Result<json::object> ManualRules(const Principal& p, std::string_view issue_key);
  // POST /api/v1/automation/webhooks/{token}: no session, the token is the credential.
  Result<json::object> ReceiveWebhook(std::string_view token, const json::value& body);
  // The component catalogue for the editor.
  json::object Components() const { return registry_.Describe(); }
  // Renders a smart-value template against an issue (the editor's "try it").
  Result<json::object> Preview(const Principal& p, const json::object& body);

  // Rules as code: every rule as JSON for `steward config export --rules`, and an upsert by
  // name of a list of rules. `apply` validates all rules before writing any; errors name the
  // rule's index in the list.
  Result<json::array> ExportRules();
  Result<json::object> ApplyRules(const json::array& rules, const Principal& p);

 private:
  Result<Rule> ParseRule(storage::Connection& c, const Principal& p, const json::object& body,
                         const Rule* existing);
  Status CheckManage(storage::Connection& c, const Principal& p, const Rule& r);
  // The rule if `p` may see it; 404 otherwise, as if it did not exist.
  Result<Rule> VisibleRule(storage::Connection& c, const Principal& p, std::int64_t id);
  Result<bool> CanView(storage::Connection& c, const Principal& p, const Rule& r);
  Result<json::object> RuleJson(storage::Connection& c, const Rule& r);
  Result<std::int64_t> InsertRule(storage::Connection& c, Rule& r, const std::string* webhook);
  Status UpdateStored(storage::Connection& c, const Rule& r);
  Status Schedule(storage::Connection& c, const Rule& r);
  Result<std::int64_t> Enqueue(storage::Connection& c, std::string_view topic,
                               std::optional<std::int64_t> issue_id,
                               std::optional<std::int64_t> actor, const json::object& payload);

  storage::Database& db_;
  const Clock& clock_;
  tickets::CatalogHolder& catalog_;
  tickets::TicketService& tickets_;
  tickets::SearchService& search_;
  const Registry& registry_;
  Engine& engine_;
};

// Reads rules from their table (for the service and the engine).
Result<std::vector<Rule>> LoadRules(storage::Connection& c, std::optional<std::int64_t> id = {});

// The background engine: the outbox dispatcher, pending outbound work and the scheduler.
class Engine {
 public:
  struct Options {
    int batch_events = 256;           // events per write transaction
    std::int64_t idle_poll_ms = 200;  // poll when not woken by a local commit
    bool run_scheduler = true;        // fire scheduled rules from the real-time loop
    MailSettings mail;
  };
  Engine(storage::Database& db, const Clock& clock, tickets::TicketService& tickets,
         tickets::SearchService& search, tickets::CatalogHolder& catalog, const Registry& registry,
         Options options);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Sets the cursor to the newest event if there is none (rules see what happens from now on).
  Status Initialize();
  // Moves the cursor past every event written so far (after loading history such as the demo).
  Status SkipToNewest();
  void Start();
  void Stop();
  // Re-reads the rules (after a change) and wakes the dispatcher.
  void RulesChanged();
  void Wake();
  // Called after each batch commits with each consumed event's lag (ms from the change's commit
  // to the commit of its rules' executions): for the benchmark. Set before Start().
  void SetLagObserver(std::function<void(std::int64_t lag_ms)> observer) {
    lag_observer_ = std::move(observer);
  }

  // One pass of the dispatcher: pending outbound work, then up to `max_batches` batches of
  // events. Returns how many events it consumed. For tests and the benchmark (the thread calls it
  // too).
  Result<int> RunOnce(int max_batches = 1);
  // Writes an event for every scheduled rule due at `now` and moves its schedule on.
  Result<int> FireDueSchedules(TimestampMs now);
  // Deletes audit entries older than `keep_ms` and spent loop records.
  Status Prune(std::int64_t keep_ms);

  std::int64_t executions() const { return executions_.load(); }

  // Everything an Execution needs (engine.cc).
  struct Deps;

 private:
  struct RuleSet;
  std::shared_ptr<const RuleSet> Rules();
  Status ReloadRules();
  Result<int> ProcessEvents();
  Status ProcessPending();
  void Loop();
  void SchedulerLoop();

  storage::Database& db_;
  const Clock& clock_;
  tickets::TicketService& tickets_;
  tickets::SearchService& search_;
  tickets::CatalogHolder& catalog_;
  const Registry& registry_;
  Options options_;
  std::mutex rules_mu_;
  std::shared_ptr<const RuleSet> rules_;
  std::mutex run_mu_;  // one dispatcher pass at a time
  std::mutex wake_mu_;
  std::condition_variable wake_cv_;
  bool woken_ = false;
  bool stopping_ = false;
  bool commit_hooked_ = false;
  std::thread thread_;
  std::thread scheduler_;
  std::atomic<std::int64_t> executions_{0};
  std::function<void(std::int64_t)> lag_observer_;
  std::map<std::int64_t, std::pair<std::int64_t, int>> rate_;  // rule → (minute, executions)
};

}  // namespace steward::automation
