// Everything the UI shows, in one place. Views read an AppState and emit Intents (intents.hpp);
// only the UI thread changes an AppState, by applying intents and the results the background
// worker hands over. Nothing here knows about SQLite or HTTP: the worker converts store records
// into these plain values.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "stellwerk/core/domain.hpp"
#include "stellwerk/core/i18n.hpp"
#include "stellwerk/widgets/theme.hpp"

namespace stellwerk::client {

enum class ViewId : unsigned char { home, desks, schedule, training, settings, COUNT };

struct Settings {
  i18n::Language language = i18n::Language::de;
  ui::ThemeId theme = ui::ThemeId::light;
  float scale = 1.0f;  // 1.0 … 2.0
};

// A booking with the names a person needs to recognise it.
struct BookingSummary {
  Booking booking;
  std::string resource_name;
  ResourceType resource_type = ResourceType::desk;
  std::string building_name;
  std::string floor_name;
};

struct SyncSummary {
  bool server_configured = false;  // false: the client runs on local data only
  int pending = 0;
  int rejected = 0;
  std::optional<Instant> last_sync;
};

// The data the worker loaded from the local store.
struct ClientData {
  bool loaded = false;
  std::optional<Employee> me;
  std::optional<Department> department;
  std::vector<Building> buildings;
  std::vector<BookingSummary> bookings;  // today and later, by start
  std::vector<Workday> workdays;         // the weeks around ScheduleState::week_start
  std::vector<Course> courses;
  std::vector<Enrollment> enrollments;
  SyncSummary sync;
};

struct DesksState {
  Id building_id;
  Id floor_id;
  std::vector<Resource> resources;  // of floor_id
  bool resources_loaded = false;
};

struct ScheduleState {
  Date week_start{};         // Monday of the week shown
  std::optional<Date> editing_day;
  HalfDay editing_half = HalfDay::day;
};

enum class AppMode : unsigned char { personal, kiosk };

struct AppState {
  AppMode mode = AppMode::personal;
  Settings settings;
  ViewId view = ViewId::home;
  Date today{};
  ClientData data;
  DesksState desks;
  ScheduleState schedule;
  std::string notice;        // something the person should know (e.g. the cache was rebuilt)
  std::string error;         // something that went wrong and needs attention
  std::string data_folder;   // shown in Settings
  std::string config_file;   // shown in Settings
  std::string server_url;    // from --server or the settings file; used by sync (next issue)
};

}  // namespace stellwerk::client
