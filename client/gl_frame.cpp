// See gl_frame.hpp.
#include "gl_frame.hpp"

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>
#include <stb_image_write.h>

#include <vector>

namespace stellwerk::client {

void present_imgui_frame(GLFWwindow* window) {
  int width = 0, height = 0;
  glfwGetFramebufferSize(window, &width, &height);
  glViewport(0, 0, width, height);
  const ImVec4 clear = ImGui::GetStyleColorVec4(ImGuiCol_WindowBg);
  glClearColor(clear.x, clear.y, clear.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

bool write_screenshot(GLFWwindow* window, const std::filesystem::path& file) {
  int width = 0, height = 0;
  glfwGetFramebufferSize(window, &width, &height);
  std::vector<unsigned char> pixels(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
  // OpenGL's origin is bottom-left; PNG rows run top to bottom.
  stbi_flip_vertically_on_write(1);
  return stbi_write_png(file.c_str(), width, height, 4, pixels.data(), width * 4) != 0;
}

DrawingTexture::~DrawingTexture() {
  if (texture_ != 0) glDeleteTextures(1, &texture_);
}

void DrawingTexture::follow(DesksState& desks) {
  if (desks.drawing != uploaded_) {
    if (texture_ != 0) glDeleteTextures(1, &texture_);
    texture_ = 0;
    GLint largest = 0;
    glGetIntegerv(GL_MAX_TEXTURE_SIZE, &largest);
    // A drawing the GPU cannot hold (GL 3.0 promises only 1024 px a side) is not drawn at all: a
    // failed upload would sample as black and hide the plan.
    if (desks.drawing && !desks.drawing->rgba.empty() && desks.drawing->width <= largest &&
        desks.drawing->height <= largest) {
      glGenTextures(1, &texture_);
      glBindTexture(GL_TEXTURE_2D, texture_);
      // Linear both ways: the plan shows the drawing smaller than it is at the whole floor and
      // larger when zoomed in, and nearest-pixel steps would make its thin walls flicker.
      glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
      glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
      glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
      glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
      glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
      while (glGetError() != GL_NO_ERROR) {
      }
      glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, desks.drawing->width, desks.drawing->height, 0, GL_RGBA,
                   GL_UNSIGNED_BYTE, desks.drawing->rgba.data());
      if (glGetError() != GL_NO_ERROR) {
        glDeleteTextures(1, &texture_);
        texture_ = 0;
      }
      // The GPU holds the pixels now: the state keeps the drawing's name and size without them.
      auto described = std::make_shared<FloorDrawingImage>();
      described->floor_id = desks.drawing->floor_id;
      described->version = desks.drawing->version;
      described->width = desks.drawing->width;
      described->height = desks.drawing->height;
      desks.drawing = std::move(described);
    }
    uploaded_ = desks.drawing;
  }
  desks.drawing_texture = texture_;
}

}  // namespace stellwerk::client
