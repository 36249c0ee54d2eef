#include "automation/smart_values.h"

#include "base/time_format.h"

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include <chrono>
#include <random>
#include <string>
#include <vector>

namespace steward::automation {
namespace {

constexpr char kData[] = R"({
  "issue": {
    "key": "ITO-12",
    "summary": "Printer on fire in Building 7",
    "created": "2026-11-20T08:30:00.000Z",
    "duedate": "2026-11-30",
    "status": {"name": "In Progress"},
    "fields": {"Impact": "High", "Change risk": "Low", "customfield_10001": 5, "Score": "7",
               "Story Points": 3},
    "labels": ["printer", "fire", "printer"],
    "comments": [{"author": "alana", "body": "On it"}, {"author": "bo", "body": "Fixed"}],
    "priority": null
  },
  "lookupIssues": [{"key": "ITO-1", "fields": {"summary": "One", "points": 3}},
                   {"key": "ITO-2", "fields": {"summary": "Two", "points": 5}}],
  "webResponse": {"status": 200, "body": {"id": 42, "items": [1, 2, 3]},
                  "headers": {"Content-Type": "application/json"}},
  "rule": {"name": "Escalate", "id": 7},
  "count": 3,
  "ratio": 0.1,
  "empty": "",
  "flag": "false",
  "yes": true,
  "no": false,
  "zero": 0,
  "nothing": null,
  "emptyList": [],
  "unicode": "h\u00e9llo w\u00f6rld"
})";

SmartContext Ctx(std::string zone = "UTC") {
  SmartContext ctx;
  ctx.roots = boost::json::parse(kData).as_object();
  ctx.now = *ParseIsoDateTime("2026-11-25T10:00:00.000Z");  // a Wednesday
  ctx.time_zone = std::move(zone);
  return ctx;
}

std::string R(std::string_view tmpl, const SmartContext& ctx = Ctx(),
              const RenderLimits& limits = {}) {
  Result<std::string> r = Render(tmpl, ctx, limits);
  if (!r.ok()) {
    ADD_FAILURE() << "Render(" << tmpl << ") failed: " << r.error().message_id << ": "
                  << r.error().message;
    return "<error>";
  }
  return *r;
}

Error Fails(std::string_view tmpl, const SmartContext& ctx = Ctx(),
            const RenderLimits& limits = {}) {
  Result<std::string> r = Render(tmpl, ctx, limits);
  if (r.ok()) {
    ADD_FAILURE() << "Render(" << tmpl << ") succeeded with '" << *r << "'";
    return Error::Internal("unexpected success");
  }
  return r.error();
}

json::value Eval(std::string_view expr, const SmartContext& ctx = Ctx()) {
  Result<json::value> r = Evaluate(expr, ctx);
  if (!r.ok()) {
    ADD_FAILURE() << "Evaluate(" << expr << ") failed: " << r.error().message;
    return nullptr;
  }
  return *r;
}

// --- basics ---------------------------------------------------------------------------------

TEST(SmartValues, CopiesPlainText) {
  EXPECT_EQ(R(""), "");
  EXPECT_EQ(R("Hello, world { } }} {"), "Hello, world { } }} {");
}

TEST(SmartValues, RendersPaths) {
  EXPECT_EQ(R("{{issue.key}}"), "ITO-12");
  EXPECT_EQ(R("Key: {{ issue.key }}!"), "Key: ITO-12!");
  EXPECT_EQ(R("{{\n  issue.status.name\n}}"), "In Progress");
  EXPECT_EQ(R("{{webResponse.status}} {{webResponse.body.id}}"), "200 42");
  EXPECT_EQ(R("{{rule.name}}#{{rule.id}}"), "Escalate#7");
}

TEST(SmartValues, LooksFieldsUpInFieldsAndCaseInsensitively) {
  EXPECT_EQ(R("{{issue.Impact}}"), "High");
  EXPECT_EQ(R("{{issue.fields.Impact}}"), "High");
  EXPECT_EQ(R("{{issue.impact}}"), "High");
  EXPECT_EQ(R("{{issue.customfield_10001}}"), "5");
  EXPECT_EQ(R("{{ISSUE.KEY}}"), "ITO-12");
  EXPECT_EQ(R("{{webResponse.headers.content-type}}"), "application/json");
}

TEST(SmartValues, QuotedAndSpacedFieldNames) {
  EXPECT_EQ(R(R"({{issue.fields["Change risk"]}})"), "Low");
  EXPECT_EQ(R(R"({{issue."Change risk"}})"), "Low");
  EXPECT_EQ(R(R"({{issue['change risk']}})"), "Low");
  EXPECT_EQ(R("{{issue.Story Points}}"), "3");
  EXPECT_EQ(R("{{issue.Story Points.plus(1)}}"), "4");
}

TEST(SmartValues, UnknownRootsAndFieldsAreEmpty) {
  EXPECT_EQ(R("[{{nope}}][{{issue.nope.deeper}}][{{issue.key.nope}}][{{nothing}}]"), "[][][][]");
  EXPECT_EQ(R("[{{issue.priority.name}}]"), "[]");
}

TEST(SmartValues, FieldAccessOnListsMapsOverItems) {
  EXPECT_EQ(R("{{lookupIssues.key}}"), "ITO-1, ITO-2");
  EXPECT_EQ(R("{{lookupIssues.summary}}"), "One, Two");
  EXPECT_EQ(R("{{issue.comments.author.toUpperCase()}}"), "ALANA, BO");
  EXPECT_EQ(R("{{lookupIssues.points.sum}}"), "8");
}

TEST(SmartValues, IndexesLists) {
  EXPECT_EQ(R("{{lookupIssues[1].key}} {{lookupIssues[-1].key}} [{{lookupIssues[5].key}}]"),
            "ITO-2 ITO-2 []");
  EXPECT_EQ(R("{{webResponse.body.items[0]}}"), "1");
}

TEST(SmartValues, RendersLiterals) {
  EXPECT_EQ(R(R"({{"abc".toUpperCase()}})"), "ABC");
  EXPECT_EQ(R(R"({{'it\'s'}})"), "it's");
  EXPECT_EQ(R(R"({{"tab\there \u00e9"}})"), "tab\there \xc3\xa9");
  EXPECT_EQ(R("{{42}} {{-1.5}} {{true}} [{{null}}] {{+7}}"), "42 -1.5 true [] 7");
}

