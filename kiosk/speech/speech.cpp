// Speech through eSpeak NG (speech.hpp has the contract). eSpeak runs in its synchronous mode on
// our own worker thread: it hands each buffer of samples (about 0.2 s) to on_samples(), which
// counts them, writes them to the audio device (a blocking write, paced by the device) and
// answers "stop" once stop() was called. eSpeak's own playback mode would bring a second thread of
// its own and no way to tell that there is no audio device; this way there is one thread to join
// and the device is opened, and checked, once at start.
#include "speech/speech.hpp"

#include <espeak-ng/espeak_ng.h>
#include <pcaudiolib/audio.h>

#include <array>
#include <clocale>
#include <cstdint>
#include <locale.h>
#include <mutex>
#include <optional>
#include <string>

namespace stellwerk::kiosk {
namespace {

// eSpeak NG's state is global: the Speech that set this uses it until its destructor.
std::atomic<bool> g_engine_owned{false};

// eSpeak NG is started once per process and never terminated: after espeak_ng_Terminate() a second
// espeak_ng_Initialize() leaves its internal command thread in a state where the next Terminate
// hangs (eSpeak NG 1.51). A start that failed (no voice data) is tried again by the next Speech.
struct EspeakProcess {
  std::mutex mutex;
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
        audio_object_write(synthesis->audio, wav, static_cast<std::size_t>(count) * sizeof(short)) != 0) {
      synthesis->audio_failed = true;
      return 1;
    }
  }
  return 0;
}

// Starts eSpeak NG in synchronous mode unless it runs already; its sample rate, 0 when its data
// is missing. eSpeak sets LC_CTYPE to a UTF-8 locale for itself, process-wide; that is put back,
// and the worker thread uses a UTF-8 locale of its own (uselocale).
int start_espeak_once(const std::string& data_path) {
  EspeakProcess& process = espeak_process();
  const std::lock_guard lock(process.mutex);
  if (process.sample_rate > 0) return process.sample_rate;
  const char* previous = std::setlocale(LC_CTYPE, nullptr);
  const std::string saved = previous != nullptr ? previous : "C";
  espeak_ng_InitializePath(data_path.empty() ? nullptr : data_path.c_str());
  espeak_ng_ERROR_CONTEXT context = nullptr;
  const espeak_ng_STATUS status = espeak_ng_Initialize(&context);
  espeak_ng_ClearErrorContext(&context);
  std::setlocale(LC_CTYPE, saved.c_str());
  if (status != ENS_OK || espeak_ng_InitializeOutput(ENOUTPUT_MODE_SYNCHRONOUS, 0, nullptr) != ENS_OK) return 0;
  espeak_SetSynthCallback(on_samples);
  process.sample_rate = espeak_ng_GetSampleRate();
  return process.sample_rate;
}

std::string current_voice_language() {
  const espeak_VOICE* voice = espeak_GetCurrentVoice();
  // `languages` is a list of (priority byte, name) pairs; the first name is the voice's language.
  if (voice == nullptr || voice->languages == nullptr || voice->languages[0] == '\0') return {};
  return voice->languages + 1;
}

}  // namespace

// What one Speech holds while it owns eSpeak: the audio device and the worker's locale. Gives the
// engine back when it goes.
struct Speech::Engine {
  audio_object* audio = nullptr;
  locale_t utf8 = static_cast<locale_t>(nullptr);
  int sample_rate = 0;

  ~Engine() {
    if (audio != nullptr) {
      audio_object_close(audio);
      audio_object_destroy(audio);
    }
    if (utf8 != static_cast<locale_t>(nullptr)) freelocale(utf8);
    g_engine_owned = false;
  }

  bool open_audio(const std::string& device) {
    audio = create_audio_device_object(device.empty() ? nullptr : device.c_str(), "Stellwerk", "Kiosk speech");
    if (audio == nullptr) return false;
    if (audio_object_open(audio, AUDIO_OBJECT_FORMAT_S16LE, static_cast<std::uint32_t>(sample_rate), 1) != 0) {
      audio_object_destroy(audio);
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
  engine_->sample_rate = start_espeak_once(options_.data_path);
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
  std::optional<i18n::Language>& voice = espeak_process().voice;
  if (voice != utterance.language) {
    voice.reset();
    if (espeak_ng_SetVoiceByName(kVoiceNames[static_cast<std::size_t>(utterance.language)]) != ENS_OK) return;
    voice = utterance.language;
  }
  Synthesis synthesis{&cancel_, engine.audio, 0, false};
  const espeak_ng_STATUS status =
      espeak_ng_Synthesize(utterance.text.c_str(), utterance.text.size() + 1, 0, POS_CHARACTER, 0,
                           espeakCHARS_UTF8 | espeakENDPAUSE, nullptr, &synthesis);
  const bool completed = status == ENS_OK && !cancel_.load() && !synthesis.audio_failed;
  if (engine.audio != nullptr && cancel_.load()) audio_object_flush(engine.audio);
  if (synthesis.audio_failed) available_ = false;  // the device went away: be silent from now on
  if (options_.output != SpeechOptions::Output::memory) return;
  const std::lock_guard lock(mutex_);
  spoken_.push_back(SpokenUtterance{utterance.text, utterance.language, current_voice_language(), synthesis.samples,
                                    engine.sample_rate, completed});
}

}  // namespace stellwerk::kiosk
