#pragma once

#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include <mensor/abi.h>
#include <mensor/plugin/plugin_entry.hpp>
#include <mensor/plugin/plugin_kind.hpp>
#include <mensor/plugin/plugin_library.hpp>
#include <mensor/plugin/registered_types.hpp>

namespace mensor::plugin {

// Every discovered plugin library and every type the registered ones provide.
//
// Lifecycle: Add() the outcomes of PluginLoader::Scan (and built-ins), then RegisterAll() or
// RegisterProviding(), then look types up. Libraries that are only kLoaded have not run any
// code except their info function.
//
// Thread-safety: Add/Register*/UnloadAll run on the control thread (T1) and must not be called
// concurrently with each other. Lookups (Find*, Entries, AvailableNames) are safe from any thread,
// also while a registration is in progress.
class PluginRegistry {
 public:
  // `host` is the table passed to register; it must live until exit (HostApi() does).
  explicit PluginRegistry(const mensor_host_api* host);
  PluginRegistry(const PluginRegistry&) = delete;
  PluginRegistry& operator=(const PluginRegistry&) = delete;

  // Records one load outcome. A loaded library whose plugin name an earlier loaded library
  // already has is refused, naming both files ("first file wins").
  void Add(LoadOutcome outcome);
  void AddAll(std::vector<LoadOutcome> outcomes);

  // Calls register on every kLoaded library. Returns the number of libraries refused by it.
  size_t RegisterAll();
  // Makes sure the libraries providing `needed` types are registered and returns the types
  // still unavailable afterwards. A library's types are only known after its register, so this
  // currently registers every kLoaded library; callers must not rely on others staying
  // unregistered (lazy registration may be added behind this signature).
  std::vector<ProvidedType> RegisterProviding(const std::vector<ProvidedType>& needed);

  // Calls the optional mensor_plugin_unload_v1 of registered libraries, newest first. Call once
  // at shutdown after every instance is destroyed. Libraries stay mapped.
  void UnloadAll();

  // Names match without regard to ASCII case (Promitor's behaviour); the registrar refuses
  // names that differ only in case.
  std::optional<RegisteredResourceType> FindResourceType(std::string_view name) const;
  std::optional<RegisteredAuthMode> FindAuthMode(std::string_view name) const;
  std::optional<RegisteredSink> FindSink(std::string_view name) const;
  // Name of the library providing `name` of `kind`, if any.
  std::optional<std::string> OwnerOf(PluginKind kind, std::string_view name) const;

  std::vector<PluginEntry> Entries() const;
  // Sorted type names of `kind`, for "unknown resource type 'X'; available: ..." messages.
  std::vector<std::string> AvailableNames(PluginKind kind) const;

 private:
  struct Library {
    PluginEntry entry;
    std::optional<PluginLibrary> library;
  };

  void Register(size_t index);
  std::optional<std::string> DescribeOwner(PluginKind kind, std::string_view name) const;

  const mensor_host_api* host_;
  mutable std::shared_mutex mutex_;  // guards everything below
  std::vector<Library> libraries_;
  RegisteredTypes types_;
  bool unloaded_ = false;
};

}  // namespace mensor::plugin
