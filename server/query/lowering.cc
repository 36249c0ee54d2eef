#include "query/lowering.h"

#include <algorithm>
#include <set>

namespace steward::query {
namespace {

using sql::BinaryOp;
using sql::Col;
using sql::ExprPtr;
using sql::P;
using sql::SelectPtr;

constexpr std::int64_t kDay = 86400000;

std::string Upper(std::string s) {
  for (char& c : s) {
    if (c >= 'a' && c <= 'z') {
      c = static_cast<char>(c - 'a' + 'A');
    }
  }
  return s;
}

SelectPtr MakeSelect(sql::Select s) { return std::make_shared<const sql::Select>(std::move(s)); }

ExprPtr Eq(ExprPtr a, ExprPtr b) { return sql::Bin(BinaryOp::kEq, std::move(a), std::move(b)); }

// The value expressions of a clause: the column matches if it equals one of `scalars` or is in
// one of `subselects`.
struct ValueSet {
  std::vector<ExprPtr> scalars;
  std::vector<SelectPtr> subselects;
};

// Ids of the rows of a lookup table whose `column` is one of `names`: without case, or for
// issue keys exactly (upper-cased), so the key index serves it.
SelectPtr LookupIds(const std::string& table, const std::string& column,
                    const std::vector<std::string>& names, bool keys) {
  sql::Select s;
  s.columns = {{Col("l", "id"), ""}};
  s.from = table;
  s.from_alias = "l";
  std::vector<ExprPtr> values;
  for (const auto& n : names) {
    values.push_back(keys ? P(Upper(n)) : sql::Call(sql::Special::kLower, {P(n)}));
  }
  s.where = sql::InList(
      keys ? Col("l", column) : sql::Call(sql::Special::kLower, {Col("l", column)}), values);
  return MakeSelect(std::move(s));
}

SelectPtr TeamMembers(const std::string& team) {
  sql::Select s;
  s.columns = {{Col("tm", "user_id"), ""}};
  s.from = "team_members";
  s.from_alias = "tm";
  s.joins.push_back(
      sql::Join{false, "teams", nullptr, "t", Eq(Col("t", "id"), Col("tm", "team_id"))});
  s.where = Eq(sql::Call(sql::Special::kLower, {Col("t", "name")}),
               sql::Call(sql::Special::kLower, {P(team)}));
  return MakeSelect(std::move(s));
}

std::int64_t Stored(const FieldSpec& f, std::int64_t ms) {
  return f.storage.date_in_days ? (ms >= 0 ? ms / kDay : -((-ms + kDay - 1) / kDay)) : ms;
}

ValueSet Values(const FieldSpec& f, const std::vector<BoundValue>& values) {
  ValueSet out;
  std::vector<std::string> names;
  for (const auto& v : values) {
    switch (v.kind) {
      case BoundValue::Kind::kIds:
        for (auto id : v.ids) {
          out.scalars.push_back(P(id));
        }
        break;
      case BoundValue::Kind::kNumber:
        out.scalars.push_back(P(v.number));
        break;
      case BoundValue::Kind::kInstant:
        out.scalars.push_back(P(Stored(f, v.ms)));
        break;
      case BoundValue::Kind::kCurrentUser:
        out.scalars.push_back(P(v.ms));
        break;
      case BoundValue::Kind::kTeamMembers:
        out.subselects.push_back(TeamMembers(v.text));
        break;
      case BoundValue::Kind::kText:
        if (!f.storage.lookup_table.empty()) {
          names.push_back(v.text);
        } else if (f.type == ValueType::kKey) {
          out.scalars.push_back(P(Upper(v.text)));
        } else {
          out.scalars.push_back(P(v.text));
        }
        break;
      default:
        break;
    }
  }
  if (!names.empty()) {
    out.subselects.push_back(LookupIds(f.storage.lookup_table, f.storage.lookup_column, names,
                                       f.type == ValueType::kKey));
  }
  return out;
}

ExprPtr Match(const ExprPtr& col, const ValueSet& vs) {
  std::vector<ExprPtr> any;
  if (!vs.scalars.empty()) {
    any.push_back(vs.scalars.size() == 1 ? Eq(col, vs.scalars[0]) : sql::InList(col, vs.scalars));
  }
  for (const auto& s : vs.subselects) {
    any.push_back(sql::InSelect(col, s));
  }
  return sql::Or(std::move(any));
}

// `col op value` for ordered comparisons, with a calendar day meaning its first instant.
ExprPtr Compare(const FieldSpec& f, const ExprPtr& col, ast::Op op, const BoundValue& v) {
  ExprPtr value;
  if (v.kind == BoundValue::Kind::kInstant) {
    value = P(Stored(f, v.ms));
  } else if (v.kind == BoundValue::Kind::kNumber) {
    value = P(v.number);
  } else if (v.kind == BoundValue::Kind::kText) {
    value = P(f.type == ValueType::kKey ? Upper(v.text) : v.text);
  } else {
    value = P(v.ms);
  }
  BinaryOp b = op == ast::Op::kLt   ? BinaryOp::kLt
               : op == ast::Op::kLe ? BinaryOp::kLe
               : op == ast::Op::kGt ? BinaryOp::kGt
                                    : BinaryOp::kGe;
  return sql::Bin(b, col, value);
}

// Equality with one or more values; a calendar day on a date-time field covers the whole day.
ExprPtr Equals(const FieldSpec& f, const ExprPtr& col, const std::vector<BoundValue>& values) {
  std::vector<ExprPtr> ranges;
  std::vector<BoundValue> rest;
  for (const auto& v : values) {
    if (v.kind == BoundValue::Kind::kInstant && v.day && !f.storage.date_in_days) {
      ranges.push_back(sql::And(
          {sql::Bin(BinaryOp::kGe, col, P(v.ms)), sql::Bin(BinaryOp::kLt, col, P(v.ms + kDay))}));
    } else {
      rest.push_back(v);
    }
  }
  if (!rest.empty()) {
    ranges.push_back(Match(col, Values(f, rest)));
  }
  return sql::Or(std::move(ranges));
}

// The rows of a side table that belong to the current issue (alias s).
sql::Select SideRows(const FieldSpec& f) {
  sql::Select s;
  const FieldStorage& st = f.storage;
  if (st.kind == FieldStorage::Kind::kCustom) {
    s.from = "issue_field_values";
    s.from_alias = "s";
    s.where = sql::And({Eq(Col("s", "issue_id"), Col("i", "id")),
                        Eq(Col("s", "field_id"), sql::Int(st.custom_id))});
  } else {
    s.from = st.table;
    s.from_alias = "s";
    std::vector<ExprPtr> w = {Eq(Col("s", st.issue_column), Col("i", "id"))};
    if (!st.filter_column.empty()) {
      w.push_back(Eq(Col("s", st.filter_column), P(st.filter_value)));
    }
    s.where = sql::And(std::move(w));
  }
  return s;
}

ExprPtr SideExists(const FieldSpec& f, ExprPtr extra) {
  sql::Select s = SideRows(f);
  if (extra) {
    s.where = sql::And({s.where, std::move(extra)});
  }
  return sql::Exists(MakeSelect(std::move(s)));
}

// `text` contains one of the values, without case (plain substring: fields without an FTS index).
ExprPtr ContainsAny(const ExprPtr& text, const std::vector<BoundValue>& values) {
  std::vector<ExprPtr> any;
  for (const auto& v : values) {
    any.push_back(
        sql::Bin(BinaryOp::kGt,
                 sql::Call(sql::Special::kInstr, {sql::Call(sql::Special::kLower, {text}),
                                                  sql::Call(sql::Special::kLower, {P(v.text)})}),
                 sql::Int(0)));
  }
  return sql::Or(std::move(any));
}

// True if the clause's values are frequent in their side table (a common label, a popular
// option): then probing each candidate issue beats driving the query from the side table.
bool Frequent(const FieldSpec& f, const BoundClause& c, const LowerContext& ctx) {
  const FieldStorage& st = f.storage;
  if (!ctx.frequency || !st.value_index) {
    return false;
  }
  std::string table = st.kind == FieldStorage::Kind::kCustom ? "issue_field_values" : st.table;
  std::int64_t field = st.kind == FieldStorage::Kind::kCustom ? st.custom_id : 0;
  std::int64_t total = 0;
  for (const auto& v : c.values) {
    std::vector<sql::Value> values;
    if (v.kind == BoundValue::Kind::kIds) {
      values.assign(v.ids.begin(), v.ids.end());
    } else if (v.kind == BoundValue::Kind::kText && st.lookup_table.empty()) {
      values.emplace_back(v.text);
    } else {
      return false;  // ranges, functions: leave it to the planner
    }
    for (const auto& value : values) {
      total += ctx.frequency(table, st.column, value, field, kDriveFromSideTable - total);
      if (total >= kDriveFromSideTable) {
        return true;
      }
    }
  }
  return false;
}

// i.id IN (the issues with a matching row): SQLite can drive the query from the side table's
// index (a label, an option value) instead of probing it once per issue.
ExprPtr SideIn(const FieldSpec& f, ExprPtr cond) {
  sql::Select s;
  const FieldStorage& st = f.storage;
  std::vector<ExprPtr> w;
  if (st.kind == FieldStorage::Kind::kCustom) {
    s.from = "issue_field_values";
    s.columns = {{Col("s", "issue_id"), ""}};
    w.push_back(Eq(Col("s", "field_id"), sql::Int(st.custom_id)));
  } else {
    s.from = st.table;
    s.columns = {{Col("s", st.issue_column), ""}};
    if (!st.filter_column.empty()) {
      w.push_back(Eq(Col("s", st.filter_column), P(st.filter_value)));
    }
  }
  s.from_alias = "s";
  w.push_back(std::move(cond));
  s.where = sql::And(std::move(w));
  return sql::InSelect(Col("i", "id"), MakeSelect(std::move(s)));
}

ExprPtr FullText(const FieldSpec& f, const std::string& neutral, const LowerContext& ctx) {
  const auto& cols = f.storage.fts_columns;
  bool summary = std::find(cols.begin(), cols.end(), "summary") != cols.end();
  bool description = std::find(cols.begin(), cols.end(), "description") != cols.end();
  bool comments = std::find(cols.begin(), cols.end(), "comments") != cols.end();
  std::vector<ExprPtr> any;
  if (summary || description) {
    sql::Select s;
    s.columns = {{Col("", "rowid"), ""}};
    s.from = "issues_fts";
    auto match = sql::Call(sql::Special::kFullText, {P(neutral)}, "issues_fts");
    if (summary != description) {
      auto named = std::make_shared<sql::Expr>(*match);
      named->name = summary ? "summary" : "description";
      match = named;
    }
    s.where = match;
    any.push_back(sql::InSelect(Col("i", "id"), MakeSelect(std::move(s))));
  }
  if (comments) {
    auto matching = [&](bool public_only) {
      sql::Select s;
      s.columns = {{Col("c", "issue_id"), ""}};
      s.from = "comments_fts";
      s.joins.push_back(sql::Join{false, "comments", nullptr, "c",
                                  Eq(Col("c", "id"), Col("comments_fts", "rowid"))});
      std::vector<ExprPtr> w = {sql::Call(sql::Special::kFullText, {P(neutral)}, "comments_fts"),
                                sql::IsNull(Col("c", "deleted_at"))};
      if (public_only) {
        w.push_back(Eq(Col("c", "internal"), sql::Int(0)));
      }
      s.where = sql::And(std::move(w));
      return MakeSelect(std::move(s));
    };
    if (ctx.scope.unrestricted) {
      any.push_back(sql::InSelect(Col("i", "id"), matching(false)));
    } else {
      // Internal comments count only in projects where the caller is staff.
      std::vector<ExprPtr> staff;
      for (auto id : ctx.scope.staff_projects) {
        staff.push_back(P(id));
      }
      any.push_back(sql::InSelect(Col("i", "id"), matching(true)));
      if (!staff.empty()) {
        any.push_back(sql::And({sql::InList(Col("i", "project_id"), staff),
                                sql::InSelect(Col("i", "id"), matching(false))}));
      }
    }
  }
  return sql::Or(std::move(any));
}

ExprPtr History(const BoundClause& c, const LowerContext& ctx) {
  const FieldSpec& f = *c.field;
  // A history value as change_items stores it: an id as text, or a username.
  auto stored = [&](const std::vector<BoundValue>& values) {
    ValueSet vs;
    for (const auto& v : values) {
      if (v.kind == BoundValue::Kind::kIds && f.history_by_username && !v.text.empty()) {
        vs.scalars.push_back(P(v.text));  // history records usernames
      } else if (v.kind == BoundValue::Kind::kIds) {
        for (auto id : v.ids) {
          vs.scalars.push_back(P(std::to_string(id)));
        }
      } else if (v.kind == BoundValue::Kind::kCurrentUser) {
        sql::Select s;
        s.columns = {{Col("u", "username"), ""}};
        s.from = "users";
        s.from_alias = "u";
        s.where = Eq(Col("u", "id"), P(v.ms));
        vs.subselects.push_back(MakeSelect(std::move(s)));
      } else if (v.kind == BoundValue::Kind::kTeamMembers) {
        sql::Select s;
        s.columns = {{Col("u", "username"), ""}};
        s.from = "users";
        s.from_alias = "u";
        s.where = sql::InSelect(Col("u", "id"), TeamMembers(v.text));
        vs.subselects.push_back(MakeSelect(std::move(s)));
      } else if (v.kind == BoundValue::Kind::kText) {
        vs.scalars.push_back(P(v.text));
      }
    }
    return vs;
  };
  auto item_matches = [&](const char* column, const std::vector<BoundValue>& values,
                          bool empty) -> ExprPtr {
    if (empty || (values.size() == 1 && values[0].kind == BoundValue::Kind::kText &&
                  values[0].text.empty())) {
      return sql::IsNull(Col("ci", column));
    }
    ValueSet vs = stored(values);
    ExprPtr col = Col("ci", column);
    if (f.history_by_username) {
      // Usernames compare without case.
      std::vector<ExprPtr> lowered;
      for (auto& s : vs.scalars) {
        lowered.push_back(sql::Call(sql::Special::kLower, {s}));
      }
      vs.scalars = std::move(lowered);
      col = sql::Call(sql::Special::kLower, {col});
    }
    return sql::And({sql::IsNull(Col("ci", column), true), Match(col, vs)});
  };
  std::vector<ExprPtr> w = {Eq(Col("g", "issue_id"), Col("i", "id")),
                            Eq(Col("ci", "field"), P(f.history_field))};
  bool timed = false;
  for (const auto& p : c.predicates) {
    ExprPtr at = Col("g", "created_at");
    switch (p.kind) {
      case ast::HistoryPredicate::Kind::kFrom:
        w.push_back(item_matches("from_value", p.values, false));
        break;
      case ast::HistoryPredicate::Kind::kTo:
        w.push_back(item_matches("to_value", p.values, false));
        break;
      case ast::HistoryPredicate::Kind::kBy: {
        FieldSpec user;
        user.type = ValueType::kUser;
        user.storage.lookup_table = "users";
        user.storage.lookup_column = "username";
        w.push_back(sql::And({sql::IsNull(Col("g", "author_id"), true),
                              Match(Col("g", "author_id"), Values(user, p.values))}));
        break;
      }
      case ast::HistoryPredicate::Kind::kBefore:
        timed = true;
        w.push_back(sql::Bin(BinaryOp::kLt, at, P(p.values.at(0).ms)));
        break;
      case ast::HistoryPredicate::Kind::kAfter:
        timed = true;
        w.push_back(
            sql::Bin(BinaryOp::kGt, at, P(p.values.at(0).ms + (p.values[0].day ? kDay - 1 : 0))));
        break;
      case ast::HistoryPredicate::Kind::kOn: {
        timed = true;
        std::int64_t day = p.values.at(0).ms - ((p.values[0].ms % kDay) + kDay) % kDay;
        w.push_back(sql::Bin(BinaryOp::kGe, at, P(day)));
        w.push_back(sql::Bin(BinaryOp::kLt, at, P(day + kDay)));
        break;
      }
      case ast::HistoryPredicate::Kind::kDuring:
        timed = true;
        w.push_back(sql::Bin(BinaryOp::kGe, at, P(p.values.at(0).ms)));
        w.push_back(
            sql::Bin(BinaryOp::kLe, at, P(p.values.at(1).ms + (p.values[1].day ? kDay - 1 : 0))));
        break;
    }
  }
  bool by = std::any_of(c.predicates.begin(), c.predicates.end(), [](const BoundPredicate& p) {
    return p.kind == ast::HistoryPredicate::Kind::kBy;
  });
  if (c.op != ast::Op::kChanged) {
    if (by) {
      // WAS x BY u: u set the field to x.
      w.push_back(item_matches("to_value", c.values, c.empty));
    } else {
      w.push_back(sql::Or({item_matches("from_value", c.values, c.empty),
                           item_matches("to_value", c.values, c.empty)}));
    }
  }
  sql::Select s;
  s.from = "change_groups";
  s.from_alias = "g";
  s.joins.push_back(
      sql::Join{false, "change_items", nullptr, "ci", Eq(Col("ci", "group_id"), Col("g", "id"))});
  s.where = sql::And(std::move(w));
  ExprPtr changed = sql::Exists(MakeSelect(std::move(s)));
  if (c.op == ast::Op::kChanged) {
    return changed;
  }
  ExprPtr was = changed;
  if (!timed && !by) {
    // WAS also matches the value the issue has now.
    BoundClause now = c;
    now.op = c.empty ? ast::Op::kIs : ast::Op::kIn;
    now.predicates.clear();
    was = sql::Or({LowerClause(now, ctx), changed});
  }
  bool negated = c.op == ast::Op::kWasNot || c.op == ast::Op::kWasNotIn;
  return negated ? sql::Not(was) : was;
}

}  // namespace

std::string NeutralFullText(std::string_view text) {
  std::string out;
  auto word_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || (c & 0x80); };
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '"') {
      size_t end = text.find('"', i + 1);
      if (end == std::string_view::npos) {
        end = text.size();
      }
      std::string phrase;
      for (size_t j = i + 1; j < end; ++j) {
        if (word_char(text[j])) {
          phrase += text[j];
        } else if (!phrase.empty() && phrase.back() != ' ') {
          phrase += ' ';
        }
      }
      while (!phrase.empty() && phrase.back() == ' ') {
        phrase.pop_back();
      }
      if (!phrase.empty()) {
        out += (out.empty() ? "\"" : " \"") + phrase + "\"";
      }
      i = end + 1;
      continue;
    }
    if (!word_char(text[i])) {
      ++i;
      continue;
    }
    size_t start = i;
    while (i < text.size() && word_char(text[i])) {
      ++i;
    }
    std::string word(text.substr(start, i - start));
    if (i < text.size() && text[i] == '*') {
      word += '*';
      ++i;
    }
    out += (out.empty() ? "" : " ") + word;
  }
  return out;
}

