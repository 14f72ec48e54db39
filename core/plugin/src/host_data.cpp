#include <algorithm>
#include <cstring>

#include <mensor/plugin/detail/results.hpp>

#include "host_functions.hpp"

namespace mensor::plugin::host_fn {
namespace {

bool Valid(mensor_str s) { return s.ptr != nullptr || s.len == 0; }

}  // namespace

mensor_status TargetSet(mensor_target* target, int32_t field, mensor_str value) {
  if (target == nullptr || !Valid(value)) return MENSOR_E_INVALID_ARGUMENT;
  std::string* slot = nullptr;
  switch (field) {
    case MENSOR_TARGET_PROVIDER_PATH:
      slot = &target->provider_path;
      break;
    case MENSOR_TARGET_INSTANCE_NAME:
      slot = &target->instance_name;
      break;
    case MENSOR_TARGET_FILTER:
      slot = &target->filter;
      break;
    case MENSOR_TARGET_FIRST_DIMENSION_LABEL:
      slot = &target->first_dimension_label;
      break;
    default:
      return MENSOR_E_INVALID_ARGUMENT;
  }
  slot->assign(View(value));
  return MENSOR_OK;
}

mensor_status TargetAddLabel(mensor_target* target, mensor_str name, mensor_str value) {
  if (target == nullptr || !Valid(name) || !Valid(value) || name.len == 0) {
    return MENSOR_E_INVALID_ARGUMENT;
  }
  const std::string_view key = View(name);
  auto it = std::find_if(target->labels.begin(), target->labels.end(),
                         [&](const auto& label) { return label.first == key; });
  if (it != target->labels.end()) {
    it->second.assign(View(value));
  } else {
    target->labels.emplace_back(std::string(key), std::string(View(value)));
  }
  return MENSOR_OK;
}

mensor_status TargetAddDimension(mensor_target* target, mensor_str name) {
  if (target == nullptr || !Valid(name) || name.len == 0) return MENSOR_E_INVALID_ARGUMENT;
  if (!target->dimensions_replaced) {
    target->dimensions.clear();
    target->dimensions_replaced = true;
  }
  target->dimensions.emplace_back(View(name));
  return MENSOR_OK;
}

mensor_status TargetSetProperty(mensor_target* target, mensor_str name, mensor_str value) {
  if (target == nullptr || !Valid(name) || !Valid(value) || name.len == 0) {
    return MENSOR_E_INVALID_ARGUMENT;
  }
  const std::string_view key = View(name);
  auto it = std::find_if(target->properties.begin(), target->properties.end(),
                         [&](const auto& property) { return property.first == key; });
  if (it != target->properties.end()) {
    it->second.assign(View(value));
  } else {
    target->properties.emplace_back(std::string(key), std::string(View(value)));
  }
  return MENSOR_OK;
}

mensor_status CollectAdd(mensor_collect_out* out, bool has_value, double value,
                         const mensor_label* labels, size_t label_count) {
  if (out == nullptr || (label_count > 0 && labels == nullptr)) return MENSOR_E_INVALID_ARGUMENT;
  mensor_collect_out::Value entry;
  entry.has_value = has_value;
  entry.value = has_value ? value : 0;
  for (size_t i = 0; i < label_count; ++i) {
    if (!Valid(labels[i].name) || !Valid(labels[i].value) || labels[i].name.len == 0) {
      return MENSOR_E_INVALID_ARGUMENT;
    }
    entry.labels.emplace_back(std::string(View(labels[i].name)),
                              std::string(View(labels[i].value)));
  }
  out->values.push_back(std::move(entry));
  return MENSOR_OK;
}

size_t BatchLen(const mensor_batch* batch) { return batch == nullptr ? 0 : batch->samples.size(); }

mensor_status BatchAt(const mensor_batch* batch, size_t index, mensor_sample* out) {
  if (batch == nullptr || out == nullptr || out->struct_size < sizeof(uint32_t)) {
    return MENSOR_E_INVALID_ARGUMENT;
  }
  if (index >= batch->samples.size()) return MENSOR_E_NOT_FOUND;
  const auto& sample = batch->samples[index];
  if (sample.label_views.size() != sample.labels.size()) {
    sample.label_views.clear();
    for (const auto& [name, value] : sample.labels) {
      sample.label_views.push_back(mensor_label{Str(name), Str(value)});
    }
  }
  mensor_sample full{};
  full.struct_size = sizeof(mensor_sample);
  full.name = Str(sample.name);
  full.description = Str(sample.description);
  full.kind = sample.kind;
  full.has_value = sample.has_value;
  full.value = sample.value;
  full.timestamp_unix_ns = sample.timestamp_unix_ns;
  full.labels = sample.label_views.data();
  full.label_count = sample.label_views.size();

  // The plugin's struct may be older (smaller) or newer (larger) than ours: fill only what both
  // know, zero what only the plugin knows, and leave struct_size as the plugin set it (A3).
  const uint32_t caller_size = out->struct_size;
  const size_t known = std::min<size_t>(caller_size, sizeof(mensor_sample));
  auto* bytes = reinterpret_cast<unsigned char*>(out);
  std::memcpy(bytes + sizeof(uint32_t),
              reinterpret_cast<const unsigned char*>(&full) + sizeof(uint32_t),
              known - sizeof(uint32_t));
  if (caller_size > sizeof(mensor_sample)) {
    std::memset(bytes + sizeof(mensor_sample), 0, caller_size - sizeof(mensor_sample));
  }
  return MENSOR_OK;
}

mensor_str BatchScope(const mensor_batch* batch) {
  static const std::string kEmpty;
  return Str(batch == nullptr ? kEmpty : batch->scope);
}

mensor_status TokenSet(mensor_token_out* out, mensor_str token, int64_t expires_unix_ns) {
  if (out == nullptr || !Valid(token) || token.len == 0) return MENSOR_E_INVALID_ARGUMENT;
  out->token.assign(View(token));
  out->expires_unix_ns = expires_unix_ns;
  out->is_set = true;
  return MENSOR_OK;
}

void ReplySet(mensor_http_reply* reply, int32_t status, mensor_str content_type, mensor_str body) {
  if (reply == nullptr) return;
  reply->status = status;
  if (content_type.len > 0) reply->content_type.assign(View(content_type));
  reply->body.assign(View(body));
  reply->shared_segments.clear();
  reply->shared_owner.reset();
  reply->is_set = true;
}

void ReplySetShared(mensor_http_reply* reply, int32_t status, mensor_str content_type,
                    mensor_str body, void (*release)(void* owner), void* owner) {
  ReplySetSegments(reply, status, content_type, &body, 1, release, owner);
}

void ReplySetSegments(mensor_http_reply* reply, int32_t status, mensor_str content_type,
                      const mensor_str* segments, size_t segment_count,
                      void (*release)(void* owner), void* owner) {
  // The owner is released exactly once, when the last reference (the response being written)
  // goes; a plugin passing no release function vouches that the bytes outlive the server. The
  // holder points at a static, not at `owner`, so a NULL owner still marks the reply as shared.
  static const char kServedInPlace = 0;
  std::shared_ptr<const void> holder(&kServedInPlace, [release, owner](const void*) {
    if (release != nullptr) release(owner);
  });
  if (reply == nullptr) return;  // releases at once
  reply->status = status;
  if (content_type.len > 0) reply->content_type.assign(View(content_type));
  reply->body.clear();
  reply->shared_segments.clear();
  if (segments != nullptr) {
    reply->shared_segments.reserve(segment_count);
    for (size_t i = 0; i < segment_count; ++i) {
      // Empty views add nothing to the body; a NULL pointer with a length is a plugin bug and
      // is served as nothing rather than dereferenced.
      if (segments[i].len > 0 && segments[i].ptr != nullptr) {
        reply->shared_segments.push_back(View(segments[i]));
      }
    }
  }
  reply->shared_owner = std::move(holder);
  reply->is_set = true;
}

void ReplyHeader(mensor_http_reply* reply, mensor_str name, mensor_str value) {
  if (reply == nullptr || name.ptr == nullptr || name.len == 0) return;
  reply->headers.emplace_back(std::string(View(name)), std::string(View(value)));
}

}  // namespace mensor::plugin::host_fn
