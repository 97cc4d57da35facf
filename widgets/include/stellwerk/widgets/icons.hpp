// FontAwesome 4.7 code points (Debian's fonts-font-awesome), as UTF-8 strings. Icons always come
// with a text label or a tooltip: an icon alone must never be the only carrier of meaning.
#pragma once

namespace ui::icon {

inline constexpr const char* home = "\xef\x80\x95";            // f015
inline constexpr const char* desk = "\xef\x84\x88";            // f108 desktop
inline constexpr const char* calendar = "\xef\x81\xb3";        // f073
inline constexpr const char* training = "\xef\x86\x9d";        // f19d graduation-cap
inline constexpr const char* settings = "\xef\x80\x93";        // f013 cog
inline constexpr const char* online = "\xef\x87\xab";          // f1eb wifi
inline constexpr const char* offline = "\xef\x84\xa7";         // f127 chain-broken
inline constexpr const char* local = "\xef\x87\x80";           // f1c0 database
inline constexpr const char* pending = "\xef\x80\xa1";         // f021 refresh
inline constexpr const char* clock = "\xef\x80\x97";           // f017 clock-o
inline constexpr const char* check = "\xef\x80\x8c";           // f00c
inline constexpr const char* warning = "\xef\x81\xb1";         // f071 exclamation-triangle
inline constexpr const char* error = "\xef\x81\xaa";           // f06a exclamation-circle
inline constexpr const char* info = "\xef\x84\xa9";            // f129
inline constexpr const char* building = "\xef\x86\xad";        // f1ad
inline constexpr const char* office = "\xef\x86\xad";          // f1ad building
inline constexpr const char* remote = "\xef\x80\x95";          // f015 home
inline constexpr const char* leave = "\xef\x86\x85";           // f185 sun-o
inline constexpr const char* travel = "\xef\x81\xb2";          // f072 plane
inline constexpr const char* off = "\xef\x86\x86";             // f186 moon-o
inline constexpr const char* room = "\xef\x83\x80";            // f0c0 users
inline constexpr const char* parking = "\xef\x86\xb9";         // f1b9 car
inline constexpr const char* accessible = "\xef\x86\x93";      // f193 wheelchair
inline constexpr const char* certificate = "\xef\x82\xa3";     // f0a3
inline constexpr const char* language = "\xef\x86\xab";        // f1ab
inline constexpr const char* palette = "\xef\x87\xbc";         // f1fc paint-brush
inline constexpr const char* text_size = "\xef\x80\xb4";       // f034 text-height
inline constexpr const char* left = "\xef\x81\x93";            // f053 chevron-left
inline constexpr const char* right = "\xef\x81\x94";           // f054 chevron-right
inline constexpr const char* holiday = "\xef\x80\x85";         // f005 star
inline constexpr const char* sign_in = "\xef\x82\x90";         // f090 sign-in
inline constexpr const char* sign_out = "\xef\x82\x8b";        // f08b sign-out
inline constexpr const char* user = "\xef\x80\x87";            // f007
inline constexpr const char* server = "\xef\x88\xb3";          // f233
inline constexpr const char* cancel = "\xef\x80\x8d";          // f00d times
inline constexpr const char* favourite = "\xef\x80\x85";       // f005 star (the glyph of `holiday`)
inline constexpr const char* fit = "\xef\x81\xa5";             // f065 expand: show the whole floor plan
inline constexpr const char* speech = "\xef\x80\xa8";          // f028 volume-up: the kiosk speaks
inline constexpr const char* dot = "\xef\x84\x91";             // f111 circle: one typed digit of a PIN
inline constexpr const char* add = "\xef\x81\xa7";             // f067 plus: add a place in the floor-plan editor
inline constexpr const char* upload = "\xef\x82\x93";          // f093 upload: send a floor's drawing
inline constexpr const char* download = "\xef\x80\x99";        // f019 download: export what is stored about me

// Every icon above: only these glyphs go into the font atlas (FontAwesome has ~700), which keeps
// the atlas small and the start-up fast. An icon missing here shows as a box.
inline constexpr const char* all[] = {home, desk, calendar, training, settings, online, offline, local, pending, clock, check, warning, error, info, building, office, remote, leave, travel, off, room, parking, accessible, certificate, language, palette, text_size, left, right, holiday, sign_in, sign_out, user, server, cancel, favourite, fit, speech, dot, add, upload, download};

}  // namespace ui::icon