sql::ExprPtr PermissionPredicate(const Scope& scope) {
  if (scope.unrestricted) {
    return sql::True();
  }
  std::vector<ExprPtr> staff, customer;
  for (auto id : scope.staff_projects) {
    staff.push_back(P(id));
  }
  for (auto id : scope.customer_projects) {
    customer.push_back(P(id));
  }
  std::vector<ExprPtr> any;
  if (!staff.empty()) {
    any.push_back(sql::InList(Col("i", "project_id"), staff));
  }
  if (!customer.empty()) {
    sql::Select participant;
    participant.from = "issue_users";
    participant.from_alias = "pu";
    // Participants and approvers (a customer asked to approve sees the request, as on the
    // portal: tickets' SharedWith).
    participant.where = sql::And({Eq(Col("pu", "issue_id"), Col("i", "id")),
                                  sql::InList(Col("pu", "role"), {P(std::string("participant")),
                                                                  P(std::string("approver"))}),
                                  Eq(Col("pu", "user_id"), P(scope.user_id))});
    sql::Select shared;
    shared.from = "issue_organizations";
    shared.from_alias = "io";
    shared.joins.push_back(
        sql::Join{false, "organization_members", nullptr, "om",
                  Eq(Col("om", "organization_id"), Col("io", "organization_id"))});
    shared.where = sql::And(
        {Eq(Col("io", "issue_id"), Col("i", "id")), Eq(Col("om", "user_id"), P(scope.user_id))});
    any.push_back(sql::And({sql::InList(Col("i", "project_id"), customer),
                            sql::Or({Eq(Col("i", "reporter_id"), P(scope.user_id)),
                                     sql::Exists(MakeSelect(std::move(participant))),
                                     sql::Exists(MakeSelect(std::move(shared)))})}));
  }
  return sql::Or(std::move(any));
}

