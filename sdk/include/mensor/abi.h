/*
 * mensor/abi.h - the whole contract between the Mensor host and its plugins.
 *
 * Plain C99; depends only on <stdint.h>, <stddef.h> and <stdbool.h>. Everything else in sdk/
 * (the C++ wrapper, the fake host, the CMake helper) is convenience built on this file.
 *
 * A plugin is a shared object named libmensor-plugin-<name>.so exporting
 * mensor_plugin_info_v1 and mensor_plugin_register_v1 (and optionally mensor_plugin_unload_v1).
 * In register it describes the resource types, auth modes and sinks it provides; the host then
 * creates instances from configuration. Plugins see the host only through mensor_host_api.
 *
 * EVOLUTION POLICY (numbered so reviews can cite them)
 *  A1 Within a major version: append only. Struct members, table slots and enum values are added
 *     at the end; nothing is reordered, removed, retyped or given a new meaning.
 *  A2 Every appended member bumps MENSOR_ABI_VERSION_MINOR and says "since 1.N".
 *  A3 Every growable struct starts with struct_size. Receivers read only what the sender's size
 *     covers and treat the rest as zero/NULL; the host refuses plugin structs larger than it knows.
 *  A4 A function signature never changes in place: a new slot ("...2") is appended instead.
 *  A5 A breaking change is a new major: new _vN entry points and types.
 *  A6 tests/abi_hash checks a hash of this file against MENSOR_ABI_HASH in sdk/abi_hash.txt, so no
 *     edit lands without a deliberate version decision.
 * LOAD RULE: the host loads a plugin iff plugin major == host major and plugin minor <= host minor.
 *
 * OWNERSHIP RULES
 *  M1 Borrowing is the default: pointer arguments are valid only for the duration of the call.
 *  M2 Strings cross as mensor_str views (not necessarily NUL-terminated); the receiver copies.
 *     Views the host hands out are also NUL-terminated.
 *  M3 Plugin instance pointers are created by the plugin's create and freed only by its destroy.
 *  M4 Host objects that outlive a call (HTTP responses) have an explicit release function.
 *     Nothing is malloc'ed on one side and freed on the other.
 *  M5 Results travel back through host setters (set_error, target_set, token_set, reply_set, ...),
 *     which copy.
 *  M6 Descriptors, schemas and plugin info are static storage in the plugin; the host keeps the
 *     library loaded until process exit.
 *
 * THREADING RULES
 *  T1 register, create, destroy, start and stop run on the host's control thread, never
 *     concurrently with another call on the same instance.
 *  T2 Unless a descriptor sets MENSOR_FLAG_CONCURRENT, the host never makes two concurrent calls on
 *     one instance.
 *  T3 Different instances may be called concurrently from different threads: plugin-wide (static)
 *     state must be thread-safe.
 *  T4 get_token and write may block but must honour the call's deadline and cancellation.
 *  T5 Handles passed into a call (mensor_call, mensor_config, mensor_batch, mensor_target, ...) are
 *     valid only during that call and only on the calling thread.
 *  T6 Threads a plugin creates may call only log, log_enabled and the clock functions, and must be
 *     joined by stop or destroy.
 *  T7 mensor_plugin_info_v1 is pure: no allocation, logging, threads or host calls.
 *  T8 Every mensor_host_api function is thread-safe.
 */
#ifndef MENSOR_ABI_H
#define MENSOR_ABI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MENSOR_ABI_VERSION_MAJOR 1
#define MENSOR_ABI_VERSION_MINOR 3
/* (major << 16) | minor. Patch levels are not part of the ABI. */
#define MENSOR_ABI_MAKE_VERSION(major, minor) ((((uint32_t)(major)) << 16) | ((uint32_t)(minor)))
#define MENSOR_ABI_VERSION \
  MENSOR_ABI_MAKE_VERSION(MENSOR_ABI_VERSION_MAJOR, MENSOR_ABI_VERSION_MINOR)
