// ChangeService, part two: the change calendar with conflicts and freeze windows (S6.6), the
// potential causes of an incident (S6.9) and the changes-by-type report (S6.1).
#include "base/text.h"
#include "base/time_format.h"
#include "changes/changes.h"
#include "changes/internal.h"
#include "http/json.h"
#include "tickets/object_fields.h"

#include <algorithm>
#include <map>
#include <set>

namespace steward::changes {

using storage::Connection;
using storage::Row;

namespace internal {

Result<std::int64_t> LongestWindow(Connection& c) {
  STEWARD_ASSIGN_OR_RETURN(auto longest,
                           c.QueryInt("SELECT longest_ms FROM change_window_bound WHERE id = 1"));
  return longest.value_or(kMaxWindowMs + kDefaultLengthMs);
}

Status RaiseLongestWindow(Connection& c, std::int64_t length_ms) {
  return c.Exec("UPDATE change_window_bound SET longest_ms = ? WHERE id = 1 AND longest_ms < ?",
                {length_ms, length_ms});
}

}  // namespace internal

namespace {

using internal::kDefaultLengthMs;

Status RequireStaff(const Principal& p) {
  if (p.kind == "customer") {
    return Error::PermissionDenied("changes.forbidden",
                                   "only agents, administrators and bots work with changes");
  }
  return Ok();
}

// A change with a planned window.
struct Planned {
  std::int64_t id = 0;
  std::string key, summary, status, category, change_type, risk, conflict;
  TimestampMs start = 0, end = 0;
  std::vector<std::int64_t> services;
  std::vector<std::string> service_keys;
};

std::int64_t FieldId(const tickets::Catalog& cat, std::string_view name) {
  const tickets::CustomFieldDef* f = cat.FieldByName(name);
  return f ? f->id : 0;
}

// Changes whose planned window overlaps [from, to); `open_only` leaves out done ones;
// `starting_at`: only those starting exactly then. Three statements whatever the count: the
// changes with their type, risk and conflict, then their services in batches.
Result<std::vector<Planned>> PlannedChanges(Connection& c, const tickets::Catalog& cat,
                                            const std::string& service_field, TimestampMs from,
                                            TimestampMs to, bool open_only,
                                            std::optional<TimestampMs> starting_at = {}) {
  std::vector<Planned> out;
  std::int64_t start_f = FieldId(cat, "Planned start"), end_f = FieldId(cat, "Planned end");
  if (start_f == 0) {
    return out;
  }
  // A window is at most as long as the longest one planned, so only changes starting that long
  // before `from` can reach into the range: an index range on the planned start.
  STEWARD_ASSIGN_OR_RETURN(auto longest, internal::LongestWindow(c));
  std::int64_t type_f = FieldId(cat, "Change type"), risk_f = FieldId(cat, "Change risk"),
               conflict_f = FieldId(cat, "Change conflict"), svc_f = FieldId(cat, service_field);
  auto option = [](const char* alias) {
    return std::string("(SELECT o.value FROM issue_field_values ") + alias +
           " JOIN custom_field_options o ON o.id = " + alias + ".int_value WHERE " + alias +
           ".issue_id = i.id AND " + alias + ".field_id = ? AND " + alias + ".seq = 0)";
  };
  static const std::string sql =
      "SELECT i.id, i.key, i.summary, s.name, s.category, ps.int_value, pe.int_value, " +
      option("ty") + ", " + option("ri") + ", " + option("co") +
      " FROM issue_field_values ps JOIN issues i ON i.id = ps.issue_id JOIN issue_types t ON "
      "t.id = i.issue_type_id JOIN statuses s ON s.id = i.status_id LEFT JOIN "
      "issue_field_values pe ON pe.issue_id = i.id AND pe.field_id = ? AND pe.seq = 0 WHERE "
      "ps.field_id = ? AND ps.seq = 0 AND ps.int_value < ? AND ps.int_value > ? AND "
      "coalesce(pe.int_value, ps.int_value + ?) > ? AND t.name = 'Change' AND (? = 0 OR "
      "s.category <> 'done') ORDER BY ps.int_value, i.id LIMIT 2000";
  STEWARD_TRY(c.Query(
      sql,
      {type_f, risk_f, conflict_f, end_f, start_f, to,
       starting_at ? *starting_at - 1 : from - longest, kDefaultLengthMs, from, open_only ? 1 : 0},
      [&](const Row& r) {
        Planned p;
        p.id = r.Int(0);
        p.key = r.String(1);
        p.summary = r.String(2);
        p.status = r.String(3);
        p.category = r.String(4);
        p.start = r.Int(5);
        p.end = r.IsNull(6) ? p.start + kDefaultLengthMs : r.Int(6);
        p.change_type = r.IsNull(7) ? "" : r.String(7);
        p.risk = r.IsNull(8) ? "" : r.String(8);
        p.conflict = r.IsNull(9) ? "" : r.String(9);
        out.push_back(std::move(p));
      }));
  if (out.empty() || svc_f == 0) {
    return out;
  }
  // Services, by batches of ids padded to a few sizes (one prepared statement per size).
  std::map<std::int64_t, Planned*> by_id;
  for (auto& p : out) {
    by_id[p.id] = &p;
  }
  for (std::size_t at = 0; at < out.size();) {
    std::size_t n = std::min<std::size_t>(out.size() - at, 512);
    std::size_t padded = 8;
    while (padded < n) {
      padded *= 4;
    }
    std::string q =
        "SELECT issue_id, int_value, text_value FROM issue_field_values WHERE field_id = ? AND "
        "issue_id IN (?";
    std::vector<storage::Param> params{svc_f};
    for (std::size_t k = 0; k < padded; ++k) {
      if (k > 0) {
        q += ",?";
      }
      params.emplace_back(out[at + std::min(k, n - 1)].id);
    }
    q += ") ORDER BY issue_id, seq";
    STEWARD_TRY(c.Exec(q, params, [&](const Row& r) {
      Planned* p = by_id[r.Int(0)];
      p->services.push_back(r.Int(1));
      p->service_keys.push_back(r.String(2));
    }));
    at += n;
  }
  return out;
}

bool Overlap(const Planned& a, const Planned& b) { return a.start < b.end && b.start < a.end; }

// Whether two changes touch the same service or a service one of them depends on (or is
// depended on by); `reach` is a change's services with their CMDB neighbours.
bool Shares(const std::set<std::int64_t>& reach, const Planned& other) {
  return std::any_of(other.services.begin(), other.services.end(),
                     [&](std::int64_t s) { return reach.count(s) > 0; });
}

// A change's services with their CMDB neighbours; `near` keeps each service's neighbours for
// the other changes of the same answer (a calendar has many changes on few services).
using NeighbourCache = std::map<std::int64_t, std::vector<std::int64_t>>;
Result<std::set<std::int64_t>> Reach(Connection& c, const Planned& p, NeighbourCache& near) {
  std::set<std::int64_t> out(p.services.begin(), p.services.end());
  for (std::int64_t s : p.services) {
    auto it = near.find(s);
    if (it == near.end()) {
      STEWARD_ASSIGN_OR_RETURN(auto found, cmdb::CmdbService::Neighbours(c, {s}));
      it = near.emplace(s, std::move(found)).first;
    }
    out.insert(it->second.begin(), it->second.end());
  }
  return out;
}

// Freeze windows overlapping [from, to) with their service ids (empty: every service).
struct Freeze {
  std::int64_t id = 0;
  std::string name, mode;
  TimestampMs start = 0, end = 0;
  std::vector<std::int64_t> services;
  std::vector<std::string> keys;
  bool Covers(const Planned& p) const {
    if (!(start < p.end && p.start < end)) {
      return false;
    }
    if (services.empty()) {
      return true;
    }
    return std::any_of(p.services.begin(), p.services.end(), [&](std::int64_t s) {
      return std::find(services.begin(), services.end(), s) != services.end();
    });
  }
};

Result<std::vector<Freeze>> Freezes(Connection& c, std::optional<TimestampMs> from,
                                    std::optional<TimestampMs> to) {
  std::vector<Freeze> out;
  STEWARD_TRY(c.Query(
      "SELECT id, name, mode, starts_at, ends_at FROM freeze_windows WHERE (? IS NULL OR "
      "starts_at < ?) AND (? IS NULL OR ends_at > ?) ORDER BY starts_at, id",
      {to, to, from, from}, [&](const Row& r) {
        out.push_back(Freeze{r.Int(0), r.String(1), r.String(2), r.Int(3), r.Int(4), {}, {}});
      }));
  for (auto& f : out) {
    STEWARD_TRY(
        c.Query("SELECT object_id, object_key FROM freeze_window_services WHERE "
                "freeze_id = ? ORDER BY object_key",
                {f.id}, [&](const Row& r) {
                  f.services.push_back(r.Int(0));
                  f.keys.push_back(r.String(1));
                }));
  }
  return out;
}

Result<json::array> Labels(Connection& c, const std::vector<std::int64_t>& ids,
                           const std::vector<std::string>& keys) {
  STEWARD_ASSIGN_OR_RETURN(auto refs, cmdb::CmdbService::Describe(c, ids));
  std::map<std::int64_t, std::string> label;
  for (const auto& r : refs) {
    label[r.id] = r.label;
  }
  json::array out;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    auto it = label.find(ids[i]);
    out.push_back(json::object{{"key", i < keys.size() ? keys[i] : ""},
                               {"label", it != label.end() ? it->second : keys[i]}});
  }
  return out;
}

Result<json::object> FreezeJson(Connection& c, const Freeze& f) {
  STEWARD_ASSIGN_OR_RETURN(auto services, Labels(c, f.services, f.keys));
  return json::object{{"id", f.id},
                      {"name", f.name},
                      {"start", FormatIsoUtc(f.start)},
                      {"end", FormatIsoUtc(f.end)},
                      {"mode", f.mode},
                      {"services", std::move(services)}};
}

}  // namespace

