#include "automation/smart_values.h"

#include "base/text.h"
#include "base/time_format.h"

#include <boost/json/serialize.hpp>
#include <date/tz.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <exception>
#include <limits>
#include <map>
#include <set>
#include <unordered_map>
#include <utility>
#include <vector>

// Boost.Regex is header-only and matches without recursion; past this many states a match throws
// (caught below) instead of running for minutes on a pathological pattern. Only this file uses it.
#define BOOST_REGEX_MAX_STATE_COUNT 10000000
#include <boost/regex.hpp>

namespace steward::automation {
namespace {

constexpr char kSyntaxId[] = "automation.smartValueSyntax";
constexpr char kErrorId[] = "automation.smartValueError";
constexpr int kHardMaxDepth = 1000;           // whatever RenderLimits says: the parser recurses
constexpr std::size_t kMaxRegexText = 10000;  // bytes of text a regular expression may scan
constexpr std::size_t kMaxRegexPattern = 1000;
constexpr int kMaxTextNesting = 64;  // nested lists rendered by ToText before falling back to JSON
constexpr double kMaxIntegerArg = 1e15;
// Dates are kept within the years 1..9999.
constexpr TimestampMs kMinMs = -62135596800000;
constexpr TimestampMs kMaxMs = 253402300799999;
constexpr std::int64_t kDayMs = 86400000;

// ---------------------------------------------------------------------------------------------
// Errors

SourcePosition PositionIn(std::string_view text, std::size_t offset, std::size_t length) {
  offset = std::min(offset, text.size());
  length = std::min(length, text.size() - offset);
  SourcePosition p;
  constexpr std::size_t kIntMax = static_cast<std::size_t>(std::numeric_limits<int>::max());
  p.offset = static_cast<int>(std::min(offset, kIntMax));
  p.length = static_cast<int>(std::min(length, kIntMax));
  std::size_t line_start = 0;
  int line = 1;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  p.line = line;
  p.column = static_cast<int>(std::min(offset - line_start + 1, kIntMax));
  return p;
}

Error EvalError(std::string message) {
  return Error::InvalidArgument(kErrorId, std::move(message));
}

// A short, printable excerpt of user text for messages.
std::string Excerpt(std::string_view s, std::size_t max = 40) {
  std::string out;
  for (std::size_t i = 0; i < s.size() && i < max; ++i) {
    char c = s[i];
    out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  }
  if (s.size() > max) {
    out += "...";
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Numbers and text

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool IsIdentStart(char c) {
  return IsAsciiLetter(c) || c == '_' || c == '$' || static_cast<unsigned char>(c) >= 0x80;
}
bool IsIdentChar(char c) { return IsIdentStart(c) || IsDigit(c) || c == '-'; }

std::int64_t FloorDiv(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) {
    --q;
  }
  return q;
}

std::int64_t FloorMod(std::int64_t a, std::int64_t b) { return a - FloorDiv(a, b) * b; }

bool IsNum(const json::value& v) { return v.is_int64() || v.is_uint64() || v.is_double(); }

double NumOf(const json::value& v) {
  if (v.is_int64()) {
    return static_cast<double>(v.get_int64());
  }
  if (v.is_uint64()) {
    return static_cast<double>(v.get_uint64());
  }
  return v.get_double();
}

// A whole number as int64 when exact, else a double.
json::value MakeNumber(double d) {
  if (std::isfinite(d) && d == std::trunc(d) && std::fabs(d) < 9007199254740992.0) {
    return json::value(static_cast<std::int64_t>(d));
  }
  return json::value(d);
}

// Parses the whole of `s` (surrounding blanks allowed) as a decimal number.
std::optional<double> ParseNumberText(std::string_view s) {
  s = Trim(s);
  if (s.empty() || s.size() > 400) {
    return std::nullopt;
  }
  std::size_t i = 0;
  if (s[i] == '+' || s[i] == '-') {
    ++i;
  }
  std::size_t digits = 0;
  while (i < s.size() && IsDigit(s[i])) {
    ++i;
    ++digits;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && IsDigit(s[i])) {
      ++i;
      ++digits;
    }
  }
  if (digits == 0) {
    return std::nullopt;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
      ++i;
    }
    std::size_t exp_digits = 0;
    while (i < s.size() && IsDigit(s[i])) {
      ++i;
      ++exp_digits;
    }
    if (exp_digits == 0) {
      return std::nullopt;
    }
  }
  if (i != s.size()) {
    return std::nullopt;
  }
  std::string_view body = s[0] == '+' ? s.substr(1) : s;
  double d = 0;
  auto [ptr, ec] = std::from_chars(body.data(), body.data() + body.size(), d);
  if (ec != std::errc() || ptr != body.data() + body.size() || !std::isfinite(d)) {
    return std::nullopt;
  }
  return d;
}

std::string FormatDouble(double d) {
  if (std::isnan(d)) {
    return "NaN";
  }
  if (std::isinf(d)) {
    return d > 0 ? "Infinity" : "-Infinity";
  }
  double a = std::fabs(d);
  char buf[64];
  if (d == std::trunc(d) && a < 1e18) {
    std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(d));
    return buf;
  }
  if (a >= 1e-6 && a < 1e15) {
    int int_digits = static_cast<int>(std::floor(std::log10(a))) + 1;
    int precision = std::clamp(10 - int_digits, 0, 17);
    std::snprintf(buf, sizeof buf, "%.*f", precision, d);
    std::string s = buf;
    if (s.find('.') != std::string::npos) {
      while (!s.empty() && s.back() == '0') {
        s.pop_back();
      }
      if (!s.empty() && s.back() == '.') {
        s.pop_back();
      }
    }
    if (s == "-0") {
      s = "0";
    }
    return s;
  }
  std::snprintf(buf, sizeof buf, "%.10g", d);
  return buf;
}

void AppendText(const json::value& v, std::string& out, int depth) {
  switch (v.kind()) {
    case json::kind::null:
      return;
    case json::kind::bool_:
      out += v.get_bool() ? "true" : "false";
      return;
    case json::kind::int64:
      out += std::to_string(v.get_int64());
      return;
    case json::kind::uint64:
      out += std::to_string(v.get_uint64());
      return;
    case json::kind::double_:
      out += FormatDouble(v.get_double());
      return;
    case json::kind::string:
      out.append(v.get_string().data(), v.get_string().size());
      return;
    case json::kind::array: {
      if (depth >= kMaxTextNesting) {
        out += json::serialize(v);
        return;
      }
      bool first = true;
      for (const json::value& item : v.get_array()) {
        if (!first) {
          out += ", ";
        }
        first = false;
        AppendText(item, out, depth + 1);
      }
      return;
    }
    case json::kind::object:
      out += json::serialize(v);
      return;
  }
}

std::string TextOf(const json::value& v) {
  if (v.is_string()) {
    return std::string(v.get_string().data(), v.get_string().size());
  }
  std::string out;
  AppendText(v, out, 0);
  return out;
}

// UTF-8 aware character stepping; a byte that does not start a valid sequence is one character.
std::size_t NextChar(std::string_view s, std::size_t i) {
  auto c = static_cast<unsigned char>(s[i]);
  std::size_t n = 0;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 1;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 2;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 3;
  }
  if (n > 0 && i + n >= s.size()) {
    return i + 1;
  }
  for (std::size_t k = 1; k <= n; ++k) {
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) {
      return i + 1;
    }
  }
  return i + n + 1;
}

std::vector<std::size_t> CharStarts(std::string_view s) {
  std::vector<std::size_t> starts;
  for (std::size_t i = 0; i < s.size(); i = NextChar(s, i)) {
    starts.push_back(i);
  }
  return starts;
}

std::size_t CharCount(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); i = NextChar(s, i)) {
    ++n;
  }
  return n;
}

std::int64_t CharIndexOfByte(std::string_view s, std::size_t byte) {
  std::int64_t n = 0;
  for (std::size_t i = 0; i < s.size() && i < byte; i = NextChar(s, i)) {
    ++n;
  }
  return n;
}

