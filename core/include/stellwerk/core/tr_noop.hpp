// Marker for English source strings that core/ exposes but never translates itself: holiday
// names, DigComp titles, proficiency bands. core/ has no gettext and no locale; the client
// looks each string up in its catalogue at display time. The macro only exists so that the
// strings are found: xgettext extracts them with `--keyword=STELLWERK_TR_NOOP`, and a string
// that lacks the marker would silently stay English in the German UI.
#pragma once

#define STELLWERK_TR_NOOP(s) s
