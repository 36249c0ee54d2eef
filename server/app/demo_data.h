// The demo's shared vocabulary: the services and applications of the seed's CMDB and its
// catalog of six standard changes. The CMDB demo (demo_cmdb.cc) keeps them as objects; the
// ticket demo (demo.cc) fills issues with them, so both tell the same story.
//
// Thread-safety: constants.
#pragma once

#include "app/application.h"

#include <string>
#include <vector>

namespace steward::app::demo {

inline const std::vector<std::string> kServices = {
    "Online Order Processing", "Payment Processing",      "Billing Service",
    "Customer Portal",         "Email and Collaboration", "VPN",
    "Data Warehouse",          "Identity and Access",     "Network Core",
    "Mobile App Backend"};

inline const std::vector<std::string> kApplications = {
    "Oracle CRM", "MongoDB Atlas",       "Apache-Spark",       "SAP ERP",    "Salesforce",
    "Jenkins",    "Kubernetes Platform", "PostgreSQL Cluster", "Billing App"};

struct StandardChange {
  const char* name;
  const char* implementation;
  const char* backout;
  const char* test;
  const char* approver;                   // username
  std::vector<std::string> applications;  // "Applications Applicable"
};

inline const std::vector<StandardChange> kStandardChanges = {
    {"Add Backup Node",
     "Clone from Primary backup system Add as failover node",
     "Remove from cluster",
     "Captain call tests to see that it is in the failover list",
     "mitch",
     {"MongoDB Atlas", "Oracle CRM", "PostgreSQL Cluster"}},
    {"Decommission Asset",
     "Drain traffic, archive configuration, power down and update the CMDB",
     "Power the asset back on and restore traffic",
     "Confirm no traffic reaches the asset",
     "alana",
     {"SAP ERP", "Salesforce", "Jenkins"}},
    {"Patch System",
     "Apply the vendor patch bundle during the maintenance window and reboot",
     "Roll back to the pre-patch snapshot",
     "Run the smoke test suite after reboot",
     "mitch",
     {"Oracle CRM", "SAP ERP", "Kubernetes Platform", "Jenkins", "Billing App"}},
    {"Provision Non-Production EC2 Instance",
     "Launch from the approved AMI into the non-production VPC with standard tags",
     "Terminate the instance",
     "Verify SSH access and monitoring agent registration",
     "paul",
     {"Kubernetes Platform", "Apache-Spark", "Jenkins"}},
    {"Reindex columnstore indexes",
     "Reorganize and index Rebuild an index Note: for partitioned indexes, you can use either of "
     "the following methods on all partitions or a single partition of an index. Reorganizing an "
     "index is less resource intensive than rebuilding an index. For that reason it should be "
     "your preferred index maintenance method, unless there is a specific reason to use index "
     "rebuild. Reorganize is always an online operation. This means long-term object-level locks "
     "are not held and queries or updates to the underlying table can continue during the ALTER "
     "INDEX ... REORGANIZE operation.",
     "Index maintenance decisions should be made after considering multiple factors in the "
     "specific context of each workload, including the resource cost of maintenance. They should "
     "not be based on fixed fragmentation or page density thresholds alone. Rebuilding an index "
     "drops and re-creates the index. Depending on the type of index and the Database Engine "
     "version, a rebuild operation can be done offline or online. An offline index rebuild "
     "usually takes less time than an online rebuild, but it holds object-level locks for the "
     "duration",
     "Compare query plans and fragmentation before and after",
     "alana",
     {"Oracle CRM"}},
    {"Storage Expansion",
     "Extend the volume and grow the file system online",
     "Shrinking is not supported: restore from snapshot if the expansion fails",
     "Confirm the new size and run a write test",
     "paul",
     {"MongoDB Atlas", "PostgreSQL Cluster", "Apache-Spark"}},
};

// The application a generated standard change is for: one its catalog entry applies to, chosen
// by `draw` (an application the generator picked) so that the demo's random sequence is kept.
inline const std::string& ApplicationFor(const StandardChange& sc, const std::string& draw) {
  size_t index = 0;
  for (size_t i = 0; i < kApplications.size(); ++i) {
    if (kApplications[i] == draw) {
      index = i;
    }
  }
  return sc.applications[index % sc.applications.size()];
}

// Creates the seed's CMDB (S5.8): the Services schema (services with tiers, owners,
// descriptions and dependencies; applications) and the Practice Standards schema (priority
// matrix, standard infrastructure requests with the standard-change catalog, risk assessment).
// Runs inside the demo's transaction, after the people exist and before issues use the objects.
Status CreateDemoCmdb(storage::Connection& c, TimestampMs now);

}  // namespace steward::app::demo
