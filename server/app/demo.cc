// The demo scenario: the world of the talk in shared/seed, so a newcomer sees a living service
// desk. People and teams of IT Operations, the ITO project with its fields, the seed's issues
// (ITO-2052 and its sub-tasks, the ITO-2075 major incident, ITO-2076, the ITO-2083 review,
// ITO-1966 and ITO-1697), and a year of generated history around them whose counts match the
// seed's screens: 83 open tickets (7 incidents, 22 problems, 36 changes, 2 sub-tasks, 14 reviews,
// 2 requests), 27 incidents resolved in the last 7 days, and 494 changes created in the past year
// (353 standard, 90 normal, 2 emergency, 49 without a type).
//
// Deterministic: the same `now` gives the same rows (a fixed-seed mt19937_64, no library
// distributions). Written in one transaction straight into the tables, because history needs
// timestamps in the past that the services (rightly) never accept.
#include "app/application.h"
#include "app/demo_data.h"
#include "base/text.h"
#include "base/time_format.h"
#include "identity/crypto.h"
#include "tickets/field_values.h"

#include <boost/json.hpp>

#include <algorithm>
#include <map>
#include <random>
#include <set>

namespace steward::app {
namespace {
namespace json = boost::json;
using demo::ApplicationFor;
using demo::kApplications;
using demo::kServices;
using demo::kStandardChanges;
using demo::StandardChange;
using storage::Connection;
using storage::Row;

constexpr std::int64_t kMin = 60'000;
constexpr std::int64_t kHour = 60 * kMin;
constexpr std::int64_t kDay = 24 * kHour;
constexpr int kLastNumber = 2090;

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : g_(seed) {}
  std::uint64_t Next() { return g_(); }
  // Uniform integer in [lo, hi].
  std::int64_t Between(std::int64_t lo, std::int64_t hi) {
    return lo + static_cast<std::int64_t>(Next() % static_cast<std::uint64_t>(hi - lo + 1));
  }
  bool Percent(int p) { return static_cast<int>(Next() % 100) < p; }
  template <typename T>
  const T& Pick(const std::vector<T>& v) {
    return v[Next() % v.size()];
  }
  template <typename T>
  void Shuffle(std::vector<T>& v) {
    for (size_t i = v.size(); i > 1; --i) {
      std::swap(v[i - 1], v[Next() % i]);
    }
  }

 private:
  std::mt19937_64 g_;
};

struct Person {
  const char* username;
  const char* display_name;
  const char* kind;
  const char* time_zone;
  bool demo_login;
};

const Person kPeople[] = {
    {"admin", "Admin Istrator", "admin", "UTC", true},
    {"alana", "Alana Grant", "agent", "America/New_York", true},
    {"mitch", "Mitch Davis", "agent", "America/Chicago", true},
    {"jennifer", "Jennifer Evans", "agent", "Europe/London", true},
    {"paul", "Paul Buffington", "agent", "America/Los_Angeles", true},
    {"customer", "Casey Morgan", "customer", "Europe/Berlin", true},
    {"automation", "Automation for Steward", "bot", "UTC", false},
    {"riley.chen", "Riley Chen", "customer", "America/New_York", false},
    {"jordan.patel", "Jordan Patel", "customer", "Europe/London", false},
    {"sam.okafor", "Sam Okafor", "customer", "Africa/Lagos", false},
    {"taylor.kim", "Taylor Kim", "customer", "Asia/Seoul", false},
    {"morgan.silva", "Morgan Silva", "customer", "America/Sao_Paulo", false},
};

const std::vector<std::string> kAgents = {"alana", "mitch", "jennifer", "paul"};
const std::vector<std::string> kCustomers = {"customer",   "riley.chen", "jordan.patel",
                                             "sam.okafor", "taylor.kim", "morgan.silva"};

const std::vector<std::string> kIncidentSymptoms = {"is unavailable for some users",
                                                    "responds slowly during peak hours",
                                                    "returns intermittent 500 errors",
                                                    "rejects logins after the password change",
                                                    "shows stale data",
                                                    "times out on checkout",
                                                    "drops connections every few minutes",
                                                    "fails to send notification emails",
                                                    "is missing yesterday's batch import",
                                                    "certificate expired warning in browsers",
                                                    "high CPU alerts on the primary node",
                                                    "disk usage above 90% on the database host"};
const std::vector<std::string> kRequestTemplates = {
    "Access request: {app}",          "New laptop for a starter in Finance",
    "Password reset for {app}",       "Add me to the {service} distribution list",
    "Install software: {app} client", "Request a VPN token",
    "Increase mailbox quota",         "Create a shared drive for the audit team"};
const std::vector<std::string> kProblemTemplates = {
    "Recurring outages of {service}", "Root cause of slow {service} responses",
    "Memory leak in {app} workers", "Repeated failover of {app} nodes",
    "Intermittent DNS resolution failures affecting {service}"};
const std::vector<std::string> kNormalChanges = {
    "Upgrade {app} to the next major version",      "Migrate {service} to the new cluster",
    "Rotate TLS certificates for {service}",        "Change firewall rules for {service}",
    "Enable multi-factor authentication for {app}", "Resize the {app} database"};
const std::vector<std::string> kTaskTemplates = {
    "Update the runbook for {service}", "Review alert thresholds for {service}",
    "Document the recovery procedure for {app}", "Clean up unused accounts in {app}"};

std::string Fill(std::string tpl, Rng& rng) {
  auto replace = [&](const std::string& key, const std::vector<std::string>& values) {
    size_t pos = tpl.find(key);
    if (pos != std::string::npos) {
      tpl.replace(pos, key.size(), rng.Pick(values));
    }
  };
  replace("{app}", kApplications);
  replace("{service}", kServices);
  return tpl;
}

// Ids of the catalog and people, and the primitive inserts.
class DemoWriter {
 public:
  DemoWriter(Connection& c, const tickets::Catalog& cat) : c_(c), cat_(cat) {}

  Status LoadPeople() {
    return c_.Query("SELECT id, username FROM users", {},
                    [&](const Row& r) { users_[r.String(1)] = r.Int(0); });
  }
  std::int64_t User(const std::string& name) const { return users_.at(name); }
  std::int64_t StatusId(const std::string& name) const { return cat_.StatusByName(name)->id; }
  std::int64_t TypeId(const std::string& name) const { return cat_.IssueTypeByName(name)->id; }
  std::int64_t PriorityId(const std::string& name) const { return cat_.PriorityByName(name)->id; }
  std::int64_t ResolutionId(const std::string& name) const {
    return cat_.ResolutionByName(name)->id;
  }
  const tickets::Catalog& catalog() const { return cat_; }
  Connection& conn() { return c_; }

  struct Issue {
    int number = 0;
    std::string type;
    std::string status;
    std::string summary;
    std::string description;
    std::string priority = "Medium";
    std::string reporter;
    std::string assignee;
    TimestampMs created = 0;
    TimestampMs updated = 0;
    std::optional<TimestampMs> resolved;
    std::string resolution;
    std::optional<std::int64_t> parent;
    std::vector<std::string> labels;
  };

