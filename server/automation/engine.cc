#include "automation/automation.h"
#include "automation/cron.h"
#include "automation/execution.h"
#include "base/metrics.h"
#include "base/time_format.h"

#include <boost/json.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <bit>
#include <chrono>

namespace steward::automation {

using storage::Connection;
using storage::Row;

namespace {

constexpr std::string_view kCursor = "dispatcher";

std::string Serialize(const json::value& v) { return json::serialize(v); }

std::string JoinText(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) {
    out += (out.empty() ? "" : ", ") + p;
  }
  return out;
}

json::object ParseObject(std::string_view text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) {
    return {};
  }
  return std::move(v.get_object());
}

// The event a suspended run belongs to, saved with its state and read back to resume it.
json::object EventToJson(const Event& e) {
  return json::object{{"id", e.id},
                      {"topic", e.topic},
                      {"issueId", e.issue_id ? json::value(*e.issue_id) : nullptr},
                      {"actorId", e.actor_id ? json::value(*e.actor_id) : nullptr},
                      {"payload", e.payload},
                      {"createdAt", e.created_at},
                      {"depth", e.depth}};
}

Event EventFromJson(const json::object& o) {
  Event e;
  auto integer = [&](const char* k) -> std::optional<std::int64_t> {
    const auto* v = o.if_contains(k);
    return v && v->is_int64() ? std::optional(v->get_int64()) : std::nullopt;
  };
  e.id = integer("id").value_or(0);
  if (const auto* v = o.if_contains("topic"); v && v->is_string()) {
    e.topic = std::string(v->get_string());
  }
  e.issue_id = integer("issueId");
  e.actor_id = integer("actorId");
  if (const auto* v = o.if_contains("payload"); v && v->is_object()) {
    e.payload = v->get_object();
  }
  e.created_at = integer("createdAt").value_or(0);
  e.depth = static_cast<int>(integer("depth").value_or(0));
  return e;
}

Result<Principal> ActorPrincipal(Connection& c, std::int64_t actor_id) {
  Principal p;
  bool found = false;
  STEWARD_TRY(c.Query("SELECT id, username, display_name, kind FROM users WHERE id = ?", {actor_id},
                      [&](const Row& r) {
                        p.user_id = r.Int(0);
                        p.username = r.String(1);
                        p.display_name = r.String(2);
                        p.kind = r.String(3);
                        found = true;
                      }));
  if (!found) {
    return Error::NotFound("automation.noActor", "the rule's actor no longer exists");
  }
  // The automation actor acts as an administrator, limited by the rule's project scope.
  if (p.username == "automation") {
    p.kind = "admin";
  }
  return p;
}

}  // namespace

struct Engine::RuleSet {
  // An enabled rule listening to a topic, with its trigger type looked up once per reload.
  struct Listener {
    const Rule* rule;
    const TriggerType* trigger;
  };
  std::vector<Rule> rules;
  std::map<std::string, std::vector<Listener>, std::less<>> by_topic;

  const Rule* Find(std::int64_t id) const {
    for (const auto& r : rules) {
      if (r.id == id) {
        return &r;
      }
    }
    return nullptr;
  }
};

Engine::Engine(storage::Database& db, const Clock& clock, tickets::TicketService& tickets,
               tickets::SearchService& search, tickets::CatalogHolder& catalog,
               const Registry& registry, Options options)
    : db_(db),
      clock_(clock),
      tickets_(tickets),
      search_(search),
      catalog_(catalog),
      registry_(registry),
      options_(std::move(options)) {}

Engine::~Engine() { Stop(); }

Status Engine::Initialize() {
  STEWARD_TRY(db_.WriteTx([&](Connection& c) -> Status {
    return c.Exec(
        "INSERT INTO automation_cursors(name, event_id) SELECT ?, coalesce(max(id), 0) FROM "
        "events WHERE true ON CONFLICT (name) DO NOTHING",
        {kCursor});
  }));
  return ReloadRules();
}

Status Engine::SkipToNewest() {
  return db_.WriteTx([&](Connection& c) -> Status {
    return c.Exec(
        "UPDATE automation_cursors SET event_id = (SELECT coalesce(max(id), 0) FROM events) "
        "WHERE name = ?",
        {kCursor});
  });
}