void AppendUtf8(std::string& out, std::uint32_t cp) {
  if (cp >= 0xD800 && cp <= 0xDFFF) {
    cp = 0xFFFD;
  }
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::string ReplaceAllLiteral(std::string_view s, std::string_view from, std::string_view to) {
  std::string out;
  std::size_t pos = 0;
  while (true) {
    std::size_t hit = s.find(from, pos);
    if (hit == std::string_view::npos) {
      out.append(s.substr(pos));
      return out;
    }
    out.append(s.substr(pos, hit - pos));
    out.append(to);
    pos = hit + from.size();
  }
}

std::size_t CountOccurrences(std::string_view s, std::string_view what) {
  std::size_t n = 0;
  for (std::size_t pos = s.find(what); pos != std::string_view::npos;
       pos = s.find(what, pos + what.size())) {
    ++n;
  }
  return n;
}

std::string HtmlEncode(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string JsonEncode(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out;
}

// As Java's URLEncoder (application/x-www-form-urlencoded, UTF-8): space becomes '+'.
std::string UrlEncode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : s) {
    if (IsAsciiLetter(c) || IsDigit(c) || c == '.' || c == '-' || c == '*' || c == '_') {
      out += c;
    } else if (c == ' ') {
      out += '+';
    } else {
      auto u = static_cast<unsigned char>(c);
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 0xF];
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Methods and functions known to the language

enum Kinds : unsigned {
  kStr = 1,   // applies to text (numbers and booleans are used as their text)
  kNum = 2,   // applies to numbers (and text that is a number)
  kList = 4,  // applies to a list as a whole (others are mapped over the items)
  kDate = 8,  // applies to dates (and text that is a date)
  kAny = 16,  // applies to any value, null included
};

enum class M {
  // any value
  kAsString,
  kToString,
  kAsJsonString,
  kExists,
  kIsEmpty,
  kIsNotEmpty,
  // text
  kToLowerCase,
  kToUpperCase,
  kCapitalize,
  kTrim,
  kLength,
  kIsBlank,
  kIsNotBlank,
  kSubstring,
  kLeft,
  kRight,
  kAbbreviate,
  kConcat,
  kContains,
  kStartsWith,
  kEndsWith,
  kIndexOf,
  kLastIndexOf,
  kReplace,
  kReplaceAll,
  kSplit,
  kMatch,
  kRemove,
  kReverse,
  kAsNumber,
  kHtmlEncode,
  kXmlEncode,
  kJsonEncode,
  kUrlEncode,
  kEquals,
  kEqualsIgnoreCase,
  kIsAlpha,
  kIsNumeric,
  kIsAlphanumeric,
  // numbers
  kPlus,
  kMinus,
  kMultiply,
  kDivide,
  kRound,
  kFloor,
  kCeil,
  kAbs,
  kGt,
  kLt,
  kGte,
  kLte,
  kEq,
  // lists
  kSize,
  kFirst,
  kLast,
  kGet,
  kJoin,
  kDistinct,
  kSum,
  kAverage,
  kMax,
  kMin,
  // dates
  kPlusUnit,
  kPlusBusinessDays,
  kMinusBusinessDays,
  kToBusinessDay,
  kToBusinessDayBackwards,
  kWithDayOfMonth,
  kWithMonth,
  kWithYear,
  kWithHour,
  kWithMinute,
  kWithSecond,
  kWithMillis,
  kStartOfDay,
  kEndOfDay,
  kStartOfMonth,
  kEndOfMonth,
  kFirstBusinessDayOfMonth,
  kLastBusinessDayOfMonth,
  kDiff,
  kIsAfter,
  kIsBefore,
  kIsEquals,
  kCompareTo,
  kToMillis,
  kToSeconds,
  kFormat,
  kNamedFormat,
  kConvertToTimeZone,
  kSetTimeZone,
  kDayOfMonth,
  kDayOfWeek,
  kDayOfWeekName,
  kDayOfYear,
  kMonthOfYear,
  kMonthName,
  kYear,
  kHour,
  kMinute,
  kSecond,
  kToDate,
};

enum class Unit { kMillis, kSeconds, kMinutes, kHours, kDays, kWeeks, kMonths, kYears };

struct MethodSpec {
  MethodSpec(M id_in, std::string name_in, int min_in, int max_in, unsigned kinds_in,
             Unit unit_in = Unit::kMillis, int sign_in = 1, std::string pattern_in = {})
      : id(id_in),
        name(std::move(name_in)),
        min_args(min_in),
        max_args(max_in),
        kinds(kinds_in),
        unit(unit_in),
        sign(sign_in),
        pattern(std::move(pattern_in)) {}

  M id;
  std::string name;
  int min_args;
  int max_args;
  unsigned kinds;
  Unit unit;            // kPlusUnit
  int sign;             // kPlusUnit: +1 plus, -1 minus
  std::string pattern;  // kNamedFormat
};

struct NamedFormat {
  const char* name;
  const char* pattern;
};

constexpr NamedFormat kNamedFormats[] = {
    {"jiraDate", "yyyy-MM-dd"},
    {"jiraDateTime", "yyyy-MM-dd'T'HH:mm:ss.SZ"},
    {"jqlDate", "yyyy-MM-dd"},
    {"jqlDateTime", "yyyy-MM-dd HH:mm"},
    {"shortDate", "M/d/yy"},
    {"shortTime", "h:mm a"},
    {"shortDateTime", "M/d/yy h:mm a"},
    {"mediumDate", "MMM d, yyyy"},
    {"mediumTime", "h:mm:ss a"},
    {"mediumDateTime", "MMM d, yyyy h:mm:ss a"},
    {"longDate", "MMMM d, yyyy"},
    {"longTime", "h:mm:ss a z"},
    {"longDateTime", "MMMM d, yyyy h:mm:ss a z"},
    {"fullDate", "EEEE, MMMM d, yyyy"},
    {"fullTime", "h:mm:ss a z"},
    {"fullDateTime", "EEEE, MMMM d, yyyy h:mm:ss a z"},
};

std::vector<MethodSpec> BuildMethods() {
  std::vector<MethodSpec> m = {
      {M::kAsString, "asString", 0, 0, kAny},
      {M::kToString, "toString", 0, 0, kAny},
      {M::kAsJsonString, "asJsonString", 0, 0, kAny},
      {M::kExists, "exists", 0, 0, kAny},
      {M::kIsEmpty, "isEmpty", 0, 0, kAny},
      {M::kIsNotEmpty, "isNotEmpty", 0, 0, kAny},
      {M::kToLowerCase, "toLowerCase", 0, 0, kStr},
      {M::kToUpperCase, "toUpperCase", 0, 0, kStr},
      {M::kCapitalize, "capitalize", 0, 0, kStr},
      {M::kTrim, "trim", 0, 0, kStr},
      {M::kLength, "length", 0, 0, kStr},
      {M::kIsBlank, "isBlank", 0, 0, kStr},
      {M::kIsNotBlank, "isNotBlank", 0, 0, kStr},
      {M::kSubstring, "substring", 1, 2, kStr},
      {M::kLeft, "left", 1, 1, kStr},
      {M::kRight, "right", 1, 1, kStr},
      {M::kAbbreviate, "abbreviate", 1, 1, kStr},
      {M::kConcat, "concat", 1, 1, kStr},
      {M::kContains, "contains", 1, 1, kStr | kList},
      {M::kStartsWith, "startsWith", 1, 1, kStr},
      {M::kEndsWith, "endsWith", 1, 1, kStr},
      {M::kIndexOf, "indexOf", 1, 1, kStr},
      {M::kLastIndexOf, "lastIndexOf", 1, 1, kStr},
      {M::kReplace, "replace", 2, 2, kStr},
      {M::kReplaceAll, "replaceAll", 2, 2, kStr},
      {M::kSplit, "split", 1, 1, kStr},
      {M::kMatch, "match", 1, 1, kStr},
      {M::kRemove, "remove", 1, 1, kStr},
      {M::kReverse, "reverse", 0, 0, kStr | kList},
      {M::kAsNumber, "asNumber", 0, 0, kStr | kNum},
      {M::kHtmlEncode, "htmlEncode", 0, 0, kStr},
      {M::kXmlEncode, "xmlEncode", 0, 0, kStr},
      {M::kJsonEncode, "jsonEncode", 0, 0, kStr},
      {M::kUrlEncode, "urlEncode", 0, 0, kStr},
      {M::kEquals, "equals", 1, 1, kStr},
      {M::kEqualsIgnoreCase, "equalsIgnoreCase", 1, 1, kStr},
      {M::kIsAlpha, "isAlpha", 0, 0, kStr},
      {M::kIsNumeric, "isNumeric", 0, 0, kStr},
      {M::kIsAlphanumeric, "isAlphanumeric", 0, 0, kStr},
      {M::kPlus, "plus", 1, 1, kNum},
      {M::kMinus, "minus", 1, 1, kNum},
      {M::kMultiply, "multiply", 1, 1, kNum},
      {M::kDivide, "divide", 1, 1, kNum},
      {M::kRound, "round", 0, 0, kNum},
      {M::kFloor, "floor", 0, 0, kNum},
      {M::kCeil, "ceil", 0, 0, kNum},
      {M::kAbs, "abs", 0, 0, kNum},
      {M::kGt, "gt", 1, 1, kNum},
      {M::kLt, "lt", 1, 1, kNum},
      {M::kGte, "gte", 1, 1, kNum},
      {M::kLte, "lte", 1, 1, kNum},
      {M::kEq, "eq", 1, 1, kNum},
      {M::kSize, "size", 0, 0, kList},
      {M::kFirst, "first", 0, 0, kList},
      {M::kLast, "last", 0, 0, kList},
      {M::kGet, "get", 1, 1, kList},
      {M::kJoin, "join", 0, 1, kList},
      {M::kDistinct, "distinct", 0, 0, kList},
      {M::kSum, "sum", 0, 0, kList},
      {M::kAverage, "average", 0, 0, kList},
      {M::kMax, "max", 0, 0, kList},
      {M::kMin, "min", 0, 0, kList},
      {M::kPlusBusinessDays, "plusBusinessDays", 1, 1, kDate},
      {M::kMinusBusinessDays, "minusBusinessDays", 1, 1, kDate},
      {M::kToBusinessDay, "toBusinessDay", 0, 0, kDate},
      {M::kToBusinessDayBackwards, "toBusinessDayBackwards", 0, 0, kDate},
      {M::kWithDayOfMonth, "withDayOfMonth", 1, 1, kDate},
      {M::kWithMonth, "withMonth", 1, 1, kDate},
      {M::kWithYear, "withYear", 1, 1, kDate},
      {M::kWithHour, "withHour", 1, 1, kDate},
      {M::kWithMinute, "withMinute", 1, 1, kDate},
      {M::kWithSecond, "withSecond", 1, 1, kDate},
      {M::kWithMillis, "withMillis", 1, 1, kDate},
      {M::kStartOfDay, "startOfDay", 0, 0, kDate},
      {M::kEndOfDay, "endOfDay", 0, 0, kDate},
      {M::kStartOfMonth, "startOfMonth", 0, 0, kDate},
      {M::kEndOfMonth, "endOfMonth", 0, 0, kDate},
      {M::kFirstBusinessDayOfMonth, "firstBusinessDayOfMonth", 0, 0, kDate},
      {M::kLastBusinessDayOfMonth, "lastBusinessDayOfMonth", 0, 0, kDate},
      {M::kDiff, "diff", 1, 1, kDate},
      {M::kIsAfter, "isAfter", 1, 1, kDate},
      {M::kIsBefore, "isBefore", 1, 1, kDate},
      {M::kIsEquals, "isEquals", 1, 1, kDate},
      {M::kCompareTo, "compareTo", 1, 1, kDate},
      {M::kToMillis, "toMillis", 0, 0, kDate},
      {M::kToSeconds, "toSeconds", 0, 0, kDate},
      {M::kFormat, "format", 1, 1, kDate},
      {M::kFormat, "as", 1, 1, kDate},
      {M::kConvertToTimeZone, "convertToTimeZone", 1, 1, kDate},
      {M::kSetTimeZone, "setTimeZone", 1, 1, kDate},
      {M::kDayOfMonth, "dayOfMonth", 0, 0, kDate},
      {M::kDayOfWeek, "dayOfWeek", 0, 0, kDate},
      {M::kDayOfWeekName, "dayOfWeekName", 0, 0, kDate},
      {M::kDayOfYear, "dayOfYear", 0, 0, kDate},
      {M::kMonthOfYear, "monthOfYear", 0, 0, kDate},
      {M::kMonthName, "monthName", 0, 0, kDate},
      {M::kYear, "year", 0, 0, kDate},
      {M::kHour, "hour", 0, 0, kDate},
      {M::kMinute, "minute", 0, 0, kDate},
      {M::kSecond, "second", 0, 0, kDate},
      {M::kToDate, "toDate", 0, 0, kDate},
  };
  constexpr std::pair<const char*, Unit> kUnits[] = {
      {"Millis", Unit::kMillis}, {"Seconds", Unit::kSeconds}, {"Minutes", Unit::kMinutes},
      {"Hours", Unit::kHours},   {"Days", Unit::kDays},       {"Weeks", Unit::kWeeks},
      {"Months", Unit::kMonths}, {"Years", Unit::kYears},
  };
  for (const auto& [suffix, unit] : kUnits) {
    m.push_back({M::kPlusUnit, std::string("plus") + suffix, 1, 1, kDate, unit, 1});
    m.push_back({M::kPlusUnit, std::string("minus") + suffix, 1, 1, kDate, unit, -1});
  }
  for (const NamedFormat& f : kNamedFormats) {
    m.push_back({M::kNamedFormat, f.name, 0, 0, kDate, Unit::kMillis, 1, f.pattern});
    std::string alias = std::string("as") + f.name;
    alias[2] = static_cast<char>(alias[2] - 'a' + 'A');
    m.push_back({M::kNamedFormat, alias, 0, 0, kDate, Unit::kMillis, 1, f.pattern});
  }
  return m;
}

// Method names are matched case-insensitively.
const MethodSpec* FindMethod(std::string_view name) {
  static const std::vector<MethodSpec> methods = BuildMethods();
  static const std::unordered_map<std::string, const MethodSpec*> by_name = [] {
    std::unordered_map<std::string, const MethodSpec*> map;
    for (const MethodSpec& spec : methods) {
      map.emplace(AsciiLower(spec.name), &spec);
    }
    return map;
  }();
  if (name.size() > 64) {
    return nullptr;
  }
  auto it = by_name.find(AsciiLower(name));
  return it == by_name.end() ? nullptr : it->second;
}

enum class Fn { kIf, kEquals, kExists, kAnd, kOr, kNot, kGt, kLt, kGte, kLte };

struct FunctionSpec {
  Fn id;
  const char* name;
  int min_args;
  int max_args;
};

constexpr FunctionSpec kFunctions[] = {
    {Fn::kIf, "if", 1, 3},    {Fn::kEquals, "equals", 2, 2}, {Fn::kExists, "exists", 1, 1},
    {Fn::kAnd, "and", 1, 64}, {Fn::kOr, "or", 1, 64},        {Fn::kNot, "not", 1, 1},
    {Fn::kGt, "gt", 2, 2},    {Fn::kLt, "lt", 2, 2},         {Fn::kGte, "gte", 2, 2},
    {Fn::kLte, "lte", 2, 2},
};

const FunctionSpec* FindFunction(std::string_view name) {
  for (const FunctionSpec& f : kFunctions) {
    if (EqualsIgnoreCase(f.name, name)) {
      return &f;
    }
  }
  return nullptr;
}

std::string ArityText(int min_args, int max_args) {
  if (min_args == max_args) {
    return std::to_string(min_args) + (min_args == 1 ? " argument" : " arguments");
  }
  return std::to_string(min_args) + " to " + std::to_string(max_args) + " arguments";
}

// ---------------------------------------------------------------------------------------------
// Syntax tree

struct Expr;

struct Segment {
  std::string name;
  bool is_call = false;                // written with parentheses: always a method
  bool is_quoted = false;              // ."name" or ["name"]: always a field
  std::optional<std::int64_t> index;   // [3]
  const MethodSpec* method = nullptr;  // the method called, or the property a bare name may be
  std::vector<Expr> args;
  std::size_t offset = 0;
  std::size_t length = 0;
};

struct Expr {
  enum class Kind { kLiteral, kName, kCurrent, kFunction };
  Kind kind = Kind::kLiteral;
  json::value literal;
  std::string name;
  const FunctionSpec* function = nullptr;
  std::vector<Expr> args;  // function arguments
  std::vector<Segment> segments;
  std::size_t offset = 0;
  std::size_t length = 0;
};

struct Node {
  enum class Kind { kText, kValue, kSection, kInverted, kMath };
  Kind kind = Kind::kText;
  std::string_view text;
  Expr expr;
  std::vector<Node> children;
  std::size_t offset = 0;  // the tag, in the template
  std::size_t length = 0;
};

// ---------------------------------------------------------------------------------------------
// Parser: templates and single expressions. Sections are parsed with an explicit stack;
// expressions recurse only as deep as their argument lists nest, which is bounded by max_depth.

class Parser {
 public:
  Parser(std::string_view text, int max_depth) : text_(text), max_depth_(max_depth) {}

  Result<std::vector<Node>> ParseTemplate() {
    struct Open {
      Node node;
      std::string_view source;    // the opening expression as written
      std::string_view function;  // its function name, if it is a call like if(...)
    };
    std::vector<Node> root;
    std::vector<Open> stack;
    auto current = [&]() -> std::vector<Node>& {
      return stack.empty() ? root : stack.back().node.children;
    };
    while (pos_ < text_.size()) {
      std::size_t open = text_.find("{{", pos_);
      if (open == std::string_view::npos) {
        AddText(current(), text_.substr(pos_));
        break;
      }
      if (open > pos_) {
        AddText(current(), text_.substr(pos_, open - pos_));
      }
      tag_open_ = open;
      pos_ = open + 2;
      char c = pos_ < text_.size() ? text_[pos_] : '\0';
      if (c == '!') {
        bool dashes = text_.substr(pos_, 3) == "!--";
        std::string_view closer = dashes ? "--}}" : "}}";
        std::size_t end = text_.find(closer, pos_);
        if (end == std::string_view::npos) {
          return Syntax(open, 2, "unclosed comment: expected '" + std::string(closer) + "'");
        }
        pos_ = end + closer.size();
        continue;
      }
      if (c == '#' || c == '^') {
        ++pos_;
        SkipSpace();
        if (static_cast<int>(stack.size()) + 1 > max_depth_) {
          return DepthError(open);
        }
        Open entry;
        entry.node.offset = open;
        if (c == '#' && Peek() == '=') {
          ++pos_;
          entry.node.kind = Node::Kind::kMath;
          entry.source = "=";
          STEWARD_TRY(ExpectClose());
          entry.node.length = pos_ - open;
          stack.push_back(std::move(entry));
          continue;
        }
        if (AtClose()) {
          return Syntax(
              open, pos_ + 2 - open,
              "empty section tag: expected an expression after '{{" + std::string(1, c) + "'");
        }
        entry.node.kind = c == '#' ? Node::Kind::kSection : Node::Kind::kInverted;
        std::size_t expr_start = pos_;
        STEWARD_ASSIGN_OR_RETURN(entry.node.expr, ParseExpr(static_cast<int>(stack.size()) + 1));
        entry.source = text_.substr(expr_start, pos_ - expr_start);
        if (entry.node.expr.kind == Expr::Kind::kFunction) {
          entry.function = entry.node.expr.function->name;
        }
        STEWARD_TRY(ExpectClose());
        entry.node.length = pos_ - open;
        stack.push_back(std::move(entry));
        continue;
      }
      if (c == '/') {
        ++pos_;
        std::size_t end = text_.find("}}", pos_);
        if (end == std::string_view::npos) {
          return Syntax(open, 2, "unclosed closing tag: expected '}}'");
        }
        std::string_view name = Trim(text_.substr(pos_, end - pos_));
        pos_ = end + 2;
        if (stack.empty()) {
          return Syntax(open, pos_ - open,
                        "unexpected closing tag '{{/" + Excerpt(name) + "}}': no section is open");
        }
        const Open& top = stack.back();
        if (!name.empty() && !SameSource(name, top.source) &&
            !(!top.function.empty() && EqualsIgnoreCase(name, top.function))) {
          SourcePosition where = PositionIn(text_, top.node.offset, top.node.length);
          return Syntax(
              open, pos_ - open,
              "mismatched closing tag '{{/" + Excerpt(name) + "}}': expected '{{/}}' or '{{/" +
                  Excerpt(top.source) + "}}' to close the section opened at line " +
                  std::to_string(where.line) + ", column " + std::to_string(where.column));
        }
        Node done = std::move(stack.back().node);
        stack.pop_back();
        current().push_back(std::move(done));
        continue;
      }
      SkipSpace();
      if (AtClose()) {
        return Syntax(open, pos_ + 2 - open,
                      "empty tag: expected an expression between '{{' and '}}'");
      }
      Node node;
      node.kind = Node::Kind::kValue;
      node.offset = open;
      STEWARD_ASSIGN_OR_RETURN(node.expr, ParseExpr(static_cast<int>(stack.size()) + 1));
      STEWARD_TRY(ExpectClose());
      node.length = pos_ - open;
      current().push_back(std::move(node));
    }
    if (!stack.empty()) {
      const Open& top = stack.back();
      std::string opener = top.node.kind == Node::Kind::kInverted ? "^" : "#";
      return Syntax(top.node.offset, top.node.length,
                    "unclosed section '{{" + opener + Excerpt(top.source) +
                        "}}': expected '{{/}}' before the end of the template");
    }
    return root;
  }

  Result<Expr> ParseStandalone() {
    SkipSpace();
    if (pos_ >= text_.size()) {
      return Syntax(0, 0, "empty expression: expected a name, a string or a number");
    }
    STEWARD_ASSIGN_OR_RETURN(Expr e, ParseExpr(1));
    SkipSpace();
    if (pos_ < text_.size()) {
      return Syntax(pos_, 1,
                    "unexpected '" + Excerpt(text_.substr(pos_), 10) + "' after the expression");
    }
    return e;
  }

 private:
  static bool SameSource(std::string_view a, std::string_view b) {
    std::string x, y;
    for (char c : a) {
      if (!IsSpace(c)) {
        x += c;
      }
    }
    for (char c : b) {
      if (!IsSpace(c)) {
        y += c;
      }
    }
    return x == y;
  }

  static void AddText(std::vector<Node>& nodes, std::string_view text) {
    Node n;
    n.kind = Node::Kind::kText;
    n.text = text;
    nodes.push_back(std::move(n));
  }

  Error Syntax(std::size_t offset, std::size_t length, std::string message) const {
    Error e = Error::InvalidArgument(kSyntaxId, std::move(message));
    e.position = PositionIn(text_, offset, length);
    return e;
  }

  Error DepthError(std::size_t offset) const {
    Error e = EvalError("the nesting depth limit (" + std::to_string(max_depth_) +
                        " nested sections and arguments) is exceeded");
    e.position = PositionIn(text_, offset, 2);
    return e;
  }

  // The input ended inside a tag or an expression.
  Error Unclosed(const std::string& expected) const {
    if (tag_open_ == std::string_view::npos) {
      return Syntax(text_.size(), 0, "unexpected end of the expression: expected " + expected);
    }
    return Syntax(tag_open_, 2, "unclosed '{{': expected " + expected + " and '}}'");
  }

  char Peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }
  bool AtEnd() const { return pos_ >= text_.size(); }
  bool AtClose() const { return text_.compare(pos_, 2, "}}") == 0; }

  void SkipSpace() {
    while (pos_ < text_.size() && IsSpace(text_[pos_])) {
      ++pos_;
    }
  }

  Status ExpectClose() {
    SkipSpace();
    if (AtClose()) {
      pos_ += 2;
      return Ok();
    }
    if (AtEnd()) {
      return Unclosed("the end of the tag");
    }
    return Syntax(
        pos_, 1, "expected '}}' to close the tag, found '" + Excerpt(text_.substr(pos_), 10) + "'");
  }

  std::string ReadIdent() {
    std::size_t start = pos_;
    while (pos_ < text_.size() && IsIdentChar(text_[pos_])) {
      ++pos_;
    }
    return std::string(text_.substr(start, pos_ - start));
  }

  Result<std::string> ParseString() {
    char quote = text_[pos_];
    std::size_t start = pos_++;
    std::string out;
    while (pos_ < text_.size()) {
      char c = text_[pos_++];
      if (c == quote) {
        return out;
      }
      if (c != '\\') {
        out += c;
        continue;
      }
      if (pos_ >= text_.size()) {
        break;
      }
      char esc = text_[pos_++];
      switch (esc) {
        case 'n':
          out += '\n';
          break;
        case 't':
          out += '\t';
          break;
        case 'r':
          out += '\r';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'u': {
          std::uint32_t cp = 0;
          std::size_t k = 0;
          for (; k < 4 && pos_ < text_.size(); ++k, ++pos_) {
            char h = text_[pos_];
            int digit = IsDigit(h)               ? h - '0'
                        : (h >= 'a' && h <= 'f') ? h - 'a' + 10
                        : (h >= 'A' && h <= 'F') ? h - 'A' + 10
                                                 : -1;
            if (digit < 0) {
              break;
            }
            cp = cp * 16 + static_cast<std::uint32_t>(digit);
          }
          if (k != 4) {
            return Syntax(pos_ - k - 2, k + 2,
                          "bad escape in a string: expected '\\u' and 4 hex digits");
          }
          AppendUtf8(out, cp);
          break;
        }
        default:
          out += esc;
      }
    }
    return Syntax(start, text_.size() - start,
                  std::string("unterminated string: expected a closing ") + quote);
  }

  bool StartsNumber() const {
    char c = Peek();
    if (IsDigit(c)) {
      return true;
    }
    if ((c == '-' || c == '+') && pos_ + 1 < text_.size()) {
      return IsDigit(text_[pos_ + 1]);
    }
    return false;
  }

  Result<json::value> ParseNumber() {
    std::size_t start = pos_;
    if (Peek() == '-' || Peek() == '+') {
      ++pos_;
    }
    while (IsDigit(Peek())) {
      ++pos_;
    }
    bool is_double = false;
    if (Peek() == '.' && pos_ + 1 < text_.size() && IsDigit(text_[pos_ + 1])) {
      is_double = true;
      ++pos_;
      while (IsDigit(Peek())) {
        ++pos_;
      }
    }
    if ((Peek() == 'e' || Peek() == 'E') && pos_ + 1 < text_.size() &&
        (IsDigit(text_[pos_ + 1]) || ((text_[pos_ + 1] == '-' || text_[pos_ + 1] == '+') &&
                                      pos_ + 2 < text_.size() && IsDigit(text_[pos_ + 2])))) {
      is_double = true;
      pos_ += 2;
      while (IsDigit(Peek())) {
        ++pos_;
      }
    }
    std::string_view num = text_.substr(start, pos_ - start);
    std::string_view body = num[0] == '+' ? num.substr(1) : num;
    if (!is_double) {
      std::int64_t i = 0;
      auto [ptr, ec] = std::from_chars(body.data(), body.data() + body.size(), i);
      if (ec == std::errc() && ptr == body.data() + body.size()) {
        return json::value(i);
      }
    }
    double d = 0;
    auto [ptr, ec] = std::from_chars(body.data(), body.data() + body.size(), d);
    if (ec != std::errc() || ptr != body.data() + body.size() || !std::isfinite(d)) {
      return Syntax(start, num.size(), "the number '" + Excerpt(num) + "' is out of range");
    }
    return json::value(d);
  }

  Result<std::vector<Expr>> ParseArgs(int depth, std::string_view callee) {
    std::size_t open = pos_++;  // '('
    std::vector<Expr> args;
    SkipSpace();
    if (Peek() == ')') {
      ++pos_;
      return args;
    }
    while (true) {
      if (AtEnd()) {
        return Syntax(open, 1,
                      "unclosed argument list of '" + std::string(callee) + "': expected ')'");
      }
      STEWARD_ASSIGN_OR_RETURN(Expr arg, ParseExpr(depth + 1));
      args.push_back(std::move(arg));
      SkipSpace();
      if (AtEnd()) {
        return Syntax(open, 1,
                      "unclosed argument list of '" + std::string(callee) + "': expected ')'");
      }
      if (Peek() == ',') {
        ++pos_;
        continue;
      }
      if (Peek() == ')') {
        ++pos_;
        return args;
      }
      return Syntax(pos_, 1,
                    "expected ',' or ')' in the arguments of '" + std::string(callee) +
                        "', found '" + Excerpt(text_.substr(pos_), 10) + "'");
    }
  }

  Status CheckArity(std::string_view name, int min_args, int max_args, std::size_t count,
                    std::size_t offset, std::size_t length) const {
    if (static_cast<int>(count) < min_args || static_cast<int>(count) > max_args) {
      Error e = Error::InvalidArgument(kSyntaxId, "'" + std::string(name) + "' takes " +
                                                      ArityText(min_args, max_args) + ", got " +
                                                      std::to_string(count));
      e.position = PositionIn(text_, offset, length);
      return e;
    }
    return Ok();
  }

  // A field or method name after '.': words separated by single spaces are one name, as Jira
  // custom fields are written ("issue.Story Points").
  Status ParseSegmentName(Segment& seg, int depth) {
    seg.name = ReadIdent();
    while (true) {
      std::size_t p = pos_;
      while (p < text_.size() && text_[p] == ' ') {
        ++p;
      }
      if (p == pos_ || p >= text_.size() || !IsIdentChar(text_[p]) || text_[p] == '-') {
        break;
      }
      pos_ = p;
      seg.name += ' ';
      seg.name += ReadIdent();
    }
    if (Peek() == '(') {
      seg.is_call = true;
      seg.method = FindMethod(seg.name);
      if (seg.method == nullptr) {
        Error e = EvalError("unknown method '" + Excerpt(seg.name) + "'");
        e.position = PositionIn(text_, seg.offset, pos_ - seg.offset);
        return e;
      }
      STEWARD_ASSIGN_OR_RETURN(seg.args, ParseArgs(depth, seg.name));
      return CheckArity(seg.name, seg.method->min_args, seg.method->max_args, seg.args.size(),
                        seg.offset, pos_ - seg.offset);
    }
    const MethodSpec* property = FindMethod(seg.name);
    if (property != nullptr && property->min_args == 0) {
      seg.method = property;
    }
    return Ok();
  }

  Status ParseBracket(Segment& seg) {
    ++pos_;  // '['
    SkipSpace();
    if (Peek() == '"' || Peek() == '\'') {
      STEWARD_ASSIGN_OR_RETURN(seg.name, ParseString());
      seg.is_quoted = true;
    } else if (StartsNumber()) {
      STEWARD_ASSIGN_OR_RETURN(json::value n, ParseNumber());
      if (!n.is_int64()) {
        return Syntax(seg.offset, pos_ - seg.offset, "a list index must be a whole number");
      }
      seg.index = n.get_int64();
    } else if (AtEnd()) {
      return Unclosed("a quoted name or an index and ']'");
    } else {
      return Syntax(pos_, 1, "expected a quoted field name or an index after '['");
    }
    SkipSpace();
    if (Peek() != ']') {
      if (AtEnd()) {
        return Unclosed("']'");
      }
      return Syntax(pos_, 1, "expected ']' after the field name or index");
    }
    ++pos_;
    return Ok();
  }

  Status ParsePostfix(Expr& e, int depth) {
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      Segment seg;
      seg.offset = pos_;
      if (c == '.') {
        ++pos_;
        char next = Peek();
        if (next == '"' || next == '\'') {
          STEWARD_ASSIGN_OR_RETURN(seg.name, ParseString());
          seg.is_quoted = true;
        } else if (IsIdentChar(next) && next != '-') {
          STEWARD_TRY(ParseSegmentName(seg, depth));
        } else if (AtEnd()) {
          return Unclosed("a field or method name after '.'");
        } else {
          return Syntax(pos_, 1, "expected a field or method name after '.'");
        }
      } else if (c == '[') {
        STEWARD_TRY(ParseBracket(seg));
      } else {
        break;
      }
      seg.length = pos_ - seg.offset;
      e.segments.push_back(std::move(seg));
    }
    return Ok();
  }

  Result<Expr> ParseExpr(int depth) {
    if (depth > max_depth_) {
      return DepthError(pos_);
    }
    SkipSpace();
    Expr e;
    e.offset = pos_;
    if (AtEnd()) {
      return Unclosed("an expression");
    }
    char c = text_[pos_];
    if (c == '"' || c == '\'') {
      STEWARD_ASSIGN_OR_RETURN(std::string s, ParseString());
      e.kind = Expr::Kind::kLiteral;
      e.literal = json::string(s);
    } else if (StartsNumber()) {
      e.kind = Expr::Kind::kLiteral;
      STEWARD_ASSIGN_OR_RETURN(e.literal, ParseNumber());
    } else if (c == '.') {
      ++pos_;
      e.kind = Expr::Kind::kCurrent;
      if (IsIdentChar(Peek()) && Peek() != '-') {
        Segment seg;
        seg.offset = pos_ - 1;
        STEWARD_TRY(ParseSegmentName(seg, depth));
        seg.length = pos_ - seg.offset;
        e.segments.push_back(std::move(seg));
      }
    } else if (c == '[') {
      Segment seg;
      seg.offset = pos_;
      STEWARD_TRY(ParseBracket(seg));
      if (seg.index) {
        return Syntax(seg.offset, pos_ - seg.offset, "expected a name, not an index, at the start");
      }
      e.kind = Expr::Kind::kName;
      e.name = seg.name;
    } else if (IsIdentStart(c)) {
      std::string word = ReadIdent();
      if (Peek() == '(') {
        e.kind = Expr::Kind::kFunction;
        e.name = word;
        e.function = FindFunction(word);
        if (e.function == nullptr) {
          Error err = EvalError("unknown function '" + Excerpt(word) + "'");
          err.position = PositionIn(text_, e.offset, word.size());
          return err;
        }
        STEWARD_ASSIGN_OR_RETURN(e.args, ParseArgs(depth, word));
        STEWARD_TRY(CheckArity(word, e.function->min_args, e.function->max_args, e.args.size(),
                               e.offset, pos_ - e.offset));
      } else if (word == "true" || word == "false") {
        e.kind = Expr::Kind::kLiteral;
        e.literal = word == "true";
      } else if (word == "null") {
        e.kind = Expr::Kind::kLiteral;
      } else {
        e.kind = Expr::Kind::kName;
        e.name = std::move(word);
      }
    } else {
      return Syntax(
          pos_, 1,
          "expected a name, a string or a number, found '" + Excerpt(text_.substr(pos_), 10) + "'");
    }
    STEWARD_TRY(ParsePostfix(e, depth));
    e.length = pos_ - e.offset;
    return e;
  }

  std::string_view text_;
  int max_depth_;
  std::size_t pos_ = 0;
  std::size_t tag_open_ = std::string_view::npos;
};

