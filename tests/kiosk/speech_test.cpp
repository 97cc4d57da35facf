// The kiosk's speech as a person relies on it: "Tisch gebucht" is really synthesised, in the German
// voice for German and the English one for English; while something is being said, only the
// latest of several new utterances follows; stop() cuts speech short; without its libraries, voice
// data or an audio device the kiosk stays silent instead of failing; and the libraries are loaded
// by the first Speech, not at start. The worker is held busy through the before_utterance hook, so
// no test depends on timing.
#include <gtest/gtest.h>

#include <clocale>
#include <cstdlib>
#include <dlfcn.h>
#include <filesystem>
#include <future>
#include <string>
#include <vector>

#include "speech/speech.hpp"

namespace stellwerk::kiosk {
namespace {

using i18n::Language;

SpeechOptions in_memory() {
  SpeechOptions options;
  options.output = SpeechOptions::Output::memory;
  return options;
}

std::vector<std::string> texts(const std::vector<SpokenUtterance>& spoken) {
  std::vector<std::string> out;
  for (const SpokenUtterance& utterance : spoken) out.push_back(utterance.text);
  return out;
}

// Holds the worker inside its first utterance until release() is called.
class FirstUtteranceGate {
 public:
  explicit FirstUtteranceGate(SpeechOptions& options) {
    options.before_utterance = [this](const std::string&) {
      if (!first_) return;
      first_ = false;  // only ever touched on the worker thread
      entered_.set_value();
      released_.wait();
    };
  }
  void wait_until_entered() { entered_.get_future().wait(); }
  void release() { release_.set_value(); }