Status ChangeService::RefreshWindowBound() {
  auto cat = catalog_.Get();
  std::int64_t start_f = FieldId(*cat, "Planned start"), end_f = FieldId(*cat, "Planned end");
  return db_.Write([&](Connection& c) -> Status {
    STEWARD_ASSIGN_OR_RETURN(
        auto longest,
        c.QueryInt("SELECT max(coalesce(pe.int_value, ps.int_value + ?) - ps.int_value) FROM "
                   "issue_field_values ps LEFT JOIN issue_field_values pe ON pe.issue_id = "
                   "ps.issue_id AND pe.field_id = ? AND pe.seq = 0 WHERE ps.field_id = ? AND "
                   "ps.seq = 0",
                   {kDefaultLengthMs, end_f, start_f}));
    return c.Exec(
        "INSERT INTO change_window_bound(id, longest_ms) VALUES (1, ?) ON CONFLICT (id) DO "
        "UPDATE SET longest_ms = excluded.longest_ms",
        {std::max(longest.value_or(kDefaultLengthMs), kDefaultLengthMs)});
  });
}

// Sets Change conflict on the change (Yes when another open change overlaps it on a shared or
// dependent service, or a flagging freeze window covers it); with `cascade`, marks the changes
// it now conflicts with and re-checks the open changes marked in conflict on its services (the
// change may have moved away from them).
Status ChangeService::RecomputeConflicts(
    Connection& c, std::int64_t issue_id, bool cascade,
    std::optional<std::pair<TimestampMs, TimestampMs>> before) {
  auto cat = catalog_.Get();
  if (!cat->FieldByName("Change conflict")) {
    return Ok();
  }
  STEWARD_ASSIGN_OR_RETURN(auto settings, CurrentSettings(c));
  const internal::Settings& s = *settings;
  // This change's own window: the changes that start exactly when it does.
  std::optional<Planned> self;
  {
    std::int64_t start_f = FieldId(*cat, "Planned start");
    STEWARD_ASSIGN_OR_RETURN(auto start, c.QueryInt("SELECT int_value FROM issue_field_values "
                                                    "WHERE issue_id = ? AND field_id = ?",
                                                    {issue_id, start_f}));
    if (!start) {
      return Ok();
    }
    STEWARD_ASSIGN_OR_RETURN(
        auto around, PlannedChanges(c, *cat, s.service_field, *start, *start + 1, false, *start));
    for (auto& p : around) {
      if (p.id == issue_id) {
        self = p;
      }
    }
  }
  if (!self || self->category == "done") {
    return Ok();
  }
  STEWARD_ASSIGN_OR_RETURN(auto peers,
                           PlannedChanges(c, *cat, s.service_field, self->start, self->end, true));
  NeighbourCache near;
  STEWARD_ASSIGN_OR_RETURN(auto reach, Reach(c, *self, near));
  STEWARD_ASSIGN_OR_RETURN(auto sys, internal::SystemPrincipal(c));
  bool conflict = false;
  // Writes Change conflict when it differs from `now_value` (as read with the window).
  auto set = [&](const Planned& ch, const char* value) -> Status {
    if (ch.conflict == value) {
      return Ok();
    }
    return tickets_.UpdateIssueIn(c, sys, ch.key,
                                  json::object{{"fields", {{"Change conflict", value}}}});
  };
  std::set<std::int64_t> conflicting;
  for (const auto& peer : peers) {
    if (peer.id == self->id || !Overlap(*self, peer) || !Shares(reach, peer)) {
      continue;
    }
    conflict = true;
    conflicting.insert(peer.id);
    if (cascade) {
      STEWARD_TRY(set(peer, "Yes"));
    }
  }
  STEWARD_ASSIGN_OR_RETURN(auto freezes, Freezes(c, self->start, self->end));
  for (const auto& f : freezes) {
    conflict = conflict || (f.mode == "flag" && f.Covers(*self));
  }
  STEWARD_TRY(set(*self, conflict ? "Yes" : "No"));
  if (!cascade) {
    return Ok();
  }
  // The open changes its window overlapped before this write (or overlaps now, when only its
  // services changed) that are marked in conflict but no longer conflict with it: each is
  // checked again on its own (the change may have moved away from them).
  std::vector<Planned> moved_from;
  if (before) {
    STEWARD_ASSIGN_OR_RETURN(
        moved_from, PlannedChanges(c, *cat, s.service_field, before->first, before->second, true));
  }
  for (const auto& other : before ? moved_from : peers) {
    if (other.id != self->id && conflicting.count(other.id) == 0 && other.conflict == "Yes") {
      STEWARD_TRY(RecomputeConflicts(c, other.id, /*cascade=*/false));
    }
  }
  return Ok();
}

