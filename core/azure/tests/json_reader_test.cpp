// JsonReader must accept exactly the documents nlohmann accepts and report the same tokens:
// checked on edge cases, on Microsoft's example payloads and on thousands of mutations of them.
#include "json_reader.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>
#include <sstream>

#include "fixture_util.hpp"

namespace mensor::azure::internal {
namespace {

// The token stream as text; numbers as doubles (JsonReader reports every number as one).
class Recorder final : public JsonHandler {
 public:
  std::ostringstream out;
  bool null() override { return Put("null"); }
  bool boolean(bool value) override { return Put(value ? "true" : "false"); }
  bool number(double value) override { return Number(value); }
  bool string(std::string& value) override { return Put("s:" + value); }
  bool start_object() override { return Put("{"); }
  bool key(std::string& name) override { return Put("k:" + name); }
  bool end_object() override { return Put("}"); }
  bool start_array() override { return Put("["); }
  bool end_array() override { return Put("]"); }

  // nlohmann's SAX interface, into the same stream.
  bool number_integer(int64_t value) { return Number(static_cast<double>(value)); }
  bool number_unsigned(uint64_t value) { return Number(static_cast<double>(value)); }
  bool number_float(double value, const std::string&) { return Number(value); }
  bool binary(nlohmann::json::binary_t&) { return Put("binary"); }
  bool start_object(std::size_t) { return start_object(); }
  bool start_array(std::size_t) { return start_array(); }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) {
    return false;
  }

 private:
  bool Put(const std::string& token) {
    out << token << '\x1f';
    return true;
  }
  bool Number(double value) {
    if (value == 0) value = 0;  // nlohmann reads "-0" as the integer 0
    out.precision(17);
    out << "n:" << value << '\x1f';
    return true;
  }
};

struct Outcome {
  bool accepted;
  std::string tokens;
};

Outcome WithReader(const std::string& text) {
  Recorder recorder;
  JsonReader reader;
  const bool ok = reader.Read(text, recorder);
  EXPECT_EQ(reader.syntax_error(), !ok);  // this recorder never stops the reader
  return {ok, ok ? recorder.out.str() : ""};
}

Outcome WithNlohmann(const std::string& text) {
  Recorder recorder;
  bool ok = false;
  try {
    ok = nlohmann::json::sax_parse(text.begin(), text.end(), &recorder);
  } catch (const std::exception&) {
    ok = false;
  }
  return {ok, ok ? recorder.out.str() : ""};
}

void ExpectSame(const std::string& text) {
  const Outcome ours = WithReader(text);
  const Outcome theirs = WithNlohmann(text);
  EXPECT_EQ(ours.accepted, theirs.accepted) << "document: " << text.substr(0, 300);
  EXPECT_EQ(ours.tokens, theirs.tokens) << "document: " << text.substr(0, 300);
}

TEST(JsonReaderTest, AgreesWithNlohmannOnEdgeCases) {
  const char* documents[] = {
      "", " ", "null", "true", "false", "nul", "truex", "0", "-0", "01", "-", "1.", ".5", "+1",
      "1e", "1e+", "1E-2", "1e400", "-1e400", "1e-400", "18446744073709551616",
      "-9223372036854775809", "123456789012345678901234567890", "0.1e1", "3.14159265358979323846",
      "\"\"", "\"a\"", "\"\\u0041\\u00e9\\u4e2d\"", "\"\\ud83d\\ude00\"", "\"\\ud83d\"",
      "\"\\ude00\"", "\"\\ud83d\\u0041\"", "\"\\u00\"", "\"\\x\"", "\"\\/\\b\\f\\n\\r\\t\"",
      "\"\\u0000\"", "\"a\tb\"", "\"unterminated", "\"\xc3\xa9\"", "\"\xc3\"", "\"\xe0\x80\x80\"",
      "\"\xed\xa0\x80\"", "\"\xf4\x90\x80\x80\"", "\"\xf0\x9f\x98\x80\"", "\"\xff\"",
      "\xEF\xBB\xBFnull", "\xEF\xBBnull", "{}", "[]", "{ }", "[ ]", "[1,]", "[,1]", "[1 2]",
      "{\"a\":1,}", "{\"a\" 1}", "{\"a\":}", "{1:2}", "{\"a\":1}}", "[[[]]]", "[[[]]", "]",
      "{\"a\":[1,{\"b\":null}],\"c\":\"d\"}", " \r\n\t[ 1 , \"x\" ] \n", "[1] x", "[1]\x00",
      "{\"a\":1,\"a\":2}", "[true,false,null]", "[tru]", "/* comment */ 1", "NaN", "Infinity",
  };
  for (const char* document : documents) ExpectSame(document);
  ExpectSame(std::string("\"a\0b\"", 5));  // a raw NUL inside a string
}

TEST(JsonReaderTest, AgreesWithNlohmannOnFixturesAndTheirMutations) {
  const char* fixtures[] = {"metrics-batch-response.json", "metrics-list-response.json",
                            "metrics-list-partial-error-response.json",
                            "metric-definitions-response.json"};
  std::mt19937 random(20261129);
  const std::string specials = "{}[],:\"\\/ .-+eE0123456789tfnu\x7f\xc3\xa9\xed\xff";
  size_t accepted = 0;
  for (const char* fixture : fixtures) {
    const std::string original = testing::ReadFixture(fixture);
    ExpectSame(original);
    for (int round = 0; round < 1500; ++round) {
      std::string text = original;
      const int edits = 1 + static_cast<int>(random() % 3);
      for (int e = 0; e < edits && !text.empty(); ++e) {
        const size_t at = random() % text.size();
        const char c = specials[random() % specials.size()];
        switch (random() % 4) {
          case 0: text[at] = c; break;
          case 1: text.insert(at, 1, c); break;
          case 2: text.erase(at, 1 + random() % 4); break;
          default: text.resize(at); break;
        }
      }
      const Outcome ours = WithReader(text);
      ExpectSame(text);
      accepted += ours.accepted;
      if (::testing::Test::HasFailure()) return;
    }
  }
  // The mutations are not all fatal: both sides also had to agree on the tokens of valid ones.
  EXPECT_GT(accepted, 100u);
}

// A handler that says stop ends the reading without calling it a syntax error.
TEST(JsonReaderTest, AHandlerCanStopTheReading) {
  class StopAtKey final : public JsonHandler {
   public:
    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number(double) override { return true; }
    bool string(std::string&) override { return true; }
    bool start_object() override { return true; }
    bool key(std::string& name) override { return name != "stop"; }
    bool end_object() override { return true; }
    bool start_array() override { return true; }
    bool end_array() override { return true; }
  } handler;
  JsonReader reader;
  EXPECT_FALSE(reader.Read(R"({"go": 1, "stop": 2})", handler));
  EXPECT_FALSE(reader.syntax_error());
  EXPECT_TRUE(reader.Read(R"({"go": [1, 2]})", handler));
}

}  // namespace
}  // namespace mensor::azure::internal
