# Installation layout and the Debian package (CPack):
#   cmake --build build --target seldon-lint && (cd build && cpack -G DEB)
# gives build/seldon-lint_<version>_<arch>.deb with the binary, the man page,
# bash/zsh/fish completions, the licence, third-party notices and changelog.
# Runtime dependencies are declared by dpkg-shlibdeps from the binary
# (libyaml-cpp0.7, libfmt9, libstdc++6, libgcc-s1, libc6); the tree-sitter
# runtime and grammars are compiled in.
include(GNUInstallDirs)
install(TARGETS seldon-lint RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# Debian policy: man pages gzipped (-n: no timestamp, reproducible).
set(man_gz "${CMAKE_BINARY_DIR}/seldon-lint.1.gz")
add_custom_command(OUTPUT "${man_gz}"
  COMMAND gzip -9nc "${CMAKE_SOURCE_DIR}/packaging/seldon-lint.1" > "${man_gz}"
  DEPENDS "${CMAKE_SOURCE_DIR}/packaging/seldon-lint.1" VERBATIM)
add_custom_target(seldon_lint_man ALL DEPENDS "${man_gz}")
install(FILES "${man_gz}" DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES "${CMAKE_SOURCE_DIR}/packaging/completions/seldon-lint.bash"
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME seldon-lint)
install(FILES "${CMAKE_SOURCE_DIR}/packaging/completions/_seldon-lint"
        DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)
install(FILES "${CMAKE_SOURCE_DIR}/packaging/completions/seldon-lint.fish"
        DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d)
install(FILES "${CMAKE_SOURCE_DIR}/LICENSE" "${CMAKE_SOURCE_DIR}/THIRD_PARTY_NOTICES.md"
              "${CMAKE_SOURCE_DIR}/CHANGELOG.md" "${CMAKE_SOURCE_DIR}/README.md"
        DESTINATION ${CMAKE_INSTALL_DOCDIR})
# The licence texts of the code compiled in (THIRD_PARTY_NOTICES.md).
foreach(part runtime yaml hcl bicep)
  set(name "tree-sitter-${part}")
  if(part STREQUAL "runtime")
    set(name "tree-sitter")
  endif()
  install(FILES "${SELDON_LINT_TS_DIR}/${part}/LICENSE" DESTINATION ${CMAKE_INSTALL_DOCDIR}/licenses
          RENAME "${name}.LICENSE")
endforeach()
install(FILES /usr/share/doc/nlohmann-json3-dev/copyright DESTINATION ${CMAKE_INSTALL_DOCDIR}/licenses
        RENAME nlohmann-json.copyright OPTIONAL)
install(FILES /usr/share/doc/libcli11-dev/copyright DESTINATION ${CMAKE_INSTALL_DOCDIR}/licenses
        RENAME cli11.copyright OPTIONAL)

set(CPACK_PACKAGE_NAME "seldon-lint")
set(CPACK_PACKAGE_VENDOR "seldon-lint")
set(CPACK_PACKAGE_CONTACT "seldon-lint maintainers <seldon-lint@users.noreply.github.com>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "static policy linter for GitOps repositories that deploy Seldon Core 2 with Kafka")
set(CPACK_PACKAGE_HOMEPAGE_URL "https://github.com/seldon-lint/seldon-lint")
set(CPACK_RESOURCE_FILE_LICENSE "${CMAKE_SOURCE_DIR}/LICENSE")
set(CPACK_GENERATOR "DEB")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # seldon-lint_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_SECTION "devel")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "git")  # --diff-base runs git
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "Reads a GitOps repository (Helm values, Flux and Argo CD manifests, Kustomize,\n helmfile, secrets, Terraform, Bicep, ARM), models Seldon releases, namespaces,\n secrets and Kafka brokers, and reports violations as text, JSON, SARIF, GitHub\n annotations or GitLab Code Quality.")
set(CPACK_STRIP_FILES ON)
include(CPack)
