// A floor drawing for the demo city, drawn from the floor's places so a person recognises the floor
// the way a facility plan shows it: outer walls with windows, a stair and lift core, rooms with doors,
// tables under the desks and painted parking bays. The app puts its coloured place markers on top,
// so the drawing stays muted and keeps every place's inside light.
#pragma once

#include <span>
#include <string>

namespace stellwerk::server {

// What the drawing needs to know of a place on the floor: its kind and its rectangle in metres
// (x to the right, y downwards, from the floor's top-left corner).
enum class DrawnPlaceKind : unsigned char { desk, room, parking };
struct DrawnPlace {
  DrawnPlaceKind kind = DrawnPlaceKind::desk;
  double x = 0, y = 0, w = 0, h = 0;
};
inline constexpr int kDemoDrawingPixelsPerMetre = 40;
// A floor drawing for the demo city, generated (never copied from anywhere): PNG bytes,
// width_m × height_m at kDemoDrawingPixelsPerMetre, so the image's corners are the plan's corners.
// No side grows beyond 4096 pixels: a larger floor is drawn at fewer pixels per metre, so its image is
// smaller than width_m × height_m × 40 but still maps corner to corner. A size that is not a positive
// finite number gives an empty string; places partly or wholly off the floor are clipped, not refused.
std::string draw_demo_floor(double width_m, double height_m, std::span<const DrawnPlace> places);

}  // namespace stellwerk::server
