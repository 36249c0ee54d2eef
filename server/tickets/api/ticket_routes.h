// HTTP routes of the ticket kernel: configuration catalog, projects and roles, issues,
// transitions, comments, links, history, watchers and attachments (see api/openapi.yaml).
#pragma once

#include "http/router.h"
#include "tickets/tickets.h"

namespace steward::tickets {

void RegisterTicketRoutes(http::Router& router, TicketService& service);

}  // namespace steward::tickets
