// HTTP routes of the CMDB: schemas, object types, attributes, objects, AQL search, history,
// graph, import and export (see api/openapi.yaml, tag "cmdb").
#pragma once

#include "cmdb/cmdb.h"
#include "http/router.h"

namespace steward::cmdb {

void RegisterCmdbRoutes(http::Router& router, CmdbService& service);

}  // namespace steward::cmdb
