// `steward deploy`: reports a deployment from a CI/CD pipeline in one line (S6.7-6.8). It reads
// what the CI system already knows from its environment variables (GitHub Actions, GitLab CI,
// Jenkins, CircleCI, Bitbucket Pipelines; anything else through flags), finds issue keys in the
// branch name and the commit message, posts the JSM-shaped report to
// /rest/deployments/0.1/bulk, prints the change request it opened, and with --gate --wait waits
// like `steward gate`. See docs/deployment-gating.md.
//
// Thread-safety: RunDeploy blocks the calling thread; the functions are pure.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace steward::app {

// What a CI system tells a job through its environment.
struct CiContext {
  std::string system;  // github, gitlab, jenkins, circleci, bitbucket; empty: none recognised
  std::string pipeline_id, pipeline_name, pipeline_url;
  std::string run_url;  // this run (the deployment's url)
  long long sequence = -1;
  std::string branch, commit, message;
  std::string environment, environment_type;  // when the CI system knows the target
  std::string triggered_by;                   // an e-mail address, when known
};

// `getenv` answers a variable's value or null.
CiContext DetectCi(const std::function<const char*(const char*)>& getenv);

// Issue keys (PROJ-123) in a text, in order, without repeats: an upper-case project key of two
// or more letters, digits or underscores, a dash and a number, not inside a longer word.
std::vector<std::string> IssueKeysIn(std::string_view text);

// The JSM environment type a name suggests: production, staging, testing, development or
// unmapped ("prod-eu" → production, "preprod" → staging, "qa" → testing).
std::string EnvironmentTypeOf(std::string_view name);

struct DeployOptions {
  std::string url = "http://127.0.0.1:8080";
  std::string token;
  std::string pipeline, pipeline_name, pipeline_url;
  std::string environment, environment_name, environment_type;
  long long sequence = -1;
  std::string state;  // default: in_progress with --gate, otherwise successful
  std::string name, deployment_url, description;
  std::vector<std::string> issues, services;
  bool gate = false, wait = false, dry_run = false, use_git = true;
  int timeout_seconds = 3600;
  double interval_seconds = 10;
};

// Exit codes: 0 reported (with --wait: allowed); with --wait, those of `steward gate`
// (1 prevented, 2 timed out, 3 not gated); 4 on errors (missing facts, HTTP, rejected report).
int RunDeploy(DeployOptions options, const CiContext& ci);

}  // namespace steward::app
