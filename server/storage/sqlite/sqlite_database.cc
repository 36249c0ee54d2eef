// SQLite driver: the only translation unit that includes sqlite3.h.
//
// One writer thread owns the single write connection. Callers of WriteTx enqueue their
// transaction and wait; the writer takes everything queued (up to max_batch), opens one
// BEGIN IMMEDIATE, runs each caller's function inside its own SAVEPOINT (so a failing caller is
// rolled back alone; a caller alone in its batch needs none), then COMMITs once with
// synchronous=FULL and wakes every caller. This is
// group commit: one fsync for many durable transactions, and no "database is locked" errors ever
// reach a user because only this thread writes.
//
// Readers keep their snapshot between calls (see SqliteDatabase::ReadTx): a thread's read
// transaction stays open until the writer commits, so a burst of reads pays for BEGIN/COMMIT
// (and their lock system calls) once.
#include "base/metrics.h"
#include "storage/database.h"

#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <future>
#include <mutex>
#include <sqlite3.h>
#include <thread>
#include <unordered_map>
#include <vector>

namespace steward::storage {
namespace {

Error SqliteError(sqlite3* db, int rc, std::string_view sql) {
  int ext = db ? sqlite3_extended_errcode(db) : rc;
  std::string msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  std::string detail =
      "sqlite: " + msg + " [" + std::to_string(ext) + "] in: " + std::string(sql.substr(0, 200));
  switch (ext) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY: {
      Error e =
          Error::AlreadyExists("storage.duplicate", "a record with this value already exists");
      e.detail = detail;
      return e;
    }
    case SQLITE_CONSTRAINT_FOREIGNKEY:
    case SQLITE_CONSTRAINT_CHECK:
    case SQLITE_CONSTRAINT_NOTNULL: {
      Error e = Error::Conflict("storage.constraint", "the change violates a data constraint");
      e.detail = detail;
      return e;
    }
    default:
      break;
  }
  if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED) {
    return Error::Unavailable("storage.busy", "the database is busy, try again", detail);
  }
  if ((rc & 0xff) == SQLITE_FULL || (rc & 0xff) == SQLITE_IOERR) {
    return Error::Unavailable("storage.ioError", "the database cannot write now", detail);
  }
  return Error::Internal(detail);
}

