#include "mensor/agent/sink_queue.hpp"

namespace mensor::agent {

size_t SinkQueue::Push(BatchPtr batch) {
  const size_t count = batch->samples.size();
  size_t dropped = 0;
  {
    std::lock_guard lock(mutex_);
    if (closed_) return 0;
    while (!batches_.empty() && samples_ + count > max_samples_) {
      const size_t oldest = batches_.front()->samples.size();
      samples_ -= oldest;
      dropped += oldest;
      batches_.pop_front();
    }
    batches_.push_back(std::move(batch));
    samples_ += count;
  }
  changed_.notify_all();
  return dropped;
}

std::optional<SinkQueue::BatchPtr> SinkQueue::Pop(std::chrono::steady_clock::time_point until) {
  std::unique_lock lock(mutex_);
  changed_.wait_until(lock, until, [this] { return !batches_.empty() || closed_; });
  if (batches_.empty()) return std::nullopt;
  BatchPtr batch = std::move(batches_.front());
  batches_.pop_front();
  samples_ -= batch->samples.size();
  return batch;
}

void SinkQueue::Close() {
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
  }
  changed_.notify_all();
}

void SinkQueue::Notify() { changed_.notify_all(); }

bool SinkQueue::WaitClosed(std::chrono::steady_clock::time_point until) {
  std::unique_lock lock(mutex_);
  return changed_.wait_until(lock, until, [this] { return closed_; });
}

size_t SinkQueue::depth_samples() const {
  std::lock_guard lock(mutex_);
  return samples_;
}

size_t SinkQueue::depth_batches() const {
  std::lock_guard lock(mutex_);
  return batches_.size();
}

bool SinkQueue::closed() const {
  std::lock_guard lock(mutex_);
  return closed_;
}

}  // namespace mensor::agent
