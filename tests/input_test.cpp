// Discovery and reading of hostile or unusual repositories: every bad file is
// a finding (SL001/SL002) or skipped by design, never a crash, hang or lost
// result for the other files.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "linter/cli/lint.hpp"
#include "linter/input/discovery.hpp"
#include "linter/input/load.hpp"

namespace fs = std::filesystem;
using namespace seldon_lint;

namespace {

struct TempRepo {
  fs::path root;
  TempRepo() {
    root = fs::temp_directory_path() /
           ("seldon-lint-input-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
    fs::remove_all(root);
    fs::create_directories(root);
  }
  ~TempRepo() {
    std::error_code ec;
    fs::permissions(root, fs::perms::all, ec);
    fs::remove_all(root, ec);
  }
  void write(const std::string& rel, const std::string& text) const {
    fs::create_directories((root / rel).parent_path());
    std::ofstream(root / rel, std::ios::binary) << text;
  }
  static int& counter() {
    static int n = 0;
    return n;
  }
  LintResult lint() const {
    LintOptions options;
    options.root = root.string();
    options.paths = {root.string()};
    options.jobs = 2;
    return seldon_lint::lint(options);
  }
};

std::vector<std::string> rule_ids(const LintResult& r, const std::string& path) {
  std::vector<std::string> out;
  for (const auto& f : r.findings) {
    if (f.location.known() && r.model->files[f.location.file].path == path)
      out.push_back(f.rule_id);
  }
  return out;
}

const std::string kProdPlaintext =
    "security:\n  kafka:\n    protocol: PLAINTEXT\nkafka:\n  topics:\n    replicationFactor: 3\n";

}  // namespace

TEST_CASE("bad files become findings and never hide other files", "[input]") {
  TempRepo repo;
  repo.write("clusters/prod/components-values.yaml", kProdPlaintext);
  repo.write("broken.yaml", "kafka: [1, 2\n");
  repo.write("binary.yaml", std::string("\x7f"
                                        "ELF\0\0\x01",
                                        7));
  repo.write("latin1.yml", "kafka: caf\xe9\n");
  repo.write("huge.yaml", std::string(11u * 1024 * 1024, '#'));
  auto result = repo.lint();
  CHECK(rule_ids(result, "clusters/prod/components-values.yaml") ==
        std::vector<std::string>{"SL101"});
  CHECK(rule_ids(result, "broken.yaml") == std::vector<std::string>{"SL001"});
  CHECK(rule_ids(result, "binary.yaml") == std::vector<std::string>{"SL002"});
  CHECK(rule_ids(result, "latin1.yml") == std::vector<std::string>{"SL002"});
  CHECK(rule_ids(result, "huge.yaml") == std::vector<std::string>{"SL002"});
}

TEST_CASE("symbolic links: loops are reported, links out of the root are not followed", "[input]") {
  TempRepo repo;
  TempRepo outside;
  outside.write("clusters/prod/components-values.yaml", kProdPlaintext);
  repo.write("clusters/staging/ok.yaml", "a: 1\n");
  fs::create_symlink("loop.yaml", repo.root / "loop.yaml");
  fs::create_directory_symlink(repo.root, repo.root / "clusters" / "self");  // directory cycle
  fs::create_directory_symlink(outside.root / "clusters", repo.root / "escape");
  auto result = repo.lint();
  CHECK(rule_ids(result, "loop.yaml") == std::vector<std::string>{"SL002"});
  for (const auto& f : result.findings) CHECK(f.rule_id != "SL101");  // nothing read via escape/
  bool escaped = false;
  for (const auto& file : result.model->files)
    escaped = escaped || file.path.rfind("escape/", 0) == 0;
  CHECK_FALSE(escaped);
}

TEST_CASE("a folder reachable through a link inside the root is read under its real path",
          "[input]") {
  // The link sorts first; pre-commit and git name the real path, so that is the
  // one file-argument mode must find in the model.
  TempRepo repo;
  repo.write("clusters/prod/components-values.yaml", kProdPlaintext);
  fs::create_directory_symlink(repo.root / "clusters" / "prod", repo.root / "clusters" / "a-link");
  auto result = repo.lint();
  CHECK(rule_ids(result, "clusters/prod/components-values.yaml") ==
        std::vector<std::string>{"SL101"});
  CHECK(rule_ids(result, "clusters/a-link/components-values.yaml").empty());
}

TEST_CASE("FIFOs and other special files are skipped without blocking", "[input]") {
  TempRepo repo;
  REQUIRE(::mkfifo((repo.root / "pipe.yaml").c_str(), 0600) == 0);
  repo.write("clusters/prod/components-values.yaml", kProdPlaintext);
  auto result = repo.lint();
  CHECK(rule_ids(result, "clusters/prod/components-values.yaml") ==
        std::vector<std::string>{"SL101"});
}

TEST_CASE("unreadable files are SL002 (when not running as root)", "[input]") {
  if (::geteuid() == 0) {
    SUCCEED("root reads every file; permission errors cannot be produced");
    return;
  }
  TempRepo repo;
  repo.write("secret.yaml", kProdPlaintext);
  fs::permissions(repo.root / "secret.yaml", fs::perms::none);
  auto result = repo.lint();
  CHECK(rule_ids(result, "secret.yaml") == std::vector<std::string>{"SL002"});
}

TEST_CASE(
    "what is read: YAML, Terraform, Bicep, ARM templates, chart templates to render, not .git",
    "[input]") {
  TempRepo repo;
  repo.write("a.yaml", "x: 1\n");
  repo.write("b.yml", "x: 1\n");
  repo.write("main.tf", "resource \"x\" \"y\" {}\n");
  repo.write("main.bicep", "param x string\n");
  repo.write("azuredeploy.json",
             "{\n  \"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/"
             "deploymentTemplate.json#\",\n  \"resources\": []\n}\n");
  repo.write("package.json", "{\"name\": \"x\"}\n");
  repo.write("charts/demo/Chart.yaml", "name: demo\nversion: 1.0.0\n");
  repo.write("charts/demo/values.yaml", "x: 1\n");
  repo.write("charts/demo/templates/deployment.yaml", "{{ if .Values.x }}\nkafka: [\n{{ end }}\n");
  repo.write("charts/demo/crds/crd.yaml", "x: 1\n");
  repo.write(".git/config.yaml", "x: [\n");
  repo.write("vendor/x.yaml", "x: [\n");
  repo.write(".seldon-lint.yaml", "ignore: [\"vendor/**\"]\n");
  DiscoveryOptions options;
  options.root = repo.root.string();
  options.paths = {repo.root.string()};
  options.ignore = {"vendor/**"};
  std::vector<std::string> paths;
  for (const auto& f : discover_files(options)) paths.push_back(f.relative);
  std::vector<std::string> expected = {".seldon-lint.yaml",
                                       "a.yaml",
                                       "azuredeploy.json",
                                       "b.yml",
                                       "charts/demo/Chart.yaml",
                                       "charts/demo/templates/deployment.yaml",
                                       "charts/demo/values.yaml",
                                       "main.bicep",
                                       "main.tf",
                                       "package.json"};
  CHECK(paths == expected);  // package.json is dropped later: not an ARM template
  // A chart's templates are Go templates, rendered per release, never linted as YAML.
  for (const auto& f : discover_files(options)) {
    if (f.relative == "charts/demo/templates/deployment.yaml") {
      CHECK(f.kind == FileKind::HelmTemplate);
    }
  }
  auto result = repo.lint();
  bool has_package = false;
  for (const auto& f : result.model->files) has_package = has_package || f.path == "package.json";
  CHECK_FALSE(has_package);
  CHECK(result.findings.empty());
}

TEST_CASE("discovery stamps the files it lists only when asked, with their own stat", "[input]") {
  TempRepo repo;
  repo.write("a.yaml", "a: 1\n");
  repo.write("apps/b/values.yaml", "b: 22\n");
  repo.write("apps/b/notes.md", "not listed\n");
  fs::create_directory_symlink(repo.root / "apps", repo.root / "linked");
  DiscoveryOptions options;
  options.root = repo.root.string();
  options.paths = {repo.root.string()};
  for (const auto& f : discover_files(options)) CHECK_FALSE(f.stamp.has_value());

  options.stamp_files = true;
  size_t stamped = 0;
  for (const auto& f : discover_files(options)) {
    if (!f.stamp) continue;  // only files a folder lists as regular files
    ++stamped;
    struct stat st {};
    REQUIRE(::stat(f.absolute.c_str(), &st) == 0);
    CHECK(*f.stamp == stamp_of(st));
  }
  CHECK(stamped == 2);  // a.yaml, apps/b/values.yaml (the linked folder is listed once)
  // A file named on the command line is stat-ed when it is read, as before.
  options.paths = {(repo.root / "a.yaml").string()};
  auto named = discover_files(options);
  REQUIRE(named.size() == 1);
  CHECK_FALSE(named[0].stamp.has_value());
}

TEST_CASE("the prefilter keeps files that can matter", "[input]") {
  CHECK(may_matter("a.yaml", "image: seldonio/mlserver\n"));
  CHECK(may_matter("a.yaml", "apiVersion: v1\nkind: Secret\n"));
  CHECK(may_matter("a.yaml", "kind: \"SealedSecret\"\n"));
  CHECK(may_matter("a.yaml", "bootstrap: x.servicebus.windows.net:9093\n"));
  CHECK(may_matter("a/kustomization.yaml", "resources: [a.yaml]\n"));
  CHECK_FALSE(
      may_matter("a.yaml", "apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: 1\n"));
  CHECK_FALSE(may_matter("a.yaml", "env:\n  - secretKeyRef: {name: db}\nsubkind: Secret\n"));
}

TEST_CASE("discovery at 1, 2 and 8 threads: folders read in parallel, the same files in order",
          "[input]") {
  TempRepo repo;
  for (int team = 0; team < 12; ++team) {
    for (const char* env : {"dev", "staging", "production"}) {
      repo.write("apps/team-" + std::to_string(team) + "/overlays/" + env + "/values.yaml",
                 "a: 1\n");
    }
  }
  repo.write("vendor/ignored/x.yaml", "a: 1\n");
  repo.write(".gitignore", "vendor/\n");
  // A link to an ignored folder is read through the link; a link back up
  // inside it is not followed twice.
  fs::create_directory_symlink(repo.root / "vendor" / "ignored", repo.root / "apps" / "shared");
  fs::create_directory_symlink(repo.root / "apps", repo.root / "vendor" / "ignored" / "up");
  auto list = [&](unsigned jobs) {
    DiscoveryOptions options;
    options.root = repo.root.string();
    options.paths = {repo.root.string()};
    options.jobs = jobs;
    std::vector<std::string> out;
    for (const auto& file : discover_files(options)) out.push_back(file.relative);
    return out;
  };
  std::vector<std::string> one = list(1);
  CHECK(one.size() == 12 * 3 + 1);
  CHECK(std::find(one.begin(), one.end(), "apps/shared/x.yaml") != one.end());
  CHECK(std::is_sorted(one.begin(), one.end()));
  CHECK(list(2) == one);
  CHECK(list(8) == one);
}