  Result<std::int64_t> Insert(std::int64_t project, const Issue& i) {
    std::optional<std::int64_t> res;
    if (!i.resolution.empty()) {
      res = ResolutionId(i.resolution);
    }
    std::optional<std::int64_t> assignee;
    if (!i.assignee.empty()) {
      assignee = User(i.assignee);
    }
    STEWARD_ASSIGN_OR_RETURN(
        auto id,
        c_.QueryInt(
            "INSERT INTO issues(project_id, number, key, issue_type_id, status_id, "
            "resolution_id, priority_id, summary, description, assignee_id, reporter_id, "
            "parent_id, created_at, updated_at, resolved_at) VALUES "
            "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
            {project, i.number, "ITO-" + std::to_string(i.number), TypeId(i.type),
             StatusId(i.status), res, PriorityId(i.priority), i.summary, i.description, assignee,
             User(i.reporter), i.parent, i.created, std::max(i.updated, i.created), i.resolved}));
    for (const auto& l : i.labels) {
      STEWARD_TRY(c_.Exec("INSERT INTO issue_labels(issue_id, label) VALUES (?,?)", {*id, l}));
    }
    STEWARD_TRY(
        c_.Exec("INSERT INTO issue_users(issue_id, role, user_id) VALUES (?, 'watcher', ?) "
                "ON CONFLICT DO NOTHING",
                {*id, User(i.reporter)}));
    return *id;
  }

  // Sets a custom field from its JSON form, validated like an API call.
  steward::Status Field(std::int64_t issue, const std::string& name, const json::value& value) {
    const tickets::CustomFieldDef* f = cat_.FieldByName(name);
    if (!f) {
      return Error::Internal("demo field missing: " + name);
    }
    tickets::Resolver r;
    r.user =
        [&](std::string_view u) -> Result<std::optional<std::pair<std::int64_t, std::string>>> {
      auto it = users_.find(std::string(u));
      if (it == users_.end()) {
        return std::optional<std::pair<std::int64_t, std::string>>();
      }
      return std::optional<std::pair<std::int64_t, std::string>>({it->second, std::string(u)});
    };
    r.team = [&](std::string_view) -> Result<std::optional<std::pair<std::int64_t, std::string>>> {
      return std::optional<std::pair<std::int64_t, std::string>>();
    };
    r.object = [&](const tickets::CustomFieldDef& field,
                   std::string_view text) -> Result<std::optional<tickets::ObjectValue>> {
      STEWARD_ASSIGN_OR_RETURN(auto schema, cmdb::CmdbService::SchemaId(c_, field.object.schema));
      STEWARD_ASSIGN_OR_RETURN(auto found,
                               cmdb::CmdbService::Resolve(c_, text, schema.value_or(0)));
      if (!found) {
        return Error::Internal("demo object missing: " + std::string(text));
      }
      return std::optional<tickets::ObjectValue>({found->id, found->key, found->label});
    };
    STEWARD_ASSIGN_OR_RETURN(auto values, tickets::ParseFieldValue(*f, value, r));
    std::int64_t seq = 0;
    for (const auto& v : values) {
      STEWARD_TRY(
          c_.Exec("INSERT INTO issue_field_values(issue_id, field_id, seq, text_value, "
                  "int_value, real_value) VALUES (?,?,?,?,?,?)",
                  {issue, f->id, seq++, v.text, v.integer,
                   v.real ? storage::Param(*v.real) : storage::Param()}));
    }
    return Ok();
  }

  // The fields a standard change takes from its catalog entry (S6.2).
  steward::Status StandardChangeFields(std::int64_t issue, const StandardChange& sc,
                                       const std::string& application, TimestampMs start,
                                       TimestampMs end) {
    STEWARD_TRY(Field(issue, "Change type", json::value("Standard")));
    STEWARD_TRY(Field(issue, "Application to change", json::value(application)));
    STEWARD_TRY(Field(issue, "Type of standard change", json::value(sc.name)));
    STEWARD_TRY(Field(issue, "Implementation plan", json::value(sc.implementation)));
    STEWARD_TRY(Field(issue, "Backout plan", json::value(sc.backout)));
    STEWARD_TRY(Field(issue, "Test plan", json::value(sc.test)));
    STEWARD_TRY(Field(issue, "Change risk", json::value("Low")));
    STEWARD_TRY(Field(issue, "Planned start", json::value(FormatIsoUtc(start))));
    return Field(issue, "Planned end", json::value(FormatIsoUtc(end)));
  }

  steward::Status History(std::int64_t issue, const std::string& author, TimestampMs at,
                          const std::string& field, std::optional<std::string> from,
                          std::optional<std::string> to) {
    STEWARD_ASSIGN_OR_RETURN(
        auto g, c_.QueryInt("INSERT INTO change_groups(issue_id, author_id, created_at) VALUES "
                            "(?,?,?) RETURNING id",
                            {issue, User(author), at}));
    std::optional<std::string> from_id, to_id;
    if (field == "status") {
      if (from) {
        from_id = std::to_string(StatusId(*from));
      }
      if (to) {
        to_id = std::to_string(StatusId(*to));
      }
    }
    return c_.Exec(
        "INSERT INTO change_items(group_id, field, from_value, from_string, to_value, "
        "to_string) VALUES (?,?,?,?,?,?)",
        {*g, field, from_id, from, to_id, to});
  }

  steward::Status Comment(std::int64_t issue, const std::string& author, TimestampMs at,
                          const std::string& body, bool internal) {
    return c_.Exec(
        "INSERT INTO comments(issue_id, author_id, body, internal, created_at, "
        "updated_at) VALUES (?,?,?,?,?,?)",
        {issue, User(author), body, internal, at, at});
  }

  steward::Status Link(const std::string& type, std::int64_t source, std::int64_t target,
                       TimestampMs at) {
    std::int64_t lt = 0;
    for (const auto& l : cat_.link_types) {
      if (l.name == type) {
        lt = l.id;
      }
    }
    return c_.Exec(
        "INSERT INTO issue_links(link_type_id, source_id, target_id, author_id, "
        "created_at) VALUES (?,?,?,?,?) ON CONFLICT DO NOTHING",
        {lt, source, target, User("automation"), at});
  }

