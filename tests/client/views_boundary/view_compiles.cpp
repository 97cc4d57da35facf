// Must compile with the include path of stellwerk_views: the twin of view_reaches_sync.cpp, so that
// one cannot pass for a wrong reason (a broken command, a missing flag).
#include "shell.hpp"