TEST(SmartValues, ToTextFormatsEveryKind) {
  EXPECT_EQ(ToText(json::value("text")), "text");
  EXPECT_EQ(ToText(json::value(3)), "3");
  EXPECT_EQ(ToText(json::value(2.0)), "2");
  EXPECT_EQ(ToText(json::value(-2.5)), "-2.5");
  EXPECT_EQ(ToText(json::value(0.1 + 0.2)), "0.3");
  EXPECT_EQ(ToText(json::value(1.0 / 3)), "0.3333333333");
  EXPECT_EQ(ToText(json::value(1234567.891)), "1234567.891");
  EXPECT_EQ(ToText(json::value(1e15)), "1000000000000000");
  EXPECT_EQ(ToText(json::value(1e20)), "1e+20");
  EXPECT_EQ(ToText(json::value(0.0000015)), "0.0000015");
  EXPECT_EQ(ToText(json::value(true)), "true");
  EXPECT_EQ(ToText(json::value(nullptr)), "");
  EXPECT_EQ(ToText(boost::json::parse(R"(["a", 1, [2, 3], null])")), "a, 1, 2, 3, ");
  EXPECT_EQ(ToText(boost::json::parse(R"({"a": 1, "b": [true]})")), R"({"a":1,"b":[true]})");
  EXPECT_EQ(R("{{webResponse.body}}"), R"({"id":42,"items":[1,2,3]})");
}

// --- string methods -------------------------------------------------------------------------

TEST(SmartValues, StringCaseAndTrim) {
  EXPECT_EQ(R("{{issue.summary.toLowerCase()}}"), "printer on fire in building 7");
  EXPECT_EQ(R("{{issue.summary.toUpperCase}}"), "PRINTER ON FIRE IN BUILDING 7");
  EXPECT_EQ(R(R"({{"hello world".capitalize()}})"), "Hello world");
  EXPECT_EQ(R(R"([{{"  padded \t".trim()}}])"), "[padded]");
  EXPECT_EQ(R("{{issue.summary.length()}} {{unicode.length}}"), "29 11");
}

TEST(SmartValues, StringEmptiness) {
  EXPECT_EQ(
      R("{{empty.isEmpty()}} {{issue.key.isEmpty}} {{nope.isEmpty}} {{issue.key.isNotEmpty}}"),
      "true false true true");
  EXPECT_EQ(R(R"({{"   ".isBlank()}} {{"x".isNotBlank()}})"), "true true");
}

TEST(SmartValues, Substrings) {
  EXPECT_EQ(R("{{issue.summary.substring(0, 7)}}"), "Printer");
  EXPECT_EQ(R("{{issue.summary.substring(8)}}"), "on fire in Building 7");
  EXPECT_EQ(R("{{issue.summary.substring(-4)}}"), "ng 7");
  EXPECT_EQ(R("[{{issue.summary.substring(100)}}][{{issue.summary.substring(5, 2)}}]"), "[][]");
  EXPECT_EQ(R("{{issue.summary.toLowerCase().substring(0, 10).concat(\"!!\")}}"), "printer on!!");
  EXPECT_EQ(R("{{issue.summary.left(7)}}|{{issue.summary.right(1)}}|{{issue.key.left(99)}}"),
            "Printer|7|ITO-12");
  EXPECT_EQ(R("{{unicode.substring(1, 4)}} {{unicode.reverse()}}"),
            "\xc3\xa9ll dlr\xc3\xb6w oll\xc3\xa9h");
  EXPECT_EQ(R("{{issue.summary.abbreviate(10)}} {{issue.key.abbreviate(10)}}"),
            "Printer... ITO-12");
  EXPECT_EQ(Fails("{{issue.summary.abbreviate(3)}}").message_id, "automation.smartValueError");
}

TEST(SmartValues, StringSearching) {
  EXPECT_EQ(R(R"({{issue.summary.contains("fire")}} {{issue.summary.contains("water")}})"),
            "true false");
  EXPECT_EQ(R(R"({{issue.key.startsWith("ITO-")}} {{issue.key.endsWith("12")}})"), "true true");
  EXPECT_EQ(R(R"({{issue.summary.indexOf("on")}} {{issue.summary.lastIndexOf("i")}})"), "8 24");
  EXPECT_EQ(R(R"({{issue.summary.indexOf("zzz")}} {{unicode.indexOf("w")}})"), "-1 6");
  EXPECT_EQ(R(R"({{issue.key.equals("ITO-12")}} {{issue.key.equalsIgnoreCase("ito-12")}})"),
            "true true");
  EXPECT_EQ(R(R"({{"abc".isAlpha()}} {{"123".isNumeric()}} {{"a1".isAlphanumeric()}})"),
            "true true true");
  EXPECT_EQ(R(R"({{"a1".isAlpha()}} {{"".isNumeric()}})"), "false false");
}

