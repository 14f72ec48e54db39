#include <mensor/plugin/plugin_registry.hpp>

#include <strings.h>

#include <algorithm>
#include <exception>
#include <mutex>

#include <spdlog/spdlog.h>

#include <mensor/plugin/detail/call.hpp>
#include <mensor/plugin/status_name.hpp>

#include "host_functions.hpp"

namespace mensor::plugin {
namespace {

// Type names are identifiers users type in YAML; Promitor matches them without regard to case.
bool SameName(const char* a, std::string_view b) {
  return a != nullptr && std::string_view(a).size() == b.size() &&
         strncasecmp(a, b.data(), b.size()) == 0;
}

template <typename T>
std::optional<T> FindIn(const std::vector<T>& list, std::string_view name) {
  for (const auto& item : list) {
    if (SameName(item.desc.name, name)) return item;
  }
  return std::nullopt;
}

template <typename T>
void AppendProvided(const std::vector<T>& list, PluginKind kind, std::vector<ProvidedType>* out) {
  for (const auto& item : list) out->push_back(ProvidedType{kind, item.desc.name});
}

template <typename T>
void MoveInto(std::vector<T>& from, std::vector<T>* to) {
  std::move(from.begin(), from.end(), std::back_inserter(*to));
}

std::string Join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& part : parts) out += (out.empty() ? "" : "; ") + part;
  return out;
}

// Why a register call is refused, or "" if it is not: descriptor problems first (they are the
// cause when a plugin just passes the registrar's status on), then the plugin's own message.
std::string RefusalReason(mensor_status status, const mensor_call& call,
                          const std::vector<std::string>& descriptor_errors) {
  std::vector<std::string> parts = descriptor_errors;
  if (status != MENSOR_OK) {
    if (!call.error_message.empty()) {
      parts.push_back("register failed: " + call.error_message);
    } else if (parts.empty()) {
      parts.push_back("register failed with " + std::string(StatusName(status)) +
                      " and no message");
    }
  }
  return Join(parts);
}

}  // namespace

PluginRegistry::PluginRegistry(const mensor_host_api* host) : host_(host) {}

void PluginRegistry::Add(LoadOutcome outcome) {
  std::unique_lock lock(mutex_);
  if (outcome.library) {
    for (const auto& existing : libraries_) {
      if (existing.entry.state != PluginState::kRefused &&
          existing.entry.name == outcome.entry.name) {
        outcome.entry.state = PluginState::kRefused;
        outcome.entry.reason = "duplicate plugin '" + outcome.entry.name +
                               "': " + existing.entry.file.string() + " is used, " +
                               outcome.entry.file.string() + " is ignored";
        outcome.library.reset();
        spdlog::warn("plugin {} refused: {}", outcome.entry.file.string(), outcome.entry.reason);
        break;
      }
    }
  }
  libraries_.push_back(Library{std::move(outcome.entry), std::move(outcome.library)});
}

void PluginRegistry::AddAll(std::vector<LoadOutcome> outcomes) {
  for (auto& outcome : outcomes) Add(std::move(outcome));
}

size_t PluginRegistry::RegisterAll() {
  size_t refused = 0;
  size_t count = 0;
  {
    std::shared_lock lock(mutex_);
    count = libraries_.size();
  }
  for (size_t i = 0; i < count; ++i) {
    bool pending = false;
    {
      std::shared_lock lock(mutex_);
      pending = libraries_[i].entry.state == PluginState::kLoaded;
    }
    if (!pending) continue;
    Register(i);
    std::shared_lock lock(mutex_);
    if (libraries_[i].entry.state == PluginState::kRefused) ++refused;
  }
  return refused;
}

std::vector<ProvidedType> PluginRegistry::RegisterProviding(
    const std::vector<ProvidedType>& needed) {
  RegisterAll();
  std::vector<ProvidedType> missing;
  for (const auto& type : needed) {
    if (!OwnerOf(type.kind, type.name)) missing.push_back(type);
  }
  return missing;
}

