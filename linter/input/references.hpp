// The files that parsed documents name as something to read: Argo CD
// `valueFiles`, Flux `valuesFrom` / `substituteFrom` ConfigMaps and Secrets,
// kustomization `resources`/`components`/patches/replacements/configurations/
// generator files/`helmCharts` values files, helmfile values files,
// ApplicationSet git generator files.
// The input stage loads and parses these whatever the prefilter said
// (interfaces.md "Files read"), so the model never parses.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "seldon_lint/model.hpp"

namespace seldon_lint {

struct FileReferences {
  // Paths relative to the root, in the order they were found, possibly
  // repeated: a big repository names tens of thousands, and their readers
  // only look each one up (a set paid a node and a tree walk per path).
  std::vector<std::string> paths;  // parsed into documents
  // Kustomization `resources`/`bases`/`components`: only checked for syntax
  // (SL001). The Kustomize build reads the objects of those the prefilter
  // keeps; parsing every Deployment into documents would dominate the run.
  std::vector<std::string> syntax_only;
  std::set<std::string> globs;         // templated paths (holes as `*`) and generator globs
  std::set<std::string> object_names;  // ConfigMaps/Secrets named by Flux valuesFrom/substituteFrom

  // Moves what `other` holds into this one (any merge order names the same files).
  void merge(FileReferences& other);
  // The same files, globs and names, whatever the order and repeats.
  bool same_as(const FileReferences& other) const;
};

// Adds what the documents of `file` reference.
void collect_references(const SourceFile& file, FileReferences& out);

// A path that may hold `{{ ... }}` template holes as a glob (each hole `*`,
// within one path segment); the path itself when it holds none.
std::string template_holes_as_glob(std::string_view path);

}  // namespace seldon_lint
