#include "http/beast/server.h"

#include "base/text.h"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <spdlog/spdlog.h>

#include <array>
#include <atomic>
#include <deque>
#include <thread>
#include <vector>

namespace steward::http {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

namespace {

Method ToMethod(bhttp::verb v) {
  switch (v) {
    case bhttp::verb::get:
      return Method::kGet;
    case bhttp::verb::head:
      return Method::kHead;
    case bhttp::verb::post:
      return Method::kPost;
    case bhttp::verb::put:
      return Method::kPut;
    case bhttp::verb::patch:
      return Method::kPatch;
    case bhttp::verb::delete_:
      return Method::kDelete;
    case bhttp::verb::options:
      return Method::kOptions;
    default:
      return Method::kOther;
  }
}

// The S1.4 body of an error the transport answers itself (before a request reaches the
// router): fixed ASCII code and message, plus a request id of its own ("t-N").
std::string PlainError(std::string_view code, std::string_view message,
                       const std::string& request_id) {
  return "{\"error\":{\"code\":\"" + std::string(code) + "\",\"message\":\"" +
         std::string(message) + "\",\"requestId\":\"" + request_id + "\"}}";
}

std::string TransportRequestId() {
  static std::atomic<std::uint64_t> counter{0};
  return "t-" + std::to_string(counter.fetch_add(1) + 1);
}

}  // namespace

class HttpServer::Impl {
 public:
  Impl(ServerOptions options, RequestHandler handler)
      : options_(std::move(options)),
        handler_(std::move(handler)),
        iocs_(MakeContexts(options_.io_threads)),
        acceptor_(*iocs_[0]),
        workers_(static_cast<std::size_t>(options_.worker_threads)),
        signals_(*iocs_[0], SIGINT, SIGTERM) {}

  // One single-threaded io_context per I/O thread: a connection lives on one thread for its
  // whole life, so it needs no strand and its timer never races its socket.
  static std::vector<std::unique_ptr<asio::io_context>> MakeContexts(int n) {
    std::vector<std::unique_ptr<asio::io_context>> out;
    for (int i = 0; i < std::max(1, n); ++i) {
      out.push_back(std::make_unique<asio::io_context>(1));
    }
    return out;
  }

  ~Impl() {
    if (stopper_.joinable()) {
      stopper_.join();
    }
  }
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  Result<std::uint16_t> Start() {
    boost::system::error_code ec;
    auto address = asio::ip::make_address(options_.address, ec);
    if (ec) {
      return Error::InvalidArgument("serve.badAddress", "bad listen address: " + options_.address);
    }
    tcp::endpoint ep(address, options_.port);
    acceptor_.open(ep.protocol(), ec);
    if (!ec) {
      acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    }
    if (!ec) {
      acceptor_.bind(ep, ec);
    }
    if (!ec) {
      acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    }
    if (ec) {
      return Error::Unavailable("serve.listen", "cannot listen on " + options_.address + ":" +
                                                    std::to_string(options_.port) + ": " +
                                                    ec.message());
    }
    port_ = acceptor_.local_endpoint().port();
    DoAccept();
    signals_.async_wait([this](const boost::system::error_code& err, int sig) {
      if (!err) {
        spdlog::info("signal {} received, shutting down", sig);
        Stop();
      }
    });
    return port_;
  }

  void Run() {
    std::vector<std::thread> threads;
    for (size_t i = 1; i < iocs_.size(); ++i) {
      threads.emplace_back([this, i] { iocs_[i]->run(); });
    }
    iocs_[0]->run();
    for (auto& t : threads) {
      t.join();
    }
    if (stopper_.joinable()) {
      stopper_.join();
    }
    workers_.join();
  }