#define MENSOR_ABI_MAJOR_OF(v) ((uint32_t)(v) >> 16)
#define MENSOR_ABI_MINOR_OF(v) ((uint32_t)(v)&0xFFFFu)

#if defined(_WIN32)
#define MENSOR_PLUGIN_EXPORT __declspec(dllexport)
#else
#define MENSOR_PLUGIN_EXPORT __attribute__((visibility("default")))
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------------------------------------
 * Basic types
 * ------------------------------------------------------------------------------------------- */

/* Status of every fallible call. Zero is success; codes are never renumbered; a code unknown to
 * the receiver counts as MENSOR_E_INTERNAL. THROTTLED, UNAVAILABLE, TIMEOUT and UNAUTHENTICATED
 * are retryable.
 * OWNERSHIP: value type. THREADS: n/a. Since 1.0. */
typedef int32_t mensor_status;
enum {
  MENSOR_OK = 0,
  MENSOR_E_INVALID_ARGUMENT = 1, /* caller bug */
  MENSOR_E_CONFIG = 2,           /* bad configuration; permanent until reload */
  MENSOR_E_NOT_FOUND = 3,        /* key, resource or metric absent */
  MENSOR_E_UNAUTHENTICATED = 4,  /* token missing/expired/rejected */
  MENSOR_E_PERMISSION_DENIED = 5,
  MENSOR_E_THROTTLED = 6,   /* 429/529; retry after back-off */
  MENSOR_E_UNAVAILABLE = 7, /* transient network failure or 5xx */
  MENSOR_E_TIMEOUT = 8,     /* the call's deadline passed */
  MENSOR_E_CANCELLED = 9,   /* the host asked to stop */
  MENSOR_E_UNSUPPORTED = 10,
  MENSOR_E_NO_MEMORY = 11,
  MENSOR_E_INTERNAL = 12 /* plugin bug, caught exception */
};

/* Borrowed byte view.
 * OWNERSHIP: borrowed (M1, M2). THREADS: n/a. Since 1.0. */
typedef struct mensor_str {
  const char* ptr;
  size_t len;
} mensor_str;

/* Log levels for log/log_enabled. OWNERSHIP: value. THREADS: n/a. Since 1.0. */
enum {
  MENSOR_LOG_TRACE = 0,
  MENSOR_LOG_DEBUG = 1,
  MENSOR_LOG_INFO = 2,
  MENSOR_LOG_WARN = 3,
  MENSOR_LOG_ERROR = 4,
  MENSOR_LOG_CRITICAL = 5
};

/* Azure Monitor aggregation of a metric, as declared in azureMetricConfiguration.aggregation.type.
 * OWNERSHIP: value. THREADS: n/a. Since 1.0. */
enum {
  MENSOR_AGGREGATION_NONE = 0,
  MENSOR_AGGREGATION_AVERAGE = 1,
  MENSOR_AGGREGATION_COUNT = 2,
  MENSOR_AGGREGATION_MINIMUM = 3,
  MENSOR_AGGREGATION_MAXIMUM = 4,
  MENSOR_AGGREGATION_TOTAL = 5
};

/* Diagnostic severities for report(). OWNERSHIP: value. THREADS: n/a. Since 1.0. */
enum { MENSOR_SEVERITY_WARNING = 1, MENSOR_SEVERITY_ERROR = 2 };

/* Descriptor flags. OWNERSHIP: value. THREADS: n/a. Since 1.0. */
#define MENSOR_FLAG_CONCURRENT 0x1u /* the instance tolerates concurrent calls (T2) */

/* Host-owned opaque handles; distinct types so the compiler catches mix-ups.
 * OWNERSHIP: host-owned; never freed by plugins. THREADS: see T5. Since 1.0. */
