// The demo's CMDB (SPEC S5.8): the seed's "Practice Standards" schema and the "Services" schema
// with the applications. Objects go through the CMDB's own write path (validation, labels,
// history); schemas, types and attributes are plain rows.
#include "app/demo_data.h"
#include "cmdb/object_store.h"

#include <boost/json.hpp>

#include <map>

namespace steward::app::demo {
namespace {

namespace json = boost::json;
using storage::Connection;

constexpr std::int64_t kDay = 86400000;

struct Attr {
  const char* name;
  const char* type;
  std::vector<std::string> options = {};
  const char* reference = nullptr;  // target type name
  const char* kind = "";
  std::int64_t max = 1;
  bool required = false;
  const char* description = "";
};

class CmdbWriter {
 public:
  CmdbWriter(Connection& c, TimestampMs now) : c_(c), now_(now) {}

  Result<std::int64_t> Schema(const char* key, const char* name, const char* description) {
    STEWARD_ASSIGN_OR_RETURN(
        auto id, c_.QueryInt("INSERT INTO cmdb_schemas(key, name, description, created_at, "
                             "updated_at) VALUES (?,?,?,?,?) RETURNING id",
                             {key, name, description, now_ - 460 * kDay, now_ - 460 * kDay}));
    return *id;
  }

  // An object type with a Name label (unless it inherits one) and its attributes.
  Result<std::int64_t> Type(std::int64_t schema, const char* name, const char* icon,
                            const std::vector<Attr>& attrs, const char* parent = nullptr,
                            bool abstract = false, bool inherit = false,
                            const char* description = "") {
    std::optional<std::int64_t> parent_id;
    if (parent) {
      parent_id = types_.at(parent);
    }
    STEWARD_ASSIGN_OR_RETURN(
        auto id, c_.QueryInt("INSERT INTO cmdb_object_types(schema_id, parent_id, name, "
                             "description, icon, abstract, inherit, position, created_at) VALUES "
                             "(?,?,?,?,?,?,?,?,?) RETURNING id",
                             {schema, parent_id, name, description, icon, abstract, inherit,
                              position_++, now_ - 460 * kDay}));
    types_[name] = *id;
    int pos = 0;
    bool inherits_name = parent && inherit_[parent];
    inherit_[name] = inherit;
    if (!inherits_name) {
      STEWARD_TRY(c_.Exec(
          "INSERT INTO cmdb_attributes(object_type_id, name, type, position, required, is_label) "
          "VALUES (?, 'Name', 'text', 0, 1, 1)",
          {*id}));
    }
    for (const auto& a : attrs) {
      json::array options;
      for (const auto& o : a.options) {
        options.emplace_back(o);
      }
      std::optional<std::int64_t> ref;
      if (a.reference) {
        ref = types_.at(a.reference);
      }
      STEWARD_TRY(
          c_.Exec("INSERT INTO cmdb_attributes(object_type_id, name, type, description, position, "
                  "required, max_cardinality, reference_type_id, reference_kind, options) VALUES "
                  "(?,?,?,?,?,?,?,?,?,?)",
                  {*id, a.name, a.type, a.description, ++pos, a.required, a.max, ref, a.kind,
                   json::serialize(options)}));
    }
    return *id;
  }

  // An object through the CMDB's write path; `key` empty: the schema's next number.
  Result<std::string> Object(const char* type, json::object attributes, std::int64_t age_days,
                             const std::string& key = "") {
    STEWARD_ASSIGN_OR_RETURN(auto model, cmdb::Model::Load(c_));
    const cmdb::TypeDef* t = model.Type(types_.at(type));
    cmdb::internal::WriteOptions o;
    o.actor = 0;
    o.now = now_ - age_days * kDay;
    o.key = key;
    STEWARD_ASSIGN_OR_RETURN(
        auto out, cmdb::internal::WriteObject(c_, model, *t, std::nullopt, attributes, o));
    return out.key;
  }

