#pragma once

// Definitions of the opaque result handles of abi.h: what describe, write, get_token, http_send
// and route handlers read or fill. Plain data the agent creates and inspects.
// Thread-safety: each handle belongs to one call on one thread (T5).

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <mensor/abi.h>
#include <mensor/plugin/host_backend.hpp>

// Filled by describe(). The host presets `dimensions` with the configured ones; the first
// target_add_dimension replaces them, later ones append (abi.h).
struct mensor_target {
  std::string provider_path;
  std::string instance_name;
  std::string filter;
  std::string first_dimension_label;
  std::vector<std::pair<std::string, std::string>>
      labels;  // in insertion order; a repeated name replaces the value in place
  std::vector<std::string> dimensions;
  bool dimensions_replaced = false;
  // For collect() (since 1.2); may hold secrets, so never logged.
  std::vector<std::pair<std::string, std::string>> properties;
};

// Filled by collect() through collect_add (since 1.2): one entry per measured value.
struct mensor_collect_out {
  struct Value {
    bool has_value = false;
    double value = 0;
    std::vector<std::pair<std::string, std::string>> labels;
  };
  std::vector<Value> values;
};

// The samples of one sink write. Do not modify a sample's labels while a plugin reads the batch:
// batch_at hands out views into them.
struct mensor_batch {
  struct Sample {
    std::string name;
    std::string description;
    int32_t kind = MENSOR_METRIC_GAUGE;
    bool has_value = true;
    double value = 0;
    int64_t timestamp_unix_ns = 0;
    std::vector<std::pair<std::string, std::string>> labels;
    mutable std::vector<mensor_label> label_views;  // built by batch_at
  };

  std::string scope;
  std::vector<Sample> samples;
};

// Filled by get_token() through token_set.
struct mensor_token_out {
  std::string token;
  int64_t expires_unix_ns = 0;
  bool is_set = false;
};

// A response returned by http_send; freed by http_resp_release.
struct mensor_http_resp {
  mensor::plugin::HttpResult result;
};

// Filled by a route handler through reply_set / reply_set_shared / reply_set_segments and
// reply_header; the last setter wins.
struct mensor_http_reply {
  int32_t status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  bool is_set = false;
  // reply_set_shared (one segment) and reply_set_segments: the body is the concatenation of the
  // plugin's bytes, served without a copy while `shared_owner` lives.
  std::vector<std::string_view> shared_segments;
  std::shared_ptr<const void> shared_owner;
};