TEST(SmartValues, Replacing) {
  EXPECT_EQ(R(R"({{issue.summary.replace("fire", "smoke")}})"), "Printer on smoke in Building 7");
  EXPECT_EQ(R(R"({{"a-b-c".replace("-", "+")}} {{"a-b-c".remove("-")}})"), "a+b+c abc");
  EXPECT_EQ(R(R"({{issue.summary.replaceAll("[0-9]+", "#")}})"), "Printer on fire in Building #");
  EXPECT_EQ(R(R"({{issue.summary.replaceAll("(\\w+) on", "$1 near")}})"),
            "Printer near fire in Building 7");
  EXPECT_EQ(R(R"x({{issue.summary.match("Building (\\d+)")}})x"), "7");
  EXPECT_EQ(R(R"({{"a1b22c333".match("\\d+")}} [{{"abc".match("\\d")}}])"), "1, 22, 333 []");
  EXPECT_EQ(Fails(R"({{issue.summary.replaceAll("(", "x")}})").message_id,
            "automation.smartValueError");
}

TEST(SmartValues, SplittingAndEncoding) {
  EXPECT_EQ(R(R"({{issue.summary.split(" ").size}} {{issue.summary.split(" ").first}})"),
            "6 Printer");
  EXPECT_EQ(R(R"({{"a,b,,c".split(",").join("|")}})"), "a|b||c");
  EXPECT_EQ(R(R"({{"abc".split("").join("-")}})"), "a-b-c");
  EXPECT_EQ(R(R"({{"<a href='x'>&</a>".htmlEncode()}})"),
            "&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;");
  EXPECT_EQ(R(R"({{"say \"hi\"\n".jsonEncode()}})"), R"(say \"hi\"\n)");
  EXPECT_EQ(R(R"({{"a b&c/é".urlEncode()}})"), "a+b%26c%2F%C3%A9");
  EXPECT_EQ(R("{{issue.labels.asJsonString()}} {{issue.key.asJsonString}}"),
            R"(["printer","fire","printer"] "ITO-12")");
}

TEST(SmartValues, TextToNumbers) {
  EXPECT_EQ(R("{{issue.Score.asNumber().plus(1)}} {{issue.Score.plus(1)}}"), "8 8");
  EXPECT_EQ(R("[{{issue.key.asNumber}}] [{{issue.key.plus(1)}}]"), "[] []");
  EXPECT_EQ(R("{{count.toString().concat(\"x\")}} {{count.length()}}"), "3x 1");
}

// --- numbers and lists ---------------------------------------------------------------------------

TEST(SmartValues, NumberMethods) {
  EXPECT_EQ(R("{{count.plus(2)}} {{count.minus(5)}} {{count.multiply(1.5)}} {{count.divide(2)}}"),
            "5 -2 4.5 1.5");
  EXPECT_EQ(R("{{ratio.plus(0.2)}} {{count.divide(3)}}"), "0.3 1");
  EXPECT_EQ(R("{{-2.5.round()}} {{2.5.round}} {{2.7.floor}} {{2.1.ceil}} {{-4.abs}}"),
            "-3 3 2 3 4");
  EXPECT_EQ(R("{{count.gt(2)}} {{count.lt(2)}} {{count.gte(3)}} {{count.lte(2)}} {{count.eq(3)}}"),
            "true false true false true");
  EXPECT_EQ(Fails("{{count.divide(0)}}").message, "'divide': division by zero");
  EXPECT_NE(Fails(R"({{count.plus("x")}})").message.find("plus"), std::string::npos);
}

TEST(SmartValues, ListMethods) {
  EXPECT_EQ(R("{{issue.labels.size}} {{issue.labels.size()}} {{emptyList.size}}"), "3 3 0");
  EXPECT_EQ(R("{{issue.labels.first}} {{issue.labels.last()}} {{issue.labels.get(1)}}"),
            "printer printer fire");
  EXPECT_EQ(R("{{issue.labels.join(\" | \")}} / {{issue.labels.join}}"),
            "printer | fire | printer / printer, fire, printer");
  EXPECT_EQ(R("{{issue.labels.distinct}} {{issue.labels.reverse().first}}"),
            "printer, fire printer");
  EXPECT_EQ(R(R"({{issue.labels.contains("fire")}} {{issue.labels.contains("ice")}})"),
            "true false");
  EXPECT_EQ(R("{{webResponse.body.items.contains(2)}} {{webResponse.body.items.contains(\"3\")}}"),
            "true true");
  EXPECT_EQ(R("{{lookupIssues.points.sum}} {{lookupIssues.points.average}} "
              "{{lookupIssues.points.max}} {{lookupIssues.points.min}}"),
            "8 4 5 3");
  EXPECT_EQ(R("{{emptyList.isEmpty}} {{issue.labels.isEmpty()}} {{issue.labels.isNotEmpty}}"),
            "true false true");
  EXPECT_EQ(R("{{lookupIssues.first.key}} [{{emptyList.first}}]"), "ITO-1 []");
}

// --- sections -----------------------------------------------------------------------------------

TEST(SmartValues, ListSections) {
  EXPECT_EQ(R("{{#issue.comments}}{{author}}: {{body}}; {{/}}"), "alana: On it; bo: Fixed; ");
  EXPECT_EQ(R("{{#issue.labels}}{{.}}{{^last}}, {{/}}{{/}}"), "printer, fire, printer");
  EXPECT_EQ(R("{{#issue.labels}}{{index}}{{#first}}*{{/}}{{/}}"), "0*12");
  EXPECT_EQ(R("{{#issue.comments}}{{issue.key}}/{{author}}/{{rule.name}} {{/}}"),
            "ITO-12/alana/Escalate ITO-12/bo/Escalate ");
  EXPECT_EQ(R("{{#lookupIssues}}{{key}}={{summary}}:{{#issue.labels}}{{.}}{{/}};{{/}}"),
            "ITO-1=One:printerfireprinter;ITO-2=Two:printerfireprinter;");
  EXPECT_EQ(R("{{#issue.comments}}x{{/issue.comments}}"), "xx");
  EXPECT_EQ(R("{{#emptyList}}never{{/}}"), "");
}

TEST(SmartValues, ValueSections) {
  EXPECT_EQ(R("{{#issue.status}}{{name}}{{/}}"), "In Progress");
  EXPECT_EQ(R("{{#issue.key}}has {{.}}{{/}}"), "has ITO-12");
  for (const char* falsy : {"nothing", "no", "empty", "zero", "emptyList", "flag", "nope"}) {
    std::string name = falsy;
    EXPECT_EQ(R("{{#" + name + "}}shown{{/}}"), "") << falsy;
    EXPECT_EQ(R("{{^" + name + "}}shown{{/}}"), "shown") << falsy;
  }
  EXPECT_EQ(R("{{^issue.key}}hidden{{/}}"), "");
  EXPECT_EQ(R("{{#yes}}y{{/yes}}{{#count}}c{{/}}"), "yc");
}

TEST(SmartValues, Comments) {
  EXPECT_EQ(R("a{{!-- hidden {{issue.key}} --}}b{{! short }}c"), "abc");
}

// --- conditionals -----------------------------------------------------------------------------

TEST(SmartValues, IfFunction) {
  EXPECT_EQ(R("[{{if(issue.key)}}] [{{if(empty)}}]"), "[true] []");
  EXPECT_EQ(R(R"({{if(issue.key, "yes", "no")}} {{if(nothing, "yes", "no")}})"), "yes no");
  EXPECT_EQ(R(R"([{{if(nothing, "yes")}}] {{if(yes, issue.key)}})"), "[] ITO-12");
  EXPECT_EQ(R(R"({{#if(equals(issue.status.name, "In Progress"))}}working{{/}})"), "working");
  EXPECT_EQ(R(R"({{#if(not(issue.labels.isEmpty))}}labelled{{/if}})"), "labelled");
  // Only the branch taken is evaluated.
  EXPECT_EQ(R(R"({{if(true, "a", count.divide(0))}})"), "a");
}

TEST(SmartValues, ComparisonFunctions) {
  EXPECT_EQ(R(R"({{equals(count, "3")}} {{equals(count, 3.0)}} {{equals(issue.Score, 7)}})"),
            "true true true");
  EXPECT_EQ(R(R"({{equals("05", "5")}} {{equals("a", "a")}} {{equals(nothing, "")}})"),
            "false true true");
  EXPECT_EQ(R("{{exists(issue.key)}} {{exists(empty)}} {{exists(nope)}} {{exists(zero)}}"),
            "true false false true");
  EXPECT_EQ(R("{{and(yes, count)}} {{and(yes, no)}} {{or(no, zero, count)}} {{or(no, empty)}}"),
            "true false true false");
  EXPECT_EQ(R("{{not(yes)}} {{not(flag)}}"), "false true");
  EXPECT_EQ(R(R"({{gt(count, 2)}} {{lt("a", "b")}} {{gte(count, "3")}} {{lte(10, 9)}})"),
            "true true true false");
  EXPECT_EQ(R(R"({{gt(now, issue.created)}} {{lt("10", "9")}})"), "true false");
}

// --- math ----------------------------------------------------------------------------------------

TEST(SmartValues, MathBlocks) {
  EXPECT_EQ(R("{{#=}}{{count}} * 2 + 1{{/}}"), "7");
  EXPECT_EQ(R("{{#=}}{{issue.Score}} / 2{{/}}"), "3.5");
  EXPECT_EQ(R("{{#=}}(1 + 2) * -3{{/}} {{#=}}10 % 4{{/}} {{#=}}--2{{/}}"), "-9 2 2");
  EXPECT_EQ(R("{{#=}}0.1 + 0.2{{/}} {{#=}}1 / 3{{/}}"), "0.3 0.3333333333");
  EXPECT_EQ(R("{{#=}}ROUND(2.5){{/}} {{#=}}ROUND(2.345, 2){{/}} {{#=}}round(1234, -2){{/}}"),
            "3 2.35 1200");
  EXPECT_EQ(R("{{#=}}FLOOR(2.7){{/}} {{#=}}CEILING(2.1){{/}} {{#=}}ABS(-4){{/}}"), "2 3 4");
  EXPECT_EQ(R("{{#=}}MIN(3, 1, 2){{/}} {{#=}}max(3, 1, {{count}}.5){{/}}"), "1 3.5");
  EXPECT_EQ(R("{{#=}}{{count}} > 2{{/}} {{#=}}1 == 2{{/}} {{#=}}2 >= 2 && 1 != 1{{/}}"),
            "true false false");
  EXPECT_EQ(R("{{#lookupIssues}}{{#=}}{{points}} * 10{{/}} {{/}}"), "30 50 ");
  EXPECT_EQ(R("{{#=}} IF({{count}} > 5, 1, 2) {{/=}}"), "2");
  EXPECT_EQ(R("{{#=}}.5 + 1{{/}} {{#=}}2e3{{/}} {{#=}}SQRT(16) + NOT(0){{/}}"), "1.5 2000 5");
  EXPECT_EQ(R("{{#=}}TRUE && !FALSE{{/}} {{#=}}3 <> 3{{/}} {{#=}}2 = 2{{/}} {{#=}}0 || 1{{/}}"),
            "true false true true");
}

TEST(SmartValues, MathErrors) {
  Error e = Fails("{{#=}}{{count}} / (2 - 2){{/}}");
  EXPECT_EQ(e.message_id, "automation.smartValueError");
  EXPECT_NE(e.message.find("division by zero"), std::string::npos);
  EXPECT_EQ(Fails("{{#=}}2 +{{/}}").message_id, "automation.smartValueError");
  EXPECT_EQ(Fails("{{#=}}{{nope}} * 2{{/}}").message_id, "automation.smartValueError");
  EXPECT_EQ(Fails("{{#=}}abc{{/}}").message_id, "automation.smartValueError");
  EXPECT_EQ(Fails("{{#=}}1e308 * 10{{/}}").message_id, "automation.smartValueError");
  EXPECT_EQ(Fails("{{#=}}(1{{/}}").message_id, "automation.smartValueError");
}

// --- dates ---------------------------------------------------------------------------------------

TEST(SmartValues, NowAndArithmetic) {
  EXPECT_EQ(R("{{now}}"), "2026-11-25T10:00:00.000Z");
  EXPECT_EQ(R("{{now.plusDays(7).jqlDate}}"), "2026-12-02");
  EXPECT_EQ(R("{{now.plusHours(5)}}"), "2026-11-25T15:00:00.000Z");
  EXPECT_EQ(R("{{now.minusMinutes(30)}}"), "2026-11-25T09:30:00.000Z");
  EXPECT_EQ(R("{{now.plusSeconds(30).plusMillis(5)}}"), "2026-11-25T10:00:30.005Z");
  EXPECT_EQ(R("{{now.minusWeeks(1)}} {{now.minusDays(25)}}"),
            "2026-11-18T10:00:00.000Z 2026-10-31T10:00:00.000Z");
  EXPECT_EQ(R("{{now.plusMonths(3)}} {{now.minusYears(1)}}"),
            "2027-02-25T10:00:00.000Z 2025-11-25T10:00:00.000Z");
  EXPECT_EQ(R(R"({{"2024-01-31T12:00:00Z".plusMonths(1).jiraDate}})"), "2024-02-29");
  EXPECT_EQ(R(R"({{"2027-01-31T12:00:00Z".plusMonths(1).jiraDate}})"), "2027-02-28");
  EXPECT_EQ(R(R"({{"2024-02-29T00:00:00Z".plusYears(1).jiraDate}})"), "2025-02-28");
  EXPECT_EQ(R("{{now.plusDays(-1).jqlDate}} {{now.plusDays(1.9).jqlDate}}"),
            "2026-11-24 2026-11-26");
}

TEST(SmartValues, BusinessDays) {
  // 2026-11-25 is a Wednesday; 2026-11-28 a Saturday.
  EXPECT_EQ(R("{{now.plusBusinessDays(3).jiraDate}} {{now.plusBusinessDays(5).jiraDate}}"),
            "2026-11-30 2026-12-02");
  EXPECT_EQ(R("{{now.minusBusinessDays(3).jiraDate}} {{now.plusBusinessDays(0).jiraDate}}"),
            "2026-11-20 2026-11-25");
  EXPECT_EQ(R(R"({{"2026-11-28T09:00:00Z".plusBusinessDays(1)}})"), "2026-11-30T09:00:00.000Z");
  EXPECT_EQ(R(R"({{"2026-11-28T09:00:00Z".plusBusinessDays(5).jiraDate}})"), "2026-12-04");
  EXPECT_EQ(R(R"({{"2026-11-28T09:00:00Z".minusBusinessDays(1).jiraDate}})"), "2026-11-27");
  EXPECT_EQ(
      R(R"({{"2026-11-28T09:00:00Z".toBusinessDay().jiraDate}} {{now.toBusinessDay.jiraDate}})"),
      "2026-11-30 2026-11-25");
  EXPECT_EQ(R(R"({{"2026-11-29T09:00:00Z".toBusinessDayBackwards.jiraDate}})"), "2026-11-27");
  EXPECT_EQ(R("{{now.firstBusinessDayOfMonth.jiraDate}} {{now.lastBusinessDayOfMonth.jiraDate}}"),
            "2026-11-02 2026-11-30");
}

TEST(SmartValues, DateSetters) {
  EXPECT_EQ(R("{{now.withDayOfMonth(1)}}"), "2026-11-01T10:00:00.000Z");
  EXPECT_EQ(R("{{now.withDayOfMonth(31).jiraDate}}"), "2026-11-30");
  EXPECT_EQ(R("{{now.withHour(17).withMinute(30)}}"), "2026-11-25T17:30:00.000Z");
  EXPECT_EQ(R("{{now.withMonth(2).withDayOfMonth(29).withYear(2028).jiraDate}}"), "2028-02-28");
  EXPECT_EQ(R("{{now.startOfDay}} {{now.endOfDay}}"),
            "2026-11-25T00:00:00.000Z 2026-11-25T23:59:59.999Z");
  EXPECT_EQ(R("{{now.startOfMonth}} {{now.endOfMonth}}"),
            "2026-11-01T00:00:00.000Z 2026-11-30T23:59:59.999Z");
  EXPECT_EQ(Fails("{{now.withDayOfMonth(0)}}").message_id, "automation.smartValueError");
  EXPECT_EQ(Fails("{{now.withHour(24)}}").message_id, "automation.smartValueError");
}

TEST(SmartValues, DateDiff) {
  // created 2026-11-20T08:30Z, now 2026-11-25T10:00Z: diff(x) is x minus this.
  EXPECT_EQ(R("{{issue.created.diff(now).days}} {{issue.created.diff(now).hours}}"), "5 121");
  EXPECT_EQ(R("{{now.diff(issue.created).days}} {{now.diff(issue.created).abs.days}}"), "-5 5");
  EXPECT_EQ(R("{{issue.created.diff(now).minutes}} {{issue.created.diff(now).weeks}}"), "7290 0");
  EXPECT_EQ(R("{{issue.created.diff(now).businessDays}}"), "3");
  EXPECT_EQ(Eval(R"("2026-01-31T00:00:00Z".diff("2026-02-28T00:00:00Z").months)"), json::value(0));
  EXPECT_EQ(Eval(R"("2026-01-15T00:00:00Z".diff("2028-03-15T00:00:00Z").months)"), json::value(26));
  EXPECT_EQ(Eval(R"("2026-01-15T00:00:00Z".diff("2028-03-15T00:00:00Z").years)"), json::value(2));
  EXPECT_EQ(R("[{{now.diff(nope).days}}]"), "[]");
  EXPECT_EQ(Fails(R"({{now.diff("soon")}})").message_id, "automation.smartValueError");
}

TEST(SmartValues, DateComparisons) {
  EXPECT_EQ(R("{{now.isAfter(issue.created)}} {{now.isBefore(issue.created)}}"), "true false");
  EXPECT_EQ(R("{{now.isEquals(now)}} {{now.compareTo(issue.created)}} "
              "{{issue.created.compareTo(now)}} {{now.compareTo(now)}}"),
            "true 1 -1 0");
  EXPECT_EQ(R("{{now.toMillis}} {{now.toSeconds()}}"), "1795600800000 1795600800");
  EXPECT_EQ(R(R"({{now.isAfter("2026-11-25T09:00:00+00:00")}})"), "true");
}

TEST(SmartValues, DatePatterns) {
  EXPECT_EQ(R(R"({{now.format("yyyy-MM-dd HH:mm:ss.SSS")}})"), "2026-11-25 10:00:00.000");
  EXPECT_EQ(R(R"({{now.format("EEEE d MMMM yyyy 'at' h:mm a")}})"),
            "Wednesday 25 November 2026 at 10:00 AM");
  EXPECT_EQ(R(R"({{now.format("EEE, MMM d, ''yy")}})"), "Wed, Nov 25, '26");
  EXPECT_EQ(R(R"({{now.plusHours(5).format("dd/MM/yy hh:mm a")}} {{now.as("M/d")}})"),
            "25/11/26 03:00 PM 11/25");
  EXPECT_EQ(R(R"({{now.format("XXX Z z D Q")}})"), "Z +0000 UTC 329 4");
  EXPECT_EQ(R(R"({{now.convertToTimeZone("Asia/Kolkata").format("O OOOO x xxx VV G k K")}})"),
            "GMT+5:30 GMT+05:30 +0530 +05:30 Asia/Kolkata AD 15 3");
  EXPECT_EQ(R(R"({{now.format("x O")}})"), "+00 GMT");
  EXPECT_EQ(Fails(R"({{now.format("yyyy-ww")}})").message_id, "automation.smartValueError");
  EXPECT_EQ(Fails(R"({{now.format("'open")}})").message_id, "automation.smartValueError");
}

TEST(SmartValues, NamedDateFormats) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"jiraDate", "2026-11-25"},
      {"jiraDateTime", "2026-11-25T10:00:00.0+0000"},
      {"jqlDate", "2026-11-25"},
      {"jqlDateTime", "2026-11-25 10:00"},
      {"shortDate", "11/25/26"},
      {"shortTime", "10:00 AM"},
      {"shortDateTime", "11/25/26 10:00 AM"},
      {"mediumDate", "Nov 25, 2026"},
      {"mediumTime", "10:00:00 AM"},
      {"mediumDateTime", "Nov 25, 2026 10:00:00 AM"},
      {"longDate", "November 25, 2026"},
      {"longTime", "10:00:00 AM UTC"},
      {"longDateTime", "November 25, 2026 10:00:00 AM UTC"},
      {"fullDate", "Wednesday, November 25, 2026"},
      {"fullTime", "10:00:00 AM UTC"},
      {"fullDateTime", "Wednesday, November 25, 2026 10:00:00 AM UTC"},
  };
  for (const auto& [name, expected] : cases) {
    EXPECT_EQ(R("{{now." + name + "}}"), expected) << name;
    EXPECT_EQ(R("{{now." + name + "()}}"), expected) << name;
  }
  EXPECT_EQ(R("{{now.asLongDate}} {{issue.created.asShortTime()}}"), "November 25, 2026 8:30 AM");
}

TEST(SmartValues, DateProperties) {
  EXPECT_EQ(R("{{now.dayOfMonth}} {{now.dayOfWeek}} {{now.dayOfWeekName}} {{now.dayOfYear}}"),
            "25 3 Wednesday 329");
  EXPECT_EQ(R("{{now.monthOfYear}} {{now.monthName}} {{now.year}} {{now.hour}}:{{now.minute}}"),
            "11 November 2026 10:0");
  EXPECT_EQ(R("{{issue.duedate.dayOfWeekName}} {{issue.duedate.plusDays(1).jiraDate}}"),
            "Monday 2026-12-01");
  EXPECT_EQ(R("{{issue.duedate.toDate}}"), "2026-11-30T00:00:00.000Z");
}

TEST(SmartValues, TextDates) {
  EXPECT_EQ(R(R"({{"2026-11-25T10:00:00.0+0000".plusHours(1)}})"), "2026-11-25T11:00:00.000Z");
  EXPECT_EQ(R(R"({{"2026-11-25T12:00:00+02:00".toMillis}})"), "1795600800000");
  EXPECT_EQ(R("[{{issue.key.plusDays(1)}}] [{{nothing.plusDays(1)}}] [{{count.jiraDate}}]"),
            "[] [] []");
  EXPECT_EQ(Fails(R"({{now.isAfter("tomorrow")}})").message_id, "automation.smartValueError");
  EXPECT_EQ(R("[{{now.isAfter(nope)}}]"), "[]");
}

TEST(SmartValues, TimeZones) {
  EXPECT_EQ(R(R"({{now.convertToTimeZone("Asia/Tokyo").format("HH:mm")}})"), "19:00");
  EXPECT_EQ(R(R"({{now.convertToTimeZone("Asia/Tokyo")}})"), "2026-11-25T19:00:00.000+09:00");
  EXPECT_EQ(R(R"({{now.convertToTimeZone("Asia/Tokyo").jiraDateTime}})"),
            "2026-11-25T19:00:00.0+0900");
  EXPECT_EQ(R(R"({{now.convertToTimeZone("UTC")}})"), "2026-11-25T10:00:00.000Z");
  EXPECT_EQ(R(R"({{now.setTimeZone("Asia/Tokyo")}} {{now.setTimeZone("Asia/Tokyo").toMillis}})"),
            "2026-11-25T10:00:00.000+09:00 1795568400000");
  EXPECT_EQ(R(R"({{now.convertToTimeZone("Asia/Tokyo").plusDays(1).startOfDay}})"),
            "2026-11-26T00:00:00.000+09:00");
  EXPECT_EQ(R(R"({{now.convertToTimeZone("America/New_York").format("HH:mm z XXX")}})"),
            "05:00 EST -05:00");
  Error e = Fails(R"({{now.convertToTimeZone("Mars/Olympus")}})");
  EXPECT_EQ(e.message_id, "automation.smartValueError");
  EXPECT_NE(e.message.find("Mars/Olympus"), std::string::npos);
}

TEST(SmartValues, ContextTimeZone) {
  SmartContext berlin = Ctx("Europe/Berlin");
  EXPECT_EQ(R("{{now}}", berlin), "2026-11-25T10:00:00.000Z");
  EXPECT_EQ(R(R"({{now.format("HH:mm")}} {{now.jiraDateTime}})", berlin),
            "11:00 2026-11-25T11:00:00.0+0100");
  EXPECT_EQ(R("{{now.longTime}}", berlin), "11:00:00 AM CET");
  EXPECT_EQ(R("{{now.startOfDay}}", berlin), "2026-11-24T23:00:00.000Z");
  EXPECT_EQ(R("{{issue.duedate.toMillis}}", berlin), "1795993200000");  // 2026-11-29T23:00Z
  // Day arithmetic keeps the local time across the spring-forward change; hours do not.
  EXPECT_EQ(R(R"({{"2026-03-28T12:00:00Z".plusDays(1)}})", berlin), "2026-03-29T11:00:00.000Z");
  EXPECT_EQ(R(R"({{"2026-03-28T12:00:00Z".plusHours(24)}})", berlin), "2026-03-29T12:00:00.000Z");
  // A local time in the gap moves forward by the gap.
  EXPECT_EQ(R(R"({{"2026-03-28T01:30:00Z".plusDays(1).format("HH:mm")}})", berlin), "03:30");
  EXPECT_EQ(Fails("{{now.jqlDate}}", Ctx("Nowhere/City")).message_id, "automation.smartValueError");
  EXPECT_EQ(R("{{now}}", Ctx("Nowhere/City")), "2026-11-25T10:00:00.000Z");
}

TEST(SmartValues, DateRange) {
  EXPECT_EQ(Fails("{{now.plusYears(100000)}}").message_id, "automation.smartValueError");
  EXPECT_EQ(Fails("{{now.plusDays(1e300)}}").message_id, "automation.smartValueError");
  EXPECT_EQ(Fails("{{now.plusMillis(999999999999999)}}").message_id, "automation.smartValueError");
  EXPECT_EQ(Fails("{{now.minusBusinessDays(999999999999)}}").message_id,
            "automation.smartValueError");
}

// --- Evaluate and resolve -----------------------------------------------------------------------

TEST(SmartValues, EvaluateReturnsValues) {
  EXPECT_EQ(Eval("issue.summary.toLowerCase()"), json::value("printer on fire in building 7"));
  EXPECT_EQ(Eval("now.plusDays(7)"), json::value("2026-12-02T10:00:00.000Z"));
  EXPECT_EQ(Eval("lookupIssues.key"), boost::json::parse(R"(["ITO-1", "ITO-2"])"));
  EXPECT_EQ(Eval("count"), json::value(3));
  EXPECT_EQ(Eval("  issue.key  "), json::value("ITO-12"));
  EXPECT_EQ(Eval("nope.deeper"), json::value(nullptr));
  EXPECT_EQ(Eval("equals(issue.Impact, \"High\")"), json::value(true));
  json::value diff = Eval("issue.created.diff(now)");
  ASSERT_TRUE(diff.is_object());
  EXPECT_EQ(diff.at("days"), json::value(5));
  EXPECT_EQ(Evaluate("issue.key}}", Ctx()).error().message_id, "automation.smartValueSyntax");
  EXPECT_EQ(Evaluate("", Ctx()).error().message_id, "automation.smartValueSyntax");
  EXPECT_EQ(Evaluate("issue.key.nope()", Ctx()).error().message_id, "automation.smartValueError");
}

TEST(SmartValues, ResolvesRootsLazilyOnce) {
  SmartContext ctx = Ctx();
  int calls = 0;
  ctx.resolve = [&](std::string_view root) -> std::shared_ptr<const json::value> {
    ++calls;
    if (root == "triggerIssue") {
      return std::make_shared<const json::value>(boost::json::parse(R"({"key": "ITO-99"})"));
    }
    if (root == "issue") {
      return std::make_shared<const json::value>("never asked: issue is in roots");
    }
    return nullptr;
  };
  EXPECT_EQ(
      R("{{triggerIssue.key}} {{triggerIssue.key}} [{{missing}}] [{{missing}}] {{issue.key}}", ctx),
      "ITO-99 ITO-99 [] [] ITO-12");
  EXPECT_EQ(calls, 2);
  ctx.resolve = [](std::string_view) -> std::shared_ptr<const json::value> {
    throw std::runtime_error("database down");
  };
  Error e = Fails("{{fieldChange}}", ctx);
  EXPECT_EQ(e.message_id, "automation.smartValueError");
  EXPECT_NE(e.message.find("database down"), std::string::npos);
}

// --- errors ------------------------------------------------------------------------------------

TEST(SmartValues, SyntaxErrorsCarryPositions) {
  Error e = Fails("Hello {{issue.key");
  EXPECT_EQ(e.message_id, "automation.smartValueSyntax");
  EXPECT_EQ(e.code, ErrorCode::kInvalidArgument);
  ASSERT_TRUE(e.position.has_value());
  EXPECT_EQ(e.position->offset, 6);
  EXPECT_EQ(e.position->line, 1);
  EXPECT_EQ(e.position->column, 7);
  EXPECT_NE(e.message.find("'}}'"), std::string::npos);

  e = Fails("line one\nsee {{issue.key.}}");
  EXPECT_EQ(e.message_id, "automation.smartValueSyntax");
  ASSERT_TRUE(e.position.has_value());
  EXPECT_EQ(e.position->line, 2);
  EXPECT_EQ(e.position->column, 17);

  e = Fails("ab{{#issue.comments}}x");
  EXPECT_EQ(e.message_id, "automation.smartValueSyntax");
  EXPECT_NE(e.message.find("unclosed section"), std::string::npos);
  EXPECT_EQ(e.position->offset, 2);

  e = Fails("{{#issue.comments}}x{{/issue.labels}}");
  EXPECT_NE(e.message.find("mismatched"), std::string::npos);
  EXPECT_EQ(e.position->offset, 20);
}

TEST(SmartValues, SyntaxErrorKinds) {
  for (const char* bad : {"{{/}}",
                          "{{}}",
                          "{{  }}",
                          "{{#}}x{{/}}",
                          R"({{"abc}})",
                          "{{issue.summary.substring(1,}}",
                          "{{issue.summary.substring(1 2)}}",
                          "{{issue.summary.substring(1}}",
                          "{{issue..key}}",
                          "{{issue[}}",
                          "{{issue[true]}}",
                          "{{!-- open",
                          "{{! open",
                          "{{issue x}}",
                          "{{1e999}}",
                          "{{issue.key}",
                          "{{ @ }}",
                          "{{#a}}{{/b}}",
                          R"({{"\u12"}})",
                          "{{/a}}"}) {
    Result<std::string> r = Render(bad, Ctx());
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().message_id, "automation.smartValueSyntax")
        << bad << ": " << r.error().message;
    EXPECT_TRUE(r.error().position.has_value()) << bad;
    EXPECT_FALSE(ValidateTemplate(bad).ok()) << bad;
  }
}

