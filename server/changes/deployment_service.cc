#include "base/text.h"
#include "base/time_format.h"
#include "changes/changes.h"
#include "http/json.h"
#include "tickets/object_fields.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>

namespace steward::changes {
namespace {

using storage::Connection;
using storage::Row;

constexpr std::size_t kMaxDeployments = 100;  // per submission, as JSM
constexpr std::size_t kMaxValues = 100;       // per association
constexpr std::size_t kMaxProperties = 5;

constexpr std::array<std::string_view, 7> kStates = {
    "unknown", "pending", "in_progress", "cancelled", "failed", "rolled_back", "successful"};
constexpr std::array<std::string_view, 5> kEnvironmentTypes = {"unmapped", "development", "testing",
                                                               "staging", "production"};
constexpr std::array<std::string_view, 5> kAssociationTypes = {
    "issueKeys", "issueIdOrKeys", "serviceIdOrKeys", "commit", "repository"};

template <std::size_t N>
bool OneOf(const std::array<std::string_view, N>& set, std::string_view v) {
  return std::find(set.begin(), set.end(), v) != set.end();
}

// One deployment of a submission, checked.
struct Parsed {
  DeploymentKey key;
  std::int64_t update_sequence = 0;
  std::string display_name, url, description, label, state;
  std::string pipeline_name, pipeline_url;
  std::string environment_name, environment_type;
  bool gating = false;
  std::optional<std::string> triggered_by;
  TimestampMs last_updated = 0;
  std::vector<std::string> issue_keys;
  std::vector<std::string> services;
};

Status Bad(const std::string& field, const std::string& message) {
  return Error::InvalidArgument("deployments.invalid", message, field);
}

Result<std::string> NonEmptyId(const http::JsonReader& in, std::string_view name) {
  STEWARD_ASSIGN_OR_RETURN(auto v, in.RequiredString(name, 255));
  if (v.empty()) {
    return Error::InvalidArgument("deployments.invalid", in.FieldName(name) + " must not be empty",
                                  in.FieldName(name));
  }
  return v;
}

Result<std::int64_t> NonNegativeInt(const http::JsonReader& in, std::string_view name) {
  STEWARD_ASSIGN_OR_RETURN(auto v, in.OptionalInt(name));
  if (!v || *v < 0) {
    return Error::InvalidArgument("deployments.invalid",
                                  in.FieldName(name) + " is required: a whole number of at least 0",
                                  in.FieldName(name));
  }
  return *v;
}

Result<Parsed> ParseDeployment(const json::value& v, const std::string& at) {
  if (!v.is_object()) {
    return Error::InvalidArgument("deployments.invalid", at + " must be an object", at);
  }
  http::JsonReader in(v.get_object(), at + ".");
  STEWARD_TRY(
      in.AllowOnly({"deploymentSequenceNumber", "updateSequenceNumber", "issueKeys", "associations",
                    "displayName", "url", "description", "lastUpdated", "label", "state",
                    "pipeline", "environment", "commands", "triggeredBy", "schemaVersion"}));
  Parsed d;
  STEWARD_ASSIGN_OR_RETURN(d.key.sequence, NonNegativeInt(in, "deploymentSequenceNumber"));
  STEWARD_ASSIGN_OR_RETURN(d.update_sequence, NonNegativeInt(in, "updateSequenceNumber"));
  STEWARD_ASSIGN_OR_RETURN(d.display_name, in.RequiredString("displayName", 255));
  STEWARD_ASSIGN_OR_RETURN(auto url, in.OptionalString("url", 2000));
  d.url = url.value_or("");
  STEWARD_ASSIGN_OR_RETURN(auto description, in.OptionalString("description", 255));
  d.description = description.value_or("");
  STEWARD_ASSIGN_OR_RETURN(auto label, in.OptionalString("label", 255));
  d.label = label.value_or("");
  STEWARD_ASSIGN_OR_RETURN(d.state, in.RequiredString("state", 32));
  if (!OneOf(kStates, d.state)) {
    STEWARD_TRY(Bad(at + ".state",
                    "state must be one of unknown, pending, in_progress, cancelled, failed, "
                    "rolled_back, successful"));
  }
  STEWARD_ASSIGN_OR_RETURN(auto when, in.RequiredString("lastUpdated", 64));
  auto parsed_when = ParseIsoDateTime(when);
  if (!parsed_when) {
    STEWARD_TRY(Bad(at + ".lastUpdated", "lastUpdated must be an ISO-8601 date and time"));
  }
  d.last_updated = parsed_when.value_or(0);
  if (auto s = in.Get("schemaVersion"); s && !(s->is_string() && s->get_string() == "1.0")) {
    STEWARD_TRY(Bad(at + ".schemaVersion", "schemaVersion must be \"1.0\""));
  }
  // Pipeline and environment.
  const json::value* pipeline = in.Get("pipeline");
  if (!pipeline || !pipeline->is_object()) {
    STEWARD_TRY(Bad(at + ".pipeline", "pipeline is required: {id, displayName, url}"));
  }
  http::JsonReader pin(pipeline->get_object(), at + ".pipeline.");
  STEWARD_TRY(pin.AllowOnly({"id", "displayName", "url"}));
  STEWARD_ASSIGN_OR_RETURN(d.key.pipeline_id, NonEmptyId(pin, "id"));
  STEWARD_ASSIGN_OR_RETURN(d.pipeline_name, pin.RequiredString("displayName", 255));
  STEWARD_ASSIGN_OR_RETURN(auto purl, pin.OptionalString("url", 2000));
  d.pipeline_url = purl.value_or("");
  const json::value* env = in.Get("environment");
  if (!env || !env->is_object()) {
    STEWARD_TRY(Bad(at + ".environment", "environment is required: {id, displayName, type}"));
  }
  http::JsonReader ein(env->get_object(), at + ".environment.");
  STEWARD_TRY(ein.AllowOnly({"id", "displayName", "type"}));
  STEWARD_ASSIGN_OR_RETURN(d.key.environment_id, NonEmptyId(ein, "id"));
  STEWARD_ASSIGN_OR_RETURN(d.environment_name, ein.RequiredString("displayName", 255));
  STEWARD_ASSIGN_OR_RETURN(d.environment_type, ein.RequiredString("type", 32));
  if (!OneOf(kEnvironmentTypes, d.environment_type)) {
    STEWARD_TRY(Bad(at + ".environment.type",
                    "environment.type must be one of unmapped, development, testing, staging, "
                    "production"));
  }
  // Associations (and the older top-level issueKeys).
  auto add_values = [&](const json::value& values, const std::string& field,
                        std::vector<std::string>& out) -> Status {
    if (!values.is_array() || values.get_array().size() > kMaxValues) {
      return Bad(field, field + " must be a list of at most 100 texts");
    }
    for (const auto& x : values.get_array()) {
      if (!x.is_string() || x.get_string().empty() || x.get_string().size() > 255) {
        return Bad(field, field + " must hold texts of 1 to 255 characters");
      }
      std::string s(x.get_string());
      if (std::find(out.begin(), out.end(), s) == out.end()) {
        out.push_back(std::move(s));
      }
    }
    return Ok();
  };
  if (const json::value* keys = in.Get("issueKeys")) {
    STEWARD_TRY(add_values(*keys, at + ".issueKeys", d.issue_keys));
  }
  if (const json::value* assoc = in.Get("associations")) {
    if (!assoc->is_array() || assoc->get_array().size() > 10) {
      STEWARD_TRY(Bad(at + ".associations", "associations must be a list of at most 10"));
    }
    std::size_t i = 0;
    for (const auto& a : assoc->get_array()) {
      std::string where = at + ".associations[" + std::to_string(i++) + "]";
      if (!a.is_object()) {
        STEWARD_TRY(Bad(where, where + " must be an object {associationType, values}"));
      }
      http::JsonReader ain(a.get_object(), where + ".");
      STEWARD_TRY(ain.AllowOnly({"associationType", "values"}));
      STEWARD_ASSIGN_OR_RETURN(auto type, ain.RequiredString("associationType", 32));
      if (!OneOf(kAssociationTypes, type)) {
        STEWARD_TRY(Bad(where + ".associationType",
                        "associationType must be one of issueKeys, issueIdOrKeys, "
                        "serviceIdOrKeys, commit, repository"));
      }
      const json::value* values = ain.Get("values");
      if (!values) {
        STEWARD_TRY(Bad(where + ".values", "values is required"));
      }
      if (type == "issueKeys" || type == "issueIdOrKeys") {
        STEWARD_TRY(add_values(*values, where + ".values", d.issue_keys));
      } else if (type == "serviceIdOrKeys") {
        STEWARD_TRY(add_values(*values, where + ".values", d.services));
      } else if (!values->is_array()) {
        // Commits and repositories are accepted (tools send them) and not kept.
        STEWARD_TRY(Bad(where + ".values", "values must be a list"));
      }
    }
  }
  if (const json::value* commands = in.Get("commands")) {
    if (!commands->is_array() || commands->get_array().size() > 10) {
      STEWARD_TRY(Bad(at + ".commands", "commands must be a list of at most 10"));
    }
    for (const auto& c : commands->get_array()) {
      const json::value* name = c.is_object() ? c.get_object().if_contains("command") : nullptr;
      if (!name || !name->is_string()) {
        STEWARD_TRY(Bad(at + ".commands", "each command must be {\"command\": \"...\"}"));
      }
      if (name->get_string() == "initiate_deployment_gating") {
        d.gating = true;
      } else {
        STEWARD_TRY(Bad(at + ".commands", "unknown command \"" + std::string(name->get_string()) +
                                              "\" (known: initiate_deployment_gating)"));
      }
    }
  }
  if (const json::value* by = in.Get("triggeredBy")) {
    const json::value* email = by->is_object() ? by->get_object().if_contains("email") : nullptr;
    if (!by->is_object() || (email && (!email->is_string() || email->get_string().size() > 255))) {
      STEWARD_TRY(Bad(at + ".triggeredBy", "triggeredBy must be an object {email}"));
    }
    if (email) {
      d.triggered_by = std::string(email->get_string());
    }
  }
  return d;
}

json::object KeyJson(const DeploymentKey& k) {
  return {{"pipelineId", k.pipeline_id},
          {"environmentId", k.environment_id},
          {"deploymentSequenceNumber", k.sequence}};
}

Status CheckStaff(const Principal& p) {
  if (p.kind == "customer") {
    return Error::PermissionDenied("deployments.forbidden",
                                   "only agents, administrators and bots work with deployments");
  }
  return Ok();
}

// The deployment as JSM's GET answers it.
Result<std::optional<json::object>> Load(Connection& c, std::string_view where,
                                         std::initializer_list<storage::Param> params) {
  std::optional<json::object> out;
  std::int64_t id = 0;
  std::optional<std::int64_t> change;
  STEWARD_TRY(c.Query(
      "SELECT id, pipeline_id, environment_id, sequence, update_sequence, display_name, url, "
      "description, label, state, pipeline_name, pipeline_url, environment_name, "
      "environment_type, gating, triggered_by, last_updated, change_issue_id FROM deployments "
      "WHERE " +
          std::string(where),
      params, [&](const Row& r) {
        id = r.Int(0);
        json::object o{{"deploymentSequenceNumber", r.Int(3)},
                       {"updateSequenceNumber", r.Int(4)},
                       {"displayName", r.String(5)},
                       {"url", r.String(6)},
                       {"description", r.String(7)},
                       {"label", r.String(8)},
                       {"state", r.String(9)},
                       {"pipeline", json::object{{"id", r.String(1)},
                                                 {"displayName", r.String(10)},
                                                 {"url", r.String(11)}}},
                       {"environment", json::object{{"id", r.String(2)},
                                                    {"displayName", r.String(12)},
                                                    {"type", r.String(13)}}},
                       {"lastUpdated", FormatIsoUtc(r.Int(16))},
                       {"schemaVersion", "1.0"}};
        if (r.Int(14) != 0) {
          o["commands"] = json::array{json::object{{"command", "initiate_deployment_gating"}}};
        }
        if (!r.IsNull(15)) {
          o["triggeredBy"] = json::object{{"email", r.String(15)}};
        }
        o["gating"] = r.Int(14) != 0;
        o["changeRequest"] = nullptr;
        change = r.IsNull(17) ? std::nullopt : std::optional(r.Int(17));
        out = std::move(o);
      }));
  if (!out) {
    return out;
  }
  json::array issues, services;
  STEWARD_TRY(
      c.Query("SELECT i.key FROM deployment_issues d JOIN issues i ON i.id = d.issue_id "
              "WHERE d.deployment_id = ? ORDER BY i.id",
              {id}, [&](const Row& r) { issues.push_back(json::value(r.String(0))); }));
  STEWARD_TRY(c.Query(
      "SELECT object_key FROM deployment_services WHERE deployment_id = ? ORDER BY object_key",
      {id}, [&](const Row& r) { services.push_back(json::value(r.String(0))); }));
  json::array assoc;
  if (!issues.empty()) {
    assoc.push_back(json::object{{"associationType", "issueIdOrKeys"}, {"values", issues}});
  }
  if (!services.empty()) {
    assoc.push_back(json::object{{"associationType", "serviceIdOrKeys"}, {"values", services}});
  }
  (*out)["associations"] = std::move(assoc);
  if (change) {
    STEWARD_TRY(c.Query(
        "SELECT i.key, s.name FROM issues i JOIN statuses s ON s.id = i.status_id "
        "WHERE i.id = ?",
        {*change}, [&](const Row& r) {
          (*out)["changeRequest"] = json::object{{"key", r.String(0)}, {"status", r.String(1)}};
        }));
  }
  return out;
}

}  // namespace

Result<json::object> DeploymentService::SubmitBulk(const Principal& p, const json::object& body) {
  STEWARD_TRY(CheckStaff(p));
  http::JsonReader top(body);
  STEWARD_TRY(top.AllowOnly({"deployments", "properties", "providerMetadata"}));
  const json::value* list = top.Get("deployments");
  if (!list || !list->is_array() || list->get_array().empty() ||
      list->get_array().size() > kMaxDeployments) {
    return Error::InvalidArgument(
        "deployments.invalid", "deployments must be a list of 1 to 100 deployments", "deployments");
  }
  std::vector<std::pair<std::string, std::string>> properties;
  if (const json::value* props = top.Get("properties")) {
    if (!props->is_object() || props->get_object().size() > kMaxProperties) {
      return Error::InvalidArgument(
          "deployments.invalid", "properties must be an object of at most 5 texts", "properties");
    }
    for (const auto& kv : props->get_object()) {
      if (!kv.value().is_string() || kv.key().empty() || kv.key().size() > 255 ||
          kv.value().get_string().size() > 255) {
        return Error::InvalidArgument("deployments.invalid",
                                      "properties must map names to texts (at most 255 characters)",
                                      "properties." + std::string(kv.key()));
      }
      properties.emplace_back(kv.key(), kv.value().get_string());
    }
  }
  std::string provider;
  if (const json::value* meta = top.Get("providerMetadata")) {
    const json::value* product =
        meta->is_object() ? meta->get_object().if_contains("product") : nullptr;
    if (!meta->is_object() || (product && !product->is_string())) {
      return Error::InvalidArgument("deployments.invalid",
                                    "providerMetadata must be an object {product}",
                                    "providerMetadata");
    }
    if (product) {
      provider = std::string(product->get_string()).substr(0, 255);
    }
  }
  json::array accepted, rejected;
  std::vector<Parsed> valid;
  std::set<std::tuple<std::string, std::string, std::int64_t>> seen;
  const auto& items = list->get_array();
  for (std::size_t i = 0; i < items.size(); ++i) {
    auto d = ParseDeployment(items[i], "deployments[" + std::to_string(i) + "]");
    if (!d.ok()) {
      json::object key;
      if (items[i].is_object()) {
        const auto& o = items[i].get_object();
        const json::value* pl = o.if_contains("pipeline");
        const json::value* en = o.if_contains("environment");
        const json::value* seq = o.if_contains("deploymentSequenceNumber");
        auto id_of = [](const json::value* x) -> json::value {
          const json::value* id = x && x->is_object() ? x->get_object().if_contains("id") : nullptr;
          return id ? *id : json::value(nullptr);
        };
        key = {{"pipelineId", id_of(pl)},
               {"environmentId", id_of(en)},
               {"deploymentSequenceNumber", seq ? *seq : json::value(nullptr)}};
      }
      const Error& e = d.error();
      rejected.push_back(json::object{
          {"key", std::move(key)},
          {"errors", json::array{json::object{
                         {"message", e.message},
                         {"field", e.field ? json::value(*e.field) : json::value(nullptr)}}}}});
      continue;
    }
    if (!seen.insert({d->key.pipeline_id, d->key.environment_id, d->key.sequence}).second) {
      rejected.push_back(json::object{
          {"key", KeyJson(d->key)},
          {"errors", json::array{json::object{
                         {"message", "the same deployment appears twice in this submission"}}}}});
      continue;
    }
    valid.push_back(std::move(*d));
  }
  std::set<std::string> unknown_keys, unknown_services;
  TimestampMs now = clock_.Now();
  auto cat = catalog_.Get();
  const tickets::CustomFieldDef* service_field = cat->FieldByName(kServiceField);
  tickets::ObjectDirectory* directory = tickets::InstalledObjectDirectory();
  STEWARD_TRY(db_.WriteTx([&](Connection& c) -> Status {
    accepted.clear();
    unknown_keys.clear();
    unknown_services.clear();
    for (const Parsed& d : valid) {
      accepted.push_back(KeyJson(d.key));
      STEWARD_ASSIGN_OR_RETURN(
          auto stored,
          c.QueryInt("SELECT update_sequence FROM deployments WHERE pipeline_id = ? AND "
                     "environment_id = ? AND sequence = ?",
                     {d.key.pipeline_id, d.key.environment_id, d.key.sequence}));
      if (stored && *stored >= d.update_sequence) {
        continue;  // an older or repeated report: the stored one stands (as JSM)
      }
      std::vector<std::int64_t> issue_ids;
      json::array issue_keys;
      for (const auto& k : d.issue_keys) {
        std::string key = AsciiUpper(k);
        STEWARD_ASSIGN_OR_RETURN(auto id, c.QueryInt("SELECT id FROM issues WHERE key = ?", {key}));
        if (id) {
          issue_ids.push_back(*id);
          issue_keys.push_back(json::value(key));
        } else {
          unknown_keys.insert(k);
        }
      }
      std::vector<tickets::ObjectValue> services;
      json::array service_keys;
      for (const auto& s : d.services) {
        std::optional<tickets::ObjectValue> found;
        if (service_field && directory) {
          STEWARD_ASSIGN_OR_RETURN(found, directory->Resolve(c, *service_field, s));
        }
        if (found) {
          services.push_back(*found);
          service_keys.push_back(json::value(found->key));
        } else {
          unknown_services.insert(s);
        }
      }
      STEWARD_ASSIGN_OR_RETURN(
          auto id,
          c.QueryInt(
              "INSERT INTO deployments(pipeline_id, environment_id, sequence, update_sequence, "
              "display_name, url, description, label, state, pipeline_name, pipeline_url, "
              "environment_name, environment_type, gating, triggered_by, provider, last_updated, "
              "submitted_by, created_at, updated_at) VALUES "
              "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (pipeline_id, "
              "environment_id, sequence) DO UPDATE SET update_sequence = excluded.update_sequence, "
              "display_name = excluded.display_name, url = excluded.url, description = "
              "excluded.description, label = excluded.label, state = excluded.state, "
              "pipeline_name = excluded.pipeline_name, pipeline_url = excluded.pipeline_url, "
              "environment_name = excluded.environment_name, environment_type = "
              "excluded.environment_type, gating = excluded.gating, triggered_by = "
              "excluded.triggered_by, provider = excluded.provider, last_updated = "
              "excluded.last_updated, submitted_by = excluded.submitted_by, updated_at = "
              "excluded.updated_at RETURNING id",
              {d.key.pipeline_id,
               d.key.environment_id,
               d.key.sequence,
               d.update_sequence,
               d.display_name,
               d.url,
               d.description,
               d.label,
               d.state,
               d.pipeline_name,
               d.pipeline_url,
               d.environment_name,
               d.environment_type,
               d.gating,
               d.triggered_by,
               provider,
               d.last_updated,
               p.user_id,
               now,
               now}));
      STEWARD_TRY(c.Exec("DELETE FROM deployment_issues WHERE deployment_id = ?", {*id}));
      STEWARD_TRY(c.Exec("DELETE FROM deployment_services WHERE deployment_id = ?", {*id}));
      STEWARD_TRY(c.Exec("DELETE FROM deployment_properties WHERE deployment_id = ?", {*id}));
      for (auto issue : issue_ids) {
        STEWARD_TRY(
            c.Exec("INSERT OR IGNORE INTO deployment_issues(deployment_id, issue_id) VALUES (?,?)",
                   {*id, issue}));
      }
      for (const auto& s : services) {
        STEWARD_TRY(
            c.Exec("INSERT OR IGNORE INTO deployment_services(deployment_id, object_id, "
                   "object_key) VALUES (?,?,?)",
                   {*id, s.id, s.key}));
      }
      for (const auto& [name, value] : properties) {
        STEWARD_TRY(
            c.Exec("INSERT INTO deployment_properties(deployment_id, name, value) VALUES (?,?,?)",
                   {*id, name, value}));
      }
      // A deployment to a change environment opens (or moves) its change request.
      std::optional<std::string> change_key;
      if (changes_) {
        DeploymentReport report{*id,
                                d.key,
                                d.display_name,
                                d.url,
                                d.state,
                                d.pipeline_name,
                                d.environment_name,
                                d.environment_type,
                                d.gating,
                                issue_ids,
                                {}};
        for (const auto& sv : services) {
          report.service_keys.push_back(sv.key);
        }
        STEWARD_ASSIGN_OR_RETURN(auto change, changes_->OnDeployment(c, report));
        if (change) {
          STEWARD_ASSIGN_OR_RETURN(change_key,
                                   c.QueryString("SELECT key FROM issues WHERE id = ?", {*change}));
        }
      }
      // For automation ("deployment received") and the live feed.
      json::object payload{
          {"deployment", KeyJson(d.key)},          {"state", d.state},
          {"environmentType", d.environment_type}, {"gating", d.gating},
          {"issues", std::move(issue_keys)},       {"services", std::move(service_keys)}};
      if (change_key) {
        payload["changeRequest"] = *change_key;
      }
      STEWARD_TRY(c.Exec(
          "INSERT INTO events(topic, issue_id, actor_id, payload, created_at) VALUES (?,?,?,?,?)",
          {"deployment.received", std::nullopt, p.user_id, json::serialize(payload), now}));
    }
    return Ok();
  }));
  json::object out{{"acceptedDeployments", std::move(accepted)},
                   {"rejectedDeployments", std::move(rejected)}};
  if (!unknown_keys.empty()) {
    json::array a;
    for (const auto& k : unknown_keys) {
      a.push_back(json::value(k));
    }
    out["unknownIssueKeys"] = std::move(a);
  }
  if (!unknown_services.empty()) {
    json::array a;
    for (const auto& s : unknown_services) {
      a.push_back(json::object{{"associationType", "serviceIdOrKeys"}, {"values", {s}}});
    }
    out["unknownAssociations"] = std::move(a);
  }
  return out;
}

Result<json::object> DeploymentService::Get(const Principal& p, const DeploymentKey& key) {
  STEWARD_TRY(CheckStaff(p));
  std::optional<json::object> out;
  STEWARD_TRY(db_.ReadTx([&](Connection& c) -> Status {
    STEWARD_ASSIGN_OR_RETURN(out, Load(c, "pipeline_id = ? AND environment_id = ? AND sequence = ?",
                                       {key.pipeline_id, key.environment_id, key.sequence}));
    return Ok();
  }));
  if (!out) {
    return Error::NotFound("deployments.notFound", "no such deployment");
  }
  return *out;
}

Status DeploymentService::Delete(const Principal& p, const DeploymentKey& key) {
  STEWARD_TRY(CheckStaff(p));
  std::int64_t deleted = 0;
  STEWARD_TRY(db_.WriteTx([&](Connection& c) -> Status {
    STEWARD_TRY(c.Exec(
        "DELETE FROM deployments WHERE pipeline_id = ? AND environment_id = ? AND sequence = ?",
        {key.pipeline_id, key.environment_id, key.sequence}));
    deleted = c.ChangedRows();
    return Ok();
  }));
  if (deleted == 0) {
    return Error::NotFound("deployments.notFound", "no such deployment");
  }
  return Ok();
}

Result<std::int64_t> DeploymentService::DeleteByProperties(
    const Principal& p, const std::vector<std::pair<std::string, std::string>>& properties) {
  STEWARD_TRY(CheckStaff(p));
  if (properties.empty() || properties.size() > kMaxProperties) {
    return Error::InvalidArgument("deployments.invalid",
                                  "name 1 to 5 properties to delete by (?name=value)");
  }
  // The deployments holding every named property: one row per matching pair, all pairs matched.
  auto wanted = properties;
  std::sort(wanted.begin(), wanted.end());
  wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
  std::string sql =
      "DELETE FROM deployments WHERE id IN (SELECT deployment_id FROM deployment_properties WHERE ";
  std::vector<storage::Param> params;
  for (std::size_t i = 0; i < wanted.size(); ++i) {
    sql += i == 0 ? "(name = ? AND value = ?)" : " OR (name = ? AND value = ?)";
    params.emplace_back(wanted[i].first);
    params.emplace_back(wanted[i].second);
  }
  sql += " GROUP BY deployment_id HAVING count(*) = ?)";
  params.emplace_back(static_cast<std::int64_t>(wanted.size()));
  std::int64_t deleted = 0;
  STEWARD_TRY(db_.WriteTx([&](Connection& c) -> Status {
    STEWARD_TRY(c.Exec(sql, params, storage::RowCallback()));
    deleted = c.ChangedRows();
    return Ok();
  }));
  return deleted;
}

Result<json::object> DeploymentService::List(const Principal& p, const ListFilter& f) {
  STEWARD_TRY(CheckStaff(p));
  if (f.environment_type && !OneOf(kEnvironmentTypes, *f.environment_type)) {
    return Error::InvalidArgument("deployments.invalid",
                                  "environmentType must be one of unmapped, development, testing, "
                                  "staging, production",
                                  "environmentType");
  }
  json::array values;
  auto cat = catalog_.Get();
  const tickets::CustomFieldDef* service_field = cat->FieldByName(kServiceField);
  tickets::ObjectDirectory* directory = tickets::InstalledObjectDirectory();
  STEWARD_TRY(db_.ReadTx([&](Connection& c) -> Status {
    std::optional<std::int64_t> service_id;
    if (f.service) {
      std::optional<tickets::ObjectValue> found;
      if (service_field && directory) {
        STEWARD_ASSIGN_OR_RETURN(found, directory->Resolve(c, *service_field, *f.service));
      }
      if (!found) {
        return Error::InvalidArgument("deployments.unknownService",
                                      "no service \"" + *f.service + "\"", "service");
      }
      service_id = found->id;
    }
    std::optional<std::string> issue;
    if (f.issue) {
      issue = AsciiUpper(*f.issue);
    }
    std::vector<std::int64_t> ids;
    STEWARD_TRY(c.Query(
        "SELECT d.id FROM deployments d WHERE (? IS NULL OR d.environment_type = ?) AND (? IS "
        "NULL OR EXISTS (SELECT 1 FROM deployment_services s WHERE s.deployment_id = d.id AND "
        "s.object_id = ?)) AND (? IS NULL OR EXISTS (SELECT 1 FROM deployment_issues di JOIN "
        "issues i ON i.id = di.issue_id WHERE di.deployment_id = d.id AND i.key = ?)) ORDER BY "
        "d.last_updated DESC, d.id DESC LIMIT ?",
        {f.environment_type, f.environment_type, service_id, service_id, issue, issue, f.limit},
        [&](const Row& r) { ids.push_back(r.Int(0)); }));
    for (auto id : ids) {
      STEWARD_ASSIGN_OR_RETURN(auto one, Load(c, "id = ?", {id}));
      if (one) {
        values.push_back(std::move(*one));
      }
    }
    return Ok();
  }));
  return json::object{{"values", std::move(values)}};
}

Result<json::object> DeploymentService::GatingStatus(const Principal& p, const DeploymentKey& key,
                                                     std::string_view base_url) {
  STEWARD_TRY(CheckStaff(p));
  return db_.Read([&](Connection& c) -> Result<json::object> {
    bool found = false, gating = false;
    std::optional<std::int64_t> change;
    TimestampMs updated = 0;
    STEWARD_TRY(c.Query(
        "SELECT gating, change_issue_id, updated_at FROM deployments WHERE pipeline_id = ? AND "
        "environment_id = ? AND sequence = ?",
        {key.pipeline_id, key.environment_id, key.sequence}, [&](const Row& r) {
          found = true;
          gating = r.Int(0) != 0;
          change = r.IsNull(1) ? std::nullopt : std::optional(r.Int(1));
          updated = r.Int(2);
        }));
    if (!found) {
      return Error::NotFound("deployments.notFound", "no such deployment");
    }
    std::string status = "invalid";
    json::array details;
    if (gating && change && changes_) {
      STEWARD_ASSIGN_OR_RETURN(status, changes_->GatingOf(c, *change));
      STEWARD_TRY(
          c.Query("SELECT key, updated_at FROM issues WHERE id = ?", {*change}, [&](const Row& r) {
            details.push_back(
                json::object{{"type", "issue"},
                             {"issueKey", r.String(0)},
                             {"issueLink", std::string(base_url) + "/browse/" + r.String(0)}});
            updated = std::max(updated, r.Int(1));
          }));
    }
    json::object out = KeyJson(key);
    out["gatingStatus"] = status;
    out["updatedTimestamp"] = FormatIsoUtc(updated);
    out["details"] = std::move(details);
    return out;
  });
}

Result<json::object> DeploymentService::Stats(const Principal& p, int days,
                                              const std::string& environment_type) {
  STEWARD_TRY(CheckStaff(p));
  if (days < 1 || days > 366) {
    return Error::InvalidArgument("deployments.invalid", "days must be 1 to 366", "days");
  }
  if (!OneOf(kEnvironmentTypes, environment_type)) {
    return Error::InvalidArgument("deployments.invalid",
                                  "environmentType must be one of unmapped, development, testing, "
                                  "staging, production",
                                  "environmentType");
  }
  TimestampMs since = clock_.Now() - static_cast<TimestampMs>(days) * 86400000;
  tickets::ObjectDirectory* directory = tickets::InstalledObjectDirectory();
  return db_.Read([&](Connection& c) -> Result<json::object> {
    struct Row_ {
      std::int64_t id;
      std::string key;
      std::int64_t total, ok, failed;
      TimestampMs last;
    };
    std::vector<Row_> rows;
    STEWARD_TRY(c.Query(
        "SELECT s.object_id, s.object_key, count(*), sum(CASE WHEN d.state = 'successful' THEN 1 "
        "ELSE 0 END), sum(CASE WHEN d.state IN ('failed', 'rolled_back') THEN 1 ELSE 0 END), "
        "max(d.last_updated) FROM deployments d JOIN deployment_services s ON s.deployment_id = "
        "d.id WHERE d.environment_type = ? AND d.last_updated >= ? GROUP BY s.object_id, "
        "s.object_key ORDER BY count(*) DESC, s.object_key",
        {environment_type, since}, [&](const Row& r) {
          rows.push_back({r.Int(0), r.String(1), r.Int(2), r.Int(3), r.Int(4), r.Int(5)});
        }));
    std::map<std::int64_t, tickets::ObjectValue> labels;
    if (directory && !rows.empty()) {
      std::vector<std::int64_t> ids;
      for (const auto& r : rows) {
        ids.push_back(r.id);
      }
      STEWARD_ASSIGN_OR_RETURN(labels, directory->Describe(c, ids));
    }
    json::array values;
    for (const auto& r : rows) {
      auto it = labels.find(r.id);
      std::int64_t finished = r.ok + r.failed;
      values.push_back(json::object{
          {"service",
           json::object{{"key", r.key}, {"label", it != labels.end() ? it->second.label : r.key}}},
          {"total", r.total},
          {"successful", r.ok},
          {"failed", r.failed},
          {"changeFailureRate",
           finished == 0 ? 0.0 : static_cast<double>(r.failed) / static_cast<double>(finished)},
          {"lastDeployedAt", FormatIsoUtc(r.last)}});
    }
    return json::object{{"days", days}, {"values", std::move(values)}};
  });
}

}  // namespace steward::changes