class SqliteRow final : public Row {
 public:
  explicit SqliteRow(sqlite3_stmt* stmt) : stmt_(stmt) {}
  bool IsNull(int col) const override { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  std::int64_t Int(int col) const override { return sqlite3_column_int64(stmt_, col); }
  double Real(int col) const override { return sqlite3_column_double(stmt_, col); }
  bool IsText(int col) const override { return sqlite3_column_type(stmt_, col) == SQLITE_TEXT; }
  bool IsReal(int col) const override { return sqlite3_column_type(stmt_, col) == SQLITE_FLOAT; }
  std::string_view Text(int col) const override {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
    int n = sqlite3_column_bytes(stmt_, col);
    return p ? std::string_view(p, static_cast<size_t>(n)) : std::string_view();
  }

 private:
  sqlite3_stmt* stmt_;
};

class SqliteConnection final : public Connection {
 public:
  SqliteConnection(sqlite3* db) : db_(db) {}  // NOLINT
  ~SqliteConnection() override {
    for (auto& [sql, stmt] : cache_) {
      sqlite3_finalize(stmt);
    }
    sqlite3_close_v2(db_);
  }
  SqliteConnection(const SqliteConnection&) = delete;
  using Connection::Exec;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  Status Exec(std::string_view sql, std::span<const Param> params,
              const RowCallback& on_row) override {
    sqlite3_stmt* stmt = nullptr;
    auto it = cache_.find(sql);
    if (it != cache_.end()) {
      stmt = it->second;
    } else {
      int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                  SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
      if (rc != SQLITE_OK) {
        return SqliteError(db_, rc, sql);
      }
      // Generated SQL (JQL searches) varies without bound: keep the cache bounded by starting
      // over when it is full (no statement is running here: they are reset after each call).
      if (cache_.size() >= kMaxCachedStatements && running_ == 0) {
        for (auto& [text, cached] : cache_) {
          sqlite3_finalize(cached);
        }
        cache_.clear();
      }
      cache_.emplace(std::string(sql), stmt);
    }
    struct Reset {
      sqlite3_stmt* s;
      ~Reset() {
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
      }
    } reset{stmt};
    ++running_;  // statements of this call may be stepping while a row callback runs another
    struct Running {
      int& n;
      ~Running() { --n; }
    } running{running_};
    int expected = sqlite3_bind_parameter_count(stmt);
    if (expected != static_cast<int>(params.size())) {
      return Error::Internal("parameter count mismatch: " + std::to_string(expected) + " vs " +
                             std::to_string(params.size()) + " in " + std::string(sql));
    }
    for (size_t i = 0; i < params.size(); ++i) {
      const Param& p = params[i];
      int idx = static_cast<int>(i + 1);
      int rc = SQLITE_OK;
      switch (p.kind()) {
        case Param::Kind::kNull:
          rc = sqlite3_bind_null(stmt, idx);
          break;
        case Param::Kind::kInt:
          rc = sqlite3_bind_int64(stmt, idx, p.int_value());
          break;
        case Param::Kind::kReal:
          rc = sqlite3_bind_double(stmt, idx, p.real_value());
          break;
        case Param::Kind::kText:
          rc = sqlite3_bind_text64(stmt, idx, p.text_value().data(), p.text_value().size(),
                                   SQLITE_STATIC, SQLITE_UTF8);
          break;
        case Param::Kind::kBlob:
          rc = sqlite3_bind_blob64(stmt, idx, p.text_value().data(), p.text_value().size(),
                                   SQLITE_STATIC);
          break;
      }
      if (rc != SQLITE_OK) {
        return SqliteError(db_, rc, sql);
      }
    }
    SqliteRow row(stmt);
    while (true) {
      int rc = sqlite3_step(stmt);
      if (rc == SQLITE_ROW) {
        if (on_row) {
          on_row(row);
        }
        continue;
      }
      if (rc == SQLITE_DONE) {
        return Ok();
      }
      return SqliteError(db_, rc, sql);
    }
  }

  Status ExecScript(std::string_view sql) override {
    std::string text(sql);
    char* err = nullptr;
    int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
      std::string msg = err ? err : "unknown";
      sqlite3_free(err);
      return Error::Internal("sqlite script failed: " + msg);
    }
    return Ok();
  }

  std::int64_t ChangedRows() override { return sqlite3_changes64(db_); }
  SqlDialect Dialect() const override { return SqlDialect::kSqlite; }

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  sqlite3* db_;
  static constexpr size_t kMaxCachedStatements = 400;
  int running_ = 0;  // Exec calls in progress (nested through row callbacks)
  std::unordered_map<std::string, sqlite3_stmt*, Hash, std::equal_to<>> cache_;
};

// steward_rank(fts_table): the relevance of the current full-text row, lower is better (like
// bm25()). bm25() needs every phrase's document frequency across the whole index, which FTS5
// computes by running each phrase over all of its matches — 300 ms for a phrase of two common
// words at a million issues. This rank looks only at the current row: hits of every phrase in
// each column, the first column (summary) weighted 4x, each column damped by its length. For a
// single phrase it orders like bm25 (whose IDF is then a constant); the query compiler uses it
// to rank a bounded set of candidates.
void StewardRank(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* ctx, int,
                 sqlite3_value**) {
  int phrases = api->xPhraseCount(fts);
  int columns = api->xColumnCount(fts);
  double score = 0;
  for (int c = 0; c < columns; ++c) {
    int size = 0;
    if (api->xColumnSize(fts, c, &size) != SQLITE_OK) {
      size = 0;
    }
    double weight = c == 0 && columns > 1 ? 4.0 : 1.0;
    int hits = 0;
    for (int p = 0; p < phrases; ++p) {
      Fts5PhraseIter it;
      int col = 0, off = 0;
      for (api->xPhraseFirst(fts, p, &it, &col, &off); col >= 0;
           api->xPhraseNext(fts, &it, &col, &off)) {
        hits += col == c;
      }
    }
    score += weight * hits / std::sqrt(1.0 + size);
  }
  sqlite3_result_double(ctx, -score);
}

