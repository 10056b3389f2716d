// The repository fuzzer's input format, shared with the regression replay:
// one byte string holds several files, each introduced by a header line
//   #@ relative/path.yaml
// (text before the first header goes to clusters/prod/values.yaml).  Paths
// are kept as written when they are safe relative paths, so seeds built from
// fixtures/ keep their real names; anything else gets a name from kNames,
// chosen by the path's length, so mutated headers still hit the interesting
// kinds of file.  No file is written to disk.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "linter/input/discovery.hpp"

namespace seldon_lint::fuzz {

inline constexpr std::array<std::string_view, 16> kNames = {
    "clusters/prod/kustomization.yaml",
    "clusters/prod/seldon/kustomization.yaml",
    "apps/prod/application.yaml",
    "apps/prod/applicationset.yaml",
    "clusters/prod/helmrelease.yaml",
    "helmfile.yaml",
    "envs/prod/values.yaml",
    "clusters/prod/secrets.yaml",
    "infra/prod/main.tf",
    "infra/prod/main.bicep",
    "infra/prod/azuredeploy.json",
    ".seldon-lint.yaml",
    "charts/seldon/values.yaml",
    "clusters/staging/components-values.yaml",
    "charts/app/Chart.yaml",
    "charts/app/templates/objects.yaml"};

inline constexpr size_t kMaxFiles = 64;

inline bool safe_relative_path(std::string_view path) {
  if (path.empty() || path.size() > 200 || path.front() == '/') return false;
  size_t begin = 0;
  while (begin <= path.size()) {
    size_t end = path.find('/', begin);
    if (end == std::string_view::npos) end = path.size();
    std::string_view segment = path.substr(begin, end - begin);
    if (segment.empty() || segment == "." || segment == "..") return false;
    begin = end + 1;
  }
  for (char c : path) {
    if (static_cast<unsigned char>(c) < 0x20) return false;
  }
  return true;
}

inline std::vector<MemoryFile> split_repository(std::string_view data) {
  std::vector<MemoryFile> files;
  files.push_back({"clusters/prod/values.yaml", ""});
  size_t pos = 0;
  while (pos <= data.size()) {
    size_t header = data.find("#@ ", pos);
    while (header != std::string_view::npos && header != 0 && data[header - 1] != '\n')
      header = data.find("#@ ", header + 1);
    size_t body_end = header == std::string_view::npos ? data.size() : header;
    files.back().content.append(data.substr(pos, body_end - pos));
    if (header == std::string_view::npos || files.size() >= kMaxFiles) break;
    size_t line_end = data.find('\n', header);
    if (line_end == std::string_view::npos) line_end = data.size();
    std::string_view name = data.substr(header + 3, line_end - header - 3);
    std::string path = safe_relative_path(name) ? std::string(name)
                                                : std::string(kNames[name.size() % kNames.size()]);
    files.push_back({path, ""});
    pos = line_end + 1;
  }
  if (files.size() > 1 && files.front().content.empty()) files.erase(files.begin());
  return files;
}

}  // namespace seldon_lint::fuzz
