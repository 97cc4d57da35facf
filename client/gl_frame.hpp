// The two GL steps the desktop window and the kiosk share: putting ImGui's rendered frame on the
// back buffer, and reading the back buffer into a PNG for --screenshot.
#pragma once

#include <filesystem>

struct GLFWwindow;

namespace stellwerk::client {

// Clears the framebuffer to the theme's window colour and draws ImGui's draw data (after
// ImGui::Render()) into it.
void present_imgui_frame(GLFWwindow* window);

// Writes the back buffer as a PNG; false when the file cannot be written.
bool write_screenshot(GLFWwindow* window, const std::filesystem::path& file);

}  // namespace stellwerk::client
