// Feeds rendered exposition text to the real parser: `promtool check metrics`.
#include <gtest/gtest.h>
#include <mensor/abi.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <optional>
#include <sstream>

#include "sample_builder.hpp"
#include "series_store.hpp"

namespace mensor::prometheus {
namespace {

using testing::Gauge;
using testing::Snapshot;
using testing::Text;
using testing::Unavailable;

std::optional<std::filesystem::path> FindOnPath(const std::string& program) {
  const char* path = std::getenv("PATH");
  if (path == nullptr) return std::nullopt;
  std::stringstream dirs(path);
  for (std::string dir; std::getline(dirs, dir, ':');) {
    if (dir.empty()) continue;
    std::filesystem::path candidate = std::filesystem::path(dir) / program;
    std::error_code error;
    if (std::filesystem::is_regular_file(candidate, error)) return candidate;
  }
  return std::nullopt;
}

struct CheckResult {
  int exit_code = -1;
  std::string output;
};

// promtool reads the text on stdin and reports on stderr: 0 clean, 1 parse error, 3 lint.
CheckResult PromtoolCheck(const std::filesystem::path& promtool, const std::string& text) {
  std::filesystem::path input =
      std::filesystem::temp_directory_path() / ("mensor-promtool-" + std::to_string(getpid()));
  std::ofstream(input, std::ios::binary) << text;
  std::string command = promtool.string() + " check metrics < " + input.string() + " 2>&1";
  CheckResult result;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return result;
  char buffer[512];
  while (size_t n = fread(buffer, 1, sizeof buffer, pipe)) result.output.append(buffer, n);
  int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::filesystem::remove(input);
  return result;
}

std::string HostileBody() {
  RenderOptions options;
  options.timestamps = true;
  SeriesStore store;
  store.Replace(
      "sb",
      Snapshot({Gauge("azure_service_bus_active_messages", 12,
                      {{"resource_group", "rg"},
                       {"EntityName", "orders \"eu\"\\west\nline2"},
                       {"Dimension/With.Dots-and-Dashes", "x"},
                       {"1st", "y"},
                       {"__name__", "z"},
                       {"entityname", "dup"},
                       {"bad_utf8", "\xff\xfe"}},
                      "Active messages \\ with\nnewline"),
                Unavailable("azure_service_bus_active_messages", {{"entity_name", "gone"}}),
                Gauge("azure_service_bus_active_messages", 1e20, {{"entity_name", "big"}}),
                Gauge("azure_service_bus_active_messages", 0.1, {{"entity_name", "fraction"}}),
                Gauge("azure_service_bus_active_messages", std::numeric_limits<double>::infinity(),
                      {{"entity_name", "inf"}}),
                Gauge("azure_service_bus_active_messages", -std::numeric_limits<double>::infinity(),
                      {{"entity_name", "-inf"}})},
               options));
  store.Replace("storage", Snapshot({Gauge("demo-queue.length", 3, {{"Queue", "Q1"}}),
                                     Gauge("demo-queue.length", 4)},
                                    options));
  return Text(*store.Body());
}

// promtool's path; when it is missing, the test fails under MENSOR_REQUIRE_PROMTOOL=1 (CI) and is
// skipped otherwise.
#define REQUIRE_PROMTOOL(var)                                                                 \
  std::optional<std::filesystem::path> var = FindOnPath("promtool");                          \
  if (!var) {                                                                                 \
    const char* required = std::getenv("MENSOR_REQUIRE_PROMTOOL");                            \
    if (required != nullptr && std::string(required) == "1") {                                \
      FAIL() << "promtool is not on PATH but MENSOR_REQUIRE_PROMTOOL=1";                      \
    }                                                                                         \
    GTEST_SKIP() << "promtool not on PATH (set MENSOR_REQUIRE_PROMTOOL=1 to make this fail)"; \
  }

TEST(Promtool, RenderedTextPassesCheckMetrics) {
  REQUIRE_PROMTOOL(promtool);
  std::string body = HostileBody();
  CheckResult result = PromtoolCheck(*promtool, body);
  EXPECT_EQ(result.exit_code, 0) << result.output << "\n--- body ---\n" << body;
}

TEST(Promtool, EmptyBodyIsValid) {
  REQUIRE_PROMTOOL(promtool);
  EXPECT_EQ(PromtoolCheck(*promtool, Text(*SeriesStore().Body())).exit_code, 0);
}

}  // namespace
}  // namespace mensor::prometheus
