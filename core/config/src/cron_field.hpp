#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace mensor::config::internal {

struct CronFieldSpec {
  std::string_view name;
  int min;
  int max;
  std::span<const std::string_view> names;  // names[i] stands for the value min + i
  bool allow_question;
};

// Parses one cron field into a bit mask (bit n = value n). `star` is set when the field starts
// with '*' or '?', which matters for Vixie day matching. Returns false and sets `error`.
bool ParseCronField(std::string_view field, const CronFieldSpec& spec, std::uint64_t* bits,
                    bool* star, std::string* error);

}  // namespace mensor::config::internal
