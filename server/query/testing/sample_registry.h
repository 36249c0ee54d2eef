// A small field registry shaped like the one tickets fills (an option field with history, a
// user field, a set field, a date-time, a full-text field and a number custom field), for the
// compiler's tests and the JQL fuzzer: they exercise every lowering path without tickets.
//
// Thread-safety: returns a new registry each call.
#pragma once
#include "query/field_registry.h"

namespace steward::query {

FieldRegistry SampleRegistry();

}  // namespace steward::query
