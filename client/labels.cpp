// Label tables for the enumerations the UI shows. Strings are marked with STELLWERK_TR_NOOP in
// the tables and translated with tr() when shown, so a language switch takes effect at once.
#include "labels.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "stellwerk/core/i18n.hpp"
#include "stellwerk/widgets/icons.hpp"

namespace stellwerk::client {
namespace {

using i18n::tr;

template <typename Enum, std::size_t N>
const char* pick(const std::array<const char*, N>& table, Enum value) {
  static_assert(N == static_cast<std::size_t>(Enum::COUNT), "every enumerator needs a label");
  const auto index = static_cast<std::size_t>(value);
  return index < N ? table[index] : "";
}

constexpr std::array<const char*, 6> kViewLabels{
    STELLWERK_TR_NOOP("Home"), STELLWERK_TR_NOOP("Desks"), STELLWERK_TR_NOOP("Schedule"),
    STELLWERK_TR_NOOP("Training"), STELLWERK_TR_NOOP("Settings"), STELLWERK_TR_NOOP("Team")};
constexpr std::array<const char*, 6> kViewIcons{ui::icon::home, ui::icon::desk, ui::icon::calendar,
                                                ui::icon::training, ui::icon::settings, ui::icon::room};
constexpr std::array<const char*, 6> kWorkModeLabels{
    STELLWERK_TR_NOOP("Office"), STELLWERK_TR_NOOP("Remote"), STELLWERK_TR_NOOP("Leave"),
    // Not "Training": that is the view's name, and the work mode needs its own German word.
    STELLWERK_TR_NOOP("In training"), STELLWERK_TR_NOOP("Business travel"), STELLWERK_TR_NOOP("Day off")};
constexpr std::array<const char*, 6> kWorkModeIcons{ui::icon::office, ui::icon::remote, ui::icon::leave,
                                                    ui::icon::training, ui::icon::travel, ui::icon::off};
constexpr std::array<const char*, 3> kHalfDayLabels{STELLWERK_TR_NOOP("Whole day"), STELLWERK_TR_NOOP("Morning"),
                                                    STELLWERK_TR_NOOP("Afternoon")};
constexpr std::array<const char*, 4> kBookingStateLabels{STELLWERK_TR_NOOP("Booked"), STELLWERK_TR_NOOP("Checked in"),
                                                         STELLWERK_TR_NOOP("Released"), STELLWERK_TR_NOOP("Cancelled")};
constexpr std::array<const char*, 3> kResourceTypeLabels{STELLWERK_TR_NOOP("Desk"), STELLWERK_TR_NOOP("Meeting room"),
                                                         STELLWERK_TR_NOOP("Parking space")};
constexpr std::array<const char*, 3> kResourceTypeIcons{ui::icon::desk, ui::icon::room, ui::icon::parking};
constexpr std::array<const char*, 2> kEnrollmentStateLabels{STELLWERK_TR_NOOP("Enrolled"),
                                                            STELLWERK_TR_NOOP("Completed")};
constexpr std::array<const char*, 3> kCourseFormatLabels{STELLWERK_TR_NOOP("E-learning"), STELLWERK_TR_NOOP("Classroom"),
                                                         STELLWERK_TR_NOOP("Blended")};
// What a refused change was, as the heading of its entry in the conflicts panel.
constexpr std::array<const char*, 19> kChangeKindLabels{
    STELLWERK_TR_NOOP("Booking"), STELLWERK_TR_NOOP("Cancellation"), STELLWERK_TR_NOOP("Move"), STELLWERK_TR_NOOP("Check-in"),
    STELLWERK_TR_NOOP("Plan for a day"), STELLWERK_TR_NOOP("Enrolment"), STELLWERK_TR_NOOP("Course completion"),
    STELLWERK_TR_NOOP("Favourite"), STELLWERK_TR_NOOP("Remove favourite"),
    STELLWERK_TR_NOOP("Showing my team office or remote"), STELLWERK_TR_NOOP("Working time"),
    STELLWERK_TR_NOOP("Remove working time"), STELLWERK_TR_NOOP("Decision on a request"),
    STELLWERK_TR_NOOP("Withdrawal from a course"), STELLWERK_TR_NOOP("Own level in a competence"),
    STELLWERK_TR_NOOP("Place on the floor plan"), STELLWERK_TR_NOOP("Removal of a place"),
    STELLWERK_TR_NOOP("Drawing of a floor"), STELLWERK_TR_NOOP("Change")};
constexpr std::array<const char*, 3> kThemeLabels{STELLWERK_TR_NOOP("Light"), STELLWERK_TR_NOOP("Dark"),
                                                  STELLWERK_TR_NOOP("High contrast")};
constexpr std::array<const char*, 7> kWeekdays{
    STELLWERK_TR_NOOP("Monday"), STELLWERK_TR_NOOP("Tuesday"), STELLWERK_TR_NOOP("Wednesday"),
    STELLWERK_TR_NOOP("Thursday"), STELLWERK_TR_NOOP("Friday"), STELLWERK_TR_NOOP("Saturday"),
    STELLWERK_TR_NOOP("Sunday")};
constexpr std::array<const char*, 7> kWeekdaysShort{
    STELLWERK_TR_NOOP("Mon"), STELLWERK_TR_NOOP("Tue"), STELLWERK_TR_NOOP("Wed"), STELLWERK_TR_NOOP("Thu"),
    STELLWERK_TR_NOOP("Fri"), STELLWERK_TR_NOOP("Sat"), STELLWERK_TR_NOOP("Sun")};
constexpr std::array<const char*, 12> kMonths{
    STELLWERK_TR_NOOP("January"), STELLWERK_TR_NOOP("February"), STELLWERK_TR_NOOP("March"),
    STELLWERK_TR_NOOP("April"), STELLWERK_TR_NOOP("May"), STELLWERK_TR_NOOP("June"),
    STELLWERK_TR_NOOP("July"), STELLWERK_TR_NOOP("August"), STELLWERK_TR_NOOP("September"),
    STELLWERK_TR_NOOP("October"), STELLWERK_TR_NOOP("November"), STELLWERK_TR_NOOP("December")};

constexpr std::array<const char*, 4> kTimeChoiceLabels{STELLWERK_TR_NOOP("Whole day"), STELLWERK_TR_NOOP("Morning"),
                                                       STELLWERK_TR_NOOP("Afternoon"), STELLWERK_TR_NOOP("Time range")};
constexpr std::array<const char*, 5> kDeskLayoutLabels{STELLWERK_TR_NOOP("Floor plan"), STELLWERK_TR_NOOP("List"),
                                                       STELLWERK_TR_NOOP("Meeting rooms"), STELLWERK_TR_NOOP("My bookings"),
                                                       STELLWERK_TR_NOOP("Edit plan")};
// The words of the glossary (docs/glossary.md): frei, gebucht, meine Buchung, ausstehend, nicht
// verfügbar, barrierefrei reserviert.
constexpr std::array<const char*, 6> kSpotStateLabels{
    STELLWERK_TR_NOOP("free"), STELLWERK_TR_NOOP("booked"), STELLWERK_TR_NOOP("my booking"),
    STELLWERK_TR_NOOP("pending"), STELLWERK_TR_NOOP("not available"), STELLWERK_TR_NOOP("reserved accessible")};
constexpr std::array<const char*, 6> kSpotStateIcons{ui::icon::check, ui::icon::cancel, ui::icon::user,
                                                     ui::icon::pending, ui::icon::off, ui::icon::accessible};

struct FeatureLabel {
  std::string_view wire;
  const char* text;
};
constexpr FeatureLabel kFeatures[] = {
    {"monitor", STELLWERK_TR_NOOP("Monitor")},
    {"docking", STELLWERK_TR_NOOP("Docking station")},
    {"sit_stand", STELLWERK_TR_NOOP("Sit-stand desk")},
    {"quiet", STELLWERK_TR_NOOP("Quiet zone")},
    {"accessible", STELLWERK_TR_NOOP("Accessible")},
    {"video", STELLWERK_TR_NOOP("Video conferencing")},
    {"whiteboard", STELLWERK_TR_NOOP("Whiteboard")},
    {"display", STELLWERK_TR_NOOP("Large display")},
    {"ev_charger", STELLWERK_TR_NOOP("EV charger")},
};

}  // namespace

const char* label(ViewId v) { return tr(pick(kViewLabels, v)); }
const char* label(ChangeKind v) { return tr(pick(kChangeKindLabels, v)); }
const char* label(CourseFormat v) { return tr(pick(kCourseFormatLabels, v)); }

std::string language_name(std::string_view code) {
  if (code == "de") return tr("German");
  if (code == "en") return tr("English");
  std::string upper{code};  // a language the client has no name for: its code, as "FR"
  for (char& c : upper) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - ('a' - 'A') : c);
  return upper;
}
const char* icon(ViewId v) { return pick(kViewIcons, v); }
const char* label(WorkMode v) { return tr(pick(kWorkModeLabels, v)); }
const char* icon(WorkMode v) { return pick(kWorkModeIcons, v); }
const char* label(HalfDay v) { return tr(pick(kHalfDayLabels, v)); }
const char* label(BookingState v) { return tr(pick(kBookingStateLabels, v)); }
const char* label(ResourceType v) { return tr(pick(kResourceTypeLabels, v)); }
const char* icon(ResourceType v) { return pick(kResourceTypeIcons, v); }
const char* label(EnrollmentState v) { return tr(pick(kEnrollmentStateLabels, v)); }
const char* label(ui::ThemeId v) { return tr(pick(kThemeLabels, v)); }
// holiday_name_en() views a string literal, so data() is NUL-terminated.
const char* label(HolidayKind v) { return tr(holiday_name_en(v).data()); }

