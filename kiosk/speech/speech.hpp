// Speech output for the kiosk: reads out what has the focus and what just happened ("Tisch
// gebucht") for people who cannot read the screen well, in German or English, through
// Debian's eSpeak NG. Speaking never blocks the UI thread: one worker thread synthesises, and
// a newer utterance replaces one still waiting (a screen reader speaks the latest focus, not a
// backlog). The one that is being spoken finishes unless stop() is called.
//
// Failure: when eSpeak NG cannot start (its libraries or its voice data missing) or there is no
// audio device, Speech degrades silently: available() is false, speak() and stop() do nothing. It
// never throws and never ends the process (eSpeak's own espeak_Initialize would exit(1) on missing
// data; this uses the espeak_ng_* calls, which report instead).
//
// Loading: libespeak-ng and libpcaudio are not linked but loaded (dlopen) by the first Speech, as
// the desktop window shares the executable and must not load them at every start
// (docs/performance.md, "Start-up").
//
// Thread safety: speak(), stop(), available(), wait_until_idle() and spoken() may be called from
// any thread. eSpeak NG keeps its state in globals, so only one Speech in a process can use it;
// a second one made while the first lives reports available() == false. eSpeak NG is started by
// the first Speech and stays loaded until the process ends (it cannot be restarted safely). That
// first start sets LC_CTYPE for eSpeak and puts it back before the constructor returns (the
// worker thread keeps a UTF-8 locale of its own), so construct it at start-up, before other
// threads use locale functions.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "stellwerk/core/i18n.hpp"

namespace stellwerk::kiosk {

struct SpeechOptions {
  enum class Output : unsigned char {
    audio_device,  // the default audio device (PulseAudio or PipeWire when running, else ALSA)
    memory,        // synthesise only and keep what was said in spoken(): for tests, no device
  };
  Output output = Output::audio_device;
  std::string audio_device;  // a device name for the audio library ("hw:1"); empty: the default
  // Where eSpeak NG looks for its voice data; empty: the system's. Only the Speech that starts
  // eSpeak NG in this process uses it.
  std::string data_path;
  // The libraries loaded for it, by soname or path. The first Speech that loads them fixes them for
  // the process (later ones use what is loaded); a failed load is tried again by the next Speech.
  // Tests name a missing one to see Speech without it.
  std::string espeak_library = "libespeak-ng.so.1";
  std::string audio_library = "libpcaudio.so.0";
  // Called on the worker thread just before each utterance is synthesised, with its text: lets a
  // test hold the worker busy deterministically. Leave empty in production.
  std::function<void(const std::string& text)> before_utterance;
};

// What the memory output synthesised, one entry per utterance (kept in memory mode only: on a
// shared kiosk, what was read out may be personal and is not kept anywhere).
struct SpokenUtterance {
  std::string text;
  i18n::Language language = i18n::Language::de;
  std::string voice_language;  // as eSpeak NG reports its chosen voice: "de", "en-gb"
  std::size_t samples = 0;     // 16-bit mono samples at sample_rate
  int sample_rate = 0;
  bool completed = false;      // false when stop() cut it short
};

class Speech {
 public:
  explicit Speech(SpeechOptions options = {});
  ~Speech();  // cancels what is being said and joins the worker
  Speech(const Speech&) = delete;
  Speech& operator=(const Speech&) = delete;

  bool available() const { return available_.load(); }

  // Queues `text` in `language`'s voice and returns at once. Replaces an utterance that is still
  // waiting; an empty text or an unavailable Speech does nothing.
  void speak(std::string text, i18n::Language language);
  // Drops the waiting utterance and cuts the current one short (within one synthesis buffer,
  // about 0.2 s of sound, plus what the audio device already holds).
  void stop();
  // Blocks until nothing waits and nothing is being synthesised (returns at once when
  // unavailable). For tests and for an orderly shutdown that wants the last words out.
  void wait_until_idle();
  std::vector<SpokenUtterance> spoken() const;

 private:
  struct Utterance {
    std::string text;
    i18n::Language language = i18n::Language::de;
  };
  struct Engine;  // eSpeak NG and the audio device, used on the worker thread only

  void run();
  void say(const Utterance& utterance);

  SpeechOptions options_;
  std::unique_ptr<Engine> engine_;
  std::atomic<bool> available_{false};  // false for good after the audio device failed
  std::atomic<bool> cancel_{false};     // read by the synthesis callback

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable idle_;
  std::optional<Utterance> pending_;
  bool busy_ = false;
  bool stopping_ = false;
  std::vector<SpokenUtterance> spoken_;
  std::thread worker_;
};

}  // namespace stellwerk::kiosk
