#include "demo_drawing.hpp"

#include <stb_image_write.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <numbers>
#include <optional>
#include <utility>
#include <vector>

namespace stellwerk::server {
namespace {

constexpr int kMaxImageSide = 4096;

struct Rgb {
  unsigned char r, g, b;
};

// Muted, light colours: the app's coloured place markers have to stand out on all of them. Only the
// walls are dark, as on a printed plan.
constexpr Rgb kFloorColour{247, 244, 237};  // warm paper white
constexpr Rgb kRoomFloorColour{240, 239, 234};
constexpr Rgb kOuterWallColour{74, 74, 78};
constexpr Rgb kInnerWallColour{96, 96, 100};
constexpr Rgb kGlassColour{188, 214, 235};
constexpr Rgb kGlazingLineColour{128, 166, 204};
constexpr Rgb kDoorLeafColour{150, 150, 153};
constexpr Rgb kCoreFloorColour{230, 228, 223};
constexpr Rgb kCoreLineColour{138, 138, 141};
constexpr Rgb kTableColour{253, 253, 251};
constexpr Rgb kFurnitureLineColour{186, 184, 179};
constexpr Rgb kParkingSurfaceColour{178, 180, 183};
constexpr Rgb kParkingPaintColour{251, 251, 251};

// Sizes in metres, as an office floor's plan has them.
constexpr double kOuterWall = 0.3;
constexpr double kInnerWall = 0.12;
constexpr double kWindowLength = 1.8;
constexpr double kPierLength = 1.2;
constexpr double kCornerPier = 1.0;  // from the outer corner, so no window sits in a corner
constexpr double kGlazingLine = 0.04;
constexpr double kDoorWidth = 0.9;
constexpr double kDoorLeaf = 0.04;
constexpr double kThinLine = 0.03;
constexpr double kTableInset = 0.05;
constexpr double kChairWidth = 0.5, kChairDepth = 0.45, kChairGap = 0.08, kChairBack = 0.08;
constexpr double kParkingLine = 0.12;
constexpr double kCoreWall = 0.2;
constexpr double kStairLength = 3.6, kLiftLength = 2.0, kCoreDepth = 2.2;
constexpr double kTreadDepth = 0.28, kLandingDepth = 1.0, kStairwell = 0.1, kLiftCarInset = 0.15;
constexpr double kCoreClearance = 0.6;  // room to walk between the core and any place
constexpr double kColumnSide = 0.4, kColumnSpacing = 7.5;
constexpr double kColumnClearance = 0.6;  // as far as a chair reaches beside its desk
// Below these sizes in pixels a window, a column or the core would be a smudge, not something to
// recognise.
constexpr double kSmallestWindowPixels = 3, kSmallestColumnPixels = 3, kSmallestCorePixels = 12;

struct Rect {
  double x = 0, y = 0, w = 0, h = 0;
  double right() const { return x + w; }
  double bottom() const { return y + h; }
  double centre_x() const { return x + w / 2; }
  double centre_y() const { return y + h / 2; }
};

bool overlaps(const Rect& a, const Rect& b) {
  return a.x < b.right() && b.x < a.right() && a.y < b.bottom() && b.y < a.bottom();
}

bool contains(const Rect& outer, const Rect& inner) {
  return outer.x <= inner.x && inner.right() <= outer.right() && outer.y <= inner.y && inner.bottom() <= outer.bottom();
}

Rect grown(const Rect& rect, double margin) {
  return {rect.x - margin, rect.y - margin, rect.w + 2 * margin, rect.h + 2 * margin};
}

// An RGB image and the scale between the plan's metres and its pixels. x and y have their own scale so
// the image's corners are the plan's corners even though the pixel counts were rounded.
struct Canvas {
  int width = 0, height = 0;
  double x_scale = 0, y_scale = 0;  // pixels per metre
  std::vector<unsigned char> rgb;
};

// A canvas of one colour for a floor, at kDemoDrawingPixelsPerMetre, or fewer so no side exceeds
// kMaxImageSide (then the image is smaller, but its corners are still the floor's corners).
Canvas blank_canvas(double width_m, double height_m, Rgb colour) {
  const double pixels_per_metre =
      std::min({static_cast<double>(kDemoDrawingPixelsPerMetre), kMaxImageSide / width_m, kMaxImageSide / height_m});
  const auto pixels = [&](double metres) {
    return std::clamp(static_cast<int>(std::lround(metres * pixels_per_metre)), 1, kMaxImageSide);
  };
  Canvas canvas{pixels(width_m), pixels(height_m), 0, 0, {}};
  canvas.x_scale = canvas.width / width_m;
  canvas.y_scale = canvas.height / height_m;
  const auto count = static_cast<std::size_t>(canvas.width) * static_cast<std::size_t>(canvas.height);
  canvas.rgb.resize(count * 3);
  for (std::size_t i = 0; i < count * 3; i += 3) {
    canvas.rgb[i] = colour.r;
    canvas.rgb[i + 1] = colour.g;
    canvas.rgb[i + 2] = colour.b;
  }
  return canvas;
}

// A pixel edge clamped to [0, limit]; NaN lands on 0 so no conversion is ever undefined.
int clamped_pixel(double pixel, int limit) {
  if (!(pixel > 0)) return 0;
  return pixel >= limit ? limit : static_cast<int>(pixel);
}

// The half-open pixel span [first, last) a span in metres covers. A span thinner than a pixel still
// gets the pixel its middle falls in, so thin lines do not vanish on floors drawn at few pixels per
// metre, and a line at a rectangle's inner edge stays inside the rectangle.
std::pair<int, int> pixel_span(double start, double length, double scale, int limit) {
  double first = std::round(start * scale), last = std::round((start + length) * scale);
  if (length > 0 && last <= first) {
    first = std::floor((start + length / 2) * scale);
    last = first + 1;
  }
  return {clamped_pixel(first, limit), clamped_pixel(last, limit)};
}

// Fills the pixels [x0, x1) × [y0, y1), which the caller has clamped to the image.
void fill_pixels(Canvas& canvas, int x0, int x1, int y0, int y1, Rgb colour) {
  for (int y = y0; y < y1; ++y) {
    auto pixel = canvas.rgb.begin() + (static_cast<std::ptrdiff_t>(y) * canvas.width + x0) * 3;
    for (int x = x0; x < x1; ++x) {
      *pixel++ = colour.r;
      *pixel++ = colour.g;
      *pixel++ = colour.b;
    }
  }
}

// Fills the pixels a rectangle in metres covers, clamped to the image.
void fill_rect(Canvas& canvas, const Rect& rect, Rgb colour) {
  const auto [x0, x1] = pixel_span(rect.x, rect.w, canvas.x_scale, canvas.width);
  const auto [y0, y1] = pixel_span(rect.y, rect.h, canvas.y_scale, canvas.height);
  fill_pixels(canvas, x0, x1, y0, y1, colour);
}

// A rectangle's outline, drawn inside it so it never reaches beyond the rectangle.
void stroke_rect(Canvas& canvas, const Rect& rect, double thickness, Rgb colour) {
  fill_rect(canvas, {rect.x, rect.y, rect.w, thickness}, colour);
  fill_rect(canvas, {rect.x, rect.bottom() - thickness, rect.w, thickness}, colour);
  fill_rect(canvas, {rect.x, rect.y, thickness, rect.h}, colour);
  fill_rect(canvas, {rect.right() - thickness, rect.y, thickness, rect.h}, colour);
}

// A square of a side centred on a point: what the few lines that are not axis-aligned are made of.
// It is always the same whole number of pixels wide, so a line of stamps is even instead of beaded.
void stamp(Canvas& canvas, double x, double y, double side, Rgb colour) {
  const auto pixels = [&](double centre, double scale, int limit) {
    const double count = std::max(1.0, std::round(side * scale));
    const double first = std::floor(centre * scale) - std::floor((count - 1) / 2);
    return std::pair{clamped_pixel(first, limit), clamped_pixel(first + count, limit)};
  };
  const auto [x0, x1] = pixels(x, canvas.x_scale, canvas.width);
  const auto [y0, y1] = pixels(y, canvas.y_scale, canvas.height);
  fill_pixels(canvas, x0, x1, y0, y1, colour);
}

// A straight line between two points in metres, stamped half a pixel apart so it has no holes. Only
// short lines of fixed length use it (the lift's cross, door leaves), so the stamps stay few.
void draw_line(Canvas& canvas, double x0, double y0, double x1, double y1, double thickness, Rgb colour) {
  const double length = std::hypot((x1 - x0) * canvas.x_scale, (y1 - y0) * canvas.y_scale);
  const int steps = std::max(1, static_cast<int>(std::ceil(std::min(length, 2.0 * kMaxImageSide) * 2)));
  for (int i = 0; i <= steps; ++i) {
    const double t = static_cast<double>(i) / steps;
    stamp(canvas, x0 + (x1 - x0) * t, y0 + (y1 - y0) * t, thickness, colour);
  }
}

// A door's swing: the quarter circle around its hinge from the open leaf's tip to the far jamb.
void draw_swing(Canvas& canvas, double hinge_x, double hinge_y, double radius, std::pair<double, double> leaf,
                std::pair<double, double> closed, Rgb colour) {
  const double length = radius * std::max(canvas.x_scale, canvas.y_scale) * std::numbers::pi / 2;
  const int steps = std::max(1, static_cast<int>(std::ceil(std::min(length, 2.0 * kMaxImageSide) * 2)));
  for (int i = 0; i <= steps; ++i) {
    const double angle = std::numbers::pi / 2 * i / steps;
    const double along_leaf = std::cos(angle) * radius, along_closed = std::sin(angle) * radius;
    stamp(canvas, hinge_x + leaf.first * along_leaf + closed.first * along_closed,
          hinge_y + leaf.second * along_leaf + closed.second * along_closed, kThinLine, colour);
  }
}

// Window spans along a façade of a length, as (start, end) from its start: mirrored about the middle
// with a pier there (a façade's middle usually carries a column), none closer than kCornerPier to a
// corner. The caller has made sure the façade is short enough in windows to draw them all.
std::vector<std::pair<double, double>> window_spans(double length) {
  std::vector<std::pair<double, double>> spans;
  for (double start = length / 2 + kPierLength / 2; start + kWindowLength <= length - kCornerPier;
       start += kWindowLength + kPierLength) {
    spans.emplace_back(start, start + kWindowLength);
    spans.emplace_back(length - start - kWindowLength, length - start);
  }
  return spans;
}

// Glass in the wall's opening with the glazing line along its middle, as plans draw a window.
void draw_window(Canvas& canvas, const Rect& opening) {
  fill_rect(canvas, opening, kGlassColour);
  if (opening.w > opening.h) {
    fill_rect(canvas, {opening.x, opening.centre_y() - kGlazingLine / 2, opening.w, kGlazingLine}, kGlazingLineColour);
  } else {
    fill_rect(canvas, {opening.centre_x() - kGlazingLine / 2, opening.y, kGlazingLine, opening.h}, kGlazingLineColour);
  }
}

// The façade: thick walls along the floor's edges with regularly spaced windows in them.
void draw_outer_walls(Canvas& canvas, double width_m, double height_m) {
  stroke_rect(canvas, {0, 0, width_m, height_m}, kOuterWall, kOuterWallColour);
  if (kWindowLength * std::min(canvas.x_scale, canvas.y_scale) < kSmallestWindowPixels) return;
  for (const auto& [start, end] : window_spans(width_m)) {
    draw_window(canvas, {start, 0, end - start, kOuterWall});
    draw_window(canvas, {start, height_m - kOuterWall, end - start, kOuterWall});
  }
  for (const auto& [start, end] : window_spans(height_m)) {
    draw_window(canvas, {0, start, kOuterWall, end - start});
    draw_window(canvas, {width_m - kOuterWall, start, kOuterWall, end - start});
  }
}

// The stair and lift core. "Along" runs from the stair to the lift, "across" is the core's depth;
// a horizontal core has "along" to the right, an upright one downwards.
struct Core {
  Rect bounds;
  bool horizontal = true;
  bool lift_door_at_across_start = false;  // the lift opens towards the floor's middle

