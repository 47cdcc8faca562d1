// Tests of cli/exceptions.h: an exception escaping a subcommand ends in a
// message and exit 70, never in an abort.

#include "cli/exceptions.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <new>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace jobmatch::cli {
namespace {

using ::testing::HasSubstr;

TEST(ExitCodeCatchingExceptions, PassesTheBodysExitCodeThrough) {
  std::ostringstream err;
  EXPECT_EQ(ExitCodeCatchingExceptions([] { return 65; }, err), 65);
  EXPECT_EQ(err.str(), "");
}

TEST(ExitCodeCatchingExceptions, OutOfMemoryExits70WithAMessage) {
  std::ostringstream err;
  EXPECT_EQ(ExitCodeCatchingExceptions([]() -> int { throw std::bad_alloc(); }, err), 70);
  EXPECT_EQ(err.str(), "jobmatch: out of memory\n");
}

TEST(ExitCodeCatchingExceptions, AnyStandardExceptionExits70WithItsMessage) {
  std::ostringstream err;
  EXPECT_EQ(
      ExitCodeCatchingExceptions([]() -> int { throw std::length_error("vector too long"); }, err),
      70);
  EXPECT_EQ(err.str(), "jobmatch: internal error: vector too long\n");
}

TEST(ExitCodeCatchingExceptions, AnythingElseThrownExits70) {
  std::ostringstream err;
  EXPECT_EQ(ExitCodeCatchingExceptions([]() -> int { throw 42; }, err), 70);
  EXPECT_THAT(err.str(), HasSubstr("unknown exception"));
}

TEST(InstallTerminateHandlerDeathTest, AnExceptionOnAThreadOfItsOwnExits70) {
  EXPECT_EXIT(
      {
        InstallTerminateHandler();
        std::thread([] { throw std::runtime_error("on a worker"); }).join();
      },
      ::testing::ExitedWithCode(70),
      "jobmatch: internal error: on a worker");
}

TEST(InstallTerminateHandlerDeathTest, TerminateWithoutAnExceptionExits70) {
  EXPECT_EXIT(
      {
        InstallTerminateHandler();
        std::terminate();
      },
      ::testing::ExitedWithCode(70),
      "jobmatch: internal error");
}

}  // namespace
}  // namespace jobmatch::cli
