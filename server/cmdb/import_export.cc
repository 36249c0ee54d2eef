// Import (CSV or JSON rows, mapped columns → attributes, matched to existing objects by an
// identifying attribute; a dry run; a per-row error report; all-or-nothing per file) and export
// (an object type or an AQL result, as CSV or JSON). CSV is read and written with libcsv.
#include "base/text.h"
#include "cmdb/aql/compiler.h"
#include "cmdb/object_store.h"
#include "http/json.h"
#include "sql/run.h"

#include <boost/json.hpp>

#include <csv.h>
#include <map>
#include <set>

namespace steward::cmdb {
namespace {

using http::JsonReader;
using storage::Connection;
using storage::Row;

constexpr size_t kMaxImportRows = 100000;
constexpr size_t kMaxReportedErrors = 100;
constexpr size_t kMaxExportObjects = 200000;

struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

struct CsvState {
  Table* table = nullptr;
  std::vector<std::string> row;
  bool first = true;
  bool too_many = false;
};

void OnField(void* s, size_t len, void* data) {
  auto* st = static_cast<CsvState*>(data);
  st->row.emplace_back(static_cast<const char*>(s), len);
}

void OnRow(int, void* data) {
  auto* st = static_cast<CsvState*>(data);
  if (st->first) {
    st->table->header = std::move(st->row);
    st->first = false;
  } else if (st->table->rows.size() >= kMaxImportRows) {
    st->too_many = true;
  } else {
    st->table->rows.push_back(std::move(st->row));
  }
  st->row.clear();
}

Result<Table> ParseCsv(std::string_view text) {
  Table t;
  CsvState st;
  st.table = &t;
  csv_parser p;
  if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0) {
    return Error::Internal("csv_init failed");
  }
  size_t done = csv_parse(&p, text.data(), text.size(), OnField, OnRow, &st);
  int fini = csv_fini(&p, OnField, OnRow, &st);
  int err = csv_error(&p);
  csv_free(&p);
  if (done != text.size() || fini != 0) {
    // Count the lines before the failure for a useful message.
    size_t line = 1;
    for (size_t i = 0; i < std::min(done, text.size()); ++i) {
      line += text[i] == '\n';
    }
    return Error::InvalidArgument(
        "cmdb.badCsv",
        "the CSV data is malformed near line " + std::to_string(line) + ": " + csv_strerror(err),
        "data");
  }
  if (st.too_many) {
    return Error::InvalidArgument(
        "cmdb.tooManyRows",
        "a file imports at most " + std::to_string(kMaxImportRows) + " rows; split it", "data");
  }
  if (t.header.empty()) {
    return Error::InvalidArgument("cmdb.badCsv", "the CSV data needs a header row", "data");
  }
  return t;
}

std::string CsvCell(std::string_view s) {
  std::string out(s.size() * 2 + 2, '\0');
  size_t n = csv_write(out.data(), out.size(), s.data(), s.size());
  out.resize(n);
  return out;
}

std::string CellText(const json::value& v) {
  if (v.is_null()) {
    return "";
  }
  if (v.is_string()) {
    return std::string(v.get_string());
  }
  if (v.is_bool()) {
    return v.get_bool() ? "true" : "false";
  }
  if (v.is_object()) {
    const auto& o = v.get_object();
    for (const char* k : {"key", "username", "name"}) {
      if (o.contains(k) && o.at(k).is_string()) {
        return std::string(o.at(k).get_string());
      }
    }
    return "";
  }
  if (v.is_array()) {
    std::string out;
    for (const auto& x : v.get_array()) {
      out += (out.empty() ? "" : "||") + CellText(x);
    }
    return out;
  }
  return json::serialize(v);
}

}  // namespace

