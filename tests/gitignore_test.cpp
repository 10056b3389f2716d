// Globs with classes and braces, and .gitignore semantics (gitignore(5)).
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "linter/base/glob.hpp"
#include "linter/input/discovery.hpp"
#include "linter/input/gitignore.hpp"
#include "tests/test_repo.hpp"

using namespace seldon_lint;
using seldon_lint::testing::TestRepo;

TEST_CASE("globs: [...] classes and {a,b} alternatives", "[glob]") {
  CHECK(glob_match("clusters/prod-[0-9]/*.yaml", "clusters/prod-1/a.yaml"));
  CHECK_FALSE(glob_match("clusters/prod-[0-9]/*.yaml", "clusters/prod-x/a.yaml"));
  CHECK(glob_match("a[!b].yaml", "ac.yaml"));
  CHECK_FALSE(glob_match("a[!b].yaml", "ab.yaml"));
  CHECK(glob_match("a[^b].yaml", "ac.yaml"));
  CHECK(glob_match("[]x].yaml", "].yaml"));
  CHECK_FALSE(glob_match("a[/]b", "a/b"));  // a class never matches the separator
  CHECK(glob_match("a[b", "a[b"));          // an unclosed `[` is a literal
  CHECK(glob_match("{clusters,envs}/prod/**", "envs/prod/x/values.yaml"));
  CHECK(glob_match("{clusters,envs}/prod/**", "clusters/prod/values.yaml"));
  CHECK_FALSE(glob_match("{clusters,envs}/prod/**", "apps/prod/values.yaml"));
  CHECK(glob_match("**/*.{yaml,yml}", "a/b.yml"));
  CHECK(glob_match("{a,{b,c}}.yaml", "c.yaml"));  // nested
  CHECK(glob_match("{a}.yaml", "{a}.yaml"));      // no comma: literal, as in bash
  CHECK(glob_match("\\*.yaml", "*.yaml"));
  CHECK_FALSE(glob_match("\\*.yaml", "a.yaml"));
  CHECK(expand_braces("{a,b}{c,d}") == std::vector<std::string>{"ac", "ad", "bc", "bd"});
  // Too many alternatives: no match rather than unbounded work.
  std::string huge;
  for (int i = 0; i < 11; ++i) huge += "{a,b}";
  CHECK(expand_braces(huge).empty());
  CHECK_FALSE(glob_match(huge, std::string(11, 'a')));
}

TEST_CASE("gitignore patterns", "[gitignore]") {
  auto patterns = parse_gitignore(
      "# comment\n\n*.log\n/build/\nsecret*.yaml\n!secret-ok.yaml\ndocs/**/draft.yaml\n"
      "\\#hash.yaml\ntrailing.yaml   \nvendor/\r\n");
  REQUIRE(patterns.size() == 8);
  CHECK(patterns[0].glob == "**/*.log");
  CHECK(patterns[1].glob == "build");
  CHECK(patterns[1].directory_only);
  CHECK(patterns[3].negated);
  CHECK(patterns[4].glob == "docs/**/draft.yaml");
  CHECK(patterns[5].glob == "**/#hash.yaml");
  CHECK(patterns[6].glob == "**/trailing.yaml");
  CHECK(patterns[7].glob == "**/vendor");
  CHECK(patterns[7].directory_only);
}

TEST_CASE("gitignore: nested files, negation, anchoring, directories", "[gitignore]") {
  TestRepo repo;
  repo.file(".gitignore", "secret*.yaml\n!secret-ok.yaml\n/out/\ncache/\n*.tmp.yaml\n");
  repo.file("apps/.gitignore", "!keep.tmp.yaml\nlocal-[0-9].yaml\n");
  repo.file("apps/secret.yaml", "a: 1\n");
  repo.file("apps/secret-ok.yaml", "a: 1\n");
  repo.file("apps/keep.tmp.yaml", "a: 1\n");
  repo.file("apps/drop.tmp.yaml", "a: 1\n");
  repo.file("apps/local-1.yaml", "a: 1\n");
  repo.file("apps/local-x.yaml", "a: 1\n");
  repo.file("apps/out/a.yaml", "a: 1\n");  // `/out/` is anchored to the root
  repo.file("out/a.yaml", "a: 1\n");
  repo.file("apps/cache/a.yaml", "a: 1\n");  // `cache/` at any depth
  repo.file("values.yaml", "a: 1\n");
  repo.file("apps/team/.gitignore", "drop-*.yaml\n");  // a third level
  repo.file("apps/team/drop-1.yaml", "a: 1\n");
  repo.file("apps/team/keep.yaml", "a: 1\n");
  std::filesystem::create_directories(repo.root() / ".git/info");
  repo.file(".git/info/exclude", "values.yaml\n");

  DiscoveryOptions options;
  options.root = repo.root().string();
  options.paths = {repo.root().string()};
  std::vector<std::string> found;
  for (const auto& file : discover_files(options)) found.push_back(file.relative);
  const std::vector<std::string> expected{"apps/keep.tmp.yaml", "apps/local-x.yaml",
                                          "apps/out/a.yaml", "apps/secret-ok.yaml",
                                          "apps/team/keep.yaml"};
  CHECK(found == expected);

  // Folders are read in parallel, each with the .gitignore files above it.
  for (unsigned jobs : {1u, 2u, 8u}) {
    options.jobs = jobs;
    found.clear();
    for (const auto& file : discover_files(options)) found.push_back(file.relative);
    CHECK(found == expected);
  }

  // A walk that starts in a sub-folder still obeys the root's .gitignore.
  options.paths = {(repo.root() / "apps").string()};
  found.clear();
  for (const auto& file : discover_files(options)) found.push_back(file.relative);
  CHECK(found == expected);
  options.paths = {(repo.root() / "apps/team").string()};
  found.clear();
  for (const auto& file : discover_files(options)) found.push_back(file.relative);
  CHECK(found == std::vector<std::string>{"apps/team/keep.yaml"});

  options.paths = {repo.root().string()};
  options.gitignore = false;  // --no-ignore
  found.clear();
  for (const auto& file : discover_files(options)) found.push_back(file.relative);
  CHECK(found.size() == 12);
}
