#include "mensor/azure/resource_id.hpp"

#include <cstdint>

#include <vector>

#include "strings.hpp"

namespace mensor::azure {
namespace {

using internal::EqualsIgnoreCase;
using internal::StripSlashes;

std::vector<std::string_view> Split(std::string_view s) {
  std::vector<std::string_view> parts;
  while (!s.empty()) {
    const size_t slash = s.find('/');
    parts.push_back(s.substr(0, slash));
    if (slash == std::string_view::npos) break;
    s.remove_prefix(slash + 1);
  }
  return parts;
}

std::string Join(const std::vector<std::string_view>& parts, size_t from, size_t to) {
  std::string out;
  for (size_t i = from; i < to; ++i) {
    if (!out.empty()) out.push_back('/');
    out += parts[i];
  }
  return out;
}

}  // namespace

std::string BuildResourceUri(std::string_view subscription_id, std::string_view resource_group,
                             std::string_view provider_path) {
  std::string out = "subscriptions/";
  out += StripSlashes(subscription_id);
  out += "/resourceGroups/";
  out += StripSlashes(resource_group);
  out += "/providers/";
  out += StripSlashes(provider_path);
  return out;
}

std::optional<ResourceIdParts> ParseResourceId(std::string_view id) {
  const std::vector<std::string_view> seg = Split(StripSlashes(internal::Trim(id)));
  if (seg.size() < 2 || !EqualsIgnoreCase(seg[0], "subscriptions") || seg[1].empty()) {
    return std::nullopt;
  }
  ResourceIdParts parts;
  parts.subscription_id = std::string(seg[1]);
  size_t i = 2;
  if (i + 1 < seg.size() && EqualsIgnoreCase(seg[i], "resourceGroups")) {
    parts.resource_group = std::string(seg[i + 1]);
    i += 2;
  }
  if (i < seg.size() && EqualsIgnoreCase(seg[i], "providers")) {
    ++i;
    parts.provider_path = Join(seg, i, seg.size());
    if (i < seg.size()) {
      parts.provider_namespace = std::string(seg[i]);
      parts.resource_type = parts.provider_namespace;
      // After the namespace, segments alternate type/name until another `providers`.
      size_t j = i + 1;
      for (; j + 1 < seg.size() && !EqualsIgnoreCase(seg[j], "providers"); j += 2) {
        parts.resource_type += "/";
        parts.resource_type += seg[j];
        parts.name = std::string(seg[j + 1]);
      }
    }
  } else if (i < seg.size()) {
    return std::nullopt;  // something other than resourceGroups/providers follows
  }
  return parts;
}

std::string NormalizeResourceId(std::string_view id) {
  return internal::ToLowerAscii(StripSlashes(internal::Trim(id)));
}

bool ResourceIdEquals(std::string_view a, std::string_view b) {
  return EqualsIgnoreCase(StripSlashes(internal::Trim(a)), StripSlashes(internal::Trim(b)));
}

size_t ResourceIdHash(std::string_view id) {
  uint64_t hash = 0xcbf29ce484222325ull;  // FNV-1a over the lower-cased, slash-stripped id
  for (const char c : StripSlashes(internal::Trim(id))) {
    hash ^= static_cast<unsigned char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    hash *= 0x100000001b3ull;
  }
  return static_cast<size_t>(hash);
}

std::string ResourceIdFromMetricId(std::string_view metric_id) {
  constexpr std::string_view kMarker = "/providers/microsoft.insights/metrics";
  const std::string lower = internal::ToLowerAscii(metric_id);
  const size_t pos = lower.rfind(kMarker);
  if (pos == std::string::npos) return std::string(StripSlashes(metric_id));
  return std::string(StripSlashes(metric_id.substr(0, pos)));
}

}  // namespace mensor::azure
