// Speech through eSpeak NG (speech.hpp has the contract). eSpeak runs in its synchronous mode on
// our own worker thread: it hands each buffer of samples (about 0.2 s) to on_samples(), which
// counts them, writes them to the audio device (a blocking write, paced by the device) and
// answers "stop" once stop() was called. eSpeak's own playback mode would bring a second thread of
// its own and no way to tell that there is no audio device; this way there is one thread to join
// and the device is opened, and checked, once at start.
//
// Both libraries are loaded with dlopen by the first Speech instead of being linked: the desktop
// window is the same executable, and linking them would make its every start load them and what
// they pull in (libpulse, libasound, libsonic, ...), which docs/performance.md ("Start-up") does
// not allow; client/CMakeLists.txt checks that the executable does not name them. Their headers
// still give every type, so a changed prototype fails to compile here instead of at run time.
#include "speech/speech.hpp"

#include <dlfcn.h>
#include <espeak-ng/espeak_ng.h>
#include <locale.h>
#include <pcaudiolib/audio.h>

#include <array>
#include <clocale>
#include <cstdint>
#include <cstdio>
#include <mutex>
#include <optional>
#include <string>
#include <type_traits>

namespace stellwerk::kiosk {
namespace {

// eSpeak NG's state is global: the Speech that set this uses it until its destructor.
std::atomic<bool> g_engine_owned{false};

// Every library function Speech calls, found with dlsym and typed from the real headers. Each member
// is named as the function it holds, so that a name and its dlsym string cannot drift apart unseen.
struct Library {
  decltype(&::espeak_ng_InitializePath) espeak_ng_InitializePath = nullptr;
  decltype(&::espeak_ng_Initialize) espeak_ng_Initialize = nullptr;
  decltype(&::espeak_ng_ClearErrorContext) espeak_ng_ClearErrorContext = nullptr;
  decltype(&::espeak_ng_InitializeOutput) espeak_ng_InitializeOutput = nullptr;
  decltype(&::espeak_SetSynthCallback) espeak_SetSynthCallback = nullptr;
  decltype(&::espeak_ng_GetSampleRate) espeak_ng_GetSampleRate = nullptr;
  decltype(&::espeak_ng_SetVoiceByName) espeak_ng_SetVoiceByName = nullptr;
  decltype(&::espeak_GetCurrentVoice) espeak_GetCurrentVoice = nullptr;
  decltype(&::espeak_ng_Synthesize) espeak_ng_Synthesize = nullptr;
  decltype(&::create_audio_device_object) create_audio_device_object = nullptr;
  decltype(&::audio_object_open) audio_object_open = nullptr;
  decltype(&::audio_object_write) audio_object_write = nullptr;
  decltype(&::audio_object_flush) audio_object_flush = nullptr;
  decltype(&::audio_object_close) audio_object_close = nullptr;
  decltype(&::audio_object_destroy) audio_object_destroy = nullptr;
};

// Opens both libraries and finds every function in them. On failure (a library or a function
// missing: a broken installation) it says why on stderr, once per attempt, since speech then stays
// silent and nothing else would tell the administrator; it leaves nothing open and returns nothing.
std::optional<Library> load_library(const SpeechOptions& options) {
  void* espeak = dlopen(options.espeak_library.c_str(), RTLD_NOW | RTLD_LOCAL);
  void* audio = espeak != nullptr ? dlopen(options.audio_library.c_str(), RTLD_NOW | RTLD_LOCAL) : nullptr;
  const char* missing = nullptr;            // the first function not found
  const std::string* missing_in = nullptr;  // and the library it was looked for in
  Library found;
  const auto find = [&](void* library, auto& function, const char* name) {
    function = reinterpret_cast<std::remove_reference_t<decltype(function)>>(dlsym(library, name));
    if (function != nullptr || missing != nullptr) return;
    missing = name;
    missing_in = library == espeak ? &options.espeak_library : &options.audio_library;
  };
  if (audio == nullptr) {
    std::fprintf(stderr, "stellwerk: no speech output: %s\n", dlerror());
  } else {
    find(espeak, found.espeak_ng_InitializePath, "espeak_ng_InitializePath");
    find(espeak, found.espeak_ng_Initialize, "espeak_ng_Initialize");
    find(espeak, found.espeak_ng_ClearErrorContext, "espeak_ng_ClearErrorContext");
    find(espeak, found.espeak_ng_InitializeOutput, "espeak_ng_InitializeOutput");
    find(espeak, found.espeak_SetSynthCallback, "espeak_SetSynthCallback");
    find(espeak, found.espeak_ng_GetSampleRate, "espeak_ng_GetSampleRate");
    find(espeak, found.espeak_ng_SetVoiceByName, "espeak_ng_SetVoiceByName");
    find(espeak, found.espeak_GetCurrentVoice, "espeak_GetCurrentVoice");
    find(espeak, found.espeak_ng_Synthesize, "espeak_ng_Synthesize");
    find(audio, found.create_audio_device_object, "create_audio_device_object");
    find(audio, found.audio_object_open, "audio_object_open");
    find(audio, found.audio_object_write, "audio_object_write");
    find(audio, found.audio_object_flush, "audio_object_flush");
    find(audio, found.audio_object_close, "audio_object_close");
    find(audio, found.audio_object_destroy, "audio_object_destroy");
    if (missing == nullptr) return found;
    std::fprintf(stderr, "stellwerk: no speech output: %s lacks %s\n", missing_in->c_str(), missing);
  }
  if (audio != nullptr) dlclose(audio);
  if (espeak != nullptr) dlclose(espeak);
  return std::nullopt;
}

// eSpeak NG is started once per process and never terminated: after espeak_ng_Terminate() a second
// espeak_ng_Initialize() leaves its internal command thread in a state where the next Terminate
// hangs (eSpeak NG 1.51); so its libraries, once loaded, are never closed either. A load or start
// that failed (a library or the voice data missing) is tried again by the next Speech.
struct EspeakProcess {
  std::mutex mutex;
  std::optional<Library> library;       // set under `mutex` once loaded, then only read
  int sample_rate = 0;                  // 0 until started
  std::optional<i18n::Language> voice;  // the voice it has loaded; used by the owning Speech only
};

EspeakProcess& espeak_process() {
  static EspeakProcess process;
  return process;
}

// eSpeak voice names, indexed by i18n::Language.
constexpr auto kVoiceNames = std::to_array<const char*>({"de", "en"});
static_assert(kVoiceNames.size() == static_cast<std::size_t>(i18n::Language::COUNT));

// What on_samples() needs for one utterance; eSpeak passes it back in every event's user_data.
struct Synthesis {
  const Library* library = nullptr;
  const std::atomic<bool>* cancel = nullptr;
  audio_object* audio = nullptr;  // nullptr in memory mode
  std::size_t samples = 0;
  bool audio_failed = false;
};

int on_samples(short* wav, int count, espeak_EVENT* events) {
  auto* synthesis = events != nullptr ? static_cast<Synthesis*>(events->user_data) : nullptr;
  if (synthesis == nullptr) return 0;
  if (synthesis->cancel->load()) return 1;
  if (wav != nullptr && count > 0) {
    synthesis->samples += static_cast<std::size_t>(count);
    if (synthesis->audio != nullptr &&
        synthesis->library->audio_object_write(synthesis->audio, wav,
                                               static_cast<std::size_t>(count) * sizeof(short)) != 0) {
      synthesis->audio_failed = true;
      return 1;
    }
  }
  return 0;
}

// What start_espeak_once() gives the Speech that owns eSpeak.
struct Started {
  const Library* library = nullptr;  // nullptr when the libraries cannot be loaded
  int sample_rate = 0;               // 0 when eSpeak did not start
};

// Loads the libraries and starts eSpeak NG in synchronous mode unless that was done already. eSpeak
// sets LC_CTYPE to a UTF-8 locale for itself, process-wide; that is put back, and the worker thread
// uses a UTF-8 locale of its own (uselocale).
Started start_espeak_once(const SpeechOptions& options) {
  EspeakProcess& process = espeak_process();
  const std::lock_guard lock(process.mutex);
  if (!process.library) process.library = load_library(options);
  if (!process.library) return {};
  const Library& library = *process.library;
  if (process.sample_rate > 0) return {&library, process.sample_rate};
  const char* previous = std::setlocale(LC_CTYPE, nullptr);
  const std::string saved = previous != nullptr ? previous : "C";
  library.espeak_ng_InitializePath(options.data_path.empty() ? nullptr : options.data_path.c_str());
  espeak_ng_ERROR_CONTEXT context = nullptr;
  const espeak_ng_STATUS status = library.espeak_ng_Initialize(&context);
  library.espeak_ng_ClearErrorContext(&context);
  std::setlocale(LC_CTYPE, saved.c_str());
  if (status != ENS_OK || library.espeak_ng_InitializeOutput(ENOUTPUT_MODE_SYNCHRONOUS, 0, nullptr) != ENS_OK) {
    return {&library, 0};
  }
  library.espeak_SetSynthCallback(on_samples);
  process.sample_rate = library.espeak_ng_GetSampleRate();
  return {&library, process.sample_rate};
}

std::string current_voice_language(const Library& library) {
  const espeak_VOICE* voice = library.espeak_GetCurrentVoice();
  // `languages` is a list of (priority byte, name) pairs; the first name is the voice's language.
  if (voice == nullptr || voice->languages == nullptr || voice->languages[0] == '\0') return {};
  return voice->languages + 1;
}

}  // namespace

// What one Speech holds while it owns eSpeak: the audio device and the worker's locale. Gives the
// engine back when it goes.
struct Speech::Engine {
  const Library* library = nullptr;  // set while eSpeak runs; audio implies it
  audio_object* audio = nullptr;
  locale_t utf8 = static_cast<locale_t>(nullptr);
  int sample_rate = 0;

