#include "query/testing/sample_registry.h"

namespace steward::query {

using ast::Op;

FieldRegistry SampleRegistry() {
  FieldRegistry r;
  const std::vector<Op> eq = {Op::kEq, Op::kNe, Op::kIn, Op::kNotIn, Op::kIs, Op::kIsNot};
  const std::vector<Op> ordered = {Op::kEq, Op::kNe, Op::kLt,    Op::kLe, Op::kGt,
                                   Op::kGe, Op::kIn, Op::kNotIn, Op::kIs, Op::kIsNot};
  FieldSpec status;
  status.name = status.id = "status";
  status.type = ValueType::kOption;
  status.operators = eq;
  status.orderable = true;
  status.history_field = "status";
  status.storage.column = "status_id";
  status.storage.nullable = false;
  status.suggestions = {"Open", "Closed"};
  status.domain = {1, 2, 3};
  status.resolve = [](std::string_view v) -> std::optional<std::vector<std::int64_t>> {
    if (v == "Open" || v == "open") {
      return std::vector<std::int64_t>{1};
    }
    if (v == "Closed") {
      return std::vector<std::int64_t>{2};
    }
    return std::nullopt;
  };
  r.Add(status);
  FieldSpec assignee;
  assignee.name = assignee.id = "assignee";
  assignee.type = ValueType::kUser;
  assignee.operators = eq;
  assignee.orderable = true;
  assignee.history_field = "assignee";
  assignee.history_by_username = true;
  assignee.storage.column = "assignee_id";
  assignee.storage.lookup_table = "users";
  assignee.storage.lookup_column = "username";
  r.Add(assignee);
  FieldSpec labels;
  labels.name = labels.id = "labels";
  labels.aliases = {"label"};
  labels.type = ValueType::kString;
  labels.multi = true;
  labels.operators = eq;
  labels.storage.kind = FieldStorage::Kind::kSet;
  labels.storage.table = "issue_labels";
  labels.storage.issue_column = "issue_id";
  labels.storage.column = "label";
  labels.storage.value_index = true;
  r.Add(labels);
  FieldSpec created;
  created.name = created.id = "created";
  created.aliases = {"createdDate"};
  created.type = ValueType::kDateTime;
  created.operators = ordered;
  created.orderable = true;
  created.storage.column = "created_at";
  created.range_index = "issues_created";
  created.storage.nullable = false;
  r.Add(created);
  FieldSpec summary;
  summary.name = summary.id = "summary";
  summary.type = ValueType::kText;
  summary.operators = {Op::kContains, Op::kNotContains};
  summary.storage.kind = FieldStorage::Kind::kFullText;
  summary.storage.column = "summary";
  summary.storage.fts_columns = {"summary"};
  r.Add(summary);
  FieldSpec impact;
  impact.name = "Impact";
  impact.id = "cf[7]";
  impact.custom = true;
  impact.type = ValueType::kNumber;
  impact.operators = ordered;
  impact.orderable = true;
  impact.storage.kind = FieldStorage::Kind::kCustom;
  impact.storage.custom_id = 7;
  impact.storage.column = "real_value";
  r.Add(impact);
  return r;
}

}  // namespace steward::query
