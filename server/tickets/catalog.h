// Catalog: the ticket kernel's configuration as an immutable in-memory snapshot — statuses,
// workflows with their transitions and rules, issue types, priorities, resolutions, custom
// fields with their options, and link types. Loaded from the database at start and reloaded
// after every configuration change, so request handling never queries configuration tables.
//
// Thread-safety: a Catalog is immutable; CatalogHolder swaps snapshots under a mutex and hands
// out shared_ptrs, safe from any thread.
#pragma once

#include "base/result.h"
#include "storage/database.h"

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace steward::tickets {

enum class StatusCategory { kTodo, kInProgress, kDone };
std::string_view CategoryName(StatusCategory c);

struct StatusDef {
  std::int64_t id = 0;
  std::string name;
  StatusCategory category = StatusCategory::kTodo;
};

// Transition rules (S3.3), stored as JSON in transitions.rules.
struct Condition {
  std::string type;                 // "role", "fieldEquals", "fieldNotEmpty", "subtasksDone"
  std::vector<std::string> roles;   // role: any of these project roles
  std::string field;                // fieldEquals / fieldNotEmpty: a custom field name
  std::vector<std::string> values;  // fieldEquals: any of these display values
};
struct Validator {
  std::string type;                 // "requiredFields"
  std::vector<std::string> fields;  // system field names ("assignee", "resolution", ...) or custom
};
struct PostFunction {
  std::string type;                   // "assign", "setField", "setResolution", "createSubtasks"
  std::string to;                     // assign: "currentUser", "reporter", "unassigned"
  std::string field;                  // setField: custom field name
  std::string value;                  // setField / setResolution: a display value
  std::vector<std::string> subtasks;  // createSubtasks: summaries
};

struct TransitionDef {
  std::int64_t id = 0;
  std::int64_t workflow_id = 0;
  std::string name;
  std::optional<std::int64_t> from_status;  // nullopt: from any status
  std::int64_t to_status = 0;
  std::vector<Condition> conditions;
  std::vector<Validator> validators;
  std::vector<PostFunction> post_functions;
  std::string rules_json;
};

struct WorkflowDef {
  std::int64_t id = 0;
  std::string name;
  std::int64_t initial_status = 0;
  std::vector<std::int64_t> statuses;
  std::vector<TransitionDef> transitions;
};

struct IssueTypeDef {
  std::int64_t id = 0;
  std::string name;
  std::string description;
  bool subtask = false;
  std::int64_t workflow_id = 0;
};

struct NamedDef {  // priorities, resolutions
  std::int64_t id = 0;
  std::string name;
  std::string extra;  // priority colour / resolution description
};

enum class FieldType {
  kText,
  kParagraph,
  kNumber,
  kDate,
  kDateTime,
  kSelect,
  kMultiSelect,
  kYesNo,
  kUser,
  kMultiUser,
  kTeam,
  kUrl,
  kObject,  // CMDB object(s): see object_fields.h
};
std::string_view FieldTypeName(FieldType t);
std::optional<FieldType> ParseFieldType(std::string_view s);
bool IsMultiValued(FieldType t);

struct FieldOption {
  std::int64_t id = 0;
  std::string value;
  bool disabled = false;
};

// The configuration of an object field (S5.6), kept as JSON in custom_fields.config.
struct ObjectFieldConfig {
  std::string schema;        // the object schema's key
  std::string filter_scope;  // AQL every value must match
  std::string issue_scope;   // AQL that may use ${Other field} placeholders of the same form
  bool multiple = true;      // several objects (else at most one)
};

struct CustomFieldDef {
  std::int64_t id = 0;
  std::string name;
  FieldType type = FieldType::kText;
  std::string description;
  std::vector<std::int64_t> issue_types;  // empty: every issue type
  std::vector<FieldOption> options;
  ObjectFieldConfig object;  // kObject
  bool AppliesTo(std::int64_t issue_type_id) const;
  const FieldOption* FindOption(std::string_view value) const;  // case-insensitive, enabled only
  const FieldOption* OptionById(std::int64_t id) const;
};

struct LinkTypeDef {
  std::int64_t id = 0;
  std::string name;
  std::string outward;  // "causes"
  std::string inward;   // "is caused by"
};

class Catalog {
 public:
  std::vector<StatusDef> statuses;
  std::vector<WorkflowDef> workflows;
  std::vector<IssueTypeDef> issue_types;
  std::vector<NamedDef> priorities;  // in order, highest first
  std::vector<NamedDef> resolutions;
  std::vector<CustomFieldDef> fields;
  std::vector<LinkTypeDef> link_types;

  const StatusDef* Status(std::int64_t id) const;
  const StatusDef* StatusByName(std::string_view name) const;
  const WorkflowDef* Workflow(std::int64_t id) const;
  const IssueTypeDef* IssueType(std::int64_t id) const;
  const IssueTypeDef* IssueTypeByName(std::string_view name) const;
  const NamedDef* Priority(std::int64_t id) const;
  const NamedDef* PriorityByName(std::string_view name) const;
  const NamedDef* Resolution(std::int64_t id) const;
  const NamedDef* ResolutionByName(std::string_view name) const;
  const CustomFieldDef* Field(std::int64_t id) const;
  // By name (case-insensitive) or "cf[12]" / "customfield_12".
  const CustomFieldDef* FieldByName(std::string_view name) const;
  const LinkTypeDef* LinkType(std::int64_t id) const;

  static Result<std::shared_ptr<const Catalog>> Load(storage::Connection& c);
};

class CatalogHolder {
 public:
  std::shared_ptr<const Catalog> Get() const {
    std::lock_guard lock(mu_);
    return catalog_;
  }
  void Set(std::shared_ptr<const Catalog> c) {
    std::lock_guard lock(mu_);
    catalog_ = std::move(c);
  }
  Status Reload(storage::Database& db);

 private:
  mutable std::mutex mu_;
  std::shared_ptr<const Catalog> catalog_ = std::make_shared<Catalog>();
};

// Parses the rules JSON of a transition. Fails with a message on malformed rules.
Status ParseRules(std::string_view json, TransitionDef& t);

// Installs the default statuses, workflows (S3.3), issue types (S3.2), priorities, resolutions
// and link types when the catalog is empty. Idempotent.
Status InstallDefaults(storage::Connection& c);

}  // namespace steward::tickets