  Rect part(double along, double across, double along_length, double across_length) const {
    if (horizontal) return {bounds.x + along, bounds.y + across, along_length, across_length};
    return {bounds.x + across, bounds.y + along, across_length, along_length};
  }
};

// Where the core goes: the free spot nearest the floor's middle (where buildings usually have it),
// trying both orientations on a grid of candidates around the middle; nullopt when no spot inside the
// outer walls keeps kCoreClearance from every place.
std::optional<Core> find_core(double width_m, double height_m, std::span<const Rect> places) {
  const Rect inside_walls = grown({0, 0, width_m, height_m}, -kOuterWall);
  const double step = std::max(0.5, std::max(width_m, height_m) / 100);  // at most 101 × 101 candidates each way
  const int steps_x = static_cast<int>(width_m / 2 / step), steps_y = static_cast<int>(height_m / 2 / step);
  std::optional<Core> best;
  double best_distance = std::numeric_limits<double>::infinity();
  for (const bool horizontal : {true, false}) {
    const double w = horizontal ? kStairLength + kLiftLength : kCoreDepth;
    const double h = horizontal ? kCoreDepth : kStairLength + kLiftLength;
    for (int row = -steps_y; row <= steps_y; ++row) {
      for (int column = -steps_x; column <= steps_x; ++column) {
        const Rect bounds{width_m / 2 - w / 2 + column * step, height_m / 2 - h / 2 + row * step, w, h};
        const double distance = std::hypot(column * step, row * step);
        if (distance >= best_distance || !contains(inside_walls, bounds)) continue;
        const Rect clearance = grown(bounds, kCoreClearance);
        if (std::ranges::any_of(places, [&](const Rect& place) { return overlaps(clearance, place); })) continue;
        const bool middle_before = horizontal ? height_m / 2 < bounds.centre_y() : width_m / 2 < bounds.centre_x();
        best = Core{bounds, horizontal, middle_before};
        best_distance = distance;
      }
    }
  }
  return best;
}

// A dog-leg stair as plans draw it: two flights of parallel treads side by side with the stairwell
// between them, and the landing at the far end from the lift.
void draw_stair(Canvas& canvas, const Core& core) {
  const double start = kCoreWall, end = kStairLength - kCoreWall / 2, width = kCoreDepth - 2 * kCoreWall;
  fill_rect(canvas,
            core.part(start + kLandingDepth, kCoreDepth / 2 - kStairwell / 2, end - start - kLandingDepth, kStairwell),
            kCoreLineColour);
  for (double tread = start + kLandingDepth; tread < end - kTreadDepth / 2; tread += kTreadDepth) {
    fill_rect(canvas, core.part(tread, kCoreWall, kThinLine, width), kCoreLineColour);
  }
}

// A lift shaft as plans draw it: the car as a box with a cross, the door opening towards the floor.
void draw_lift(Canvas& canvas, const Core& core) {
  const double start = kStairLength + kCoreWall / 2, length = kLiftLength - kCoreWall / 2 - kCoreWall;
  const Rect car = core.part(start + kLiftCarInset, kCoreWall + kLiftCarInset, length - 2 * kLiftCarInset,
                             kCoreDepth - 2 * kCoreWall - 2 * kLiftCarInset);
  stroke_rect(canvas, car, kThinLine, kCoreLineColour);
  draw_line(canvas, car.x, car.y, car.right(), car.bottom(), kThinLine, kCoreLineColour);
  draw_line(canvas, car.x, car.bottom(), car.right(), car.y, kThinLine, kCoreLineColour);
  const double door_across = core.lift_door_at_across_start ? 0 : kCoreDepth - kCoreWall;
  fill_rect(canvas, core.part(start + kLiftCarInset, door_across, length - 2 * kLiftCarInset, kCoreWall),
            kCoreFloorColour);
}

// The core: concrete walls round it and between the stair and the lift.
void draw_core(Canvas& canvas, const Core& core) {
  fill_rect(canvas, core.bounds, kCoreFloorColour);
  stroke_rect(canvas, core.bounds, kCoreWall, kOuterWallColour);
  fill_rect(canvas, core.part(kStairLength - kCoreWall / 2, 0, kCoreWall, kCoreDepth), kOuterWallColour);
  draw_stair(canvas, core);
  draw_lift(canvas, core);
}

// Where structural columns stand along a side of a length: evenly between the façades, about
// kColumnSpacing apart, none in the façade itself.
std::vector<double> column_lines(double length) {
  std::vector<double> lines;
  const double inside = length - 2 * kOuterWall;
  const int bays = static_cast<int>(std::lround(inside / kColumnSpacing));
  for (int bay = 1; bay < bays; ++bay) lines.push_back(kOuterWall + inside * bay / bays);
  return lines;
}

// Structural columns on a regular grid, as most office floors have them, left out wherever one would
// come near a place or the core (a column must never darken a place).
void draw_columns(Canvas& canvas, double width_m, double height_m, std::span<const Rect> keep_clear) {
  if (kColumnSide * std::min(canvas.x_scale, canvas.y_scale) < kSmallestColumnPixels) return;
  for (const double y : column_lines(height_m)) {
    for (const double x : column_lines(width_m)) {
      const Rect column{x - kColumnSide / 2, y - kColumnSide / 2, kColumnSide, kColumnSide};
      const Rect clearance = grown(column, kColumnClearance);
      if (std::ranges::any_of(keep_clear, [&](const Rect& rect) { return overlaps(clearance, rect); })) continue;
      fill_rect(canvas, column, kOuterWallColour);
    }
  }
}

// A door in a room's wall: the gap in the wall, the hinge on the wall's inner face, the direction into
// the room (where the leaf opens to) and the direction along the wall (towards the far jamb).
struct Door {
  Rect gap;
  double hinge_x = 0, hinge_y = 0;
  std::pair<double, double> into_room, along_wall;
};

// The door on the side of a room that faces the floor's middle (the side the middle lies farthest
// beyond), centred on that side, so people reach it from the open floor.
Door door_of(const Rect& room, double width_m, double height_m) {
  const double dx = width_m / 2 - room.centre_x(), dy = height_m / 2 - room.centre_y();
  if (std::abs(dx) - room.w / 2 > std::abs(dy) - room.h / 2) {
    const double width = std::min(kDoorWidth, room.h / 2), top = room.centre_y() - width / 2;
    const double wall_x = dx < 0 ? room.x : room.right() - kInnerWall;
    const double face_x = dx < 0 ? room.x + kInnerWall : room.right() - kInnerWall;
    return {{wall_x, top, kInnerWall, width}, face_x, top, {dx < 0 ? 1.0 : -1.0, 0.0}, {0.0, 1.0}};
  }
  const double width = std::min(kDoorWidth, room.w / 2), left = room.centre_x() - width / 2;
  const double wall_y = dy < 0 ? room.y : room.bottom() - kInnerWall;
  const double face_y = dy < 0 ? room.y + kInnerWall : room.bottom() - kInnerWall;
  return {{left, wall_y, width, kInnerWall}, left, face_y, {0.0, dy < 0 ? 1.0 : -1.0}, {1.0, 0.0}};
}

// A room's thin walls along its own edges (so nothing dark comes inside it), with an open door.
void draw_room_walls(Canvas& canvas, const Rect& room, double width_m, double height_m) {
  stroke_rect(canvas, room, kInnerWall, kInnerWallColour);
  const Door door = door_of(room, width_m, height_m);
  const double leaf = door.gap.w > door.gap.h ? door.gap.w : door.gap.h;
  fill_rect(canvas, door.gap, kRoomFloorColour);
  draw_line(canvas, door.hinge_x, door.hinge_y, door.hinge_x + door.into_room.first * leaf,
            door.hinge_y + door.into_room.second * leaf, kDoorLeaf, kDoorLeafColour);
  draw_swing(canvas, door.hinge_x, door.hinge_y, leaf, door.into_room, door.along_wall, kFurnitureLineColour);
}

// A chair beside a desk's long side, below or right of it, else above or left, where it fits inside
// the walls without touching any place; nothing when neither side is free.
std::optional<Rect> chair_spot(const Rect& desk, std::span<const Rect> places, const Rect& inside_walls) {
  const bool wide = desk.w >= desk.h;
  const Rect after = wide ? Rect{desk.centre_x() - kChairWidth / 2, desk.bottom() + kChairGap, kChairWidth, kChairDepth}
                          : Rect{desk.right() + kChairGap, desk.centre_y() - kChairWidth / 2, kChairDepth, kChairWidth};
  const Rect before = wide ? Rect{after.x, desk.y - kChairGap - kChairDepth, kChairWidth, kChairDepth}
                           : Rect{desk.x - kChairGap - kChairDepth, after.y, kChairDepth, kChairWidth};
  for (const Rect& spot : {after, before}) {
    const bool free = std::ranges::none_of(places, [&](const Rect& place) { return overlaps(spot, place); });
    if (free && contains(inside_walls, spot)) return spot;
  }
  return std::nullopt;
}

// A chair from above: a light outline with its backrest on the side away from the desk.
void draw_chair(Canvas& canvas, const Rect& chair, const Rect& desk) {
  fill_rect(canvas, chair, kTableColour);
  stroke_rect(canvas, chair, kThinLine, kFurnitureLineColour);
  const bool below = chair.y >= desk.bottom(), above = chair.bottom() <= desk.y, right = chair.x >= desk.right();
  Rect backrest{chair.x, chair.y, kChairBack, chair.h};  // left of the desk
  if (below) backrest = {chair.x, chair.bottom() - kChairBack, chair.w, kChairBack};
  if (above) backrest = {chair.x, chair.y, chair.w, kChairBack};
  if (right) backrest = {chair.right() - kChairBack, chair.y, kChairBack, chair.h};
  fill_rect(canvas, backrest, kFurnitureLineColour);
}

// A desk as its table seen from above: white, with a light outline slightly inside the place.
void draw_table(Canvas& canvas, const Rect& desk) {
  const double inset = std::min({kTableInset, desk.w / 4, desk.h / 4});
  const Rect table = grown(desk, -inset);
  fill_rect(canvas, table, kTableColour);
  stroke_rect(canvas, table, kThinLine, kFurnitureLineColour);
}

// A parking bay as painted on the ground: grey surface, white lines along its two long sides.
void draw_parking_bay(Canvas& canvas, const Rect& bay) {
  fill_rect(canvas, bay, kParkingSurfaceColour);
  if (bay.h >= bay.w) {
    fill_rect(canvas, {bay.x, bay.y, kParkingLine, bay.h}, kParkingPaintColour);
    fill_rect(canvas, {bay.right() - kParkingLine, bay.y, kParkingLine, bay.h}, kParkingPaintColour);
  } else {
    fill_rect(canvas, {bay.x, bay.y, bay.w, kParkingLine}, kParkingPaintColour);
    fill_rect(canvas, {bay.x, bay.bottom() - kParkingLine, bay.w, kParkingLine}, kParkingPaintColour);
  }
}

void append_png_bytes(void* context, void* data, int size) {
  static_cast<std::string*>(context)->append(static_cast<const char*>(data), static_cast<std::size_t>(size));
}

std::string encoded_png(const Canvas& canvas) {
  std::string png;
  const int written = stbi_write_png_to_func(append_png_bytes, &png, canvas.width, canvas.height, 3, canvas.rgb.data(),
                                             canvas.width * 3);
  return written != 0 ? png : std::string{};
}

// The places worth drawing, by kind: a place without area or with a coordinate that is not a finite
// number has nothing to show.
struct PlacesByKind {
  std::vector<Rect> all, desks, rooms, parking;
};

PlacesByKind places_by_kind(std::span<const DrawnPlace> places) {
  PlacesByKind sorted;
  for (const auto& place : places) {
    const Rect rect{place.x, place.y, place.w, place.h};
    const bool finite =
        std::isfinite(rect.x) && std::isfinite(rect.y) && std::isfinite(rect.right()) && std::isfinite(rect.bottom());
    if (!finite || !(rect.w > 0) || !(rect.h > 0)) continue;
    sorted.all.push_back(rect);
    switch (place.kind) {
      case DrawnPlaceKind::room:
        sorted.rooms.push_back(rect);
        break;
      case DrawnPlaceKind::parking:
        sorted.parking.push_back(rect);
        break;
      default:  // a desk, or a kind this drawing does not know yet
        sorted.desks.push_back(rect);
        break;
    }
  }
  return sorted;
}

}  // namespace

std::string draw_demo_floor(double width_m, double height_m, std::span<const DrawnPlace> places) {
  if (!std::isfinite(width_m) || !std::isfinite(height_m) || width_m <= 0 || height_m <= 0) return {};
  Canvas canvas = blank_canvas(width_m, height_m, kFloorColour);
  const PlacesByKind sorted = places_by_kind(places);
  // Back to front: ground surfaces and rooms, then the façade (which wins where a room lies along it),
  // the core and columns, then furniture, so every desk's inside ends up light whatever it overlaps.
  for (const Rect& bay : sorted.parking) draw_parking_bay(canvas, bay);
  for (const Rect& room : sorted.rooms) fill_rect(canvas, room, kRoomFloorColour);
  for (const Rect& room : sorted.rooms) draw_room_walls(canvas, room, width_m, height_m);
  draw_outer_walls(canvas, width_m, height_m);
  std::vector<Rect> keep_clear_of_columns = sorted.all;
  if (kCoreDepth * std::min(canvas.x_scale, canvas.y_scale) >= kSmallestCorePixels) {
    if (const auto core = find_core(width_m, height_m, sorted.all)) {
      draw_core(canvas, *core);
      keep_clear_of_columns.push_back(core->bounds);
    }
  }
  draw_columns(canvas, width_m, height_m, keep_clear_of_columns);
  const Rect inside_walls = grown({0, 0, width_m, height_m}, -kOuterWall);
  for (const Rect& desk : sorted.desks) {
    if (const auto chair = chair_spot(desk, sorted.all, inside_walls)) draw_chair(canvas, *chair, desk);
  }
  for (const Rect& desk : sorted.desks) draw_table(canvas, desk);
  return encoded_png(canvas);
}

}  // namespace stellwerk::server