// ---------------------------------------------------------------------------------------------
// Dates

struct DateInfo {
  TimestampMs ms = 0;
  const date::time_zone* zone = nullptr;  // nullptr: the context's zone
  bool explicit_zone = false;             // set by convertToTimeZone / setTimeZone
};

struct LocalParts {
  int year = 1970;
  unsigned month = 1;
  unsigned day = 1;
  int hour = 0;
  int minute = 0;
  int second = 0;
  int millis = 0;
  int weekday = 4;  // 0 = Sunday
  std::int64_t days = 0;
  std::int64_t ms_of_day = 0;
};

constexpr const char* kMonthNames[] = {"January",   "February", "March",    "April",
                                       "May",       "June",     "July",     "August",
                                       "September", "October",  "November", "December"};
constexpr const char* kDayNames[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                     "Thursday", "Friday", "Saturday"};

LocalParts Breakdown(std::int64_t local_ms) {
  LocalParts p;
  p.days = FloorDiv(local_ms, kDayMs);
  p.ms_of_day = local_ms - p.days * kDayMs;
  Civil c = CivilFromDays(p.days);
  p.year = c.y;
  p.month = c.m;
  p.day = c.d;
  p.hour = static_cast<int>(p.ms_of_day / 3600000);
  p.minute = static_cast<int>(p.ms_of_day / 60000 % 60);
  p.second = static_cast<int>(p.ms_of_day / 1000 % 60);
  p.millis = static_cast<int>(p.ms_of_day % 1000);
  p.weekday = static_cast<int>(FloorMod(p.days + 4, 7));
  return p;
}

