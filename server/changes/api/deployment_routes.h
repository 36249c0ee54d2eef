// HTTP routes of change enablement and deployment tracking: the JSM deployments API shape under
// /rest/deployments/0.1 (what CI/CD plugins send) and Steward's own list under /api/v1/deployments.
#pragma once

#include "changes/changes.h"
#include "http/router.h"

namespace steward::changes {

void RegisterDeploymentRoutes(http::Router& r, DeploymentService& s);
// /api/v1/changes/..., approvals, risk and potential causes of issues, reports/changes-by-type.
void RegisterChangeRoutes(http::Router& r, ChangeService& s);

}  // namespace steward::changes
