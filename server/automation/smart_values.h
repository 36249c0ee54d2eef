// Smart values (S7.5): the Mustache-like template language of automation rules, as in Jira
// Automation (reference/jsm.md §3.6). `Render` fills a template such as
//   "Risk {{ChangeRiskValue}} for {{issue.key}}, due {{now.plusDays(7).jqlDate}}"
// from a context of named roots (issue, triggerIssue, webResponse, lookupIssues, variables…).
//
// The data model is JSON (Boost.JSON values). Dates are ISO 8601 strings: a date method called on
// a string parses it ("2026-11-25T10:00:00.000Z" or "2026-11-25"), so issue JSON needs no
// conversion. Templates are parsed into a small tree, never executed as code; every render is
// bounded (output size, nesting, iterations), and a bad template is an error with the position,
// never a crash. The full reference is docs/smart-values.md.
//
// Thread-safety: pure functions; a SmartContext may be shared by concurrent renders if its
// `resolve` callback is thread-safe.
#pragma once

#include "base/clock.h"
#include "base/result.h"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace steward::automation {

namespace json = boost::json;

// What a template can see.
struct SmartContext {
  json::object roots;  // root names → values: "issue", "webResponse", variables…
  // Roots computed on first use (e.g. "issue" loaded only when a template mentions it); asked
  // only for names not in `roots`; null for an unknown root. Shared, not copied: an issue's view
  // is read by every template of a run. May be empty.
  std::function<std::shared_ptr<const json::value>(std::string_view root)> resolve;
  TimestampMs now = 0;            // {{now}}
  std::string time_zone = "UTC";  // zone for date formatting and day arithmetic (IANA name)
};

struct RenderLimits {
  std::size_t max_output = 256 * 1024;  // bytes of rendered text
  int max_depth = 32;                   // nested sections and call chains
  std::size_t max_iterations = 10000;   // list items visited in all sections together
};

// Renders a template. Errors: "automation.smartValueSyntax" (InvalidArgument, with the position)
// for a malformed template; "automation.smartValueError" for a failure while rendering (unknown
// method, wrong argument type, division by zero in math, a limit exceeded). An unknown root or
// field renders as empty text, as in Jira.
Result<std::string> Render(std::string_view tmpl, const SmartContext& ctx,
                           const RenderLimits& limits = {});

// Checks a template's syntax (and method names) without rendering: for validating rules on save.
Status ValidateTemplate(std::string_view tmpl);

// Evaluates one expression without braces ("issue.summary.toLowerCase()", "now.plusDays(7)") to
// its value: for conditions and variables. Missing values are null.
Result<json::value> Evaluate(std::string_view expression, const SmartContext& ctx,
                             const RenderLimits& limits = {});

// The text a value renders as: strings as they are, numbers without a trailing ".0", lists
// joined with ", ", null as empty, objects as JSON.
std::string ToText(const json::value& v);

}  // namespace steward::automation