Result<json::object> ChangeService::Calendar(const Principal& p, const CalendarQuery& q) {
  STEWARD_TRY(RequireStaff(p));
  if (q.to <= q.from || q.to - q.from > 400LL * 86400000) {
    return Error::InvalidArgument("changes.badRange",
                                  "\"to\" must be after \"from\", at most 400 days later", "to");
  }
  auto cat = catalog_.Get();
  return db_.Read([&](Connection& c) -> Result<json::object> {
    STEWARD_ASSIGN_OR_RETURN(auto settings, CurrentSettings(c));
    const internal::Settings& s = *settings;
    std::optional<std::int64_t> service_id;
    if (q.service) {
      const tickets::CustomFieldDef* f = cat->FieldByName(s.service_field);
      tickets::ObjectDirectory* directory = tickets::InstalledObjectDirectory();
      std::optional<tickets::ObjectValue> found;
      if (f && directory) {
        STEWARD_ASSIGN_OR_RETURN(found, directory->Resolve(c, *f, *q.service));
      }
      if (!found) {
        return Error::InvalidArgument("changes.unknownService", "no service \"" + *q.service + "\"",
                                      "service");
      }
      service_id = found->id;
    }
    if (q.status && !cat->StatusByName(*q.status)) {
      return Error::InvalidArgument("changes.unknownStatus", "no status \"" + *q.status + "\"",
                                    "status");
    }
    STEWARD_ASSIGN_OR_RETURN(auto all,
                             PlannedChanges(c, *cat, s.service_field, q.from, q.to, false));
    STEWARD_ASSIGN_OR_RETURN(auto freezes, Freezes(c, q.from, q.to));
    // Conflicts among the open changes of the range (before the filters: a filtered-out change
    // still conflicts).
    std::map<std::int64_t, std::set<std::int64_t>> reach;
    NeighbourCache near;
    for (const auto& ch : all) {
      if (ch.category != "done") {
        STEWARD_ASSIGN_OR_RETURN(reach[ch.id], Reach(c, ch, near));
      }
    }
    // Service labels, read once for the whole answer.
    std::map<std::int64_t, std::string> label;
    {
      std::set<std::int64_t> ids;
      for (const auto& ch : all) {
        ids.insert(ch.services.begin(), ch.services.end());
      }
      STEWARD_ASSIGN_OR_RETURN(
          auto refs,
          cmdb::CmdbService::Describe(c, std::vector<std::int64_t>(ids.begin(), ids.end())));
      for (const auto& r : refs) {
        label[r.id] = r.label;
      }
    }
    json::array changes;
    for (const auto& ch : all) {
      if ((q.change_type && !EqualsIgnoreCase(ch.change_type, *q.change_type)) ||
          (q.status && !EqualsIgnoreCase(ch.status, *q.status)) ||
          (service_id &&
           std::find(ch.services.begin(), ch.services.end(), *service_id) == ch.services.end())) {
        continue;
      }
      json::array conflicts;
      bool frozen = false;
      if (ch.category != "done") {
        for (const auto& other : all) {
          if (other.id != ch.id && other.category != "done" && Overlap(ch, other) &&
              (Shares(reach[ch.id], other) || Shares(reach[other.id], ch))) {
            conflicts.push_back(json::value(other.key));
          }
        }
        for (const auto& f : freezes) {
          frozen = frozen || f.Covers(ch);
        }
      }
      json::array services;
      for (std::size_t k = 0; k < ch.services.size(); ++k) {
        auto it = label.find(ch.services[k]);
        services.push_back(
            json::object{{"key", ch.service_keys[k]},
                         {"label", it != label.end() ? it->second : ch.service_keys[k]}});
      }
      const tickets::StatusDef* st = cat->StatusByName(ch.status);
      changes.push_back(json::object{
          {"key", ch.key},
          {"summary", ch.summary},
          {"changeType",
           ch.change_type.empty() ? json::value(nullptr) : json::value(ch.change_type)},
          {"risk", ch.risk.empty() ? json::value(nullptr) : json::value(ch.risk)},
          {"status",
           json::object{{"id", st ? st->id : 0}, {"name", ch.status}, {"category", ch.category}}},
          {"plannedStart", FormatIsoUtc(ch.start)},
          {"plannedEnd", FormatIsoUtc(ch.end)},
          {"services", std::move(services)},
          {"conflicts", std::move(conflicts)},
          {"frozen", frozen}});
    }
    json::array fw;
    for (const auto& f : freezes) {
      STEWARD_ASSIGN_OR_RETURN(auto one, FreezeJson(c, f));
      fw.push_back(std::move(one));
    }
    return json::object{{"changes", std::move(changes)}, {"freezeWindows", std::move(fw)}};
  });
}