unsigned DaysInMonth(int y, unsigned m) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return kDays[m - 1] + (m == 2 && leap ? 1 : 0);
}

std::int64_t OffsetMs(const date::time_zone* zone, TimestampMs ms) {
  auto info = zone->get_info(date::sys_seconds{std::chrono::seconds{FloorDiv(ms, 1000)}});
  return static_cast<std::int64_t>(info.offset.count()) * 1000;
}

// Local wall time → instant. A time in a gap moves forward by the gap's length; a repeated time
// takes its first occurrence (as java.time does).
TimestampMs LocalToInstant(const date::time_zone* zone, std::int64_t local_ms) {
  auto info = zone->get_info(date::local_seconds{std::chrono::seconds{FloorDiv(local_ms, 1000)}});
  return local_ms - static_cast<std::int64_t>(info.first.offset.count()) * 1000;
}

bool IsUtcZone(const date::time_zone* zone) {
  std::string_view n = zone->name();
  return n == "UTC" || n == "Etc/UTC" || n == "Etc/UCT" || n == "UCT" || n == "Etc/Universal" ||
         n == "Universal" || n == "Etc/Zulu" || n == "Zulu";
}

const date::time_zone* LocateZone(std::string_view name) {
  if (name.empty() || name.size() > 100) {
    return nullptr;
  }
  try {
    return date::locate_zone(name);
  } catch (const std::exception&) {
    return nullptr;
  }
}

void Pad(std::string& out, std::int64_t value, std::size_t width) {
  std::string digits = std::to_string(value < 0 ? -value : value);
  if (value < 0) {
    out += '-';
  }
  if (digits.size() < width) {
    out.append(width - digits.size(), '0');
  }
  out += digits;
}

std::string OffsetText(std::int64_t offset_ms, bool colon, bool optional_minutes) {
  std::int64_t total_min = offset_ms / 60000;
  std::string out = total_min < 0 ? "-" : "+";
  if (total_min < 0) {
    total_min = -total_min;
  }
  Pad(out, total_min / 60, 2);
  if (optional_minutes && total_min % 60 == 0) {
    return out;
  }
  if (colon) {
    out += ':';
  }
  Pad(out, total_min % 60, 2);
  return out;
}

std::string DateText(const DateInfo& d) {
  if (!d.explicit_zone || d.zone == nullptr || IsUtcZone(d.zone)) {
    return FormatIsoUtc(d.ms);
  }
  std::int64_t offset = OffsetMs(d.zone, d.ms);
  LocalParts p = Breakdown(d.ms + offset);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%03d", p.year, p.month, p.day,
                p.hour, p.minute, p.second, p.millis);
  return buf + OffsetText(offset, true, false);
}

// Java DateTimeFormatter patterns (the letters Jira users write), English names.
Result<std::string> FormatPattern(TimestampMs ms, const date::time_zone* zone,
                                  std::string_view pattern) {
  auto info = zone->get_info(date::sys_seconds{std::chrono::seconds{FloorDiv(ms, 1000)}});
  std::int64_t offset = static_cast<std::int64_t>(info.offset.count()) * 1000;
  LocalParts p = Breakdown(ms + offset);
  std::string out;
  std::size_t i = 0;
  while (i < pattern.size()) {
    char c = pattern[i];
    if (c == '\'') {
      if (i + 1 < pattern.size() && pattern[i + 1] == '\'') {
        out += '\'';
        i += 2;
        continue;
      }
      std::size_t j = i + 1;
      bool closed = false;
      while (j < pattern.size()) {
        if (pattern[j] == '\'') {
          if (j + 1 < pattern.size() && pattern[j + 1] == '\'') {
            out += '\'';
            j += 2;
            continue;
          }
          closed = true;
          break;
        }
        out += pattern[j++];
      }
      if (!closed) {
        return EvalError("format: unterminated quoted text in the pattern '" + Excerpt(pattern) +
                         "'");
      }
      i = j + 1;
      continue;
    }
    if (!IsAsciiLetter(c)) {
      if (c != '[' && c != ']') {
        out += c;
      }
      ++i;
      continue;
    }
    std::size_t count = 1;
    while (i + count < pattern.size() && pattern[i + count] == c) {
      ++count;
    }
    i += count;
    if (count > 19) {
      return EvalError(std::string("format: too many pattern letters '") + c + "'");
    }
    int hour12 = p.hour % 12 == 0 ? 12 : p.hour % 12;
    switch (c) {
      case 'G':
        out += count >= 4 ? "Anno Domini" : "AD";
        break;
      case 'y':
      case 'u':
        if (count == 2) {
          Pad(out, p.year % 100, 2);
        } else {
          Pad(out, p.year, count);
        }
        break;
      case 'M':
      case 'L':
        if (count <= 2) {
          Pad(out, p.month, count);
        } else if (count == 3) {
          out += std::string_view(kMonthNames[p.month - 1]).substr(0, 3);
        } else if (count == 4) {
          out += kMonthNames[p.month - 1];
        } else {
          out += kMonthNames[p.month - 1][0];
        }
        break;
      case 'd':
        Pad(out, p.day, count);
        break;
      case 'D':
        Pad(out, p.days - DaysFromCivil(p.year, 1, 1) + 1, count);
        break;
      case 'E':
        if (count <= 3) {
          out += std::string_view(kDayNames[p.weekday]).substr(0, 3);
        } else if (count == 4) {
          out += kDayNames[p.weekday];
        } else {
          out += kDayNames[p.weekday][0];
        }
        break;
      case 'a':
        out += p.hour < 12 ? "AM" : "PM";
        break;
      case 'H':
        Pad(out, p.hour, count);
        break;
      case 'k':
        Pad(out, p.hour == 0 ? 24 : p.hour, count);
        break;
      case 'K':
        Pad(out, p.hour % 12, count);
        break;
      case 'h':
        Pad(out, hour12, count);
        break;
      case 'm':
        Pad(out, p.minute, count);
        break;
      case 's':
        Pad(out, p.second, count);
        break;
      case 'S': {
        std::string frac;
        Pad(frac, p.millis, 3);
        frac.resize(std::max<std::size_t>(count, 3), '0');
        out += frac.substr(0, count);
        break;
      }
      case 'Q':
      case 'q': {
        unsigned quarter = (p.month - 1) / 3 + 1;
        if (count <= 2) {
          Pad(out, quarter, count);
        } else if (count == 3) {
          out += "Q" + std::to_string(quarter);
        } else {
          static constexpr const char* kQuarters[] = {"1st quarter", "2nd quarter", "3rd quarter",
                                                      "4th quarter"};
          out += kQuarters[quarter - 1];
        }
        break;
      }
      case 'z':
        out += count <= 3 ? info.abbrev : zone->name();
        break;
      case 'V':
      case 'v':
        out += zone->name();
        break;
      case 'Z':
        if (count <= 3) {
          out += OffsetText(offset, false, false);
        } else if (count == 4) {
          out += offset == 0 ? "GMT" : "GMT" + OffsetText(offset, true, false);
        } else {
          out += offset == 0 ? "Z" : OffsetText(offset, true, false);
        }
        break;
      case 'X':
      case 'x':
        if (c == 'X' && offset == 0) {
          out += 'Z';
        } else if (count == 1) {
          out += OffsetText(offset, false, true);
        } else if (count == 2 || count == 4) {
          out += OffsetText(offset, false, false);
        } else {
          out += OffsetText(offset, true, false);
        }
        break;
      case 'O':
        if (offset == 0) {
          out += "GMT";
        } else if (count == 1) {  // GMT+1, GMT+5:30
          std::int64_t minutes = (offset < 0 ? -offset : offset) / 60000;
          out += offset < 0 ? "GMT-" : "GMT+";
          out += std::to_string(minutes / 60);
          if (minutes % 60 != 0) {
            out += ':';
            Pad(out, minutes % 60, 2);
          }
        } else {
          out += "GMT" + OffsetText(offset, true, false);
        }
        break;
      default:
        return EvalError(std::string("format: unsupported pattern letter '") + c + "' in '" +
                         Excerpt(pattern) + "'");
    }
  }
  return out;
}

// Weekdays (Monday to Friday) in the days [from, to), from <= to.
std::int64_t CountWeekdays(std::int64_t from, std::int64_t to) {
  std::int64_t n = to - from;
  std::int64_t count = n / 7 * 5;
  for (std::int64_t d = from + n / 7 * 7; d < to; ++d) {
    std::int64_t wd = FloorMod(d + 4, 7);
    if (wd >= 1 && wd <= 5) {
      ++count;
    }
  }
  return count;
}

// Whole months from local time a to b, truncated toward zero (java.time's until).
std::int64_t MonthsBetween(std::int64_t a_local, std::int64_t b_local) {
  LocalParts a = Breakdown(a_local);
  LocalParts b = Breakdown(b_local);
  std::int64_t months = (static_cast<std::int64_t>(b.year) - a.year) * 12 +
                        (static_cast<std::int64_t>(b.month) - a.month);
  std::int64_t a_rest = (a.day - 1) * kDayMs + a.ms_of_day;
  std::int64_t b_rest = (b.day - 1) * kDayMs + b.ms_of_day;
  if (months > 0 && b_rest < a_rest) {
    --months;
  } else if (months < 0 && b_rest > a_rest) {
    ++months;
  }
  return months;
}

// ---------------------------------------------------------------------------------------------
// Values

// A value while evaluating: a JSON value, either borrowed from the context (or from a value that
// outlives it) or owned, and for dates the instant and zone behind the ISO text.
class Val {
 public:
  Val() = default;
  static Val Ref(const json::value& v) {
    Val r;
    r.ref_ = &v;
    return r;
  }
  static Val Own(json::value v) {
    Val r;
    r.own_ = std::move(v);
    return r;
  }
  const json::value& get() const { return ref_ != nullptr ? *ref_ : own_; }
  bool owned() const { return ref_ == nullptr; }
  json::value Take() && { return ref_ != nullptr ? *ref_ : std::move(own_); }
  // A view of this value that borrows from it (this must outlive the view).
  Val Borrow() const {
    Val r = Ref(get());
    r.date = date;
    return r;
  }

  std::optional<DateInfo> date;

 private:
  const json::value* ref_ = nullptr;
  json::value own_;
};

using Args = std::vector<Val>;

// Child of `parent`: borrowed when the parent is, else copied (an owned parent is a temporary).
Val Sub(const Val& parent, const json::value& child) {
  return parent.owned() ? Val::Own(child) : Val::Ref(child);
}

bool Truthy(const Val& v) {
  if (v.date) {
    return true;
  }
  const json::value& j = v.get();
  switch (j.kind()) {
    case json::kind::null:
      return false;
    case json::kind::bool_:
      return j.get_bool();
    case json::kind::int64:
    case json::kind::uint64:
    case json::kind::double_:
      return NumOf(j) != 0;
    case json::kind::string:
      return !j.get_string().empty() &&
             !EqualsIgnoreCase(std::string_view(j.get_string().data(), j.get_string().size()),
                               "false");
    case json::kind::array:
      return !j.get_array().empty();
    case json::kind::object:
      return true;
  }
  return false;
}

std::optional<double> NumberOf(const Val& v) {
  const json::value& j = v.get();
  if (IsNum(j)) {
    return NumOf(j);
  }
  if (j.is_string() && !v.date) {
    return ParseNumberText(std::string_view(j.get_string().data(), j.get_string().size()));
  }
  return std::nullopt;
}

const json::value* FindField(const json::object& o, std::string_view name, bool fields_too) {
  if (const json::value* v = o.if_contains(name)) {
    return v;
  }
  for (const auto& kv : o) {
    if (EqualsIgnoreCase(kv.key(), name)) {
      return &kv.value();
    }
  }
  if (fields_too && !EqualsIgnoreCase(name, "fields")) {
    const json::value* fields = o.if_contains("fields");
    if (fields != nullptr && fields->is_object()) {
      return FindField(fields->get_object(), name, false);
    }
  }
  return nullptr;
}

// ---------------------------------------------------------------------------------------------
// Math: {{#=}} … {{/}}

class MathEval {
 public:
  struct Value {
    double number = 0;
    bool is_bool = false;
  };

  MathEval(std::string_view text, int max_depth) : text_(text), max_depth_(max_depth) {}

  Result<std::string> Run() {
    STEWARD_ASSIGN_OR_RETURN(Value v, ParseOr(0));
    SkipSpace();
    if (pos_ < text_.size()) {
      return Fail("unexpected '" + Excerpt(text_.substr(pos_), 10) + "'");
    }
    if (v.is_bool) {
      return std::string(v.number != 0 ? "true" : "false");
    }
    return TextOf(MakeNumber(v.number));
  }

 private:
  Error Fail(const std::string& message) const {
    return EvalError("math expression '" + Excerpt(Trim(text_), 60) + "': " + message);
  }

  void SkipSpace() {
    while (pos_ < text_.size() && IsSpace(text_[pos_])) {
      ++pos_;
    }
  }

  bool Match(std::string_view op) {
    SkipSpace();
    if (text_.compare(pos_, op.size(), op) == 0) {
      pos_ += op.size();
      return true;
    }
    return false;
  }

  Result<Value> Finite(double d) const {
    if (!std::isfinite(d)) {
      return Fail("the result is not a finite number");
    }
    return Value{d, false};
  }

