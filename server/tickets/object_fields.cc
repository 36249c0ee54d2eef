#include "tickets/object_fields.h"

#include <atomic>

namespace steward::tickets {
namespace {
std::atomic<ObjectDirectory*> installed{nullptr};
}  // namespace

void InstallObjectDirectory(ObjectDirectory* directory) { installed.store(directory); }
ObjectDirectory* InstalledObjectDirectory() { return installed.load(); }

}  // namespace steward::tickets
