// A sample for the test lint.check_sizes_finds (tests/CMakeLists.txt): constructs the brace
// heuristic of scripts/check-sizes must see through. Five functions over 80 lines; one has its
// reason above it. Not built: it only has to look like this repository's C++.
namespace sample {
struct Long {
  // An initialiser list with braces, and braces inside strings, characters and raw strings.
  Long(int x) : a_{x}, b_(2) {
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
    f('{', "}", R"x({)x");
  }
  int a_{0}, b_;
};
const auto kLambda = [](int v) {
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
  v++;
};
// Long because: the sample needs one function with a reason.
void with_reason(int d = int{3}) {
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
  if (x) { y(); }
}
template <class T>
T templated() {
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
  x;
}
void with_default_brace(std::chrono::seconds s = std::chrono::seconds{60}) {
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
  s++;
}
}  // namespace sample