 private:
  Connection& c_;
  const tickets::Catalog& cat_;
  std::map<std::string, std::int64_t> users_;
};

struct FieldSpec {
  const char* name;
  const char* type;
  const char* issue_types;  // comma-separated names, empty: all
  std::vector<std::string> options;
  const char* config = "{}";  // object fields: schema and AQL scopes
};

std::vector<FieldSpec> DemoFields() {
  std::vector<std::string> yes_no = {"Yes", "No"};
  return {
      {"Change type", "select", "Change", {"Standard", "Normal", "Emergency"}},
      {"Impact",
       "select",
       "Incident,Change,Problem,Service request",
       {"Extensive / Widespread", "Significant / Large", "Moderate / Limited",
        "Minor / Localized"}},
      {"Urgency",
       "select",
       "Incident,Change,Problem,Service request",
       {"Critical", "High", "Medium", "Low"}},
      {"Affected services",
       "object",
       "Incident,Change,Problem",
       {},
       R"({"objectSchema":"SVC","filterScope":"objectType = Services","issueScope":"",)"
       R"("multiple":true})"},
      {"Application to change",
       "object",
       "Change",
       {},
       R"({"objectSchema":"SVC","filterScope":"objectType = Applications","issueScope":"",)"
       R"("multiple":false})"},
      {"Type of standard change",
       "object",
       "Change",
       {},
       R"({"objectSchema":"PS","filterScope":"objectType = \"Standard Changes\"",)"
       R"("issueScope":"\"Applications Applicable\" = ${Application to change}",)"
       R"("multiple":false})"},
      {"Planned start", "datetime", "Change", {}},
      {"Planned end", "datetime", "Change", {}},
      {"Implementation plan", "paragraph", "Change", {}},
      {"Backout plan", "paragraph", "Change", {}},
      {"Test plan", "paragraph", "Change", {}},
      {"Change risk", "select", "Change", {"Low", "Medium", "High", "Critical"}},
      {"Change conflict", "select", "Change", yes_no},
      {"Will this change be completed during business hours?", "select", "Change", yes_no},
      {"Testing completed for this change request?", "select", "Change", yes_no},
      {"Is the change easily rolled back?", "select", "Change", yes_no},
      {"Major incident", "yesno", "Incident", {}},
      {"Responders", "multiuser", "Incident", {}},
      {"Stakeholders", "multiuser", "Incident", {}},
      {"Chat channel", "text", "Incident", {}},
      {"Conference call", "url", "Incident", {}},
      {"Root cause", "paragraph", "Problem,Post-incident review", {}},
      {"Workaround", "paragraph", "Problem,Post-incident review", {}},
      {"Investigation reason",
       "select",
       "Post-incident review,Problem",
       {"High impact incident", "Recurring incident", "Customer escalation", "Proactive review"}},
      {"Affected hardware",
       "multiselect",
       "Incident,Problem,Post-incident review",
       {"db-prod-01", "db-prod-02", "app-eu-01", "app-eu-02", "lb-core-01", "san-01"}},
      {"Application impacted",
       "object",
       "Incident,Problem,Post-incident review",
       {},
       R"({"objectSchema":"SVC","filterScope":"objectType = Applications","issueScope":"",)"
       R"("multiple":false})"},
      // Last, so the ids of the fields above stay as the query golden files know them.
      {"Approved by", "user", "Change", {}},
  };
}

Status CreateWorld(Connection& c, TimestampMs now) {
  std::string hash;
  {
    auto h = identity::HashPassword("demo");
    if (!h.ok()) {
      return std::move(h).error();
    }
    hash = *h;
  }
  TimestampMs founded = now - 420 * kDay;
  for (const auto& p : kPeople) {
    std::string email = std::string(p.username) + "@steward.example";
    STEWARD_TRY(
        c.Exec("INSERT INTO users(username, display_name, email, time_zone, kind, active, "
               "password_hash, created_at, updated_at) VALUES (?,?,?,?,?,1,?,?,?) "
               // The automation user exists already (automation creates it at start).
               "ON CONFLICT (username) DO UPDATE SET display_name = excluded.display_name, "
               "email = excluded.email, created_at = excluded.created_at, "
               "updated_at = excluded.updated_at",
               {p.username, p.display_name, email, p.time_zone, p.kind,
                p.demo_login ? std::optional<std::string>(hash) : std::nullopt, founded, founded}));
  }
  auto team = [&](const char* name, const char* desc,
                  std::vector<const char*> members) -> steward::Status {
    STEWARD_ASSIGN_OR_RETURN(auto id, c.QueryInt("INSERT INTO teams(name, description, created_at) "
                                                 "VALUES (?,?,?) RETURNING id",
                                                 {name, desc, founded}));
    for (const char* m : members) {
      STEWARD_TRY(
          c.Exec("INSERT INTO team_members(team_id, user_id) SELECT ?, id FROM users "
                 "WHERE username = ?",
                 {*id, m}));
    }
    return Ok();
  };
  STEWARD_TRY(team("Platform Support", "Runs the application platform and its data stores",
                   {"mitch", "alana", "paul"}));
  STEWARD_TRY(team("Network Support", "Runs the network, VPN and edge", {"jennifer", "paul"}));
  STEWARD_TRY(team("Change Advisory Board",
                   "Reviews high-risk and emergency changes; two members approve a high-risk "
                   "change",
                   {"mitch", "jennifer", "paul"}));
  STEWARD_ASSIGN_OR_RETURN(auto org, c.QueryInt("INSERT INTO organizations(name, created_at) "
                                                "VALUES ('Retail Division', ?) RETURNING id",
                                                {founded}));
  for (const auto& cu : kCustomers) {
    STEWARD_TRY(
        c.Exec("INSERT INTO organization_members(organization_id, user_id) SELECT ?, id "
               "FROM users WHERE username = ?",
               {*org, cu}));
  }
  STEWARD_ASSIGN_OR_RETURN(
      auto project,
      c.QueryInt("INSERT INTO projects(key, name, description, lead_id, next_number, created_at) "
                 "SELECT 'ITO', 'IT Operations', 'This is the spot where Central Operations keeps "
                 "your services running smoothly.', id, 1, ? FROM users WHERE username = 'alana' "
                 "RETURNING id",
                 {founded}));
  const char* roles[][2] = {{"administrator", "mitch"}, {"administrator", "alana"},
                            {"agent", "jennifer"},      {"agent", "paul"},
                            {"agent", "alana"},         {"agent", "mitch"}};
  for (const auto& [role, user] : roles) {
    STEWARD_TRY(
        c.Exec("INSERT INTO project_roles(project_id, role, user_id) SELECT ?, ?, id FROM "
               "users WHERE username = ?",
               {*project, role, user}));
  }
  STEWARD_TRY(
      c.Exec("INSERT INTO project_roles(project_id, role, team_id) SELECT ?, 'agent', id "
             "FROM teams",
             {*project}));
  STEWARD_TRY(
      c.Exec("INSERT INTO project_roles(project_id, role, organization_id) VALUES "
             "(?, 'customer', ?)",
             {*project, *org}));
  for (const char* comp :
       {"Change Enablement", "Incident Management", "Service Desk", "Network", "Platform"}) {
    STEWARD_TRY(c.Exec("INSERT INTO components(project_id, name) VALUES (?,?)", {*project, comp}));
  }
  int field_pos = 0;
  for (const auto& f : DemoFields()) {
    std::string type_ids;
    for (auto name : Split(f.issue_types, ',')) {
      if (name.empty()) {
        continue;
      }
      STEWARD_ASSIGN_OR_RETURN(auto tid,
                               c.QueryInt("SELECT id FROM issue_types WHERE name = ?", {name}));
      type_ids += (type_ids.empty() ? "" : ",") + std::to_string(*tid);
    }
    STEWARD_ASSIGN_OR_RETURN(
        auto fid, c.QueryInt("INSERT INTO custom_fields(name, type, description, issue_types, "
                             "created_at, config) VALUES (?,?,'',?,?,?) RETURNING id",
                             {f.name, f.type, type_ids, founded + field_pos++, f.config}));
    int pos = 0;
    for (const auto& o : f.options) {
      STEWARD_TRY(
          c.Exec("INSERT INTO custom_field_options(field_id, value, position) VALUES "
                 "(?,?,?)",
                 {*fid, o, pos++}));
    }
  }
  return Ok();
}

