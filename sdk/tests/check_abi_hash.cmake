# cmake -DABI_HEADER=<abi.h> -DHASH_FILE=<abi_hash.txt> -P check_abi_hash.cmake
file(SHA256 "${ABI_HEADER}" actual_hash)
file(STRINGS "${HASH_FILE}" recorded_version REGEX "^MENSOR_ABI_VERSION=")
file(STRINGS "${HASH_FILE}" recorded_hash REGEX "^MENSOR_ABI_HASH=")
string(REPLACE "MENSOR_ABI_VERSION=" "" recorded_version "${recorded_version}")
string(REPLACE "MENSOR_ABI_HASH=" "" recorded_hash "${recorded_hash}")

file(STRINGS "${ABI_HEADER}" major_line REGEX "^#define MENSOR_ABI_VERSION_MAJOR ")
file(STRINGS "${ABI_HEADER}" minor_line REGEX "^#define MENSOR_ABI_VERSION_MINOR ")
string(REGEX REPLACE ".* ([0-9]+)$" "\\1" major "${major_line}")
string(REGEX REPLACE ".* ([0-9]+)$" "\\1" minor "${minor_line}")
set(header_version "${major}.${minor}")

if(NOT actual_hash STREQUAL recorded_hash)
  if(header_version STREQUAL recorded_version)
    message(FATAL_ERROR
      "abi.h changed (SHA-256 ${actual_hash}) but MENSOR_ABI_VERSION is still ${header_version}.\n"
      "Every ABI edit needs a deliberate version decision (abi.h A1-A6): bump "
      "MENSOR_ABI_VERSION_MINOR for an append-only change (and mark the new members "
      "'since ${major}.N'), or the major for a breaking one, then record the new version and hash "
      "in sdk/abi_hash.txt.")
  else()
    message(FATAL_ERROR
      "abi.h is now version ${header_version} (SHA-256 ${actual_hash}); sdk/abi_hash.txt still "
      "records ${recorded_version}. If the bump is intended, set in sdk/abi_hash.txt:\n"
      "  MENSOR_ABI_VERSION=${header_version}\n  MENSOR_ABI_HASH=${actual_hash}")
  endif()
endif()
if(NOT header_version STREQUAL recorded_version)
  message(FATAL_ERROR "abi.h declares version ${header_version} but sdk/abi_hash.txt records "
                      "${recorded_version} for the same hash; fix sdk/abi_hash.txt.")
endif()
message(STATUS "abi.h matches recorded ABI ${recorded_version} (${recorded_hash})")