  Result<Value> ParseOr(int depth) {
    STEWARD_ASSIGN_OR_RETURN(Value left, ParseAnd(depth));
    while (Match("||")) {
      STEWARD_ASSIGN_OR_RETURN(Value right, ParseAnd(depth));
      left = Value{(left.number != 0 || right.number != 0) ? 1.0 : 0.0, true};
    }
    return left;
  }

  Result<Value> ParseAnd(int depth) {
    STEWARD_ASSIGN_OR_RETURN(Value left, ParseCompare(depth));
    while (Match("&&")) {
      STEWARD_ASSIGN_OR_RETURN(Value right, ParseCompare(depth));
      left = Value{(left.number != 0 && right.number != 0) ? 1.0 : 0.0, true};
    }
    return left;
  }

  Result<Value> ParseCompare(int depth) {
    STEWARD_ASSIGN_OR_RETURN(Value left, ParseAdd(depth));
    while (true) {
      int op = 0;
      if (Match("==")) {
        op = 1;
      } else if (Match("!=") || Match("<>")) {
        op = 2;
      } else if (Match("<=")) {
        op = 3;
      } else if (Match(">=")) {
        op = 4;
      } else if (Match("<")) {
        op = 5;
      } else if (Match(">")) {
        op = 6;
      } else if (Match("=")) {
        op = 1;
      } else {
        return left;
      }
      STEWARD_ASSIGN_OR_RETURN(Value right, ParseAdd(depth));
      double a = left.number;
      double b = right.number;
      bool r = op == 1   ? a == b
               : op == 2 ? a != b
               : op == 3 ? a <= b
               : op == 4 ? a >= b
               : op == 5 ? a < b
                         : a > b;
      left = Value{r ? 1.0 : 0.0, true};
    }
  }

  Result<Value> ParseAdd(int depth) {
    STEWARD_ASSIGN_OR_RETURN(Value left, ParseMul(depth));
    while (true) {
      SkipSpace();
      char c = pos_ < text_.size() ? text_[pos_] : '\0';
      if (c != '+' && c != '-') {
        return left;
      }
      ++pos_;
      STEWARD_ASSIGN_OR_RETURN(Value right, ParseMul(depth));
      STEWARD_ASSIGN_OR_RETURN(
          left, Finite(c == '+' ? left.number + right.number : left.number - right.number));
    }
  }

  Result<Value> ParseMul(int depth) {
    STEWARD_ASSIGN_OR_RETURN(Value left, ParseUnary(depth));
    while (true) {
      SkipSpace();
      char c = pos_ < text_.size() ? text_[pos_] : '\0';
      if (c != '*' && c != '/' && c != '%') {
        return left;
      }
      ++pos_;
      STEWARD_ASSIGN_OR_RETURN(Value right, ParseUnary(depth));
      if (c != '*' && right.number == 0) {
        return Fail("division by zero");
      }
      double r = c == '*'   ? left.number * right.number
                 : c == '/' ? left.number / right.number
                            : std::fmod(left.number, right.number);
      STEWARD_ASSIGN_OR_RETURN(left, Finite(r));
    }
  }

  Result<Value> ParseUnary(int depth) {
    std::string ops;  // prefix operators, applied innermost first
    while (true) {
      SkipSpace();
      char c = pos_ < text_.size() ? text_[pos_] : '\0';
      if (c == '-' || c == '+' || (c == '!' && text_.compare(pos_, 2, "!=") != 0)) {
        ops += c;
        ++pos_;
      } else {
        break;
      }
    }
    STEWARD_ASSIGN_OR_RETURN(Value v, ParsePrimary(depth));
    for (auto it = ops.rbegin(); it != ops.rend(); ++it) {
      if (*it == '-') {
        v = Value{-v.number, false};
      } else if (*it == '!') {
        v = Value{v.number == 0 ? 1.0 : 0.0, true};
      }
    }
    return v;
  }

  Result<Value> ParsePrimary(int depth) {
    SkipSpace();
    if (pos_ >= text_.size()) {
      return Fail("expected a number at the end");
    }
    char c = text_[pos_];
    if (c == '(') {
      if (depth + 1 > max_depth_) {
        return Fail("the nesting depth limit (" + std::to_string(max_depth_) + ") is exceeded");
      }
      ++pos_;
      STEWARD_ASSIGN_OR_RETURN(Value v, ParseOr(depth + 1));
      if (!Match(")")) {
        return Fail("expected ')'");
      }
      return v;
    }
    if (IsDigit(c) || c == '.') {
      std::size_t start = pos_;
      while (pos_ < text_.size() && (IsDigit(text_[pos_]) || text_[pos_] == '.')) {
        ++pos_;
      }
      if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
        std::size_t save = pos_++;
        if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) {
          ++pos_;
        }
        if (pos_ < text_.size() && IsDigit(text_[pos_])) {
          while (pos_ < text_.size() && IsDigit(text_[pos_])) {
            ++pos_;
          }
        } else {
          pos_ = save;
        }
      }
      std::optional<double> d = ParseNumberText(text_.substr(start, pos_ - start));
      if (!d) {
        return Fail("'" + Excerpt(text_.substr(start, pos_ - start)) + "' is not a number");
      }
      return Value{*d, false};
    }
    if (IsAsciiLetter(c)) {
      std::size_t start = pos_;
      while (pos_ < text_.size() && (IsAsciiLetter(text_[pos_]) || IsDigit(text_[pos_]))) {
        ++pos_;
      }
      std::string name = AsciiLower(text_.substr(start, pos_ - start));
      if (name == "true" || name == "false") {
        return Value{name == "true" ? 1.0 : 0.0, true};
      }
      if (!Match("(")) {
        return Fail("'" + Excerpt(name) + "' is not a number or a function");
      }
      if (depth + 1 > max_depth_) {
        return Fail("the nesting depth limit (" + std::to_string(max_depth_) + ") is exceeded");
      }
      std::vector<Value> args;
      if (!Match(")")) {
        while (true) {
          STEWARD_ASSIGN_OR_RETURN(Value a, ParseOr(depth + 1));
          args.push_back(a);
          if (Match(",")) {
            continue;
          }
          if (Match(")")) {
            break;
          }
          return Fail("expected ',' or ')' in the arguments of " + AsciiUpper(name));
        }
      }
      return Call(name, args);
    }
    return Fail("expected a number, found '" + Excerpt(text_.substr(pos_), 10) + "'");
  }

  Result<Value> Call(const std::string& name, const std::vector<Value>& args) {
    auto arity = [&](std::size_t lo, std::size_t hi) -> Status {
      if (args.size() < lo || args.size() > hi) {
        return Fail(AsciiUpper(name) + " takes " +
                    ArityText(static_cast<int>(lo), static_cast<int>(hi)));
      }
      return Ok();
    };
    if (name == "round") {
      STEWARD_TRY(arity(1, 2));
      double x = args[0].number;
      if (args.size() == 1) {
        return Finite(std::round(x));
      }
      double places = std::trunc(args[1].number);
      if (places < -15 || places > 15) {
        return Fail("ROUND takes between -15 and 15 decimal places");
      }
      double f = std::pow(10.0, std::fabs(places));
      double scaled = places >= 0 ? x * f : x / f;
      if (!std::isfinite(scaled)) {
        return Finite(x);
      }
      // Half away from zero as written in decimal: 2.345 rounds to 2.35 although the double
      // nearest 2.345 is a little below it.
      double whole = std::trunc(scaled);
      double rounded = std::fabs(std::fabs(scaled - whole) - 0.5) < 1e-9
                           ? whole + std::copysign(1.0, scaled)
                           : std::round(scaled);
      return Finite(places >= 0 ? rounded / f : rounded * f);
    }
    if (name == "floor" || name == "ceiling" || name == "ceil" || name == "abs" || name == "sqrt" ||
        name == "not") {
      STEWARD_TRY(arity(1, 1));
      double x = args[0].number;
      if (name == "floor") {
        return Finite(std::floor(x));
      }
      if (name == "abs") {
        return Finite(std::fabs(x));
      }
      if (name == "not") {
        return Value{x == 0 ? 1.0 : 0.0, true};
      }
      if (name == "sqrt") {
        if (x < 0) {
          return Fail("SQRT of a negative number");
        }
        return Finite(std::sqrt(x));
      }
      return Finite(std::ceil(x));
    }
    if (name == "min" || name == "max") {
      STEWARD_TRY(arity(1, std::numeric_limits<std::size_t>::max()));
      double r = args[0].number;
      for (const Value& a : args) {
        r = name == "min" ? std::min(r, a.number) : std::max(r, a.number);
      }
      return Finite(r);
    }
    if (name == "if") {
      STEWARD_TRY(arity(3, 3));
      return args[0].number != 0 ? args[1] : args[2];
    }
    return Fail("unknown function " + AsciiUpper(name));
  }

  std::string_view text_;
  int max_depth_;
  std::size_t pos_ = 0;
};

// ---------------------------------------------------------------------------------------------
// Evaluator

struct Frame {
  Val value;
  bool is_item = false;  // an item of a list section: index/first/last are defined
  std::size_t index = 0;
  std::size_t count = 0;
};

class Evaluator {
 public:
  Evaluator(std::string_view source, const SmartContext& ctx, const RenderLimits& limits)
      : source_(source), ctx_(ctx), limits_(limits) {}

  Status RenderNodes(const std::vector<Node>& nodes, std::string& out) {
    for (const Node& node : nodes) {
      Status s = RenderNode(node, out);
      if (!s.ok()) {
        Error e = std::move(s).error();
        if (!e.position) {
          e.position = PositionIn(source_, node.offset, node.length);
        }
        return e;
      }
    }
    return Ok();
  }

  Result<Val> Eval(const Expr& e) {
    Val cur;
    switch (e.kind) {
      case Expr::Kind::kLiteral:
        cur = Val::Own(e.literal);
        break;
      case Expr::Kind::kCurrent:
        if (!frames_.empty()) {
          cur = frames_.back().value.Borrow();
        }
        break;
      case Expr::Kind::kName: {
        STEWARD_ASSIGN_OR_RETURN(cur, Lookup(e.name));
        break;
      }
      case Expr::Kind::kFunction: {
        STEWARD_ASSIGN_OR_RETURN(cur, CallFunction(e));
        break;
      }
    }
    for (const Segment& seg : e.segments) {
      Args args;
      args.reserve(seg.args.size());
      for (const Expr& a : seg.args) {
        STEWARD_ASSIGN_OR_RETURN(Val v, Eval(a));
        args.push_back(std::move(v));
      }
      Result<Val> next = Step(std::move(cur), seg, args);
      if (!next.ok()) {
        Error err = std::move(next).error();
        if (!err.position) {
          err.position = PositionIn(source_, seg.offset, seg.length);
        }
        return err;
      }
      cur = std::move(next).value();
      const json::value& j = cur.get();
      if (cur.owned() && j.is_string() && j.get_string().size() > limits_.max_output) {
        return LimitError("output", limits_.max_output, "bytes");
      }
    }
    return cur;
  }

 private:
  Error LimitError(const char* what, std::size_t limit, const char* unit) const {
    return EvalError(std::string("the ") + what + " limit (" + std::to_string(limit) + " " + unit +
                     ") is exceeded");
  }

  Status Append(std::string& out, std::string_view s) {
    if (s.size() > limits_.max_output || out.size() > limits_.max_output - s.size()) {
      return LimitError("output", limits_.max_output, "bytes");
    }
    out.append(s);
    return Ok();
  }

  Status Tick(std::size_t n) {
    if (n > limits_.max_iterations || iterations_ > limits_.max_iterations - n) {
      return LimitError("iteration", limits_.max_iterations, "list items");
    }
    iterations_ += n;
    return Ok();
  }

  Status RenderNode(const Node& node, std::string& out) {
    switch (node.kind) {
      case Node::Kind::kText:
        return Append(out, node.text);
      case Node::Kind::kValue: {
        STEWARD_ASSIGN_OR_RETURN(Val v, Eval(node.expr));
        const json::value& j = v.get();
        if (j.is_string()) {
          return Append(out, std::string_view(j.get_string().data(), j.get_string().size()));
        }
        return Append(out, TextOf(j));
      }
      case Node::Kind::kSection: {
        STEWARD_ASSIGN_OR_RETURN(Val v, Eval(node.expr));
        if (!v.date && v.get().is_array()) {
          const json::array& items = v.get().get_array();
          for (std::size_t i = 0; i < items.size(); ++i) {
            STEWARD_TRY(Tick(1));
            frames_.push_back(Frame{Val::Ref(items[i]), true, i, items.size()});
            Status s = RenderNodes(node.children, out);
            frames_.pop_back();
            STEWARD_TRY(s);
          }
          return Ok();
        }
        if (!Truthy(v)) {
          return Ok();
        }
        frames_.push_back(Frame{std::move(v), false, 0, 0});
        Status s = RenderNodes(node.children, out);
        frames_.pop_back();
        return s;
      }
      case Node::Kind::kInverted: {
        STEWARD_ASSIGN_OR_RETURN(Val v, Eval(node.expr));
        if (Truthy(v)) {
          return Ok();
        }
        return RenderNodes(node.children, out);
      }
      case Node::Kind::kMath: {
        std::string body;
        STEWARD_TRY(RenderNodes(node.children, body));
        MathEval math(body, std::clamp(limits_.max_depth, 1, kHardMaxDepth));
        STEWARD_ASSIGN_OR_RETURN(std::string text, math.Run());
        return Append(out, text);
      }
    }
    return Ok();
  }

  Result<Val> Lookup(const std::string& name) {
    for (auto it = frames_.rbegin(); it != frames_.rend(); ++it) {
      const json::value& fv = it->value.get();
      if (!it->value.date && fv.is_object()) {
        if (const json::value* f = FindField(fv.get_object(), name, true)) {
          return Val::Ref(*f);
        }
      }
      if (it->is_item) {
        if (name == "index") {
          return Val::Own(json::value(static_cast<std::int64_t>(it->index)));
        }
        if (name == "first") {
          return Val::Own(json::value(it->index == 0));
        }
        if (name == "last") {
          return Val::Own(json::value(it->index + 1 == it->count));
        }
      }
    }
    if (const json::value* f = FindField(ctx_.roots, name, false)) {
      return Val::Ref(*f);
    }
    if (name == "now") {
      return MakeDate(ctx_.now, nullptr, false);
    }
    auto cached = resolved_.find(name);
    if (cached != resolved_.end()) {
      return Val::Ref(*cached->second);
    }
    if (!ctx_.resolve) {
      return Val();
    }
    std::shared_ptr<const json::value> loaded;
    try {
      loaded = ctx_.resolve(name);
    } catch (const std::exception& ex) {
      return EvalError("could not load '" + Excerpt(name) + "': " + ex.what());
    }
    if (!loaded) {
      static const auto kNull = std::make_shared<const json::value>(nullptr);
      loaded = kNull;
    }
    auto [pos, inserted] = resolved_.emplace(name, std::move(loaded));
    (void)inserted;
    return Val::Ref(*pos->second);
  }