 private:
  Connection& c_;
  TimestampMs now_;
  std::int64_t position_ = 0;
  std::map<std::string, std::int64_t> types_;
  std::map<std::string, bool> inherit_;
};

struct Service {
  const char* name;
  const char* tier;
  const char* owner;
  std::vector<std::string> depends_on;
  std::vector<std::string> applications;
  const char* description;
};

const Service kServiceCatalog[] = {
    {"Online Order Processing",
     "Tier 1",
     "Platform Support",
     {"Payment Processing", "Customer Portal", "Identity and Access"},
     {"Oracle CRM", "SAP ERP"},
     "Takes customer orders from the web shop and the mobile app through to fulfilment."},
    {"Billing Service",
     "Tier 1",
     "Platform Support",
     {"Network Core"},
     {"Billing App", "MongoDB Atlas"},
     "Rates usage, produces invoices and keeps customer balances."},
    {"Customer Portal",
     "Tier 2",
     "Platform Support",
     {"Identity and Access"},
     {"Kubernetes Platform", "PostgreSQL Cluster"},
     "The customer-facing web site: accounts, orders and support."},
    {"Email and Collaboration",
     "Tier 3",
     "Network Support",
     {"Identity and Access"},
     {"Salesforce"},
     "Mail, calendars and chat for every employee."},
    {"VPN",
     "Tier 2",
     "Network Support",
     {"Network Core", "Identity and Access"},
     {},
     "Remote access for employees and partners."},
    {"Payment Processing",
     "Tier 1",
     "Platform Support",
     {"Billing Service", "Network Core", "Identity and Access"},
     {"Apache-Spark", "Oracle CRM"},
     "The Payments Processing Service enables consumer payment processing for our digital "
     "channel. It overlays capabilities to deliver value-added services to our customers. - "
     "Manage cards and token-based digital payments - Enables consumer payment processing for "
     "online transactions - Converge cards and real-time payments - Real-time reliability and "
     "availability for any payment type"},
    {"Data Warehouse",
     "Tier 3",
     "Platform Support",
     {"Online Order Processing"},
     {"Apache-Spark", "PostgreSQL Cluster"},
     "Reporting and analytics over orders and payments."},
    {"Identity and Access",
     "Tier 1",
     "Network Support",
     {"Network Core"},
     {},
     "Single sign-on, directories and access reviews."},
    {"Network Core",
     "Tier 1",
     "Network Support",
     {},
     {},
     "Data-centre and cloud networking, DNS and load balancers."},
    {"Mobile App Backend",
     "Tier 2",
     "Platform Support",
     {"Online Order Processing", "Identity and Access"},
     {"Kubernetes Platform"},
     "APIs behind the iOS and Android apps."},
};

json::array Strings(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) {
    a.emplace_back(s);
  }
  return a;
}

}  // namespace