 private:
  bool first_ = true;
  std::promise<void> entered_;
  std::promise<void> release_;
  std::shared_future<void> released_ = release_.get_future().share();
};

TEST(Speech, GermanTextIsSpokenInTheGermanVoice) {
  const std::string locale_before = std::setlocale(LC_CTYPE, nullptr);
  Speech speech(in_memory());
  ASSERT_TRUE(speech.available()) << "eSpeak NG did not start (scripts/setup installs libespeak-ng-dev)";
  EXPECT_EQ(std::setlocale(LC_CTYPE, nullptr), locale_before) << "the process locale must stay as it was";
  speech.speak("Tisch gebucht", Language::de);
  speech.wait_until_idle();
  const auto spoken = speech.spoken();
  ASSERT_EQ(spoken.size(), 1u);
  EXPECT_EQ(spoken[0].text, "Tisch gebucht");
  EXPECT_EQ(spoken[0].voice_language, "de");
  EXPECT_TRUE(spoken[0].completed);
  ASSERT_GT(spoken[0].sample_rate, 0);
  // Two words take well over half a second to say.
  EXPECT_GT(spoken[0].samples, static_cast<std::size_t>(spoken[0].sample_rate / 2));
}

TEST(Speech, TheLanguageChoosesTheVoice) {
  Speech speech(in_memory());
  ASSERT_TRUE(speech.available());
  speech.speak("Desk booked", Language::en);
  speech.wait_until_idle();
  speech.speak("Buchung storniert", Language::de);
  speech.wait_until_idle();
  speech.speak("Booking cancelled", Language::en);
  speech.wait_until_idle();
  const auto spoken = speech.spoken();
  ASSERT_EQ(spoken.size(), 3u);
  EXPECT_TRUE(spoken[0].voice_language.starts_with("en")) << spoken[0].voice_language;
  EXPECT_EQ(spoken[1].voice_language, "de");
  EXPECT_TRUE(spoken[2].voice_language.starts_with("en")) << spoken[2].voice_language;
  for (const SpokenUtterance& utterance : spoken) EXPECT_GT(utterance.samples, 0u) << utterance.text;
}

TEST(Speech, TheLatestUtteranceReplacesOnesStillWaiting) {
  SpeechOptions options = in_memory();
  FirstUtteranceGate gate(options);
  Speech speech(std::move(options));
  ASSERT_TRUE(speech.available());
  speech.speak("Start", Language::de);
  gate.wait_until_entered();
  // The worker is busy with "Start": these return at once, and only the last one is said.
  speech.speak("Arbeitsplätze", Language::de);
  speech.speak("Wochenplan", Language::de);
  speech.speak("Einstellungen", Language::de);
  gate.release();
  speech.wait_until_idle();
  EXPECT_EQ(texts(speech.spoken()), (std::vector<std::string>{"Start", "Einstellungen"}));
}

TEST(Speech, StopCutsTheCurrentUtteranceAndDropsTheWaitingOne) {
  SpeechOptions options = in_memory();
  FirstUtteranceGate gate(options);
  Speech speech(std::move(options));
  ASSERT_TRUE(speech.available());
  speech.speak("Ihre Buchung für morgen, Arbeitsplatz 2.14 im Rathaus, ist bestätigt.", Language::de);
  gate.wait_until_entered();
  speech.speak("Abgemeldet", Language::de);
  speech.stop();
  gate.release();
  speech.wait_until_idle();
  const auto spoken = speech.spoken();
  ASSERT_EQ(spoken.size(), 1u);
  EXPECT_FALSE(spoken[0].completed);
  EXPECT_EQ(spoken[0].samples, 0u);
  // Speech goes on after a stop.
  speech.speak("Willkommen", Language::de);
  speech.wait_until_idle();
  ASSERT_EQ(speech.spoken().size(), 2u);
  EXPECT_TRUE(speech.spoken()[1].completed);
}

TEST(Speech, DestructorEndsSpeechInTheMiddleOfALongText) {
  std::string long_text;
  for (int i = 0; i < 400; ++i) long_text += "Bitte wählen Sie einen freien Arbeitsplatz auf dem Plan. ";
  std::promise<void> started;
  SpeechOptions options = in_memory();
  options.before_utterance = [&](const std::string&) { started.set_value(); };
  auto speech = std::make_unique<Speech>(std::move(options));
  ASSERT_TRUE(speech->available());
  speech->speak(long_text, Language::de);
  started.get_future().wait();
  speech.reset();  // joins the worker; a hang here fails the test by its timeout
  SUCCEED();
}

TEST(Speech, WithoutVoiceDataItIsSilentAndSaysSo) {
  const auto empty = std::filesystem::path(::testing::TempDir()) / "stellwerk-no-espeak-data";
  std::filesystem::create_directories(empty);
  // eSpeak NG starts once per process, so an earlier test in this process may have started it
  // with the system's data: the check runs in a fresh process ("threadsafe" death tests re-run the
  // test binary) and reports by its exit code.
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(
      {
        SpeechOptions options = in_memory();
        options.data_path = empty.string();
        Speech speech(std::move(options));
        speech.speak("Tisch gebucht", Language::de);
        speech.stop();
        speech.wait_until_idle();
        std::exit(!speech.available() && speech.spoken().empty() ? 0 : 1);
      },
      ::testing::ExitedWithCode(0), "");
}

// Run in a fresh process (see above): 0 when a Speech with `options` is silent and says so, and the
// next one with the installed libraries speaks (a failed load is tried again); else 1 or 2.
int silent_then_recovers(SpeechOptions options) {
  {
    Speech speech(std::move(options));
    speech.speak("Tisch gebucht", Language::de);
    speech.wait_until_idle();
    if (speech.available() || !speech.spoken().empty()) return 1;
  }
  const Speech next(in_memory());
  return next.available() ? 0 : 2;
}

TEST(Speech, WithoutItsLibrariesItIsSilentAndSaysSo) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  SpeechOptions no_espeak = in_memory();
  no_espeak.espeak_library = "/nonexistent/libespeak-ng.so.1";
  EXPECT_EXIT(std::exit(silent_then_recovers(no_espeak)), ::testing::ExitedWithCode(0),
              "no speech output: /nonexistent/libespeak-ng.so.1");
  SpeechOptions no_audio = in_memory();
  no_audio.audio_library = "/nonexistent/libpcaudio.so.0";
  EXPECT_EXIT(std::exit(silent_then_recovers(no_audio)), ::testing::ExitedWithCode(0),
              "no speech output: /nonexistent/libpcaudio.so.0");
  // A library that loads but lacks the functions (an incompatible version, say).
  SpeechOptions wrong_library = in_memory();
  wrong_library.espeak_library = "libpcaudio.so.0";
  EXPECT_EXIT(std::exit(silent_then_recovers(wrong_library)), ::testing::ExitedWithCode(0),
              "libpcaudio.so.0 lacks espeak_ng_InitializePath");
}

TEST(Speech, TheLibrariesAreLoadedByTheFirstSpeechNotAtStart) {
  // In a fresh process nothing has made a Speech yet, so what is loaded there came with the start.
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(
      {
        const auto loaded = [](const char* soname) { return dlopen(soname, RTLD_NOW | RTLD_NOLOAD) != nullptr; };
        if (loaded("libespeak-ng.so.1") || loaded("libpcaudio.so.0")) std::exit(1);
        const Speech speech(in_memory());
        std::exit(speech.available() && loaded("libespeak-ng.so.1") && loaded("libpcaudio.so.0") ? 0 : 2);
      },
      ::testing::ExitedWithCode(0), "");
}

TEST(Speech, WithoutAnAudioDeviceItIsSilentAndSaysSo) {
  SpeechOptions options;
  options.audio_device = "hw:99";  // no such card
  Speech speech(std::move(options));
  EXPECT_FALSE(speech.available());
  speech.speak("Tisch gebucht", Language::de);
  speech.wait_until_idle();
  // The engine was given back: the next Speech can use it.
  Speech next(in_memory());
  EXPECT_TRUE(next.available());
}

TEST(Speech, OnlyOneSpeechOwnsTheEngineAtATime) {
  auto first = std::make_unique<Speech>(in_memory());
  ASSERT_TRUE(first->available());
  Speech second(in_memory());
  EXPECT_FALSE(second.available());
  first.reset();
  Speech third(in_memory());
  EXPECT_TRUE(third.available());
  third.speak("Hallo", Language::de);
  third.wait_until_idle();
  EXPECT_EQ(third.spoken().size(), 1u);
}

}  // namespace
}  // namespace stellwerk::kiosk
