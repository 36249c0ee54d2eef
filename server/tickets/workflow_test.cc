#include "tickets/workflow.h"

#include <gtest/gtest.h>

#include <map>

namespace steward::tickets {
namespace {

WorkflowDef ChangeLike() {
  WorkflowDef w;
  w.id = 1;
  w.initial_status = 1;
  w.statuses = {1, 2, 3};
  TransitionDef plan;
  plan.id = 10;
  plan.from_status = 1;
  plan.to_status = 2;
  TransitionDef standard;
  standard.id = 11;
  standard.from_status = 1;
  standard.to_status = 3;
  EXPECT_TRUE(
      ParseRules(
          R"({"conditions":[{"type":"fieldEquals","field":"Change type","values":["Standard"]}],
                             "validators":[{"type":"requiredFields","fields":["Backout plan"]}]})",
          standard)
          .ok());
  TransitionDef approve;
  approve.id = 12;
  approve.from_status = 2;
  approve.to_status = 3;
  EXPECT_TRUE(
      ParseRules(R"({"conditions":[{"type":"role","roles":["administrator"]}]})", approve).ok());
  TransitionDef cancel;
  cancel.id = 13;
  cancel.to_status = 1;  // from any status
  w.transitions = {plan, standard, approve, cancel};
  return w;
}

TransitionContext Context(std::map<std::string, std::vector<std::string>> values,
                          std::vector<std::string> roles) {
  TransitionContext ctx;
  ctx.roles = std::move(roles);
  ctx.values = [values](std::string_view f) {
    auto it = values.find(std::string(f));
    return it == values.end() ? std::vector<std::string>{} : it->second;
  };
  return ctx;
}

TEST(Workflow, ListsTransitionsFromAStatusIncludingGlobalOnes) {
  WorkflowDef w = ChangeLike();
  auto from_open = TransitionsFrom(w, 1);
  ASSERT_EQ(from_open.size(), 2u);  // the global one loops to Open and is excluded
  auto from_planning = TransitionsFrom(w, 2);
  ASSERT_EQ(from_planning.size(), 2u);
  EXPECT_EQ(from_planning[1]->id, 13);
}

TEST(Workflow, FieldConditionsCompareDisplayValuesIgnoringCase) {
  WorkflowDef w = ChangeLike();
  const TransitionDef& standard = w.transitions[1];
  EXPECT_EQ(FailedCondition(standard, Context({{"Change type", {"standard"}}}, {})), "");
  EXPECT_NE(FailedCondition(standard, Context({{"Change type", {"Normal"}}}, {})), "");
  EXPECT_NE(FailedCondition(standard, Context({}, {})), "");
}

TEST(Workflow, RoleConditions) {
  WorkflowDef w = ChangeLike();
  const TransitionDef& approve = w.transitions[2];
  EXPECT_EQ(FailedCondition(approve, Context({}, {"agent", "administrator"})), "");
  EXPECT_NE(FailedCondition(approve, Context({}, {"agent"})), "");
}

TEST(Workflow, ValidatorsReportMissingRequiredFields) {
  WorkflowDef w = ChangeLike();
  const TransitionDef& standard = w.transitions[1];
  auto missing = MissingRequiredFields(standard, Context({}, {}));
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_EQ(missing[0], "Backout plan");
  EXPECT_TRUE(MissingRequiredFields(standard, Context({{"Backout plan", {"Remove"}}}, {})).empty());
}

TEST(Workflow, MalformedRulesAreRejected) {
  TransitionDef t;
  EXPECT_FALSE(ParseRules("[]", t).ok());
  EXPECT_FALSE(ParseRules(R"({"conditions":[{"type":"telepathy"}]})", t).ok());
  EXPECT_FALSE(ParseRules(R"({"postFunctions":"x"})", t).ok());
  EXPECT_FALSE(ParseRules("{", t).ok());
}

}  // namespace
}  // namespace steward::tickets