typedef struct mensor_registrar mensor_registrar;   /* valid only during register */
typedef struct mensor_host_ctx mensor_host_ctx;     /* per instance: logger binding, names */
typedef struct mensor_call mensor_call;             /* per call: deadline, cancellation, errors */
typedef struct mensor_config mensor_config;         /* read-only view of a validated YAML node */
typedef struct mensor_target mensor_target;         /* where describe() writes a scrape target */
typedef struct mensor_batch mensor_batch;           /* samples handed to one sink write */
typedef struct mensor_http_resp mensor_http_resp;   /* released with http_resp_release */
typedef struct mensor_token_out mensor_token_out;   /* where get_token() writes a token */
typedef struct mensor_http_reply mensor_http_reply; /* where a route handler writes its reply */
/* Where collect() writes its values. OWNERSHIP: host-owned. THREADS: T5. Since 1.2. */
typedef struct mensor_collect_out mensor_collect_out;

/* ---------------------------------------------------------------------------------------------
 * Configuration schemas: plugins declare their keys, the host validates against them
 * ------------------------------------------------------------------------------------------- */

/* Value types of configuration keys. OWNERSHIP: value. THREADS: n/a. Since 1.0. */
enum {
  MENSOR_CFG_STRING = 0,
  MENSOR_CFG_INT = 1,
  MENSOR_CFG_DOUBLE = 2,
  MENSOR_CFG_BOOL = 3,
  MENSOR_CFG_DURATION = 4, /* .NET time span (hh:mm:ss) */
  MENSOR_CFG_STRING_LIST = 5,
  MENSOR_CFG_OBJECT = 6,
  MENSOR_CFG_OBJECT_LIST = 7
};

/* Key flags. OWNERSHIP: value. THREADS: n/a. Since 1.0. */
#define MENSOR_CFG_REQUIRED 0x1u
#define MENSOR_CFG_SECRET 0x2u /* masked in logs and configuration dumps */
#define MENSOR_CFG_DEPRECATED 0x4u

struct mensor_config_schema;

/* One declared configuration key.
 * OWNERSHIP: static storage in the plugin (M6). THREADS: read-only. Since 1.0. */
typedef struct mensor_config_key {
  const char* name;          /* exact YAML key, e.g. "queueName" */
  int32_t type;              /* MENSOR_CFG_* */
  uint32_t flags;            /* MENSOR_CFG_REQUIRED | ... */
  const char* default_value; /* textual, parsed by the host; NULL = none */
  const char* description;   /* for `mensor plugins --describe`, schemas and docs */
  const struct mensor_config_schema* children; /* for OBJECT / OBJECT_LIST; else NULL */
} mensor_config_key;

/* A list of keys. key_size is sizeof(mensor_config_key) as the plugin compiled it, so the key
 * struct can grow (A3).
 * OWNERSHIP: static storage in the plugin (M6). THREADS: read-only. Since 1.0. */
typedef struct mensor_config_schema {
  uint32_t struct_size;
  uint32_t key_size;
  size_t key_count;
  const mensor_config_key* keys;
} mensor_config_schema;

/* ---------------------------------------------------------------------------------------------
 * Data crossing the boundary
 * ------------------------------------------------------------------------------------------- */

/* OWNERSHIP: borrowed (M1). THREADS: n/a. Since 1.0. */
typedef struct mensor_label {
  mensor_str name;
  mensor_str value;
} mensor_label;

/* Metric kinds. OWNERSHIP: value. THREADS: n/a. Since 1.0. */
enum { MENSOR_METRIC_GAUGE = 0, MENSOR_METRIC_COUNTER = 1 };

/* One measured value with its labels. Label names are raw (Azure dimension names keep their
 * case); each sink applies its own naming rules. For batch_at the plugin sets struct_size first
 * and the host fills only that many bytes.
 * OWNERSHIP: views borrowed from the host until write() returns (M1). THREADS: T5. Since 1.0. */
typedef struct mensor_sample {
  uint32_t struct_size;
  mensor_str name;        /* e.g. demo_queue_size */
  mensor_str description; /* HELP text */
  int32_t kind;           /* MENSOR_METRIC_* */
  bool has_value;         /* false: Azure returned no value; sinks use their "unavailable" value */
  double value;
  int64_t timestamp_unix_ns; /* when the value was measured by the host */
  const mensor_label* labels;
  size_t label_count;
} mensor_sample;

