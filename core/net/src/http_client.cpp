#include "mensor/net/http_client.hpp"

#include <pthread.h>

#include <atomic>
#include <deque>
#include <future>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <unordered_map>
#include <vector>

#include <curl/curl.h>
#include <spdlog/spdlog.h>

#include "curl_transfer.hpp"

namespace mensor::net {
namespace {

using detail::CurlTransfer;
constexpr int kIdlePollMs = 1000;

void GlobalInitOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

void Invoke(HttpClient::Callback& callback, ClientResponse response) {
  if (!callback) return;
  try {
    callback(std::move(response));
  } catch (const std::exception& e) {
    spdlog::error("HTTP client callback threw: {}", e.what());
  } catch (...) {
    spdlog::error("HTTP client callback threw a non-exception");
  }
}

}  // namespace

class HttpClient::Impl {
 public:
  explicit Impl(ClientOptions options) : options_(std::move(options)) {
    if (options_.max_in_flight == 0) options_.max_in_flight = 1;
    GlobalInitOnce();
    multi_ = curl_multi_init();
    if (multi_ == nullptr) throw std::runtime_error("curl_multi_init failed");
    curl_multi_setopt(multi_, CURLMOPT_MAX_HOST_CONNECTIONS,
                      static_cast<long>(options_.max_per_host));
    curl_multi_setopt(multi_, CURLMOPT_MAX_TOTAL_CONNECTIONS,
                      static_cast<long>(options_.max_in_flight));
    // The idle-connection cache must hold every connection we may open, or curl closes
    // perfectly reusable connections after each burst.
    curl_multi_setopt(multi_, CURLMOPT_MAXCONNECTS, static_cast<long>(options_.max_in_flight));
    thread_ = std::thread([this] { Run(); });
  }

  ~Impl() {
    Stop();
    for (CURL* easy : idle_easy_) curl_easy_cleanup(easy);
    curl_multi_cleanup(multi_);
  }

  void Submit(ClientRequest request, Callback on_done) {
    auto transfer = std::make_unique<CurlTransfer>(std::move(request), std::move(on_done));
    {
      std::lock_guard lock(mu_);
      if (!stopping_) {
        queue_.push_back(std::move(transfer));
        queued_.fetch_add(1);
      }
    }
    if (transfer) {  // not moved: the client is stopped
      failed_.fetch_add(1);
      Invoke(transfer->callback(), transfer->Fail("client stopped"));
      return;
    }
    curl_multi_wakeup(multi_);
  }

  ClientResponse Send(ClientRequest request) {
    if (std::this_thread::get_id() == thread_id_.load()) {
      throw std::logic_error("HttpClient::Send() called from a client callback");
    }
    auto promise = std::make_shared<std::promise<ClientResponse>>();
    auto future = promise->get_future();
    Submit(std::move(request),
           [promise](ClientResponse response) { promise->set_value(std::move(response)); });
    return future.get();
  }

  void Stop() {
    if (std::this_thread::get_id() == thread_id_.load()) {
      throw std::logic_error("HttpClient::Stop() called from a client callback");
    }
    {
      std::lock_guard lock(mu_);
      stopping_ = true;
    }
    curl_multi_wakeup(multi_);
    std::lock_guard join_lock(join_mu_);
    if (thread_.joinable()) thread_.join();
  }

  Stats stats() const noexcept {
    return Stats{started_.load(), completed_.load(), failed_.load(), in_flight_.load(),
                 queued_.load()};
  }

 private:
  void Run() {
    thread_id_.store(std::this_thread::get_id());
    pthread_setname_np(pthread_self(), "mensor-http");
    while (true) {
      std::vector<std::unique_ptr<CurlTransfer>> to_start;
      {
        std::lock_guard lock(mu_);
        if (stopping_) break;
        while (!queue_.empty() && active_.size() + to_start.size() < options_.max_in_flight) {
          to_start.push_back(std::move(queue_.front()));
          queue_.pop_front();
          queued_.fetch_sub(1);
        }
      }
      for (auto& transfer : to_start) StartTransfer(std::move(transfer));
      int running = 0;
      curl_multi_perform(multi_, &running);
      const bool freed_slots = DrainCompleted();
      bool more_waiting = false;
      if (freed_slots) {
        std::lock_guard lock(mu_);
        more_waiting = !queue_.empty();
      }
      // Finished transfers free slots for queued ones; start those before sleeping.
      if (!more_waiting) curl_multi_poll(multi_, nullptr, 0, kIdlePollMs, nullptr);
    }
    CancelAll();
  }

