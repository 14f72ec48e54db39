// Numbers as text for push sinks' wire formats.
#pragma once

#include <string>

namespace mensor::sinks {

/// Finite doubles as the shortest text that parses back to the same value, integral ones without
/// a fraction ("42", "-3", "0.25", "1e+21"). The caller decides about NaN and infinities.
std::string FormatNumber(double value);

/// Appends `text` as a JSON string literal (quotes, escapes, control characters as \u00XX).
void AppendJsonString(std::string& out, std::string_view text);

}  // namespace mensor::sinks
