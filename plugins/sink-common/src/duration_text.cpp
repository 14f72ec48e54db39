#include "duration_text.hpp"

#include <charconv>

namespace mensor::sinks {
namespace {

std::optional<int64_t> Number(std::string_view text) {
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

}  // namespace

std::optional<std::chrono::milliseconds> ParseDuration(std::string_view text) {
  using std::chrono::milliseconds;
  std::optional<milliseconds> result;
  if (text.find(':') != std::string_view::npos) {
    // hh:mm:ss
    const size_t first = text.find(':'), second = text.find(':', first + 1);
    if (second == std::string_view::npos) return std::nullopt;
    auto h = Number(text.substr(0, first)), m = Number(text.substr(first + 1, second - first - 1)),
         s = Number(text.substr(second + 1));
    if (!h || !m || !s || *m > 59 || *s > 59) return std::nullopt;
    result = milliseconds((*h * 3600 + *m * 60 + *s) * 1000);
  } else {
    struct Unit {
      std::string_view suffix;
      int64_t ms;
    };
    for (const Unit unit : {Unit{"ms", 1}, Unit{"s", 1000}, Unit{"m", 60000}, Unit{"h", 3600000}}) {
      if (text.size() > unit.suffix.size() && text.ends_with(unit.suffix)) {
        const auto n = Number(text.substr(0, text.size() - unit.suffix.size()));
        if (!n) continue;
        result = milliseconds(*n * unit.ms);
        break;
      }
    }
  }
  if (!result || result->count() <= 0) return std::nullopt;
  return result;
}

}  // namespace mensor::sinks
