// libFuzzer target for the JQL front end: lexer and parser on arbitrary bytes, then (for what
// parses) the binder, the passes, lowering and both SQL printers against a sample registry.
// Whatever the input, compilation must end in a query or a QueryError, never a crash, and the
// printed SQL must bind exactly as many parameters as it has placeholders.
#include "query/compiler.h"
#include "query/testing/sample_registry.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {
const steward::query::FieldRegistry& Registry() {
  static const auto* r = new steward::query::FieldRegistry(steward::query::SampleRegistry());
  return *r;
}

size_t Count(const std::string& s, char c) {
  size_t n = 0;
  for (char x : s) {
    n += x == c;
  }
  return n;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  steward::query::CompileContext ctx;
  ctx.passes.now_ms = 1764115200000;
  ctx.passes.user_id = 42;
  ctx.lower.scope.user_id = 42;
  ctx.lower.scope.staff_projects = {1};
  ctx.lower.scope.customer_projects = {2};
  auto r = steward::query::Compile(text, Registry(), ctx);
  if (auto* q = std::get_if<steward::query::CompiledQuery>(&r)) {
    steward::query::Cursor after{{}, 5};
    for (size_t k = 0; k < q->lowered.order.size(); ++k) {
      after.keys.emplace_back(std::int64_t{7});
    }
    auto page = steward::query::PageSelect(*q, &after, 10);
    auto lite = steward::sql::Print(page, steward::sql::Dialect::kSqlite);
    // Placeholders outside quoted SQL text: the printers quote nothing user-supplied, so every
    // '?' is a placeholder.
    if (Count(lite.text, '?') != lite.params.size()) {
      std::abort();
    }
    auto pg = steward::sql::Print(page, steward::sql::Dialect::kPostgres);
    if (pg.params.size() != lite.params.size()) {
      std::abort();
    }
    (void)steward::query::Explain(*q, steward::sql::Dialect::kSqlite);
  }
  return 0;
}
