// AutomationService: rules (validation, storage, permissions), the audit log, manual runs,
// incoming webhooks, previews and rules as code.
#include "automation/automation.h"
#include "automation/cron.h"
#include "automation/execution.h"
#include "base/text.h"
#include "base/time_format.h"
#include "http/json.h"
#include "identity/crypto.h"

#include <boost/json.hpp>

#include <algorithm>

namespace steward::automation {

using http::JsonReader;
using storage::Connection;
using storage::Row;

std::string Rule::Type() const {
  const auto* t = trigger.if_contains("type");
  return t && t->is_string() ? std::string(t->get_string()) : std::string();
}

namespace {

constexpr std::string_view kRuleColumns =
    "r.id, r.name, r.description, r.enabled, r.projects, r.trigger, r.components, r.owner_id, "
    "r.actor_id, r.allow_rule_trigger, r.notify_on_error, r.rate_limit, r.version, "
    "r.created_at, r.updated_at, r.webhook_hash IS NOT NULL";

json::value Parse(std::string_view text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  return ec ? json::value(nullptr) : v;
}

Error At(Error e, const std::string& prefix) {
  e.field = prefix + (e.field ? (e.field->empty() || e.field->front() == '[' ? "" : ".") + *e.field
                              : std::string());
  return e;
}

json::array ProjectsJson(const Rule& r) {
  json::array out;
  for (const auto& k : r.projects) {
    out.push_back(json::value(k));
  }
  return out;
}

Error Forbidden() {
  return Error::PermissionDenied(
      "automation.forbidden",
      "managing automation rules needs the administrator role in every project of the rule "
      "(global rules: a Steward administrator)");
}

}  // namespace

Result<std::vector<Rule>> LoadRules(Connection& c, std::optional<std::int64_t> id) {
  std::vector<Rule> out;
  std::string sql = "SELECT " + std::string(kRuleColumns) + " FROM automation_rules r" +
                    (id ? " WHERE r.id = ?" : "") + " ORDER BY r.id";
  std::vector<storage::Param> params;
  if (id) {
    params.emplace_back(*id);
  }
  std::vector<std::pair<std::size_t, std::string>> keys;
  STEWARD_TRY(c.Exec(sql, params, [&](const Row& r) {
    Rule rule;
    rule.id = r.Int(0);
    rule.name = r.String(1);
    rule.description = r.String(2);
    rule.enabled = r.Int(3) != 0;
    json::value projects = Parse(r.Text(4));
    if (projects.is_array()) {
      for (const auto& k : projects.get_array()) {
        if (k.is_string()) {
          rule.projects.emplace_back(k.get_string());
        }
      }
    }
    json::value trigger = Parse(r.Text(5));
    if (trigger.is_object()) {
      rule.trigger = std::move(trigger.get_object());
    }
    json::value components = Parse(r.Text(6));
    if (components.is_array()) {
      rule.components = std::move(components.get_array());
    }
    rule.owner_id = r.OptInt(7);
    rule.actor_id = r.Int(8);
    rule.allow_rule_trigger = r.Int(9) != 0;
    rule.notify_on_error = r.Int(10) != 0;
    rule.rate_limit_per_minute = static_cast<int>(r.Int(11));
    rule.version = r.Int(12);
    rule.created_at = r.Int(13);
    rule.updated_at = r.Int(14);
    rule.has_webhook = r.Int(15) != 0;
    out.push_back(std::move(rule));
  }));
  for (auto& rule : out) {
    for (const auto& k : rule.projects) {
      STEWARD_ASSIGN_OR_RETURN(auto pid, c.QueryInt("SELECT id FROM projects WHERE key = ?", {k}));
      if (pid) {
        rule.project_ids.push_back(*pid);
      }
    }
  }
  return out;
}

Status AutomationService::Initialize() {
  TimestampMs now = clock_.Now();
  return db_.WriteTx([&](Connection& c) -> Status {
    return c.Exec(
        "INSERT INTO users(username, display_name, kind, active, created_at, updated_at) "
        "VALUES ('automation', 'Automation for Steward', 'bot', 1, ?, ?) "
        "ON CONFLICT (username) DO NOTHING",
        {now, now});
  });
}

namespace {

// Walks a component list: types known, configurations valid, field names known, counted.
Status CheckComponents(const Registry& reg, const tickets::Catalog& cat, const json::value& list,
                       const std::string& path, int depth, std::size_t& count,
                       bool conditions_only) {
  if (!list.is_array()) {
    return Error::InvalidArgument("automation.badComponents",
                                  "\"" + path + "\" must be a list of components", path);
  }
  if (depth > 3) {
    return Error::InvalidArgument("automation.tooDeep", "if/else blocks nest at most 3 deep", path);
  }
  const json::array& a = list.get_array();
  for (std::size_t i = 0; i < a.size(); ++i) {
    std::string at = path + "[" + std::to_string(i) + "]";
    if (++count > kMaxComponents) {
      return Error::InvalidArgument(
          "automation.tooManyComponents",
          "a rule has at most " + std::to_string(kMaxComponents) + " components", at);
    }
    if (!a[i].is_object()) {
      return Error::InvalidArgument("automation.badComponent",
                                    "each component is an object with a \"type\"", at);
    }
    const json::object& comp = a[i].get_object();
    const json::value* type_v = comp.if_contains("type");
    if (!type_v || !type_v->is_string()) {
      return Error::InvalidArgument("automation.badComponent",
                                    "each component is an object with a \"type\"", at + ".type");
    }
    std::string type(type_v->get_string());
    if (type == "ifElse") {
      if (conditions_only) {
        return Error::InvalidArgument("automation.badComponent",
                                      "an if/else block's conditions are conditions only", at);
      }
      for (const auto& kv : comp) {
        if (kv.key() != "type" && kv.key() != "branches" && kv.key() != "else" &&
            kv.key() != "label" && kv.key() != "id") {
          return Error::InvalidArgument("automation.unknownConfig",
                                        "unknown setting \"" + std::string(kv.key()) + "\"",
                                        at + "." + std::string(kv.key()));
        }
      }
      const json::value* branches = comp.if_contains("branches");
      if (!branches || !branches->is_array() || branches->get_array().empty() ||
          branches->get_array().size() > 10) {
        return Error::InvalidArgument("automation.badComponent",
                                      "an if/else block has 1 to 10 \"branches\"",
                                      at + ".branches");
      }
      for (std::size_t b = 0; b < branches->get_array().size(); ++b) {
        std::string bat = at + ".branches[" + std::to_string(b) + "]";
        const json::value& br = branches->get_array()[b];
        if (!br.is_object() || !br.get_object().contains("conditions") ||
            !br.get_object().contains("components")) {
          return Error::InvalidArgument(
              "automation.badComponent",
              "a branch is {\"conditions\": [...], \"components\": [...]}", bat);
        }
        STEWARD_TRY(CheckComponents(reg, cat, br.get_object().at("conditions"), bat + ".conditions",
                                    depth + 1, count, true));
        STEWARD_TRY(CheckComponents(reg, cat, br.get_object().at("components"), bat + ".components",
                                    depth + 1, count, false));
      }
      if (const auto* e = comp.if_contains("else")) {
        STEWARD_TRY(CheckComponents(reg, cat, *e, at + ".else", depth + 1, count, false));
      }
      continue;
    }
    Status s = Ok();
    if (const ConditionType* ct = reg.Condition(type)) {
      s = ct->validate ? ct->validate(comp) : Ok();
    } else if (const ActionType* act = reg.Action(type)) {
      if (conditions_only) {
        return Error::InvalidArgument("automation.badComponent",
                                      "\"" + type + "\" is an action; only conditions go here",
                                      at + ".type");
      }
      s = act->validate ? act->validate(comp) : Ok();
    } else {
      return Error::InvalidArgument("automation.unknownComponent",
                                    "no condition or action \"" + type + "\"", at + ".type");
    }
    if (s.ok()) {
      s = CheckFieldNames(cat, comp);
    }
    if (!s.ok()) {
      return At(std::move(s).error(), at);
    }
  }
  return Ok();
}

}  // namespace

Result<Rule> AutomationService::ParseRule(Connection& c, const Principal& p,
                                          const json::object& body, const Rule* existing) {
  JsonReader in(body);
  STEWARD_TRY(
      in.AllowOnly({"name", "description", "enabled", "projects", "trigger", "components", "actor",
                    "owner", "allowRuleTrigger", "notifyOnError", "rateLimitPerMinute", "id",
                    "webhookUrl", "lastRun", "created", "updated", "version", "hasWebhook"}));
  Rule r = existing ? *existing : Rule{};
  if (!existing || in.Has("name")) {
    STEWARD_ASSIGN_OR_RETURN(auto name, in.RequiredString("name", 255));
    if (Trim(name).empty()) {
      return Error::InvalidArgument("automation.nameRequired", "a rule needs a name", "name");
    }
    r.name = std::string(Trim(name));
  }
  STEWARD_ASSIGN_OR_RETURN(auto description, in.OptionalString("description", 4000));
  if (description) {
    r.description = *description;
  }
  STEWARD_ASSIGN_OR_RETURN(auto enabled, in.OptionalBool("enabled"));
  if (enabled) {
    r.enabled = *enabled;
  }
  STEWARD_ASSIGN_OR_RETURN(auto allow, in.OptionalBool("allowRuleTrigger"));
  if (allow) {
    r.allow_rule_trigger = *allow;
  }
  STEWARD_ASSIGN_OR_RETURN(auto notify, in.OptionalBool("notifyOnError"));
  if (notify) {
    r.notify_on_error = *notify;
  }
  STEWARD_ASSIGN_OR_RETURN(auto rate, in.OptionalInt("rateLimitPerMinute"));
  if (rate) {
    if (*rate < 0 || *rate > 1000000) {
      return Error::InvalidArgument("automation.badRate",
                                    "rateLimitPerMinute is from 0 (unlimited) to 1000000",
                                    "rateLimitPerMinute");
    }
    r.rate_limit_per_minute = static_cast<int>(*rate);
  }
  STEWARD_ASSIGN_OR_RETURN(auto projects, in.OptionalStringArray("projects", 100, 10));
  if (projects) {
    r.projects.clear();
    r.project_ids.clear();
    for (const auto& k : *projects) {
      std::string upper = AsciiUpper(k);
      STEWARD_ASSIGN_OR_RETURN(auto pid,
                               c.QueryInt("SELECT id FROM projects WHERE key = ?", {upper}));
      if (!pid) {
        return Error::InvalidArgument("automation.unknownProject", "no project \"" + k + "\"",
                                      "projects");
      }
      if (std::find(r.project_ids.begin(), r.project_ids.end(), *pid) == r.project_ids.end()) {
        r.projects.push_back(upper);
        r.project_ids.push_back(*pid);
      }
    }
  }
  if (!existing || in.Has("trigger")) {
    const json::value* t = in.Get("trigger");
    if (!t || !t->is_object()) {
      return Error::InvalidArgument("automation.triggerRequired",
                                    "a rule needs a \"trigger\" object with a \"type\"", "trigger");
    }
    const json::value* type = t->get_object().if_contains("type");
    const TriggerType* tt =
        type && type->is_string() ? registry_.Trigger(type->get_string()) : nullptr;
    if (!tt) {
      std::string names;
      const json::object catalogue = registry_.Describe();
      for (const auto& d : catalogue.at("triggers").get_array()) {
        names += (names.empty() ? "" : ", ") + std::string(d.at("type").get_string());
      }
      return Error::InvalidArgument("automation.unknownTrigger",
                                    "the trigger \"type\" is one of " + names, "trigger.type");
    }
    if (tt->validate) {
      Status s = tt->validate(t->get_object());
      if (!s.ok()) {
        return At(std::move(s).error(), "trigger");
      }
    }
    if (tt->type == "scheduled") {
      const auto* cron = t->get_object().if_contains("cron");
      const auto* zone = t->get_object().if_contains("timeZone");
      if (!cron || !cron->is_string()) {
        return Error::InvalidArgument("automation.badCron", "a scheduled rule needs \"cron\"",
                                      "trigger.cron");
      }
      if (zone && !zone->is_string()) {
        return Error::InvalidArgument("automation.badTimeZone", "\"timeZone\" is an IANA name",
                                      "trigger.timeZone");
      }
      auto parsed = CronSchedule::Parse(cron->get_string(),
                                        zone ? std::string_view(zone->get_string()) : "UTC");
      if (!parsed.ok()) {
        Error e = std::move(parsed).error();
        if (!e.field) {
          e.field = e.message_id == "automation.badTimeZone" ? "timeZone" : "cron";
        }
        return At(std::move(e), "trigger");
      }
      if (const auto* jql = t->get_object().if_contains("jql"); jql && !jql->is_null()) {
        if (!jql->is_string()) {
          return Error::InvalidArgument("automation.badConfig", "\"jql\" is text", "trigger.jql");
        }
      }
    }
    r.trigger = t->get_object();
  }
  if (!existing || in.Has("components")) {
    const json::value* comps = in.Get("components");
    json::value empty = json::array{};
    std::size_t count = 0;
    auto cat = catalog_.Get();
    STEWARD_TRY(
        CheckComponents(registry_, *cat, comps ? *comps : empty, "components", 0, count, false));
    r.components = comps ? comps->get_array() : json::array{};
  }
  // JQL in conditions and lookups is checked now unless it holds smart values.
  auto check_jql = [&](std::string_view jql, const std::string& field) -> Status {
    if (jql.find("{{") != std::string_view::npos || Trim(jql).empty()) {
      return Ok();
    }
    auto v = search_.Validate(p, jql);
    if (!v.ok()) {
      return At(std::move(v).error(), field);
    }
    if (const auto* valid = v->if_contains("valid");
        valid && valid->is_bool() && !valid->get_bool()) {
      std::string msg = "invalid query";
      if (const auto* err = v->if_contains("error");
          err && err->is_object() && err->get_object().contains("message")) {
        msg = std::string(err->get_object().at("message").as_string());
      }
      return Error::InvalidArgument("automation.badJql", "JQL: " + msg, field);
    }
    return Ok();
  };
  std::function<Status(const json::array&, const std::string&)> walk =
      [&](const json::array& list, const std::string& path) -> Status {
    for (std::size_t i = 0; i < list.size(); ++i) {
      const json::object& comp = list[i].get_object();
      std::string at = path + "[" + std::to_string(i) + "]";
      std::string_view type = comp.at("type").get_string();
      if ((type == "jql" || type == "lookupIssues") && comp.contains("jql")) {
        STEWARD_TRY(check_jql(comp.at("jql").get_string(), at + ".jql"));
      }
      if (type == "ifElse") {
        const auto& branches = comp.at("branches").get_array();
        for (std::size_t b = 0; b < branches.size(); ++b) {
          std::string bat = at + ".branches[" + std::to_string(b) + "]";
          STEWARD_TRY(walk(branches[b].at("conditions").get_array(), bat + ".conditions"));
          STEWARD_TRY(walk(branches[b].at("components").get_array(), bat + ".components"));
        }
        if (const auto* e = comp.if_contains("else"); e && e->is_array()) {
          STEWARD_TRY(walk(e->get_array(), at + ".else"));
        }
      }
    }
    return Ok();
  };
  STEWARD_TRY(walk(r.components, "components"));
  if (const auto* jql = r.trigger.if_contains("jql"); jql && jql->is_string()) {
    STEWARD_TRY(check_jql(jql->get_string(), "trigger.jql"));
  }
  // The actor: the automation user by default; another user only by an administrator or
  // that user.
  if (!existing || in.Has("actor")) {
    STEWARD_ASSIGN_OR_RETURN(auto actor, in.OptionalString("actor", 255));
    std::string name = actor.value_or("automation");
    std::optional<std::int64_t> id;
    STEWARD_ASSIGN_OR_RETURN(
        id, c.QueryInt("SELECT id FROM users WHERE username = ? AND active = 1", {name}));
    if (!id) {
      return Error::InvalidArgument("automation.unknownActor", "no active user \"" + name + "\"",
                                    "actor");
    }
    if (name != "automation" && name != p.username && !p.IsAdmin()) {
      return Error::PermissionDenied("automation.actorForbidden",
                                     "only an administrator may make a rule act as another user");
    }
    r.actor_id = *id;
  }
  if (!existing || in.Has("owner")) {
    STEWARD_ASSIGN_OR_RETURN(auto owner, in.OptionalString("owner", 255));
    std::string name = owner.value_or(p.username);
    STEWARD_ASSIGN_OR_RETURN(r.owner_id,
                             c.QueryInt("SELECT id FROM users WHERE username = ?", {name}));
    if (!r.owner_id) {
      return Error::InvalidArgument("automation.unknownOwner", "no user \"" + name + "\"", "owner");
    }
  }
  return r;
}

Status AutomationService::CheckManage(Connection& c, const Principal& p, const Rule& r) {
  if (p.IsAdmin()) {
    return Ok();
  }
  if (r.project_ids.empty()) {
    return Forbidden();
  }
  for (auto pid : r.project_ids) {
    STEWARD_ASSIGN_OR_RETURN(auto access, tickets::ProjectAccessFor(c, p, pid));
    if (!access.Has("administrator")) {
      return Forbidden();
    }
  }
  return Ok();
}

Result<bool> AutomationService::CanView(Connection& c, const Principal& p, const Rule& r) {
  if (p.IsAdmin()) {
    return true;
  }
  for (auto pid : r.project_ids) {
    STEWARD_ASSIGN_OR_RETURN(auto access, tickets::ProjectAccessFor(c, p, pid));
    if (access.IsStaff()) {
      return true;
    }
  }
  return false;
}

Result<json::object> AutomationService::RuleJson(Connection& c, const Rule& r) {
  json::array projects = ProjectsJson(r);
  STEWARD_ASSIGN_OR_RETURN(auto actor,
                           c.QueryString("SELECT username FROM users WHERE id = ?", {r.actor_id}));
  std::optional<std::string> owner;
  if (r.owner_id) {
    STEWARD_ASSIGN_OR_RETURN(
        owner, c.QueryString("SELECT username FROM users WHERE id = ?", {*r.owner_id}));
  }
  json::value last = nullptr;
  STEWARD_TRY(c.Query(
      "SELECT outcome, started_at, id FROM automation_audit WHERE rule_id = ? ORDER BY id DESC "
      "LIMIT 1",
      {r.id}, [&](const Row& row) {
        last = json::object{
            {"outcome", row.String(0)}, {"at", FormatIsoUtc(row.Int(1))}, {"auditId", row.Int(2)}};
      }));
  json::object o{{"id", r.id},
                 {"name", r.name},
                 {"description", r.description},
                 {"enabled", r.enabled},
                 {"projects", std::move(projects)},
                 {"trigger", r.trigger},
                 {"components", r.components},
                 {"actor", actor.value_or("")},
                 {"owner", owner ? json::value(*owner) : json::value(nullptr)},
                 {"allowRuleTrigger", r.allow_rule_trigger},
                 {"notifyOnError", r.notify_on_error},
                 {"rateLimitPerMinute", r.rate_limit_per_minute},
                 {"version", r.version},
                 {"hasWebhook", r.has_webhook},
                 {"lastRun", std::move(last)},
                 {"created", FormatIsoUtc(r.created_at)},
                 {"updated", FormatIsoUtc(r.updated_at)}};
  if (r.Type() == "scheduled") {
    STEWARD_ASSIGN_OR_RETURN(
        auto next,
        c.QueryInt("SELECT next_at FROM automation_schedules WHERE rule_id = ?", {r.id}));
    o["nextRun"] = next ? json::value(FormatIsoUtc(*next)) : json::value(nullptr);
  }
  return o;
}

Status AutomationService::Schedule(Connection& c, const Rule& r) {
  STEWARD_TRY(c.Exec("DELETE FROM automation_schedules WHERE rule_id = ?", {r.id}));
  if (r.Type() != "scheduled" || !r.enabled) {
    return Ok();
  }
  std::string zone = "UTC";
  if (const auto* z = r.trigger.if_contains("timeZone"); z && z->is_string()) {
    zone = std::string(z->get_string());
  }
  STEWARD_ASSIGN_OR_RETURN(auto cron, CronSchedule::Parse(r.trigger.at("cron").get_string(), zone));
  auto next = cron.NextAfter(clock_.Now());
  if (!next) {
    return Ok();
  }
  return c.Exec("INSERT INTO automation_schedules(rule_id, next_at) VALUES (?,?)", {r.id, *next});
}

Result<std::int64_t> AutomationService::InsertRule(Connection& c, Rule& r,
                                                   const std::string* webhook) {
  TimestampMs now = clock_.Now();
  json::array projects = ProjectsJson(r);
  auto id = c.QueryInt(
      "INSERT INTO automation_rules(name, description, enabled, projects, trigger_type, trigger, "
      "components, owner_id, actor_id, allow_rule_trigger, notify_on_error, rate_limit, "
      "webhook_hash, version, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,1,?,?) "
      "RETURNING id",
      {r.name, r.description, r.enabled, json::serialize(projects), r.Type(),
       json::serialize(r.trigger), json::serialize(r.components), r.owner_id, r.actor_id,
       r.allow_rule_trigger, r.notify_on_error, r.rate_limit_per_minute,
       webhook ? std::optional<std::string>(identity::HashToken(*webhook)) : std::nullopt, now,
       now});
  if (!id.ok()) {
    if (id.error().code == ErrorCode::kAlreadyExists) {
      return Error::AlreadyExists("automation.nameTaken", "a rule named \"" + r.name + "\" exists",
                                  "name");
    }
    return std::move(id).error();
  }
  r.id = **id;
  r.created_at = r.updated_at = now;
  r.has_webhook = webhook != nullptr;
  STEWARD_TRY(Schedule(c, r));
  return r.id;
}

Status AutomationService::UpdateStored(Connection& c, const Rule& r) {
  json::array projects = ProjectsJson(r);
  Status s = c.Exec(
      "UPDATE automation_rules SET name = ?, description = ?, enabled = ?, projects = ?, "
      "trigger_type = ?, trigger = ?, components = ?, owner_id = ?, actor_id = ?, "
      "allow_rule_trigger = ?, notify_on_error = ?, rate_limit = ?, version = version + 1, "
      "updated_at = ? WHERE id = ?",
      {r.name, r.description, r.enabled, json::serialize(projects), r.Type(),
       json::serialize(r.trigger), json::serialize(r.components), r.owner_id, r.actor_id,
       r.allow_rule_trigger, r.notify_on_error, r.rate_limit_per_minute, clock_.Now(), r.id});
  if (!s.ok() && s.error().code == ErrorCode::kAlreadyExists) {
    return Error::AlreadyExists("automation.nameTaken", "a rule named \"" + r.name + "\" exists",
                                "name");
  }
  STEWARD_TRY(s);
  return Schedule(c, r);
}

Result<json::object> AutomationService::ListRules(const Principal& p) {
  return db_.Read([&](Connection& c) -> Result<json::object> {
    STEWARD_ASSIGN_OR_RETURN(auto rules, LoadRules(c));
    json::array values;
    for (const auto& r : rules) {
      STEWARD_ASSIGN_OR_RETURN(bool visible, CanView(c, p, r));
      if (!visible) {
        continue;
      }
      STEWARD_ASSIGN_OR_RETURN(auto o, RuleJson(c, r));
      auto manage = CheckManage(c, p, r);
      o["canManage"] = manage.ok();
      values.push_back(std::move(o));
    }
    return json::object{{"values", std::move(values)}};
  });
}

namespace {
Error RuleNotFound(std::int64_t id) {
  return Error::NotFound("automation.ruleNotFound", "no rule " + std::to_string(id));
}
}  // namespace

Result<Rule> AutomationService::VisibleRule(Connection& c, const Principal& p, std::int64_t id) {
  STEWARD_ASSIGN_OR_RETURN(auto rules, LoadRules(c, id));
  if (rules.empty()) {
    return RuleNotFound(id);
  }
  STEWARD_ASSIGN_OR_RETURN(bool visible, CanView(c, p, rules[0]));
  if (!visible) {
    return RuleNotFound(id);  // as if it did not exist
  }
  return std::move(rules[0]);
}

Result<json::object> AutomationService::GetRule(const Principal& p, std::int64_t id) {
  return db_.Read([&](Connection& c) -> Result<json::object> {
    STEWARD_ASSIGN_OR_RETURN(auto rule, VisibleRule(c, p, id));
    std::vector<Rule> rules{std::move(rule)};
    STEWARD_ASSIGN_OR_RETURN(auto o, RuleJson(c, rules[0]));
    o["canManage"] = CheckManage(c, p, rules[0]).ok();
    return o;
  });
}

Result<json::object> AutomationService::CreateRule(const Principal& p, const json::object& body) {
  std::string token;
  auto out = db_.Write([&](Connection& c) -> Result<json::object> {
    STEWARD_ASSIGN_OR_RETURN(Rule r, ParseRule(c, p, body, nullptr));
    STEWARD_TRY(CheckManage(c, p, r));
    if (r.Type() == "incomingWebhook") {
      token = identity::RandomToken("whk_");
    }
    STEWARD_TRY(InsertRule(c, r, token.empty() ? nullptr : &token));
    STEWARD_ASSIGN_OR_RETURN(auto o, RuleJson(c, r));
    if (!token.empty()) {
      o["webhookUrl"] = "/api/v1/automation/webhooks/" + token;
    }
    o["canManage"] = true;
    return o;
  });
  if (out.ok()) {
    engine_.RulesChanged();
  }
  return out;
}

Result<json::object> AutomationService::UpdateRule(const Principal& p, std::int64_t id,
                                                   const json::object& body) {
  std::string token;
  auto out = db_.Write([&](Connection& c) -> Result<json::object> {
    STEWARD_ASSIGN_OR_RETURN(auto rule, VisibleRule(c, p, id));
    std::vector<Rule> rules{std::move(rule)};
    STEWARD_TRY(CheckManage(c, p, rules[0]));
    STEWARD_ASSIGN_OR_RETURN(Rule r, ParseRule(c, p, body, &rules[0]));
    STEWARD_TRY(CheckManage(c, p, r));  // the new scope too
    STEWARD_TRY(UpdateStored(c, r));
    if (r.Type() == "incomingWebhook" && !r.has_webhook) {
      token = identity::RandomToken("whk_");
      STEWARD_TRY(c.Exec("UPDATE automation_rules SET webhook_hash = ? WHERE id = ?",
                         {identity::HashToken(token), r.id}));
    }
    STEWARD_ASSIGN_OR_RETURN(auto fresh, LoadRules(c, id));
    STEWARD_ASSIGN_OR_RETURN(auto o, RuleJson(c, fresh[0]));
    if (!token.empty()) {
      o["webhookUrl"] = "/api/v1/automation/webhooks/" + token;
    }
    o["canManage"] = true;
    return o;
  });
  if (out.ok()) {
    engine_.RulesChanged();
  }
  return out;
}

Status AutomationService::DeleteRule(const Principal& p, std::int64_t id) {
  Status s = db_.WriteTx([&](Connection& c) -> Status {
    STEWARD_ASSIGN_OR_RETURN(auto rule, VisibleRule(c, p, id));
    std::vector<Rule> rules{std::move(rule)};
    STEWARD_TRY(CheckManage(c, p, rules[0]));
    return c.Exec("DELETE FROM automation_rules WHERE id = ?", {id});
  });
  if (s.ok()) {
    engine_.RulesChanged();
  }
  return s;
}

Result<json::object> AutomationService::RegenerateWebhook(const Principal& p, std::int64_t id) {
  std::string token = identity::RandomToken("whk_");
  return db_.Write([&](Connection& c) -> Result<json::object> {
    STEWARD_ASSIGN_OR_RETURN(auto rule, VisibleRule(c, p, id));
    std::vector<Rule> rules{std::move(rule)};
    STEWARD_TRY(CheckManage(c, p, rules[0]));
    if (rules[0].Type() != "incomingWebhook") {
      return Error::Conflict("automation.notWebhook", "this rule is not triggered by a webhook");
    }
    STEWARD_TRY(c.Exec("UPDATE automation_rules SET webhook_hash = ? WHERE id = ?",
                       {identity::HashToken(token), id}));
    return json::object{{"webhookUrl", "/api/v1/automation/webhooks/" + token}};
  });
}

Result<json::object> AutomationService::Audit(const Principal& p, std::int64_t id, int limit,
                                              std::optional<std::int64_t> before) {
  return db_.Read([&](Connection& c) -> Result<json::object> {
    STEWARD_ASSIGN_OR_RETURN(auto rule, VisibleRule(c, p, id));
    std::vector<Rule> rules{std::move(rule)};
    json::array values;
    std::int64_t last = 0;
    STEWARD_TRY(c.Query(
        "SELECT id, event_id, trigger, issue_key, outcome, items, messages, duration_us, depth, "
        "event_at, started_at FROM automation_audit WHERE rule_id = ? AND id < ? ORDER BY id "
        "DESC LIMIT ?",
        {id, before.value_or(INT64_MAX), limit}, [&](const Row& r) {
          last = r.Int(0);
          values.push_back(
              json::object{{"id", r.Int(0)},
                           {"eventId", r.IsNull(1) ? json::value(nullptr) : json::value(r.Int(1))},
                           {"trigger", r.String(2)},
                           {"issue", r.IsNull(3) ? json::value(nullptr) : json::value(r.String(3))},
                           {"outcome", r.String(4)},
                           {"items", Parse(r.Text(5))},
                           {"messages", Parse(r.Text(6))},
                           {"durationMs", static_cast<double>(r.Int(7)) / 1000.0},
                           {"depth", r.Int(8)},
                           {"eventAt", FormatIsoUtc(r.Int(9))},
                           {"startedAt", FormatIsoUtc(r.Int(10))}});
        }));
    json::object out{{"values", std::move(values)}};
    if (static_cast<int>(out["values"].as_array().size()) == limit) {
      out["next"] = last;
    }
    return out;
  });
}

Result<std::int64_t> AutomationService::Enqueue(Connection& c, std::string_view topic,
                                                std::optional<std::int64_t> issue_id,
                                                std::optional<std::int64_t> actor,
                                                const json::object& payload) {
  STEWARD_ASSIGN_OR_RETURN(
      auto id, c.QueryInt("INSERT INTO events(topic, issue_id, actor_id, payload, created_at) "
                          "VALUES (?,?,?,?,?) RETURNING id",
                          {topic, issue_id, actor, json::serialize(payload), clock_.Now()}));
  return *id;
}

Result<json::object> AutomationService::RunRule(const Principal& p, std::int64_t id,
                                                const json::object& body) {
  JsonReader in(body);
  STEWARD_TRY(in.AllowOnly({"issue"}));
  STEWARD_ASSIGN_OR_RETURN(auto issue_key, in.OptionalString("issue", 32));
  auto out = db_.Write([&](Connection& c) -> Result<json::object> {
    STEWARD_ASSIGN_OR_RETURN(auto rules, LoadRules(c, id));
    if (rules.empty()) {
      return RuleNotFound(id);
    }
    const Rule& r = rules[0];
    if (!r.enabled) {
      return Error::Conflict("automation.ruleDisabled", "the rule \"" + r.name + "\" is disabled");
    }
    if (r.Type() == "manual") {
      if (!issue_key) {
        return Error::InvalidArgument("automation.issueRequired",
                                      "a manual rule runs on an \"issue\"", "issue");
      }
      std::optional<std::int64_t> project;
      std::int64_t issue_id = 0;
      std::string key;
      STEWARD_TRY(c.Query("SELECT project_id, key, id FROM issues WHERE key = ?", {*issue_key},
                          [&](const Row& rr) {
                            project = rr.Int(0);
                            key = rr.String(1);
                            issue_id = rr.Int(2);
                          }));
      if (!project) {
        return Error::NotFound("tickets.issueNotFound", "no issue " + *issue_key);
      }
      STEWARD_ASSIGN_OR_RETURN(auto access, tickets::ProjectAccessFor(c, p, *project));
      if (!access.IsStaff()) {
        return Error::NotFound("tickets.issueNotFound", "no issue " + *issue_key);
      }
      if (!access.CanEdit()) {
        return Error::PermissionDenied("automation.forbidden",
                                       "running a rule needs the agent role in the project");
      }
      if (!r.project_ids.empty() &&
          std::find(r.project_ids.begin(), r.project_ids.end(), *project) == r.project_ids.end()) {
        return Error::Conflict("automation.outOfScope",
                               "the rule \"" + r.name + "\" does not apply to " + key);
      }
      STEWARD_ASSIGN_OR_RETURN(auto event,
                               Enqueue(c, "automation.manual", std::optional(issue_id), p.user_id,
                                       json::object{{"rule", r.id}, {"key", key}}));
      return json::object{{"eventId", event}, {"rule", r.id}, {"issue", key}};
    }
    if (r.Type() == "scheduled" || r.Type() == "incomingWebhook") {
      STEWARD_TRY(CheckManage(c, p, r));
      json::object payload{{"rule", r.id}, {"due", FormatIsoUtc(clock_.Now())}};
      if (r.Type() == "incomingWebhook") {
        payload = json::object{{"rule", r.id}, {"data", json::object{}}};
      }
      STEWARD_ASSIGN_OR_RETURN(
          auto event,
          Enqueue(c, r.Type() == "scheduled" ? "automation.scheduled" : "automation.webhook",
                  std::nullopt, p.user_id, payload));
      return json::object{{"eventId", event}, {"rule", r.id}};
    }
    return Error::Conflict("automation.notRunnable",
                           "only manual, scheduled and webhook rules run on request; \"" + r.name +
                               "\" runs when its trigger fires");
  });
  if (out.ok()) {
    engine_.Wake();
  }
  return out;
}

Result<json::object> AutomationService::ManualRules(const Principal& p,
                                                    std::string_view issue_key) {
  return db_.Read([&](Connection& c) -> Result<json::object> {
    std::optional<std::int64_t> project;
    STEWARD_TRY(c.Query("SELECT project_id FROM issues WHERE key = ?", {issue_key},
                        [&](const Row& r) { project = r.Int(0); }));
    if (!project) {
      return Error::NotFound("tickets.issueNotFound", "no issue " + std::string(issue_key));
    }
    STEWARD_ASSIGN_OR_RETURN(auto access, tickets::ProjectAccessFor(c, p, *project));
    if (!access.IsStaff()) {
      return Error::NotFound("tickets.issueNotFound", "no issue " + std::string(issue_key));
    }
    json::array values;
    if (access.CanEdit()) {
      STEWARD_ASSIGN_OR_RETURN(auto rules, LoadRules(c));
      for (const auto& r : rules) {
        if (!r.enabled || r.Type() != "manual") {
          continue;
        }
        if (!r.project_ids.empty() && std::find(r.project_ids.begin(), r.project_ids.end(),
                                                *project) == r.project_ids.end()) {
          continue;
        }
        values.push_back(
            json::object{{"id", r.id}, {"name", r.name}, {"description", r.description}});
      }
    }
    return json::object{{"values", std::move(values)}};
  });
}

Result<json::object> AutomationService::ReceiveWebhook(std::string_view token,
                                                       const json::value& body) {
  std::string hash = identity::HashToken(token);
  auto out = db_.Write([&](Connection& c) -> Result<json::object> {
    std::optional<std::int64_t> rule;
    bool enabled = false;
    std::vector<std::int64_t> project_ids;
    STEWARD_TRY(
        c.Query("SELECT id, enabled FROM automation_rules WHERE webhook_hash = ? AND "
                "trigger_type = 'incomingWebhook'",
                {hash}, [&](const Row& r) {
                  rule = r.Int(0);
                  enabled = r.Int(1) != 0;
                }));
    if (!rule) {
      return Error::NotFound("automation.webhookNotFound", "no webhook at this address");
    }
    if (!enabled) {
      return Error::Conflict("automation.ruleDisabled", "the webhook's rule is disabled");
    }
    json::object payload{{"rule", *rule}, {"data", body}};
    if (body.is_object()) {
      if (const auto* issues = body.get_object().if_contains("issues");
          issues && !issues->is_null()) {
        if (!issues->is_array() ||
            issues->get_array().size() > static_cast<std::size_t>(kMaxLookupIssues)) {
          return Error::InvalidArgument("automation.badIssues",
                                        "\"issues\" is a list of at most 100 issue keys", "issues");
        }
        json::array keys;
        for (const auto& k : issues->get_array()) {
          if (!k.is_string() || k.get_string().size() > 32) {
            return Error::InvalidArgument("automation.badIssues",
                                          "\"issues\" is a list of issue keys", "issues");
          }
          STEWARD_ASSIGN_OR_RETURN(auto found, c.QueryInt("SELECT id FROM issues WHERE key = ?",
                                                          {std::string(k.get_string())}));
          if (!found) {
            return Error::InvalidArgument("automation.unknownIssue",
                                          "no issue " + std::string(k.get_string()), "issues");
          }
          keys.push_back(k);
        }
        payload["issues"] = std::move(keys);
      }
    }
    STEWARD_ASSIGN_OR_RETURN(auto event,
                             Enqueue(c, "automation.webhook", std::nullopt, std::nullopt, payload));
    return json::object{{"accepted", true}, {"eventId", event}};
  });
  if (out.ok()) {
    engine_.Wake();
  }
  return out;
}

Result<json::object> AutomationService::Preview(const Principal& p, const json::object& body) {
  JsonReader in(body);
  STEWARD_TRY(in.AllowOnly({"template", "issue"}));
  STEWARD_ASSIGN_OR_RETURN(auto tmpl, in.RequiredString("template", 32768));
  STEWARD_ASSIGN_OR_RETURN(auto key, in.OptionalString("issue", 32));
  if (p.kind == "customer") {
    return Error::PermissionDenied("automation.forbidden", "automation is for agents");
  }
  SmartContext ctx;
  ctx.now = clock_.Now();
  if (key) {
    // The caller's own view of the issue: a preview shows only what they may see.
    STEWARD_ASSIGN_OR_RETURN(auto view, tickets_.GetIssue(p, *key));
    ctx.roots["issue"] = view;
    ctx.roots["triggerIssue"] = std::move(view);
  }
  ctx.roots["initiator"] = json::object{{"username", p.username}, {"displayName", p.display_name}};
  STEWARD_ASSIGN_OR_RETURN(auto text, Render(tmpl, ctx));
  return json::object{{"rendered", text}};
}

Result<json::array> AutomationService::ExportRules() {
  return db_.Read([&](Connection& c) -> Result<json::array> {
    STEWARD_ASSIGN_OR_RETURN(auto rules, LoadRules(c));
    json::array out;
    for (const auto& r : rules) {
      STEWARD_ASSIGN_OR_RETURN(auto o, RuleJson(c, r));
      json::object e;
      for (const char* k :
           {"name", "description", "enabled", "projects", "trigger", "components", "actor", "owner",
            "allowRuleTrigger", "notifyOnError", "rateLimitPerMinute"}) {
        e[k] = o[k];
      }
      out.push_back(std::move(e));
    }
    return out;
  });
}

Result<json::object> AutomationService::ApplyRules(const json::array& rules, const Principal& p) {
  int created = 0;
  int updated = 0;
  json::array webhooks;
  auto out = db_.Write([&](Connection& c) -> Result<json::object> {
    STEWARD_ASSIGN_OR_RETURN(auto existing, LoadRules(c));
    std::vector<std::string> seen;
    for (std::size_t i = 0; i < rules.size(); ++i) {
      std::string at = "rules[" + std::to_string(i) + "]";
      if (!rules[i].is_object()) {
        return Error::InvalidArgument("automation.badRule", at + ": a rule is a mapping", at);
      }
      const json::object& body = rules[i].get_object();
      const json::value* name = body.if_contains("name");
      std::string label =
          name && name->is_string() ? "\"" + std::string(name->get_string()) + "\"" : at;
      const Rule* old = nullptr;
      if (name && name->is_string()) {
        for (const auto& r : existing) {
          if (EqualsIgnoreCase(r.name, name->get_string())) {
            old = &r;
          }
        }
        std::string lower = AsciiLower(name->get_string());
        if (std::find(seen.begin(), seen.end(), lower) != seen.end()) {
          return Error::InvalidArgument("automation.duplicateRule",
                                        at + ": the rule " + label + " appears twice", at);
        }
        seen.push_back(lower);
      }
      auto parsed = ParseRule(c, p, body, old);
      if (!parsed.ok()) {
        Error e = std::move(parsed).error();
        e.message = "rule " + label + ": " + e.message;
        return At(std::move(e), at);
      }
      Rule r = std::move(parsed).value();
      if (old) {
        STEWARD_TRY(UpdateStored(c, r));
        if (r.Type() == "incomingWebhook" && !r.has_webhook) {
          std::string token = identity::RandomToken("whk_");
          STEWARD_TRY(c.Exec("UPDATE automation_rules SET webhook_hash = ? WHERE id = ?",
                             {identity::HashToken(token), r.id}));
          webhooks.push_back(json::object{{"rule", r.name},
                                          {"webhookUrl", "/api/v1/automation/webhooks/" + token}});
        }
        ++updated;
      } else {
        std::string token;
        if (r.Type() == "incomingWebhook") {
          token = identity::RandomToken("whk_");
          webhooks.push_back(json::object{{"rule", r.name},
                                          {"webhookUrl", "/api/v1/automation/webhooks/" + token}});
        }
        STEWARD_TRY(InsertRule(c, r, token.empty() ? nullptr : &token));
        ++created;
      }
    }
    return json::object{{"created", created}, {"updated", updated}, {"webhooks", webhooks}};
  });
  if (out.ok()) {
    engine_.RulesChanged();
  }
  return out;
}

}  // namespace steward::automation