TEST(SmartValues, UnknownMethodsAndArity) {
  for (const char* bad :
       {"{{issue.summary.frobnicate()}}", "{{frob(1)}}", "{{issue.summary.substring()}}",
        "{{issue.key.substring(1, 2, 3)}}", "{{if()}}", "{{not(1, 2)}}"}) {
    Result<std::string> r = Render(bad, Ctx());
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_TRUE(r.error().position.has_value()) << bad;
    Status v = ValidateTemplate(bad);
    EXPECT_FALSE(v.ok()) << bad;
  }
  EXPECT_NE(Fails("{{issue.summary.frobnicate()}}").message.find("frobnicate"), std::string::npos);
  // A method inside a section that never renders is still checked.
  EXPECT_FALSE(Render("{{#nothing}}{{x.bogus()}}{{/}}", Ctx()).ok());
  // A bare unknown name is a field, not a method: empty, not an error.
  EXPECT_EQ(R("[{{issue.key.frobnicate}}]"), "[]");
}

TEST(SmartValues, RenderErrorsNameTheMethodAndPlace) {
  Error e = Fails("ok {{issue.summary.substring(\"a\")}}");
  EXPECT_EQ(e.message_id, "automation.smartValueError");
  EXPECT_NE(e.message.find("substring"), std::string::npos);
  ASSERT_TRUE(e.position.has_value());
  EXPECT_EQ(e.position->offset, 18);
}

