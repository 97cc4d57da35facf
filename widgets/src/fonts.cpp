// Loads the UI fonts from Debian's paths, else through fontconfig. A missing font is not fatal — the
// UI stays usable with ImGui's built-in font — but it is reported, because the built-in font lacks
// €, – and „“.
#include "stellwerk/widgets/fonts.hpp"

#include "stellwerk/widgets/icons.hpp"

#include <dlfcn.h>
#include <fontconfig/fontconfig.h>
#include <unistd.h>

#include <type_traits>

namespace ui {
namespace {

Fonts g_fonts;

// Glyphs beyond Basic Latin and Latin-1 (ä ö ü ß …) that German text uses: dashes, quotes „“ ‚‘,
// bullet, ellipsis, €, arrows. Must stay alive while the atlas exists, hence static.
const ImWchar kTextRanges[] = {
    0x0020, 0x00FF,  // Basic Latin + Latin-1 Supplement
    0x2013, 0x2014,  // – —
    0x2018, 0x201E,  // ‘ ’ ‚ “ ” „
    0x2022, 0x2022,  // •
    0x2026, 0x2026,  // …
    0x20AC, 0x20AC,  // €
    0x2190, 0x2193,  // ← ↑ → ↓
    0,
};
// The code points of ui::icon::all, built once; ImGui keeps a pointer to them while the atlas lives.
const ImWchar* icon_ranges() {
  static const ImVector<ImWchar> ranges = [] {
    ImFontGlyphRangesBuilder builder;
    for (const char* icon : icon::all) builder.AddText(icon);
    ImVector<ImWchar> built;
    builder.BuildRanges(&built);
    return built;
  }();
  return ranges.Data;
}

ImFont* add_font(ImFontAtlas& atlas, const std::string& text_file, const std::string& icon_file, float pixels) {
  ImFontConfig text_config;
  // No horizontal oversampling: at 16 px and above Noto Sans reads well without it, and it halves
  // the atlas work that the first frame waits for.
  text_config.OversampleH = 1;
  ImFont* font = atlas.AddFontFromFileTTF(text_file.c_str(), pixels, &text_config, kTextRanges);
  if (font == nullptr) return nullptr;
  if (!icon_file.empty()) {
    ImFontConfig icon_config;
    icon_config.MergeMode = true;
    icon_config.GlyphMinAdvanceX = pixels;  // icons line up in lists
    icon_config.PixelSnapH = true;
    atlas.AddFontFromFileTTF(icon_file.c_str(), pixels * 0.9f, &icon_config, icon_ranges());
  }
  return font;
}

// Where Debian's packages put the fonts. Checking these first spares the start-up the cost of
// initialising fontconfig (it reads its whole cache); fontconfig still finds fonts elsewhere.
constexpr const char* kNotoRegular = "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf";
constexpr const char* kNotoBold = "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf";
constexpr const char* kFontAwesome = "/usr/share/fonts/truetype/font-awesome/fontawesome-webfont.ttf";

std::string locate_font(const char* debian_path, const char* family, const char* style) {
  if (::access(debian_path, R_OK) == 0) return debian_path;
  return find_font_file(family, style);
}

// fontconfig, loaded when a font is not at Debian's path: fontconfig and FreeType are then not
// mapped at every start (with --as-needed the `stellwerk` executable does not name them; see
// client/CMakeLists.txt), which is part of opening the window as fast as a bare ImGui window.
struct Fontconfig {
  decltype(&::FcInit) init = nullptr;
  decltype(&::FcPatternCreate) pattern_create = nullptr;
  decltype(&::FcPatternAddString) pattern_add_string = nullptr;
  decltype(&::FcPatternGetString) pattern_get_string = nullptr;
  decltype(&::FcPatternDestroy) pattern_destroy = nullptr;
  decltype(&::FcObjectSetCreate) object_set_create = nullptr;
  decltype(&::FcObjectSetAdd) object_set_add = nullptr;
  decltype(&::FcObjectSetDestroy) object_set_destroy = nullptr;
  decltype(&::FcFontList) font_list = nullptr;
  decltype(&::FcFontSetDestroy) font_set_destroy = nullptr;
};

// nullptr when libfontconfig.so.1 cannot be loaded: then only Debian's paths are looked at.
const Fontconfig* fontconfig() {
  static const Fontconfig* const loaded = []() -> const Fontconfig* {
    void* library = dlopen("libfontconfig.so.1", RTLD_NOW | RTLD_LOCAL);
    if (library == nullptr) return nullptr;
    static Fontconfig found;
    bool complete = true;
    const auto find = [&](auto& function, const char* name) {
      function = reinterpret_cast<std::remove_reference_t<decltype(function)>>(dlsym(library, name));
      complete = complete && function != nullptr;
    };
    find(found.init, "FcInit");
    find(found.pattern_create, "FcPatternCreate");
    find(found.pattern_add_string, "FcPatternAddString");
    find(found.pattern_get_string, "FcPatternGetString");
    find(found.pattern_destroy, "FcPatternDestroy");
    find(found.object_set_create, "FcObjectSetCreate");
    find(found.object_set_add, "FcObjectSetAdd");
    find(found.object_set_destroy, "FcObjectSetDestroy");
    find(found.font_list, "FcFontList");
    find(found.font_set_destroy, "FcFontSetDestroy");
    return complete ? &found : nullptr;
  }();
  return loaded;
}

}  // namespace

std::string find_font_file(const char* family, const char* style) {
  const Fontconfig* fc = fontconfig();
  if (fc == nullptr || fc->init() == FcFalse) return {};
  FcPattern* pattern = fc->pattern_create();
  fc->pattern_add_string(pattern, FC_FAMILY, reinterpret_cast<const FcChar8*>(family));
  fc->pattern_add_string(pattern, FC_STYLE, reinterpret_cast<const FcChar8*>(style));
  FcObjectSet* objects = fc->object_set_create();
  for (const char* object : {FC_FILE, FC_FAMILY, FC_STYLE}) fc->object_set_add(objects, object);
  // FcFontList only lists fonts that really have this family and style; FcFontMatch would hand
  // back a look-alike (DejaVu) and hide a missing package.
  FcFontSet* set = fc->font_list(nullptr, pattern, objects);
  std::string path;
  if (set != nullptr) {
    for (int i = 0; i < set->nfont && path.empty(); ++i) {
      FcChar8* file = nullptr;
      if (fc->pattern_get_string(set->fonts[i], FC_FILE, 0, &file) == FcResultMatch) {
        std::string candidate = reinterpret_cast<const char*>(file);
        if (candidate.ends_with(".ttf") || candidate.ends_with(".otf")) path = candidate;
      }
    }
    fc->font_set_destroy(set);
  }
  fc->object_set_destroy(objects);
  fc->pattern_destroy(pattern);
  return path;
}

Fonts build_fonts(ImFontAtlas& atlas, float scale) {
  atlas.Clear();
  Fonts loaded;
  const float em = kBaseFontPixels * scale;
  const std::string regular = locate_font(kNotoRegular, "Noto Sans", "Regular");
  std::string bold = locate_font(kNotoBold, "Noto Sans", "Bold");
  if (bold.empty()) bold = regular;
  // fonts-font-awesome installs the TrueType file under the "FontAwesome" family.
  const std::string icons = locate_font(kFontAwesome, "FontAwesome", "Regular");

  if (!regular.empty()) {
    loaded.body = add_font(atlas, regular, icons, em);
    loaded.heading = add_font(atlas, bold, icons, em * 1.5f);
  }
  if (loaded.body == nullptr || loaded.heading == nullptr) {
    atlas.Clear();
    ImFontConfig config;
    config.SizePixels = em;
    loaded.body = loaded.heading = atlas.AddFontDefault(&config);
    loaded.warning = "Noto Sans not found (install fonts-noto-core); using the built-in font";
  } else if (icons.empty()) {
    loaded.warning = "FontAwesome not found (install fonts-font-awesome); icons are missing";
  }
  atlas.Build();
  // The OpenGL 3 renderer uploads RGBA; converting here (the atlas keeps the result) takes that
  // work off the thread that opens the window as well.
  unsigned char* pixels = nullptr;
  int width = 0, height = 0;
  atlas.GetTexDataAsRGBA32(&pixels, &width, &height);
  return loaded;
}

void use_fonts(const Fonts& built) {
  ImGui::GetIO().FontDefault = built.body;
  g_fonts = built;
}

Fonts load_fonts(float scale) {
  const Fonts loaded = build_fonts(*ImGui::GetIO().Fonts, scale);
  use_fonts(loaded);
  return loaded;
}

const Fonts& fonts() { return g_fonts; }

}  // namespace ui
