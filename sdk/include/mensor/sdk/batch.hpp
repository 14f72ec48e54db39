// The samples handed to one sink write.
#pragma once

#include <mensor/abi.h>
#include <mensor/sdk/detail/str.hpp>
#include <mensor/sdk/error.hpp>
#include <mensor/sdk/host.hpp>

#include <cstddef>
#include <iterator>
#include <optional>
#include <span>
#include <string_view>

namespace mensor::sdk {

/// \brief One label of a sample. Names are raw (Azure dimension names keep their case).
struct Label {
  std::string_view name, value;
};

/// \brief One measured value. All views borrow host memory until write returns (M1).
struct Sample {
  std::string_view name, description;
  int32_t kind = MENSOR_METRIC_GAUGE;
  bool has_value = false;  // false: Azure returned no value; use the sink's "unavailable" value
  double value = 0;
  int64_t timestamp_unix_ns = 0;
  std::span<const mensor_label> raw_labels;

  /// Iterates the labels as Label values: `for (Label l : sample.labels())`.
  class LabelRange {
   public:
    class Iterator {
     public:
      using iterator_category = std::forward_iterator_tag;
      using value_type = Label;
      using difference_type = std::ptrdiff_t;
      using pointer = void;
      using reference = Label;
      Iterator() = default;
      explicit Iterator(const mensor_label* p) : p_(p) {}
      Label operator*() const { return {detail::ToView(p_->name), detail::ToView(p_->value)}; }
      Iterator& operator++() {
        ++p_;
        return *this;
      }
      Iterator operator++(int) {
        Iterator old = *this;
        ++p_;
        return old;
      }
      bool operator==(const Iterator&) const = default;

     private:
      const mensor_label* p_ = nullptr;
    };
    explicit LabelRange(std::span<const mensor_label> labels) : labels_(labels) {}
    Iterator begin() const { return Iterator(labels_.data()); }
    Iterator end() const { return Iterator(labels_.data() + labels_.size()); }
    size_t size() const { return labels_.size(); }

   private:
    std::span<const mensor_label> labels_;
  };

  LabelRange labels() const { return LabelRange(raw_labels); }
  size_t label_count() const { return raw_labels.size(); }
  Label label(size_t index) const {
    return {detail::ToView(raw_labels[index].name), detail::ToView(raw_labels[index].value)};
  }
  /// Value of the first label called `name` (exact match).
  std::optional<std::string_view> LabelValue(std::string_view name) const {
    for (Label l : labels()) {
      if (l.name == name) return l.value;
    }
    return std::nullopt;
  }
};

/// \brief Read-only view of a mensor_batch, indexable and range-for iterable.
/// Ownership: borrows the handle for the duration of write (T5). Thread-safety: calling thread.
class Batch {
 public:
  explicit Batch(const mensor_batch* batch) : batch_(batch) {}

  size_t size() const { return batch_ ? host::Api().batch_len(batch_) : 0; }
  bool empty() const { return size() == 0; }

  /// Throws Error when the host rejects the index.
  Sample operator[](size_t index) const {
    mensor_sample c{};
    c.struct_size = sizeof(mensor_sample);
    mensor_status status = host::Api().batch_at(batch_, index, &c);
    if (status != MENSOR_OK) throw Error(status, "batch_at failed");
    Sample s;
    s.name = detail::ToView(c.name);
    s.description = detail::ToView(c.description);
    s.kind = c.kind;
    s.has_value = c.has_value;
    s.value = c.value;
    s.timestamp_unix_ns = c.timestamp_unix_ns;
    if (c.labels != nullptr) s.raw_labels = std::span<const mensor_label>(c.labels, c.label_count);
    return s;
  }

  /// What the batch replaces: keep, per scope, only the series of the newest batch.
  std::string_view scope() const {
    return batch_ ? detail::ToView(host::Api().batch_scope(batch_)) : std::string_view{};
  }

  class Iterator {
   public:
    using iterator_category = std::input_iterator_tag;
    using value_type = Sample;
    using difference_type = std::ptrdiff_t;
    using pointer = void;
    using reference = Sample;
    Iterator() = default;
    Iterator(const Batch* batch, size_t index) : batch_(batch), index_(index) {}
    Sample operator*() const { return (*batch_)[index_]; }
    Iterator& operator++() {
      ++index_;
      return *this;
    }
    Iterator operator++(int) {
      Iterator old = *this;
      ++index_;
      return old;
    }
    bool operator==(const Iterator& other) const { return index_ == other.index_; }

   private:
    const Batch* batch_ = nullptr;
    size_t index_ = 0;
  };
  Iterator begin() const { return Iterator(this, 0); }
  Iterator end() const { return Iterator(this, size()); }

  const mensor_batch* raw() const { return batch_; }

 private:
  const mensor_batch* batch_;
};

}  // namespace mensor::sdk