void Engine::Start() {
  std::lock_guard lock(wake_mu_);
  if (thread_.joinable()) {
    return;
  }
  if (!commit_hooked_) {
    // A local commit may have written events: look at once rather than at the next poll.
    db_.OnCommit([this] { Wake(); });
    commit_hooked_ = true;
  }
  stopping_ = false;
  thread_ = std::thread([this] { Loop(); });
  if (options_.run_scheduler) {
    scheduler_ = std::thread([this] { SchedulerLoop(); });
  }
}

void Engine::Stop() {
  {
    std::lock_guard lock(wake_mu_);
    stopping_ = true;
    woken_ = true;
  }
  wake_cv_.notify_all();
  if (thread_.joinable()) {
    thread_.join();
  }
  if (scheduler_.joinable()) {
    scheduler_.join();
  }
}

void Engine::Wake() {
  {
    std::lock_guard lock(wake_mu_);
    woken_ = true;
  }
  wake_cv_.notify_all();
}

void Engine::RulesChanged() {
  Status s = ReloadRules();
  if (!s.ok()) {
    spdlog::error("automation: cannot reload rules: {}", s.error().message);
  }
  Wake();
}

std::shared_ptr<const Engine::RuleSet> Engine::Rules() {
  std::lock_guard lock(rules_mu_);
  return rules_;
}

Status Engine::ReloadRules() {
  STEWARD_ASSIGN_OR_RETURN(auto rules, db_.Read([](Connection& c) { return LoadRules(c); }));
  auto set = std::make_shared<RuleSet>();
  set->rules = std::move(rules);
  for (const auto& r : set->rules) {
    if (!r.enabled) {
      continue;
    }
    const TriggerType* t = registry_.Trigger(r.Type());
    if (!t) {
      continue;
    }
    for (const auto& topic : t->topics) {
      set->by_topic[topic].push_back({&r, t});
    }
  }
  std::lock_guard lock(rules_mu_);
  rules_ = std::move(set);
  return Ok();
}

void Engine::Loop() {
  while (true) {
    {
      std::unique_lock lock(wake_mu_);
      wake_cv_.wait_for(lock, std::chrono::milliseconds(options_.idle_poll_ms),
                        [&] { return woken_ || stopping_; });
      if (stopping_) {
        return;
      }
      woken_ = false;
    }
    // Drain: keep going while there is work.
    while (true) {
      auto n = RunOnce(4);
      if (!n.ok()) {
        spdlog::error("automation: dispatcher: {} ({})", n.error().message, n.error().detail);
        break;
      }
      if (*n == 0) {
        break;
      }
      std::lock_guard lock(wake_mu_);
      if (stopping_) {
        return;
      }
    }
  }
}

void Engine::SchedulerLoop() {
  std::int64_t last_prune = 0;
  while (true) {
    {
      std::unique_lock lock(wake_mu_);
      wake_cv_.wait_for(lock, std::chrono::seconds(1), [&] { return stopping_; });
      if (stopping_) {
        return;
      }
    }
    TimestampMs now = clock_.Now();
    auto fired = FireDueSchedules(now);
    if (!fired.ok()) {
      spdlog::error("automation: scheduler: {}", fired.error().message);
    }
    if (now - last_prune > 3600 * 1000) {
      last_prune = now;
      (void)Prune(30LL * 24 * 3600 * 1000);
    }
  }
}

Result<int> Engine::RunOnce(int max_batches) {
  std::lock_guard lock(run_mu_);
  STEWARD_TRY(ProcessPending());
  int total = 0;
  for (int i = 0; i < max_batches; ++i) {
    STEWARD_ASSIGN_OR_RETURN(int n, ProcessEvents());
    total += n;
    if (n == 0) {
      break;
    }
    STEWARD_TRY(ProcessPending());
  }
  return total;
}

