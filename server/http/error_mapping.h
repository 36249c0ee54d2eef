// The one place that decides which HTTP status an ErrorCode becomes.
#pragma once

#include "base/result.h"

namespace steward::http {

int HttpStatusFor(ErrorCode code);

}  // namespace steward::http