/* What the host knows about the metric a resource is scraped for; input to describe/validate.
 * OWNERSHIP: borrowed (M1). THREADS: T5. Since 1.0. */
typedef struct mensor_metric_info {
  uint32_t struct_size;
  mensor_str name;              /* exported name (metrics[].name) */
  mensor_str azure_metric_name; /* azureMetricConfiguration.metricName */
  int32_t aggregation;          /* MENSOR_AGGREGATION_* */
  const mensor_str* dimensions; /* configured dimension names, in order */
  size_t dimension_count;
  mensor_str subscription_id; /* effective for this resource (entry override or azureMetadata) */
  mensor_str resource_group;
  mensor_str tenant_id;
} mensor_metric_info;

/* Fields of a scrape target set with target_set().
 * OWNERSHIP: value. THREADS: n/a. Since 1.0. */
enum {
  /* Provider path below the resource group, e.g. "Microsoft.ServiceBus/namespaces/ns". Required. */
  MENSOR_TARGET_PROVIDER_PATH = 0,
  /* instance_name label value. */
  MENSOR_TARGET_INSTANCE_NAME = 1,
  /* OData filter owned by the resource ("EntityName eq 'q'"); the host AND-merges dimensions. */
  MENSOR_TARGET_FILTER = 2,
  /* Label name given to the first dimension of every series (Service Bus: "entity_name"). */
  MENSOR_TARGET_FIRST_DIMENSION_LABEL = 3
};

/* A header of an HTTP request or response.
 * OWNERSHIP: borrowed (M1). THREADS: n/a. Since 1.0. */
typedef struct mensor_http_header {
  mensor_str name;
  mensor_str value;
} mensor_http_header;

/* An outgoing HTTP request made through http_send.
 * OWNERSHIP: borrowed for the duration of http_send (M1). THREADS: n/a. Since 1.0. */
typedef struct mensor_http_request {
  uint32_t struct_size;
  mensor_str method; /* "GET", "POST", ... */
  mensor_str url;
  const mensor_http_header* headers;
  size_t header_count;
  mensor_str body;
  /* Non-empty: the host gets a token for this scope from the configured auth mode and adds the
   * Authorization header, so plugins never see credentials. */
  mensor_str auth_scope;
  int64_t timeout_ms; /* 0 = host default; never beyond the call's deadline */
} mensor_http_request;

/* An incoming request to a route a sink registered.
 * OWNERSHIP: borrowed for the duration of the handler (M1). THREADS: T5. Since 1.0. */
typedef struct mensor_http_request_view {
  uint32_t struct_size;
  mensor_str method;
  mensor_str path;
  mensor_str query; /* raw, without '?' */
  const mensor_http_header* headers;
  size_t header_count;
} mensor_http_request_view;

/* Handler of a registered route. Called on a host HTTP thread, possibly concurrently with the
 * same sink's write(): the plugin synchronises its own state.
 * OWNERSHIP: user_data belongs to the plugin. THREADS: host HTTP threads. Since 1.0. */
typedef void (*mensor_route_handler)(void* user_data, const mensor_http_request_view* request,
                                     mensor_http_reply* reply);

/* What the host hands to a resource type's collect(): the metric, the cloud's endpoints and the
 * properties describe() kept. The host never logs properties (they may hold secrets).
 * OWNERSHIP: borrowed for the duration of collect (M1). THREADS: T5. Since 1.2. */