sql::ExprPtr LowerClause(const BoundClause& c, const LowerContext& ctx) {
  switch (c.kind) {
    case BoundClause::Kind::kAnd:
    case BoundClause::Kind::kOr: {
      std::vector<ExprPtr> parts;
      for (const auto& child : c.children) {
        parts.push_back(LowerClause(child, ctx));
      }
      return c.kind == BoundClause::Kind::kAnd ? sql::And(std::move(parts))
                                               : sql::Or(std::move(parts));
    }
    case BoundClause::Kind::kNot:
      return sql::Not(LowerClause(c.children.at(0), ctx));
    case BoundClause::Kind::kTerminal:
      break;
  }
  const FieldSpec& f = *c.field;
  if (f.lower) {
    return f.lower(c, ctx);
  }
  switch (c.op) {
    case ast::Op::kWas:
    case ast::Op::kWasNot:
    case ast::Op::kWasIn:
    case ast::Op::kWasNotIn:
    case ast::Op::kChanged:
      return History(c, ctx);
    default:
      break;
  }
  const FieldStorage& st = f.storage;
  if (st.kind == FieldStorage::Kind::kFullText) {
    if (c.op == ast::Op::kIs || c.op == ast::Op::kIsNot) {
      ExprPtr col = Col("i", st.column);
      ExprPtr empty = sql::Or({sql::IsNull(col), Eq(col, P(std::string()))});
      return c.op == ast::Op::kIs ? empty : sql::Not(empty);
    }
    std::string neutral;
    for (const auto& v : c.values) {
      neutral += (neutral.empty() ? "" : " ") + NeutralFullText(v.text);
    }
    ExprPtr m = FullText(f, neutral, ctx);
    return c.op == ast::Op::kNotContains ? sql::Not(m) : m;
  }
  if (st.kind == FieldStorage::Kind::kColumn) {
    ExprPtr col = Col("i", st.column);
    auto present = [&](ExprPtr e) {
      return st.nullable ? sql::And({sql::IsNull(col, true), std::move(e)}) : e;
    };
    switch (c.op) {
      case ast::Op::kEq:
      case ast::Op::kIn:
        return present(Equals(f, col, c.values));
      case ast::Op::kNe:
      case ast::Op::kNotIn: {
        bool all_ids = std::all_of(c.values.begin(), c.values.end(), [](const BoundValue& v) {
          return v.kind == BoundValue::Kind::kIds;
        });
        if (!f.domain.empty() && all_ids) {
          std::set<std::int64_t> excluded;
          for (const auto& v : c.values) {
            excluded.insert(v.ids.begin(), v.ids.end());
          }
          std::vector<ExprPtr> rest;
          for (auto id : f.domain) {
            if (!excluded.count(id)) {
              rest.push_back(P(id));
            }
          }
          return present(rest.size() == 1 ? Eq(col, rest[0]) : sql::InList(col, rest));
        }
        return present(sql::Not(Equals(f, col, c.values)));
      }
      case ast::Op::kLt:
      case ast::Op::kLe:
      case ast::Op::kGt:
      case ast::Op::kGe:
        return present(Compare(f, col, c.op, c.values.at(0)));
      case ast::Op::kIs:
        return st.nullable ? sql::IsNull(col) : sql::False();
      case ast::Op::kIsNot:
        return st.nullable ? sql::IsNull(col, true) : sql::True();
      case ast::Op::kContains:
      case ast::Op::kNotContains: {
        ExprPtr m = ContainsAny(col, c.values);
        return present(c.op == ast::Op::kContains ? m : sql::Not(m));
      }
      default:
        return sql::False();
    }
  }
  // Side-table values (kSet, kCustom): the issue matches through any of its rows.
  ExprPtr value = Col("s", st.column);
  ExprPtr has_any = SideExists(f, nullptr);
  switch (c.op) {
    case ast::Op::kEq:
    case ast::Op::kIn: {
      ExprPtr cond = Equals(f, value, c.values);
      return Frequent(f, c, ctx) ? SideExists(f, cond) : SideIn(f, cond);
    }
    case ast::Op::kNe:
    case ast::Op::kNotIn:
      return sql::And({has_any, sql::Not(SideExists(f, Equals(f, value, c.values)))});
    case ast::Op::kLt:
    case ast::Op::kLe:
    case ast::Op::kGt:
    case ast::Op::kGe:
      return SideIn(f, Compare(f, value, c.op, c.values.at(0)));
    case ast::Op::kIs:
      return sql::Not(has_any);
    case ast::Op::kIsNot:
      return has_any;
    case ast::Op::kContains:
    case ast::Op::kNotContains: {
      ExprPtr m = SideExists(f, ContainsAny(value, c.values));
      return c.op == ast::Op::kContains ? m : sql::And({has_any, sql::Not(m)});
    }
    default:
      return sql::False();
  }
}

