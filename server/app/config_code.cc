// Rules as code: YAML (yaml-cpp) or JSON files of automation rules, exported and applied through
// AutomationService. A validation error names the rule and the line of the offending setting.
#include "app/application.h"

#include <boost/json.hpp>
#include <yaml-cpp/yaml.h>

#include <fstream>
#include <sstream>

namespace steward::app {

namespace json = boost::json;

namespace {

// YAML scalars keep their type: quoted text stays text, plain true/false/numbers/null convert.
json::value ToJson(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      return nullptr;
    case YAML::NodeType::Sequence: {
      json::array a;
      for (const auto& i : n) {
        a.push_back(ToJson(i));
      }
      return a;
    }
    case YAML::NodeType::Map: {
      json::object o;
      for (const auto& kv : n) {
        o[kv.first.as<std::string>()] = ToJson(kv.second);
      }
      return o;
    }
    case YAML::NodeType::Scalar: {
      const std::string& s = n.Scalar();
      if (n.Tag() == "!") {  // quoted
        return json::value(s);
      }
      if (s == "true" || s == "True" || s == "TRUE") return true;
      if (s == "false" || s == "False" || s == "FALSE") return false;
      if (s == "null" || s == "~") return nullptr;
      if (!s.empty() && s.find_first_not_of("-0123456789") == std::string::npos && s != "-" &&
          s.size() < 19) {
        return json::value(std::stoll(s));
      }
      return json::value(s);
    }
  }
  return nullptr;
}

void Emit(YAML::Emitter& out, const json::value& v) {
  switch (v.kind()) {
    case json::kind::null:
      out << YAML::Null;
      break;
    case json::kind::bool_:
      out << v.get_bool();
      break;
    case json::kind::int64:
      out << v.get_int64();
      break;
    case json::kind::uint64:
      out << v.get_uint64();
      break;
    case json::kind::double_:
      out << v.get_double();
      break;
    case json::kind::string: {
      std::string s(v.get_string());
      // Quote texts that would read back as another type.
      bool looks_typed = s == "true" || s == "false" || s == "null" || s == "~" || s.empty() ||
                         s.find_first_not_of("-0123456789.") == std::string::npos;
      if (looks_typed) {
        out << YAML::DoubleQuoted << s;
      } else if (s.find('\n') != std::string::npos) {
        // A literal block reads back with one final newline ("clip"): only for such texts.
        if (s.back() == '\n' && s.find_first_not_of('\n', s.size() - 1) == std::string::npos &&
            (s.size() < 2 || s[s.size() - 2] != '\n')) {
          out << YAML::Literal << s;
        } else {
          out << YAML::DoubleQuoted << s;
        }
      } else {
        out << s;
      }
      break;
    }
    case json::kind::array:
      out << YAML::BeginSeq;
      for (const auto& i : v.get_array()) {
        Emit(out, i);
      }
      out << YAML::EndSeq;
      break;
    case json::kind::object:
      out << YAML::BeginMap;
      for (const auto& kv : v.get_object()) {
        out << YAML::Key << std::string(kv.key()) << YAML::Value;
        Emit(out, kv.value());
      }
      out << YAML::EndMap;
      break;
  }
}

// The line (1-based) of the node at `path` ("rules[2].components[0].jql"), or of the deepest
// node on the way that exists.
int LineOf(const YAML::Node& root, const std::string& path) {
  YAML::Node node = root;
  int line = root.Mark().line + 1;
  std::size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '.') {
      ++i;
      continue;
    }
    YAML::Node next;
    if (path[i] == '[') {
      std::size_t close = path.find(']', i);
      if (close == std::string::npos) break;
      std::size_t index = std::stoul(path.substr(i + 1, close - i - 1));
      if (!node.IsSequence() || index >= node.size()) break;
      next = node[index];
      i = close + 1;
    } else {
      std::size_t end = path.find_first_of(".[", i);
      std::string key = path.substr(i, end == std::string::npos ? std::string::npos : end - i);
      if (!node.IsMap() || !node[key]) break;
      next = node[key];
      i = end == std::string::npos ? path.size() : end;
    }
    node.reset(next);
    if (node.Mark().line >= 0) {
      line = node.Mark().line + 1;
    }
  }
  return line;
}

}  // namespace

Result<std::string> ExportRulesText(Application& app, std::string_view format) {
  STEWARD_ASSIGN_OR_RETURN(auto rules, app.automation().ExportRules());
  json::object doc{{"rules", rules}};
  if (format == "json") {
    return json::serialize(doc) + "\n";
  }
  if (format != "yaml") {
    return Error::InvalidArgument("config.badFormat", "--format is yaml or json");
  }
  YAML::Emitter out;
  out << YAML::Comment("Steward automation rules: steward config apply FILE");
  Emit(out, doc);
  return std::string(out.c_str()) + "\n";
}

Result<std::string> ApplyRulesFile(Application& app, const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    return Error::NotFound("config.noFile", "cannot read " + path);
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  YAML::Node root;
  try {
    root = YAML::Load(buffer.str());  // JSON is YAML too
  } catch (const YAML::Exception& e) {
    return Error::InvalidArgument("config.badYaml",
                                  "line " + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
  YAML::Node list = root.IsMap() && root["rules"] ? root["rules"] : root;
  if (!list.IsSequence()) {
    return Error::InvalidArgument("config.badYaml",
                                  "the file holds a list of rules, or a mapping with \"rules\"");
  }
  json::value rules = ToJson(list);
  // Rules as code are applied as the automation user, with administrator rights.
  http::Principal p;
  STEWARD_TRY(app.db().ReadTx([&](storage::Connection& c) -> Status {
    return c.Query("SELECT id FROM users WHERE username = 'automation'", {},
                   [&](const storage::Row& r) { p.user_id = r.Int(0); });
  }));
  p.username = "automation";
  p.display_name = "Automation for Steward";
  p.kind = "admin";
  auto out = app.automation().ApplyRules(rules.get_array(), p);
  if (!out.ok()) {
    Error e = std::move(out).error();
    if (e.field) {
      std::string f = e.field->rfind("rules", 0) == 0 ? e.field->substr(5) : *e.field;
      e.message =
          "line " + std::to_string(LineOf(list, f)) + ": " + e.message + " (at " + *e.field + ")";
    }
    return e;
  }
  std::string text = "applied: " + std::to_string(out->at("created").as_int64()) + " created, " +
                     std::to_string(out->at("updated").as_int64()) + " updated\n";
  for (const auto& w : out->at("webhooks").as_array()) {
    text += "webhook for \"" + std::string(w.at("rule").as_string()) +
            "\": " + std::string(w.at("webhookUrl").as_string()) + "\n";
  }
  return text;
}

}  // namespace steward::app
