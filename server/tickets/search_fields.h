// The fields tickets registers with the JQL compiler: the system fields of S3.4 (project, type,
// status, people, dates, text, labels, components, request participants...) and every custom
// field of the catalog, by name and by cf[id].
//
// Thread-safety: BuildFieldRegistry is a pure function; the registry it returns is immutable.
#pragma once
#include "query/field_registry.h"
#include "tickets/catalog.h"

#include <memory>

namespace steward::tickets {

struct ProjectRef {
  std::int64_t id = 0;
  std::string key;
  std::string name;
};

std::shared_ptr<const query::FieldRegistry> BuildFieldRegistry(
    const Catalog& catalog, const std::vector<ProjectRef>& projects);

}  // namespace steward::tickets