namespace {

// One execution inside the batch transaction: its audit row, then its own savepoint.
struct ExecResult {
  std::optional<std::int64_t> pending_resume;
};

std::optional<std::string> KeyOf(const Event& e) {
  if (const auto* k = e.payload.if_contains("key"); k && k->is_string()) {
    return std::string(k->get_string());
  }
  return std::nullopt;
}

// The audit rows of one write transaction. Rows are numbered as they are queued (the table's
// largest id, read once, then counting up: the transaction is the only writer) and inserted
// together, many per statement, before the transaction commits — an execution's audit row was
// the largest cost of a rule run when each was its own INSERT … RETURNING (ADR 0010).
class AuditBatch {
 public:
  explicit AuditBatch(Connection& c) : c_(c) { rows_.reserve(256); }
  AuditBatch(const AuditBatch&) = delete;
  AuditBatch& operator=(const AuditBatch&) = delete;

  // Queues a new row and returns its id.
  Result<std::int64_t> Add(const Rule& r, const Event& e, Outcome outcome, const json::array& items,
                           const json::array& messages, std::int64_t duration_us, TimestampMs now) {
    if (next_id_ == 0) {
      STEWARD_ASSIGN_OR_RETURN(
          auto max_id, c_.QueryInt("SELECT coalesce(max(id), 0) FROM automation_audit", {}));
      next_id_ = max_id.value_or(0) + 1;
    }
    auto text = [](const json::array& a) { return a.empty() ? std::string("[]") : Serialize(a); };
    rows_.push_back(
        Pending{next_id_, r.id, &e, outcome, text(items), text(messages), duration_us, now});
    return next_id_++;
  }

  // Inserts the queued rows: 32 per statement, the rest in halves (a few prepared statements).
  Status Flush() {
    std::size_t done = 0;
    while (done < rows_.size()) {
      std::size_t n = 32;
      while (n > rows_.size() - done) {
        n /= 2;
      }
      std::vector<storage::Param> params;
      params.reserve(n * kColumns);
      for (std::size_t i = done; i < done + n; ++i) {
        const Pending& a = rows_[i];
        const Event& e = *a.event;
        storage::Param key;  // NULL unless the event names its issue's key
        if (const auto* k = e.payload.if_contains("key"); k && k->is_string()) {
          key = storage::Param(std::string_view(k->get_string()));
        }
        params.insert(params.end(), {a.id, a.rule_id, e.id, std::string_view(e.topic), e.issue_id,
                                     key, OutcomeName(a.outcome), std::string_view(a.items),
                                     std::string_view(a.messages), a.duration_us, e.depth + 1,
                                     e.created_at, a.started_at});
      }
      STEWARD_TRY(c_.Exec(InsertSql(n), params, storage::RowCallback()));
      done += n;
    }
    rows_.clear();
    return Ok();
  }

 private:
  static constexpr int kColumns = 13;
  struct Pending {
    std::int64_t id, rule_id;
    const Event* event;  // outlives the batch (the caller's list of events)
    Outcome outcome;
    std::string items, messages;
    std::int64_t duration_us;
    std::int64_t started_at;
  };
  static const std::string& InsertSql(std::size_t n) {
    static const std::array<std::string, 6> kSql = [] {
      std::array<std::string, 6> out;
      for (std::size_t k = 0; k < out.size(); ++k) {
        std::string sql =
            "INSERT INTO automation_audit(id, rule_id, event_id, trigger, issue_id, issue_key, "
            "outcome, items, messages, duration_us, depth, event_at, started_at) VALUES ";
        for (std::size_t i = 0; i < (std::size_t{1} << k); ++i) {
          sql += i == 0 ? "(?,?,?,?,?,?,?,?,?,?,?,?,?)" : ",(?,?,?,?,?,?,?,?,?,?,?,?,?)";
        }
        out[k] = std::move(sql);
      }
      return out;
    }();
    return kSql[static_cast<std::size_t>(std::countr_zero(n))];
  }