typedef struct mensor_collect_request {
  uint32_t struct_size;
  mensor_str metric_name; /* exported name (metrics[].name) */
  /* azureMetricConfiguration.metricName, e.g. "MessageCount"; empty without that section. */
  mensor_str azure_metric_name;
  mensor_str query;    /* logAnalyticsConfiguration.query; empty without that section */
  int64_t interval_ns; /* the metric's aggregation interval; a query covers [now - interval, now] */
  const mensor_label* properties; /* set by describe() with target_set_property, in order */
  size_t property_count;
  mensor_str storage_suffix; /* the cloud's storage suffix, e.g. "core.windows.net" */
  mensor_str
      log_analytics_endpoint; /* the cloud's Log Analytics API, e.g. https://api.loganalytics.io */
} mensor_collect_request;

/* ---------------------------------------------------------------------------------------------
 * Plugin kinds
 * ------------------------------------------------------------------------------------------- */

/* A resource type (ServiceBusNamespace, ...). It turns one declared resource entry into a scrape
 * target; the host queries Azure Monitor, so requests can be planned and batched across
 * resources. The host validates the entry against `config` before calling anything.
 * OWNERSHIP: static storage in the plugin (M6). THREADS: stateless, any thread (T3). Since 1.0. */
typedef struct mensor_resource_type_desc {
  uint32_t struct_size;
  const char* name;              /* resourceType value, e.g. "ServiceBusNamespace" */
  const char* arm_resource_type; /* e.g. "Microsoft.ServiceBus/namespaces" */
  const char* description;
  const mensor_config_schema* config; /* schema of one resources[] entry */
  uint32_t flags;
  /* Required. Checks rules the schema cannot express; reports each problem with report() and
   * returns MENSOR_E_CONFIG if any is an error. No network. */
  mensor_status (*validate)(const mensor_config* resource, const mensor_metric_info* metric,
                            mensor_call* call);
  /* Required. Fills the target (provider path, instance name, filter, labels, dimensions). Pure:
   * no network, deterministic for the same input. */
  mensor_status (*describe)(const mensor_config* resource, const mensor_metric_info* metric,
                            mensor_call* call, mensor_target* target);
  /* Since 1.2. Optional; NULL (or an older descriptor) means the host reads the target through the
   * Azure Monitor metrics API. Otherwise the host calls collect instead at every scheduled run, on
   * a worker thread, for resources that are not Azure Monitor metrics (a data-plane API, a query
   * service). It may block (T4), sends requests with http_send (auth_scope for tokens) and
   * reports each value with collect_add; the host labels and writes them like metric series. An
   * error status (with set_error) is a failed scrape: the previous values stay. */
  mensor_status (*collect)(const mensor_collect_request* request, mensor_call* call,
                           mensor_collect_out* out);
} mensor_resource_type_desc;

/* An authentication mode (SystemAssignedManagedIdentity, ServicePrincipal, ...). The host caches
 * tokens per (instance, scope) and serialises refreshes; get_token always fetches a new one.
 * OWNERSHIP: static storage in the plugin (M6). THREADS: T1-T4. Since 1.0. */
typedef struct mensor_auth_mode_desc {
  uint32_t struct_size;
  const char* name; /* authentication.mode value */
  const char* description;
  const mensor_config_schema* config;
  uint32_t flags;
  mensor_status (*create)(mensor_host_ctx* ctx, const mensor_config* config, mensor_call* call,
                          void** out_instance);
  void (*destroy)(void* instance);
  /* scope: "https://management.azure.com/.default". Writes the token with token_set. */
  mensor_status (*get_token)(void* instance, mensor_call* call, mensor_str scope,
                             mensor_token_out* out);
} mensor_auth_mode_desc;

/* A metric sink (prometheusScrapingEndpoint, statsd, ...). write() receives the samples of one
 * scrape; a pull sink serves them from a route registered in start().
 * OWNERSHIP: static storage in the plugin (M6). THREADS: T1-T6. Since 1.0. */
typedef struct mensor_sink_desc {
  uint32_t struct_size;
  const char* name; /* the metricSinks key, e.g. "prometheusScrapingEndpoint" */
  const char* description;
  const mensor_config_schema* config;
  uint32_t flags;
  mensor_status (*create)(mensor_host_ctx* ctx, const mensor_config* config, mensor_call* call,
                          void** out_instance);
  void (*destroy)(void* instance);
  mensor_status (*start)(void* instance, mensor_call* call); /* may register routes */
  mensor_status (*write)(void* instance, mensor_call* call, const mensor_batch* batch);
  void (*stop)(void* instance); /* joins the plugin's threads; no host calls after it returns */
} mensor_sink_desc;

