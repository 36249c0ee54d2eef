// The storage interface every module talks to: connections that run parameterised SQL, and a
// Database that hands out read transactions (concurrent, snapshot-consistent) and write
// transactions (serialised; the SQLite driver batches concurrent writers into group commits).
//
// SQL is written once, portable between SQLite and PostgreSQL: `?` placeholders (the PostgreSQL
// driver renumbers them), epoch-millisecond INTEGER timestamps, RETURNING, ON CONFLICT. The few
// dialect differences are asked of `Dialect()`. User values are always bound, never spliced.
//
// Thread-safety: Database is safe from any thread. A Connection belongs to the transaction
// callback it was handed to and must not escape it.
#pragma once

#include "base/result.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace steward::storage {

// A bound parameter. Text is not copied: it must outlive the statement call.
class Param {
 public:
  enum class Kind { kNull, kInt, kReal, kText, kBlob };

  Param() = default;                                          // NULL
  Param(std::nullopt_t) {}                                    // NOLINT(google-explicit-constructor)
  Param(int v) : kind_(Kind::kInt), i_(v) {}                  // NOLINT
  Param(std::int64_t v) : kind_(Kind::kInt), i_(v) {}         // NOLINT
  Param(bool v) : kind_(Kind::kInt), i_(v ? 1 : 0) {}         // NOLINT
  Param(double v) : kind_(Kind::kReal), d_(v) {}              // NOLINT
  Param(std::string_view v) : kind_(Kind::kText), s_(v) {}    // NOLINT
  Param(const std::string& v) : kind_(Kind::kText), s_(v) {}  // NOLINT
  Param(const char* v) : kind_(Kind::kText), s_(v) {}         // NOLINT
  Param(std::optional<std::int64_t> v) {                      // NOLINT
    if (v) {
      kind_ = Kind::kInt;
      i_ = *v;
    }
  }
  Param(const std::optional<std::string>& v) {  // NOLINT
    if (v) {
      kind_ = Kind::kText;
      s_ = *v;
    }
  }
  static Param Blob(std::string_view bytes) {
    Param p(bytes);
    p.kind_ = Kind::kBlob;
    return p;
  }

  Kind kind() const { return kind_; }
  std::int64_t int_value() const { return i_; }
  double real_value() const { return d_; }
  std::string_view text_value() const { return s_; }

 private:
  Kind kind_ = Kind::kNull;
  std::int64_t i_ = 0;
  double d_ = 0;
  std::string_view s_;
};

// One result row; valid only inside the row callback.
class Row {
 public:
  virtual ~Row() = default;
  virtual bool IsNull(int col) const = 0;
  virtual std::int64_t Int(int col) const = 0;
  virtual double Real(int col) const = 0;
  virtual std::string_view Text(int col) const = 0;  // valid until the callback returns
  virtual bool IsText(int col) const = 0;            // the value is text (not a number)
  virtual bool IsReal(int col) const = 0;            // the value is a floating-point number
  std::string String(int col) const { return std::string(Text(col)); }
  std::optional<std::int64_t> OptInt(int col) const {
    return IsNull(col) ? std::nullopt : std::optional<std::int64_t>(Int(col));
  }
  std::optional<std::string> OptString(int col) const {
    return IsNull(col) ? std::nullopt : std::optional<std::string>(String(col));
  }
};

using RowCallback = std::function<void(const Row&)>;

enum class SqlDialect { kSqlite, kPostgres };

class Connection {
 public:
  virtual ~Connection() = default;

  // Runs one statement with bound parameters, calling `on_row` for each result row.
  // Prepared statements are cached per connection by SQL text.
  virtual Status Exec(std::string_view sql, std::span<const Param> params,
                      const RowCallback& on_row) = 0;
  // Runs a script of statements without parameters (migrations).
  virtual Status ExecScript(std::string_view sql) = 0;
  // Rows changed by the last INSERT/UPDATE/DELETE.
  virtual std::int64_t ChangedRows() = 0;
  virtual SqlDialect Dialect() const = 0;

