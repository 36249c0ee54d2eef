// HTTP routes of search and queues: GET/POST /api/v1/search, POST /api/v1/query/validate,
// GET /api/v1/query/fields, project queues, queue CRUD, stars and issues (api/openapi.yaml).
#pragma once

#include "http/router.h"
#include "tickets/search.h"

namespace steward::tickets {

void RegisterSearchRoutes(http::Router& router, SearchService& service);

}  // namespace steward::tickets