Result<json::object> ChangeService::ListFreezeWindows(const Principal& p) {
  STEWARD_TRY(RequireStaff(p));
  return db_.Read([&](Connection& c) -> Result<json::object> {
    STEWARD_ASSIGN_OR_RETURN(auto freezes, Freezes(c, std::nullopt, std::nullopt));
    json::array values;
    for (const auto& f : freezes) {
      STEWARD_ASSIGN_OR_RETURN(auto one, FreezeJson(c, f));
      values.push_back(std::move(one));
    }
    return json::object{{"values", std::move(values)}};
  });
}

Result<json::object> ChangeService::CreateFreezeWindow(const Principal& p,
                                                       const json::object& body) {
  if (!p.IsAdmin()) {
    return Error::PermissionDenied("changes.forbidden",
                                   "only administrators declare freeze windows");
  }
  http::JsonReader in(body);
  STEWARD_TRY(in.AllowOnly({"name", "start", "end", "mode", "services"}));
  STEWARD_ASSIGN_OR_RETURN(auto name, in.RequiredString("name", 200));
  if (Trim(name).empty()) {
    return Error::InvalidArgument("changes.badFreezeWindow", "name must not be empty", "name");
  }
  std::optional<TimestampMs> at[2];
  const char* names[2] = {"start", "end"};
  for (int i = 0; i < 2; ++i) {
    STEWARD_ASSIGN_OR_RETURN(auto text, in.RequiredString(names[i], 64));
    at[i] = ParseIsoDateTime(text);
    if (!at[i]) {
      return Error::InvalidArgument("changes.badFreezeWindow",
                                    std::string(names[i]) + " must be an ISO 8601 date-time",
                                    names[i]);
    }
  }
  if (*at[1] <= *at[0]) {
    return Error::InvalidArgument("changes.badFreezeWindow", "end must be after start", "end");
  }
  STEWARD_ASSIGN_OR_RETURN(auto mode, in.OptionalString("mode", 16));
  std::string m = mode.value_or("block");
  if (m != "block" && m != "flag") {
    return Error::InvalidArgument("changes.badFreezeWindow", "mode must be block or flag", "mode");
  }
  STEWARD_ASSIGN_OR_RETURN(auto services, in.OptionalStringArray("services", 100));
  auto cat = catalog_.Get();
  TimestampMs now = clock_.Now();
  return db_.Write([&](Connection& c) -> Result<json::object> {
    STEWARD_ASSIGN_OR_RETURN(auto settings, CurrentSettings(c));
    const internal::Settings& s = *settings;
    std::vector<tickets::ObjectValue> objs;
    const tickets::CustomFieldDef* f = cat->FieldByName(s.service_field);
    tickets::ObjectDirectory* directory = tickets::InstalledObjectDirectory();
    for (const auto& text : services.value_or(std::vector<std::string>{})) {
      std::optional<tickets::ObjectValue> found;
      if (f && directory) {
        STEWARD_ASSIGN_OR_RETURN(found, directory->Resolve(c, *f, text));
      }
      if (!found) {
        return Error::InvalidArgument("changes.unknownService", "no service \"" + text + "\"",
                                      "services");
      }
      objs.push_back(*found);
    }
    STEWARD_ASSIGN_OR_RETURN(
        auto id, c.QueryInt("INSERT INTO freeze_windows(name, starts_at, ends_at, mode, "
                            "created_by, created_at) VALUES (?,?,?,?,?,?) RETURNING id",
                            {std::string(Trim(name)), *at[0], *at[1], m, p.user_id, now}));
    for (const auto& o : objs) {
      STEWARD_TRY(
          c.Exec("INSERT OR IGNORE INTO freeze_window_services(freeze_id, object_id, "
                 "object_key) VALUES (?,?,?)",
                 {*id, o.id, o.key}));
    }
    // A flagging window marks the open changes it covers as in conflict.
    if (m == "flag") {
      STEWARD_ASSIGN_OR_RETURN(auto covered,
                               PlannedChanges(c, *cat, s.service_field, *at[0], *at[1], true));
      for (const auto& ch : covered) {
        STEWARD_TRY(RecomputeConflicts(c, ch.id));
      }
    }
    STEWARD_ASSIGN_OR_RETURN(auto list, Freezes(c, std::nullopt, std::nullopt));
    for (const auto& fz : list) {
      if (fz.id == *id) {
        return FreezeJson(c, fz);
      }
    }
    return Error::Internal("freeze window vanished");
  });
}