  int Compare(const Val& a, const Val& b) {
    std::optional<double> x = NumberOf(a);
    std::optional<double> y = NumberOf(b);
    if (x && y) {
      return *x < *y ? -1 : *x > *y ? 1 : 0;
    }
    if (a.date || b.date) {
      Result<std::optional<DateInfo>> da = AsDate(a);
      Result<std::optional<DateInfo>> db = AsDate(b);
      if (da.ok() && db.ok() && *da && *db) {
        TimestampMs p = (*da)->ms;
        TimestampMs q = (*db)->ms;
        return p < q ? -1 : p > q ? 1 : 0;
      }
    }
    int r = TextOf(a.get()).compare(TextOf(b.get()));
    return r < 0 ? -1 : r > 0 ? 1 : 0;
  }

  static bool ValuesEqual(const Val& a, const Val& b) {
    const json::value& x = a.get();
    const json::value& y = b.get();
    if (IsNum(x) || IsNum(y)) {
      std::optional<double> p = NumberOf(a);
      std::optional<double> q = NumberOf(b);
      if (p && q) {
        return *p == *q;
      }
    }
    if (a.date && b.date) {
      return a.date->ms == b.date->ms;
    }
    if ((x.is_array() || x.is_object()) && (y.is_array() || y.is_object())) {
      return x == y;
    }
    return TextOf(x) == TextOf(y);
  }

  Result<Val> CallFunction(const Expr& e) {
    auto eval_arg = [&](std::size_t i) { return Eval(e.args[i]); };
    switch (e.function->id) {
      case Fn::kIf: {
        STEWARD_ASSIGN_OR_RETURN(Val cond, eval_arg(0));
        if (Truthy(cond)) {
          if (e.args.size() >= 2) {
            return eval_arg(1);
          }
          return Val::Own(json::value(true));
        }
        if (e.args.size() == 3) {
          return eval_arg(2);
        }
        return Val();
      }
      case Fn::kEquals: {
        STEWARD_ASSIGN_OR_RETURN(Val a, eval_arg(0));
        STEWARD_ASSIGN_OR_RETURN(Val b, eval_arg(1));
        return Val::Own(json::value(ValuesEqual(a, b)));
      }
      case Fn::kExists: {
        STEWARD_ASSIGN_OR_RETURN(Val a, eval_arg(0));
        return Val::Own(json::value(Exists(a)));
      }
      case Fn::kAnd:
      case Fn::kOr: {
        bool is_and = e.function->id == Fn::kAnd;
        for (std::size_t i = 0; i < e.args.size(); ++i) {
          STEWARD_ASSIGN_OR_RETURN(Val a, eval_arg(i));
          if (Truthy(a) != is_and) {
            return Val::Own(json::value(!is_and));
          }
        }
        return Val::Own(json::value(is_and));
      }
      case Fn::kNot: {
        STEWARD_ASSIGN_OR_RETURN(Val a, eval_arg(0));
        return Val::Own(json::value(!Truthy(a)));
      }
      case Fn::kGt:
      case Fn::kLt:
      case Fn::kGte:
      case Fn::kLte: {
        STEWARD_ASSIGN_OR_RETURN(Val a, eval_arg(0));
        STEWARD_ASSIGN_OR_RETURN(Val b, eval_arg(1));
        int c = Compare(a, b);
        Fn id = e.function->id;
        bool r = id == Fn::kGt ? c > 0 : id == Fn::kLt ? c < 0 : id == Fn::kGte ? c >= 0 : c <= 0;
        return Val::Own(json::value(r));
      }
    }
    return Val();
  }

  static bool Exists(const Val& v) {
    const json::value& j = v.get();
    return !j.is_null() && !(j.is_string() && j.get_string().empty());
  }

  // One step of a path: a field, an index, a property or a method call.
  Result<Val> Step(Val cur, const Segment& seg, const Args& args) {
    const json::value& v = cur.get();
    if (seg.index) {
      if (cur.date || !v.is_array()) {
        return Val();
      }
      const json::array& a = v.get_array();
      std::int64_t i = *seg.index;
      auto size = static_cast<std::int64_t>(a.size());
      if (i < 0) {
        i += size;
      }
      if (i < 0 || i >= size) {
        return Val();
      }
      return Sub(cur, a[static_cast<std::size_t>(i)]);
    }
    if (seg.is_call) {
      return ApplyMethod(cur, *seg.method, args);
    }
    const MethodSpec* property = seg.is_quoted ? nullptr : seg.method;
    if (!cur.date && v.is_object()) {
      if (const json::value* f = FindField(v.get_object(), seg.name, true)) {
        return Sub(cur, *f);
      }
      if (property != nullptr && (property->kinds & kAny) != 0) {
        return ApplyMethod(cur, *property, args);
      }
      return Val();
    }
    if (!cur.date && v.is_array()) {
      if (property != nullptr && (property->kinds & (kList | kAny)) != 0) {
        return ApplyMethod(cur, *property, args);
      }
      const json::array& items = v.get_array();
      STEWARD_TRY(Tick(items.size()));
      json::array out;
      for (const json::value& item : items) {
        STEWARD_ASSIGN_OR_RETURN(Val r, Step(Val::Ref(item), seg, args));
        json::value rv = std::move(r).Take();
        if (rv.is_array()) {
          for (json::value& x : rv.get_array()) {
            out.push_back(std::move(x));
          }
        } else {
          out.push_back(std::move(rv));
        }
      }
      return Val::Own(std::move(out));
    }
    if (property != nullptr) {
      return ApplyMethod(cur, *property, args);
    }
    return Val();
  }

  Result<Val> ApplyMethod(const Val& recv, const MethodSpec& m, const Args& args) {
    if ((m.kinds & kAny) != 0) {
      return GenericMethod(recv, m);
    }
    const json::value& v = recv.get();
    if (recv.date) {
      if ((m.kinds & kDate) != 0) {
        return DateMethod(*recv.date, m, args);
      }
      if ((m.kinds & kStr) != 0) {
        return StringMethod(TextOf(v), m, args);
      }
      return Val();
    }
    switch (v.kind()) {
      case json::kind::null:
      case json::kind::object:
        return Val();
      case json::kind::array: {
        const json::array& items = v.get_array();
        if ((m.kinds & kList) != 0) {
          return ListMethod(recv, items, m, args);
        }
        STEWARD_TRY(Tick(items.size()));
        json::array out;
        for (const json::value& item : items) {
          STEWARD_ASSIGN_OR_RETURN(Val r, ApplyMethod(Val::Ref(item), m, args));
          out.push_back(std::move(r).Take());
        }
        return Val::Own(std::move(out));
      }
      case json::kind::string: {
        std::string_view s(v.get_string().data(), v.get_string().size());
        if ((m.kinds & kStr) != 0) {
          return StringMethod(s, m, args);
        }
        if ((m.kinds & kDate) != 0) {
          STEWARD_ASSIGN_OR_RETURN(std::optional<DateInfo> d, AsDate(recv));
          if (!d) {
            return Val();
          }
          return DateMethod(*d, m, args);
        }
        if ((m.kinds & kNum) != 0) {
          std::optional<double> n = ParseNumberText(s);
          if (!n) {
            return Val();
          }
          return NumberMethod(*n, m, args);
        }
        return Val();
      }
      case json::kind::int64:
      case json::kind::uint64:
      case json::kind::double_:
        if ((m.kinds & kNum) != 0) {
          return NumberMethod(NumOf(v), m, args);
        }
        if ((m.kinds & kStr) != 0) {
          return StringMethod(TextOf(v), m, args);
        }
        return Val();
      case json::kind::bool_:
        if ((m.kinds & kStr) != 0) {
          return StringMethod(TextOf(v), m, args);
        }
        return Val();
    }
    return Val();
  }

  static Result<Val> GenericMethod(const Val& recv, const MethodSpec& m) {
    const json::value& v = recv.get();
    bool empty = v.is_null() || (v.is_string() && v.get_string().empty()) ||
                 (v.is_array() && v.get_array().empty()) ||
                 (v.is_object() && v.get_object().empty());
    switch (m.id) {
      case M::kAsString:
      case M::kToString:
        return Val::Own(json::value(TextOf(v)));
      case M::kAsJsonString:
        return Val::Own(json::value(json::serialize(v)));
      case M::kExists:
        return Val::Own(json::value(Exists(recv)));
      case M::kIsEmpty:
        return Val::Own(json::value(empty && !recv.date));
      case M::kIsNotEmpty:
        return Val::Own(json::value(!empty || recv.date.has_value()));
      default:
        return Val();
    }
  }

  // --- arguments ---

  static Result<double> ArgNumber(const Args& args, std::size_t i, const MethodSpec& m) {
    std::optional<double> n = NumberOf(args[i]);
    if (!n) {
      return EvalError("'" + m.name + "' expects a number as argument " + std::to_string(i + 1) +
                       ", got '" + Excerpt(TextOf(args[i].get())) + "'");
    }
    return *n;
  }

  // A whole number (fractions truncated) within ±1e15.
  static Result<std::int64_t> ArgInt(const Args& args, std::size_t i, const MethodSpec& m) {
    STEWARD_ASSIGN_OR_RETURN(double d, ArgNumber(args, i, m));
    if (!(std::fabs(d) <= kMaxIntegerArg)) {
      return EvalError("'" + m.name + "': argument " + std::to_string(i + 1) + " is out of range");
    }
    return static_cast<std::int64_t>(std::trunc(d));
  }

  static std::string ArgText(const Args& args, std::size_t i) { return TextOf(args[i].get()); }

  Status CheckSize(std::size_t size) const {
    if (size > limits_.max_output) {
      return LimitError("output", limits_.max_output, "bytes");
    }
    return Ok();
  }

  // --- regular expressions ---

  Result<boost::regex> CompileRegex(const std::string& pattern, std::string_view text,
                                    const MethodSpec& m) const {
    if (text.size() > kMaxRegexText) {
      return EvalError("'" + m.name + "': the text is longer than " +
                       std::to_string(kMaxRegexText) + " characters");
    }
    if (pattern.size() > kMaxRegexPattern) {
      return EvalError("'" + m.name + "': the regular expression is longer than " +
                       std::to_string(kMaxRegexPattern) + " characters");
    }
    try {
      return boost::regex(pattern, boost::regex::perl);
    } catch (const std::exception& ex) {
      return EvalError("'" + m.name + "': invalid regular expression '" + Excerpt(pattern) +
                       "': " + ex.what());
    }
  }

  static Error RegexFailure(const MethodSpec& m, const std::exception& ex) {
    const auto* re = dynamic_cast<const boost::regex_error*>(&ex);
    if (re != nullptr && (re->code() == boost::regex_constants::error_complexity ||
                          re->code() == boost::regex_constants::error_stack)) {
      return EvalError("'" + m.name +
                       "': the regular expression is too complex for this text (it backtracks "
                       "too much); make it more specific");
    }
    return EvalError("'" + m.name + "': the regular expression failed: " + ex.what());
  }