/* ---------------------------------------------------------------------------------------------
 * Host services
 * ------------------------------------------------------------------------------------------- */

/* The table the host passes to register. Plugins keep the pointer (it lives until exit) and must
 * check struct_size before using a member newer than their target minor (A3).
 * OWNERSHIP: host-owned, static for the process. THREADS: every function is thread-safe (T8);
 * functions taking a call-scoped handle only during that call (T5). Since 1.0. */
typedef struct mensor_host_api {
  uint32_t struct_size;
  uint32_t abi_version;     /* the host's MENSOR_ABI_VERSION */
  const char* host_version; /* product version, for logs */

  /* Registration; valid only inside mensor_plugin_register_v1. The descriptor must stay valid
   * (static storage). Returns MENSOR_E_CONFIG for a duplicate name, MENSOR_E_INVALID_ARGUMENT for
   * a malformed descriptor (NULL required slot, larger struct_size than the host knows).
   * OWNERSHIP: descriptor borrowed forever (M6). THREADS: control thread. Since 1.0. */
  mensor_status (*register_resource_type)(mensor_registrar* reg,
                                          const mensor_resource_type_desc* desc);
  mensor_status (*register_auth_mode)(mensor_registrar* reg, const mensor_auth_mode_desc* desc);
  mensor_status (*register_sink)(mensor_registrar* reg, const mensor_sink_desc* desc);

  /* Logging; the host prefixes plugin and instance names. ctx may be NULL (library level).
   * OWNERSHIP: message borrowed (M1). THREADS: any thread (T6). Since 1.0. */
  void (*log)(mensor_host_ctx* ctx, int32_t level, mensor_str message);
  bool (*log_enabled)(mensor_host_ctx* ctx, int32_t level);

  /* Records the error of the current call; the host copies the message and returns `status`, so
   * plugins write `return host->set_error(call, MENSOR_E_CONFIG, msg);`.
   * OWNERSHIP: message borrowed (M1). THREADS: T5. Since 1.0. */
  mensor_status (*set_error)(mensor_call* call, mensor_status status, mensor_str message);
  /* OWNERSHIP: n/a. THREADS: T5. Since 1.0. */
  bool (*is_cancelled)(const mensor_call* call);
  /* Monotonic deadline of the call in ns, 0 = none. OWNERSHIP: n/a. THREADS: T5. Since 1.0. */
  int64_t (*deadline_mono_ns)(const mensor_call* call);
  /* Reports a configuration problem at the position of `key` in the config the call concerns
   * (NULL key = the entry itself). OWNERSHIP: borrowed (M1). THREADS: T5. Since 1.0. */
  void (*report)(mensor_call* call, int32_t severity, const char* key, mensor_str message);

  /* Clocks: one source of truth, fake-able in tests. OWNERSHIP: n/a. THREADS: any. Since 1.0. */
  int64_t (*now_unix_ns)(void);
  int64_t (*now_mono_ns)(void);

  /* Environment lookup through the host (tests substitute it). Copies the value into buf
   * (NUL-terminated, truncated to cap-1) and its full length into *len; MENSOR_E_NOT_FOUND if
   * unset. OWNERSHIP: buf is the caller's. THREADS: any. Since 1.0. */
  mensor_status (*env_get)(const char* name, char* buf, size_t cap, size_t* len);

  /* Typed reads of a configuration node the host validated against the plugin's schema. Absent
   * keys without default give MENSOR_E_NOT_FOUND; wrong types MENSOR_E_CONFIG. String views stay
   * valid as long as the config handle.
   * OWNERSHIP: views borrowed (M1). THREADS: T5. Since 1.0. */
  mensor_status (*cfg_str)(const mensor_config* cfg, const char* key, mensor_str* out);
  mensor_status (*cfg_i64)(const mensor_config* cfg, const char* key, int64_t* out);
  mensor_status (*cfg_f64)(const mensor_config* cfg, const char* key, double* out);
  mensor_status (*cfg_bool)(const mensor_config* cfg, const char* key, bool* out);
  size_t (*cfg_list_len)(const mensor_config* cfg, const char* key);
  mensor_status (*cfg_list_str)(const mensor_config* cfg, const char* key, size_t index,
                                mensor_str* out);
  /* Child mapping (OBJECT) or list element (OBJECT_LIST, index) as a config handle with the same
   * lifetime as cfg; NULL if absent. */
  const mensor_config* (*cfg_child)(const mensor_config* cfg, const char* key);
  const mensor_config* (*cfg_list_obj)(const mensor_config* cfg, const char* key, size_t index);

  /* Scrape targets (describe). OWNERSHIP: values copied (M5). THREADS: T5. Since 1.0. */
  mensor_status (*target_set)(mensor_target* target, int32_t field, mensor_str value);
  mensor_status (*target_add_label)(mensor_target* target, mensor_str name, mensor_str value);
  /* Replaces the configured dimensions the first time it is called in a describe, then appends. */
  mensor_status (*target_add_dimension)(mensor_target* target, mensor_str name);

  /* Blocking HTTP through the host's client: connection pooling, TLS, proxies, timeouts and (with
   * auth_scope) tokens are the host's. Transport failures return MENSOR_E_UNAVAILABLE or
   * MENSOR_E_TIMEOUT; any HTTP status is MENSOR_OK with a response to inspect and release.
   * OWNERSHIP: *out is host-owned until http_resp_release (M4). THREADS: worker threads, T4.
   * Since 1.0. */
  mensor_status (*http_send)(mensor_call* call, const mensor_http_request* request,
                             mensor_http_resp** out);
  int32_t (*http_resp_status)(const mensor_http_resp* resp);
  mensor_str (*http_resp_body)(const mensor_http_resp* resp);
  bool (*http_resp_header)(const mensor_http_resp* resp, const char* name, mensor_str* out);
  void (*http_resp_release)(mensor_http_resp* resp);

  /* Sink side: the samples of one write. scope identifies what the batch replaces: a sink keeps,
   * per scope, only the series of the newest batch (so vanished dimension values disappear).
   * OWNERSHIP: views valid until write returns (M1). THREADS: T5. Since 1.0. */
  size_t (*batch_len)(const mensor_batch* batch);
  mensor_status (*batch_at)(const mensor_batch* batch, size_t index, mensor_sample* out);
  mensor_str (*batch_scope)(const mensor_batch* batch);

  /* Serves GET requests on `path` of the host's HTTP server (pull sinks). Valid from start() on;
   * the route lives until stop(). MENSOR_E_CONFIG if the path is taken.
   * OWNERSHIP: user_data stays the plugin's. THREADS: control thread. Since 1.0. */
  mensor_status (*http_route)(mensor_host_ctx* ctx, mensor_str path, mensor_route_handler handler,
                              void* user_data);
  /* Inside a route handler: status, content type and body (copied; M5), extra headers.
   * OWNERSHIP: copied. THREADS: the handler's thread. Since 1.0. */
  void (*reply_set)(mensor_http_reply* reply, int32_t status, mensor_str content_type,
                    mensor_str body);
  void (*reply_header)(mensor_http_reply* reply, mensor_str name, mensor_str value);

  /* Auth side: the token and its absolute expiry. OWNERSHIP: copied (M5); the host keeps tokens
   * out of logs. THREADS: T5. Since 1.0. */
  mensor_status (*token_set)(mensor_token_out* out, mensor_str token, int64_t expires_unix_ns);

  /* --- append new members below this line only (A1, A2) --- */

  /* Inside a route handler: like reply_set, but the body is not copied. The host serves `body`
   * from the plugin's memory and calls release(owner) once when it no longer needs it (after the
   * response is written or the connection is gone); the bytes must not change until then. A
   * NULL release means the bytes outlive the host's server. A plugin must check that the host's
   * table is large enough (struct_size) and fall back to reply_set otherwise.
   * OWNERSHIP: body stays the plugin's until release (an exception to M5). THREADS: the
   * handler's thread; release on any host thread. Since 1.1. */
  void (*reply_set_shared)(mensor_http_reply* reply, int32_t status, mensor_str content_type,
                           mensor_str body, void (*release)(void* owner), void* owner);

  /* describe(): keeps a name/value pair with the target for collect() (a queue name, the
   * environment variable holding a secret). A repeated name replaces the value.
   * OWNERSHIP: copied (M5). THREADS: T5. Since 1.2. */
  mensor_status (*target_set_property)(mensor_target* target, mensor_str name, mensor_str value);
  /* collect(): one measured value (has_value false = none, sinks use their "unavailable" value);
   * `labels` become the series' dimension labels, composed with the target's labels.
   * OWNERSHIP: copied (M5). THREADS: T5. Since 1.2. */
  mensor_status (*collect_add)(mensor_collect_out* out, bool has_value, double value,
                               const mensor_label* labels, size_t label_count);

  /* Inside a route handler: like reply_set_shared, but the body is the concatenation of the
   * segment_count views in `segments`, so a document kept in pieces is served without being
   * assembled. The host copies the array of views, not the bytes: it serves them from the
   * plugin's memory and calls release(owner) exactly once when it no longer needs them (after
   * the response is written or the connection is gone); the bytes must not change until then. A
   * NULL release means the bytes outlive the host's server. A plugin must check that the host's
   * table is large enough (struct_size) and fall back to reply_set otherwise.
   * OWNERSHIP: the array is borrowed (M1); the bytes stay the plugin's until release (an
   * exception to M5). THREADS: the handler's thread; release on any host thread. Since 1.3. */
  void (*reply_set_segments)(mensor_http_reply* reply, int32_t status, mensor_str content_type,
                             const mensor_str* segments, size_t segment_count,
                             void (*release)(void* owner), void* owner);
} mensor_host_api;

