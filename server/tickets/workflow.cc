#include "tickets/workflow.h"

#include "base/text.h"

namespace steward::tickets {

std::vector<const TransitionDef*> TransitionsFrom(const WorkflowDef& w, std::int64_t status) {
  std::vector<const TransitionDef*> out;
  for (const auto& t : w.transitions) {
    if ((!t.from_status || *t.from_status == status) && t.to_status != status) {
      out.push_back(&t);
    }
  }
  return out;
}

std::string FailedCondition(const TransitionDef& t, const TransitionContext& ctx) {
  for (const auto& c : t.conditions) {
    if (c.type == "role") {
      bool ok = false;
      for (const auto& want : c.roles) {
        for (const auto& have : ctx.roles) {
          ok = ok || want == have;
        }
      }
      if (!ok) {
        std::string roles;
        for (const auto& r : c.roles) {
          roles += (roles.empty() ? "" : " or ") + r;
        }
        return "only the project role " + roles + " may do this";
      }
    } else if (c.type == "fieldEquals") {
      bool ok = false;
      for (const auto& have : ctx.values(c.field)) {
        for (const auto& want : c.values) {
          ok = ok || EqualsIgnoreCase(have, want);
        }
      }
      if (!ok) {
        std::string values;
        for (const auto& v : c.values) {
          values += (values.empty() ? "" : " or ") + v;
        }
        return "\"" + c.field + "\" must be " + values;
      }
    } else if (c.type == "fieldNotEmpty") {
      if (ctx.values(c.field).empty()) {
        return "\"" + c.field + "\" must be set";
      }
    } else if (c.type == "subtasksDone") {
      if (!ctx.subtasks_done) {
        return "every sub-task must be done first";
      }
    }
  }
  return {};
}

std::vector<std::string> MissingRequiredFields(const TransitionDef& t,
                                               const TransitionContext& ctx) {
  std::vector<std::string> out;
  for (const auto& v : t.validators) {
    for (const auto& f : v.fields) {
      if (ctx.values(f).empty()) {
        out.push_back(f);
      }
    }
  }
  return out;
}

}  // namespace steward::tickets
