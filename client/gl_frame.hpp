// The GL steps of the windows: putting ImGui's rendered frame on the back buffer, reading the
// back buffer into a PNG for --screenshot (both shared with the kiosk), and the floor drawing's
// texture.
#pragma once

#include <filesystem>
#include <memory>

#include "desks/desks_state.hpp"

struct GLFWwindow;

namespace stellwerk::client {

// Clears the framebuffer to the theme's window colour and draws ImGui's draw data (after
// ImGui::Render()) into it.
void present_imgui_frame(GLFWwindow* window);

// Writes the back buffer as a PNG; false when the file cannot be written.
bool write_screenshot(GLFWwindow* window, const std::filesystem::path& file);

// The texture of the floor drawing Desks shows, in the window's GL context: uploaded when the
// drawing changes, freed when it goes (and with this object, which must go before the context).
class DrawingTexture {
 public:
  DrawingTexture() = default;
  DrawingTexture(const DrawingTexture&) = delete;
  DrawingTexture& operator=(const DrawingTexture&) = delete;
  ~DrawingTexture();

  // Uploads desks.drawing unless it is the one uploaded, and sets desks.drawing_texture to it
  // (0 when the GPU cannot take it). After the upload desks.drawing keeps the drawing's floor,
  // version and size but not its pixels, which the GPU holds.
  void follow(DesksState& desks);

 private:
  std::shared_ptr<const FloorDrawingImage> uploaded_;
  unsigned texture_ = 0;
};

}  // namespace stellwerk::client
