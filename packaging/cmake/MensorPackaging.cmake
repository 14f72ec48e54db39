# Debian packages through CPack (`cpack -G DEB` in the build tree, or the `package-deb` target):
#   mensor      the agent, the built-in plugins (<libdir>/mensor/plugins), the systemd unit and a
#               sample configuration in /etc/mensor
#   mensor-dev  the plugin SDK: headers and the MensorSDK CMake package
# Dependencies come from dpkg-shlibdeps, so they follow the libraries the build linked.
include_guard(GLOBAL)

set(MENSOR_PACKAGING_DIR ${CMAKE_CURRENT_LIST_DIR}/..)

# Absolute paths outside the prefix: only a packaging (per-component) install writes them, never a
# plain `cmake --install build --prefix DIR`.
install(FILES ${MENSOR_PACKAGING_DIR}/linux/mensor.service
        DESTINATION /lib/systemd/system COMPONENT system EXCLUDE_FROM_ALL)
install(FILES ${MENSOR_PACKAGING_DIR}/linux/runtime.yaml
              ${MENSOR_PACKAGING_DIR}/linux/metrics-declaration.yaml
        DESTINATION /etc/mensor COMPONENT system EXCLUDE_FROM_ALL)
install(FILES ${MENSOR_PACKAGING_DIR}/linux/default
        DESTINATION /etc/default RENAME mensor
        PERMISSIONS OWNER_READ OWNER_WRITE COMPONENT system EXCLUDE_FROM_ALL)
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/CHANGELOG.md
        DESTINATION ${CMAKE_INSTALL_DOCDIR} COMPONENT runtime)

set(CPACK_PACKAGE_NAME mensor)
set(CPACK_PACKAGE_VENDOR "Mensor")
set(CPACK_PACKAGE_CONTACT "Mensor maintainers <mensor@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Azure Monitor metrics scraper, a drop-in for Promitor")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGE_DIRECTORY ${CMAKE_BINARY_DIR}/packages)

set(CPACK_GENERATOR DEB)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL runtime system sdk)
# The agent and its configuration are one package; the SDK is another.
set(CPACK_COMPONENT_RUNTIME_GROUP mensor)
set(CPACK_COMPONENT_SYSTEM_GROUP mensor)
set(CPACK_COMPONENT_SDK_GROUP mensor-dev)
set(CPACK_COMPONENTS_GROUPING ONE_PER_GROUP)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_MENSOR_PACKAGE_NAME mensor)
set(CPACK_DEBIAN_MENSOR_PACKAGE_SECTION net)
set(CPACK_DEBIAN_MENSOR_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_MENSOR_PACKAGE_DEPENDS "ca-certificates")
set(CPACK_DEBIAN_MENSOR_DESCRIPTION
  "Azure Monitor metrics scraper, a drop-in for Promitor\n Mensor scrapes Azure Monitor metrics for the resources you declare and serves them to\n Prometheus and other sinks. It reads Promitor's runtime.yaml and metrics declaration\n unchanged. Runs as the hardened systemd service mensor.service.")
set(CPACK_DEBIAN_MENSOR_PACKAGE_CONTROL_EXTRA
  ${MENSOR_PACKAGING_DIR}/linux/conffiles ${MENSOR_PACKAGING_DIR}/linux/postinst ${MENSOR_PACKAGING_DIR}/linux/prerm
  ${MENSOR_PACKAGING_DIR}/linux/postrm)
set(CPACK_DEBIAN_MENSOR_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_MENSOR-DEV_PACKAGE_NAME mensor-dev)
set(CPACK_DEBIAN_MENSOR-DEV_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_MENSOR-DEV_PACKAGE_ARCHITECTURE all)
# Only the Azure helpers (nlohmann/json) and FakeHost (yaml-cpp) need more than the C++ library.
set(CPACK_DEBIAN_MENSOR-DEV_PACKAGE_RECOMMENDS "cmake, nlohmann-json3-dev, libyaml-cpp-dev")
set(CPACK_DEBIAN_MENSOR-DEV_DESCRIPTION
  "Mensor plugin SDK\n The C ABI header, the header-only C++ wrapper and the MensorSDK CMake package to\n build resource-type, authentication and sink plugins for Mensor.")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://github.com/mensor/mensor")
include(CPack)

add_custom_target(package-deb
  COMMAND ${CMAKE_CPACK_COMMAND} -G DEB --config ${CMAKE_BINARY_DIR}/CPackConfig.cmake
  WORKING_DIRECTORY ${CMAKE_BINARY_DIR}
  COMMENT "Building the Debian packages into ${CPACK_PACKAGE_DIRECTORY}"
  VERBATIM)