/* ---------------------------------------------------------------------------------------------
 * Entry points a plugin library exports
 * ------------------------------------------------------------------------------------------- */

/* Static description of the library, read before anything else runs.
 * OWNERSHIP: static storage in the plugin (M6). THREADS: T7. Since 1.0. */
typedef struct mensor_plugin_info {
  uint32_t struct_size;
  uint32_t abi_version; /* the MENSOR_ABI_VERSION the plugin was built against */
  const char* name;     /* library name, e.g. "servicebus" */
  const char* version;  /* the plugin's own version */
  const char* description;
} mensor_plugin_info;

/* Pure; returns static data (T7). Since 1.0. */
typedef const mensor_plugin_info* (*mensor_plugin_info_fn)(void);
/* Called once after the version check, only if the configuration needs the library; registers its
 * types through host->register_*. The host pointer stays valid until exit.
 * OWNERSHIP: host and reg borrowed; host may be kept. THREADS: control thread. Since 1.0. */
typedef mensor_status (*mensor_plugin_register_fn)(const mensor_host_api* host,
                                                   mensor_registrar* reg, mensor_call* call);
/* Optional; called at shutdown after every instance is destroyed. THREADS: control. Since 1.0. */
typedef void (*mensor_plugin_unload_fn)(void);

#define MENSOR_PLUGIN_INFO_SYMBOL "mensor_plugin_info_v1"
#define MENSOR_PLUGIN_REGISTER_SYMBOL "mensor_plugin_register_v1"
#define MENSOR_PLUGIN_UNLOAD_SYMBOL "mensor_plugin_unload_v1"
#define MENSOR_PLUGIN_FILE_PREFIX "libmensor-plugin-"

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* MENSOR_ABI_H */
