// store/schema.h
//
// The run store's schema as numbered migrations. Migration i (1-based) takes
// a store from user_version i-1 to i; a new store gets all of them in order.
// Never edit a migration that has shipped: add the next one, and a test that
// opens a store of every earlier version (tests/store/run_store_test.cc).
//
// Example:
//   for (int v = current + 1; v <= kSchemaVersion; ++v) Exec(Migrations()[v - 1]);

#ifndef JOBMATCH_STORE_SCHEMA_H_
#define JOBMATCH_STORE_SCHEMA_H_

#include <cstdint>
#include <span>

namespace jobmatch::store {

// PRAGMA application_id of a jobmatch store ("JMST").
inline constexpr int32_t kApplicationId = 0x4A4D5354;

// The SQL of migrations 1..kSchemaVersion.
std::span<const char* const> Migrations();

// The schema version this program writes (the number of migrations).
int32_t SchemaVersion();

}  // namespace jobmatch::store

#endif  // JOBMATCH_STORE_SCHEMA_H_