  Connection& c_;
  std::int64_t next_id_ = 0;
  std::vector<Pending> rows_;
};

// Records an execution's outcome: a new audit row (queued in `audit`, returning its id), or the
// row of a run that resumed.
Result<std::int64_t> WriteAudit(Connection& c, AuditBatch& audit,
                                std::optional<std::int64_t> audit_id, const Rule& r, const Event& e,
                                Outcome outcome, const json::array& items,
                                const json::array& messages, std::int64_t duration_us,
                                TimestampMs now) {
  if (audit_id) {
    STEWARD_TRY(c.Exec(
        "UPDATE automation_audit SET outcome = ?, items = ?, messages = ?, duration_us = "
        "duration_us + ? WHERE id = ?",
        {OutcomeName(outcome), Serialize(items), Serialize(messages), duration_us, *audit_id}));
    return *audit_id;
  }
  return audit.Add(r, e, outcome, items, messages, duration_us, now);
}

Status NoteOnly(AuditBatch& audit, const Rule& r, const Event& e, Outcome outcome,
                const std::string& message, TimestampMs now) {
  json::array messages{json::value(message)};
  STEWARD_TRY(audit.Add(r, e, outcome, {}, messages, 0, now));
  return Ok();
}

// Runs (or resumes) an execution in `c`. The savepoint opens at its first action, so a run whose
// conditions fail costs one audit row and no savepoint. Events the run wrote are recorded with
// its chain depth; its outbound work and a suspended state go to automation_pending with it.
Status RunGuarded(Connection& c, AuditBatch& audit, Execution& x, const Rule& r, const Event& e,
                  std::optional<std::int64_t> audit_id, const Clock& clock, std::int64_t start_ns,
                  bool resumed_some, IssueCache* cache) {
  bool opened = false;
  std::int64_t before = 0;
  x.BeforeActions([&]() -> Status {
    if (opened) {
      return Ok();
    }
    STEWARD_ASSIGN_OR_RETURN(auto max_id,
                             c.QueryInt("SELECT coalesce(max(id), 0) FROM events", {}));
    before = max_id.value_or(0);
    STEWARD_TRY(c.Exec("SAVEPOINT automation_run"));
    opened = true;
    return Ok();
  });
  Status s = x.Run();
  if (opened && cache) {
    cache->view.reset();  // whatever it did, the next rule reads afresh
  }
  TimestampMs now = clock.Now();
  auto duration = [&] { return (clock.MonotonicNs() - start_ns) / 1000; };
  auto fail = [&](const Status& why) -> Status {
    if (opened) {
      STEWARD_TRY(c.Exec("ROLLBACK TO automation_run"));
      STEWARD_TRY(c.Exec("RELEASE automation_run"));
    }
    json::array messages = x.messages();
    messages.push_back(json::value("Error: " + why.error().message));
    // "Notify on error": the owner hears once when the rule starts failing after a success.
    std::optional<std::string> previous;
    if (r.notify_on_error && r.owner_id && !audit_id) {
      STEWARD_TRY(audit.Flush());
      STEWARD_ASSIGN_OR_RETURN(previous,
                               c.QueryString("SELECT outcome FROM automation_audit WHERE rule_id = "
                                             "? ORDER BY id DESC LIMIT 1",
                                             {r.id}));
    }
    // Work of an earlier, committed part of a resumed run stands: some errors, not failed.
    STEWARD_ASSIGN_OR_RETURN(
        auto written,
        WriteAudit(c, audit, audit_id, r, e, resumed_some ? Outcome::kSomeErrors : Outcome::kFailed,
                   resumed_some ? x.items() : json::array{}, messages, duration(), now));
    if (r.notify_on_error && r.owner_id && !audit_id && previous.value_or("") != "FAILED") {
      STEWARD_ASSIGN_OR_RETURN(
          auto email, c.QueryString("SELECT email FROM users WHERE id = ?", {*r.owner_id}));
      if (email && !email->empty()) {
        MailSpec m;
        m.to = {*email};
        m.subject = "Automation rule \"" + r.name + "\" is failing";
        m.body = "The rule \"" + r.name + "\" failed" +
                 (KeyOf(e) ? " on " + *KeyOf(e) : std::string()) + ":\n\n" + why.error().message +
                 "\n\nIts audit log: /automation/rules/" + std::to_string(r.id) +
                 "/audit\nYou hear of this once, until the rule succeeds again.\n";
        STEWARD_TRY(c.Exec(
            "INSERT INTO automation_pending(kind, rule_id, audit_id, state, created_at) VALUES "
            "('email',?,?,?,?)",
            {r.id, written, Serialize(m.ToJson()), now}));
      }
    }
    return Ok();
  };
  if (!s.ok()) {
    return fail(s);
  }
  if (!opened) {
    STEWARD_TRY(WriteAudit(c, audit, audit_id, r, e,
                           x.acted() ? Outcome::kSuccess : Outcome::kNoActions, x.items(),
                           x.messages(), duration(), now));
    return Ok();
  }
  Outcome o = x.suspended() ? Outcome::kWaiting
              : x.acted()   ? Outcome::kSuccess
                            : Outcome::kNoActions;
  Status w = c.Exec(
      "INSERT INTO automation_causes(event_id, rule_id, depth) SELECT id, ?, ? FROM events "
      "WHERE id > ?",
      {r.id, e.depth + 1, before});
  std::int64_t id = 0;
  if (w.ok()) {
    auto written =
        WriteAudit(c, audit, audit_id, r, e, o, x.items(), x.messages(), duration(), now);
    if (written.ok()) {
      id = *written;
    } else {
      w = std::move(written).error();
    }
  }
  for (const auto& m : x.mails()) {
    if (w.ok()) {
      w = c.Exec(
          "INSERT INTO automation_pending(kind, rule_id, audit_id, state, created_at) VALUES "
          "('email',?,?,?,?)",
          {r.id, id, Serialize(m.ToJson()), now});
    }
  }
  for (const auto& req : x.requests()) {
    if (w.ok()) {
      w = c.Exec(
          "INSERT INTO automation_pending(kind, rule_id, audit_id, state, created_at) VALUES "
          "('request',?,?,?,?)",
          {r.id, id, Serialize(req.ToJson()), now});
    }
  }
  if (w.ok() && x.suspended()) {
    json::object state = x.SaveState();
    state["event"] = EventToJson(e);
    state["version"] = r.version;
    w = c.Exec(
        "INSERT INTO automation_pending(kind, rule_id, audit_id, state, created_at) VALUES "
        "('resume',?,?,?,?)",
        {r.id, id, Serialize(state), now});
  }
  if (!w.ok()) {
    return fail(w);
  }
  return c.Exec("RELEASE automation_run");
}

}  // namespace

