// The kiosk's controller: turns the person's intents and the physical keys into requests, and
// the server's answers and the clock into KioskState. Requests run on one network thread in the
// order they were asked for; their answers are applied on the window's thread in update(), so the
// state is only ever touched by that thread. `wake` is called from the network thread when an
// answer is ready (the window posts an empty event to wake its loop).
//
// Leave nothing behind: the person's token, name and data live in this object only. Done, the idle
// timeout and an ended session all sign out on the server, drop them, and set ending() to
// `restart`: the window then replaces the whole process with a fresh one (kiosk_app.cpp), so not
// even freed memory keeps anything of them.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "kiosk_api.hpp"
#include "kiosk_state.hpp"
#include "stellwerk/core/rules.hpp"
#include "stellwerk/core/secret.hpp"
#include "stellwerk/sync/transport.hpp"

namespace stellwerk::kiosk {

using SteadyTime = std::chrono::steady_clock::time_point;

inline constexpr std::chrono::seconds kMinimumIdle{30};
inline constexpr std::chrono::seconds kIdleWarning{20};
inline constexpr std::chrono::seconds kRefreshEvery{kKioskHeartbeatEvery};  // the plan and the heartbeat
inline constexpr std::chrono::seconds kBadgeForgotten{5};

struct KioskOptions {
  std::string server_url;
  net::TransportOptions transport;
  Secret device_token;
  std::chrono::seconds idle_timeout{90};  // at least kMinimumIdle
  std::optional<Secret> facility_pin;     // leaving kiosk mode; without one it cannot be left here
  std::filesystem::path data_dir;         // the building's cache (no names) is kept here
  std::string version;
  KioskSettings settings;
};

class KioskSession {
 public:
  enum class Ending : unsigned char { none, restart, leave };
  using WallClock = std::function<Instant()>;

  // Fails when the server URL is not one the transport accepts (message for the command line).
  static std::expected<std::unique_ptr<KioskSession>, std::string> create(KioskOptions options, std::function<void()> wake,
                                                                         WallClock clock = {});
  ~KioskSession();
  KioskSession(const KioskSession&) = delete;
  KioskSession& operator=(const KioskSession&) = delete;

  const KioskState& state() const { return state_; }
  Ending ending() const { return ending_; }
  bool waiting() const;  // a request is on its way or its answer not yet applied

  // What the screens report.
  void apply(const Intent& intent);
  // Physical keys, taken without a focused field: a badge reader types digits, then Enter.
  void key_typed(char c);
  void key_erase();
  void key_enter();
  void key_escape();
  void leave_requested();  // the facility's key combination: asks for the facility PIN
  // Any input at all: the person is still there.
  void touched(SteadyTime now);

  // Applies answers that arrived and runs the timers (idle warning and sign-out, night mode, the
  // minute's refresh and heartbeat). True when the screen changed.
  bool update(SteadyTime now);

 private:
  using Answer = std::function<void(KioskSession&)>;
  using Job = std::function<Answer(KioskApi&)>;

  KioskSession(KioskOptions options, KioskApi api, std::function<void()> wake, WallClock clock);
  void post(Job job);
  void network_loop();

  void refresh_today();
  void sign_in();
  void signed_in(wire::Session session);
  void load_person();
  void load_places(Date day);
  void book();
  void booking_action(const CheckIn& intent);
  void booking_action(const CancelBooking& intent);
  void sign_out();
  void back();
  void show_failure(const ApiFailure& failure);
  void leave_sign_in_screens();
  void set_screen(Screen screen);

  KioskOptions options_;
  WallClock clock_;
  std::function<void()> wake_;
  KioskState state_;
  Ending ending_ = Ending::none;

  SecretBuffer<kBadgeDigits> badge_;
  SecretBuffer<kPinDigits> pin_;
  SecretBuffer<kTextLength> username_;
  SecretBuffer<kTextLength> password_;
  Secret token_;   // the person's session
  Id person_id_;

  SteadyTime last_input_{};
  std::optional<SteadyTime> last_refresh_;
  int in_flight_ = 0;   // jobs posted whose answers are not applied yet

  mutable std::mutex mutex_;
  std::condition_variable work_;
  std::deque<Job> jobs_;
  std::deque<Answer> answers_;
  bool stopping_ = false;
  KioskApi api_;
  std::thread network_;
};

// The cache of today's plan (kiosk-today.json in the data folder): written whole and renamed into
// place, read at start so that the idle screen has a plan before the server answers or offline.
void save_today(const std::filesystem::path& data_dir, const std::string& json);
std::optional<BuildingToday> load_today(const std::filesystem::path& data_dir);
BuildingToday building_today(const wire::KioskToday& today);

}  // namespace stellwerk::kiosk