Status ChangeService::DeleteFreezeWindow(const Principal& p, std::int64_t id) {
  if (!p.IsAdmin()) {
    return Error::PermissionDenied("changes.forbidden",
                                   "only administrators remove freeze windows");
  }
  return db_.Write([&](Connection& c) -> Status {
    STEWARD_TRY(c.Exec("DELETE FROM freeze_windows WHERE id = ?", {id}));
    if (c.ChangedRows() == 0) {
      return Error::NotFound("changes.freezeWindowNotFound", "no such freeze window");
    }
    return Ok();
  });
}

// ---------------------------------------------------------------------------------------------
// Potential causes (S6.9)

Result<json::object> ChangeService::PotentialCauses(const Principal& p, std::string_view key,
                                                    int days) {
  STEWARD_TRY(RequireStaff(p));
  if (days < 1 || days > 90) {
    return Error::InvalidArgument("changes.badRange", "days must be 1 to 90", "days");
  }
  TimestampMs since = clock_.Now() - static_cast<TimestampMs>(days) * 86400000;
  return db_.Read([&](Connection& c) -> Result<json::object> {
    STEWARD_ASSIGN_OR_RETURN(auto view, tickets_.IssueIn(c, p, key));
    STEWARD_ASSIGN_OR_RETURN(auto settings, CurrentSettings(c));
    const internal::Settings& s = *settings;
    std::int64_t incident = view.at("id").as_int64();
    auto services = internal::FieldObjects(view.at("fields").as_object(), s.service_field);
    json::array values;
    if (services.empty()) {
      return json::object{{"values", std::move(values)}};
    }
    auto cat = catalog_.Get();
    std::int64_t svc_f = FieldId(*cat, s.service_field);
    // Changes on those services that were being implemented or finished lately, newest first,
    // with the production deployment that opened them (if any).
    struct Cause {
      std::int64_t change = 0;
      std::string key, summary, status;
      TimestampMs at = 0;
      std::optional<std::int64_t> deployment;
    };
    std::vector<Cause> causes;
    std::set<std::int64_t> seen;
    for (const auto& svc : services) {
      STEWARD_TRY(c.Query(
          "SELECT i.id, i.key, i.summary, st.name, i.updated_at, (SELECT d.id FROM deployments d "
          "WHERE d.change_issue_id = i.id ORDER BY d.last_updated DESC LIMIT 1) FROM "
          "issue_field_values v JOIN issues i ON i.id = v.issue_id JOIN issue_types t ON t.id = "
          "i.issue_type_id JOIN statuses st ON st.id = i.status_id WHERE v.field_id = ? AND "
          "v.int_value = ? AND t.name = 'Change' AND st.name IN ('Implementing', 'Completed', "
          "'Failed') AND i.updated_at >= ? ORDER BY i.updated_at DESC LIMIT 50",
          {svc_f, svc.id, since}, [&](const Row& r) {
            if (seen.insert(r.Int(0)).second) {
              causes.push_back(Cause{r.Int(0), r.String(1), r.String(2), r.String(3), r.Int(4),
                                     r.IsNull(5) ? std::nullopt : std::optional(r.Int(5))});
            }
          }));
    }
    std::sort(causes.begin(), causes.end(),
              [](const Cause& a, const Cause& b) { return a.at > b.at; });
    for (const auto& cause : causes) {
      std::vector<std::int64_t> cause_services;
      std::vector<std::string> cause_keys;
      STEWARD_TRY(
          c.Query("SELECT int_value, text_value FROM issue_field_values WHERE issue_id = "
                  "? AND field_id = ? ORDER BY seq",
                  {cause.change, svc_f}, [&](const Row& r) {
                    cause_services.push_back(r.Int(0));
                    cause_keys.push_back(r.String(1));
                  }));
      STEWARD_ASSIGN_OR_RETURN(auto labels, Labels(c, cause_services, cause_keys));
      STEWARD_ASSIGN_OR_RETURN(
          auto linked,
          c.QueryInt("SELECT count(*) FROM issue_links l JOIN link_types lt ON lt.id = "
                     "l.link_type_id WHERE l.source_id = ? AND l.target_id = ? AND "
                     "lower(lt.outward) = 'causes'",
                     {cause.change, incident}));
      json::object one{
          {"change",
           json::object{{"key", cause.key}, {"summary", cause.summary}, {"status", cause.status}}},
          {"services", std::move(labels)},
          {"at", FormatIsoUtc(cause.at)},
          {"linked", linked.value_or(0) > 0}};
      if (cause.deployment) {
        STEWARD_TRY(c.Query(
            "SELECT pipeline_id, environment_id, sequence, update_sequence, display_name, state, "
            "pipeline_name, environment_name, environment_type, last_updated, url FROM "
            "deployments WHERE id = ?",
            {*cause.deployment}, [&](const Row& r) {
              one["deployment"] = json::object{
                  {"deploymentSequenceNumber", r.Int(2)},
                  {"updateSequenceNumber", r.Int(3)},
                  {"displayName", r.String(4)},
                  {"state", r.String(5)},
                  {"url", r.String(10)},
                  {"pipeline", json::object{{"id", r.String(0)}, {"displayName", r.String(6)}}},
                  {"environment",
                   json::object{
                       {"id", r.String(1)}, {"displayName", r.String(7)}, {"type", r.String(8)}}},
                  {"lastUpdated", FormatIsoUtc(r.Int(9))}};
              one["at"] = FormatIsoUtc(r.Int(9));
            }));
      }
      values.push_back(std::move(one));
    }
    return json::object{{"values", std::move(values)}};
  });
}

