// libcurl on demand, for the `stellwerk` executable only: it defines the libcurl functions that the
// sync transport (sync/src/transport.cpp) calls, and loads libcurl.so.4 at the first of those calls.
// Linked with --as-needed, the executable then does not name libcurl at all, so opening the window
// no longer maps libcurl and the ~35 libraries it pulls in (TLS, Kerberos, LDAP, SSH, IDN, ...):
// that was a quarter of the time by which the window's first frame trailed a bare ImGui window
// (docs/performance.md, "Start-up"). The first sync pays the load instead, on the sync thread,
// after the first frame. Tests link the sync library with libcurl directly and never see this file.
//
// When a libcurl function the transport calls is added there, it must be added here too: the link
// would otherwise keep libcurl as a start-up dependency (client/CMakeLists.txt checks that it does not).
#define CURL_DISABLE_TYPECHECK  // the type-checking macros would rename the definitions below
#include <curl/curl.h>
#include <dlfcn.h>

#include <cstdarg>
#include <cstdio>
#include <type_traits>

namespace {

struct Curl {
  decltype(&::curl_global_init) global_init = nullptr;
  decltype(&::curl_easy_init) easy_init = nullptr;
  decltype(&::curl_easy_cleanup) easy_cleanup = nullptr;
  decltype(&::curl_easy_reset) easy_reset = nullptr;
  decltype(&::curl_easy_setopt) easy_setopt = nullptr;
  decltype(&::curl_easy_perform) easy_perform = nullptr;
  decltype(&::curl_easy_getinfo) easy_getinfo = nullptr;
  decltype(&::curl_easy_strerror) easy_strerror = nullptr;
  decltype(&::curl_free) free = nullptr;
  decltype(&::curl_slist_append) slist_append = nullptr;
  decltype(&::curl_slist_free_all) slist_free_all = nullptr;
  decltype(&::curl_url) url = nullptr;
  decltype(&::curl_url_cleanup) url_cleanup = nullptr;
  decltype(&::curl_url_get) url_get = nullptr;
  decltype(&::curl_url_set) url_set = nullptr;
  decltype(&::curl_url_strerror) url_strerror = nullptr;
};

// The real functions, loaded once (thread-safe: a function-local static); nullptr when libcurl
// cannot be loaded, which every call below reports the way libcurl reports a failed set-up.
const Curl* curl() {
  static const Curl* const loaded = []() -> const Curl* {
    void* library = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (library == nullptr) {
      std::fprintf(stderr, "stellwerk: cannot load libcurl: %s\n", dlerror());
      return nullptr;
    }
    static Curl found;
    bool complete = true;
    const auto find = [&](auto& function, const char* name) {
      function = reinterpret_cast<std::remove_reference_t<decltype(function)>>(dlsym(library, name));
      complete = complete && function != nullptr;
    };
    find(found.global_init, "curl_global_init");
    find(found.easy_init, "curl_easy_init");
    find(found.easy_cleanup, "curl_easy_cleanup");
    find(found.easy_reset, "curl_easy_reset");
    find(found.easy_setopt, "curl_easy_setopt");
    find(found.easy_perform, "curl_easy_perform");
    find(found.easy_getinfo, "curl_easy_getinfo");
    find(found.easy_strerror, "curl_easy_strerror");
    find(found.free, "curl_free");
    find(found.slist_append, "curl_slist_append");
    find(found.slist_free_all, "curl_slist_free_all");
    find(found.url, "curl_url");
    find(found.url_cleanup, "curl_url_cleanup");
    find(found.url_get, "curl_url_get");
    find(found.url_set, "curl_url_set");
    find(found.url_strerror, "curl_url_strerror");
    if (!complete) std::fprintf(stderr, "stellwerk: libcurl.so.4 lacks a function the sync needs\n");
    return complete ? &found : nullptr;
  }();
  return loaded;
}

}  // namespace

extern "C" {

CURLcode curl_global_init(long flags) { return curl() != nullptr ? curl()->global_init(flags) : CURLE_FAILED_INIT; }

CURL* curl_easy_init() { return curl() != nullptr ? curl()->easy_init() : nullptr; }

void curl_easy_cleanup(CURL* handle) {
  if (curl() != nullptr) curl()->easy_cleanup(handle);
}

void curl_easy_reset(CURL* handle) {
  if (curl() != nullptr) curl()->easy_reset(handle);
}

// The one argument after the option is read as libcurl itself reads it: the option's number range
// says whether it is a long, an object pointer, a function pointer, a curl_off_t or a blob.
CURLcode curl_easy_setopt(CURL* handle, CURLoption option, ...) {
  if (curl() == nullptr) return CURLE_FAILED_INIT;
  const auto set = curl()->easy_setopt;
  va_list arguments;
  va_start(arguments, option);
  CURLcode result = CURLE_OK;
  if (option < CURLOPTTYPE_OBJECTPOINT) {
    result = set(handle, option, va_arg(arguments, long));
  } else if (option < CURLOPTTYPE_FUNCTIONPOINT) {
    result = set(handle, option, va_arg(arguments, void*));
  } else if (option < CURLOPTTYPE_OFF_T) {
    result = set(handle, option, va_arg(arguments, void (*)()));
  } else if (option < CURLOPTTYPE_BLOB) {
    result = set(handle, option, va_arg(arguments, curl_off_t));
  } else {
    result = set(handle, option, va_arg(arguments, void*));
  }
  va_end(arguments);
  return result;
}

CURLcode curl_easy_perform(CURL* handle) { return curl() != nullptr ? curl()->easy_perform(handle) : CURLE_FAILED_INIT; }

// Every CURLINFO takes one pointer to where the answer goes.
CURLcode curl_easy_getinfo(CURL* handle, CURLINFO info, ...) {
  if (curl() == nullptr) return CURLE_FAILED_INIT;
  va_list arguments;
  va_start(arguments, info);
  void* answer = va_arg(arguments, void*);
  va_end(arguments);
  return curl()->easy_getinfo(handle, info, answer);
}

const char* curl_easy_strerror(CURLcode code) {
  return curl() != nullptr ? curl()->easy_strerror(code) : "libcurl could not be loaded";
}

void curl_free(void* pointer) {
  if (curl() != nullptr) curl()->free(pointer);
}

curl_slist* curl_slist_append(curl_slist* list, const char* text) {
  return curl() != nullptr ? curl()->slist_append(list, text) : nullptr;
}

void curl_slist_free_all(curl_slist* list) {
  if (curl() != nullptr) curl()->slist_free_all(list);
}

CURLU* curl_url() { return curl() != nullptr ? curl()->url() : nullptr; }

void curl_url_cleanup(CURLU* url) {
  if (curl() != nullptr) curl()->url_cleanup(url);
}

CURLUcode curl_url_get(CURLU* url, CURLUPart part, char** text, unsigned int flags) {
  return curl() != nullptr ? curl()->url_get(url, part, text, flags) : CURLUE_OUT_OF_MEMORY;
}

CURLUcode curl_url_set(CURLU* url, CURLUPart part, const char* text, unsigned int flags) {
  return curl() != nullptr ? curl()->url_set(url, part, text, flags) : CURLUE_OUT_OF_MEMORY;
}

const char* curl_url_strerror(CURLUcode code) {
  return curl() != nullptr ? curl()->url_strerror(code) : "libcurl could not be loaded";
}

}  // extern "C"
