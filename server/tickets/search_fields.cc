#include "tickets/search_fields.h"

#include "base/text.h"
#include "query/lowering.h"
#include "tickets/object_fields.h"

namespace steward::tickets {
namespace {

using query::FieldSpec;
using query::FieldStorage;
using query::ValueType;
using Op = query::ast::Op;

const std::vector<Op> kEqOps = {Op::kEq, Op::kNe, Op::kIn, Op::kNotIn, Op::kIs, Op::kIsNot};
const std::vector<Op> kOrderedOps = {Op::kEq, Op::kNe, Op::kLt,    Op::kLe, Op::kGt,
                                     Op::kGe, Op::kIn, Op::kNotIn, Op::kIs, Op::kIsNot};
const std::vector<Op> kTextOps = {Op::kContains, Op::kNotContains, Op::kIs, Op::kIsNot};

using Ids = std::optional<std::vector<std::int64_t>>;

FieldSpec Column(std::string name, std::vector<std::string> aliases, ValueType type,
                 std::string column, bool nullable, std::vector<Op> ops, bool orderable) {
  FieldSpec f;
  f.name = name;
  f.id = name;
  f.aliases = std::move(aliases);
  f.type = type;
  f.operators = std::move(ops);
  f.orderable = orderable;
  f.storage.kind = FieldStorage::Kind::kColumn;
  f.storage.column = std::move(column);
  f.storage.nullable = nullable;
  return f;
}

FieldSpec Users(FieldSpec f) {
  f.storage.lookup_table = "users";
  f.storage.lookup_column = "username";
  return f;
}

FieldSpec Set(std::string name, std::vector<std::string> aliases, ValueType type, std::string table,
              std::string value_column, std::string filter_column = "",
              std::string filter_value = "") {
  FieldSpec f;
  f.name = name;
  f.id = name;
  f.aliases = std::move(aliases);
  f.type = type;
  f.multi = true;
  f.operators = kEqOps;
  f.storage.kind = FieldStorage::Kind::kSet;
  f.storage.table = std::move(table);
  f.storage.issue_column = "issue_id";
  f.storage.column = std::move(value_column);
  f.storage.filter_column = std::move(filter_column);
  f.storage.filter_value = std::move(filter_value);
  f.storage.value_index = f.storage.table != "issue_components";  // the others index values
  return f;
}

FieldSpec FullText(std::string name, std::vector<std::string> aliases,
                   std::vector<std::string> columns, std::string column) {
  FieldSpec f;
  f.name = name;
  f.id = name;
  f.aliases = std::move(aliases);
  f.type = ValueType::kText;
  f.operators = column.empty() ? std::vector<Op>{Op::kContains, Op::kNotContains} : kTextOps;
  f.storage.kind = FieldStorage::Kind::kFullText;
  f.storage.fts_columns = std::move(columns);
  f.storage.column = std::move(column);
  return f;
}

// Resolves a named value against (id, name) pairs, case-insensitively.
template <typename T, typename NameOf>
std::function<Ids(std::string_view)> ByName(const std::vector<T>& items, NameOf name_of) {
  std::vector<std::pair<std::string, std::int64_t>> index;
  for (const auto& item : items) {
    index.emplace_back(AsciiLower(name_of(item)), item.id);
  }
  return [index](std::string_view v) -> Ids {
    std::string key = AsciiLower(v);
    std::vector<std::int64_t> ids;
    for (const auto& [name, id] : index) {
      if (name == key || std::to_string(id) == key) {
        ids.push_back(id);
      }
    }
    return ids.empty() ? Ids() : Ids(std::move(ids));
  };
}

sql::ExprPtr Lookup(const char* table, const char* column, const char* id_column) {
  sql::Select s;
  s.columns = {{sql::Col("x", column), ""}};
  s.from = table;
  s.from_alias = "x";
  s.where = sql::Bin(sql::BinaryOp::kEq, sql::Col("x", "id"), sql::Col("i", id_column));
  return sql::Scalar(std::make_shared<const sql::Select>(std::move(s)));
}

}  // namespace

std::shared_ptr<const query::FieldRegistry> BuildFieldRegistry(
    const Catalog& cat, const std::vector<ProjectRef>& projects) {
  auto r = std::make_shared<query::FieldRegistry>();

  FieldSpec project = Column("project", {}, ValueType::kOption, "project_id", false, kEqOps, true);
  {
    std::vector<std::tuple<std::string, std::string, std::int64_t>> index;
    for (const auto& p : projects) {
      index.emplace_back(AsciiLower(p.key), AsciiLower(p.name), p.id);
      project.suggestions.push_back(p.key);
    }
    project.resolve = [index](std::string_view v) -> Ids {
      std::string key = AsciiLower(v);
      for (const auto& [k, n, id] : index) {
        if (k == key || n == key || std::to_string(id) == key) {
          return std::vector<std::int64_t>{id};
        }
      }
      return std::nullopt;
    };
    project.sort_key = [] { return Lookup("projects", "key", "project_id"); };
    for (const auto& p : projects) {
      project.domain.push_back(p.id);
    }
  }
  r->Add(project);

  FieldSpec type = Column("issuetype", {"type", "issue type"}, ValueType::kOption, "issue_type_id",
                          false, kEqOps, true);
  type.resolve = ByName(cat.issue_types, [](const IssueTypeDef& t) { return t.name; });
  for (const auto& t : cat.issue_types) {
    type.suggestions.push_back(t.name);
    type.domain.push_back(t.id);
  }
  r->Add(type);

  FieldSpec status = Column("status", {}, ValueType::kOption, "status_id", false, kEqOps, true);
  status.resolve = ByName(cat.statuses, [](const StatusDef& s) { return s.name; });
  status.history_field = "status";
  for (const auto& s : cat.statuses) {
    status.suggestions.push_back(s.name);
    status.domain.push_back(s.id);
  }
  status.sort_key = [] { return Lookup("statuses", "name", "status_id"); };
  r->Add(status);

  FieldSpec category = Column("statusCategory", {"status category"}, ValueType::kOption,
                              "status_id", false, {Op::kEq, Op::kNe, Op::kIn, Op::kNotIn}, false);
  {
    std::vector<std::pair<StatusCategory, std::int64_t>> index;
    for (const auto& s : cat.statuses) {
      index.emplace_back(s.category, s.id);
    }
    category.resolve = [index](std::string_view v) -> Ids {
      std::string key = AsciiLower(v);
      std::optional<StatusCategory> want;
      if (key == "to do" || key == "todo" || key == "new") {
        want = StatusCategory::kTodo;
      } else if (key == "in progress" || key == "in_progress" || key == "indeterminate") {
        want = StatusCategory::kInProgress;
      } else if (key == "done" || key == "complete") {
        want = StatusCategory::kDone;
      }
      if (!want) {
        return std::nullopt;
      }
      std::vector<std::int64_t> ids;
      for (const auto& [c, id] : index) {
        if (c == *want) {
          ids.push_back(id);
        }
      }
      return ids;
    };
    category.suggestions = {"To Do", "In Progress", "Done"};
    for (const auto& st : cat.statuses) {
      category.domain.push_back(st.id);
    }
  }
  r->Add(category);

  FieldSpec priority =
      Column("priority", {}, ValueType::kOption, "priority_id", true, kOrderedOps, true);
  priority.resolve = ByName(cat.priorities, [](const NamedDef& p) { return p.name; });
  priority.history_field = "priority";
  for (const auto& p : cat.priorities) {
    priority.suggestions.push_back(p.name);
    priority.domain.push_back(p.id);
  }
  // Highest first when DESC, as in Jira: the sort key is the negated position.
  priority.sort_key = [] {
    sql::Select s;
    s.columns = {{sql::Bin(sql::BinaryOp::kSub, sql::Int(0), sql::Col("x", "position")), ""}};
    s.from = "priorities";
    s.from_alias = "x";
    s.where = sql::Bin(sql::BinaryOp::kEq, sql::Col("x", "id"), sql::Col("i", "priority_id"));
    return sql::Scalar(std::make_shared<const sql::Select>(std::move(s)));
  };
  // Priorities compare by rank: "priority >= High" means High or more urgent.
  {
    std::vector<std::pair<std::string, std::int64_t>> order;  // highest first
    for (const auto& p : cat.priorities) {
      order.emplace_back(AsciiLower(p.name), p.id);
    }
    priority.operators = kEqOps;
    priority.operators.insert(priority.operators.end(), {Op::kLt, Op::kLe, Op::kGt, Op::kGe});
    priority.lower = [order](const query::BoundClause& c, const query::LowerContext& ctx) {
      if (c.op != Op::kLt && c.op != Op::kLe && c.op != Op::kGt && c.op != Op::kGe) {
        query::BoundClause plain = c;
        FieldSpec copy = *c.field;
        copy.lower = nullptr;
        plain.field = &copy;
        return query::LowerClause(plain, ctx);
      }
      std::int64_t target = c.values.empty() || c.values[0].ids.empty() ? 0 : c.values[0].ids[0];
      size_t rank = 0;
      for (size_t k = 0; k < order.size(); ++k) {
        if (order[k].second == target) {
          rank = k;
        }
      }
      std::vector<sql::ExprPtr> ids;
      for (size_t k = 0; k < order.size(); ++k) {
        bool more_urgent = k < rank, same = k == rank;
        bool take = (c.op == Op::kGt && more_urgent) ||
                    (c.op == Op::kGe && (more_urgent || same)) ||
                    (c.op == Op::kLt && !more_urgent && !same) || (c.op == Op::kLe && !more_urgent);
        if (take) {
          ids.push_back(sql::P(order[k].second));
        }
      }
      return sql::And({sql::IsNull(sql::Col("i", "priority_id"), true),
                       sql::InList(sql::Col("i", "priority_id"), ids)});
    };
  }
  r->Add(priority);

  FieldSpec resolution =
      Column("resolution", {}, ValueType::kOption, "resolution_id", true, kEqOps, true);
  resolution.resolve = ByName(cat.resolutions, [](const NamedDef& p) { return p.name; });
  resolution.history_field = "resolution";
  for (const auto& p : cat.resolutions) {
    resolution.suggestions.push_back(p.name);
    resolution.domain.push_back(p.id);
  }
  r->Add(resolution);

  for (const char* who : {"assignee", "reporter"}) {
    FieldSpec f = Users(Column(who, {}, ValueType::kUser, std::string(who) + "_id",
                               std::string(who) == "assignee", kEqOps, true));
    f.history_field = who;
    f.history_by_username = true;
    std::string col = std::string(who) + "_id";
    f.sort_key = [col] {
      sql::Select s;
      s.columns = {{sql::Call(sql::Special::kLower, {sql::Col("x", "display_name")}), ""}};
      s.from = "users";
      s.from_alias = "x";
      s.where = sql::Bin(sql::BinaryOp::kEq, sql::Col("x", "id"), sql::Col("i", col));
      return sql::Scalar(std::make_shared<const sql::Select>(std::move(s)));
    };
    r->Add(f);
  }

  FieldSpec summary = FullText("summary", {}, {"summary"}, "summary");
  summary.orderable = true;
  summary.sort_key = [] { return sql::Call(sql::Special::kLower, {sql::Col("i", "summary")}); };
  r->Add(summary);
  r->Add(FullText("description", {}, {"description"}, "description"));
  r->Add(FullText("text", {}, {"summary", "description", "comments"}, ""));
  r->Add(FullText("comment", {"comments"}, {"comments"}, ""));

  r->Add(Set("labels", {"label"}, ValueType::kString, "issue_labels", "label"));
  FieldSpec component =
      Set("component", {"components"}, ValueType::kString, "issue_components", "component_id");
  component.storage.lookup_table = "components";
  component.storage.lookup_column = "name";
  r->Add(component);
  FieldSpec orgs = Set("organizations", {"organization"}, ValueType::kString, "issue_organizations",
                       "organization_id");
  orgs.storage.lookup_table = "organizations";
  orgs.storage.lookup_column = "name";
  r->Add(orgs);
  r->Add(Users(
      Set("watcher", {"watchers"}, ValueType::kUser, "issue_users", "user_id", "role", "watcher")));
  r->Add(Users(Set("Request participants", {"participant", "participants", "requestParticipants"},
                   ValueType::kUser, "issue_users", "user_id", "role", "participant")));
  r->Add(Users(Set("approvers", {"approver"}, ValueType::kUser, "issue_users", "user_id", "role",
                   "approver")));

  FieldSpec created = Column("created", {"createdDate"}, ValueType::kDateTime, "created_at", false,
                             kOrderedOps, true);
  created.range_index = "issues_created";
  created.project_range_index = "issues_project_created";
  r->Add(created);
  FieldSpec updated = Column("updated", {"updatedDate"}, ValueType::kDateTime, "updated_at", false,
                             kOrderedOps, true);
  updated.range_index = "issues_updated";
  updated.project_range_index = "issues_project_updated";
  r->Add(updated);
  FieldSpec resolved = Column("resolved", {"resolutionDate", "resolutiondate"},
                              ValueType::kDateTime, "resolved_at", true, kOrderedOps, true);
  resolved.range_index = "issues_resolved";
  r->Add(resolved);
  FieldSpec due = Column("due", {"duedate", "due date", "dueDate"}, ValueType::kDate, "due_date",
                         true, kOrderedOps, true);
  due.storage.date_in_days = true;
  r->Add(due);

  FieldSpec issue_key = Column("key", {"issue", "issuekey", "id"}, ValueType::kKey, "key", false,
                               {Op::kEq, Op::kNe, Op::kIn, Op::kNotIn}, true);
  issue_key.sort_key = [] { return sql::Col("i", "id"); };
  r->Add(issue_key);
  FieldSpec parent = Column("parent", {}, ValueType::kKey, "parent_id", true, kEqOps, false);
  parent.storage.lookup_table = "issues";
  parent.storage.lookup_column = "key";
  r->Add(parent);

  for (const auto& cf : cat.fields) {
    FieldSpec f;
    f.name = cf.name;
    f.id = "cf[" + std::to_string(cf.id) + "]";
    f.custom = true;
    f.multi = IsMultiValued(cf.type);
    f.storage.kind = FieldStorage::Kind::kCustom;
    f.storage.custom_id = cf.id;
    switch (cf.type) {
      case FieldType::kText:
      case FieldType::kParagraph:
      case FieldType::kUrl:
        f.type = ValueType::kText;
        f.operators = kTextOps;
        f.storage.column = "text_value";
        break;
      case FieldType::kNumber:
        f.type = ValueType::kNumber;
        f.operators = kOrderedOps;
        f.orderable = true;
        f.storage.column = "real_value";
        break;
      case FieldType::kDate:
      case FieldType::kDateTime:
        f.type = cf.type == FieldType::kDate ? ValueType::kDate : ValueType::kDateTime;
        f.operators = kOrderedOps;
        f.orderable = true;
        f.storage.column = "int_value";
        f.storage.date_in_days = cf.type == FieldType::kDate;
        break;
      case FieldType::kSelect:
      case FieldType::kMultiSelect: {
        f.type = ValueType::kOption;
        f.operators = kEqOps;
        f.storage.column = "int_value";
        f.storage.value_index = true;  // issue_field_values_int
        std::vector<std::pair<std::string, std::int64_t>> index;
        for (const auto& o : cf.options) {
          index.emplace_back(AsciiLower(o.value), o.id);
          if (!o.disabled) {
            f.suggestions.push_back(o.value);
          }
        }
        f.resolve = [index](std::string_view v) -> Ids {
          std::string key = AsciiLower(v);
          for (const auto& [name, id] : index) {
            if (name == key) {
              return std::vector<std::int64_t>{id};
            }
          }
          return std::nullopt;
        };
        break;
      }
      case FieldType::kYesNo:
        f.type = ValueType::kOption;
        f.operators = kEqOps;
        f.storage.column = "int_value";
        f.suggestions = {"Yes", "No"};
        f.resolve = [](std::string_view v) -> Ids {
          std::string key = AsciiLower(v);
          if (key == "yes" || key == "true") {
            return std::vector<std::int64_t>{1};
          }
          if (key == "no" || key == "false") {
            return std::vector<std::int64_t>{0};
          }
          return std::nullopt;
        };
        break;
      case FieldType::kUser:
      case FieldType::kMultiUser:
        f.type = ValueType::kUser;
        f.operators = kEqOps;
        f.storage.column = "int_value";
        f.storage.lookup_table = "users";
        f.storage.lookup_column = "username";
        break;
      case FieldType::kTeam:
        f.type = ValueType::kString;
        f.operators = kEqOps;
        f.storage.column = "int_value";
        f.storage.lookup_table = "teams";
        f.storage.lookup_column = "name";
        break;
      case FieldType::kObject:
        // Keys or labels, and the directory's functions (aqlFunction): it lowers the clause.
        f.type = ValueType::kString;
        f.operators = kEqOps;
        f.storage.column = "int_value";
        f.storage.value_index = true;
        if (ObjectDirectory* directory = InstalledObjectDirectory()) {
          directory->ExtendSearchField(f, cf);
        }
        break;
    }
    // A custom field never hides a system field of the same name; cf[id] still reaches it.
    if (r->Find(f.name)) {
      f.name = f.id;
    }
    r->Add(std::move(f));
  }
  return r;
}

}  // namespace steward::tickets