  ~Engine() {
    if (audio != nullptr) {
      library->audio_object_close(audio);
      library->audio_object_destroy(audio);
    }
    if (utf8 != static_cast<locale_t>(nullptr)) freelocale(utf8);
    g_engine_owned = false;
  }

  bool open_audio(const std::string& device) {
    audio = library->create_audio_device_object(device.empty() ? nullptr : device.c_str(), "Stellwerk", "Kiosk speech");
    if (audio == nullptr) return false;
    if (library->audio_object_open(audio, AUDIO_OBJECT_FORMAT_S16LE, static_cast<std::uint32_t>(sample_rate), 1) != 0) {
      library->audio_object_destroy(audio);
      audio = nullptr;
      return false;
    }
    return true;
  }
};

Speech::Speech(SpeechOptions options) : options_(std::move(options)) {
  bool expected = false;
  if (!g_engine_owned.compare_exchange_strong(expected, true)) return;  // another Speech has eSpeak
  engine_ = std::make_unique<Engine>();
  const Started started = start_espeak_once(options_);
  engine_->library = started.library;
  engine_->sample_rate = started.sample_rate;
  const bool memory = options_.output == SpeechOptions::Output::memory;
  if (engine_->sample_rate <= 0 || (!memory && !engine_->open_audio(options_.audio_device))) {
    engine_.reset();
    return;
  }
  engine_->utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(nullptr));
  available_ = true;
  worker_ = std::thread([this] { run(); });
}