void RegisterRank(sqlite3* db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, nullptr) != SQLITE_OK) {
    return;
  }
  sqlite3_bind_pointer(stmt, 1, &api, "fts5_api_ptr", nullptr);
  sqlite3_step(stmt);
  sqlite3_finalize(stmt);
  if (api) {
    api->xCreateFunction(api, "steward_rank", nullptr, &StewardRank, nullptr);
  }
}

Result<std::unique_ptr<SqliteConnection>> OpenConnection(const std::string& path, bool readonly,
                                                         bool sync_full, bool mapped = true) {
  static std::once_flag configured;
  std::call_once(configured, [] {
    // Memory statistics put a process-wide mutex around every SQLite allocation; with many
    // reader threads that lock dominates, and Steward reads no SQLite memory statistics.
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    sqlite3_initialize();
  });
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_NOMUTEX |
              (readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    Error e = SqliteError(db, rc, "open " + path);
    sqlite3_close_v2(db);
    return Error::Unavailable("storage.open", "cannot open the database", e.detail);
  }
  auto conn = std::make_unique<SqliteConnection>(db);
  sqlite3_busy_timeout(db, 10000);
  RegisterRank(db);
  std::string pragmas =
      "PRAGMA foreign_keys=ON; PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY;";
  if (readonly && mapped) {
    // Readers map the file: pages come from the OS page cache without a read() each. The map
    // covers the file as it is now (whole 64 MiB chunks), never more, so a growing file never
    // makes every reader unmap and remap (which cost more than it saved under write load);
    // pages beyond it are read as usual.
    std::error_code ec;
    auto size = std::filesystem::file_size(path, ec);
    std::uint64_t chunk = 64ULL * 1024 * 1024;
    std::uint64_t limit = ec ? 0 : (size / chunk) * chunk;
    if (limit > 0) {
      pragmas += "PRAGMA mmap_size=" + std::to_string(limit) + ";";
    }
  } else {
    // The writer keeps the pages inserts touch (a dozen indexes and the FTS segments of a
    // million issues) in a larger cache of its own. (Slow creates after a bulk load turned out
    // to be FTS5 merging segments left by 'rebuild'; the seeder now runs 'optimize'.)
    pragmas += "PRAGMA cache_size=-262144;";
    pragmas += "PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=4000;";
    pragmas += sync_full ? "PRAGMA synchronous=FULL;" : "PRAGMA synchronous=NORMAL;";
  }
  STEWARD_TRY(conn->ExecScript(pragmas));
  if (!readonly) {
    // Grow the database file 64 MiB at a time, so the readers' memory maps change rarely.
    int chunk = 64 * 1024 * 1024;
    sqlite3_file_control(db, "main", SQLITE_FCNTL_CHUNK_SIZE, &chunk);
  }
  return conn;
}

class SqliteDatabase final : public Database {
 public:
  SqliteDatabase(SqliteOptions options, std::unique_ptr<SqliteConnection> writer)
      : options_(std::move(options)), writer_conn_(std::move(writer)) {
    auto& m = MetricsRegistry::Global();
    batch_hist_ = &m.GetHistogram("steward_db_commit_seconds",
                                  "Duration of one group commit (all batched transactions)", "");
    read_hist_ = &m.GetHistogram("steward_db_read_tx_seconds", "Duration of read transactions", "");
    write_wait_hist_ =
        &m.GetHistogram("steward_db_write_tx_seconds",
                        "Time from enqueueing a write transaction to its commit", "");
    batched_ = &m.GetCounter("steward_db_write_transactions_total",
                             "Write transactions run by the group-commit writer", "");
    commits_ = &m.GetCounter("steward_db_commits_total", "Physical commits (group commits)", "");
    writer_ = std::thread([this] { WriterLoop(); });
  }
  ~SqliteDatabase() override { Close(); }

