// `steward deploy` (see deploy.h): the CI context, issue keys and environment types, the report
// and, with --wait, the gate.
#include "app/deploy.h"

#include "app/gate.h"
#include "app/http_client.h"
#include "base/clock.h"
#include "base/text.h"
#include "base/time_format.h"

#include <boost/json.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <memory>

namespace steward::app {

namespace json = boost::json;

namespace {

std::string Var(const std::function<const char*(const char*)>& getenv, const char* name) {
  const char* v = getenv(name);
  return v ? std::string(v) : std::string();
}

long long Number(const std::string& s) {
  long long n = -1;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  return ec == std::errc() && end == s.data() + s.size() && n >= 0 ? n : -1;
}

std::string FirstOf(std::initializer_list<std::string> values) {
  for (const auto& v : values) {
    if (!v.empty()) {
      return v;
    }
  }
  return {};
}

bool Alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

// The last commit's message in the working directory, if it is a git checkout.
std::string GitMessage() {
  std::unique_ptr<FILE, decltype(&pclose)> pipe(popen("git log -1 --format=%B 2>/dev/null", "r"),
                                                pclose);
  std::string out;
  if (!pipe) {
    return out;
  }
  char buf[4096];
  std::size_t n = 0;
  while (out.size() < 65536 && (n = std::fread(buf, 1, sizeof buf, pipe.get())) > 0) {
    out.append(buf, n);
  }
  return out;
}

}  // namespace

CiContext DetectCi(const std::function<const char*(const char*)>& getenv) {
  auto var = [&](const char* name) { return Var(getenv, name); };
  CiContext ci;
  if (var("GITHUB_ACTIONS") == "true") {
    ci.system = "github";
    std::string server = FirstOf({var("GITHUB_SERVER_URL"), "https://github.com"});
    std::string repo = var("GITHUB_REPOSITORY"), workflow = var("GITHUB_WORKFLOW");
    ci.pipeline_id = workflow.empty() ? repo : repo + "/" + workflow;
    ci.pipeline_name = FirstOf({workflow, repo});
    ci.pipeline_url = server + "/" + repo + "/actions";
    if (!var("GITHUB_RUN_ID").empty()) {
      ci.run_url = ci.pipeline_url + "/runs/" + var("GITHUB_RUN_ID");
    }
    ci.sequence = Number(var("GITHUB_RUN_NUMBER"));
    ci.branch = FirstOf({var("GITHUB_HEAD_REF"), var("GITHUB_REF_NAME")});
    ci.commit = var("GITHUB_SHA");
  } else if (var("GITLAB_CI") == "true") {
    ci.system = "gitlab";
    ci.pipeline_id = var("CI_PROJECT_PATH");
    ci.pipeline_name = FirstOf({var("CI_PROJECT_NAME"), ci.pipeline_id});
    if (!var("CI_PROJECT_URL").empty()) {
      ci.pipeline_url = var("CI_PROJECT_URL") + "/-/pipelines";
    }
    ci.run_url = FirstOf({var("CI_PIPELINE_URL"), var("CI_JOB_URL")});
    ci.sequence = Number(var("CI_PIPELINE_IID"));
    ci.branch = FirstOf({var("CI_MERGE_REQUEST_SOURCE_BRANCH_NAME"), var("CI_COMMIT_REF_NAME")});
    ci.commit = var("CI_COMMIT_SHA");
    ci.message = var("CI_COMMIT_MESSAGE");
    ci.environment = var("CI_ENVIRONMENT_NAME");
    std::string tier = var("CI_ENVIRONMENT_TIER");
    ci.environment_type = tier.empty() ? "" : tier == "other" ? "unmapped" : tier;
    ci.triggered_by = var("GITLAB_USER_EMAIL");
  } else if (!var("JENKINS_URL").empty()) {
    ci.system = "jenkins";
    ci.pipeline_id = var("JOB_NAME");
    ci.pipeline_name = ci.pipeline_id;
    ci.pipeline_url = var("JOB_URL");
    ci.run_url = var("BUILD_URL");
    ci.sequence = Number(var("BUILD_NUMBER"));
    ci.branch = FirstOf({var("BRANCH_NAME"), var("GIT_BRANCH")});
    if (ci.branch.rfind("origin/", 0) == 0) {
      ci.branch = ci.branch.substr(7);
    }
    ci.commit = var("GIT_COMMIT");
  } else if (var("CIRCLECI") == "true") {
    ci.system = "circleci";
    std::string repo = var("CIRCLE_PROJECT_REPONAME");
    ci.pipeline_id = var("CIRCLE_PROJECT_USERNAME") + "/" + repo;
    ci.pipeline_name = FirstOf({repo, ci.pipeline_id});
    ci.run_url = var("CIRCLE_BUILD_URL");
    ci.sequence = Number(var("CIRCLE_BUILD_NUM"));
    ci.branch = var("CIRCLE_BRANCH");
    ci.commit = var("CIRCLE_SHA1");
  } else if (!var("BITBUCKET_BUILD_NUMBER").empty()) {
    ci.system = "bitbucket";
    std::string repo = var("BITBUCKET_REPO_FULL_NAME");
    ci.pipeline_id = repo;
    ci.pipeline_name = FirstOf({var("BITBUCKET_REPO_SLUG"), repo});
    ci.pipeline_url = "https://bitbucket.org/" + repo + "/pipelines";
    ci.run_url = ci.pipeline_url + "/results/" + var("BITBUCKET_BUILD_NUMBER");
    ci.sequence = Number(var("BITBUCKET_BUILD_NUMBER"));
    ci.branch = var("BITBUCKET_BRANCH");
    ci.commit = var("BITBUCKET_COMMIT");
    ci.environment = var("BITBUCKET_DEPLOYMENT_ENVIRONMENT");
  }
  return ci;
}

std::vector<std::string> IssueKeysIn(std::string_view text) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < text.size()) {
    bool starts = std::isupper(static_cast<unsigned char>(text[i])) != 0 &&
                  (i == 0 || !(Alnum(text[i - 1]) || text[i - 1] == '_'));
    if (!starts) {
      ++i;
      continue;
    }
    std::size_t j = i + 1;
    while (j < text.size() &&
           (std::isupper(static_cast<unsigned char>(text[j])) ||
            std::isdigit(static_cast<unsigned char>(text[j])) || text[j] == '_')) {
      ++j;
    }
    std::size_t k = j + 1;
    while (k < text.size() && std::isdigit(static_cast<unsigned char>(text[k]))) {
      ++k;
    }
    bool key = j - i >= 2 && j < text.size() && text[j] == '-' && k > j + 1 && text[j + 1] != '0' &&
               (k == text.size() || !(Alnum(text[k]) || text[k] == '_'));
    if (key) {
      std::string s(text.substr(i, k - i));
      if (std::find(out.begin(), out.end(), s) == out.end()) {
        out.push_back(std::move(s));
      }
      i = k;
    } else {
      i = j;
    }
  }
  return out;
}