Result<json::object> ChangeService::SelectPotentialCause(const Principal& p, std::string_view key,
                                                         const json::object& body) {
  STEWARD_TRY(RequireStaff(p));
  http::JsonReader in(body);
  STEWARD_TRY(in.AllowOnly({"change", "deployment"}));
  STEWARD_ASSIGN_OR_RETURN(auto change_key, in.OptionalString("change", 32));
  const json::value* dep = in.Get("deployment");
  if (!change_key == !(dep && !dep->is_null())) {
    return Error::InvalidArgument(
        "changes.badCause", "give either \"change\" (an issue key) or \"deployment\"", "change");
  }
  DeploymentKey dk;
  if (!change_key) {
    if (!dep->is_object()) {
      return Error::InvalidArgument("http.wrongType", "deployment must be an object", "deployment");
    }
    http::JsonReader d(dep->get_object(), "deployment.");
    STEWARD_TRY(d.AllowOnly({"pipelineId", "environmentId", "deploymentSequenceNumber"}));
    STEWARD_ASSIGN_OR_RETURN(dk.pipeline_id, d.RequiredString("pipelineId", 255));
    STEWARD_ASSIGN_OR_RETURN(dk.environment_id, d.RequiredString("environmentId", 255));
    STEWARD_ASSIGN_OR_RETURN(auto seq, d.OptionalInt("deploymentSequenceNumber"));
    if (!seq) {
      return Error::InvalidArgument("changes.badCause", "deploymentSequenceNumber is required",
                                    "deployment.deploymentSequenceNumber");
    }
    dk.sequence = *seq;
  }
  return db_.Write([&](Connection& c) -> Result<json::object> {
    STEWARD_ASSIGN_OR_RETURN(auto incident, tickets_.IssueIn(c, p, key));
    std::string ck;
    if (change_key) {
      STEWARD_ASSIGN_OR_RETURN(auto ch, internal::FindIssue(c, *change_key));
      if (!ch || ch->type != "Change") {
        return Error::InvalidArgument("changes.notAChange", "no change " + *change_key, "change");
      }
      ck = ch->key;
    } else {
      STEWARD_ASSIGN_OR_RETURN(
          auto cid, c.QueryInt("SELECT change_issue_id FROM deployments WHERE pipeline_id = ? AND "
                               "environment_id = ? AND sequence = ?",
                               {dk.pipeline_id, dk.environment_id, dk.sequence}));
      if (!cid || *cid == 0) {
        return Error::InvalidArgument("changes.noChangeRequest",
                                      "that deployment has no change request", "deployment");
      }
      STEWARD_ASSIGN_OR_RETURN(auto ch, internal::FindIssueById(c, *cid));
      ck = ch->key;
    }
    STEWARD_TRY(tickets_.AddLinkIn(
        &c, p, ck, json::object{{"type", "causes"}, {"issue", incident.at("key")}}));
    return json::object{{"change", ck}, {"incident", incident.at("key")}};
  });
}

