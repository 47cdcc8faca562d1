// tests/cli/exit_codes_test.cc

#include "cli/exit_codes.h"

#include <gtest/gtest.h>

namespace jobmatch::cli {
namespace {

TEST(ExitCodeFor, FollowsSysexits) {
  EXPECT_EQ(ExitCodeFor(ErrorKind::kUsage), 64);
  EXPECT_EQ(ExitCodeFor(ErrorKind::kBadData), 65);
  EXPECT_EQ(ExitCodeFor(ErrorKind::kMissingInput), 66);
  EXPECT_EQ(ExitCodeFor(ErrorKind::kInternal), 70);
  EXPECT_EQ(ExitCodeFor(ErrorKind::kCannotWrite), 73);
}

}  // namespace
}  // namespace jobmatch::cli
