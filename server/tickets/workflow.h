// Workflow evaluation (S3.3): which transitions leave a status, whether their conditions pass
// for a caller, and which required fields their validators find missing. Pure functions over a
// WorkflowDef and a small context, so they are tested without a database.
//
// Thread-safety: pure functions.
#pragma once

#include "tickets/catalog.h"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace steward::tickets {

struct TransitionContext {
  std::vector<std::string> roles;  // the caller's roles in the project
  // Display values of a field of the issue (custom field by name, or system field).
  std::function<std::vector<std::string>(std::string_view field)> values;
  bool subtasks_done = true;
};

// Transitions whose source is `status` (or any status), excluding loops to the same status.
std::vector<const TransitionDef*> TransitionsFrom(const WorkflowDef& w, std::int64_t status);

// Empty when every condition passes; otherwise why the first failing one failed.
std::string FailedCondition(const TransitionDef& t, const TransitionContext& ctx);

// Names of fields the validators require that have no value.
std::vector<std::string> MissingRequiredFields(const TransitionDef& t,
                                               const TransitionContext& ctx);

}  // namespace steward::tickets