const char* label(TimeChoice v) { return tr(pick(kTimeChoiceLabels, v)); }
const char* label(DeskLayout v) { return tr(pick(kDeskLayoutLabels, v)); }
const char* label(ui::SpotState v) { return tr(pick(kSpotStateLabels, v)); }
const char* icon(ui::SpotState v) { return pick(kSpotStateIcons, v); }

const char* problem_text(Refusal reason) { return tr(refusal_message_en(reason)); }

const char* enrolment_closed_label(Refusal reason) {
  return reason == Refusal::course_full ? tr("Fully booked") : tr("Enrolment closed: the course has begun");
}

const char* problem_text(std::string_view code) {
  const auto reason = parse_refusal(code);
  return tr(reason ? refusal_message_en(*reason) : unknown_refusal_message_en());
}

std::string refusal_text(std::string_view code, std::string_view server_title) {
  if (const auto reason = parse_refusal(code)) return problem_text(*reason);
  if (!server_title.empty()) return std::string{server_title};
  return fmt::format(fmt::runtime(tr("The server refused this change ({}).")), code);
}

const char* language_name(i18n::Language language) {
  // Each language is named in itself, so a person who cannot read the current one finds theirs.
  return language == i18n::Language::en ? "English" : "Deutsch";
}

std::vector<std::string_view> known_features() {
  std::vector<std::string_view> names;
  for (const FeatureLabel& f : kFeatures) names.push_back(f.wire);
  return names;
}