Result<json::object> CmdbService::Import(const Principal& p, const json::object& body) {
  STEWARD_TRY(internal::RequireAdmin(p));
  JsonReader in(body);
  STEWARD_TRY(in.AllowOnly({"objectTypeId", "format", "data", "mapping", "identifier", "dryRun"}));
  STEWARD_ASSIGN_OR_RETURN(auto type_id, in.OptionalInt("objectTypeId"));
  if (!type_id) {
    return Error::InvalidArgument("http.missingField", "objectTypeId is required", "objectTypeId");
  }
  STEWARD_ASSIGN_OR_RETURN(auto format, in.OptionalString("format", 8));
  std::string fmt = format.value_or("csv");
  if (fmt != "csv" && fmt != "json") {
    return Error::InvalidArgument("http.badParameter", "format is csv or json", "format");
  }
  STEWARD_ASSIGN_OR_RETURN(auto identifier, in.OptionalString("identifier"));
  STEWARD_ASSIGN_OR_RETURN(auto dry_run, in.OptionalBool("dryRun"));
  const json::value* data = in.Get("data");
  if (!data) {
    return Error::InvalidArgument("http.missingField", "data is required", "data");
  }
  // The rows as a header and cells of text (JSON values keep their JSON form).
  Table table;
  std::vector<std::vector<json::value>> json_rows;
  if (fmt == "csv") {
    if (!data->is_string()) {
      return Error::InvalidArgument("http.badJson", "data must be the CSV text", "data");
    }
    STEWARD_ASSIGN_OR_RETURN(table, ParseCsv(data->get_string()));
  } else {
    json::value parsed;
    if (data->is_string()) {
      boost::system::error_code ec;
      parsed = json::parse(data->get_string(), ec);
      if (ec) {
        return Error::InvalidArgument("cmdb.badJson", "data is not valid JSON: " + ec.message(),
                                      "data");
      }
      data = &parsed;
    }
    if (!data->is_array()) {
      return Error::InvalidArgument("cmdb.badJson", "data must be an array of objects", "data");
    }
    if (data->get_array().size() > kMaxImportRows) {
      return Error::InvalidArgument(
          "cmdb.tooManyRows", "a file imports at most " + std::to_string(kMaxImportRows) + " rows",
          "data");
    }
    std::map<std::string, size_t> columns;
    for (const auto& row : data->get_array()) {
      if (!row.is_object()) {
        return Error::InvalidArgument("cmdb.badJson", "each row must be an object", "data");
      }
      for (const auto& [k, v] : row.get_object()) {
        if (!columns.count(std::string(k))) {
          columns[std::string(k)] = table.header.size();
          table.header.emplace_back(k);
        }
      }
    }
    for (const auto& row : data->get_array()) {
      std::vector<json::value> cells(table.header.size());
      for (const auto& [k, v] : row.get_object()) {
        cells[columns[std::string(k)]] = v;
      }
      json_rows.push_back(std::move(cells));
    }
  }
  // Mapping: column → attribute (default: columns named like attributes).
  std::vector<std::pair<size_t, std::string>> mapped;  // column index, attribute name
  const json::value* mapping = in.Get("mapping");
  if (mapping && !mapping->is_null() && !mapping->is_object()) {
    return Error::InvalidArgument("http.badJson", "mapping must be an object {column: attribute}",
                                  "mapping");
  }
  if (mapping && mapping->is_object()) {
    for (const auto& [col, attr] : mapping->get_object()) {
      if (!attr.is_string()) {
        return Error::InvalidArgument("http.badJson", "mapping values are attribute names",
                                      "mapping." + std::string(col));
      }
      size_t idx = table.header.size();
      for (size_t i = 0; i < table.header.size(); ++i) {
        if (table.header[i] == col) {
          idx = i;
        }
      }
      if (idx == table.header.size()) {
        return Error::InvalidArgument("cmdb.badMapping",
                                      "the data has no column \"" + std::string(col) + "\"",
                                      "mapping." + std::string(col));
      }
      mapped.emplace_back(idx, std::string(attr.get_string()));
    }
  } else {
    for (size_t i = 0; i < table.header.size(); ++i) {
      mapped.emplace_back(i, table.header[i]);
    }
  }
  size_t nrows = fmt == "csv" ? table.rows.size() : json_rows.size();
  json::object report{{"dryRun", dry_run.value_or(false)}};
  std::int64_t created = 0, updated = 0, unchanged = 0;
  json::array errors;
  std::int64_t now = clock_.Now();
  Status s = db_.WriteTx([&](Connection& c) -> Status {
    STEWARD_ASSIGN_OR_RETURN(auto model, ModelFor(c));
    const Model& m = *model;
    const TypeDef* type = m.Type(*type_id);
    if (!type) {
      return Error::InvalidArgument("cmdb.objectTypeNotFound", "no such object type",
                                    "objectTypeId");
    }
    for (const auto& [col, attr] : mapped) {
      if (!m.AttributeOf(type->id, attr)) {
        return Error::InvalidArgument("cmdb.badMapping",
                                      "\"" + type->name + "\" has no attribute \"" + attr + "\"",
                                      "mapping." + table.header[col]);
      }
    }
    const AttrDef* ident = identifier ? m.AttributeOf(type->id, *identifier) : m.LabelOf(type->id);
    if (!ident || ColumnOf(ident->type) != Column::kText) {
      return Error::InvalidArgument("cmdb.badIdentifier",
                                    "identifier must be a text attribute of \"" + type->name + "\"",
                                    "identifier");
    }
    std::optional<size_t> ident_col;
    for (const auto& [col, attr] : mapped) {
      if (EqualsIgnoreCase(attr, ident->name)) {
        ident_col = col;
      }
    }
    if (!ident_col) {
      return Error::InvalidArgument(
          "cmdb.badIdentifier", "map a column to the identifying attribute \"" + ident->name + "\"",
          "mapping");
    }
    std::string types_in;
    for (auto t : m.WithDescendants(type->id)) {
      types_in += (types_in.empty() ? "" : ",") + std::to_string(t);
    }
    // New objects' keys numbered from the schema's counter, moved once at the end.
    std::int64_t next_number = 0;
    std::string schema_key;
    STEWARD_TRY(c.Query("SELECT key, next_number FROM cmdb_schemas WHERE id = ?", {type->schema_id},
                        [&](const Row& row) {
                          schema_key = row.String(0);
                          next_number = row.Int(1);
                        }));
    const std::int64_t first_number = next_number;
    for (size_t r = 0; r < nrows && errors.size() < kMaxReportedErrors; ++r) {
      json::object attrs;
      std::string ident_value;
      for (const auto& [col, attr] : mapped) {
        json::value v;
        if (fmt == "csv") {
          const auto& row = table.rows[r];
          if (col >= row.size() || Trim(row[col]).empty()) {
            continue;  // empty cells leave the attribute as it is
          }
          v = json::string(row[col]);
        } else {
          v = json_rows[r][col];
          if (v.is_null() || (v.is_string() && Trim(v.get_string()).empty())) {
            continue;
          }
        }
        if (col == *ident_col) {
          ident_value = v.is_string() ? std::string(v.get_string()) : CellText(v);
        }
        attrs[attr] = std::move(v);
      }
      std::int64_t row_number = static_cast<std::int64_t>(r) + 1;
      if (ident_value.empty()) {
        errors.push_back(json::object{{"row", row_number},
                                      {"column", table.header[*ident_col]},
                                      {"message", "the identifying column is empty"}});
        continue;
      }
      std::optional<std::int64_t> existing;
      if (ident->label) {
        STEWARD_ASSIGN_OR_RETURN(
            existing, c.QueryInt("SELECT id FROM cmdb_objects WHERE object_type_id IN (" +
                                     types_in + ") AND lower(label) = lower(?) LIMIT 1",
                                 {ident_value}));
      } else {
        STEWARD_ASSIGN_OR_RETURN(
            existing,
            c.QueryInt("SELECT v.object_id FROM cmdb_values v JOIN cmdb_objects o ON o.id "
                       "= v.object_id WHERE v.attribute_id = ? AND v.text_value IS NOT "
                       "NULL AND lower(v.text_value) = lower(?) AND o.object_type_id IN "
                       "(" +
                           types_in + ") LIMIT 1",
                       {ident->id, ident_value}));
      }
      internal::WriteOptions o;
      o.partial = existing.has_value();
      o.from_text = true;
      o.actor = p.user_id;
      o.now = now;
      o.field_prefix = "";
      if (!existing) {
        o.next_number = &next_number;
        o.schema_key = schema_key;
      }
      const TypeDef* row_type = type;
      if (existing) {
        STEWARD_ASSIGN_OR_RETURN(
            auto t,
            c.QueryInt("SELECT object_type_id FROM cmdb_objects WHERE id = ?", {*existing}));
        row_type = m.Type(t.value_or(type->id));
      }
      auto out = internal::WriteObject(c, m, *row_type, existing, attrs, o);
      if (!out.ok()) {
        const Error& e = out.error();
        if (e.code == ErrorCode::kInternal || e.code == ErrorCode::kUnavailable) {
          return e;
        }
        std::string column;
        for (const auto& [col, attr] : mapped) {
          if (e.field && EqualsIgnoreCase(attr, *e.field)) {
            column = table.header[col];
          }
        }
        errors.push_back(
            json::object{{"row", row_number},
                         {"column", column.empty() ? json::value(nullptr) : json::value(column)},
                         {"message", e.message}});
        continue;
      }
      if (!existing) {
        ++created;
      } else if (out->changed) {
        ++updated;
      } else {
        ++unchanged;
      }
    }
    if (!errors.empty() || dry_run.value_or(false)) {
      // Roll everything back: a file imports whole or not at all; a dry run never writes.
      return Error::Conflict("cmdb.importRolledBack", "rolled back");
    }
    if (next_number != first_number) {
      STEWARD_TRY(c.Exec("UPDATE cmdb_schemas SET next_number = ? WHERE id = ?",
                         {next_number, type->schema_id}));
    }
    return Ok();
  });
  if (!s.ok() && s.error().message_id != "cmdb.importRolledBack") {
    return std::move(s).error();
  }
  report["ok"] = errors.empty();
  report["rows"] = static_cast<std::int64_t>(nrows);
  report["created"] = created;
  report["updated"] = updated;
  report["unchanged"] = unchanged;
  report["errors"] = std::move(errors);
  return report;
}

