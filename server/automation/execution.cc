#include "automation/execution.h"

#include "base/text.h"
#include "base/time_format.h"

#include <boost/json.hpp>

#include <algorithm>

namespace steward::automation {

using storage::Connection;
using storage::Row;

std::string_view OutcomeName(Outcome o) {
  switch (o) {
    case Outcome::kSuccess:
      return "SUCCESS";
    case Outcome::kNoActions:
      return "NO_ACTIONS";
    case Outcome::kSomeErrors:
      return "SOME_ERRORS";
    case Outcome::kFailed:
      return "FAILED";
    case Outcome::kLoop:
      return "LOOP";
    case Outcome::kThrottled:
      return "THROTTLED";
    case Outcome::kWaiting:
      return "IN_PROGRESS";
  }
  return "FAILED";
}

json::object WebRequestSpec::ToJson() const {
  json::array h;
  for (const auto& [k, v] : headers) {
    h.push_back(json::array{json::value(k), json::value(v)});
  }
  return json::object{{"url", url},
                      {"method", method},
                      {"headers", std::move(h)},
                      {"body", body},
                      {"timeoutMs", timeout_ms},
                      {"wait", wait},
                      {"continueOnError", continue_on_error}};
}

WebRequestSpec WebRequestSpec::FromJson(const json::object& o) {
  WebRequestSpec w;
  if (const auto* v = o.if_contains("url"); v && v->is_string()) {
    w.url = std::string(v->get_string());
  }
  if (const auto* v = o.if_contains("method"); v && v->is_string()) {
    w.method = std::string(v->get_string());
  }
  if (const auto* v = o.if_contains("headers"); v && v->is_array()) {
    for (const auto& h : v->get_array()) {
      if (h.is_array() && h.get_array().size() == 2 && h.get_array()[0].is_string() &&
          h.get_array()[1].is_string()) {
        w.headers.emplace_back(std::string(h.get_array()[0].get_string()),
                               std::string(h.get_array()[1].get_string()));
      }
    }
  }
  if (const auto* v = o.if_contains("body"); v && v->is_string()) {
    w.body = std::string(v->get_string());
  }
  if (const auto* v = o.if_contains("timeoutMs"); v && v->is_int64()) {
    w.timeout_ms = static_cast<int>(v->get_int64());
  }
  if (const auto* v = o.if_contains("wait"); v && v->is_bool()) {
    w.wait = v->get_bool();
  }
  if (const auto* v = o.if_contains("continueOnError"); v && v->is_bool()) {
    w.continue_on_error = v->get_bool();
  }
  return w;
}

json::object MailSpec::ToJson() const {
  json::array t;
  for (const auto& a : to) {
    t.push_back(json::value(a));
  }
  return json::object{{"to", std::move(t)}, {"subject", subject}, {"body", body}};
}

MailSpec MailSpec::FromJson(const json::object& o) {
  MailSpec m;
  if (const auto* v = o.if_contains("to"); v && v->is_array()) {
    for (const auto& a : v->get_array()) {
      if (a.is_string()) {
        m.to.emplace_back(a.get_string());
      }
    }
  }
  if (const auto* v = o.if_contains("subject"); v && v->is_string()) {
    m.subject = std::string(v->get_string());
  }
  if (const auto* v = o.if_contains("body"); v && v->is_string()) {
    m.body = std::string(v->get_string());
  }
  return m;
}

json::object WebResponse::ToJson() const {
  json::object headers_json;
  for (const auto& [k, v] : headers) {
    headers_json[k] = v;
  }
  json::value parsed = json::value(body);
  boost::system::error_code ec;
  if (!body.empty()) {
    json::value v = json::parse(body, ec);
    if (!ec) {
      parsed = std::move(v);
    }
  }
  return json::object{{"status", status}, {"body", std::move(parsed)}, {"headers", headers_json}};
}

Execution::Execution(const Engine::Deps& deps, const Rule& rule, const Event& event,
                     Principal actor, Connection& c, IssueCache* cache)
    : deps_(deps), rule_(rule), event_(event), actor_(std::move(actor)), conn_(c), cache_(cache) {}

// Borrows a value that outlives the execution (the event's payload, the run's roots): a
// pointer without owner.
static std::shared_ptr<const json::value> Borrow(const json::value* v) {
  return v ? std::shared_ptr<const json::value>(std::shared_ptr<const json::value>(), v) : nullptr;
}

SmartContext Execution::Context() {
  SmartContext ctx;
  ctx.now = deps_.clock.Now();
  ctx.resolve = [this](std::string_view name) -> std::shared_ptr<const json::value> {
    if (name == "issue") {
      auto v = IssueRef();
      return v.ok() ? *v : nullptr;
    }
    if (name == "triggerIssue") {
      if (!trigger_issue_) {
        (void)IssueRef();
      }
      return trigger_issue_;
    }
    if (const json::value* v = roots_.if_contains(name)) {
      return Borrow(v);  // roots_ outlives every render of this execution
    }
    if (auto derived = DerivedRoot(name)) {
      return derived;
    }
    if (name == "initiator" && event_.actor_id) {
      // Looked up on first use: most runs never mention it. Kept beside roots_, not in it: an
      // insertion there could move the values a render is borrowing.
      if (!initiator_) {
        (void)conn_.Query("SELECT username, display_name FROM users WHERE id = ?",
                          {*event_.actor_id}, [&](const Row& r) {
                            initiator_ = std::make_shared<const json::value>(json::object{
                                {"username", r.String(0)}, {"displayName", r.String(1)}});
                          });
      }
      return initiator_;
    }
    return nullptr;
  };
  return ctx;
}

std::shared_ptr<const json::value> Execution::DerivedRoot(std::string_view name) {
  auto known = derived_.find(name);
  if (known != derived_.end()) {
    return known->second;
  }
  const json::object& p = event_.payload;
  std::shared_ptr<const json::value> out;
  if (name == "rule") {
    out = std::make_shared<const json::value>(json::object{{"id", rule_.id}, {"name", rule_.name}});
  } else if (name == "actor") {
    out = std::make_shared<const json::value>(
        json::object{{"username", actor_.username}, {"displayName", actor_.display_name}});
  } else if (name == "changes") {
    const json::value* ch = p.if_contains("changes");
    out = ch && ch->is_array() ? Borrow(ch) : nullptr;
  } else if (name == "deployment" && event_.topic == "deployment.received") {
    out = std::make_shared<const json::value>(p);
  } else if (name == "approval" && event_.topic == "approval.requested") {
    out = std::make_shared<const json::value>(p);
  } else if (name == "baseUrl") {
    std::string base = deps_.public_url;
    while (!base.empty() && base.back() == '/') {
      base.pop_back();
    }
    out = std::make_shared<const json::value>(json::string(base));
  } else if (name == "webhookData") {
    out = Borrow(p.if_contains("data"));
  } else if (name == "fieldChange") {
    // The first change the trigger asked about (or the first change).
    const json::value* ch = p.if_contains("changes");
    if (ch && ch->is_array() && !ch->get_array().empty()) {
      const json::array& changes = ch->get_array();
      const json::value* first = &changes[0];
      const json::value* fields = rule_.trigger.if_contains("fields");
      auto asked = [&](const json::value& change) {
        const json::value* field =
            change.is_object() ? change.get_object().if_contains("field") : nullptr;
        if (!field || !field->is_string() || !fields || !fields->is_array()) {
          return false;
        }
        return std::any_of(
            fields->get_array().begin(), fields->get_array().end(), [&](const json::value& f) {
              return f.is_string() && EqualsIgnoreCase(field->get_string(), f.get_string());
            });
      };
      if (auto hit = std::find_if(changes.begin(), changes.end(), asked); hit != changes.end()) {
        first = &*hit;
      }
      if (first->is_object()) {
        const auto& c = first->get_object();
        out = std::make_shared<const json::value>(json::object{{"field", c.at("field")},
                                                               {"fromString", c.at("from")},
                                                               {"toString", c.at("to")},
                                                               {"from", c.at("from")},
                                                               {"to", c.at("to")}});
      }
    }
  } else if (name == "comment" && event_.topic == "comment.created") {
    if (const auto* id = p.if_contains("commentId"); id && id->is_int64()) {
      (void)conn_.Query(
          "SELECT c.id, c.body, c.internal, u.username, u.display_name, c.created_at FROM "
          "comments c JOIN users u ON u.id = c.author_id WHERE c.id = ?",
          {id->get_int64()}, [&](const Row& r) {
            out = std::make_shared<const json::value>(json::object{
                {"id", r.Int(0)},
                {"body", r.String(1)},
                {"internal", r.Int(2) != 0},
                {"author", json::object{{"username", r.String(3)}, {"displayName", r.String(4)}}},
                {"created", FormatIsoUtc(r.Int(5))}});
          });
    }
  } else {
    return nullptr;
  }
  derived_.emplace(std::string(name), out);
  return out;
}

Result<std::shared_ptr<const json::value>> Execution::IssueRef() {
  if (!issue_key_) {
    static const auto kNull = std::make_shared<const json::value>(nullptr);
    return kNull;
  }
  if (!issue_) {
    if (cache_ && cache_->view && cache_->key == *issue_key_ && cache_->actor == actor_.user_id) {
      issue_ = cache_->view;
    } else {
      STEWARD_ASSIGN_OR_RETURN(auto view, deps_.tickets.IssueIn(conn_, actor_, *issue_key_));
      issue_ = std::make_shared<const json::value>(std::move(view));
      if (cache_) {
        cache_->key = *issue_key_;
        cache_->actor = actor_.user_id;
        cache_->view = issue_;
      }
    }
    if (!trigger_issue_) {
      trigger_issue_ = issue_;
    }
  }
  return issue_;
}

Result<std::string> Execution::Render(std::string_view tmpl) {
  if (tmpl.find("{{") == std::string_view::npos) {
    return std::string(tmpl);
  }
  auto out = automation::Render(tmpl, Context());
  if (!out.ok()) {
    Error e = std::move(out).error();
    e.message = "smart value: " + e.message;
    return e;
  }
  return out;
}

Result<json::value> Execution::Eval(std::string_view expression) {
  return automation::Evaluate(expression, Context());
}

Status Execution::InScope(std::string_view issue_key) {
  if (rule_.projects.empty()) {
    return Ok();
  }
  auto dash = issue_key.rfind('-');
  std::string project(issue_key.substr(0, dash == std::string_view::npos ? 0 : dash));
  for (const auto& p : rule_.projects) {
    if (EqualsIgnoreCase(p, project)) {
      return Ok();
    }
  }
  return Error::PermissionDenied("automation.outOfScope",
                                 std::string(issue_key) + " is outside the rule's projects");
}

void Execution::Changed(const std::string& key, const std::string& what) {
  items_.push_back(json::object{{"key", key}, {"change", what}});
  if (issue_key_ && key == *issue_key_) {
    IssueChanged();
  }
}

void Execution::Request(WebRequestSpec w) {
  if (w.wait) {
    suspended_ = std::move(w);
  } else {
    requests_.push_back(std::move(w));
  }
}

void Execution::SetWebResponse(const WebResponse& r) {
  roots_["webResponse"] = r.ToJson();
  suspended_.reset();
}

const json::array* Execution::ListAt(const json::array& path) const {
  const json::array* list = &rule_.components;
  for (std::size_t i = 0; i + 1 < path.size(); i += 2) {
    std::int64_t index = path[i].to_number<std::int64_t>();
    std::int64_t branch = path[i + 1].to_number<std::int64_t>();
    if (index < 0 || static_cast<std::size_t>(index) >= list->size() ||
        !(*list)[index].is_object()) {
      return nullptr;
    }
    const json::object& block = (*list)[index].get_object();
    if (branch < 0) {
      const json::value* e = block.if_contains("else");
      if (!e || !e->is_array()) {
        return nullptr;
      }
      list = &e->get_array();
    } else {
      const json::value* b = block.if_contains("branches");
      if (!b || !b->is_array() || static_cast<std::size_t>(branch) >= b->get_array().size()) {
        return nullptr;
      }
      const json::value* comps = b->get_array()[branch].get_object().if_contains("components");
      if (!comps || !comps->is_array()) {
        return nullptr;
      }
      list = &comps->get_array();
    }
  }
  return list;
}

Result<bool> Execution::EvaluateOne(const json::object& component) {
  std::string_view type = component.at("type").get_string();
  const ConditionType* ct = deps_.registry.Condition(type);
  if (!ct) {
    return Error::InvalidArgument("automation.unknownComponent",
                                  "unknown condition \"" + std::string(type) + "\"");
  }
  auto r = ct->evaluate(*this, component);
  if (!r.ok()) {
    Error e = std::move(r).error();
    e.message = ct->label + ": " + e.message;
    return e;
  }
  return *r;
}

Result<bool> Execution::EvaluateAll(const json::array& conditions) {
  for (const auto& c : conditions) {
    STEWARD_ASSIGN_OR_RETURN(bool yes, EvaluateOne(c.get_object()));
    if (!yes) {
      return false;
    }
  }
  return true;
}

Status Execution::StartIssue(const std::string& key) {
  issue_key_ = key;
  issue_.reset();
  trigger_issue_.reset();
  frames_.clear();
  frames_.push_back(Frame{json::array{}, 0});
  return Ok();
}

Status Execution::Run() {
  if (!started_) {
    started_ = true;
    const json::object& p = event_.payload;
    if (const auto* i = p.if_contains("issues"); i && i->is_array()) {
      for (const auto& k : i->get_array()) {
        if (k.is_string()) {
          issue_queue_.emplace_back(k.get_string());
        }
      }
    }
    if (event_.issue_id) {
      if (const auto* k = p.if_contains("key"); k && k->is_string()) {
        issue_key_ = std::string(k->get_string());
      } else {
        STEWARD_ASSIGN_OR_RETURN(
            issue_key_,
            conn_.QueryString("SELECT key FROM issues WHERE id = ?", {*event_.issue_id}));
      }
    }
    // A scheduled rule over a query visits each issue it finds (at most kMaxLookupIssues).
    if (const auto* jql = rule_.trigger.if_contains("jql");
        rule_.Type() == "scheduled" && jql && jql->is_string() && !jql->get_string().empty()) {
      STEWARD_ASSIGN_OR_RETURN(std::string q, Render(jql->get_string()));
      tickets::SearchRequest req;
      req.jql = q;
      req.fields = {"key"};
      req.limit = kMaxLookupIssues;
      STEWARD_ASSIGN_OR_RETURN(auto found, deps_.search.Search(actor_, req));
      json::array keys;
      if (const auto* issues = found.if_contains("issues"); issues && issues->is_array()) {
        for (const auto& i : issues->get_array()) {
          keys.push_back(i.get_object().at("key"));
        }
      }
      bool bulk = false;
      if (const auto* b = rule_.trigger.if_contains("bulk"); b && b->is_bool()) {
        bulk = b->get_bool();
      }
      if (keys.empty()) {
        Log("The query found no issues");
        return Ok();
      }
      if (bulk) {
        json::array issues;
        for (const auto& k : keys) {
          STEWARD_ASSIGN_OR_RETURN(auto view, deps_.tickets.IssueIn(conn_, actor_, k.get_string()));
          issues.push_back(std::move(view));
        }
        roots_["issues"] = std::move(issues);
      } else {
        for (const auto& k : keys) {
          issue_queue_.emplace_back(k.get_string());
        }
      }
    }
    if (!issue_queue_.empty()) {
      std::string first = issue_queue_.front();
      issue_queue_.erase(issue_queue_.begin());
      STEWARD_TRY(StartIssue(first));
    } else {
      frames_.push_back(Frame{json::array{}, 0});
    }
  }
  while (true) {
    if (frames_.empty()) {
      if (issue_queue_.empty()) {
        return Ok();
      }
      std::string next = issue_queue_.front();
      issue_queue_.erase(issue_queue_.begin());
      STEWARD_TRY(StartIssue(next));
      continue;
    }
    json::array path = frames_.back().path;
    const json::array* list = ListAt(path);
    if (!list || frames_.back().next >= list->size()) {
      frames_.pop_back();
      continue;
    }
    std::size_t index = frames_.back().next++;
    const json::object& comp = (*list)[index].get_object();
    std::string_view type = comp.at("type").get_string();
    if (type == "ifElse") {
      const json::array& branches = comp.at("branches").get_array();
      bool taken = false;
      for (std::size_t b = 0; b < branches.size() && !taken; ++b) {
        const json::object& br = branches[b].get_object();
        STEWARD_ASSIGN_OR_RETURN(bool yes, EvaluateAll(br.at("conditions").get_array()));
        if (yes) {
          json::array p = path;
          p.push_back(static_cast<std::int64_t>(index));
          p.push_back(static_cast<std::int64_t>(b));
          frames_.push_back(Frame{std::move(p), 0});
          taken = true;
        }
      }
      if (!taken && comp.contains("else")) {
        json::array p = path;
        p.push_back(static_cast<std::int64_t>(index));
        p.push_back(-1);
        frames_.push_back(Frame{std::move(p), 0});
      }
      continue;
    }
    if (const ConditionType* ct = deps_.registry.Condition(type)) {
      STEWARD_ASSIGN_OR_RETURN(bool yes, EvaluateOne(comp));
      if (!yes) {
        Log("Condition not met: " + ct->label + (issue_key_ ? " (" + *issue_key_ + ")" : ""));
        frames_.clear();  // the rest of this issue's run is skipped
      }
      continue;
    }
    const ActionType* at = deps_.registry.Action(type);
    if (!at) {
      return Error::InvalidArgument("automation.unknownComponent",
                                    "unknown action \"" + std::string(type) + "\"");
    }
    if (before_action_ && at->writes) {
      STEWARD_TRY(before_action_());
    }
    Status s = at->run(*this, comp);
    if (!s.ok()) {
      Error e = std::move(s).error();
      e.message = at->label + (issue_key_ ? " on " + *issue_key_ : "") + ": " + e.message;
      return e;
    }
    acted_ = true;
    if (suspended_) {
      return Ok();
    }
  }
}

json::object Execution::SaveState() const {
  json::array frames;
  for (const auto& f : frames_) {
    frames.push_back(json::object{{"path", f.path}, {"next", f.next}});
  }
  json::array queue;
  for (const auto& k : issue_queue_) {
    queue.push_back(json::value(k));
  }
  json::object out{{"frames", std::move(frames)}, {"roots", roots_}, {"queue", std::move(queue)},
                   {"messages", messages_},       {"items", items_}, {"acted", acted_}};
  if (issue_key_) {
    out["issue"] = *issue_key_;
  }
  if (suspended_) {
    out["request"] = suspended_->ToJson();
  }
  return out;
}

Status Execution::RestoreState(const json::object& state) {
  try {
    started_ = true;
    frames_.clear();
    for (const auto& f : state.at("frames").as_array()) {
      frames_.push_back(Frame{f.at("path").as_array(),
                              static_cast<std::size_t>(f.at("next").to_number<std::int64_t>())});
    }
    roots_ = state.at("roots").as_object();
    issue_queue_.clear();
    for (const auto& k : state.at("queue").as_array()) {
      issue_queue_.emplace_back(k.as_string());
    }
    messages_ = state.at("messages").as_array();
    items_ = state.at("items").as_array();
    acted_ = state.at("acted").as_bool();
    if (const auto* k = state.if_contains("issue"); k && k->is_string()) {
      issue_key_ = std::string(k->get_string());
    }
    if (const auto* r = state.if_contains("request"); r && r->is_object()) {
      suspended_ = WebRequestSpec::FromJson(r->get_object());
    }
  } catch (const std::exception& e) {
    return Error::Internal(std::string("bad automation state: ") + e.what());
  }
  return Ok();
}

}  // namespace steward::automation
