#include "query/binder.h"

#include "base/text.h"
#include "base/time_format.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace steward::query {
namespace {

bool ParseInt(std::string_view s, int& out) {
  auto r = std::from_chars(s.data(), s.data() + s.size(), out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

QueryError Bad(std::string code, std::string message, Span span) {
  return QueryError{std::move(code), std::move(message), span};
}

const char* kDateFunctions[] = {"now",          "startofday",  "startofweek",
                                "startofmonth", "startofyear", "endofday",
                                "endofweek",    "endofmonth",  "endofyear"};

class Binder {
 public:
  Binder(const FieldRegistry& r, const Lookup& lookup) : r_(r), lookup_(lookup) {}

  std::variant<BoundQuery, QueryError> Run(const ast::Query& q) {
    BoundQuery out;
    if (q.where) {
      auto c = Clause(*q.where);
      if (!c) {
        return *error_;
      }
      out.where = std::move(*c);
      auto is_text = [](const BoundClause& b) {
        return b.kind == BoundClause::Kind::kTerminal &&
               b.field->storage.kind == FieldStorage::Kind::kFullText && b.op == ast::Op::kContains;
      };
      if (is_text(*out.where)) {
        out.has_text_search = true;
      } else if (out.where->kind == BoundClause::Kind::kAnd) {
        out.has_text_search =
            std::any_of(out.where->children.begin(), out.where->children.end(), is_text);
      }
    }
    for (const auto& o : q.order_by) {
      const FieldSpec* f = FindField(o.field, o.span);
      if (!f) {
        return *error_;
      }
      if (!f->orderable) {
        return Bad("query.badOrder", "results cannot be ordered by \"" + f->name + "\"", o.span);
      }
      out.order_by.push_back(BoundOrder{f, o.desc, o.span});
    }
    return out;
  }

 private:
  const FieldSpec* FindField(const std::string& name, const Span& span) {
    const FieldSpec* f = r_.Find(name);
    if (!f) {
      std::string msg = "no field \"" + name + "\"";
      if (auto s = r_.Suggest(name)) {
        msg += ": did you mean \"" + *s + "\"?";
      }
      error_ = Bad("query.unknownField", msg, span);
    }
    return f;
  }

  std::optional<BoundClause> Clause(const ast::Clause& c) {
    BoundClause b;
    b.span = c.span;
    if (c.kind != ast::Clause::Kind::kTerminal) {
      b.kind = c.kind == ast::Clause::Kind::kAnd  ? BoundClause::Kind::kAnd
               : c.kind == ast::Clause::Kind::kOr ? BoundClause::Kind::kOr
                                                  : BoundClause::Kind::kNot;
      for (const auto& child : c.children) {
        auto bc = Clause(child);
        if (!bc) {
          return std::nullopt;
        }
        b.children.push_back(std::move(*bc));
      }
      return b;
    }
    const FieldSpec* f = FindField(c.field, c.field_span);
    if (!f) {
      return std::nullopt;
    }
    b.field = f;
    b.op = c.op;
    // `= EMPTY` and `!= EMPTY` mean IS / IS NOT EMPTY, as in Jira.
    if (c.operand && c.operand->kind == ast::Operand::Kind::kEmpty) {
      if (b.op == ast::Op::kEq) {
        b.op = ast::Op::kIs;
      } else if (b.op == ast::Op::kNe) {
        b.op = ast::Op::kIsNot;
      }
    }
    bool history = b.op == ast::Op::kWas || b.op == ast::Op::kWasNot || b.op == ast::Op::kWasIn ||
                   b.op == ast::Op::kWasNotIn || b.op == ast::Op::kChanged;
    if (history && f->history_field.empty()) {
      error_ = Bad("query.badOperator",
                   "\"" + f->name +
                       "\" keeps no history: WAS and CHANGED work on status, "
                       "assignee, reporter, priority and resolution",
                   c.op_span);
      return std::nullopt;
    }
    if (!history && !f->Allows(b.op)) {
      std::string ops;
      for (auto op : f->operators) {
        ops += (ops.empty() ? "" : ", ") + std::string(ast::OpName(op));
      }
      error_ = Bad("query.badOperator",
                   "the field \"" + f->name + "\" does not take \"" +
                       std::string(ast::OpName(c.op)) + "\" (it takes " + ops + ")",
                   c.op_span);
      return std::nullopt;
    }
    if (c.operand) {
      const ast::Operand& o = *c.operand;
      if (o.kind == ast::Operand::Kind::kEmpty) {
        if (b.op != ast::Op::kIs && b.op != ast::Op::kIsNot && b.op != ast::Op::kWas &&
            b.op != ast::Op::kWasNot) {
          error_ = Bad("query.badValue",
                       "EMPTY goes with IS, IS NOT, = and !=, not with \"" +
                           std::string(ast::OpName(b.op)) + "\"",
                       o.span);
          return std::nullopt;
        }
        b.empty = true;
      } else if (o.kind == ast::Operand::Kind::kList) {
        for (const auto& item : o.items) {
          if (!Value(*f, item, b.values)) {
            return std::nullopt;
          }
        }
      } else if (!Value(*f, o, b.values)) {
        return std::nullopt;
      }
    }
    for (const auto& p : c.predicates) {
      BoundPredicate bp{p.kind, {}, p.span};
      for (const auto& o : p.operands) {
        // BY takes users; the time predicates take dates; FROM / TO take the field's values.
        bool ok = true;
        if (p.kind == ast::HistoryPredicate::Kind::kBy) {
          ok = UserValue(o, bp.values);
        } else if (p.kind == ast::HistoryPredicate::Kind::kFrom ||
                   p.kind == ast::HistoryPredicate::Kind::kTo) {
          ok = o.kind == ast::Operand::Kind::kEmpty
                   ? (bp.values.push_back(BoundValue{
                          BoundValue::Kind::kText, "", 0, 0, false, {}, "", {}, o.span, nullptr}),
                      true)
                   : Value(*f, o, bp.values);
        } else {
          ok = DateValue(o, bp.values);
        }
        if (!ok) {
          return std::nullopt;
        }
      }
      b.predicates.push_back(std::move(bp));
    }
    return b;
  }

  bool UserValue(const ast::Operand& o, std::vector<BoundValue>& out) {
    if (o.kind == ast::Operand::Kind::kFunction) {
      return Function(ValueType::kUser, o, out);
    }
    if (o.kind != ast::Operand::Kind::kValue) {
      error_ = Bad("query.badValue", "expected a username", o.span);
      return false;
    }
    out.push_back(
        BoundValue{BoundValue::Kind::kText, o.text, 0, 0, false, {}, "", {}, o.span, nullptr});
    return true;
  }

  bool DateValue(const ast::Operand& o, std::vector<BoundValue>& out) {
    if (o.kind == ast::Operand::Kind::kFunction) {
      return Function(ValueType::kDateTime, o, out);
    }
    if (o.kind != ast::Operand::Kind::kValue) {
      error_ = Bad("query.badValue", "expected a date", o.span);
      return false;
    }
    if (auto abs = ParseAbsoluteDate(o.text)) {
      out.push_back(BoundValue{BoundValue::Kind::kInstant,
                               o.text,
                               0,
                               abs->first,
                               abs->second,
                               {},
                               "",
                               {},
                               o.span,
                               nullptr});
      return true;
    }
    if (auto rel = ParseRelativeDuration(o.text)) {
      out.push_back(BoundValue{
          BoundValue::Kind::kRelative, o.text, 0, *rel, false, {}, "", {}, o.span, nullptr});
      return true;
    }
    error_ = Bad("query.badValue",
                 "\"" + o.text +
                     "\" is not a date: write 2025-01-31, \"2025-01-31 14:30\", a relative date "
                     "such as -7d or \"-2w 3d\", or a function such as startOfDay()",
                 o.span);
    return false;
  }

  bool Function(ValueType type, const ast::Operand& o, std::vector<BoundValue>& out) {
    std::string name = AsciiLower(o.text);
    BoundValue v{BoundValue::Kind::kFunction, "", 0, 0, false, {}, name, {}, o.span, nullptr};
    for (const auto& a : o.items) {
      v.args.push_back(a.text);
    }
    bool is_date = std::find(std::begin(kDateFunctions), std::end(kDateFunctions), name) !=
                   std::end(kDateFunctions);
    if (is_date) {
      if (type != ValueType::kDate && type != ValueType::kDateTime) {
        error_ = Bad("query.badValue", o.text + "() gives a date; use it on date fields", o.span);
        return false;
      }
      if (v.args.size() > 1 || (name == "now" && !v.args.empty())) {
        error_ = Bad("query.badValue",
                     o.text + "() takes " + (name == "now" ? "no argument" : "at most one offset"),
                     o.span);
        return false;
      }
      if (!v.args.empty() && !ParseRelativeDuration(v.args[0])) {
        // startOfDay(-1) means -1d: a bare number counts in the function's own unit.
        int n = 0;
        if (!ParseInt(v.args[0], n) &&
            !(v.args[0].size() > 1 && v.args[0][0] == '+' && ParseInt(v.args[0].substr(1), n))) {
          error_ = Bad("query.badValue",
                       "\"" + v.args[0] + "\" is not an offset such as -1, \"+1d\" or -2w",
                       o.items[0].span);
          return false;
        }
      }
    } else if (name == "currentuser" || name == "membersof") {
      if (type != ValueType::kUser) {
        error_ = Bad("query.badValue", o.text + "() gives users; use it on user fields", o.span);
        return false;
      }
      if ((name == "currentuser") != v.args.empty()) {
        error_ = Bad("query.badValue",
                     name == "currentuser" ? "currentUser() takes no argument"
                                           : "membersOf() takes one team name",
                     o.span);
        return false;
      }
    } else {
      error_ = Bad("query.badValue",
                   "no function \"" + o.text +
                       "()\" (functions: currentUser, membersOf, now, startOfDay, startOfWeek, "
                       "startOfMonth, startOfYear, endOfDay, endOfWeek, endOfMonth, endOfYear)",
                   o.span);
      return false;
    }
    out.push_back(std::move(v));
    return true;
  }

  bool Value(const FieldSpec& f, const ast::Operand& o, std::vector<BoundValue>& out) {
    if (o.kind == ast::Operand::Kind::kFunction) {
      std::string name = AsciiLower(o.text);
      if (std::find(f.functions.begin(), f.functions.end(), name) != f.functions.end()) {
        BoundValue v{BoundValue::Kind::kFunction, "", 0, 0, false, {}, name, {}, o.span, nullptr};
        for (const auto& a : o.items) {
          if (a.kind != ast::Operand::Kind::kValue) {
            error_ = Bad("query.badValue", o.text + "() takes text arguments", a.span);
            return false;
          }
          v.args.push_back(a.text);
        }
        out.push_back(std::move(v));
        return true;
      }
      return Function(f.type, o, out);
    }
    if (o.kind != ast::Operand::Kind::kValue) {
      error_ = Bad("query.badValue", "expected a value", o.span);
      return false;
    }
    BoundValue v{BoundValue::Kind::kText, o.text, 0, 0, false, {}, "", {}, o.span, nullptr};
    switch (f.type) {
      case ValueType::kNumber: {
        double d = 0;
        auto r = std::from_chars(o.text.data(), o.text.data() + o.text.size(), d);
        if (r.ec != std::errc() || r.ptr != o.text.data() + o.text.size() || !std::isfinite(d)) {
          error_ = Bad("query.badValue", "\"" + f.name + "\" takes numbers, not \"" + o.text + "\"",
                       o.span);
          return false;
        }
        v.kind = BoundValue::Kind::kNumber;
        v.number = d;
        break;
      }
      case ValueType::kDate:
      case ValueType::kDateTime:
        return DateValue(o, out);
      case ValueType::kOption: {
        auto ids = f.resolve ? f.resolve(o.text) : std::nullopt;
        if (!ids) {
          std::string msg = "no " + f.name + " \"" + o.text + "\"";
          if (!f.suggestions.empty()) {
            std::string some;
            for (size_t i = 0; i < f.suggestions.size() && i < 12; ++i) {
              some += (i ? ", " : "") + f.suggestions[i];
            }
            msg += " (values: " + some + (f.suggestions.size() > 12 ? ", ..." : "") + ")";
          }
          error_ = Bad("query.badValue", msg, o.span);
          return false;
        }
        v.kind = BoundValue::Kind::kIds;
        v.ids = std::move(*ids);
        break;
      }
      case ValueType::kText:
        if (f.storage.kind == FieldStorage::Kind::kFullText) {
          bool any = std::any_of(o.text.begin(), o.text.end(), [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) || (c & 0x80);
          });
          if (!any) {
            error_ = Bad("query.badValue", "the text to search for has no words", o.span);
            return false;
          }
        }
        break;
      default:
        break;
    }
    if (v.kind == BoundValue::Kind::kText && lookup_ && !f.storage.lookup_table.empty()) {
      v.ids = lookup_(f.storage.lookup_table, f.storage.lookup_column, o.text);
      if (v.ids.empty()) {
        std::string what = f.type == ValueType::kUser  ? "user"
                           : f.type == ValueType::kKey ? "issue"
                                                       : f.name;
        error_ = Bad("query.badValue", "no " + what + " \"" + o.text + "\"", o.span);
        return false;
      }
      v.kind = BoundValue::Kind::kIds;  // `text` keeps the name as written (history has names)
    }
    out.push_back(std::move(v));
    return true;
  }

  const FieldRegistry& r_;
  const Lookup& lookup_;
  std::optional<QueryError> error_;
};

}  // namespace

std::optional<std::pair<std::int64_t, bool>> ParseAbsoluteDate(std::string_view s) {
  if (s.size() < 8) {
    return std::nullopt;
  }
  char sep = s.find('-') != std::string_view::npos && s.find('-') == 4 ? '-' : '/';
  size_t a = s.find(sep), b = a == std::string_view::npos ? a : s.find(sep, a + 1);
  if (a != 4 || b == std::string_view::npos) {
    return std::nullopt;
  }
  size_t end = s.find_first_of(" T", b);
  int y = 0, m = 0, d = 0;
  if (!ParseInt(s.substr(0, a), y) || !ParseInt(s.substr(a + 1, b - a - 1), m) ||
      !ParseInt(s.substr(b + 1, (end == std::string_view::npos ? s.size() : end) - b - 1), d)) {
    return std::nullopt;
  }
  if (y < 1970 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31) {
    return std::nullopt;
  }
  std::int64_t ms =
      DaysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d)) * 86400000LL;
  if (end == std::string_view::npos) {
    return std::make_pair(ms, true);
  }
  std::string_view t = s.substr(end + 1);
  int hh = 0, mm = 0, ss = 0;
  if (t.size() != 5 && t.size() != 8) {
    return std::nullopt;
  }
  if (t[2] != ':' || !ParseInt(t.substr(0, 2), hh) || !ParseInt(t.substr(3, 2), mm) ||
      (t.size() == 8 && (t[5] != ':' || !ParseInt(t.substr(6, 2), ss)))) {
    return std::nullopt;
  }
  if (hh > 23 || mm > 59 || ss > 59) {
    return std::nullopt;
  }
  return std::make_pair(ms + (hh * 3600LL + mm * 60LL + ss) * 1000LL, false);
}

