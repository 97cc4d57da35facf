// What a person asked for in the UI. Views emit intents instead of changing state, so a view can
// be driven headless in a test and its output checked; the Controller applies them on the UI thread
// by handing each to its feature's handler (desks/desks_handler.hpp, …), which hands disk work to
// the background worker. Each feature declares its intents in its own room (desks/desks_intents.hpp,
// …); this is the one variant built from them. Adding an intent: declare it in the feature's
// intents header, add it here, and add its handle() overload to the feature's handler.
#pragma once

#include <variant>
#include <vector>

#include "desks/desks_intents.hpp"
#include "home/home_intents.hpp"
#include "presence/presence_intents.hpp"
#include "schedule/schedule_intents.hpp"
#include "settings/settings_intents.hpp"
#include "sign_in/sign_in_intents.hpp"
#include "team/team_intents.hpp"
#include "training/training_intents.hpp"

namespace stellwerk::client {

using Intent = std::variant<Navigate, ChangeLanguage, ChangeTheme, ChangeScale, SelectBuilding, SelectFloor,
                            ShowWeek, EditWorkday, CancelEdit, PlanWorkday, ExportCalendar, DismissNotice, SignIn,
                            SignOut, SyncNow, ShowSignIn, CloseSignIn, ShowDay, ChooseTime, ChooseLayout,
                            ToggleFeatureFilter, ToggleOnlyFree, SelectResource, CloseReport, BookResource,
                            BookRecurring, BookUsual, ToggleFavourite, MakeUsual, CancelBooking,
                            CancelBookingsBetween, CheckIn, Enroll, CompleteCourse, BookAlternative, DismissConflict,
                            MoveBooking, DismissToast, FilterCourses, ShowTrainingList, ChooseCompetence,
                            AssessCompetence, WithdrawEnrollment, RefreshKiosks, RegisterKiosk, RevokeKiosk,
                            SaveCertificate, CloseKioskToken, SaveUsualWeek, ApplyUsualWeek,
                            DismissPlanOffer, ShowMonth, SharePresence, SaveWorkTime, RemoveWorkTime,
                            RefreshTeam, ShowTeamMonth, DecideRequest, SavePlace, AskPlaceRemoval, RemovePlace,
                            KeepPlace, UploadDrawing, ExportMyData>;

using Intents = std::vector<Intent>;

}  // namespace stellwerk::client
