// What the kiosk shows, as one value the screens draw from (kiosk_view.hpp), and what a person can
// do there, as intents the screens emit. The screens never touch the network: KioskSession
// (kiosk_session.hpp) turns intents into requests and answers into this state.
//
// Privacy: the building's part (places, counts, room times) holds no person. The person's part
// lives only in memory while they are signed in and is dropped, then the whole process replaced,
// when they leave (docs/kiosk.md, "Nothing left behind").
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "secret_digits.hpp"
#include "stellwerk/core/domain.hpp"
#include "stellwerk/core/i18n.hpp"
#include "stellwerk/widgets/floor_plan.hpp"
#include "stellwerk/widgets/qr_code.hpp"
#include "stellwerk/widgets/widgets.hpp"

namespace stellwerk::kiosk {

enum class Screen : std::uint8_t {
  idle,          // nobody signed in: today in this building, the invitation
  pin,           // a badge was read: the PIN pad
  password,      // "Anmelden" tapped: user name and password on the on-screen keyboard
  person,        // signed in: greeting, today's booking here, week plan, due trainings
  book,          // signed in: choose a day, a floor and a place
  confirmation,  // booked: the booking and its QR code
  leave,         // the facility PIN to leave kiosk mode
};

// One place of the building with its state for the day shown (never who holds it).
struct Place {
  Id id;
  ResourceType type = ResourceType::desk;
  std::string name;
  Id floor_id;
  float x = 0, y = 0, w = 0, h = 0;
  std::vector<std::string> features;
  int capacity = 1;
  bool accessible = false;
  ui::SpotState state = ui::SpotState::free;
};

struct KioskFloor {
  Id id;
  std::string name;
  int level = 0;
  float width_m = 0, height_m = 0;
};

struct BusyTime {
  Instant start{};
  Instant end{};
};

// A meeting room's busy times today, from which "free now" and "next" are worked out at draw time.
struct RoomDay {
  Id resource_id;
  std::vector<BusyTime> busy;
};

struct OpeningHours {
  MinuteOfDay opens = 7 * 60;
  MinuteOfDay closes = 19 * 60;
};

// Today in this building, as the device token may see it; cached on disk (no names in it).
struct BuildingToday {
  bool known = false;
  Date date{};
  Id building_id;
  std::string building_name;
  std::optional<OpeningHours> opening_hours;  // nullopt: closed today
  std::vector<KioskFloor> floors;
  std::vector<Place> places;
  std::vector<RoomDay> rooms;
};

struct PersonBooking {
  Id id;
  Id resource_id;
  std::string place_name;  // the place's name, or its id when the kiosk does not know it
  bool here = false;       // in this kiosk's building
  Instant start{};
  Instant end{};
  BookingState state = BookingState::booked;
  Instant check_in_opens_at{};
  Instant release_at{};
};

struct PlanHalfDay {
  Date date{};
  HalfDay half = HalfDay::day;
  WorkMode mode = WorkMode::office;
};

struct DueTraining {
  std::string title;
  Date due_on{};
};

// The signed-in person, in memory only.
struct Person {
  std::string display_name;
  DepartmentPolicy policy;
  std::vector<PersonBooking> bookings;  // from today on, active ones
  std::vector<PlanHalfDay> week;        // this week's plan
  std::vector<DueTraining> due;         // mandatory trainings not completed, soonest first
  std::vector<Role> roles = {};         // whom a mandatory course is for (core's mandatory_for)
  Id department_id = {};
};

// The booking being made: the day, the floor, and the places with their state for that person.
struct BookingChoice {
  Date day{};
  Id floor_id;
  bool loading = false;
  std::vector<Place> places;
  std::optional<Id> selected;  // the place asked about: "Book 3.14 for Thursday?"
};

struct Confirmation {
  std::string place_name;
  Instant start{};
  Instant end{};
  std::string icalendar;          // the booking as one VEVENT
  std::optional<ui::QrMatrix> qr;  // icalendar as a QR code; nullopt when it does not fit one
};

// The answer to the last thing the person did, in words, with a tone that is never alone.
struct Message {
  std::string text;
  ui::Tone tone = ui::Tone::neutral;
};

struct KioskSettings {
  i18n::Language language = i18n::Language::de;
  bool high_contrast = false;
  bool large_text = false;
  bool speech = false;
};

struct KioskState {
  Screen screen = Screen::idle;
  Instant now{};                  // wall clock of this frame
  BuildingToday today;
  bool online = true;             // the last request reached the server
  bool busy = false;              // a sign-in or booking is on its way
  bool night = false;             // outside opening hours: dimmed, no frames until touched
  std::optional<std::chrono::seconds> idle_warning;  // shown with the seconds left
  KioskSettings settings;
  std::optional<Message> message;
  // Typed secrets: the screens read their length (dots), never their digits.
  const SecretBuffer<kBadgeDigits>* badge = nullptr;
  const SecretBuffer<kPinDigits>* pin = nullptr;
  const SecretBuffer<kTextLength>* username = nullptr;
  const SecretBuffer<kTextLength>* password = nullptr;
  bool typing_password = false;   // which field the on-screen keyboard types into
  std::optional<Person> person;
  BookingChoice booking;
  std::optional<Confirmation> confirmation;
};

// ---- Intents -----------------------------------------------------------------------------------

struct TapSignIn {};             // "Anmelden": user name and password instead of a badge
struct KeyTyped { char c = 0; };  // a key of the PIN pad or the on-screen keyboard
struct KeyErased {};
struct SwitchField {};           // the on-screen keyboard: user name <-> password
struct Submit {};                // OK on the PIN pad or keyboard
struct Back {};                  // back to the screen before (idle from a sign-in screen)
struct Done {};                  // "Fertig": sign out at once
struct StayOn {};                // "Weiter": the idle warning's button
struct ToggleContrast {};
struct ToggleLargeText {};
struct ToggleSpeech {};
struct SwitchLanguage {};
struct StartBooking {};
struct PickDay { Date day{}; };
struct PickFloor { Id floor_id; };
struct PickPlace { Id resource_id; };
struct ConfirmBooking {};
struct CheckIn { Id booking_id; };
struct CancelBooking { Id booking_id; };

using Intent = std::variant<TapSignIn, KeyTyped, KeyErased, SwitchField, Submit, Back, Done, StayOn, ToggleContrast,
                            ToggleLargeText, ToggleSpeech, SwitchLanguage, StartBooking, PickDay, PickFloor, PickPlace,
                            ConfirmBooking, CheckIn, CancelBooking>;
using Intents = std::vector<Intent>;

// ---- Pure views of the state, shared by the screens and their tests ----------------------------

struct FloorCount {
  const KioskFloor* floor = nullptr;
  int free_desks = 0;
  int desks = 0;
};
std::vector<FloorCount> free_desks_per_floor(const BuildingToday& today);

// A room now: free (until `next`, or all day) or busy (until `next`).
struct RoomNow {
  const Place* room = nullptr;
  bool free = true;
  std::optional<Instant> next;
};
std::vector<RoomNow> rooms_now(const BuildingToday& today, Instant now);

// The next `count` days a place can be booked on, from today: the department's rules
// (core/rules.hpp) decide, and today only while its day slot has not ended yet.
std::vector<Date> bookable_days(const DepartmentPolicy& policy, Instant now, int count);

// The person's booking here today that can be checked in now or is checked in, if any.
const PersonBooking* booking_here_today(const KioskState& state);

}  // namespace stellwerk::kiosk