  void StartTransfer(std::unique_ptr<CurlTransfer> transfer) {
    CURL* easy = AcquireEasy();
    std::string error =
        easy == nullptr ? "curl_easy_init failed" : transfer->Prepare(easy, options_);
    if (error.empty() && curl_multi_add_handle(multi_, easy) != CURLM_OK) {
      error = "curl_multi_add_handle failed";
    }
    if (!error.empty()) {
      if (easy != nullptr) ReleaseEasy(easy);
      failed_.fetch_add(1);
      Invoke(transfer->callback(), transfer->Fail(std::move(error)));
      return;
    }
    started_.fetch_add(1);
    in_flight_.fetch_add(1);
    active_.emplace(easy, std::move(transfer));
  }

  bool DrainCompleted() {
    bool any = false;
    int left = 0;
    while (CURLMsg* message = curl_multi_info_read(multi_, &left)) {
      if (message->msg != CURLMSG_DONE) continue;
      // The message dies with remove_handle; copy what we need first.
      CURL* easy = message->easy_handle;
      const CURLcode result = message->data.result;
      curl_multi_remove_handle(multi_, easy);
      auto node = active_.extract(easy);
      if (node.empty()) continue;
      std::unique_ptr<CurlTransfer> transfer = std::move(node.mapped());
      ClientResponse response = transfer->Finish(result);
      ReleaseEasy(easy);
      in_flight_.fetch_sub(1);
      if (response.status != 0) {
        completed_.fetch_add(1);
      } else {
        failed_.fetch_add(1);
        spdlog::debug("HTTP request to {} failed: {}", transfer->LoggableUrl(), response.error);
      }
      any = true;
      Invoke(transfer->callback(), std::move(response));
    }
    return any;
  }

  void CancelAll() {
    for (auto& [easy, transfer] : active_) {
      curl_multi_remove_handle(multi_, easy);
      ReleaseEasy(easy);
      in_flight_.fetch_sub(1);
      failed_.fetch_add(1);
      Invoke(transfer->callback(), transfer->Fail("cancelled"));
    }
    active_.clear();
    std::deque<std::unique_ptr<CurlTransfer>> queued;
    {
      std::lock_guard lock(mu_);
      queued.swap(queue_);
      queued_.fetch_sub(queued.size());
    }
    for (auto& transfer : queued) {
      failed_.fetch_add(1);
      Invoke(transfer->callback(), transfer->Fail("cancelled"));
    }
  }

  // Easy handles are recycled: reset keeps their DNS/TLS session caches warm, and the multi
  // handle's connection pool provides the connection reuse.
  CURL* AcquireEasy() {
    if (idle_easy_.empty()) return curl_easy_init();
    CURL* easy = idle_easy_.back();
    idle_easy_.pop_back();
    curl_easy_reset(easy);
    return easy;
  }

  void ReleaseEasy(CURL* easy) {
    if (idle_easy_.size() < options_.max_in_flight) {
      idle_easy_.push_back(easy);
    } else {
      curl_easy_cleanup(easy);
    }
  }

  ClientOptions options_;
  CURLM* multi_ = nullptr;
  std::thread thread_;
  std::atomic<std::thread::id> thread_id_{};
  std::mutex join_mu_;

  std::mutex mu_;  // guards queue_ and stopping_
  std::deque<std::unique_ptr<CurlTransfer>> queue_;
  bool stopping_ = false;

  // Client thread only.
  std::unordered_map<CURL*, std::unique_ptr<CurlTransfer>> active_;
  std::vector<CURL*> idle_easy_;

  std::atomic<uint64_t> started_{0}, completed_{0}, failed_{0}, in_flight_{0}, queued_{0};
};

HttpClient::HttpClient(ClientOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
HttpClient::~HttpClient() = default;

void HttpClient::Submit(ClientRequest request, Callback on_done) {
  impl_->Submit(std::move(request), std::move(on_done));
}
ClientResponse HttpClient::Send(ClientRequest request) { return impl_->Send(std::move(request)); }
void HttpClient::Stop() { impl_->Stop(); }
HttpClient::Stats HttpClient::stats() const noexcept { return impl_->stats(); }

}  // namespace mensor::net
