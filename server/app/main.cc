// steward: the one binary. Subcommands: serve, demo, user add, migrate, backup, restore, config,
// gate, version.
#include "app/application.h"
#include "app/deploy.h"
#include "app/gate.h"
#include "base/time_format.h"
#include "http/beast/server.h"
#include "http/static_files.h"

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <termios.h>
#include <thread>
#include <unistd.h>

namespace {
using steward::Result;
using steward::SystemClock;
using steward::app::Application;

int Fail(const steward::Error& e) {
  std::fprintf(stderr, "steward: %s%s%s\n", e.message.c_str(), e.detail.empty() ? "" : " — ",
               e.detail.c_str());
  return 1;
}

bool IsLoopback(const std::string& address) {
  return address.rfind("127.", 0) == 0 || address == "::1" || address == "localhost";
}

// The built web app: --web, else web/dist under the working directory, else beside the build
// tree the binary runs from (build/<preset>/steward → web/dist).
std::filesystem::path WebRoot(const std::string& given) {
  if (!given.empty()) {
    return given;
  }
  std::error_code ec;
  if (std::filesystem::is_regular_file("web/dist/index.html", ec)) {
    return std::filesystem::absolute("web/dist", ec);
  }
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    return exe.parent_path().parent_path().parent_path() / "web" / "dist";
  }
  return "web/dist";
}

int RunServe(const std::string& listen, const std::string& data, bool demo, bool access_log,
             int workers, int io_threads, bool secure_cookies, const std::string& web,
             const Application::Options& app_options) {
  std::string address = listen;
  std::uint16_t port = 8080;
  if (size_t colon = listen.rfind(':'); colon != std::string::npos) {
    address = listen.substr(0, colon);
    try {
      int p = std::stoi(listen.substr(colon + 1));
      if (p < 0 || p > 65535) {
        throw std::out_of_range("port");
      }
      port = static_cast<std::uint16_t>(p);
    } catch (const std::exception&) {
      std::fprintf(stderr, "steward: bad --listen %s (want HOST:PORT)\n", listen.c_str());
      return 2;
    }
  }
  if (address.size() > 2 && address.front() == '[' && address.back() == ']') {
    address = address.substr(1, address.size() - 2);
  }
  if (address == "localhost") {
    address = "127.0.0.1";
  }
  if (demo && !IsLoopback(address)) {
    std::fprintf(stderr,
                 "steward: --demo has well-known passwords and only listens on loopback "
                 "(127.0.0.1); refusing %s\n",
                 address.c_str());
    return 2;
  }
  auto start = std::chrono::steady_clock::now();
  auto app = Application::Open(data, SystemClock::Instance(), app_options);
  if (!app.ok()) {
    return Fail(app.error());
  }
  if (demo) {
    auto loaded = steward::app::DemoLoaded(**app);
    if (!loaded.ok()) {
      return Fail(loaded.error());
    }
    if (!*loaded) {
      spdlog::info("loading the demo scenario into {}", data);
      auto s = steward::app::LoadDemo(**app, SystemClock::Instance().Now());
      if (!s.ok()) {
        return Fail(s.error());
      }
    }
    spdlog::warn(
        "DEMO MODE: users admin, alana, mitch, jennifer, paul and customer all have the "
        "password 'demo'. Loopback only; never expose this instance.");
  }
  (*app)->StartBackground();
  steward::http::Router router(SystemClock::Instance());
  router.SetAccessLog(access_log);
  (*app)->RegisterRoutes(router, secure_cookies);
  auto web_files = std::make_shared<steward::http::StaticFiles>(WebRoot(web));
  if (web_files->Available()) {
    spdlog::info("serving the web app from {}", web_files->root().string());
  } else {
    spdlog::warn("no web app in {} (build it with `make run`); serving the API only",
                 web_files->root().string());
  }
  router.SetFallback([web_files](steward::http::Request& req) { return web_files->Serve(req); });
  steward::http::ServerOptions opts;
  opts.address = address;
  opts.port = port;
  if (workers > 0) {
    opts.worker_threads = workers;
  }
  // Reads run on the I/O threads: one per core measured best at 1M issues (2 threads: 15.7k
  // reads/s, p99 16-34 ms; 4: 15.0k, p99 ~60 ms; 8: 15.6k, p99 75-115 ms).
  opts.io_threads = io_threads > 0
                        ? io_threads
                        : static_cast<int>(std::max(2u, std::thread::hardware_concurrency()));
  steward::http::HttpServer server(
      opts, [&router](steward::http::Request& req) { return router.Handle(req); });
  auto bound = server.Start();
  if (!bound.ok()) {
    return Fail(bound.error());
  }
  double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  std::string host = address.find(':') != std::string::npos ? "[" + address + "]" : address;
  std::printf("steward listening on http://%s:%u (started in %.0f ms)\n", host.c_str(), *bound, ms);
  if (demo) {
    std::printf("sign in as admin / demo (or alana, mitch, jennifer, paul, customer)\n");
  }
  std::fflush(stdout);
  server.Run();
  spdlog::info("stopped; closing the database");
  return 0;
}

