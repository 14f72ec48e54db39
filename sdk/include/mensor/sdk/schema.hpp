// Schema DSL: declares the configuration keys of a plugin class as a mensor_config_schema.
#pragma once

#include <mensor/abi.h>

#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace mensor::sdk {

class Schema;

/// \brief One configuration key, built fluently:
/// \code
///   Key::String("namespace").Required().Describe("Service Bus namespace name")
/// \endcode
/// Strings are copied, so any `const char*` may be passed. Value type; not thread-safe while
/// being built (build Schemas once, in function-local statics).
class Key {
 public:
  static Key String(const char* name) { return Key(name, MENSOR_CFG_STRING); }
  static Key Int(const char* name) { return Key(name, MENSOR_CFG_INT); }
  static Key Double(const char* name) { return Key(name, MENSOR_CFG_DOUBLE); }
  static Key Bool(const char* name) { return Key(name, MENSOR_CFG_BOOL); }
  /// A .NET time span ("hh:mm:ss").
  static Key Duration(const char* name) { return Key(name, MENSOR_CFG_DURATION); }
  static Key StringList(const char* name) { return Key(name, MENSOR_CFG_STRING_LIST); }
  /// A mapping whose keys are `children` (copied, so a temporary Schema is fine).
  static Key Object(const char* name, const Schema& children);
  static Key ObjectList(const char* name, const Schema& children);

  Key& Required() {
    flags_ |= MENSOR_CFG_REQUIRED;
    return *this;
  }
  Key& Secret() {
    flags_ |= MENSOR_CFG_SECRET;
    return *this;
  }
  Key& Deprecated() {
    flags_ |= MENSOR_CFG_DEPRECATED;
    return *this;
  }
  /// Textual default, parsed by the host with the key's type.
  Key& Default(const char* text) {
    default_ = text ? std::optional<std::string>(text) : std::nullopt;
    return *this;
  }
  Key& Describe(const char* text) {
    description_ = text ? text : "";
    return *this;
  }

  const std::string& name() const { return name_; }
  int32_t type() const { return type_; }
  uint32_t flags() const { return flags_; }

 private:
  friend class Schema;
  Key(const char* name, int32_t type) : name_(name ? name : ""), type_(type) {}

  std::string name_;
  int32_t type_;
  uint32_t flags_ = 0;
  std::optional<std::string> default_;
  std::string description_;
  // Shared so copies of a Key (and of its Schema) point to one immovable child schema.
  std::shared_ptr<const Schema> children_;
};

/// \brief An ordered list of keys and the C view of it that descriptors point to.
/// The C view (c_schema()) lives exactly as long as this object: keep the Schema in a
/// function-local static, as in
/// \code
///   static const Schema& ConfigSchema() { static const Schema s{Key::String("x")}; return s; }
/// \endcode
/// Thread-safety: immutable after construction; safe to read from any thread.
class Schema {
 public:
  Schema(std::initializer_list<Key> keys) : keys_(keys) { Rebuild(); }
  Schema(const Schema& other) : keys_(other.keys_) { Rebuild(); }
  Schema& operator=(const Schema& other) {
    if (this != &other) {
      keys_ = other.keys_;
      Rebuild();
    }
    return *this;
  }

  const mensor_config_schema* c_schema() const { return &c_schema_; }
  const std::vector<Key>& keys() const { return keys_; }

 private:
  void Rebuild() {
    c_keys_.clear();
    c_keys_.reserve(keys_.size());
    for (const Key& key : keys_) {
      c_keys_.push_back(mensor_config_key{
          key.name_.c_str(), key.type_, key.flags_, key.default_ ? key.default_->c_str() : nullptr,
          key.description_.c_str(), key.children_ ? key.children_->c_schema() : nullptr});
    }
    c_schema_ = mensor_config_schema{sizeof(mensor_config_schema), sizeof(mensor_config_key),
                                     c_keys_.size(), c_keys_.empty() ? nullptr : c_keys_.data()};
  }

  std::vector<Key> keys_;
  std::vector<mensor_config_key> c_keys_;
  mensor_config_schema c_schema_{};
};

inline Key Key::Object(const char* name, const Schema& children) {
  Key key(name, MENSOR_CFG_OBJECT);
  key.children_ = std::make_shared<const Schema>(children);
  return key;
}

inline Key Key::ObjectList(const char* name, const Schema& children) {
  Key key(name, MENSOR_CFG_OBJECT_LIST);
  key.children_ = std::make_shared<const Schema>(children);
  return key;
}

}  // namespace mensor::sdk