const char* feature_label(std::string_view wire_name) {
  for (const FeatureLabel& f : kFeatures) {
    if (f.wire == wire_name) return tr(f.text);
  }
  return nullptr;
}

const char* weekday_name(int index) { return tr(kWeekdays[static_cast<std::size_t>(index % 7)]); }
const char* weekday_short(int index) { return tr(kWeekdaysShort[static_cast<std::size_t>(index % 7)]); }
const char* month_name(unsigned month) { return tr(kMonths[(month - 1) % 12]); }

std::string long_date(Date day) {
  if (!day.ok()) return {};  // an unset date is no date at all ("Tuesday, 0 April 0")
  const int weekday = weekday_index(day);
  const unsigned d = static_cast<unsigned>(day.day());
  const unsigned m = static_cast<unsigned>(day.month());
  const int y = static_cast<int>(day.year());
  // TRANSLATORS: a long date. {0} weekday name, {1} day of month, {2} month name, {3} year.
  return fmt::format(fmt::runtime(tr("{0}, {1} {2} {3}")), weekday_name(weekday), d, month_name(m), y);
}

std::string short_date(Date day) {
  const unsigned d = static_cast<unsigned>(day.day());
  const unsigned m = static_cast<unsigned>(day.month());
  // TRANSLATORS: a short date for column headers. {0} day, {1} month name, {2} month number.
  return fmt::format(fmt::runtime(tr("{0} {1:.3}")), d, month_name(m), m);
}

std::string display_date(Date day) {
  const unsigned d = static_cast<unsigned>(day.day());
  const unsigned m = static_cast<unsigned>(day.month());
  // TRANSLATORS: a date in running text. {0} day, {1} month name, {2} year, {3} month number.
  return fmt::format(fmt::runtime(tr("{0} {1:.3} {2}")), d, month_name(m), static_cast<int>(day.year()), m);
}

std::string time_range(Instant start, Instant end) {
  const MinuteOfDay a = local_minute(start);
  const MinuteOfDay b = local_minute(end);
  return fmt::format("{:02}:{:02}–{:02}:{:02}", a / 60, a % 60, b / 60, b % 60);
}

std::string relative_time(std::optional<Instant> when, Instant now) {
  if (!when) return tr("never");
  const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(now - *when).count();
  if (minutes < 1) return tr("just now");
  if (minutes < 60) {
    return fmt::format(fmt::runtime(i18n::trn("{} minute ago", "{} minutes ago", static_cast<unsigned long>(minutes))),
                       minutes);
  }
  const auto hours = minutes / 60;
  if (hours < 24) {
    return fmt::format(fmt::runtime(i18n::trn("{} hour ago", "{} hours ago", static_cast<unsigned long>(hours))), hours);
  }
  return fmt::format("{} {}", display_date(local_date(*when)), time_range(*when, *when).substr(0, 5));
}

std::string day_count(double days, i18n::Language language) {
  std::string text = fmt::format("{:.1f}", days);
  if (text.ends_with(".0")) text.resize(text.size() - 2);
  if (language == i18n::Language::de) std::replace(text.begin(), text.end(), '.', ',');
  return text;
}

}  // namespace stellwerk::client