std::optional<std::int64_t> ParseRelativeDuration(std::string_view s) {
  // Terms like -2w 3d: the first sign applies to the whole duration.
  size_t i = 0;
  while (i < s.size() && s[i] == ' ') {
    ++i;
  }
  int sign = 1;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) {
    sign = s[i] == '-' ? -1 : 1;
    ++i;
  }
  std::int64_t total = 0;
  int terms = 0;
  while (i < s.size()) {
    if (s[i] == ' ') {
      ++i;
      continue;
    }
    size_t start = i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
      ++i;
    }
    if (i == start || i - start > 6 || i >= s.size()) {
      return std::nullopt;
    }
    std::int64_t n = std::stoll(std::string(s.substr(start, i - start)));
    std::int64_t unit = 0;
    switch (s[i]) {
      case 'y':
        unit = 365LL * 86400000;
        break;
      case 'M':
        unit = 30LL * 86400000;
        break;
      case 'w':
        unit = 7LL * 86400000;
        break;
      case 'd':
        unit = 86400000;
        break;
      case 'h':
        unit = 3600000;
        break;
      case 'm':
        unit = 60000;
        break;
      default:
        return std::nullopt;
    }
    ++i;
    total += n * unit;
    ++terms;
  }
  if (terms == 0) {
    return std::nullopt;
  }
  return sign * total;
}

std::variant<BoundQuery, QueryError> Bind(const ast::Query& q, const FieldRegistry& registry,
                                          const Lookup& lookup) {
  return Binder(registry, lookup).Run(q);
}

}  // namespace steward::query
