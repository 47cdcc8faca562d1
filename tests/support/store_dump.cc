#include "tests/support/store_dump.h"

#include <sqlite3.h>

#include <vector>

namespace jobmatch::test {

std::string DumpStore(const std::filesystem::path& file) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    return "cannot open";
  }
  std::string dump;
  std::vector<std::string> tables;
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(
      db, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name", -1, &stmt, nullptr);
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    tables.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
  }
  sqlite3_finalize(stmt);
  for (const std::string& table : tables) {
    dump += "[" + table + "]\n";
    std::string sql = "SELECT * FROM \"" + table + "\"";
    sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr);
    const int columns = sqlite3_column_count(stmt);
    sqlite3_finalize(stmt);
    for (int c = 1; c <= columns; ++c) sql += (c == 1 ? " ORDER BY " : ", ") + std::to_string(c);
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
      dump += "cannot read\n";
      continue;
    }
    while (sqlite3_step(stmt) == SQLITE_ROW) {
      for (int c = 0; c < columns; ++c) {
        const unsigned char* text = sqlite3_column_text(stmt, c);
        dump += (text != nullptr ? reinterpret_cast<const char*>(text) : "NULL");
        dump += '|';
      }
      dump += '\n';
    }
    sqlite3_finalize(stmt);
  }
  sqlite3_close(db);
  return dump;
}

std::string StoreIntegrity(const std::filesystem::path& file) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    return "cannot open";
  }
  sqlite3_stmt* stmt = nullptr;
  std::string result = "no answer";
  if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &stmt, nullptr) == SQLITE_OK &&
      sqlite3_step(stmt) == SQLITE_ROW) {
    result = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return result;
}

}  // namespace jobmatch::test
