#include "cron_field.hpp"

#include <charconv>

#include "mensor/config/suggest.hpp"

namespace mensor::config::internal {
namespace {

bool ParseValue(std::string_view text, const CronFieldSpec& spec, int* value, std::string* error) {
  for (std::size_t i = 0; i < spec.names.size(); ++i) {
    if (EqualsIgnoreCase(text, spec.names[i])) {
      *value = spec.min + static_cast<int>(i);
      return true;
    }
  }
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) {
    *error = std::string(spec.name) + ": '" + std::string(text) + "' is not a number" +
             (spec.names.empty() ? "" : " or a name");
    return false;
  }
  if (*value < spec.min || *value > spec.max) {
    *error = std::string(spec.name) + ": " + std::to_string(*value) + " is outside " +
             std::to_string(spec.min) + "-" + std::to_string(spec.max);
    return false;
  }
  return true;
}

bool ParseItem(std::string_view item, const CronFieldSpec& spec, std::uint64_t* bits,
               std::string* error) {
  std::string_view base = item;
  int step = 1;
  const std::size_t slash = item.find('/');
  if (slash != std::string_view::npos) {
    base = item.substr(0, slash);
    const std::string_view step_text = item.substr(slash + 1);
    const auto [end, ec] =
        std::from_chars(step_text.data(), step_text.data() + step_text.size(), step);
    if (step_text.empty() || ec != std::errc() || end != step_text.data() + step_text.size() ||
        step < 1 || step > spec.max) {
      *error = std::string(spec.name) + ": step '" + std::string(step_text) + "' must be 1-" +
               std::to_string(spec.max);
      return false;
    }
  }
  int low = spec.min;
  int high = spec.max;
  if (base == "?" && !spec.allow_question) {
    *error = std::string(spec.name) + ": '?' is only allowed for day-of-month and day-of-week";
    return false;
  }
  if (base != "*" && base != "?") {
    const std::size_t dash = base.find('-');
    if (dash == std::string_view::npos) {
      if (!ParseValue(base, spec, &low, error)) return false;
      // "5/15" means "from 5 to the end, every 15" (Cronos/Quartz); "5" alone is just 5.
      high = slash == std::string_view::npos ? low : spec.max;
    } else {
      if (!ParseValue(base.substr(0, dash), spec, &low, error) ||
          !ParseValue(base.substr(dash + 1), spec, &high, error)) {
        return false;
      }
      if (low > high) {
        *error = std::string(spec.name) + ": range '" + std::string(base) + "' is reversed";
        return false;
      }
    }
  }
  for (int value = low; value <= high; value += step) *bits |= std::uint64_t{1} << value;
  return true;
}

}  // namespace

bool ParseCronField(std::string_view field, const CronFieldSpec& spec, std::uint64_t* bits,
                    bool* star, std::string* error) {
  *bits = 0;
  *star = !field.empty() && (field.front() == '*' || field.front() == '?');
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = field.find(',', start);
    const std::string_view item =
        field.substr(start, comma == std::string_view::npos ? comma : comma - start);
    if (item.empty()) {
      *error = std::string(spec.name) + ": empty list item in '" + std::string(field) + "'";
      return false;
    }
    if (!ParseItem(item, spec, bits, error)) return false;
    if (comma == std::string_view::npos) return true;
    start = comma + 1;
  }
}

}  // namespace mensor::config::internal
