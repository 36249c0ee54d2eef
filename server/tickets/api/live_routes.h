// HTTP route of the live feed: GET /api/v1/stream, server-sent events telling the caller which
// issues it may see have changed (see tickets/live_feed.h and api/openapi.yaml).
#pragma once

#include "http/router.h"
#include "tickets/live_feed.h"

namespace steward::tickets {

void RegisterLiveRoutes(http::Router& router, LiveFeed& feed);

}  // namespace steward::tickets
