// Translated, human-readable labels for domain values: the one place that turns an enumerator or a
// date into words. Each table is checked against its enum's COUNT at compile time (labels.cpp).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "stellwerk/core/calendar.hpp"
#include "stellwerk/core/domain.hpp"
#include "stellwerk/core/refusal.hpp"
#include "stellwerk/widgets/floor_plan.hpp"
#include "stellwerk/widgets/theme.hpp"
#include "app_state.hpp"

namespace stellwerk::client {

const char* label(ViewId);
const char* label(ChangeKind);
const char* label(WorkMode);
const char* label(HalfDay);
const char* label(BookingState);
const char* label(ResourceType);
const char* label(EnrollmentState);
const char* label(CourseFormat);
// The name of a course's language (ISO 639-1 code) in the language shown.
std::string language_name(std::string_view code);
const char* label(ui::ThemeId);
const char* label(HolidayKind);
const char* label(TimeChoice);
const char* label(DeskLayout);
const char* label(ui::SpotState);   // "free", "booked", "my booking", … (lower case: shown on the plan)
const char* language_name(i18n::Language);   // in its own language: "Deutsch", "English"
const char* icon(ViewId);
const char* icon(WorkMode);
const char* icon(ResourceType);
const char* icon(ui::SpotState);
const char* feature_label(std::string_view wire_name);  // unknown features are shown as they are
std::vector<std::string_view> known_features();          // the wire names feature_label has words for

// A booking rule or refusal in plain words, in the UI language, from core's one table of reasons
// (core/refusal.hpp), which the server's titles come from as well: "holiday" → "This day is a
// public holiday.". An unknown code gets the general "The request was refused.".
const char* problem_text(Refusal reason);
const char* problem_text(std::string_view code);

// The few words a course's row shows where core's enrolment_refusal offers no "Enrol": "Fully
// booked" or "Enrolment closed: the course has begun" (the whole sentence is problem_text's).
const char* enrolment_closed_label(Refusal reason);

// What the person reads about a change the server refused: the client's own words for a code it
// knows, in the UI language now (the server's title was written in the language of the sync that
// met it); the server's title only for a code this build does not know; without either, a
// sentence naming the code.
std::string refusal_text(std::string_view code, std::string_view server_title);

const char* weekday_name(int monday_based_index);  // "Monday" …
const char* weekday_short(int monday_based_index);  // "Mon" …
const char* month_name(unsigned month);             // 1..12

// "Wednesday, 25 November 2026" / "Mittwoch, 25. November 2026"; "" for an invalid date
std::string long_date(Date day);
// "25.11." in German, "25 Nov" in English: for column headers
std::string short_date(Date day);
// "23 Nov 2026" / "23.11.2026": dates in running text
std::string display_date(Date day);
// "08:00–17:00" in Berlin time
std::string time_range(Instant start, Instant end);
// "just now", "5 minutes ago", "never" …
std::string relative_time(std::optional<Instant> when, Instant now);

// A count of days with at most one decimal, as the language writes it: "6.5" / "6,5", "7" for 7.0.
std::string day_count(double days, i18n::Language language);

}  // namespace stellwerk::client