Result<int> Engine::ProcessEvents() {
  auto set = Rules();
  std::vector<Event> events;
  STEWARD_TRY(db_.ReadTx([&](Connection& c) -> Status {
    return c.Query(
        "SELECT e.id, e.topic, e.issue_id, e.actor_id, e.payload, e.created_at, a.rule_id, "
        "a.depth FROM events e LEFT JOIN automation_causes a ON a.event_id = e.id WHERE e.id > "
        "(SELECT event_id FROM automation_cursors WHERE name = ?) ORDER BY e.id LIMIT ?",
        {kCursor, options_.batch_events}, [&](const Row& r) {
          Event e;
          e.id = r.Int(0);
          e.topic = r.String(1);
          e.issue_id = r.OptInt(2);
          e.actor_id = r.OptInt(3);
          e.payload = ParseObject(r.Text(4));
          e.created_at = r.Int(5);
          e.cause_rule = r.OptInt(6);
          e.depth = r.IsNull(7) ? 0 : static_cast<int>(r.Int(7));
          events.push_back(std::move(e));
        });
  }));
  if (events.empty()) {
    return 0;
  }
  Deps deps{db_, clock_, tickets_, search_, catalog_, registry_, options_.mail.public_url};
  int consumed = 0;
  std::map<std::int64_t, Principal> actors;
  STEWARD_TRY(db_.WriteTx([&](Connection& c) -> Status {
    consumed = 0;
    std::int64_t last = 0;
    AuditBatch audit(c);
    for (const Event& e : events) {
      auto it = set->by_topic.find(e.topic);
      bool suspended = false;
      std::optional<std::int64_t> project_id;
      bool project_read = false;
      IssueCache cache;
      if (it != set->by_topic.end()) {
        for (const auto& [r, t] : it->second) {
          if (t->rule_addressed) {
            const auto* id = e.payload.if_contains("rule");
            if (!id || !id->is_int64() || id->get_int64() != r->id) {
              continue;
            }
          } else {
            if (e.cause_rule && !r->allow_rule_trigger) {
              continue;  // another rule's doing; this rule does not listen to rules
            }
          }
          if (t->matches && !t->matches(r->trigger, e)) {
            continue;
          }
          if (!r->project_ids.empty() && e.issue_id) {
            if (!project_read) {
              STEWARD_ASSIGN_OR_RETURN(
                  project_id,
                  c.QueryInt("SELECT project_id FROM issues WHERE id = ?", {*e.issue_id}));
              project_read = true;
            }
            if (!project_id || std::find(r->project_ids.begin(), r->project_ids.end(),
                                         *project_id) == r->project_ids.end()) {
              continue;
            }
          }
          TimestampMs now = clock_.Now();
          if (e.depth >= kMaxChainDepth) {
            STEWARD_TRY(NoteOnly(
                audit, *r, e, Outcome::kLoop,
                "Stopped: this rule was triggered by a chain of " + std::to_string(e.depth) +
                    " automation executions (the limit is " + std::to_string(kMaxChainDepth) + ")",
                now));
            continue;
          }
          if (r->rate_limit_per_minute > 0) {
            auto& [minute, count] = rate_[r->id];
            if (minute != now / 60000) {
              minute = now / 60000;
              count = 0;
            }
            if (++count > r->rate_limit_per_minute) {
              if (count == r->rate_limit_per_minute + 1) {
                STEWARD_TRY(NoteOnly(
                    audit, *r, e, Outcome::kThrottled,
                    "Throttled: more than " + std::to_string(r->rate_limit_per_minute) +
                        " executions in a minute; further triggers this minute are skipped",
                    now));
              }
              continue;
            }
          }
          auto actor = actors.find(r->actor_id);
          if (actor == actors.end()) {
            auto p = ActorPrincipal(c, r->actor_id);
            if (!p.ok()) {
              STEWARD_TRY(NoteOnly(audit, *r, e, Outcome::kFailed, p.error().message, now));
              continue;
            }
            actor = actors.emplace(r->actor_id, *p).first;
          }
          std::int64_t start_ns = clock_.MonotonicNs();
          Execution x(deps, *r, e, actor->second, c, &cache);
          STEWARD_TRY(
              RunGuarded(c, audit, x, *r, e, std::nullopt, clock_, start_ns, false, &cache));
          executions_.fetch_add(1, std::memory_order_relaxed);
          suspended = suspended || x.suspended();
        }
      }
      last = e.id;
      ++consumed;
      if (suspended) {
        break;  // later events wait until the web response is in (order per issue)
      }
    }
    STEWARD_TRY(audit.Flush());
    return c.Exec("UPDATE automation_cursors SET event_id = ? WHERE name = ?", {last, kCursor});
  }));
  TimestampMs committed = clock_.Now();
  static Histogram& lag = MetricsRegistry::Global().GetHistogram(
      "steward_automation_lag_seconds",
      "Time from a change's commit to the commit of the rules it triggered", "");
  for (int i = 0; i < consumed; ++i) {
    std::int64_t ms = committed - events[i].created_at;
    lag.Observe(static_cast<double>(ms) / 1000.0);
    if (lag_observer_) {
      lag_observer_(ms);
    }
  }
  return consumed;
}