Speech::~Speech() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
    pending_.reset();
  }
  cancel_ = true;
  wake_.notify_all();
  if (worker_.joinable()) worker_.join();
  engine_.reset();  // after the worker: it uses the engine
}

void Speech::speak(std::string text, i18n::Language language) {
  if (!available_ || text.empty() || static_cast<std::size_t>(language) >= kVoiceNames.size()) return;
  {
    const std::lock_guard lock(mutex_);
    pending_ = Utterance{std::move(text), language};
  }
  wake_.notify_one();
}

void Speech::stop() {
  const std::lock_guard lock(mutex_);
  pending_.reset();
  if (busy_) cancel_ = true;
}

void Speech::wait_until_idle() {
  std::unique_lock lock(mutex_);
  idle_.wait(lock, [this] { return stopping_ || !worker_.joinable() || (!busy_ && !pending_); });
}

std::vector<SpokenUtterance> Speech::spoken() const {
  const std::lock_guard lock(mutex_);
  return spoken_;
}

void Speech::run() {
  if (engine_->utf8 != static_cast<locale_t>(nullptr)) uselocale(engine_->utf8);
  std::unique_lock lock(mutex_);
  while (true) {
    wake_.wait(lock, [this] { return stopping_ || pending_.has_value(); });
    if (stopping_) break;
    const Utterance utterance = std::move(*pending_);
    pending_.reset();
    busy_ = true;
    cancel_ = false;
    lock.unlock();
    say(utterance);
    lock.lock();
    busy_ = false;
    if (!pending_) idle_.notify_all();
  }
  idle_.notify_all();
}

void Speech::say(const Utterance& utterance) {
  if (options_.before_utterance) options_.before_utterance(utterance.text);
  Engine& engine = *engine_;
  const Library& library = *engine.library;
  std::optional<i18n::Language>& voice = espeak_process().voice;
  if (voice != utterance.language) {
    voice.reset();
    if (library.espeak_ng_SetVoiceByName(kVoiceNames[static_cast<std::size_t>(utterance.language)]) != ENS_OK) return;
    voice = utterance.language;
  }
  Synthesis synthesis{&library, &cancel_, engine.audio, 0, false};
  const espeak_ng_STATUS status =
      library.espeak_ng_Synthesize(utterance.text.c_str(), utterance.text.size() + 1, 0, POS_CHARACTER, 0,
                                   espeakCHARS_UTF8 | espeakENDPAUSE, nullptr, &synthesis);
  const bool completed = status == ENS_OK && !cancel_.load() && !synthesis.audio_failed;
  if (engine.audio != nullptr && cancel_.load()) library.audio_object_flush(engine.audio);
  if (synthesis.audio_failed) available_ = false;  // the device went away: be silent from now on
  if (options_.output != SpeechOptions::Output::memory) return;
  const std::lock_guard lock(mutex_);
  spoken_.push_back(SpokenUtterance{utterance.text, utterance.language, current_voice_language(library),
                                    synthesis.samples, engine.sample_rate, completed});
}

}  // namespace stellwerk::kiosk
