// HttpServer: the Boost.Beast/Asio HTTP/1.1 listener. The only code that includes Beast.
//
// Network I/O runs on a small io_context pool (one thread per core); each parsed request is
// handed to a larger worker pool, because handlers may block on the database (a write waits for
// its group commit), then the response is written back on the connection's strand. Limits: body
// size, header size, idle/slow-client timeout. Stop() stops accepting, lets in-flight requests
// finish (bounded), then stops the threads.
//
// Thread-safety: Start/Run/Stop from the owning thread; Stop may be called from a signal
// handler thread via RequestStop().
#pragma once

#include "base/result.h"
#include "http/message.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace steward::http {

struct ServerOptions {
  std::string address = "127.0.0.1";
  std::uint16_t port = 8080;  // 0: pick a free port
  int io_threads = 2;
  int worker_threads = 48;
  // GET/HEAD/OPTIONS run on the I/O thread that read them (reads are short and never wait for a
  // commit); state changes go to the worker pool because they wait for their group commit.
  bool inline_reads = true;
  std::size_t body_limit = 21 * 1024 * 1024;  // attachments up to 20 MB plus envelope
  std::size_t header_limit = 16 * 1024;
  std::chrono::seconds idle_timeout{30};  // a request must arrive (completely) within this
  std::chrono::seconds shutdown_grace{10};
};

using RequestHandler = std::function<Response(Request&)>;

class HttpServer {
 public:
  HttpServer(ServerOptions options, RequestHandler handler);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and listens; returns the bound port.
  Result<std::uint16_t> Start();
  // Serves until SIGINT/SIGTERM or Stop(); then shuts down gracefully.
  void Run();
  void Stop();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace steward::http