  // Reads on a thread's held snapshot. The read transaction a thread opened stays open after
  // `fn` returns and serves the thread's next ReadTx as long as nothing was committed since
  // (epoch_ unchanged): that is exactly the snapshot a new transaction would see, so results
  // are the same, and a read that starts after a write was answered always sees it (the writer
  // bumps epoch_ before waking its callers). After each commit the writer ends the snapshots
  // no thread is using, so none pins the WAL against checkpoints for longer than one commit.
  Status ReadTx(const TxFn& fn) override {
    thread_local int depth = 0;  // a read nested in a read takes a pooled connection
    if (depth > 0) {
      return Read(fn, pool_, true);
    }
    auto start = std::chrono::steady_clock::now();
    std::shared_ptr<HeldSnapshot> held = ThreadSnapshot();
    std::unique_lock lock(held->mu);
    if (held->dead) {
      lock.unlock();
      return Read(fn, pool_, true);
    }
    ++depth;
    struct Leave {
      int& d;
      ~Leave() { --d; }
    } leave{depth};
    std::uint64_t epoch = epoch_.load(std::memory_order_acquire);
    if (held->open && (held->epoch != epoch || start - held->began > kMaxSnapshotAge)) {
      EndSnapshot(*held);
    }
    if (!held->open) {
      if (!held->conn) {
        auto conn = TakeConnection(pool_, true);
        if (!conn.ok()) {
          return std::move(conn).error();
        }
        held->conn = std::move(conn).value();
      }
      // BEGIN is deferred: the snapshot is taken by the first statement, after `epoch` was
      // read, so it is at least as new as the epoch it is tagged with.
      STEWARD_TRY(held->conn->Exec("BEGIN"));
      held->open = true;
      held->epoch = epoch;
      held->began = start;
    }
    Status s = RunGuarded(fn, *held->conn);
    if (!s.ok()) {
      EndSnapshot(*held);  // a failed statement may have ended the transaction: start afresh
    }
    read_hist_->Observe(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    return s;
  }
  Status ReadAfterWriteTx(const TxFn& fn) override { return Read(fn, fresh_pool_, false); }

  Status Read(const TxFn& fn, std::vector<std::unique_ptr<SqliteConnection>>& pool, bool mapped) {
    auto start = std::chrono::steady_clock::now();
    auto taken = TakeConnection(pool, mapped);
    if (!taken.ok()) {
      return std::move(taken).error();
    }
    std::unique_ptr<SqliteConnection> conn = std::move(taken).value();
    Status s = conn->Exec("BEGIN");
    if (s.ok()) {
      s = RunGuarded(fn, *conn);
      Status end = conn->Exec(s.ok() ? "COMMIT" : "ROLLBACK");
      if (s.ok() && !end.ok()) {
        s = end;
      }
    }
    {
      std::lock_guard lock(pool_mu_);
      if (static_cast<int>(pool.size()) < options_.read_connections) {
        pool.push_back(std::move(conn));
      }
    }
    read_hist_->Observe(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    return s;
  }

  Result<std::unique_ptr<SqliteConnection>> TakeConnection(
      std::vector<std::unique_ptr<SqliteConnection>>& pool, bool mapped) {
    {
      std::lock_guard lock(pool_mu_);
      if (!pool.empty()) {
        auto conn = std::move(pool.back());
        pool.pop_back();
        return conn;
      }
    }
    return OpenConnection(options_.path, /*readonly=*/true, false, mapped);
  }

  void OnCommit(std::function<void()> listener) override {
    std::lock_guard lock(listeners_mu_);
    commit_listeners_.push_back(std::move(listener));
  }

  void BeforeCommit(std::function<Status(Connection&)> hook) override {
    std::lock_guard lock(listeners_mu_);
    before_commit_.push_back(std::move(hook));
  }

  Status WriteTx(TxFn fn) override {
    auto start = std::chrono::steady_clock::now();
    Job job;
    job.fn = std::move(fn);
    std::future<Status> done = job.done.get_future();
    {
      std::lock_guard lock(queue_mu_);
      if (closed_) {
        return Error::Unavailable("storage.closed", "the server is shutting down");
      }
      queue_.push_back(&job);
    }
    queue_cv_.notify_one();
    Status s = done.get();
    write_wait_hist_->Observe(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    return s;
  }

  Status BackupTo(const std::string& path) override {
    // VACUUM INTO reads one snapshot on its own connection and writes a compact copy.
    auto opened = OpenConnection(options_.path, /*readonly=*/true, false, /*mapped=*/false);
    if (!opened.ok()) {
      return std::move(opened).error();
    }
    std::error_code ec;
    if (std::filesystem::exists(path, ec)) {
      return Error::AlreadyExists("storage.backupExists", "the backup file exists: " + path);
    }
    return (*opened)->Exec("VACUUM INTO ?", {path});
  }

  Status Ping() override {
    return ReadTx([](Connection& c) { return c.Exec("SELECT 1"); });
  }
  SqlDialect Dialect() const override { return SqlDialect::kSqlite; }
  WriteStats Stats() const override { return {batched_->Value(), commits_->Value()}; }

  void Close() override {
    {
      std::lock_guard lock(queue_mu_);
      if (closed_) {
        return;
      }
      closed_ = true;
    }
    queue_cv_.notify_all();
    if (writer_.joinable()) {
      writer_.join();
    }
    {
      std::lock_guard lock(held_mu_);
      for (auto& held : held_) {
        std::lock_guard hold(held->mu);
        EndSnapshot(*held);
        held->conn.reset();
        held->dead = true;
      }
      held_.clear();
      closed_snapshots_ = true;
    }
    (void)writer_conn_->ExecScript("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA optimize;");
    std::lock_guard lock(pool_mu_);
    pool_.clear();
    fresh_pool_.clear();
  }

 private:
  // A thread's read connection and the read transaction it keeps open between calls. Guarded
  // by `mu`: the owning thread holds it while reading, the writer try-locks it to end an idle
  // snapshot after a commit, Close() locks it to retire the snapshot for good.
  struct HeldSnapshot {
    std::mutex mu;
    std::unique_ptr<SqliteConnection> conn;
    bool open = false;  // a read transaction is open on conn
    bool dead = false;  // the database closed: read through the pool
    std::uint64_t epoch = 0;
    std::chrono::steady_clock::time_point began;
  };
  // Bounds staleness against writers outside this process (there should be none).
  static constexpr auto kMaxSnapshotAge = std::chrono::seconds(1);

  static void EndSnapshot(HeldSnapshot& held) {
    if (held.open) {
      (void)held.conn->Exec("COMMIT");
      held.open = false;
    }
  }

  // This thread's snapshot slot for this database, created and registered on first use.
  std::shared_ptr<HeldSnapshot> ThreadSnapshot() {
    struct Entry {
      std::uint64_t serial;
      std::weak_ptr<HeldSnapshot> held;
    };
    thread_local std::vector<Entry> slots;
    for (auto it = slots.begin(); it != slots.end();) {
      if (it->serial == serial_) {
        if (auto held = it->held.lock()) {
          return held;
        }
      }
      it = it->held.expired() ? slots.erase(it) : it + 1;
    }
    auto held = std::make_shared<HeldSnapshot>();
    {
      std::lock_guard lock(held_mu_);
      if (closed_snapshots_) {
        held->dead = true;
      } else {
        held_.push_back(held);
      }
    }
    slots.push_back({serial_, held});
    return held;
  }

  // After a commit: end every snapshot no thread is reading on, so old snapshots never hold
  // back the WAL checkpoint (a thread that is reading ends its own at its next read).
  void EndIdleSnapshots() {
    std::lock_guard lock(held_mu_);
    for (auto& held : held_) {
      std::unique_lock hold(held->mu, std::try_to_lock);
      if (hold.owns_lock()) {
        EndSnapshot(*held);
      }
    }
  }

  static std::uint64_t NextSerial() {
    static std::atomic<std::uint64_t> next{1};
    return next.fetch_add(1);
  }

  struct Job {
    TxFn fn;
    std::promise<Status> done;
  };

  static Status RunGuarded(const TxFn& fn, Connection& c) {
    try {
      return fn(c);
    } catch (const std::exception& e) {
      return Error::Internal(std::string("exception in transaction: ") + e.what());
    } catch (...) {
      return Error::Internal("unknown exception in transaction");
    }
  }

  void WriterLoop() {
    std::vector<Job*> batch;
    std::vector<Status> results;
    while (true) {
      {
        std::unique_lock lock(queue_mu_);
        queue_cv_.wait(lock, [&] { return closed_ || !queue_.empty(); });
        if (queue_.empty() && closed_) {
          return;
        }
        while (!queue_.empty() && static_cast<int>(batch.size()) < options_.max_batch) {
          batch.push_back(queue_.front());
          queue_.pop_front();
        }
      }
      auto start = std::chrono::steady_clock::now();
      results.clear();
      Status begin = writer_conn_->Exec("BEGIN IMMEDIATE");
      if (!begin.ok()) {
        for (Job* j : batch) {
          j->done.set_value(begin);
        }
        batch.clear();
        continue;
      }
      // A lone caller needs no SAVEPOINT: its failure rolls the transaction back. (With a
      // savepoint open, SQLite copies every page the transaction touches into the sub-journal and
      // walks it whenever a statement ends: a bulk import slowed down with its size.)
      bool lone = batch.size() == 1;
      for (Job* j : batch) {
        if (lone) {
          results.push_back(RunGuarded(j->fn, *writer_conn_));
          continue;
        }
        Status s = writer_conn_->Exec("SAVEPOINT tx");
        if (s.ok()) {
          s = RunGuarded(j->fn, *writer_conn_);
          if (!s.ok()) {
            (void)writer_conn_->Exec("ROLLBACK TO tx");
          }
          Status rel = writer_conn_->Exec("RELEASE tx");
          if (s.ok() && !rel.ok()) {
            s = rel;
          }
        }
        results.push_back(std::move(s));
      }
      Status commit;
      if (lone && !results[0].ok()) {
        (void)writer_conn_->Exec("ROLLBACK");  // the caller hears its own error
      } else {
        {
          std::lock_guard hooks_lock(listeners_mu_);
          for (const auto& hook : before_commit_) {
            if (commit.ok()) {
              commit = RunGuarded(hook, *writer_conn_);
            }
          }
        }
        if (commit.ok()) {
          commit = writer_conn_->Exec("COMMIT");
        }
        if (!commit.ok()) {
          (void)writer_conn_->Exec("ROLLBACK");
        }
      }
      batch_hist_->Observe(
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
      commits_->Add();
      batched_->Add(batch.size());
      if (commit.ok()) {
        epoch_.fetch_add(1, std::memory_order_release);  // before any caller hears of it
        std::lock_guard listeners_lock(listeners_mu_);
        for (const auto& listener : commit_listeners_) {
          listener();
        }
      }
      for (size_t i = 0; i < batch.size(); ++i) {
        batch[i]->done.set_value(commit.ok() ? std::move(results[i]) : commit);
      }
      batch.clear();
      if (commit.ok()) {
        EndIdleSnapshots();
      }
    }
  }

  SqliteOptions options_;
  std::mutex listeners_mu_;
  std::vector<std::function<void()>> commit_listeners_;
  std::vector<std::function<Status(Connection&)>> before_commit_;  // guarded by listeners_mu_
  std::unique_ptr<SqliteConnection> writer_conn_;
  std::mutex pool_mu_;
  std::vector<std::unique_ptr<SqliteConnection>> pool_;        // memory-mapped readers
  std::vector<std::unique_ptr<SqliteConnection>> fresh_pool_;  // unmapped, for read-after-write
  const std::uint64_t serial_ = NextSerial();  // tells this database's thread slots apart
  std::atomic<std::uint64_t> epoch_{0};        // commits so far
  std::mutex held_mu_;
  std::vector<std::shared_ptr<HeldSnapshot>> held_;  // every thread's snapshot slot
  bool closed_snapshots_ = false;
  std::mutex queue_mu_;
  std::condition_variable queue_cv_;
  std::deque<Job*> queue_;
  bool closed_ = false;
  std::thread writer_;
  Histogram* batch_hist_;
  Histogram* read_hist_;
  Histogram* write_wait_hist_;
  Counter* batched_;
  Counter* commits_;
};

}  // namespace

Result<std::unique_ptr<Database>> OpenSqlite(const SqliteOptions& options) {
  auto writer = OpenConnection(options.path, /*readonly=*/false, options.synchronous_full);
  if (!writer.ok()) {
    return std::move(writer).error();
  }
  return std::unique_ptr<Database>(
      std::make_unique<SqliteDatabase>(options, std::move(writer).value()));
}

}  // namespace steward::storage
