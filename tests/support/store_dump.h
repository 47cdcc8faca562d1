// tests/support/store_dump.h
//
// The contents of a SQLite file as text, for tests that compare a run store
// before and after something happened to it: every row of every table, in
// table-name order and each table sorted by all its columns. Opening the
// file rolls back a transaction a killed process left behind (its hot
// journal), as any later jobmatch would.
//
// Example:
//   const std::string before = DumpStore(store);
//   ... a run that must not change it ...
//   EXPECT_EQ(DumpStore(store), before);

#ifndef JOBMATCH_TESTS_SUPPORT_STORE_DUMP_H_
#define JOBMATCH_TESTS_SUPPORT_STORE_DUMP_H_

#include <filesystem>
#include <string>

namespace jobmatch::test {

std::string DumpStore(const std::filesystem::path& file);

// PRAGMA integrity_check's answer ("ok" for a sound file).
std::string StoreIntegrity(const std::filesystem::path& file);

}  // namespace jobmatch::test

#endif  // JOBMATCH_TESTS_SUPPORT_STORE_DUMP_H_