Status CreateDemoCmdb(Connection& c, TimestampMs now) {
  CmdbWriter w(c, now);
  const std::vector<std::string> tiers = {"Tier 1", "Tier 2", "Tier 3", "Tier 4"};
  const std::vector<std::string> impacts = {"Extensive / Widespread", "Significant / Large",
                                            "Moderate / Limited", "Minor / Localized"};
  const std::vector<std::string> urgencies = {"Critical", "High", "Medium", "Low"};
  const std::vector<std::string> priorities = {"Critical", "High", "Medium", "Low", "Lowest"};

  // --- Services ---------------------------------------------------------------------------
  STEWARD_ASSIGN_OR_RETURN(auto svc,
                           w.Schema("SVC", "Services",
                                    "The services IT Operations runs, what they depend on and the "
                                    "applications they run on."));
  STEWARD_TRY(w.Type(svc, "Applications", "apps",
                     {{"Description", "textarea"},
                      {"Vendor", "text"},
                      {"Owner team", "team"},
                      {"Support URL", "url"}},
                     nullptr, false, false, "Software the services run on"));
  STEWARD_TRY(w.Type(
      svc, "Services", "server",
      {{"Description", "textarea"},
       {"Tier", "select", tiers, nullptr, "", 1, true, "Tier 1 services are the most critical"},
       {"Service ID", "text"},
       {"Owner team", "team"},
       {"Stakeholders", "user", {}, nullptr, "", -1},
       {"Depends on", "reference", {}, "Services", "depends on", -1},
       {"Applications", "reference", {}, "Applications", "runs on", -1}},
      nullptr, false, false, "Business services and their dependencies"));
  const char* vendors[] = {"Oracle",  "MongoDB", "Apache", "SAP",     "Salesforce",
                           "Jenkins", "CNCF",    "PGDG",   "In-house"};
  for (size_t i = 0; i < kApplications.size(); ++i) {
    // Applications take keys after the services (SVC-443...).
    STEWARD_TRY(
        w.Object("Applications",
                 json::object{{"Name", kApplications[i]},
                              {"Vendor", vendors[i]},
                              {"Owner team", i % 3 == 2 ? "Network Support" : "Platform Support"},
                              {"Description", kApplications[i] + " as run by IT Operations"}},
                 500, "SVC-" + std::to_string(443 + i)));
  }
  // Services in dependency order (depended-on first), each with its seed key SVC-433..442.
  std::map<std::string, int> numbers;
  for (size_t i = 0; i < std::size(kServiceCatalog); ++i) {
    numbers[kServiceCatalog[i].name] = 433 + static_cast<int>(i);
  }
  std::vector<const Service*> pending;
  for (const auto& s : kServiceCatalog) {
    pending.push_back(&s);
  }
  std::set<std::string> created;
  while (!pending.empty()) {
    size_t before = pending.size();
    for (auto it = pending.begin(); it != pending.end();) {
      const Service& s = **it;
      bool ready = true;
      for (const auto& d : s.depends_on) {
        ready = ready && created.count(d);
      }
      if (!ready) {
        ++it;
        continue;
      }
      int n = numbers[s.name];
      std::string service_id =
          n == 438 ? "ari:cloud:graph::service/e297dd7c-dd5c-4423-9f8b-2a0bec5eab23/"
                     "4ecc1576-05b1-11ec-aa28-0abe3f4a6601"
                   : "ari:cloud:graph::service/e297dd7c-dd5c-4423-9f8b-2a0bec5eab23/svc-" +
                         std::to_string(n);
      json::object attrs{{"Name", s.name},
                         {"Description", s.description},
                         {"Tier", s.tier},
                         {"Service ID", service_id},
                         {"Owner team", s.owner},
                         {"Depends on", Strings(s.depends_on)},
                         {"Applications", Strings(s.applications)}};
      STEWARD_TRY(w.Object("Services", std::move(attrs), 458, "SVC-" + std::to_string(n)));
      created.insert(s.name);
      it = pending.erase(it);
    }
    if (pending.size() == before) {
      return Error::Internal("demo services have a dependency cycle");
    }
  }

  // --- Practice Standards --------------------------------------------------------------------
  STEWARD_ASSIGN_OR_RETURN(
      auto ps, w.Schema("PS", "Practice Standards",
                        "Operational catalog: the priority matrix, standard (pre-approved) "
                        "changes and the change risk model"));
  STEWARD_TRY(w.Type(ps, "Priority Matrix", "grid",
                     {{"Impact", "select", impacts, nullptr, "", 1, true},
                      {"Urgency", "select", urgencies, nullptr, "", 1, true},
                      {"Priority", "select", priorities, nullptr, "", 1, true}},
                     nullptr, false, false, "Impact × Urgency → Priority for incidents"));
  // Rows: impact; columns: urgency.
  const char* matrix[4][4] = {{"Critical", "Critical", "High", "Medium"},
                              {"Critical", "High", "Medium", "Low"},
                              {"High", "Medium", "Medium", "Low"},
                              {"Medium", "Low", "Low", "Lowest"}};
  for (size_t i = 0; i < 4; ++i) {
    for (size_t u = 0; u < 4; ++u) {
      STEWARD_TRY(w.Object("Priority Matrix",
                           json::object{{"Name", impacts[i] + " × " + urgencies[u]},
                                        {"Impact", impacts[i]},
                                        {"Urgency", urgencies[u]},
                                        {"Priority", matrix[i][u]}},
                           455));
    }
  }
  STEWARD_TRY(w.Type(ps, "Standard Infrastructure Requests", "stack", {{"Description", "textarea"}},
                     nullptr, true, true, "Pre-authorised infrastructure building blocks"));
  STEWARD_TRY(w.Type(ps, "Approved AMI", "disc",
                     {{"AMI ID", "text"},
                      {"Operating system", "text"},
                      {"Region", "select", {"eu-west-1", "us-east-1", "ap-southeast-2"}}},
                     "Standard Infrastructure Requests"));
  const char* amis[][3] = {{"Amazon Linux 2023", "ami-0a1b2c3d4e5f60001", "eu-west-1"},
                           {"Amazon Linux 2023", "ami-0a1b2c3d4e5f60002", "us-east-1"},
                           {"Ubuntu 22.04 LTS", "ami-0a1b2c3d4e5f60003", "eu-west-1"},
                           {"Ubuntu 22.04 LTS", "ami-0a1b2c3d4e5f60004", "us-east-1"},
                           {"RHEL 9", "ami-0a1b2c3d4e5f60005", "eu-west-1"},
                           {"Windows Server 2022", "ami-0a1b2c3d4e5f60006", "us-east-1"},
                           {"Debian 12", "ami-0a1b2c3d4e5f60007", "ap-southeast-2"}};
  for (const auto& a : amis) {
    STEWARD_TRY(w.Object("Approved AMI",
                         json::object{{"Name", std::string(a[0]) + " (" + a[2] + ")"},
                                      {"Operating system", a[0]},
                                      {"AMI ID", a[1]},
                                      {"Region", a[2]}},
                         400));
  }
  STEWARD_TRY(w.Type(ps, "Environments", "world", {{"Gated", "boolean"}},
                     "Standard Infrastructure Requests"));
  for (const char* e : {"Production", "Staging", "Test", "Development"}) {
    STEWARD_TRY(w.Object(
        "Environments", json::object{{"Name", e}, {"Gated", std::string(e) == "Production"}}, 400));
  }
  STEWARD_TRY(w.Type(ps, "Standard Change Tasks", "checklist", {{"Order", "integer"}},
                     "Standard Infrastructure Requests"));
  const char* tasks[] = {"Confirm Target", "Test Node", "Take Snapshot", "Notify Stakeholders",
                         "Verify Monitoring"};
  for (size_t i = 0; i < std::size(tasks); ++i) {
    STEWARD_TRY(w.Object(
        "Standard Change Tasks",
        json::object{{"Name", tasks[i]}, {"Order", static_cast<std::int64_t>(i + 1)}}, 400));
  }
  STEWARD_TRY(
      w.Type(ps, "Standard Changes", "tool",
             {{"Approved by", "user", {}, nullptr, "", 1, true},
              {"Applications Applicable", "reference", {}, "Applications", "applies to", -1},
              {"Implementation Plan", "textarea"},
              {"Backout Plan", "textarea"},
              {"Test Plan", "textarea"},
              {"Tasks", "reference", {}, "Standard Change Tasks", "includes", -1}},
             "Standard Infrastructure Requests"));
  for (const auto& sc : kStandardChanges) {
    std::vector<std::string> task_names = {"Confirm Target", "Test Node"};
    STEWARD_TRY(w.Object("Standard Changes",
                         json::object{{"Name", sc.name},
                                      {"Approved by", sc.approver},
                                      {"Applications Applicable", Strings(sc.applications)},
                                      {"Implementation Plan", sc.implementation},
                                      {"Backout Plan", sc.backout},
                                      {"Test Plan", sc.test},
                                      {"Tasks", Strings(task_names)}},
                         457));
  }
  // The change risk model: answers with weights, the service tier's risk, the score bands and
  // the lead times (issue 7 computes risk from these).
  STEWARD_TRY(w.Type(ps, "Risk Assessment", "gauge", {{"Description", "textarea"}}, nullptr, false,
                     false, "The change risk model"));
  STEWARD_TRY(w.Object("Risk Assessment",
                       json::object{{"Name", "Change risk model"},
                                    {"Description",
                                     "Scores a normal change from its answers and the affected "
                                     "service's tier; the sum picks a risk level."}},
                       300));
  const std::vector<Attr> answer = {{"Score", "integer", {}, nullptr, "", 1, true}};
  const char* questions[] = {"During Business Hours", "Easily Rolled Back", "Testing Complete",
                             "Change Conflict"};
  const int scores[][3] = {{3, 0, 2}, {0, 3, 2}, {0, 3, 2}, {2, 0, 1}};  // Yes, No, Unknown
  for (size_t q = 0; q < std::size(questions); ++q) {
    STEWARD_TRY(w.Type(ps, questions[q], "help", answer, "Risk Assessment"));
    const char* answers[] = {"Yes", "No", "Unknown"};
    for (size_t a = 0; a < 3; ++a) {
      STEWARD_TRY(w.Object(
          questions[q],
          json::object{{"Name", answers[a]}, {"Score", static_cast<std::int64_t>(scores[q][a])}},
          300));
    }
  }
  STEWARD_TRY(w.Type(ps, "Business Service Risk", "server", answer, "Risk Assessment"));
  for (size_t t = 0; t < 4; ++t) {
    STEWARD_TRY(w.Object(
        "Business Service Risk",
        json::object{{"Name", tiers[t]}, {"Score", static_cast<std::int64_t>(4 - t)}}, 300));
  }
  STEWARD_TRY(w.Type(ps, "Risk Computation Scores", "calculator",
                     {{"Minimum score", "integer", {}, nullptr, "", 1, true},
                      {"Maximum score", "integer", {}, nullptr, "", 1, true}},
                     "Risk Assessment"));
  const std::pair<const char*, std::pair<int, int>> bands[] = {
      {"Low", {0, 3}}, {"Medium", {4, 6}}, {"High", {7, 9}}, {"Critical", {10, 99}}};
  for (const auto& [name, range] : bands) {
    STEWARD_TRY(w.Object(
        "Risk Computation Scores",
        json::object{
            {"Name", name}, {"Minimum score", range.first}, {"Maximum score", range.second}},
        300));
  }
  STEWARD_TRY(
      w.Type(ps, "Lead Time", "clock",
             {{"Change type", "select", {"Standard", "Normal", "Emergency"}, nullptr, "", 1, true},
              {"Minimum days", "integer", {}, nullptr, "", 1, true}},
             "Risk Assessment"));
  const std::tuple<const char*, const char*, int> leads[] = {
      {"Standard change", "Standard", 1},
      {"Normal change", "Normal", 7},
      {"Normal change (high risk)", "Normal", 14},
      {"Emergency change", "Emergency", 0}};
  for (const auto& [name, type, days] : leads) {
    STEWARD_TRY(
        w.Object("Lead Time",
                 json::object{{"Name", name}, {"Change type", type}, {"Minimum days", days}}, 300));
  }
  return Ok();
}

}  // namespace steward::app::demo