Result<ExportFile> CmdbService::Export(const Principal& p, const ExportQuery& q) {
  STEWARD_TRY(internal::RequireRead(p));
  if (q.format != "csv" && q.format != "json") {
    return Error::InvalidArgument("http.badParameter", "format is csv or json", "format");
  }
  return db_.Read([&](Connection& c) -> Result<ExportFile> {
    STEWARD_ASSIGN_OR_RETURN(auto model, ModelFor(c));
    const Model& m = *model;
    std::vector<std::int64_t> ids;
    std::set<std::int64_t> type_ids;
    std::string name = "objects";
    if (q.object_type_id) {
      const TypeDef* t = m.Type(q.object_type_id);
      if (!t) {
        return Error::NotFound("cmdb.objectTypeNotFound",
                               "no object type " + std::to_string(q.object_type_id));
      }
      name = t->name;
      type_ids.insert(t->id);
      STEWARD_TRY(
          c.Query("SELECT id FROM cmdb_objects WHERE object_type_id = ? ORDER BY id LIMIT ?",
                  {q.object_type_id, static_cast<std::int64_t>(kMaxExportObjects)},
                  [&](const Row& r) { ids.push_back(r.Int(0)); }));
    } else {
      STEWARD_ASSIGN_OR_RETURN(auto sel, CompileIds(c, p, q.aql, 0));
      auto s = std::make_shared<sql::Select>(*sel);
      s->columns.push_back({sql::Col("o", "object_type_id"), ""});
      s->order_by = {{sql::Col("o", "id"), false, true, false}};
      s->limit = sql::Int(static_cast<std::int64_t>(kMaxExportObjects));
      sql::Printed printed =
          sql::Print(*s, c.Dialect() == storage::SqlDialect::kPostgres ? sql::Dialect::kPostgres
                                                                       : sql::Dialect::kSqlite);
      STEWARD_TRY(sql::Run(c, printed, [&](const Row& r) {
        ids.push_back(r.Int(0));
        type_ids.insert(r.Int(1));
      }));
    }
    ExportFile f;
    std::string base;
    for (char ch : name) {
      base += (std::isalnum(static_cast<unsigned char>(ch)) || ch == '-') ? ch : '_';
    }
    if (q.format == "json") {
      json::array all;
      for (size_t i = 0; i < ids.size(); i += 500) {
        std::vector<std::int64_t> chunk(ids.begin() + i,
                                        ids.begin() + std::min(ids.size(), i + 500));
        STEWARD_ASSIGN_OR_RETURN(auto part, internal::RenderObjects(c, m, chunk));
        for (auto& o : part) {
          all.push_back(std::move(o));
        }
      }
      f.content_type = "application/json";
      f.filename = base + ".json";
      f.body = json::serialize(all);
      return f;
    }
    // CSV: Key, Object type, then every attribute of the types present, in order.
    std::vector<std::string> columns;
    std::string out;
    bool header_done = false;
    for (size_t i = 0; i < ids.size() || !header_done; i += 500) {
      std::vector<std::int64_t> chunk;
      if (i < ids.size()) {
        chunk.assign(ids.begin() + i, ids.begin() + std::min(ids.size(), i + 500));
      }
      STEWARD_ASSIGN_OR_RETURN(auto part, internal::RenderObjects(c, m, chunk));
      if (!header_done) {
        // type_ids: collected with the ids.
        for (auto t : type_ids) {
          for (const AttrDef* a : m.AttributesOf(t)) {
            if (std::find(columns.begin(), columns.end(), a->name) == columns.end()) {
              columns.push_back(a->name);
            }
          }
        }
        out += "Key,Object type";
        for (const auto& col : columns) {
          out += "," + CsvCell(col);
        }
        out += "\r\n";
        header_done = true;
      }
      for (const auto& o : part) {
        const auto& obj = o.as_object();
        out += CsvCell(obj.at("key").as_string()) + "," +
               CsvCell(obj.at("objectType").at("name").as_string());
        const auto& attrs = obj.at("attributes").as_object();
        for (const auto& col : columns) {
          auto it = attrs.find(col);
          out += ',';
          if (it != attrs.end()) {
            out += CsvCell(CellText(it->value()));
          }
        }
        out += "\r\n";
      }
    }
    f.content_type = "text/csv; charset=utf-8";
    f.filename = base + ".csv";
    f.body = std::move(out);
    return f;
  });
}

}  // namespace steward::cmdb
