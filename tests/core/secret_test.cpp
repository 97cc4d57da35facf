// Secret and wipe (core/secret.hpp): a password's bytes are overwritten, not only forgotten, when
// it is cleared, replaced, moved from or copied and destroyed. The checks read the bytes through
// a pointer into a buffer that is still allocated (clear() keeps the capacity), so they look at
// memory the program owns.
#include <algorithm>
#include <string>

#include <gtest/gtest.h>

#include "stellwerk/core/secret.hpp"

namespace stellwerk {
namespace {

// A password longer than std::string's small buffer lives on the heap; a short one inside the object.
const std::string kLong = "correct horse battery staple, and then some more words";
const std::string kShort = "pin1234";

bool all_zero(const char* bytes, std::size_t size) {
  return std::all_of(bytes, bytes + size, [](char c) { return c == '\0'; });
}

TEST(Wipe, OverwritesTheWholeBufferOfAString) {
  std::string text = kLong;
  const char* bytes = text.data();
  const std::size_t size = text.size();
  wipe(text);
  EXPECT_TRUE(text.empty());
  EXPECT_EQ(text.data(), bytes) << "the buffer is kept, so nothing unwiped is freed";
  EXPECT_TRUE(all_zero(bytes, size));
}

TEST(Secret, ClearOverwritesTheBytes) {
  for (const std::string& password : {kLong, kShort}) {
    Secret secret{password};
    ASSERT_EQ(secret.view(), password);
    const char* bytes = secret.view().data();
    secret.clear();
    EXPECT_TRUE(secret.empty());
    EXPECT_TRUE(all_zero(bytes, password.size())) << password;
  }
}

TEST(Secret, AMoveLeavesNoCopyInTheSource) {
  Secret source{kShort};  // short: std::string's move copies the bytes and leaves them behind
  const char* bytes = source.view().data();
  Secret target{std::move(source)};
  EXPECT_EQ(target.view(), kShort);
  EXPECT_TRUE(all_zero(bytes, kShort.size()));
}

TEST(Secret, TakingAStringLeavesNoCopyInIt) {
  std::string typed = kShort;  // short: its bytes live inside the string object
  const char* bytes = typed.data();
  const Secret secret{std::move(typed)};
  EXPECT_EQ(secret.view(), kShort);
  EXPECT_TRUE(all_zero(bytes, kShort.size()));
}

TEST(Secret, CopiesAreIndependentAndEachIsWiped) {
  Secret original{kLong};
  Secret copy = original;
  const char* copied = copy.view().data();
  EXPECT_NE(copied, original.view().data());
  copy.clear();
  EXPECT_TRUE(all_zero(copied, kLong.size()));
  EXPECT_EQ(original.view(), kLong) << "clearing a copy leaves the original";
  copy = original;
  EXPECT_EQ(copy.view(), kLong);
}

}  // namespace
}  // namespace stellwerk