TEST(SmartValues, ValidatesGoodTemplates) {
  EXPECT_TRUE(ValidateTemplate("").ok());
  EXPECT_TRUE(ValidateTemplate("Risk {{issue.Impact}} for {{issue.key}}, due "
                               "{{now.plusDays(7).jqlDate}}{{#lookupIssues}}{{key}}{{^last}}, "
                               "{{/}}{{/}}{{#if(equals(a, \"b\"))}}x{{/if}}{{#=}}1+{{n}}{{/}}"
                               "{{!-- note --}}{{issue.fields[\"Change risk\"].toUpperCase}}")
                  .ok());
}

// --- limits and hostile input
// ---------------------------------------------------------------------

TEST(SmartValues, OutputLimit) {
  RenderLimits limits;
  limits.max_output = 10;
  Error e = Fails("{{issue.summary}}", Ctx(), limits);
  EXPECT_EQ(e.message_id, "automation.smartValueError");
  EXPECT_NE(e.message.find("output limit"), std::string::npos);
  EXPECT_EQ(R("0123456789", Ctx(), limits), "0123456789");
  EXPECT_FALSE(Render("0123456789x", Ctx(), limits).ok());
  // Growth inside a value is caught before it is built.
  std::string big(1000, 'a');
  SmartContext ctx = Ctx();
  ctx.roots["big"] = big;
  EXPECT_NE(Fails("{{big.replace(\"a\", big)}}", ctx).message.find("output limit"),
            std::string::npos);
  EXPECT_NE(Fails("{{big.replaceAll(\"a\", big)}}", ctx).message.find("output limit"),
            std::string::npos);
}