  Status Exec(std::string_view sql, std::initializer_list<Param> params = {}) {
    return Exec(sql, std::span<const Param>(params.begin(), params.size()), RowCallback());
  }
  Status Query(std::string_view sql, std::initializer_list<Param> params,
               const RowCallback& on_row) {
    return Exec(sql, std::span<const Param>(params.begin(), params.size()), on_row);
  }
  // First column of the first row as an integer, if any.
  Result<std::optional<std::int64_t>> QueryInt(std::string_view sql,
                                               std::initializer_list<Param> params = {});
  Result<std::optional<std::string>> QueryString(std::string_view sql,
                                                 std::initializer_list<Param> params = {});
};

// Timings and sizes of the write path, for /metrics and benchmarks.
struct WriteStats {
  std::uint64_t transactions = 0;  // caller transactions committed or rolled back
  std::uint64_t commits = 0;       // physical commits (one per batch)
};

class Database {
 public:
  using TxFn = std::function<Status(Connection&)>;

  virtual ~Database() = default;

  // Runs `fn` in a read-only transaction on a pooled connection (a consistent snapshot).
  virtual Status ReadTx(const TxFn& fn) = 0;
  // The same, for a read that follows the caller's own write (rendering what it just wrote).
  // The SQLite driver serves these from connections that do not memory-map the file: SQLite
  // drops a reader's map whenever the database changed, so a mapped connection would remap the
  // whole file for every such read.
  virtual Status ReadAfterWriteTx(const TxFn& fn) { return ReadTx(fn); }
  // Runs `fn` in a write transaction and returns once it is durably committed (or failed). If
  // `fn` fails, none of its writes are kept; other callers batched with it are unaffected.
  virtual Status WriteTx(TxFn fn) = 0;
  // Cheap liveness probe for /readyz.
  virtual Status Ping() = 0;
  // Writes a consistent copy of the whole database to `path` while it stays online (readers and
  // the writer go on). Fails if `path` exists.
  virtual Status BackupTo(const std::string& path) = 0;
  virtual SqlDialect Dialect() const = 0;
  virtual WriteStats Stats() const = 0;
  // Stops the writer after draining queued transactions; further writes fail with kUnavailable.
  virtual void Close() = 0;
  // Calls `listener` after every commit of this process (on the writer's thread: it must only
  // signal, e.g. wake a worker). Register before writing starts.
  virtual void OnCommit(std::function<void()> listener) { (void)listener; }
  // Runs `hook` in every write transaction just before it commits, after all the callers'
  // functions of the batch (deferred work such as a module's index upkeep). A failing hook rolls
  // the transaction back and every caller of the batch hears its error.
  virtual void BeforeCommit(std::function<Status(Connection&)> hook) { (void)hook; }

  // Typed helpers: run `fn` returning Result<T> in a transaction and hand back its value (or
  // the transaction's own error, e.g. a failed commit).
  template <typename F>
  auto Read(F&& fn) -> std::invoke_result_t<F, Connection&> {
    return Run([this](const TxFn& tx) { return ReadTx(tx); }, fn);
  }
  template <typename F>
  auto ReadAfterWrite(F&& fn) -> std::invoke_result_t<F, Connection&> {
    return Run([this](const TxFn& tx) { return ReadAfterWriteTx(tx); }, fn);
  }
  template <typename F>
  auto Write(F&& fn) -> std::invoke_result_t<F, Connection&> {
    return Run([this](TxFn tx) { return WriteTx(std::move(tx)); }, fn);
  }

 private:
  template <typename Tx, typename F>
  static auto Run(Tx&& transaction, F& fn) -> std::invoke_result_t<F, Connection&> {
    using R = std::invoke_result_t<F, Connection&>;
    std::optional<R> out;
    Status s = transaction([&](Connection& c) -> Status {
      out.emplace(fn(c));
      if (!out->ok()) {
        return out->error();
      }
      return Ok();
    });
    if (!out || (!s.ok() && out->ok())) {
      return std::move(s).error();  // never ran, or ran but its commit failed
    }
    return std::move(*out);  // its value, or its own error
  }
};

struct SqliteOptions {
  std::string path;              // database file; ":memory:" is not supported (WAL needs a file)
  int read_connections = 64;     // pooled read-only connections (>= concurrent readers)
  int max_batch = 256;           // write transactions per group commit
  bool synchronous_full = true;  // fsync the WAL on every commit: durable before answering
};

// Opens (creating if needed) a SQLite database in WAL mode with foreign keys on.
Result<std::unique_ptr<Database>> OpenSqlite(const SqliteOptions& options);

}  // namespace steward::storage
