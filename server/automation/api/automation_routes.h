// HTTP routes of automation (S7): rules, audit log, manual runs, incoming webhooks, the
// component catalogue and smart-value previews. Handlers parse and delegate to
// AutomationService, which checks permissions.
//
// Thread-safety: registration at start-up; handlers are safe from any thread.
#pragma once

#include "automation/automation.h"
#include "http/router.h"

namespace steward::automation {

void RegisterAutomationRoutes(http::Router& router, AutomationService& service);

}  // namespace steward::automation