void PluginRegistry::Register(size_t index) {
  PluginLibrary library;
  mensor_registrar reg;
  {
    std::shared_lock lock(mutex_);
    library = *libraries_[index].library;
    reg.library = libraries_[index].entry.name;
  }
  reg.file = library.path;
  reg.find_owner = [this](PluginKind kind, std::string_view name) {
    return DescribeOwner(kind, name);
  };
  mensor_host_ctx ctx;
  ctx.plugin = reg.library;
  mensor_call call;
  call.ctx = &ctx;

  mensor_status status = MENSOR_E_INTERNAL;
  std::string reason;
  host_fn::SetRegisteringLibrary(&reg.library);
  try {
    status = library.register_fn(host_, &reg, &call);
    reason = RefusalReason(status, call, reg.errors);
  } catch (const std::exception& e) {
    reason = std::string("register threw: ") + e.what();
  } catch (...) {
    reason = "register threw an unknown exception";
  }
  host_fn::SetRegisteringLibrary(nullptr);
  reg.open = false;

  std::unique_lock lock(mutex_);
  PluginEntry& entry = libraries_[index].entry;
  if (!reason.empty()) {
    // Nothing staged is committed: a library registers completely or not at all.
    entry.state = PluginState::kRefused;
    entry.reason = std::move(reason);
    spdlog::warn("plugin {} ({}) refused: {}", entry.name, entry.file.string(), entry.reason);
    return;
  }
  AppendProvided(reg.staged.resource_types, PluginKind::kResourceType, &entry.provides);
  AppendProvided(reg.staged.auth_modes, PluginKind::kAuthMode, &entry.provides);
  AppendProvided(reg.staged.sinks, PluginKind::kSink, &entry.provides);
  MoveInto(reg.staged.resource_types, &types_.resource_types);
  MoveInto(reg.staged.auth_modes, &types_.auth_modes);
  MoveInto(reg.staged.sinks, &types_.sinks);
  entry.state = PluginState::kRegistered;
  if (entry.provides.empty()) spdlog::warn("plugin {} registered no types", entry.name);
  spdlog::info("plugin {} {} registered {} type(s) from {}", entry.name, entry.version,
               entry.provides.size(), entry.file.string());
}

void PluginRegistry::UnloadAll() {
  std::vector<mensor_plugin_unload_fn> hooks;
  {
    std::unique_lock lock(mutex_);
    if (unloaded_) return;
    unloaded_ = true;
    for (auto it = libraries_.rbegin(); it != libraries_.rend(); ++it) {
      if (it->entry.state == PluginState::kRegistered && it->library && it->library->unload_fn) {
        hooks.push_back(it->library->unload_fn);
      }
    }
  }
  for (auto hook : hooks) hook();
}

std::optional<RegisteredResourceType> PluginRegistry::FindResourceType(
    std::string_view name) const {
  std::shared_lock lock(mutex_);
  return FindIn(types_.resource_types, name);
}

std::optional<RegisteredAuthMode> PluginRegistry::FindAuthMode(std::string_view name) const {
  std::shared_lock lock(mutex_);
  return FindIn(types_.auth_modes, name);
}

std::optional<RegisteredSink> PluginRegistry::FindSink(std::string_view name) const {
  std::shared_lock lock(mutex_);
  return FindIn(types_.sinks, name);
}

std::optional<std::string> PluginRegistry::OwnerOf(PluginKind kind, std::string_view name) const {
  switch (kind) {
    case PluginKind::kResourceType:
      if (auto found = FindResourceType(name)) return found->library;
      break;
    case PluginKind::kAuthMode:
      if (auto found = FindAuthMode(name)) return found->library;
      break;
    case PluginKind::kSink:
      if (auto found = FindSink(name)) return found->library;
      break;
  }
  return std::nullopt;
}

std::optional<std::string> PluginRegistry::DescribeOwner(PluginKind kind,
                                                         std::string_view name) const {
  auto owner = OwnerOf(kind, name);
  if (!owner) return std::nullopt;
  std::shared_lock lock(mutex_);
  for (const auto& library : libraries_) {
    if (library.entry.state == PluginState::kRegistered && library.entry.name == *owner) {
      return "'" + *owner + "' (" + library.entry.file.string() + ")";
    }
  }
  return "'" + *owner + "'";
}

std::vector<PluginEntry> PluginRegistry::Entries() const {
  std::shared_lock lock(mutex_);
  std::vector<PluginEntry> entries;
  for (const auto& library : libraries_) entries.push_back(library.entry);
  return entries;
}

std::vector<std::string> PluginRegistry::AvailableNames(PluginKind kind) const {
  std::shared_lock lock(mutex_);
  std::vector<std::string> names;
  auto collect = [&names](const auto& list) {
    for (const auto& item : list) names.emplace_back(item.desc.name);
  };
  switch (kind) {
    case PluginKind::kResourceType:
      collect(types_.resource_types);
      break;
    case PluginKind::kAuthMode:
      collect(types_.auth_modes);
      break;
    case PluginKind::kSink:
      collect(types_.sinks);
      break;
  }
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace mensor::plugin