Status Engine::ProcessPending() {
  struct Pending {
    std::int64_t id;
    std::string kind;
    std::int64_t rule_id;
    std::optional<std::int64_t> audit_id;
    json::object state;
  };
  std::vector<Pending> work;
  STEWARD_TRY(db_.ReadTx([&](Connection& c) -> Status {
    return c.Query(
        "SELECT id, kind, rule_id, audit_id, state FROM automation_pending ORDER BY id LIMIT 64",
        {}, [&](const Row& r) {
          work.push_back({r.Int(0), r.String(1), r.Int(2), r.OptInt(3), ParseObject(r.Text(4))});
        });
  }));
  Deps deps{db_, clock_, tickets_, search_, catalog_, registry_, options_.mail.public_url};
  auto note_error = [&](Connection& c, const Pending& p, const std::string& message) -> Status {
    if (!p.audit_id) {
      return Ok();
    }
    std::optional<std::string> messages_text;
    STEWARD_ASSIGN_OR_RETURN(
        messages_text,
        c.QueryString("SELECT messages FROM automation_audit WHERE id = ?", {*p.audit_id}));
    if (!messages_text) {
      return Ok();
    }
    boost::system::error_code ec;
    json::value m = json::parse(*messages_text, ec);
    json::array messages = !ec && m.is_array() ? m.get_array() : json::array{};
    messages.push_back(json::value(message));
    return c.Exec(
        "UPDATE automation_audit SET outcome = CASE WHEN outcome = 'FAILED' THEN outcome ELSE "
        "'SOME_ERRORS' END, messages = ? WHERE id = ?",
        {Serialize(messages), *p.audit_id});
  };
  for (const Pending& p : work) {
    if (p.kind == "email") {
      MailSpec m = MailSpec::FromJson(p.state);
      Status sent = options_.mail.smtp_url.empty()
                        ? Status(Error::FailedPrecondition(
                              "automation.mailNotConfigured",
                              "e-mail is not configured (steward serve --smtp-url)"))
                        : SendMail(options_.mail, m);
      STEWARD_TRY(db_.WriteTx([&](Connection& c) -> Status {
        STEWARD_TRY(c.Exec("DELETE FROM automation_pending WHERE id = ?", {p.id}));
        if (!sent.ok()) {
          return note_error(c, p, "Send email to " + JoinText(m.to) + ": " + sent.error().message);
        }
        return Ok();
      }));
      continue;
    }
    if (p.kind == "request") {
      WebRequestSpec w = WebRequestSpec::FromJson(p.state);
      WebResponse resp = SendWebRequest(w);
      STEWARD_TRY(db_.WriteTx([&](Connection& c) -> Status {
        STEWARD_TRY(c.Exec("DELETE FROM automation_pending WHERE id = ?", {p.id}));
        if (!resp.sent || resp.status >= 400) {
          return note_error(c, p,
                            "Send web request " + w.method + " " + w.url + ": " +
                                (resp.sent ? "HTTP " + std::to_string(resp.status) : resp.error));
        }
        return Ok();
      }));
      continue;
    }
    // Resume a run that waited for a web response.
    auto set = Rules();
    const Rule* rule = set->Find(p.rule_id);
    Event e;
    if (const auto* v = p.state.if_contains("event"); v && v->is_object()) {
      e = EventFromJson(v->get_object());
    }
    std::int64_t version = 0;
    if (const auto* v = p.state.if_contains("version"); v && v->is_int64())
      version = v->get_int64();
    WebRequestSpec w;
    if (const auto* v = p.state.if_contains("request"); v && v->is_object()) {
      w = WebRequestSpec::FromJson(v->get_object());
    }
    bool usable = rule && rule->version == version && rule->enabled;
    WebResponse resp;
    if (usable) {
      resp = SendWebRequest(w);
    }
    std::int64_t start_ns = clock_.MonotonicNs();
    STEWARD_TRY(db_.WriteTx([&](Connection& c) -> Status {
      STEWARD_TRY(c.Exec("DELETE FROM automation_pending WHERE id = ?", {p.id}));
      if (!usable) {
        return note_error(c, p,
                          "The rule changed or was disabled while waiting for " + w.url +
                              "; the rest of the run was dropped");
      }
      STEWARD_ASSIGN_OR_RETURN(Principal actor, ActorPrincipal(c, rule->actor_id));
      Execution x(deps, *rule, e, actor, c);
      STEWARD_TRY(x.RestoreState(p.state));
      x.SetWebResponse(resp);
      bool failed = !resp.sent || resp.status >= 400;
      if (failed && !w.continue_on_error) {
        return note_error(c, p,
                          "Send web request " + w.method + " " + w.url + ": " +
                              (resp.sent ? "HTTP " + std::to_string(resp.status) : resp.error) +
                              "; the rest of the rule did not run");
      }
      x.Log("Web request " + w.method + " " + w.url + " answered " +
            (resp.sent ? "HTTP " + std::to_string(resp.status) : resp.error));
      AuditBatch audit(c);
      STEWARD_TRY(RunGuarded(c, audit, x, *rule, e, p.audit_id, clock_, start_ns, true, nullptr));
      return audit.Flush();
    }));
  }
  return Ok();
}