// Statuses an issue passes through to reach `final_status`.
std::vector<std::string> PathTo(const std::string& type, const std::string& change_type,
                                const std::string& final_status) {
  std::vector<std::string> full;
  if (type == "Incident") {
    full = {"Open", "Investigating", "Resolved", "Closed"};
    if (final_status == "Requires triage") {
      full = {"Open", "Requires triage"};
    }
  } else if (type == "Change") {
    if (change_type == "Standard") {
      full = {"Open", "Awaiting implementation", "Implementing", "Completed"};
    } else if (change_type == "Emergency") {
      full = {"Open", "Awaiting approval", "Awaiting implementation", "Implementing", "Completed"};
    } else {
      full = {"Open",         "Planning", "Awaiting approval", "Awaiting implementation",
              "Implementing", "Completed"};
    }
    if (final_status == "Failed") {
      full.back() = "Failed";
    }
  } else if (type == "Problem") {
    full = {"Open", "Under investigation", "Known error", "Completed"};
  } else if (type == "Service request") {
    full = {"Waiting for support", "In progress", "Resolved", "Closed"};
  } else if (type == "Post-incident review") {
    full = {"Open", "Under review", "Completed"};
  } else {
    full = {"Open", "Work in progress", "Done"};
  }
  std::vector<std::string> out;
  for (const auto& s : full) {
    out.push_back(s);
    if (s == final_status) {
      return out;
    }
  }
  return out;
}

struct Slot {
  int number = 0;
  TimestampMs created = 0;
  std::string type;
  std::string change_type;  // for changes; "" = none
  bool open = false;
  std::string open_status;
  bool resolved_recently = false;  // incidents resolved in the last 7 days
  bool major = false;
  int pir_for = 0;  // PIR: the incident number it reviews
};

}  // namespace

// The help center of the seed ("Help Center / Operations"), configured through the request
// service like an administrator would, then the demo's requests tied to their request types.
static Status LoadDemoPortal(Application& app) {
  STEWARD_ASSIGN_OR_RETURN(auto admin_id, app.db().Read([](Connection& c) {
    return c.QueryInt("SELECT id FROM users WHERE username = 'admin'");
  }));
  http::Principal admin;
  admin.user_id = admin_id.value_or(0);
  admin.username = "admin";
  admin.kind = "admin";
  auto& rs = app.requests();
  STEWARD_ASSIGN_OR_RETURN(
      auto portal,
      rs.PutPortal(admin, "ITO",
                   json::object{{"name", "Operations"},
                                {"description",
                                 "This is the spot where Central Operations keeps your services "
                                 "running smoothly."},
                                {"announcement",
                                 json::object{{"title", "Active Issue on Billing Performance"},
                                              {"message",
                                               "We are experiencing degraded performance on our "
                                               "Billing App and are working to address it. "
                                               "Updates follow here every 30 minutes."}}}}));
  std::int64_t portal_id = portal.at("id").as_int64();
  auto field = [](const char* f, const char* label, const char* help, bool required) {
    return json::object{{"field", f}, {"label", label}, {"help", help}, {"required", required}};
  };
  const json::object incident_statuses{{"Open", "Waiting for support"},
                                       {"Requires triage", "Waiting for support"},
                                       {"Investigating", "In progress"},
                                       {"Pending review", "In progress"},
                                       {"Completed", "Resolved"}};
  const json::object change_statuses{{"Open", "Submitted"},
                                     {"Planning", "Submitted"},
                                     {"Awaiting approval", "Waiting for approval"},
                                     {"Awaiting implementation", "Scheduled"},
                                     {"Implementing", "In progress"}};
  const json::object types[] = {
      {{"name", "Get IT help"},
       {"description", "Get assistance for general IT problems and questions."},
       {"issueType", "Service request"},
       {"icon", "lifebuoy"},
       {"groups", json::array{"Get IT help"}},
       {"fields",
        json::array{field("summary", "What do you need help with?", "", true),
                    field("description", "Tell us more",
                          "Steps you took, what you expected and what happened.", false)}}},
      {{"name", "Request new software"},
       {"description", "Ask for software to be installed or licensed for you."},
       {"issueType", "Service request"},
       {"icon", "apps"},
       {"groups", json::array{"Get IT help"}},
       {"fields", json::array{field("summary", "Which software do you need?", "", true),
                              field("description", "Why do you need it?",
                                    "Your manager approves licences above 100 EUR a year.", false),
                              field("dueDate", "Needed by", "", false)}}},
      {{"name", "Report a system problem"},
       {"description", "Something is broken or slow? Tell us what is affected."},
       {"issueType", "Incident"},
       {"icon", "alert-triangle"},
       {"groups", json::array{"Report a problem"}},
       {"statusNames", incident_statuses},
       {"fields", json::array{field("summary", "What's wrong?",
                                    "A short headline, e.g. checkout fails.", true),
                              field("description", "Describe the problem",
                                    "When it started, who is affected, any error messages.", false),
                              field("Affected services", "Affected services",
                                    "Which services do you see the problem in?", false),
                              field("Urgency", "How urgent is it?", "", false)}}},
      {{"name", "Request routine maintenance (standard change)"},
       {"description",
        "Need a standard (pre-approved) change? Choose the type from the catalog of "
        "pre-approved changes."},
       {"issueType", "Change"},
       {"icon", "tool"},
       {"groups", json::array{"Contact us about Change Enablement"}},
       {"statusNames", change_statuses},
       {"fields",
        json::array{
            field("summary", "Summary", "", true),
            field("Application to change", "Application to Change",
                  "Which Application will be impacted?", true),
            field("Type of standard change", "Which type of standard change is this for?",
                  "Select from the pre-approved options. If you do not see what you need, "
                  "please log a normal change instead",
                  true),
            field("Planned start", "Planned start",
                  "Select the optimum data for starting this change (this might be adjusted "
                  "based on current schedule)",
                  false),
            field("Planned end", "Planned end", "", false)}}},
      {{"name", "Request a change"},
       {"description", "Propose a normal change for review by the change advisory board."},
       {"issueType", "Change"},
       {"icon", "git-pull-request"},
       {"groups", json::array{"Contact us about Change Enablement"}},
       {"statusNames", change_statuses},
       {"fields", json::array{field("summary", "Summary", "", true),
                              field("description", "What is changing and why?", "", true),
                              field("Application to change", "Application to Change", "", true),
                              field("Planned start", "Planned start", "", false),
                              field("Planned end", "Planned end", "", false),
                              field("Implementation plan", "Implementation plan", "", false),
                              field("Backout plan", "Backout plan", "", false),
                              field("Test plan", "Test plan", "", false)}}},
  };
  std::map<std::string, std::int64_t> type_ids;
  for (const auto& t : types) {
    STEWARD_ASSIGN_OR_RETURN(auto created, rs.CreateRequestType(admin, portal_id, t));
    type_ids[std::string(t.at("name").as_string())] = created.at("id").as_int64();
  }
  // The demo's requests: service requests, customers' incidents, and the standard changes of
  // the catalog (ITO-2052 among them).
  return app.db().WriteTx([&](Connection& c) -> Status {
    STEWARD_TRY(c.Exec(
        "INSERT INTO request_issues(issue_id, request_type_id) SELECT i.id, ? FROM issues i JOIN "
        "issue_types t ON t.id = i.issue_type_id WHERE t.name = 'Service request'",
        {type_ids["Get IT help"]}));
    STEWARD_TRY(c.Exec(
        "INSERT INTO request_issues(issue_id, request_type_id) SELECT i.id, ? FROM issues i JOIN "
        "issue_types t ON t.id = i.issue_type_id JOIN users u ON u.id = i.reporter_id WHERE "
        "t.name = 'Incident' AND u.kind = 'customer'",
        {type_ids["Report a system problem"]}));
    STEWARD_TRY(c.Exec(
        "INSERT INTO request_issues(issue_id, request_type_id) SELECT DISTINCT i.id, ? FROM "
        "issues i JOIN issue_field_values v ON v.issue_id = i.id JOIN custom_fields f ON f.id = "
        "v.field_id WHERE f.name = 'Type of standard change'",
        {type_ids["Request routine maintenance (standard change)"]}));
    return Ok();
  });
}