namespace {

bool IsRankedText(const BoundClause& c) {
  return c.kind == BoundClause::Kind::kTerminal && !c.field->lower &&
         c.field->storage.kind == FieldStorage::Kind::kFullText && c.op == ast::Op::kContains;
}

// The newest kRelevanceCandidates matches of each full-text index the term searches, with
// their rank (lower is better), one row per issue.
SelectPtr Candidates(const BoundClause& term, const LowerContext& ctx, bool scored) {
  std::string neutral;
  for (const auto& v : term.values) {
    neutral += (neutral.empty() ? "" : " ") + NeutralFullText(v.text);
  }
  const auto& cols = term.field->storage.fts_columns;
  bool summary = std::find(cols.begin(), cols.end(), "summary") != cols.end();
  bool description = std::find(cols.begin(), cols.end(), "description") != cols.end();
  bool comments = std::find(cols.begin(), cols.end(), "comments") != cols.end();
  auto wrap = [scored](sql::Select inner) {
    if (!scored) {
      inner.columns.resize(1);  // the id alone: counting needs no rank
    }
    sql::Select b;
    b.columns = {{Col("b", "id"), "id"}};
    if (scored) {
      b.columns.push_back({Col("b", "score"), "score"});
    }
    b.from_subquery = MakeSelect(std::move(inner));
    b.from_alias = "b";
    return MakeSelect(std::move(b));
  };
  std::vector<SelectPtr> branches;
  if (summary || description) {
    sql::Select s;
    s.columns = {{Col("issues_fts", "rowid"), "id"},
                 {sql::Call(sql::Special::kRank, {}, "issues_fts"), "score"}};
    s.from = "issues_fts";
    auto match = sql::Call(sql::Special::kFullText, {P(neutral)}, "issues_fts");
    if (summary != description) {
      auto named = std::make_shared<sql::Expr>(*match);
      named->name = summary ? "summary" : "description";
      match = named;
    }
    s.where = match;
    s.order_by = {{Col("issues_fts", "rowid"), true, true}};
    s.limit = sql::Int(kRelevanceCandidates);
    branches.push_back(wrap(std::move(s)));
  }
  if (comments) {
    sql::Select s;
    s.columns = {{Col("c", "issue_id"), "id"},
                 {sql::Call(sql::Special::kRank, {}, "comments_fts"), "score"}};
    s.from = "comments_fts";
    s.joins.push_back(sql::Join{false, "comments", nullptr, "c",
                                Eq(Col("c", "id"), Col("comments_fts", "rowid"))});
    std::vector<ExprPtr> w = {sql::Call(sql::Special::kFullText, {P(neutral)}, "comments_fts"),
                              sql::IsNull(Col("c", "deleted_at"))};
    if (!ctx.scope.unrestricted) {
      // Internal comments count only in projects where the caller is staff.
      s.joins.push_back(
          sql::Join{false, "issues", nullptr, "ci", Eq(Col("ci", "id"), Col("c", "issue_id"))});
      std::vector<ExprPtr> staff;
      for (auto id : ctx.scope.staff_projects) {
        staff.push_back(P(id));
      }
      w.push_back(sql::Or(
          {Eq(Col("c", "internal"), sql::Int(0)), sql::InList(Col("ci", "project_id"), staff)}));
    }
    s.where = sql::And(std::move(w));
    s.order_by = {{Col("comments_fts", "rowid"), true, true}};
    s.limit = sql::Int(kRelevanceCandidates);
    branches.push_back(wrap(std::move(s)));
  }
  sql::Select all = *branches.front();
  for (size_t k = 1; k < branches.size(); ++k) {
    all.union_all.push_back(branches[k]);
  }
  sql::Select grouped;
  grouped.columns = {{Col("u", "id"), "id"}};
  if (scored) {
    grouped.columns.push_back({sql::Call(sql::Special::kMin, {Col("u", "score")}), "score"});
  }
  grouped.from_subquery = MakeSelect(std::move(all));
  grouped.from_alias = "u";
  grouped.group_by = {Col("u", "id")};
  return MakeSelect(std::move(grouped));
}

}  // namespace