// ---------------------------------------------------------------------------------------------
// Changes by type (S6.1)

Result<json::object> ChangeService::ChangesByType(const Principal& p, int months) {
  STEWARD_TRY(RequireStaff(p));
  if (months < 1 || months > 36) {
    return Error::InvalidArgument("changes.badRange", "months must be 1 to 36", "months");
  }
  std::string today = FormatIsoUtc(clock_.Now());
  int year = std::stoi(today.substr(0, 4)), month = std::stoi(today.substr(5, 2));
  std::vector<std::string> labels;
  for (int i = months - 1; i >= 0; --i) {
    int m = month - i, y = year;
    while (m < 1) {
      m += 12;
      --y;
    }
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
    labels.emplace_back(buf);
  }
  TimestampMs since = *ParseIsoDateTime(labels.front() + "-01T00:00:00Z");
  auto cat = catalog_.Get();
  std::int64_t type_f = FieldId(*cat, "Change type");
  return db_.Read([&](Connection& c) -> Result<json::object> {
    std::map<std::string, std::map<std::string, std::int64_t>> counts;
    STEWARD_TRY(c.Query(
        "SELECT i.created_at, o.value FROM issues i JOIN issue_types t ON t.id = i.issue_type_id "
        "LEFT JOIN issue_field_values v ON v.issue_id = i.id AND v.field_id = ? LEFT JOIN "
        "custom_field_options o ON o.id = v.int_value WHERE t.name = 'Change' AND i.created_at "
        ">= ?",
        {type_f, since}, [&](const Row& r) {
          auto& m = counts[FormatIsoUtc(r.Int(0)).substr(0, 7)];
          ++m["all"];
          if (!r.IsNull(1)) {
            ++m[AsciiLower(r.String(1))];
          }
        }));
    json::array out;
    for (const auto& label : labels) {
      auto& m = counts[label];
      out.push_back(json::object{{"month", label},
                                 {"all", m["all"]},
                                 {"standard", m["standard"]},
                                 {"normal", m["normal"]},
                                 {"emergency", m["emergency"]}});
    }
    return json::object{{"months", std::move(out)}};
  });
}

}  // namespace steward::changes