  Result<Val> StringMethod(std::string_view s, const MethodSpec& m, const Args& args) {
    auto text = [](std::string r) { return Val::Own(json::value(std::move(r))); };
    auto boolean = [](bool b) { return Val::Own(json::value(b)); };
    switch (m.id) {
      case M::kToLowerCase:
        return text(AsciiLower(s));
      case M::kToUpperCase:
        return text(AsciiUpper(s));
      case M::kCapitalize: {
        std::string r(s);
        if (!r.empty() && r[0] >= 'a' && r[0] <= 'z') {
          r[0] = static_cast<char>(r[0] - 'a' + 'A');
        }
        return text(std::move(r));
      }
      case M::kTrim:
        return text(std::string(Trim(s)));
      case M::kLength:
        return Val::Own(json::value(static_cast<std::int64_t>(CharCount(s))));
      case M::kIsBlank:
        return boolean(Trim(s).empty());
      case M::kIsNotBlank:
        return boolean(!Trim(s).empty());
      case M::kSubstring:
      case M::kLeft:
      case M::kRight: {
        std::vector<std::size_t> starts = CharStarts(s);
        auto n = static_cast<std::int64_t>(starts.size());
        std::int64_t from = 0;
        std::int64_t to = n;
        STEWARD_ASSIGN_OR_RETURN(std::int64_t a, ArgInt(args, 0, m));
        if (m.id == M::kSubstring) {
          from = a < 0 ? n + a : a;
          if (args.size() == 2) {
            STEWARD_ASSIGN_OR_RETURN(std::int64_t b, ArgInt(args, 1, m));
            to = b < 0 ? n + b : b;
          }
        } else if (m.id == M::kLeft) {
          to = a;
        } else {
          from = n - a;
        }
        from = std::clamp<std::int64_t>(from, 0, n);
        to = std::clamp<std::int64_t>(to, 0, n);
        if (from >= to) {
          return text("");
        }
        std::size_t begin = starts[static_cast<std::size_t>(from)];
        std::size_t end = to == n ? s.size() : starts[static_cast<std::size_t>(to)];
        return text(std::string(s.substr(begin, end - begin)));
      }
      case M::kAbbreviate: {
        STEWARD_ASSIGN_OR_RETURN(std::int64_t width, ArgInt(args, 0, m));
        if (width < 4) {
          return EvalError("'abbreviate' needs a width of at least 4, got " +
                           std::to_string(width));
        }
        std::vector<std::size_t> starts = CharStarts(s);
        if (static_cast<std::int64_t>(starts.size()) <= width) {
          return text(std::string(s));
        }
        return text(std::string(s.substr(0, starts[static_cast<std::size_t>(width - 3)])) + "...");
      }
      case M::kConcat: {
        std::string other = ArgText(args, 0);
        STEWARD_TRY(CheckSize(s.size() + other.size()));
        return text(std::string(s) + other);
      }
      case M::kContains:
        return boolean(s.find(ArgText(args, 0)) != std::string_view::npos);
      case M::kStartsWith: {
        std::string p = ArgText(args, 0);
        return boolean(s.substr(0, p.size()) == p);
      }
      case M::kEndsWith: {
        std::string p = ArgText(args, 0);
        return boolean(s.size() >= p.size() && s.substr(s.size() - p.size()) == p);
      }
      case M::kIndexOf:
      case M::kLastIndexOf: {
        std::string p = ArgText(args, 0);
        std::size_t hit = m.id == M::kIndexOf ? s.find(p) : s.rfind(p);
        return Val::Own(json::value(hit == std::string_view::npos ? std::int64_t{-1}
                                                                  : CharIndexOfByte(s, hit)));
      }
      case M::kReplace:
      case M::kRemove: {
        std::string from = ArgText(args, 0);
        std::string to = m.id == M::kReplace ? ArgText(args, 1) : std::string();
        if (from.empty()) {
          return text(std::string(s));
        }
        std::size_t hits = CountOccurrences(s, from);
        if (to.size() > from.size()) {
          std::size_t growth = to.size() - from.size();
          if (hits > 0 && growth > limits_.max_output / hits) {
            return LimitError("output", limits_.max_output, "bytes");
          }
          STEWARD_TRY(CheckSize(s.size() + hits * growth));
        }
        return text(ReplaceAllLiteral(s, from, to));
      }
      case M::kReplaceAll: {
        std::string pattern = ArgText(args, 0);
        std::string replacement = ArgText(args, 1);
        STEWARD_ASSIGN_OR_RETURN(boost::regex re, CompileRegex(pattern, s, m));
        std::string out;
        try {
          auto begin = s.begin();
          std::size_t matches = 0;
          for (boost::regex_iterator<std::string_view::const_iterator> it(s.begin(), s.end(), re),
               end;
               it != end; ++it) {
            const auto& match = *it;
            out.append(begin, match[0].first);
            out += match.format(replacement, boost::format_perl);
            begin = match[0].second;
            STEWARD_TRY(CheckSize(out.size()));
            if (++matches > kMaxRegexText + 1) {
              break;
            }
          }
          out.append(begin, s.end());
        } catch (const std::exception& ex) {
          return RegexFailure(m, ex);
        }
        STEWARD_TRY(CheckSize(out.size()));
        return text(std::move(out));
      }
      case M::kMatch: {
        std::string pattern = ArgText(args, 0);
        STEWARD_ASSIGN_OR_RETURN(boost::regex re, CompileRegex(pattern, s, m));
        json::array found;
        try {
          for (boost::regex_iterator<std::string_view::const_iterator> it(s.begin(), s.end(), re),
               end;
               it != end; ++it) {
            const auto& match = *it;
            const auto& group = match.size() > 1 ? match[1] : match[0];
            found.push_back(json::value(std::string(group.first, group.second)));
            if (found.size() > limits_.max_iterations) {
              return LimitError("iteration", limits_.max_iterations, "list items");
            }
          }
        } catch (const std::exception& ex) {
          return RegexFailure(m, ex);
        }
        if (found.empty()) {
          return Val();
        }
        if (found.size() == 1) {
          return Val::Own(std::move(found[0]));
        }
        return Val::Own(std::move(found));
      }
      case M::kSplit: {
        std::string sep = ArgText(args, 0);
        json::array parts;
        auto add = [&](std::string_view part) -> Status {
          if (parts.size() >= limits_.max_iterations) {
            return LimitError("iteration", limits_.max_iterations, "list items");
          }
          parts.push_back(json::value(std::string(part)));
          return Ok();
        };
        if (sep.empty()) {
          for (std::size_t i = 0; i < s.size();) {
            std::size_t next = NextChar(s, i);
            STEWARD_TRY(add(s.substr(i, next - i)));
            i = next;
          }
        } else {
          std::size_t pos = 0;
          while (true) {
            std::size_t hit = s.find(sep, pos);
            if (hit == std::string_view::npos) {
              STEWARD_TRY(add(s.substr(pos)));
              break;
            }
            STEWARD_TRY(add(s.substr(pos, hit - pos)));
            pos = hit + sep.size();
          }
        }
        return Val::Own(std::move(parts));
      }
      case M::kReverse: {
        std::vector<std::size_t> starts = CharStarts(s);
        std::string r;
        r.reserve(s.size());
        for (std::size_t k = starts.size(); k > 0; --k) {
          std::size_t begin = starts[k - 1];
          std::size_t end = k == starts.size() ? s.size() : starts[k];
          r.append(s.substr(begin, end - begin));
        }
        return text(std::move(r));
      }
      case M::kAsNumber: {
        std::optional<double> n = ParseNumberText(s);
        return n ? Val::Own(MakeNumber(*n)) : Val();
      }
      case M::kHtmlEncode:
      case M::kXmlEncode: {
        std::string r = HtmlEncode(s);
        STEWARD_TRY(CheckSize(r.size()));
        return text(std::move(r));
      }
      case M::kJsonEncode: {
        std::string r = JsonEncode(s);
        STEWARD_TRY(CheckSize(r.size()));
        return text(std::move(r));
      }
      case M::kUrlEncode: {
        std::string r = UrlEncode(s);
        STEWARD_TRY(CheckSize(r.size()));
        return text(std::move(r));
      }
      case M::kEquals:
        return boolean(s == ArgText(args, 0));
      case M::kEqualsIgnoreCase:
        return boolean(EqualsIgnoreCase(s, ArgText(args, 0)));
      case M::kIsAlpha:
      case M::kIsNumeric:
      case M::kIsAlphanumeric: {
        if (s.empty()) {
          return boolean(false);
        }
        bool all = std::all_of(s.begin(), s.end(), [&](char c) {
          bool letter = IsAsciiLetter(c) || static_cast<unsigned char>(c) >= 0x80;
          if (m.id == M::kIsAlpha) {
            return letter;
          }
          if (m.id == M::kIsNumeric) {
            return IsDigit(c);
          }
          return letter || IsDigit(c);
        });
        return boolean(all);
      }
      default:
        return Val();
    }
  }

  static Result<Val> NumberMethod(double x, const MethodSpec& m, const Args& args) {
    auto number = [](double d) -> Result<Val> {
      if (!std::isfinite(d)) {
        return EvalError("the result is not a finite number");
      }
      return Val::Own(MakeNumber(d));
    };
    auto boolean = [](bool b) { return Val::Own(json::value(b)); };
    switch (m.id) {
      case M::kPlus:
      case M::kMinus:
      case M::kMultiply:
      case M::kDivide:
      case M::kGt:
      case M::kLt:
      case M::kGte:
      case M::kLte:
      case M::kEq: {
        STEWARD_ASSIGN_OR_RETURN(double y, ArgNumber(args, 0, m));
        switch (m.id) {
          case M::kPlus:
            return number(x + y);
          case M::kMinus:
            return number(x - y);
          case M::kMultiply:
            return number(x * y);
          case M::kDivide:
            if (y == 0) {
              return EvalError("'divide': division by zero");
            }
            return number(x / y);
          case M::kGt:
            return boolean(x > y);
          case M::kLt:
            return boolean(x < y);
          case M::kGte:
            return boolean(x >= y);
          case M::kLte:
            return boolean(x <= y);
          default:
            return boolean(x == y);
        }
      }
      case M::kRound:
        return number(std::round(x));
      case M::kFloor:
        return number(std::floor(x));
      case M::kCeil:
        return number(std::ceil(x));
      case M::kAbs:
        return number(std::fabs(x));
      case M::kAsNumber:
        return number(x);
      default:
        return Val();
    }
  }

  Result<Val> ListMethod(const Val& recv, const json::array& items, const MethodSpec& m,
                         const Args& args) {
    auto n = static_cast<std::int64_t>(items.size());
    switch (m.id) {
      case M::kSize:
        return Val::Own(json::value(n));
      case M::kFirst:
        return items.empty() ? Val() : Sub(recv, items.front());
      case M::kLast:
        return items.empty() ? Val() : Sub(recv, items.back());
      case M::kGet: {
        STEWARD_ASSIGN_OR_RETURN(std::int64_t i, ArgInt(args, 0, m));
        if (i < 0) {
          i += n;
        }
        if (i < 0 || i >= n) {
          return Val();
        }
        return Sub(recv, items[static_cast<std::size_t>(i)]);
      }
      case M::kJoin: {
        std::string sep = args.empty() ? ", " : ArgText(args, 0);
        std::string out;
        for (std::size_t i = 0; i < items.size(); ++i) {
          if (i > 0) {
            out += sep;
          }
          AppendText(items[i], out, 1);
          STEWARD_TRY(CheckSize(out.size()));
        }
        return Val::Own(json::value(std::move(out)));
      }
      case M::kDistinct: {
        std::set<std::string> seen;
        json::array out;
        for (const json::value& item : items) {
          if (seen.insert(json::serialize(item)).second) {
            out.push_back(item);
          }
        }
        return Val::Own(std::move(out));
      }
      case M::kContains: {
        for (const json::value& item : items) {
          if (ValuesEqual(Val::Ref(item), args[0])) {
            return Val::Own(json::value(true));
          }
        }
        return Val::Own(json::value(false));
      }
      case M::kReverse: {
        json::array out(items.rbegin(), items.rend());
        return Val::Own(std::move(out));
      }
      case M::kSum:
      case M::kAverage:
      case M::kMax:
      case M::kMin: {
        double sum = 0;
        std::size_t count = 0;
        double best = 0;
        for (const json::value& item : items) {
          std::optional<double> x = NumberOf(Val::Ref(item));
          if (!x) {
            continue;
          }
          sum += *x;
          if (count == 0 || (m.id == M::kMax ? *x > best : *x < best)) {
            best = *x;
          }
          ++count;
        }
        if (m.id == M::kSum) {
          return std::isfinite(sum) ? Val::Own(MakeNumber(sum)) : Val();
        }
        if (count == 0) {
          return Val();
        }
        double r = m.id == M::kAverage ? sum / static_cast<double>(count) : best;
        return std::isfinite(r) ? Val::Own(MakeNumber(r)) : Val();
      }
      default:
        return Val();
    }
  }

  // --- dates ---

  Result<const date::time_zone*> DefaultZone() {
    if (!default_zone_looked_up_) {
      default_zone_looked_up_ = true;
      default_zone_ = LocateZone(ctx_.time_zone);
    }
    if (default_zone_ == nullptr) {
      return EvalError("unknown time zone '" + Excerpt(ctx_.time_zone) + "' in the rule's context");
    }
    return default_zone_;
  }

  Result<const date::time_zone*> ZoneOf(const DateInfo& d) {
    if (d.zone != nullptr) {
      return d.zone;
    }
    return DefaultZone();
  }

  static Result<Val> MakeDate(TimestampMs ms, const date::time_zone* zone, bool explicit_zone) {
    if (ms < kMinMs || ms > kMaxMs) {
      return EvalError("the date is out of range (years 1 to 9999)");
    }
    DateInfo d{ms, zone, explicit_zone};
    Val v = Val::Own(json::value(DateText(d)));
    v.date = d;
    return v;
  }

  // A date value, or text that reads as a date: an ISO 8601 date-time ("…Z", "+01:00", "+0100"
  // or no offset: UTC), or a calendar date "YYYY-MM-DD" (midnight in the context's zone).
  // nullopt when it is not a date.
  Result<std::optional<DateInfo>> AsDate(const Val& v) {
    if (v.date) {
      return v.date;
    }
    const json::value& j = v.get();
    if (!j.is_string()) {
      return std::optional<DateInfo>();
    }
    std::string_view s = Trim(std::string_view(j.get_string().data(), j.get_string().size()));
    if (s.size() == 10) {
      std::optional<std::int64_t> days = ParseDate(s);
      if (!days) {
        return std::optional<DateInfo>();
      }
      STEWARD_ASSIGN_OR_RETURN(const date::time_zone* zone, DefaultZone());
      TimestampMs ms = LocalToInstant(zone, *days * kDayMs);
      if (ms < kMinMs || ms > kMaxMs) {
        return std::optional<DateInfo>();
      }
      return std::optional<DateInfo>(DateInfo{ms, nullptr, false});
    }
    if (s.size() < 16 || s.size() > 40) {
      return std::optional<DateInfo>();
    }
    std::string text(s);
    // Jira's "+0000" offset form: add the colon ParseIsoDateTime expects.
    if (text.size() > 5 && (text[text.size() - 5] == '+' || text[text.size() - 5] == '-') &&
        IsDigit(text[text.size() - 4]) && IsDigit(text[text.size() - 1]) &&
        IsDigit(text[text.size() - 2]) && IsDigit(text[text.size() - 3])) {
      text.insert(text.size() - 2, ":");
    }
    std::optional<TimestampMs> ms = ParseIsoDateTime(text);
    if (!ms || *ms < kMinMs || *ms > kMaxMs) {
      return std::optional<DateInfo>();
    }
    return std::optional<DateInfo>(DateInfo{*ms, nullptr, false});
  }

  // The date argument of isAfter/diff/…: nullopt for a missing (null or empty) argument.
  Result<std::optional<DateInfo>> ArgDate(const Args& args, std::size_t i, const MethodSpec& m) {
    if (!Exists(args[i])) {
      return std::optional<DateInfo>();
    }
    STEWARD_ASSIGN_OR_RETURN(std::optional<DateInfo> d, AsDate(args[i]));
    if (!d) {
      return EvalError("'" + m.name + "' expects a date, got '" + Excerpt(TextOf(args[i].get())) +
                       "'");
    }
    return d;
  }

  Result<const date::time_zone*> ArgZone(const Args& args, std::size_t i, const MethodSpec& m) {
    std::string name = ArgText(args, i);
    const date::time_zone* zone = LocateZone(name);
    if (zone == nullptr) {
      return EvalError("'" + m.name + "': unknown time zone '" + Excerpt(name) + "'");
    }
    return zone;
  }

  // The same local time of day on local day `days` (or `local_ms` exactly), in the date's zone.
  static Result<Val> FromLocal(const DateInfo& d, const date::time_zone* zone,
                               std::int64_t local_ms) {
    if (local_ms < kMinMs - kDayMs || local_ms > kMaxMs + kDayMs) {
      return EvalError("the date is out of range (years 1 to 9999)");
    }
    return MakeDate(LocalToInstant(zone, local_ms), d.zone, d.explicit_zone);
  }

  static Result<std::int64_t> CheckedMul(std::int64_t a, std::int64_t b) {
    std::int64_t r = 0;
    if (__builtin_mul_overflow(a, b, &r)) {
      return EvalError("the date is out of range (years 1 to 9999)");
    }
    return r;
  }