Result<int> Engine::FireDueSchedules(TimestampMs now) {
  auto set = Rules();
  int fired = 0;
  STEWARD_TRY(db_.WriteTx([&](Connection& c) -> Status {
    fired = 0;
    std::vector<std::pair<std::int64_t, std::int64_t>> due;
    STEWARD_TRY(c.Query(
        "SELECT rule_id, next_at FROM automation_schedules WHERE next_at <= ? ORDER BY next_at",
        {now}, [&](const Row& r) { due.emplace_back(r.Int(0), r.Int(1)); }));
    for (const auto& [rule_id, at] : due) {
      const Rule* rule = set->Find(rule_id);
      if (!rule || !rule->enabled || rule->Type() != "scheduled") {
        STEWARD_TRY(c.Exec("DELETE FROM automation_schedules WHERE rule_id = ?", {rule_id}));
        continue;
      }
      std::string cron, zone = "UTC";
      if (const auto* v = rule->trigger.if_contains("cron"); v && v->is_string()) {
        cron = std::string(v->get_string());
      }
      if (const auto* v = rule->trigger.if_contains("timeZone"); v && v->is_string()) {
        zone = std::string(v->get_string());
      }
      auto schedule = CronSchedule::Parse(cron, zone);
      std::optional<TimestampMs> next;
      if (schedule.ok()) {
        // A schedule missed while the server was down fires once, then moves on from now.
        next = schedule->NextAfter(std::max(at, now));
      }
      STEWARD_TRY(c.Exec(
          "INSERT INTO events(topic, issue_id, actor_id, payload, created_at) VALUES (?,?,?,?,?)",
          {"automation.scheduled", std::nullopt, std::nullopt,
           Serialize(json::object{{"rule", rule_id}, {"due", FormatIsoUtc(at)}}), now}));
      if (next) {
        STEWARD_TRY(c.Exec("UPDATE automation_schedules SET next_at = ? WHERE rule_id = ?",
                           {*next, rule_id}));
      } else {
        STEWARD_TRY(c.Exec("DELETE FROM automation_schedules WHERE rule_id = ?", {rule_id}));
      }
      ++fired;
    }
    return Ok();
  }));
  if (fired > 0) {
    Wake();
  }
  return fired;
}