LoweredQuery Lower(const BoundQuery& q, const LowerContext& ctx) {
  LoweredQuery out;
  const BoundClause* ranked = nullptr;
  if (q.where && q.order_by.empty()) {
    if (IsRankedText(*q.where)) {
      ranked = &*q.where;
    } else if (q.where->kind == BoundClause::Kind::kAnd) {
      for (const auto& child : q.where->children) {
        if (IsRankedText(child)) {
          ranked = &child;
          break;
        }
      }
    }
  }
  ExprPtr user = sql::True();
  if (ranked) {
    // The candidate join carries the text term; the other AND terms filter as usual.
    std::vector<ExprPtr> rest;
    if (ranked != &*q.where) {
      for (const auto& child : q.where->children) {
        if (&child != ranked) {
          rest.push_back(LowerClause(child, ctx));
        }
      }
    }
    user = sql::And(std::move(rest));
    out.candidates = Candidates(*ranked, ctx, true);
    out.count_candidates = Candidates(*ranked, ctx, false);
    out.order.push_back(SortKey{Col("h", "score"), false});
  } else if (q.where) {
    user = LowerClause(*q.where, ctx);
  }
  out.where = sql::And({user, PermissionPredicate(ctx.scope)});
  for (const auto& o : q.order_by) {
    const FieldSpec& f = *o.field;
    ExprPtr key;
    if (f.sort_key) {
      key = f.sort_key();
    } else if (f.storage.kind == FieldStorage::Kind::kCustom) {
      sql::Select s = SideRows(f);
      s.columns = {{sql::Call(sql::Special::kMin, {Col("s", f.storage.column)}), ""}};
      key = sql::Scalar(MakeSelect(std::move(s)));
    } else {
      key = Col("i", f.storage.column);
    }
    out.order.push_back(SortKey{key, o.desc});
  }
  if (out.order.empty()) {
    out.order.push_back(SortKey{Col("i", "created_at"), true});
  }
  if (ctx.project_id) {
    out.where = sql::And({Eq(Col("i", "project_id"), P(*ctx.project_id)), out.where});
  }
  // A recent lower bound on an indexed date column in the top-level AND: read through it.
  if (q.where && !out.candidates) {
    std::vector<const BoundClause*> terms;
    if (q.where->kind == BoundClause::Kind::kAnd) {
      for (const auto& child : q.where->children) {
        terms.push_back(&child);
      }
    } else {
      terms.push_back(&*q.where);
    }
    // `project = X` (one project) lets a (project_id, date) index serve the range instead.
    bool one_project = ctx.project_id.has_value() ||
                       std::any_of(terms.begin(), terms.end(), [](const BoundClause* t) {
                         return t->kind == BoundClause::Kind::kTerminal &&
                                t->field->id == "project" && t->op == ast::Op::kEq &&
                                t->values.size() == 1 && t->values[0].ids.size() == 1;
                       });
    for (const BoundClause* t : terms) {
      if (t->kind == BoundClause::Kind::kTerminal && !t->field->range_index.empty() &&
          (t->op == ast::Op::kGt || t->op == ast::Op::kGe) && t->values.size() == 1 &&
          t->values[0].kind == BoundValue::Kind::kInstant &&
          t->values[0].ms >= ctx.now_ms - kRecentRangeMs) {
        out.index_hint = one_project && !t->field->project_range_index.empty()
                             ? t->field->project_range_index
                             : t->field->range_index;
        break;
      }
    }
  }
  return out;
}

}  // namespace steward::query