  static Result<Val> AddMonths(const DateInfo& d, const date::time_zone* zone, const LocalParts& p,
                               std::int64_t months) {
    std::int64_t total = static_cast<std::int64_t>(p.year) * 12 + (p.month - 1) + months;
    std::int64_t year = FloorDiv(total, 12);
    if (year < 1 || year > 9999) {
      return EvalError("the date is out of range (years 1 to 9999)");
    }
    auto month = static_cast<unsigned>(FloorMod(total, 12) + 1);
    unsigned day = std::min(p.day, DaysInMonth(static_cast<int>(year), month));
    std::int64_t days = DaysFromCivil(static_cast<int>(year), month, day);
    return FromLocal(d, zone, days * kDayMs + p.ms_of_day);
  }

  Result<Val> DateMethod(const DateInfo& d, const MethodSpec& m, const Args& args) {
    STEWARD_ASSIGN_OR_RETURN(const date::time_zone* zone, ZoneOf(d));
    std::int64_t offset = OffsetMs(zone, d.ms);
    std::int64_t local = d.ms + offset;
    LocalParts p = Breakdown(local);
    auto number = [](std::int64_t n) { return Val::Own(json::value(n)); };
    auto at_day = [&](std::int64_t days, std::int64_t ms_of_day) {
      return FromLocal(d, zone, days * kDayMs + ms_of_day);
    };
    switch (m.id) {
      case M::kPlusUnit: {
        STEWARD_ASSIGN_OR_RETURN(std::int64_t n, ArgInt(args, 0, m));
        n *= m.sign;
        std::int64_t unit_ms = 0;
        switch (m.unit) {
          case Unit::kMillis:
            unit_ms = 1;
            break;
          case Unit::kSeconds:
            unit_ms = 1000;
            break;
          case Unit::kMinutes:
            unit_ms = 60000;
            break;
          case Unit::kHours:
            unit_ms = 3600000;
            break;
          case Unit::kDays:
          case Unit::kWeeks: {
            STEWARD_ASSIGN_OR_RETURN(std::int64_t delta,
                                     CheckedMul(n, m.unit == Unit::kDays ? kDayMs : 7 * kDayMs));
            if (delta > 2 * (kMaxMs - kMinMs) || delta < -2 * (kMaxMs - kMinMs)) {
              return EvalError("the date is out of range (years 1 to 9999)");
            }
            return FromLocal(d, zone, local + delta);
          }
          case Unit::kMonths:
            return AddMonths(d, zone, p, n);
          case Unit::kYears: {
            STEWARD_ASSIGN_OR_RETURN(std::int64_t months, CheckedMul(n, 12));
            return AddMonths(d, zone, p, months);
          }
        }
        STEWARD_ASSIGN_OR_RETURN(std::int64_t delta, CheckedMul(n, unit_ms));
        if (delta > 2 * (kMaxMs - kMinMs) || delta < -2 * (kMaxMs - kMinMs)) {
          return EvalError("the date is out of range (years 1 to 9999)");
        }
        return MakeDate(d.ms + delta, d.zone, d.explicit_zone);
      }
      case M::kPlusBusinessDays:
      case M::kMinusBusinessDays: {
        STEWARD_ASSIGN_OR_RETURN(std::int64_t n, ArgInt(args, 0, m));
        if (m.id == M::kMinusBusinessDays) {
          n = -n;
        }
        if (n > 3000000 || n < -3000000) {
          return EvalError("the date is out of range (years 1 to 9999)");
        }
        std::int64_t day = p.days;
        int wd = p.weekday;
        if (n > 0 && (wd == 0 || wd == 6)) {
          day -= wd == 6 ? 1 : 2;  // from a weekend, count from the Friday before
        } else if (n < 0 && (wd == 0 || wd == 6)) {
          day += wd == 6 ? 2 : 1;  // or back from the Monday after
        }
        std::int64_t weeks = n / 5;
        std::int64_t rest = n % 5;
        day += weeks * 7;
        std::int64_t step = rest > 0 ? 1 : -1;
        for (std::int64_t left = rest > 0 ? rest : -rest; left > 0;) {
          day += step;
          std::int64_t w = FloorMod(day + 4, 7);
          if (w >= 1 && w <= 5) {
            --left;
          }
        }
        return at_day(day, p.ms_of_day);
      }
      case M::kToBusinessDay:
      case M::kToBusinessDayBackwards: {
        std::int64_t day = p.days;
        bool forward = m.id == M::kToBusinessDay;
        if (p.weekday == 6) {
          day += forward ? 2 : -1;
        } else if (p.weekday == 0) {
          day += forward ? 1 : -2;
        }
        return at_day(day, p.ms_of_day);
      }
      case M::kWithDayOfMonth:
      case M::kWithMonth:
      case M::kWithYear: {
        STEWARD_ASSIGN_OR_RETURN(std::int64_t n, ArgInt(args, 0, m));
        int year = p.year;
        unsigned month = p.month;
        unsigned day = p.day;
        if (m.id == M::kWithDayOfMonth) {
          if (n < 1 || n > 31) {
            return EvalError("'withDayOfMonth' expects 1 to 31, got " + std::to_string(n));
          }
          day = static_cast<unsigned>(n);
        } else if (m.id == M::kWithMonth) {
          if (n < 1 || n > 12) {
            return EvalError("'withMonth' expects 1 to 12, got " + std::to_string(n));
          }
          month = static_cast<unsigned>(n);
        } else {
          if (n < 1 || n > 9999) {
            return EvalError("'withYear' expects 1 to 9999, got " + std::to_string(n));
          }
          year = static_cast<int>(n);
        }
        day = std::min(day, DaysInMonth(year, month));
        return at_day(DaysFromCivil(year, month, day), p.ms_of_day);
      }
      case M::kWithHour:
      case M::kWithMinute:
      case M::kWithSecond:
      case M::kWithMillis: {
        STEWARD_ASSIGN_OR_RETURN(std::int64_t n, ArgInt(args, 0, m));
        std::int64_t hi = m.id == M::kWithHour ? 23 : m.id == M::kWithMillis ? 999 : 59;
        if (n < 0 || n > hi) {
          return EvalError("'" + m.name + "' expects 0 to " + std::to_string(hi) + ", got " +
                           std::to_string(n));
        }
        std::int64_t h = p.hour;
        std::int64_t mi = p.minute;
        std::int64_t sec = p.second;
        std::int64_t milli = p.millis;
        (m.id == M::kWithHour     ? h
         : m.id == M::kWithMinute ? mi
         : m.id == M::kWithSecond ? sec
                                  : milli) = n;
        return at_day(p.days, ((h * 60 + mi) * 60 + sec) * 1000 + milli);
      }
      case M::kStartOfDay:
        return at_day(p.days, 0);
      case M::kEndOfDay:
        return at_day(p.days, kDayMs - 1);
      case M::kStartOfMonth:
        return at_day(DaysFromCivil(p.year, p.month, 1), 0);
      case M::kEndOfMonth:
        return at_day(DaysFromCivil(p.year, p.month, DaysInMonth(p.year, p.month)), kDayMs - 1);
      case M::kFirstBusinessDayOfMonth:
      case M::kLastBusinessDayOfMonth: {
        bool first = m.id == M::kFirstBusinessDayOfMonth;
        std::int64_t day = first ? DaysFromCivil(p.year, p.month, 1)
                                 : DaysFromCivil(p.year, p.month, DaysInMonth(p.year, p.month));
        while (FloorMod(day + 4, 7) == 0 || FloorMod(day + 4, 7) == 6) {
          day += first ? 1 : -1;
        }
        return at_day(day, p.ms_of_day);
      }
      case M::kDiff: {
        STEWARD_ASSIGN_OR_RETURN(std::optional<DateInfo> other, ArgDate(args, 0, m));
        if (!other) {
          return Val();
        }
        std::int64_t ms = other->ms - d.ms;
        std::int64_t other_local = other->ms + OffsetMs(zone, other->ms);
        std::int64_t days = (other_local - local) / kDayMs;
        std::int64_t months = MonthsBetween(local, other_local);
        std::int64_t business = other_local >= local
                                    ? CountWeekdays(p.days, Breakdown(other_local).days)
                                    : -CountWeekdays(Breakdown(other_local).days, p.days);
        auto fill = [&](bool absolute) {
          auto a = [&](std::int64_t x) { return absolute && x < 0 ? -x : x; };
          json::object o;
          o["millis"] = a(ms);
          o["seconds"] = a(ms / 1000);
          o["minutes"] = a(ms / 60000);
          o["hours"] = a(ms / 3600000);
          o["days"] = a(days);
          o["weeks"] = a(days / 7);
          o["months"] = a(months);
          o["years"] = a(months / 12);
          o["businessDays"] = a(business);
          return o;
        };
        json::object o = fill(false);
        o["abs"] = fill(true);
        return Val::Own(std::move(o));
      }
      case M::kIsAfter:
      case M::kIsBefore:
      case M::kIsEquals:
      case M::kCompareTo: {
        STEWARD_ASSIGN_OR_RETURN(std::optional<DateInfo> other, ArgDate(args, 0, m));
        if (!other) {
          return Val();
        }
        int c = d.ms < other->ms ? -1 : d.ms > other->ms ? 1 : 0;
        if (m.id == M::kCompareTo) {
          return number(c);
        }
        bool r = m.id == M::kIsAfter ? c > 0 : m.id == M::kIsBefore ? c < 0 : c == 0;
        return Val::Own(json::value(r));
      }
      case M::kToMillis:
        return number(d.ms);
      case M::kToSeconds:
        return number(FloorDiv(d.ms, 1000));
      case M::kFormat: {
        STEWARD_ASSIGN_OR_RETURN(std::string s, FormatPattern(d.ms, zone, ArgText(args, 0)));
        STEWARD_TRY(CheckSize(s.size()));
        return Val::Own(json::value(std::move(s)));
      }
      case M::kNamedFormat: {
        STEWARD_ASSIGN_OR_RETURN(std::string s, FormatPattern(d.ms, zone, m.pattern));
        return Val::Own(json::value(std::move(s)));
      }
      case M::kConvertToTimeZone: {
        STEWARD_ASSIGN_OR_RETURN(const date::time_zone* to, ArgZone(args, 0, m));
        return MakeDate(d.ms, to, true);
      }
      case M::kSetTimeZone: {
        STEWARD_ASSIGN_OR_RETURN(const date::time_zone* to, ArgZone(args, 0, m));
        return MakeDate(LocalToInstant(to, local), to, true);
      }
      case M::kDayOfMonth:
        return number(p.day);
      case M::kDayOfWeek:
        return number(p.weekday == 0 ? 7 : p.weekday);
      case M::kDayOfWeekName:
        return Val::Own(json::value(kDayNames[p.weekday]));
      case M::kDayOfYear:
        return number(p.days - DaysFromCivil(p.year, 1, 1) + 1);
      case M::kMonthOfYear:
        return number(p.month);
      case M::kMonthName:
        return Val::Own(json::value(kMonthNames[p.month - 1]));
      case M::kYear:
        return number(p.year);
      case M::kHour:
        return number(p.hour);
      case M::kMinute:
        return number(p.minute);
      case M::kSecond:
        return number(p.second);
      case M::kToDate:
        return MakeDate(d.ms, d.zone, d.explicit_zone);
      default:
        return Val();
    }
  }

  std::string_view source_;
  const SmartContext& ctx_;
  const RenderLimits& limits_;
  std::deque<Frame> frames_;  // a deque: pushing never moves the frames values borrow from
  std::map<std::string, std::shared_ptr<const json::value>, std::less<>> resolved_;
  std::size_t iterations_ = 0;
  const date::time_zone* default_zone_ = nullptr;
  bool default_zone_looked_up_ = false;
};

int EffectiveDepth(const RenderLimits& limits) {
  return std::clamp(limits.max_depth, 1, kHardMaxDepth);
}

Error Unexpected(const char* what) {
  return EvalError(std::string("smart value evaluation failed: ") + what);
}

}  // namespace

Result<std::string> Render(std::string_view tmpl, const SmartContext& ctx,
                           const RenderLimits& limits) {
  try {
    // Rules render the same templates over and over: each thread keeps the parsed form of the
    // last few hundred (parsed from the map's own copy of the text, which the nodes may view).
    struct Parsed {
      std::vector<Node> nodes;
    };
    thread_local std::unordered_map<std::string, std::shared_ptr<const Parsed>> cache;
    std::shared_ptr<const Parsed> parsed;
    std::string_view text = tmpl;
    if (limits.max_depth == RenderLimits{}.max_depth && tmpl.size() <= 4096) {
      auto it = cache.find(std::string(tmpl));
      if (it == cache.end()) {
        if (cache.size() >= 512) {
          cache.clear();
        }
        it = cache.emplace(std::string(tmpl), nullptr).first;
        Parser parser(it->first, EffectiveDepth(limits));
        auto nodes = parser.ParseTemplate();
        if (!nodes.ok()) {
          Error e = std::move(nodes).error();
          cache.erase(it);
          return e;
        }
        it->second = std::make_shared<const Parsed>(Parsed{std::move(*nodes)});
      }
      parsed = it->second;
      text = it->first;
    } else {
      Parser parser(tmpl, EffectiveDepth(limits));
      STEWARD_ASSIGN_OR_RETURN(std::vector<Node> nodes, parser.ParseTemplate());
      parsed = std::make_shared<const Parsed>(Parsed{std::move(nodes)});
    }
    Evaluator evaluator(text, ctx, limits);
    std::string out;
    STEWARD_TRY(evaluator.RenderNodes(parsed->nodes, out));
    return out;
  } catch (const std::exception& ex) {
    return Unexpected(ex.what());
  } catch (...) {
    return Unexpected("unknown exception");
  }
}

Status ValidateTemplate(std::string_view tmpl) {
  try {
    Parser parser(tmpl, EffectiveDepth(RenderLimits{}));
    STEWARD_TRY(parser.ParseTemplate());
    return Ok();
  } catch (const std::exception& ex) {
    return Unexpected(ex.what());
  } catch (...) {
    return Unexpected("unknown exception");
  }
}

Result<json::value> Evaluate(std::string_view expression, const SmartContext& ctx,
                             const RenderLimits& limits) {
  try {
    Parser parser(expression, EffectiveDepth(limits));
    STEWARD_ASSIGN_OR_RETURN(Expr expr, parser.ParseStandalone());
    Evaluator evaluator(expression, ctx, limits);
    STEWARD_ASSIGN_OR_RETURN(Val v, evaluator.Eval(expr));
    return std::move(v).Take();
  } catch (const std::exception& ex) {
    return Unexpected(ex.what());
  } catch (...) {
    return Unexpected("unknown exception");
  }
}

std::string ToText(const json::value& v) { return TextOf(v); }

}  // namespace steward::automation