TEST(SmartValues, IterationLimit) {
  RenderLimits limits;
  limits.max_iterations = 5;
  Error e = Fails("{{#issue.labels}}{{#issue.labels}}x{{/}}{{/}}", Ctx(), limits);
  EXPECT_NE(e.message.find("iteration limit"), std::string::npos);
  EXPECT_EQ(R("{{#issue.labels}}x{{/}}", Ctx(), limits), "xxx");
  SmartContext ctx = Ctx();
  ctx.roots["long"] = std::string(100, 'x');
  EXPECT_NE(Fails("{{long.split(\"\")}}", ctx, limits).message.find("iteration limit"),
            std::string::npos);
}

TEST(SmartValues, DepthLimit) {
  std::string deep;
  for (int i = 0; i < 40; ++i) {
    deep += "{{#yes}}";
  }
  deep += "x";
  for (int i = 0; i < 40; ++i) {
    deep += "{{/}}";
  }
  Error e = Fails(deep);
  EXPECT_EQ(e.message_id, "automation.smartValueError");
  EXPECT_NE(e.message.find("depth"), std::string::npos);
  RenderLimits limits;
  limits.max_depth = 64;
  EXPECT_EQ(R(deep, Ctx(), limits), "x");

  std::string nested = "{{";
  for (int i = 0; i < 40; ++i) {
    nested += "not(";
  }
  nested += "yes";
  nested += std::string(40, ')') + "}}";
  EXPECT_NE(Fails(nested).message.find("depth"), std::string::npos);
}