  void Stop() {
    bool expected = false;
    if (!stopping_.compare_exchange_strong(expected, true)) {
      return;
    }
    asio::post(acceptor_.get_executor(), [this] {
      boost::system::error_code ec;
      acceptor_.close(ec);
      signals_.cancel(ec);
    });
    // Wait (off the io threads) for in-flight requests, then stop the loops. Run() joins this
    // thread, so it never outlives the server.
    stopper_ = std::thread([this] {
      auto deadline = std::chrono::steady_clock::now() + options_.shutdown_grace;
      while (in_flight_.load() > 0 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
      for (auto& ioc : iocs_) {
        ioc->stop();
      }
    });
  }

  bool stopping() const { return stopping_.load(); }

 private:
  class Session;

  void DoAccept();

  ServerOptions options_;
  RequestHandler handler_;
  std::vector<std::unique_ptr<asio::io_context>> iocs_;
  // Keeps every context running while it has no connections.
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> guards_ = [this] {
    std::vector<asio::executor_work_guard<asio::io_context::executor_type>> g;
    for (auto& ioc : iocs_) {
      g.push_back(asio::make_work_guard(*ioc));
    }
    return g;
  }();
  std::atomic<size_t> next_context_{0};
  tcp::acceptor acceptor_;
  asio::thread_pool workers_;
  asio::signal_set signals_;
  std::uint16_t port_ = 0;
  std::atomic<bool> stopping_{false};
  std::thread stopper_;
  std::atomic<int> in_flight_{0};
};

class HttpServer::Impl::Session : public std::enable_shared_from_this<Session> {
 public:
  Session(Impl& server, tcp::socket&& socket) : server_(server), stream_(std::move(socket)) {
    boost::system::error_code ec;
    auto ep = stream_.socket().remote_endpoint(ec);
    if (!ec) {
      remote_ = ep.address().to_string();
    }
  }

  void Start() {
    asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->DoRead(); });
  }