std::string ReadPassword() {
  if (const char* env = std::getenv("STEWARD_PASSWORD")) {
    return env;
  }
  std::string pw;
  bool tty = isatty(STDIN_FILENO);
  termios old{};
  if (tty) {
    std::fprintf(stderr, "password: ");
    tcgetattr(STDIN_FILENO, &old);
    termios quiet = old;
    quiet.c_lflag &= static_cast<tcflag_t>(~ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::getline(std::cin, pw);
  if (tty) {
    tcsetattr(STDIN_FILENO, TCSANOW, &old);
    std::fprintf(stderr, "\n");
  }
  return pw;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"Steward: IT service management and operations in one server"};
  cli.require_subcommand(1);

  std::string listen = "127.0.0.1:8080";
  std::string data = "./data";
  bool demo = false;
  bool no_access_log = false;
  bool secure_cookies = false;
  int workers = 0;
  int io_threads = 0;
  std::string web;
  Application::Options app_options;
  auto* serve = cli.add_subcommand("serve", "Run the HTTP API and background work");
  serve->add_option("--listen", listen, "HOST:PORT to listen on (port 0: any free port)");
  serve->add_option("--data", data, "Data directory (database and attachments)");
  serve->add_flag("--demo", demo, "Load the demo scenario on first start (loopback only)");
  serve->add_flag("--no-access-log", no_access_log, "Do not log every request");
  serve->add_flag("--secure-cookies", secure_cookies, "Mark cookies Secure (behind HTTPS)");
  serve->add_option("--workers", workers, "Request worker threads (default 48)");
  serve->add_option("--io-threads", io_threads,
                    "I/O threads that also serve reads (default 2 x cores)");
  serve->add_option("--web", web, "Directory of the built web app (default: web/dist)");
  serve->add_option("--smtp-url", app_options.mail.smtp_url,
                    "Mail server for automation e-mail, e.g. smtp://127.0.0.1:25");
  serve->add_option("--mail-from", app_options.mail.from, "Sender address of automation e-mail");
  serve->add_option("--public-url", app_options.mail.public_url,
                    "Where users reach Steward, for links in e-mail (default http://LISTEN)");

  std::string demo_data = "./data";
  std::string demo_date;
  auto* demo_cmd = cli.add_subcommand("demo", "Load the demo scenario into a data directory");
  demo_cmd->add_option("--data", demo_data, "Data directory");
  demo_cmd->add_option("--date", demo_date, "The demo's today, YYYY-MM-DD (default: today)");

  std::string migrate_data = "./data";
  auto* migrate = cli.add_subcommand("migrate", "Apply schema migrations and exit");
  migrate->add_option("--data", migrate_data, "Data directory");

  auto* user = cli.add_subcommand("user", "Manage users");
  user->require_subcommand(1);
  std::string user_data = "./data", username, display_name, email, kind = "admin";
  auto* user_add = user->add_subcommand("add", "Create a user (the first admin, typically)");
  user_add->add_option("--data", user_data, "Data directory");
  user_add->add_option("--username", username, "Login name")->required();
  user_add->add_option("--display-name", display_name, "Display name (default: the username)");
  user_add->add_option("--email", email, "Email address");
  user_add->add_option("--kind", kind, "admin, agent, customer or bot")
      ->check(CLI::IsMember({"admin", "agent", "customer", "bot"}));

  std::string backup_data = "./data", backup_to;
  auto* backup = cli.add_subcommand("backup", "Write an online backup (the server may be running)");
  backup->add_option("--data", backup_data, "Data directory");
  backup->add_option("--to", backup_to, "New, empty directory for the backup")->required();

  std::string restore_from, restore_data = "./data";
  auto* restore = cli.add_subcommand("restore", "Restore a backup into an empty data directory");
  restore->add_option("--from", restore_from, "Backup directory")->required();
  restore->add_option("--data", restore_data, "Data directory to create");

  auto* config = cli.add_subcommand("config", "Configuration as code (automation rules)");
  config->require_subcommand(1);
  std::string config_data = "./data";
  std::string config_format = "yaml";
  bool export_rules = false;
  auto* config_export = config->add_subcommand("export", "Print configuration as YAML or JSON");
  config_export->add_option("--data", config_data, "Data directory");
  config_export->add_flag("--rules", export_rules, "Automation rules");
  config_export->add_option("--format", config_format, "yaml or json");
  std::string apply_file;
  auto* config_apply =
      config->add_subcommand("apply", "Create or update rules (by name) from a YAML or JSON file");
  config_apply->add_option("file", apply_file, "File to apply")->required();
  config_apply->add_option("--data", config_data, "Data directory");
  steward::app::GateOptions gate_options;
  if (const char* u = std::getenv("STEWARD_URL")) {
    gate_options.url = u;
  }
  if (const char* t = std::getenv("STEWARD_TOKEN")) {
    gate_options.token = t;
  }
  auto* gate = cli.add_subcommand(
      "gate",
      "Ask whether a gated deployment may proceed; exit 0 allowed, 1 prevented, 2 timed out, "
      "3 not gated, 4 error");
  gate->add_option("--url", gate_options.url, "Steward's address (or STEWARD_URL)");
  gate->add_option("--token", gate_options.token, "An API token (or STEWARD_TOKEN)");
  gate->add_option("--pipeline", gate_options.pipeline, "The pipeline id reported")->required();
  gate->add_option("--environment", gate_options.environment, "The environment id reported")
      ->required();
  gate->add_option("--sequence", gate_options.sequence, "The deploymentSequenceNumber")->required();
  gate->add_flag("--wait", gate_options.wait, "Poll until allowed or prevented");
  gate->add_option("--timeout", gate_options.timeout_seconds, "Seconds to wait (default 3600)");
  gate->add_option("--interval", gate_options.interval_seconds,
                   "Seconds between polls (default 10)");
  steward::app::DeployOptions deploy_options;
  deploy_options.url = gate_options.url;
  deploy_options.token = gate_options.token;
  auto* deploy = cli.add_subcommand(
      "deploy",
      "Report a deployment from a CI/CD pipeline (GitHub Actions, GitLab CI, Jenkins, CircleCI "
      "and Bitbucket Pipelines are read from the environment); with --wait, gate it");
  deploy->add_option("--url", deploy_options.url, "Steward's address (or STEWARD_URL)");
  deploy->add_option("--token", deploy_options.token, "An API token (or STEWARD_TOKEN)");
  deploy->add_option("--environment", deploy_options.environment,
                     "The environment's id, e.g. prod-eu (GitLab, Bitbucket: from the job)");
  deploy->add_option("--environment-name", deploy_options.environment_name,
                     "Its display name (default: the id)");
  deploy->add_option("--environment-type", deploy_options.environment_type,
                     "production, staging, testing, development or unmapped (default: from "
                     "the name)");
  deploy->add_option("--pipeline", deploy_options.pipeline,
                     "The pipeline's id (default: the CI's)");
  deploy->add_option("--pipeline-name", deploy_options.pipeline_name, "Its display name");
  deploy->add_option("--pipeline-url", deploy_options.pipeline_url, "Its address");
  deploy->add_option("--sequence", deploy_options.sequence,
                     "The deploymentSequenceNumber (default: the CI's run number)");
  deploy->add_option("--state", deploy_options.state,
                     "pending, in_progress, successful, failed, rolled_back, cancelled or unknown "
                     "(default: in_progress with --gate, otherwise successful)");
  deploy->add_option("--name", deploy_options.name, "Display name (default: pipeline #number)");
  deploy->add_option("--deployment-url", deploy_options.deployment_url,
                     "Link to this run (default: the CI's)");
  deploy->add_option("--description", deploy_options.description, "Description");
  deploy->add_option("--issue", deploy_options.issues,
                     "An issue key it delivers (repeatable; keys in the branch name and the "
                     "commit message are added)");
  deploy->add_option("--service", deploy_options.services,
                     "An affected service's object key or name (repeatable)");
  deploy->add_flag("--gate", deploy_options.gate, "Ask for deployment gating");
  deploy->add_flag("--wait", deploy_options.wait,
                   "Gate and wait for the verdict (exit codes of steward gate)");
  deploy->add_option("--timeout", deploy_options.timeout_seconds, "Seconds to wait (default 3600)");
  deploy->add_option("--interval", deploy_options.interval_seconds,
                     "Seconds between polls (default 10)");
  deploy->add_flag("--dry-run", deploy_options.dry_run, "Print the report instead of sending it");
  bool no_git = false;
  deploy->add_flag("--no-git", no_git,
                   "Do not read the last commit's message with git when the CI gives none");
  cli.add_subcommand("version", "Print the version");

  CLI11_PARSE(cli, argc, argv);

  if (cli.got_subcommand("version")) {
    std::printf("steward 0.1.0\n");
    return 0;
  }
  if (gate->parsed()) {
    return steward::app::RunGate(gate_options);
  }
  if (deploy->parsed()) {
    deploy_options.gate = deploy_options.gate || deploy_options.wait;
    deploy_options.use_git = !no_git;
    return steward::app::RunDeploy(
        deploy_options, steward::app::DetectCi([](const char* n) { return std::getenv(n); }));
  }
  if (serve->parsed()) {
    if (app_options.mail.public_url.empty()) {
      app_options.mail.public_url = "http://" + listen;
    }
    return RunServe(listen, data, demo, !no_access_log, workers, io_threads, secure_cookies, web,
                    app_options);
  }
  if (demo_cmd->parsed()) {
    steward::TimestampMs now = SystemClock::Instance().Now();
    if (!demo_date.empty()) {
      auto d = steward::ParseDate(demo_date);
      if (!d) {
        std::fprintf(stderr, "steward: --date wants YYYY-MM-DD\n");
        return 2;
      }
      now = *d * 86400000 + (21 * 60 + 30) * 60000;  // that day, 21:30 UTC
    }
    auto app = Application::Open(demo_data, SystemClock::Instance());
    if (!app.ok()) {
      return Fail(app.error());
    }
    auto loaded = steward::app::DemoLoaded(**app);
    if (!loaded.ok()) {
      return Fail(loaded.error());
    }
    if (*loaded) {
      std::printf("the demo is already loaded in %s\n", demo_data.c_str());
      return 0;
    }
    auto s = steward::app::LoadDemo(**app, now);
    if (!s.ok()) {
      return Fail(s.error());
    }
    std::printf("demo loaded into %s (now = %s)\n", demo_data.c_str(),
                steward::FormatIsoUtc(now).c_str());
    return 0;
  }
  if (config_export->parsed()) {
    if (!export_rules) {
      std::fprintf(stderr, "steward: say what to export: --rules\n");
      return 2;
    }
    auto app = Application::Open(config_data, SystemClock::Instance());
    if (!app.ok()) {
      return Fail(app.error());
    }
    auto out = steward::app::ExportRulesText(**app, config_format);
    if (!out.ok()) {
      return Fail(out.error());
    }
    std::fputs(out->c_str(), stdout);
    return 0;
  }
  if (config_apply->parsed()) {
    auto app = Application::Open(config_data, SystemClock::Instance());
    if (!app.ok()) {
      return Fail(app.error());
    }
    auto out = steward::app::ApplyRulesFile(**app, apply_file);
    if (!out.ok()) {
      std::fprintf(stderr, "steward: %s: %s\n", apply_file.c_str(), out.error().message.c_str());
      return 1;
    }
    std::fputs(out->c_str(), stdout);
    return 0;
  }
  if (backup->parsed()) {
    auto app = Application::Open(backup_data, SystemClock::Instance());
    if (!app.ok()) {
      return Fail(app.error());
    }
    auto s = steward::app::WriteBackup(**app, backup_data, backup_to);
    if (!s.ok()) {
      return Fail(s.error());
    }
    std::printf("backup of %s written to %s\n", backup_data.c_str(), backup_to.c_str());
    return 0;
  }
  if (restore->parsed()) {
    auto s = steward::app::RestoreBackup(restore_from, restore_data);
    if (!s.ok()) {
      return Fail(s.error());
    }
    std::printf("restored %s into %s\n", restore_from.c_str(), restore_data.c_str());
    return 0;
  }
  if (migrate->parsed()) {
    auto app = Application::Open(migrate_data, SystemClock::Instance());
    if (!app.ok()) {
      return Fail(app.error());
    }
    std::printf("schema is up to date in %s\n", migrate_data.c_str());
    return 0;
  }
  if (user_add->parsed()) {
    auto app = Application::Open(user_data, SystemClock::Instance());
    if (!app.ok()) {
      return Fail(app.error());
    }
    steward::identity::NewUser u;
    u.username = username;
    u.display_name = display_name.empty() ? username : display_name;
    if (!email.empty()) {
      u.email = email;
    }
    u.kind = kind;
    if (kind != "bot") {
      u.password = ReadPassword();
    }
    auto created = (*app)->identity().CreateUser(u, std::nullopt);
    if (!created.ok()) {
      return Fail(created.error());
    }
    std::printf("created %s %s\n", created->kind.c_str(), created->username.c_str());
    return 0;
  }
  return 0;
}
