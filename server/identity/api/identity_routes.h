// HTTP routes of the identity module: session (login/logout), current user, users, teams,
// organizations and personal API tokens. Also the JSON shape of a user, shared by other modules.
#pragma once

#include "http/router.h"
#include "identity/identity.h"

#include <boost/json/object.hpp>

namespace steward::identity {

struct CookieOptions {
  bool secure = false;  // add the Secure attribute (when served over HTTPS)
};

void RegisterIdentityRoutes(http::Router& router, IdentityService& service, CookieOptions cookies);

boost::json::object UserJson(const User& u, bool full);
// Agents, admins and the automation bot are staff; customers are not.
bool IsStaff(const http::Principal& p);

}  // namespace steward::identity
