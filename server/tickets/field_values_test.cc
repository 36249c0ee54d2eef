#include "tickets/field_values.h"

#include <boost/json.hpp>
#include <gtest/gtest.h>

namespace steward::tickets {
namespace {
namespace json = boost::json;

Resolver TestResolver() {
  Resolver r;
  r.user = [](std::string_view u) -> Result<std::optional<std::pair<std::int64_t, std::string>>> {
    if (u == "alana") {
      return std::optional<std::pair<std::int64_t, std::string>>({7, "Alana Grant"});
    }
    return std::optional<std::pair<std::int64_t, std::string>>();
  };
  r.team = [](std::string_view) -> Result<std::optional<std::pair<std::int64_t, std::string>>> {
    return std::optional<std::pair<std::int64_t, std::string>>();
  };
  return r;
}

CustomFieldDef Field(FieldType t) {
  CustomFieldDef f;
  f.id = 3;
  f.name = "Field";
  f.type = t;
  f.options = {{1, "Standard", false}, {2, "Normal", false}, {3, "Old", true}};
  return f;
}

TEST(FieldValues, TableOfValidAndInvalidValues) {
  struct Case {
    FieldType type;
    const char* json;
    bool ok;
    const char* display;
  };
  const Case cases[] = {
      {FieldType::kText, R"("hello")", true, "hello"},
      {FieldType::kText, "42", false, ""},
      {FieldType::kNumber, "3.5", true, "3.5"},
      {FieldType::kNumber, "12", true, "12"},
      {FieldType::kNumber, R"("12")", false, ""},
      {FieldType::kDate, R"("2022-03-25")", true, "2022-03-25"},
      {FieldType::kDate, R"("25/Mar/22")", false, ""},
      {FieldType::kDateTime, R"("2022-03-25T20:30:00Z")", true, "2022-03-25T20:30:00.000Z"},
      {FieldType::kYesNo, "true", true, "Yes"},
      {FieldType::kYesNo, R"("No")", true, "No"},
      {FieldType::kYesNo, R"("maybe")", false, ""},
      {FieldType::kSelect, R"("standard")", true, "Standard"},
      {FieldType::kSelect, R"("Old")", false, ""},
      {FieldType::kSelect, R"(["Standard"])", false, ""},
      {FieldType::kMultiSelect, R"(["Standard","Normal","Standard"])", true, "Standard, Normal"},
      {FieldType::kMultiSelect, R"("Standard")", false, ""},
      {FieldType::kUser, R"("alana")", true, "Alana Grant"},
      {FieldType::kUser, R"("nobody")", false, ""},
      {FieldType::kUrl, R"("https://meet.example/ito-2075")", true,
       "https://meet.example/ito-2075"},
      {FieldType::kUrl, R"x("javascript:alert(1)")x", false, ""},
  };
  for (const auto& c : cases) {
    CustomFieldDef f = Field(c.type);
    auto r = ParseFieldValue(f, json::parse(c.json), TestResolver());
    EXPECT_EQ(r.ok(), c.ok) << FieldTypeName(c.type) << " " << c.json;
    if (r.ok() && c.ok) {
      EXPECT_EQ(DisplayString(f, *r), c.display) << c.json;
    } else if (!r.ok()) {
      EXPECT_EQ(r.error().field, "Field");
    }
  }
}

TEST(FieldValues, NullClearsAndRendersBack) {
  CustomFieldDef f = Field(FieldType::kSelect);
  auto cleared = ParseFieldValue(f, json::value(nullptr), TestResolver());
  ASSERT_TRUE(cleared.ok());
  EXPECT_TRUE(cleared->empty());
  EXPECT_TRUE(RenderFieldValue(f, *cleared, {}).is_null());
  auto set = ParseFieldValue(f, json::parse(R"({"id":2})"), TestResolver());
  ASSERT_TRUE(set.ok());
  EXPECT_EQ(json::serialize(RenderFieldValue(f, *set, {})), R"("Normal")");
}

}  // namespace
}  // namespace steward::tickets