Status Engine::Prune(std::int64_t keep_ms) {
  TimestampMs cutoff = clock_.Now() - keep_ms;
  return db_.WriteTx([&](Connection& c) -> Status {
    // Audit ids grow with time: find the first entry to keep by bisecting ids (no index on the
    // time, which every execution would pay for).
    STEWARD_ASSIGN_OR_RETURN(auto hi_v, c.QueryInt("SELECT max(id) FROM automation_audit", {}));
    std::int64_t lo = 0;
    std::int64_t hi = hi_v.value_or(0) + 1;  // ids >= hi are kept
    while (lo < hi) {
      std::int64_t mid = lo + (hi - lo) / 2;
      std::optional<std::int64_t> at;
      STEWARD_TRY(
          c.Query("SELECT started_at FROM automation_audit WHERE id >= ? ORDER BY id "
                  "LIMIT 1",
                  {mid}, [&](const Row& r) { at = r.Int(0); }));
      if (!at || *at >= cutoff) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    STEWARD_TRY(c.Exec("DELETE FROM automation_audit WHERE id < ?", {lo}));
    return c.Exec(
        "DELETE FROM automation_causes WHERE event_id <= (SELECT event_id FROM automation_cursors "
        "WHERE name = ?)",
        {kCursor});
  });
}

}  // namespace steward::automation