 private:
  void DoRead() {
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(server_.options_.header_limit));
    parser_->body_limit(server_.options_.body_limit);
    stream_.expires_after(server_.options_.idle_timeout);
    bhttp::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->OnRead(ec); });
  }

  void OnRead(beast::error_code ec) {
    if (ec == bhttp::error::end_of_stream || ec == asio::error::eof ||
        ec == beast::error::timeout || ec == asio::error::connection_reset ||
        ec == asio::error::operation_aborted) {
      Close();
      return;
    }
    if (ec) {
      int status = 400;
      std::string code = "http.badRequest";
      std::string msg = "malformed HTTP request";
      if (ec == bhttp::error::body_limit) {
        status = 413;
        code = "http.bodyTooLarge";
        msg = "the request body is too large";
      } else if (ec == bhttp::error::header_limit) {
        status = 431;
        code = "http.headersTooLarge";
        msg = "the request headers are too large";
      }
      SendErrorAndClose(status, code, msg);
      return;
    }
    auto& msg = parser_->get();
    auto req = std::make_shared<Request>();
    req->method = ToMethod(msg.method());
    req->target = std::string(msg.target());
    size_t q = req->target.find('?');
    req->path = std::string(std::string_view(req->target).substr(0, q));  // decoded per segment
    if (q != std::string::npos) {
      req->query = req->target.substr(q + 1);
    }
    for (const auto& f : msg) {
      req->headers.emplace_back(AsciiLower(f.name_string()), std::string(f.value()));
    }
    req->body = std::move(msg.body());
    req->remote_address = remote_;
    keep_alive_ = msg.keep_alive();
    version_ = msg.version();
    is_head_ = req->method == Method::kHead;
    server_.in_flight_++;
    stream_.expires_never();
    if (server_.options_.inline_reads &&
        (req->method == Method::kGet || req->method == Method::kHead ||
         req->method == Method::kOptions)) {
      Write(server_.handler_(*req));
      return;
    }
    asio::post(server_.workers_, [self = shared_from_this(), req] {
      Response resp = self->server_.handler_(*req);
      asio::post(self->stream_.get_executor(),
                 [self, resp = std::move(resp)]() mutable { self->Write(std::move(resp)); });
    });
  }

  // Serializes the response into one buffer and writes it with one call: cheaper than Beast's
  // serializer walking a chain of buffers (measured ~4% of the CPU of an issue read). Header
  // names and values come from our handlers; CR and LF are dropped all the same.
  void Write(Response resp) {
    if (resp.stream) {
      WriteStreamHead(std::move(resp));
      return;
    }
    bool keep = keep_alive_ && !server_.stopping();
    auto out = std::make_shared<std::string>();
    out->reserve(256 + resp.body.size());
    *out += version_ == 10 ? "HTTP/1.0 " : "HTTP/1.1 ";
    *out += std::to_string(resp.status);
    *out += ' ';
    *out += std::string_view(bhttp::obsolete_reason(static_cast<bhttp::status>(resp.status)));
    *out += "\r\nServer: steward\r\n";
    auto header = [&](std::string_view name, std::string_view value) {
      for (char c : name) {
        if (c != '\r' && c != '\n') {
          *out += c;
        }
      }
      *out += ": ";
      for (char c : value) {
        if (c != '\r' && c != '\n') {
          *out += c;
        }
      }
      *out += "\r\n";
    };
    if (!resp.content_type.empty()) {
      header("Content-Type", resp.content_type);
    }
    for (const auto& [k, v] : resp.headers) {
      header(k, v);
    }
    if (version_ == 10 && keep) {
      *out += "Connection: keep-alive\r\n";
    } else if (version_ != 10 && !keep) {
      *out += "Connection: close\r\n";
    }
    *out += "Content-Length: ";
    *out += std::to_string(resp.body.size());
    *out += "\r\n\r\n";
    if (!is_head_) {
      *out += resp.body;
    }
    stream_.expires_after(server_.options_.idle_timeout);
    asio::async_write(stream_, asio::buffer(*out),
                      [self = shared_from_this(), out, keep](beast::error_code ec, std::size_t) {
                        self->server_.in_flight_--;
                        if (ec || !keep) {
                          self->Close();
                          return;
                        }
                        self->DoRead();
                      });
  }

  // A streamed response: the head without Content-Length (the body runs until the connection
  // closes, so the connection is not reused), then the source's chunks in order. A read that
  // never expects data tells when the client goes away.
  void WriteStreamHead(Response resp) {
    auto out = std::make_shared<std::string>();
    *out += version_ == 10 ? "HTTP/1.0 " : "HTTP/1.1 ";
    *out += std::to_string(resp.status) + ' ';
    *out += std::string_view(bhttp::obsolete_reason(static_cast<bhttp::status>(resp.status)));
    *out += "\r\nServer: steward\r\n";
    auto header = [&](std::string_view name, std::string_view value) {
      for (std::string_view part : {name, std::string_view(": "), value}) {
        for (char c : part) {
          if (c != '\r' && c != '\n') {
            *out += c;
          }
        }
      }
      *out += "\r\n";
    };
    header("Content-Type", resp.content_type);
    for (const auto& [k, v] : resp.headers) {
      header(k, v);
    }
    *out += "Connection: close\r\nX-Accel-Buffering: no\r\n\r\n";
    source_ = resp.stream;
    server_.in_flight_--;  // a stream never holds up a graceful shutdown
    stream_.expires_after(server_.options_.idle_timeout);
    asio::async_write(stream_, asio::buffer(*out),
                      [self = shared_from_this(), out](beast::error_code ec, std::size_t) {
                        if (ec || self->is_head_) {
                          self->EndStream();  // HEAD: the head is the whole answer
                          return;
                        }
                        self->stream_.expires_never();
                        self->WatchForHangUp();
                        std::weak_ptr<Session> weak = self;
                        auto executor = self->stream_.get_executor();
                        self->source_->Open([weak, executor](std::string chunk) {
                          auto s = weak.lock();
                          if (!s || s->stream_closed_.load() || s->server_.stopping()) {
                            return false;
                          }
                          asio::post(executor, [s, chunk = std::move(chunk)]() mutable {
                            s->QueueChunk(std::move(chunk));
                          });
                          return true;
                        });
                      });
  }

  void WatchForHangUp() {
    stream_.socket().async_read_some(
        asio::buffer(hangup_buffer_),
        [self = shared_from_this()](beast::error_code ec, std::size_t) {
          if (ec) {
            self->EndStream();
            return;
          }
          self->WatchForHangUp();  // ignore anything a client sends on a stream
        });
  }

  void QueueChunk(std::string chunk) {
    if (stream_closed_) {
      return;
    }
    if (pending_.size() > 256) {  // a client that reads nothing does not grow us without bound
      EndStream();
      return;
    }
    pending_.push_back(std::move(chunk));
    if (!writing_) {
      WriteNextChunk();
    }
  }

  void WriteNextChunk() {
    if (pending_.empty() || stream_closed_) {
      writing_ = false;
      return;
    }
    writing_ = true;
    stream_.expires_after(server_.options_.idle_timeout);
    asio::async_write(stream_, asio::buffer(pending_.front()),
                      [self = shared_from_this()](beast::error_code ec, std::size_t) {
                        self->stream_.expires_never();
                        // The buffer stayed alive until now: EndStream never frees a chunk that
                        // is being written.
                        if (ec || self->stream_closed_) {
                          self->writing_ = false;
                          self->pending_.clear();
                          self->EndStream();
                          return;
                        }
                        self->pending_.pop_front();
                        self->WriteNextChunk();
                      });
  }

  void EndStream() {
    if (stream_closed_.exchange(true)) {
      return;
    }
    if (!writing_) {
      pending_.clear();
    }
    if (source_) {
      source_->Close();
    }
    Close();
  }

  void SendErrorAndClose(int status, const std::string& code, const std::string& msg) {
    auto res = std::make_shared<bhttp::response<bhttp::string_body>>();
    res->version(11);
    res->result(static_cast<unsigned>(status));
    res->set(bhttp::field::content_type, "application/json");
    res->set(bhttp::field::connection, "close");
    std::string request_id = TransportRequestId();
    res->set("X-Request-Id", request_id);
    res->body() = PlainError(code, msg, request_id);
    spdlog::warn("{} {} refused by the transport: {} ({})", request_id, remote_, status, code);
    res->prepare_payload();
    stream_.expires_after(std::chrono::seconds(5));
    bhttp::async_write(
        stream_, *res,
        [self = shared_from_this(), res](beast::error_code, std::size_t) { self->Close(); });
  }

  void Close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.socket().close(ec);
  }

  Impl& server_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::string remote_;
  bool keep_alive_ = false;
  bool is_head_ = false;
  unsigned version_ = 11;
  // Streamed responses only.
  std::shared_ptr<StreamSource> source_;
  bool writing_ = false;
  std::atomic<bool> stream_closed_{false};
  std::deque<std::string> pending_;
  std::array<char, 256> hangup_buffer_{};
};

void HttpServer::Impl::DoAccept() {
  auto& ioc = *iocs_[next_context_.fetch_add(1) % iocs_.size()];
  acceptor_.async_accept(ioc, [this](boost::system::error_code ec, tcp::socket socket) {
    if (ec) {
      if (!stopping_) {
        DoAccept();
      }
      return;
    }
    socket.set_option(tcp::no_delay(true), ec);
    std::make_shared<Session>(*this, std::move(socket))->Start();
    DoAccept();
  });
}

HttpServer::HttpServer(ServerOptions options, RequestHandler handler)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler))) {}
HttpServer::~HttpServer() = default;
Result<std::uint16_t> HttpServer::Start() { return impl_->Start(); }
void HttpServer::Run() { impl_->Run(); }
void HttpServer::Stop() { impl_->Stop(); }

}  // namespace steward::http
