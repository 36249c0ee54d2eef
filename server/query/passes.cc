#include "query/passes.h"

#include "base/time_format.h"

#include <charconv>

namespace steward::query {
namespace {

constexpr std::int64_t kDay = 86400000;

std::int64_t FloorDiv(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

// An offset argument: "-1" (in the function's unit), "+2d", "-1w".
std::optional<std::int64_t> UnitsOrDuration(const std::string& arg, bool& is_duration) {
  if (auto d = ParseRelativeDuration(arg)) {
    is_duration = true;
    return d;
  }
  std::string_view s = arg;
  if (!s.empty() && s[0] == '+') {
    s.remove_prefix(1);
  }
  int n = 0;
  auto r = std::from_chars(s.data(), s.data() + s.size(), n);
  if (r.ec != std::errc() || r.ptr != s.data() + s.size()) {
    return std::nullopt;
  }
  is_duration = false;
  return n;
}

void ForEachValue(BoundClause& c, const std::function<void(BoundValue&)>& fn) {
  for (auto& v : c.values) {
    fn(v);
  }
  for (auto& p : c.predicates) {
    for (auto& v : p.values) {
      fn(v);
    }
  }
  for (auto& child : c.children) {
    ForEachValue(child, fn);
  }
}

}  // namespace

std::optional<std::int64_t> EvaluateDateFunction(const std::string& name,
                                                 const std::vector<std::string>& args,
                                                 std::int64_t now_ms) {
  if (name == "now") {
    return now_ms;
  }
  bool start = name.rfind("startof", 0) == 0;
  bool end = name.rfind("endof", 0) == 0;
  if (!start && !end) {
    return std::nullopt;
  }
  std::string unit = name.substr(start ? 7 : 5);
  std::int64_t units = 0, shift_ms = 0;
  if (!args.empty()) {
    bool is_duration = false;
    auto v = UnitsOrDuration(args[0], is_duration);
    if (!v) {
      return std::nullopt;
    }
    (is_duration ? shift_ms : units) = *v;
  }
  std::int64_t day = FloorDiv(now_ms, kDay);
  Civil civil = CivilFromDays(day);
  std::int64_t y = civil.y;
  unsigned m = civil.m;
  std::int64_t from = 0, to = 0;  // [from, to) in days
  if (unit == "day") {
    from = day + units;
    to = from + 1;
  } else if (unit == "week") {
    std::int64_t weekday = FloorDiv(day + 3, 1) % 7;  // 1970-01-01 was a Thursday: Monday = 0
    if (weekday < 0) {
      weekday += 7;
    }
    from = day - weekday + units * 7;
    to = from + 7;
  } else if (unit == "month") {
    std::int64_t month_index = y * 12 + (m - 1) + units;
    std::int64_t ny = FloorDiv(month_index, 12);
    unsigned nm = static_cast<unsigned>(month_index - ny * 12) + 1;
    from = DaysFromCivil(static_cast<int>(ny), nm, 1);
    std::int64_t next = month_index + 1;
    to = DaysFromCivil(static_cast<int>(FloorDiv(next, 12)),
                       static_cast<unsigned>(next - FloorDiv(next, 12) * 12) + 1, 1);
  } else if (unit == "year") {
    from = DaysFromCivil(static_cast<int>(y + units), 1, 1);
    to = DaysFromCivil(static_cast<int>(y + units + 1), 1, 1);
  } else {
    return std::nullopt;
  }
  std::int64_t at = start ? from * kDay : to * kDay - 1;
  return at + shift_ms;
}

std::optional<QueryError> RunPasses(BoundQuery& q, const PassContext& ctx) {
  if (!q.where) {
    return std::nullopt;
  }
  std::optional<QueryError> error;
  if (!ctx.disabled.count("dates")) {
    ForEachValue(*q.where, [&](BoundValue& v) {
      if (v.kind == BoundValue::Kind::kRelative) {
        v.kind = BoundValue::Kind::kInstant;
        v.ms = ctx.now_ms + v.ms;
        v.day = false;
      } else if (v.kind == BoundValue::Kind::kFunction && v.function != "currentuser" &&
                 v.function != "membersof") {
        auto at = EvaluateDateFunction(v.function, v.args, ctx.now_ms);
        if (!at && !error) {
          error = QueryError{"query.badValue", "cannot evaluate " + v.function + "()", v.span};
          return;
        }
        v.kind = BoundValue::Kind::kInstant;
        v.ms = at.value_or(0);
        v.day = false;
      }
    });
  }
  if (!ctx.disabled.count("functions")) {
    ForEachValue(*q.where, [&](BoundValue& v) {
      if (v.kind != BoundValue::Kind::kFunction) {
        return;
      }
      if (v.function == "currentuser") {
        if (!ctx.user_id) {
          if (!error) {
            error = QueryError{"query.badValue", "currentUser() needs a signed-in user", v.span};
          }
          return;
        }
        v.kind = BoundValue::Kind::kCurrentUser;
        v.number = static_cast<double>(*ctx.user_id);
        v.ms = *ctx.user_id;
      } else if (v.function == "membersof") {
        v.kind = BoundValue::Kind::kTeamMembers;
        v.text = v.args.empty() ? "" : v.args[0];
      }
    });
  }
  return error;
}

}  // namespace steward::query
