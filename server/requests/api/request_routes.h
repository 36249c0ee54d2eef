// HTTP routes of the help center: portals, request types and their forms, raising requests and
// "My requests" (see api/openapi.yaml, tag "help center").
#pragma once

#include "http/router.h"
#include "requests/requests.h"

namespace steward::requests {

void RegisterRequestRoutes(http::Router& router, RequestService& service);

}  // namespace steward::requests
