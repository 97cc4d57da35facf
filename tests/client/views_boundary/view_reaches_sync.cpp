// Must NOT compile with the include path of stellwerk_views (tests/client/CMakeLists.txt): a view
// that reaches for the local store fails to build, because the views' target cannot see sync/.
#include "shell.hpp"
#include "stellwerk/sync/local_store.hpp"