TEST(SmartValues, RegexGuards) {
  SmartContext ctx = Ctx();
  ctx.roots["long"] = std::string(10001, 'a');
  ctx.roots["as"] = std::string(40, 'a');
  EXPECT_EQ(Fails(R"({{long.replaceAll("a", "b")}})", ctx).message_id,
            "automation.smartValueError");
  // Catastrophic backtracking fails (or finishes) quickly instead of hanging.
  auto start = std::chrono::steady_clock::now();
  Result<std::string> r = Render(R"({{as.replaceAll("(a|aa)+b", "x")}})", ctx);
  (void)r;
  Result<std::string> r2 = Render(R"({{as.match("(a*)*b")}})", ctx);
  (void)r2;
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(20));
}

TEST(SmartValues, HostileInputsStayBounded) {
  const SmartContext ctx = Ctx();
  std::vector<std::string> inputs = {
      std::string(100000, '{'),
      std::string(100000, '}'),
      [] {
        std::string s;
        for (int i = 0; i < 10000; ++i) {
          s += "{{#a}}";
        }
        return s;
      }(),
      [] {
        std::string s;
        for (int i = 0; i < 50000; ++i) {
          s += "{{";
        }
        return s;
      }(),
      "{{#=}}" + std::string(100000, '(') + "1" + std::string(100000, ')') + "{{/}}",
      "{{#=}}" + std::string(100000, '-') + "1{{/}}",
      "{{if(" +
          [] {
            std::string s;
            for (int i = 0; i < 10000; ++i) {
              s += "if(";
            }
            return s;
          }() +
          "}}",
      "{{issue" + std::string(50000, '.') + "}}",
      "{{\"" + std::string(50000, '\\') + "}}",
      "\xff\xfe{{issue.key}}\xc3 {{\"\xff\xc3\".length}} {{\"\xe2\x82\".reverse()}}",
      "{{\"\xf0\x9f\x98\x80x\".substring(1)}}{{unicode.split(\"\")}}",
      "{{99999999999999999999999}} {{-99999999999999999999999.5}}",
      "{{count.plus(1e308).multiply(10)}}",
      "{{issue.summary.substring(99999999999999999999, -99999999999999999999)}}",
      "{{issue.labels.get(99999999999999999999)}}{{issue.summary.abbreviate(1e300)}}",
  };
  for (const std::string& in : inputs) {
    Result<std::string> r = Render(in, ctx);
    if (r.ok()) {
      EXPECT_LE(r->size(), RenderLimits{}.max_output);
    } else {
      EXPECT_TRUE(r.error().message_id == "automation.smartValueSyntax" ||
                  r.error().message_id == "automation.smartValueError")
          << r.error().message_id;
    }
    (void)ValidateTemplate(in);
    (void)Evaluate(in, ctx);
  }
  EXPECT_EQ(R("\xff\xfe{{issue.key}}\xc3"), "\xff\xfeITO-12\xc3");
  EXPECT_EQ(R("{{\"\xf0\x9f\x98\x80x\".substring(1)}}"), "x");
}

