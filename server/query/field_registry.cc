#include "query/field_registry.h"

#include "base/text.h"

#include <algorithm>

namespace steward::query {
namespace {
size_t Distance(std::string_view a, std::string_view b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) {
    prev[j] = j;
  }
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}
}  // namespace

std::string_view ValueTypeName(ValueType t) {
  switch (t) {
    case ValueType::kText:
      return "text";
    case ValueType::kNumber:
      return "number";
    case ValueType::kDate:
      return "date";
    case ValueType::kDateTime:
      return "datetime";
    case ValueType::kOption:
      return "option";
    case ValueType::kUser:
      return "user";
    case ValueType::kKey:
      return "issue";
    case ValueType::kString:
      return "string";
  }
  return "text";
}

bool FieldSpec::Allows(ast::Op op) const {
  return std::find(operators.begin(), operators.end(), op) != operators.end();
}

void FieldRegistry::Add(FieldSpec spec) {
  size_t index = fields_.size();
  by_name_.emplace(AsciiLower(spec.name), index);
  by_name_.emplace(AsciiLower(spec.id), index);
  for (const auto& a : spec.aliases) {
    by_name_.emplace(AsciiLower(a), index);
  }
  fields_.push_back(std::move(spec));
}

const FieldSpec* FieldRegistry::Find(std::string_view name) const {
  std::string key = AsciiLower(name);
  if (key.rfind("customfield_", 0) == 0) {
    key = "cf[" + key.substr(12) + "]";
  }
  auto it = by_name_.find(key);
  return it == by_name_.end() ? nullptr : &fields_[it->second];
}

std::optional<std::string> FieldRegistry::Suggest(std::string_view name) const {
  std::string key = AsciiLower(name);
  size_t best = std::string::npos;
  std::string best_name;
  for (const auto& [candidate, index] : by_name_) {
    size_t d = Distance(key, candidate);
    if (d < best) {
      best = d;
      best_name = fields_[index].name;
    }
  }
  // Close enough: at most a third of the word (and at least one edit) apart.
  if (best == std::string::npos || best > std::max<size_t>(1, key.size() / 3)) {
    return std::nullopt;
  }
  return best_name;
}

}  // namespace steward::query
