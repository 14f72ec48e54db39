# mensor_add_plugin(<name> SOURCES <src>... [LOGIC_SOURCES <src>...] [LIBRARIES <lib>...]
#                   [TESTS <test-src>...] [INSTALL_DESTINATION <dir>])
#
# Builds libmensor-plugin-<name>.so as a MODULE library (target mensor-plugin-<name>) with hidden
# visibility and no undefined symbols, plus an OBJECT library mensor-plugin-<name>-objects with
# the same sources for unit tests that link the plugin in-process (see FakeHost).
#
# LOGIC_SOURCES: the plugin's protocol logic, kept apart from the SDK glue in SOURCES so it can be
# unit-tested on its own: a static library mensor-plugin-<name>-logic (hidden visibility, the
# folders of its sources as include directories, linking Mensor::sdk and LIBRARIES) that the
# plugin and its tests link.
#
# TESTS: shorthand for mensor_add_plugin_test(<name> SOURCES <test-src>...), done when
# MENSOR_BUILD_TESTS (in the Mensor tree) or BUILD_TESTING (include(CTest)) is on.
#
# mensor_add_plugin_test(<name> SOURCES <test-src>... [LIBRARIES <lib>...])
#
# GoogleTest executable mensor-plugin-<name>-tests linking the plugin objects, Mensor::sdk_testing
# and GTest::gtest_main; tests are discovered with the prefix "<name>.".
#
# Works inside the Mensor tree (MENSOR_PLUGIN_OUTPUT_DIR / MENSOR_PLUGIN_SUBDIR are set by the
# top-level CMakeLists) and for third parties after find_package(MensorSDK).
include_guard(GLOBAL)
include(GNUInstallDirs)

function(mensor_add_plugin name)
  cmake_parse_arguments(ARG "" "INSTALL_DESTINATION" "SOURCES;LOGIC_SOURCES;LIBRARIES;TESTS"
                        ${ARGN})
  if(NOT ARG_SOURCES)
    message(FATAL_ERROR "mensor_add_plugin(${name}): SOURCES is required")
  endif()
  set(target mensor-plugin-${name})

  if(ARG_LOGIC_SOURCES)
    set(logic_dirs "")
    foreach(source IN LISTS ARG_LOGIC_SOURCES)
      get_filename_component(dir "${source}" DIRECTORY ABSOLUTE)
      list(APPEND logic_dirs "${dir}")
    endforeach()
    list(REMOVE_DUPLICATES logic_dirs)
    add_library(${target}-logic STATIC ${ARG_LOGIC_SOURCES})
    target_include_directories(${target}-logic PUBLIC ${logic_dirs})
    target_link_libraries(${target}-logic PUBLIC Mensor::sdk ${ARG_LIBRARIES})
    target_compile_features(${target}-logic PUBLIC cxx_std_20)
    set_target_properties(${target}-logic PROPERTIES
      POSITION_INDEPENDENT_CODE ON
      CXX_VISIBILITY_PRESET hidden
      VISIBILITY_INLINES_HIDDEN ON)
    set(ARG_LIBRARIES ${target}-logic)
  endif()

  add_library(${target}-objects OBJECT ${ARG_SOURCES})
  target_link_libraries(${target}-objects PUBLIC Mensor::sdk ${ARG_LIBRARIES})
  target_compile_features(${target}-objects PUBLIC cxx_std_20)
  set_target_properties(${target}-objects PROPERTIES
    POSITION_INDEPENDENT_CODE ON
    CXX_VISIBILITY_PRESET hidden
    C_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  target_compile_options(${target}-objects PRIVATE
    $<$<COMPILE_LANGUAGE:CXX>:-fvisibility=hidden -fvisibility-inlines-hidden>)

  add_library(${target} MODULE $<TARGET_OBJECTS:${target}-objects>)
  target_link_libraries(${target} PRIVATE Mensor::sdk ${ARG_LIBRARIES})
  # The file name is the discovery contract (abi.h MENSOR_PLUGIN_FILE_PREFIX).
  set_target_properties(${target} PROPERTIES
    PREFIX ""
    OUTPUT_NAME "libmensor-plugin-${name}"
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  if(NOT APPLE)
    target_link_options(${target} PRIVATE "LINKER:--no-undefined")
  endif()
  if(MENSOR_PLUGIN_OUTPUT_DIR)
    set_target_properties(${target} PROPERTIES LIBRARY_OUTPUT_DIRECTORY "${MENSOR_PLUGIN_OUTPUT_DIR}")
  else()
    set_target_properties(${target} PROPERTIES LIBRARY_OUTPUT_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}")
  endif()

  if(ARG_INSTALL_DESTINATION)
    set(destination "${ARG_INSTALL_DESTINATION}")
  elseif(MENSOR_PLUGIN_SUBDIR)
    set(destination "${MENSOR_PLUGIN_SUBDIR}")
  else()
    set(destination "${CMAKE_INSTALL_LIBDIR}/mensor/plugins")
  endif()
  install(TARGETS ${target} LIBRARY DESTINATION "${destination}")

  if(ARG_TESTS AND (MENSOR_BUILD_TESTS OR BUILD_TESTING))
    mensor_add_plugin_test(${name} SOURCES ${ARG_TESTS})
  endif()
endfunction()

function(mensor_add_plugin_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBRARIES" ${ARGN})
  if(NOT TARGET GTest::gtest_main)
    find_package(GTest REQUIRED)
  endif()
  include(GoogleTest)
  set(target mensor-plugin-${name}-tests)
  add_executable(${target} ${ARG_SOURCES})
  target_link_libraries(${target} PRIVATE mensor-plugin-${name}-objects Mensor::sdk_testing
                                          GTest::gtest_main ${ARG_LIBRARIES})
  gtest_discover_tests(${target} TEST_PREFIX "${name}." DISCOVERY_TIMEOUT 30)
endfunction()