TEST(SmartValues, RandomTemplatesNeverCrash) {
  const std::vector<std::string> pieces = {
      "{{",
      "}}",
      "{{#",
      "{{^",
      "{{/}}",
      "{{/",
      "{{#=}}",
      "{{!",
      "--}}",
      "issue",
      ".",
      "key",
      "summary",
      "labels",
      "comments",
      "(",
      ")",
      ",",
      "\"",
      "'",
      "\\",
      "1",
      "-2.5",
      "1e400",
      "[",
      "]",
      "now",
      "plusDays",
      "format",
      "if(",
      "equals(",
      "substring(",
      "replaceAll(",
      "split(",
      "join",
      " ",
      "\n",
      "*",
      "/",
      "+",
      "%",
      "ROUND(",
      "lookupIssues",
      "\xff",
      "yes",
      "not(",
      ".first",
      "{{.}}",
  };
  std::mt19937 rng(12345);
  const SmartContext ctx = Ctx();
  RenderLimits limits;
  limits.max_output = 4096;
  for (int round = 0; round < 3000; ++round) {
    std::string tmpl;
    int n = static_cast<int>(rng() % 30);
    for (int i = 0; i < n; ++i) {
      tmpl += pieces[rng() % pieces.size()];
    }
    Result<std::string> r = Render(tmpl, ctx, limits);
    if (r.ok()) {
      ASSERT_LE(r->size(), limits.max_output) << tmpl;
    }
    (void)ValidateTemplate(tmpl);
    (void)Evaluate(tmpl, ctx, limits);
  }
}

}  // namespace
}  // namespace steward::automation