Result<bool> DemoLoaded(Application& app) {
  return app.db().Read([](Connection& c) -> Result<bool> {
    STEWARD_ASSIGN_OR_RETURN(auto id, c.QueryInt("SELECT id FROM projects WHERE key = 'ITO'"));
    return id.has_value();
  });
}

Status LoadDemo(Application& app, TimestampMs now) {
  // One transaction: a failure leaves no half-loaded demo behind.
  STEWARD_TRY(app.db().WriteTx([&](Connection& c) -> Status {
    STEWARD_TRY(CreateWorld(c, now));
    STEWARD_TRY(demo::CreateDemoCmdb(c, now));
    STEWARD_ASSIGN_OR_RETURN(auto cat, tickets::Catalog::Load(c));
    DemoWriter w(c, *cat);
    STEWARD_TRY(w.LoadPeople());
    STEWARD_ASSIGN_OR_RETURN(auto project_id,
                             c.QueryInt("SELECT id FROM projects WHERE key = 'ITO'"));
    Rng rng(20752052);

    // Creation times: piecewise linear between the seed's anchors, with a little jitter.
    const std::vector<std::pair<int, TimestampMs>> anchors = {{1, now - 400 * kDay},
                                                              {1697, now - 70 * kDay},
                                                              {1966, now - 20 * kDay},
                                                              {2052, now - kDay - 28 * kMin},
                                                              {2075, now - 9 * kHour - 28 * kMin},
                                                              {2083, now - 3 * kHour},
                                                              {kLastNumber, now - 20 * kMin}};
    std::vector<TimestampMs> created(kLastNumber + 1);
    for (size_t a = 0; a + 1 < anchors.size(); ++a) {
      auto [n0, t0] = anchors[a];
      auto [n1, t1] = anchors[a + 1];
      for (int n = n0; n <= n1; ++n) {
        TimestampMs base = t0 + (t1 - t0) * (n - n0) / (n1 - n0);
        TimestampMs gap = (t1 - t0) / (n1 - n0);
        created[n] = (n == n0 || n == n1) ? base : base + rng.Between(-gap / 3, gap / 3);
      }
    }
    created[2053] = created[2052] + kMin;
    created[2054] = created[2052] + 2 * kMin;
    const std::set<int> seed = {1697, 1966, 2052, 2053, 2054, 2075, 2076, 2083};

    // Decide every generated slot's type and fate.
    std::vector<Slot> slots(kLastNumber + 1);
    std::vector<int> year, recent, older;
    for (int n = 1; n <= kLastNumber; ++n) {
      slots[n].number = n;
      slots[n].created = created[n];
      if (seed.count(n)) {
        continue;
      }
      if (created[n] >= now - 365 * kDay) {
        year.push_back(n);
        if (created[n] >= now - 14 * kDay) {
          recent.push_back(n);
        }
      } else {
        older.push_back(n);
      }
    }
    std::set<int> taken;
    // 32 recent incidents: the newest 5 open in triage, 27 resolved in the last 7 days.
    std::vector<int> pool = recent;
    rng.Shuffle(pool);
    std::vector<int> recent_incidents(pool.begin(), pool.begin() + 32);
    std::sort(recent_incidents.begin(), recent_incidents.end());
    for (size_t k = 0; k < recent_incidents.size(); ++k) {
      Slot& s = slots[recent_incidents[k]];
      s.type = "Incident";
      if (k + 5 >= recent_incidents.size()) {
        s.open = true;
        s.open_status = "Requires triage";
      } else {
        s.resolved_recently = true;
      }
      taken.insert(s.number);
    }
    std::vector<int> rest;
    for (int n : year) {
      if (!taken.count(n)) {
        rest.push_back(n);
      }
    }
    rng.Shuffle(rest);
    size_t at = 0;
    auto assign = [&](const std::string& type, size_t count, const std::string& change_type) {
      for (size_t k = 0; k < count && at < rest.size(); ++k, ++at) {
        slots[rest[at]].type = type;
        slots[rest[at]].change_type = change_type;
      }
    };
    assign("Change", 350, "Standard");
    assign("Change", 90, "Normal");
    assign("Change", 2, "Emergency");
    assign("Change", 49, "");
    assign("Post-incident review", 39, "");
    assign("Problem", 110, "");
    assign("Task", 60, "");
    for (; at < rest.size(); ++at) {
      // Recent incidents are exactly the 32 above, so the last-7-days figures stay exact.
      bool is_recent = slots[rest[at]].created >= now - 14 * kDay;
      slots[rest[at]].type = !is_recent && rng.Percent(55) ? "Incident" : "Service request";
    }
    for (int n : older) {
      int roll = static_cast<int>(rng.Between(0, 99));
      Slot& s = slots[n];
      s.type = roll < 25   ? "Change"
               : roll < 60 ? "Incident"
               : roll < 90 ? "Service request"
               : roll < 96 ? "Problem"
                           : "Task";
      if (s.type == "Change") {
        s.change_type = roll < 18 ? "Standard" : "Normal";
      }
    }
    auto newest = [&](const std::string& type, TimestampMs since) {
      std::vector<int> out;
      for (int n = kLastNumber; n >= 1; --n) {
        if (slots[n].type == type && !seed.count(n) && slots[n].created >= since) {
          out.push_back(n);
        }
      }
      return out;
    };
    auto open_some = [&](std::vector<int> candidates, size_t count,
                         const std::function<std::string(const Slot&)>& status) {
      rng.Shuffle(candidates);
      for (size_t k = 0; k < count && k < candidates.size(); ++k) {
        Slot& s = slots[candidates[k]];
        s.open = true;
        s.open_status = status(s);
      }
    };
    open_some(newest("Change", now - 45 * kDay), 33, [&](const Slot& s) -> std::string {
      if (s.change_type == "Standard") {
        return rng.Percent(70) ? "Awaiting implementation" : "Implementing";
      }
      if (s.change_type == "Emergency") {
        return "Awaiting approval";
      }
      if (s.change_type.empty()) {
        return "Open";
      }
      const std::vector<std::string> normal = {"Planning", "Awaiting approval",
                                               "Awaiting implementation", "Implementing"};
      return rng.Pick(normal);
    });
    open_some(newest("Problem", now - 200 * kDay), 22, [&](const Slot&) -> std::string {
      const std::vector<std::string> st = {"Open", "Under investigation", "Known error"};
      return rng.Pick(st);
    });
    {
      auto pirs = newest("Post-incident review", now - 365 * kDay);
      pirs.resize(std::min<size_t>(pirs.size(), 20));
      open_some(pirs, 13, [&](const Slot&) -> std::string {
        return rng.Percent(50) ? "Open" : "Under review";
      });
    }
    {
      auto requests = newest("Service request", now - 30 * kDay);
      for (size_t k = 0; k < 2 && k < requests.size(); ++k) {
        slots[requests[k]].open = true;
        slots[requests[k]].open_status = k == 0 ? "Waiting for support" : "In progress";
      }
    }
    // Each review looks back at a resolved major incident raised a few days before it.
    for (int n = 1; n <= kLastNumber; ++n) {
      if (slots[n].type != "Post-incident review" || seed.count(n)) {
        continue;
      }
      for (int m = n - 3; m > 0 && m > n - 80; --m) {
        Slot& inc = slots[m];
        if (inc.type == "Incident" && !inc.open && !inc.major && !inc.resolved_recently &&
            !seed.count(m)) {
          inc.major = true;
          slots[n].pir_for = m;
          break;
        }
      }
    }

    std::map<int, std::int64_t> ids;
    const std::vector<std::string> priorities = {"Critical", "High", "Medium", "Medium",
                                                 "Medium",   "Low",  "Low",    "Lowest"};
    const std::vector<std::string> impacts = {"Extensive / Widespread", "Significant / Large",
                                              "Moderate / Limited", "Minor / Localized"};
    const std::vector<std::string> urgencies = {"Critical", "High", "Medium", "Low"};

    auto generate = [&](Slot& s) -> steward::Status {
      DemoWriter::Issue i;
      i.number = s.number;
      i.type = s.type;
      i.created = s.created;
      bool customer_raised =
          s.type == "Service request" || (s.type == "Incident" && rng.Percent(40));
      i.reporter = customer_raised ? rng.Pick(kCustomers) : rng.Pick(kAgents);
      if (s.type == "Post-incident review") {
        i.reporter = "automation";
      }
      std::string service = rng.Pick(kServices);
      std::string app_name = rng.Pick(kApplications);
      const StandardChange& sc = rng.Pick(kStandardChanges);
      if (s.type == "Incident") {
        i.summary = service + " " + rng.Pick(kIncidentSymptoms);
        i.description = "Reported by users of " + service + ". Monitoring shows the same.";
      } else if (s.type == "Service request") {
        i.summary = Fill(rng.Pick(kRequestTemplates), rng);
        i.description = "Please help with this request.";
      } else if (s.type == "Problem") {
        i.summary = Fill(rng.Pick(kProblemTemplates), rng);
        i.description = "Several incidents point to a common cause.";
      } else if (s.type == "Change") {
        if (s.change_type == "Standard") {
          const std::string& std_app = ApplicationFor(sc, app_name);
          i.summary = "Standard change " + std::string(sc.name) + " for " + std_app;
          i.description = "This is a Standard Pre-Approved Change for " + std::string(sc.name) +
                          " for " + std_app + ", Approved by Mitch Davis";
        } else if (s.change_type == "Emergency") {
          i.summary = "Emergency patch for " + app_name + " security advisory";
          i.description = "Vendor advisory requires immediate patching.";
        } else {
          i.summary = Fill(rng.Pick(kNormalChanges), rng);
          i.description = "Planned change raised by the platform team.";
        }
      } else if (s.type == "Post-incident review") {
        i.summary = "Post Incident Review for ITO-" + std::to_string(s.pir_for);
        i.description =
            "Review of the major incident: leadup, fault, impact, detection, "
            "response, recovery, five whys, lessons learned and corrective actions.";
      } else {
        i.summary = Fill(rng.Pick(kTaskTemplates), rng);
        i.description = "";
      }
      i.priority = s.type == "Incident" && s.major ? "Critical" : rng.Pick(priorities);
      i.assignee = rng.Pick(kAgents);
      std::string final_status;
      if (s.open) {
        final_status = s.open_status;
      } else if (s.type == "Incident") {
        final_status = s.resolved_recently ? "Resolved" : "Closed";
      } else if (s.type == "Change") {
        final_status = rng.Percent(4) ? "Failed" : "Completed";
      } else if (s.type == "Service request") {
        final_status = "Closed";
      } else if (s.type == "Task") {
        final_status = "Done";
      } else {
        final_status = "Completed";
      }
      auto path = PathTo(s.type, s.change_type, final_status);
      if (path.size() == 1) {
        i.assignee = s.type == "Incident" ? "" : i.assignee;
      }
      // Time of each step.
      TimestampMs end;
      if (s.resolved_recently) {
        TimestampMs lo = std::max(s.created + 20 * kMin, now - 7 * kDay + 10 * kMin);
        end = lo >= now - 10 * kMin ? now - 5 * kMin : rng.Between(lo, now - 10 * kMin);
      } else if (s.open) {
        end = s.created + (now - s.created) / 3;
      } else {
        end = s.created + rng.Between(2 * kHour, 6 * kDay);
        end = std::min(end, now - 8 * kDay > s.created ? now - 8 * kDay : now - kMin);
      }
      std::vector<TimestampMs> times;
      for (size_t k = 1; k < path.size(); ++k) {
        times.push_back(s.created + (end - s.created) * static_cast<std::int64_t>(k) /
                                        static_cast<std::int64_t>(path.size() - 1));
      }
      i.status = path.back();
      const auto* st = cat->StatusByName(i.status);
      if (st->category == tickets::StatusCategory::kDone) {
        i.resolution = i.status == "Failed" ? "Failed" : "Done";
        // Resolved is when the issue first entered a done status.
        for (size_t k = 1; k < path.size(); ++k) {
          if (cat->StatusByName(path[k])->category == tickets::StatusCategory::kDone) {
            i.resolved = times[k - 1];
            break;
          }
        }
      }
      i.updated = times.empty() ? s.created : times.back();
      STEWARD_ASSIGN_OR_RETURN(auto id, w.Insert(*project_id, i));
      ids[s.number] = id;
      for (size_t k = 1; k < path.size(); ++k) {
        std::string who = i.assignee.empty() ? "automation" : i.assignee;
        STEWARD_TRY(w.History(id, who, times[k - 1], "status", path[k - 1], path[k]));
      }
      if (s.type == "Incident") {
        STEWARD_TRY(w.Field(id, "Impact", json::value(rng.Pick(impacts))));
        STEWARD_TRY(w.Field(id, "Urgency", json::value(rng.Pick(urgencies))));
        STEWARD_TRY(w.Field(id, "Affected services", json::array{json::value(service)}));
        if (s.major) {
          STEWARD_TRY(w.Field(id, "Major incident", json::value(true)));
        }
      } else if (s.type == "Change") {
        if (!s.change_type.empty() && s.change_type != "Standard") {  // Standard: below
          STEWARD_TRY(w.Field(id, "Change type", json::value(s.change_type)));
        }
        TimestampMs start = s.created + rng.Between(1, 10) * kDay;
        STEWARD_TRY(w.Field(id, "Impact", json::value(rng.Pick(impacts))));
        if (s.change_type == "Standard") {
          STEWARD_TRY(w.StandardChangeFields(id, sc, ApplicationFor(sc, app_name), start,
                                             start + 2 * kHour));
        } else {
          STEWARD_TRY(w.Field(id, "Planned start", json::value(FormatIsoUtc(start))));
          STEWARD_TRY(w.Field(id, "Planned end", json::value(FormatIsoUtc(start + 2 * kHour))));
          STEWARD_TRY(w.Field(id, "Application to change", json::value(app_name)));
        }
        if (s.change_type == "Normal" || s.change_type == "Emergency") {
          const std::vector<std::string> yn = {"Yes", "No"};
          STEWARD_TRY(w.Field(id, "Will this change be completed during business hours?",
                              json::value(rng.Pick(yn))));
          STEWARD_TRY(
              w.Field(id, "Testing completed for this change request?", json::value(rng.Pick(yn))));
          STEWARD_TRY(w.Field(id, "Is the change easily rolled back?", json::value(rng.Pick(yn))));
          STEWARD_TRY(w.Field(id, "Change conflict", json::value(rng.Percent(15) ? "Yes" : "No")));
          const std::vector<std::string> risks = {"Low", "Medium", "Medium", "High"};
          STEWARD_TRY(w.Field(
              id, "Change risk",
              json::value(s.change_type == "Emergency" ? std::string("High") : rng.Pick(risks))));
        }
      } else if (s.type == "Problem") {
        STEWARD_TRY(w.Field(id, "Affected services", json::array{json::value(service)}));
        if (path.size() >= 3) {
          STEWARD_TRY(w.Field(id, "Workaround", json::value("Restart the affected workers")));
        }
      } else if (s.type == "Post-incident review") {
        STEWARD_TRY(w.Field(id, "Investigation reason", json::value("High impact incident")));
        if (!s.open) {
          STEWARD_TRY(
              w.Field(id, "Root cause",
                      json::value("A configuration change on " + service + " exhausted a pool")));
        }
        if (s.pir_for && ids.count(s.pir_for)) {
          STEWARD_TRY(w.Link("Causes", id, ids[s.pir_for], s.created));
        }
      }
      if (rng.Percent(35) && !i.assignee.empty()) {
        STEWARD_TRY(w.Comment(id, i.assignee, s.created + (i.updated - s.created) / 2 + kMin,
                              "Looking into this now.", rng.Percent(60)));
      }
      return Ok();
    };

    for (int n = 1; n <= kLastNumber; ++n) {
      if (seed.count(n)) {
        if (n == 1697 || n == 1966) {
          DemoWriter::Issue i;
          i.number = n;
          i.type = "Change";
          i.status = "Awaiting implementation";
          i.summary = "Pre-approved Standard Change Request";
          i.description =
              "This is a Standard Pre-Approved Change for Reindex columnstore indexes for Oracle "
              "CRM, Approved by Alana Grant";
          i.reporter = "customer";
          i.assignee = n == 1697 ? "alana" : "mitch";
          i.created = created[n];
          i.updated = created[n] + kMin;
          STEWARD_ASSIGN_OR_RETURN(auto id, w.Insert(*project_id, i));
          ids[n] = id;
          TimestampMs start = now + (n == 1697 ? 9 : 12) * kDay;
          STEWARD_TRY(w.StandardChangeFields(id, kStandardChanges[4], "Oracle CRM", start,
                                             start + 2 * kHour));
          STEWARD_TRY(w.Field(id, "Impact", json::value("Minor / Localized")));
          STEWARD_TRY(w.History(id, "automation", created[n] + kMin, "status", "Open",
                                "Awaiting implementation"));
        } else if (n == 2052) {
          DemoWriter::Issue i;
          i.number = n;
          i.type = "Change";
          i.status = "Awaiting implementation";
          i.summary = "Standard change MongoDB node backup";
          i.description =
              "This is a Standard Pre-Approved Change for Add Backup Node for MongoDB Atlas,\n"
              "Approved by Mitch Davis";
          i.reporter = "admin";
          i.assignee = "alana";
          i.created = created[n];
          i.updated = created[n] + 3 * kMin;
          i.labels = {};
          STEWARD_ASSIGN_OR_RETURN(auto id, w.Insert(*project_id, i));
          ids[n] = id;
          // Planned 25/Mar 8:30-9:00 PM in the talk: three days after it was raised.
          TimestampMs start = created[n] + 3 * kDay - 32 * kMin;
          STEWARD_TRY(w.StandardChangeFields(id, kStandardChanges[0], "MongoDB Atlas", start,
                                             start + 30 * kMin));
          STEWARD_TRY(w.Field(id, "Impact", json::value("Minor / Localized")));
          STEWARD_TRY(w.History(id, "automation", created[n] + 2 * kMin, "status", "Open",
                                "Awaiting implementation"));
          STEWARD_TRY(w.History(id, "automation", created[n] + 3 * kMin, "assignee", std::nullopt,
                                "Alana Grant"));
          STEWARD_TRY(w.Comment(id, "automation", created[n] + 3 * kMin,
                                "Lead Time Warning\n\nYour start date is less than the 7 days "
                                "required for this Change",
                                false));
        } else if (n == 2053 || n == 2054) {
          DemoWriter::Issue i;
          i.number = n;
          i.type = "Sub-task";
          i.status = n == 2053 ? "Work in progress" : "Open";
          i.summary = n == 2053 ? "Confirm Target" : "Test Node";
          i.reporter = "automation";
          i.assignee = "alana";
          i.parent = ids[2052];
          i.created = created[n];
          i.updated = created[n] + (n == 2053 ? 2 * kHour : 0);
          STEWARD_ASSIGN_OR_RETURN(auto id, w.Insert(*project_id, i));
          ids[n] = id;
          if (n == 2053) {
            STEWARD_TRY(w.History(id, "alana", i.updated, "status", "Open", "Work in progress"));
          }
        } else if (n == 2075) {
          DemoWriter::Issue i;
          i.number = n;
          i.type = "Incident";
          i.status = "Open";
          i.summary = "Customer payments are rejected when order is processed in EMEA region";
          i.description = "The system is randomly erroring out when some users go to checkout";
          i.priority = "Critical";
          i.reporter = "jennifer";
          i.assignee = "mitch";
          i.created = created[n];
          i.updated = created[n] + 22 * kMin;
          STEWARD_ASSIGN_OR_RETURN(auto id, w.Insert(*project_id, i));
          ids[n] = id;
          STEWARD_TRY(w.Field(id, "Major incident", json::value(true)));
          STEWARD_TRY(w.Field(id, "Impact", json::value("Extensive / Widespread")));
          STEWARD_TRY(w.Field(id, "Urgency", json::value("High")));
          STEWARD_TRY(w.Field(id, "Affected services",
                              json::array{"Online Order Processing", "Payment Processing"}));
          STEWARD_TRY(w.Field(id, "Responders", json::array{"mitch", "jennifer", "paul"}));
          STEWARD_TRY(w.Field(id, "Chat channel", json::value("#ito-2075")));
          STEWARD_TRY(
              w.Field(id, "Conference call", json::value("https://meet.steward.example/ito-2075")));
          STEWARD_TRY(w.Field(id, "Application impacted", json::value("Apache-Spark")));
          STEWARD_TRY(
              w.History(id, "mitch", created[n] + 15 * kMin, "priority", "High", "Critical"));
          STEWARD_TRY(w.History(id, "mitch", created[n] + 15 * kMin, "Responders",
                                "Mitch Davis, Jennifer Evans",
                                "Mitch Davis, Jennifer Evans, Paul Buffington"));
          STEWARD_TRY(w.Comment(id, "paul", created[n] + 22 * kMin,
                                "We are checking the DB transaction logs to see where the payment "
                                "processing is bottlenecked. Update the team in 15 minutes",
                                true));
        } else if (n == 2076) {
          DemoWriter::Issue i;
          i.number = n;
          i.type = "Incident";
          i.status = "Investigating";
          i.summary = "Payments are getting rejected";
          i.description =
              "My card payment was declined twice at checkout although the bank "
              "says the card is fine.";
          i.priority = "High";
          i.reporter = "customer";
          i.assignee = "paul";
          i.created = created[n];
          i.updated = created[n] + 40 * kMin;
          STEWARD_ASSIGN_OR_RETURN(auto id, w.Insert(*project_id, i));
          ids[n] = id;
          STEWARD_TRY(w.Field(id, "Impact", json::value("Significant / Large")));
          STEWARD_TRY(w.Field(id, "Urgency", json::value("High")));
          STEWARD_TRY(w.Field(id, "Affected services", json::array{"Payment Processing"}));
          STEWARD_TRY(w.History(id, "paul", i.updated, "status", "Open", "Investigating"));
          STEWARD_TRY(w.Link("Relates", id, ids[2075], i.updated));
          STEWARD_TRY(w.Comment(id, "paul", i.updated,
                                "Thanks for reporting this. We are working on a payment "
                                "processing incident and will update you here.",
                                false));
        } else if (n == 2083) {
          DemoWriter::Issue i;
          i.number = n;
          i.type = "Post-incident review";
          i.status = "Under review";
          i.summary = "Post Incident Review for Major Incident";
          i.description =
              "Review of ITO-2075. Sections: Leadup, Fault, Impact, Detection, "
              "Response, Recovery, Timeline, Five whys, Lessons learned, Corrective "
              "actions.";
          i.priority = "Medium";
          i.reporter = "automation";
          i.assignee = "mitch";
          i.created = created[n];
          i.updated = created[n] + 10 * kMin;
          STEWARD_ASSIGN_OR_RETURN(auto id, w.Insert(*project_id, i));
          ids[n] = id;
          STEWARD_TRY(w.Field(id, "Root cause", json::value("Investigating at this time")));
          STEWARD_TRY(w.Field(id, "Workaround", json::value("None")));
          STEWARD_TRY(w.Field(id, "Investigation reason", json::value("High impact incident")));
          STEWARD_TRY(w.History(id, "mitch", i.updated, "status", "Open", "Under review"));
          STEWARD_TRY(w.Link("Causes", id, ids[2075], created[n]));
        }
        continue;
      }
      STEWARD_TRY(generate(slots[n]));
    }
    STEWARD_TRY(
        c.Exec("UPDATE projects SET next_number = ? WHERE id = ?", {kLastNumber + 1, *project_id}));
    // The seed's queues: the first six under "Team priority" as on its screens.
    struct QueueSeed {
      const char* name;
      const char* jql;
      const char* group;
      const char* columns;
    };
    const char* kColumns =
        R"(["issuetype","key","summary","reporter","assignee","status","created"])";
    const QueueSeed queues[] = {
        {"Major Incidents",
         "issuetype = Incident AND \"Major incident\" = Yes AND statusCategory != Done ORDER BY "
         "created DESC",
         "Team priority", kColumns},
        {"All open tickets", "statusCategory != Done ORDER BY created DESC", "Team priority",
         kColumns},
        {"Open incidents",
         "issuetype = Incident AND statusCategory != Done ORDER BY priority DESC, created DESC",
         "Team priority", kColumns},
        {"Open problems", "issuetype = Problem AND statusCategory != Done ORDER BY created DESC",
         "Team priority", kColumns},
        {"Open changes", "issuetype = Change AND statusCategory != Done ORDER BY created DESC",
         "Team priority", kColumns},
        {"Open tasks",
         "issuetype IN (Task, Sub-task) AND statusCategory != Done ORDER BY created DESC",
         "Team priority", kColumns},
        {"Incidents assigned to me",
         "issuetype = Incident AND assignee = currentUser() AND statusCategory != Done ORDER BY "
         "priority DESC",
         "Other", kColumns},
        {"Requires triage", "status = \"Requires triage\" ORDER BY created ASC", "Other", kColumns},
        {"Investigating", "status = Investigating ORDER BY priority DESC", "Other", kColumns},
        {"Pending review", "status = \"Pending review\" ORDER BY updated ASC", "Other", kColumns},
        {"Resolved incidents (last 7 days)",
         "issuetype = Incident AND resolved >= -7d ORDER BY resolved DESC", "Other", kColumns},
        {"Alert-created incidents", "issuetype = Incident AND labels = alert ORDER BY created DESC",
         "Other", kColumns},
    };
    int position = 0;
    for (const auto& q : queues) {
      STEWARD_TRY(
          c.Exec("INSERT INTO queues(project_id, name, jql, grp, columns, position, created_at, "
                 "updated_at) VALUES (?,?,?,?,?,?,?,?)",
                 {*project_id, q.name, q.jql, q.group, q.columns, position++, now, now}));
    }
    return Ok();
  }));
  STEWARD_TRY(app.catalog().Reload(app.db()));
  // The changes above were written around the change observer: their windows bound the
  // calendar's and the conflict check's look-back.
  STEWARD_TRY(app.changes().RefreshWindowBound());
  STEWARD_TRY(LoadDemoPortal(app));
  return LoadDemoAutomation(app, now);
}

}  // namespace steward::app