std::string EnvironmentTypeOf(std::string_view name) {
  std::string n = AsciiLower(name);
  auto has = [&](const char* part) { return n.find(part) != std::string::npos; };
  if (has("preprod") || has("pre-prod") || has("stag") || has("uat")) {
    return "staging";
  }
  if (has("prod") || has("live")) {
    return "production";
  }
  if (has("test") || has("qa")) {
    return "testing";
  }
  if (has("dev")) {
    return "development";
  }
  return "unmapped";
}

int RunDeploy(DeployOptions o, const CiContext& ci) {
  auto fail = [](const std::string& message) {
    std::fprintf(stderr, "steward deploy: %s\n", message.c_str());
    return kGateError;
  };
  o.pipeline = FirstOf({o.pipeline, ci.pipeline_id});
  o.pipeline_name = FirstOf({o.pipeline_name, ci.pipeline_name, o.pipeline});
  o.pipeline_url = FirstOf({o.pipeline_url, ci.pipeline_url});
  o.environment = FirstOf({o.environment, ci.environment});
  o.environment_name = FirstOf({o.environment_name, o.environment});
  o.environment_type =
      FirstOf({o.environment_type, ci.environment_type, EnvironmentTypeOf(o.environment)});
  if (o.sequence < 0) {
    o.sequence = ci.sequence;
  }
  o.state = FirstOf({o.state, o.gate ? "in_progress" : "successful"});
  o.deployment_url = FirstOf({o.deployment_url, ci.run_url});
  if (o.pipeline.empty()) {
    return fail("no pipeline: give --pipeline (no CI system recognised in the environment)");
  }
  if (o.environment.empty()) {
    return fail("no environment: give --environment");
  }
  if (o.sequence < 0) {
    return fail("no deployment sequence number: give --sequence (the build or run number)");
  }
  if (o.token.empty() && !o.dry_run) {
    return fail("give an API token (--token or STEWARD_TOKEN)");
  }
  o.name = FirstOf({o.name, o.pipeline_name + " #" + std::to_string(o.sequence)});
  // Issue keys: named ones, then those in the branch name (any case) and the commit message.
  std::vector<std::string> keys;
  auto add = [&](const std::vector<std::string>& more) {
    for (const auto& k : more) {
      if (std::find(keys.begin(), keys.end(), k) == keys.end() && keys.size() < 100) {
        keys.push_back(k);
      }
    }
  };
  std::vector<std::string> named;
  for (const auto& k : o.issues) {
    named.push_back(AsciiUpper(k));
  }
  add(named);
  add(IssueKeysIn(AsciiUpper(ci.branch)));
  std::string message = ci.message;
  if (message.empty() && o.use_git) {
    message = GitMessage();
  }
  add(IssueKeysIn(message));

  json::object d{{"schemaVersion", "1.0"},
                 {"deploymentSequenceNumber", o.sequence},
                 {"updateSequenceNumber", SystemClock::Instance().Now()},
                 {"displayName", o.name},
                 {"lastUpdated", FormatIsoUtc(SystemClock::Instance().Now())},
                 {"state", o.state},
                 {"pipeline", json::object{{"id", o.pipeline}, {"displayName", o.pipeline_name}}},
                 {"environment", json::object{{"id", o.environment},
                                              {"displayName", o.environment_name},
                                              {"type", o.environment_type}}}};
  if (!o.pipeline_url.empty()) {
    d["pipeline"].as_object()["url"] = o.pipeline_url;
  }
  if (!o.deployment_url.empty()) {
    d["url"] = o.deployment_url;
  }
  std::string description = o.description;
  if (description.empty() && !ci.branch.empty()) {
    description = ci.branch + (ci.commit.empty() ? "" : " @ " + ci.commit.substr(0, 12));
  }
  if (!description.empty()) {
    d["description"] = description.substr(0, 255);
  }
  if (!ci.commit.empty()) {
    d["label"] = ci.commit.substr(0, 12);
  }
  json::array associations;
  if (!keys.empty()) {
    associations.push_back(
        json::object{{"associationType", "issueKeys"}, {"values", json::value_from(keys)}});
  }
  if (!o.services.empty()) {
    associations.push_back(json::object{{"associationType", "serviceIdOrKeys"},
                                        {"values", json::value_from(o.services)}});
  }
  if (!associations.empty()) {
    d["associations"] = std::move(associations);
  }
  if (o.gate) {
    d["commands"] = json::array{json::object{{"command", "initiate_deployment_gating"}}};
  }
  if (!ci.triggered_by.empty()) {
    d["triggeredBy"] = json::object{{"email", ci.triggered_by}};
  }
  json::object payload{
      {"deployments", json::array{std::move(d)}},
      {"providerMetadata",
       json::object{{"product", "steward deploy" + (ci.system.empty() ? std::string()
                                                                      : " (" + ci.system + ")")}}}};
  std::string body = json::serialize(payload);
  if (o.dry_run) {
    std::printf("%s\n", body.c_str());
    return 0;
  }
  std::string base = TrimBase(o.url);
  HttpAnswer a = HttpCall("POST", base + "/rest/deployments/0.1/bulk", o.token, &body, 30);
  if (!a.error.empty()) {
    return fail(o.url + ": " + a.error);
  }
  if (a.status != 202) {
    return fail("HTTP " + std::to_string(a.status) + ": " + ErrorMessage(a));
  }
  boost::system::error_code ec;
  json::value answer = json::parse(a.body, ec);
  if (ec || !answer.is_object()) {
    return fail("unexpected answer: " + a.body);
  }
  const json::object& got = answer.get_object();
  if (const auto* rejected = got.if_contains("rejectedDeployments");
      rejected && rejected->is_array() && !rejected->get_array().empty()) {
    return fail("the report was rejected: " + json::serialize(*rejected));
  }
  if (const auto* unknown = got.if_contains("unknownIssueKeys");
      unknown && unknown->is_array() && !unknown->get_array().empty()) {
    std::fprintf(stderr, "steward deploy: unknown issue keys (not linked): %s\n",
                 json::serialize(*unknown).c_str());
  }
  // The change request it opened or moved, if any.
  std::string change;
  HttpAnswer one = HttpCall("GET",
                            base + "/rest/deployments/0.1/pipelines/" + UrlEscape(o.pipeline) +
                                "/environments/" + UrlEscape(o.environment) + "/deployments/" +
                                std::to_string(o.sequence),
                            o.token, nullptr, 30);
  if (one.error.empty() && one.status == 200) {
    json::value v = json::parse(one.body, ec);
    const json::value* cr =
        !ec && v.is_object() ? v.get_object().if_contains("changeRequest") : nullptr;
    if (cr && cr->is_object()) {
      const auto& c = cr->get_object();
      const auto* key = c.if_contains("key");
      const auto* status = c.if_contains("status");
      if (key && key->is_string() && status && status->is_string()) {
        change = "; change request " + std::string(key->get_string()) + " (" +
                 std::string(status->get_string()) + ")";
      }
    }
  }
  std::string issues;
  for (const auto& k : keys) {
    issues += (issues.empty() ? "; issues " : ", ") + k;
  }
  std::printf("steward deploy: reported %s to %s (%s, %s)%s%s\n", o.name.c_str(),
              o.environment_name.c_str(), o.environment_type.c_str(), o.state.c_str(),
              issues.c_str(), change.c_str());
  std::fflush(stdout);
  if (!o.wait) {
    return 0;
  }
  GateOptions g;
  g.url = o.url;
  g.token = o.token;
  g.pipeline = o.pipeline;
  g.environment = o.environment;
  g.sequence = o.sequence;
  g.wait = true;
  g.timeout_seconds = o.timeout_seconds;
  g.interval_seconds = o.interval_seconds;
  return RunGate(g);
}

}  // namespace steward::app
