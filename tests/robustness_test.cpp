// Hostile input: exceptions across threads, huge and odd files, special files,
// file names no one expects.  Each case must finish, never crash, and say
// what it could not do (SL002) instead of hiding it.
#include <algorithm>
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <thread>

#include "linter/base/thread_pool.hpp"
#include "linter/cli/lint.hpp"
#include "linter/engine/engine.hpp"
#include "test_repo.hpp"

namespace fs = std::filesystem;
using namespace seldon_lint;
using seldon_lint::testing::TestRepo;

namespace {

LintResult lint_memory(const std::vector<MemoryFile>& files, unsigned jobs = 1) {
  LintOptions options;
  options.root = "/memory";
  options.memory_files = &files;
  options.jobs = jobs;
  return lint(options);
}

LintResult lint_repo(const TestRepo& repo, unsigned jobs = 1, bool keep_texts = false) {
  LintOptions options;
  options.root = repo.root().string();
  options.paths = {options.root};
  options.jobs = jobs;
  options.keep_texts = keep_texts;
  return lint(options);
}

std::vector<std::string> messages_of(const LintResult& result, const std::string& rule) {
  std::vector<std::string> out;
  for (const auto& f : result.findings) {
    if (f.rule_id == rule)
      out.push_back(result.model->files[f.location.file].path + ": " + f.message);
  }
  return out;
}

bool any_contains(const std::vector<std::string>& list, const std::string& needle) {
  for (const auto& s : list) {
    if (s.find(needle) != std::string::npos) return true;
  }
  return false;
}

class ThrowingRule : public Rule {
 public:
  ThrowingRule() {
    info_.id = "SL999";
    info_.name = "throws";
  }
  const RuleInfo& info() const override { return info_; }
  void check(const Model&, Reporter&) const override { throw std::out_of_range("stoul"); }

 private:
  RuleInfo info_;
};

}  // namespace

TEST_CASE("parallel_for carries exceptions back to the caller, in index order (threads)",
          "[robust][threads]") {
  for (unsigned jobs : {1u, 2u, 5u}) {
    std::atomic<size_t> ran{0};
    auto failures = parallel_for(100, jobs, [&](size_t i, unsigned) {
      ++ran;
      if (i % 7 == 3) throw std::runtime_error("bad " + std::to_string(i));
      if (i == 50) throw 42;  // not a std::exception
    });
    CHECK(ran == 100);  // one failure does not stop the others
    REQUIRE(failures.size() == 15);
    CHECK(failures.front().index == 3);
    CHECK(failures.front().what == "bad 3");
    auto it = std::find_if(failures.begin(), failures.end(),
                           [](const TaskFailure& f) { return f.index == 50; });
    REQUIRE(it != failures.end());
    CHECK(it->what == "unknown exception");
    CHECK(std::is_sorted(
        failures.begin(), failures.end(),
        [](const TaskFailure& a, const TaskFailure& b) { return a.index < b.index; }));
  }
}

TEST_CASE("a rule that throws on a worker thread becomes SL002, not std::terminate (threads)",
          "[robust][threads]") {
  Model model;
  std::vector<std::unique_ptr<Rule>> rules;
  rules.push_back(std::make_unique<ThrowingRule>());
  for (unsigned jobs : {1u, 4u}) {
    auto findings = run_rules(model, rules, RuleSelection{}, jobs);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].rule_id == "SL002");
    CHECK(findings[0].message.find("internal error in rule SL999 (stoul)") != std::string::npos);
  }
}

TEST_CASE("hostile sizes finish: 10 MB single line, 100,000 keys, 100,000 documents",
          "[robust][slow]") {
  SECTION("a 10 MB single line") {
    std::string line = "seldon: " + std::string(10'000'000, 'a');
    auto result = lint_memory({{"clusters/prod/values.yaml", line}});
    REQUIRE(result.model->files.size() == 1);
    const auto& docs = result.model->files[0].documents;
    REQUIRE(docs.size() == 1);
    CHECK(docs[0].root.find("seldon")->scalar.size() == 10'000'000);
  }
  SECTION("a 2 MB single-line flow mapping: positions are not quadratic in the line length") {
    std::string line = "{seldon: x";
    for (int i = 0; line.size() < 2'000'000; ++i) line += ", k" + std::to_string(i) + ": é";
    line += "}";
    auto result = lint_memory({{"clusters/prod/values.yaml", line}});
    const auto& docs = result.model->files[0].documents;
    REQUIRE(docs.size() == 1);
    const auto& last = docs[0].root.entries.back();
    // Column in code points: every entry before it holds one two-byte é.
    CHECK(last.key_range.begin.line == 1);
    CHECK(last.key_range.begin.column < last.key_range.begin.offset + 1);
  }
  SECTION("100,000 keys in one map") {
    std::string text = "seldon:\n";
    for (int i = 0; i < 100'000; ++i) text += "  key" + std::to_string(i) + ": v\n";
    auto result = lint_memory({{"clusters/prod/values.yaml", text}});
    const auto& docs = result.model->files[0].documents;
    REQUIRE(docs.size() == 1);
    CHECK(docs[0].root.find("seldon")->entries.size() == 100'000);
  }
  SECTION("100,000 keys merged into an anchored map") {
    std::string text = "base: &b\n";
    for (int i = 0; i < 100'000; ++i) text += "  key" + std::to_string(i) + ": v\n";
    text += "seldon:\n  <<: *b\n  key7: own\n";
    auto result = lint_memory({{"clusters/prod/values.yaml", text}});
    const auto& docs = result.model->files[0].documents;
    REQUIRE(docs.size() == 1);
    const yaml::Node* merged = docs[0].root.find("seldon");
    REQUIRE(merged != nullptr);
    CHECK(merged->entries.size() == 100'000);
    CHECK(merged->find("key7")->scalar == "own");
  }
  SECTION("100,000 documents") {
    std::string text;
    for (int i = 0; i < 100'000; ++i) text += "---\nseldon: " + std::to_string(i) + "\n";
    auto result = lint_memory({{"clusters/prod/values.yaml", text}});
    CHECK(result.model->files[0].documents.size() == 100'000);
  }
  SECTION("100,000 documents with a syntax error: recovery keeps the rest") {
    std::string text = "seldon: [unclosed\n";
    for (int i = 0; i < 100'000; ++i) text += "---\nseldon: " + std::to_string(i) + "\n";
    auto result = lint_memory({{"clusters/prod/values.yaml", text}});
    CHECK(messages_of(result, "SL001").size() == 1);
    CHECK(result.model->files[0].documents.size() == 100'000);
  }
}

TEST_CASE("special files are SL002 'not a regular file' and never opened", "[robust]") {
  TestRepo repo;
  repo.file("clusters/prod/values.yaml", "seldon: {}\n");
  fs::path root = repo.root();
  REQUIRE(::mkfifo((root / "clusters/prod/fifo.yaml").c_str(), 0644) == 0);
  fs::create_symlink("/dev/zero", root / "clusters/prod/zero.yaml");
  fs::create_symlink("fifo.yaml", root / "clusters/prod/link-to-fifo.yaml");
  // A device node needs privileges; a UNIX socket is the same class of file.
  bool device =
      ::mknod((root / "clusters/prod/null.yaml").c_str(), S_IFCHR | 0644, makedev(1, 3)) == 0;

  // A reader that opened the FIFO would block forever: finishing is the test.
  auto result = lint_repo(repo, 2);
  auto sl002 = messages_of(result, "SL002");
  CHECK(any_contains(sl002, "clusters/prod/fifo.yaml: not a regular file (a FIFO)"));
  CHECK(any_contains(
      sl002,
      "clusters/prod/zero.yaml: not a regular file (a symbolic link to a character device)"));
  CHECK(any_contains(
      sl002, "clusters/prod/link-to-fifo.yaml: not a regular file (a symbolic link to a FIFO)"));
  if (device)
    CHECK(any_contains(sl002, "clusters/prod/null.yaml: not a regular file (a character device)"));
  // The regular file is still linted.
  bool linted = false;
  for (const auto& f : result.model->files)
    linted = linted || (f.path == "clusters/prod/values.yaml" && !f.documents.empty());
  CHECK(linted);

  SECTION("named on the command line") {
    LintOptions options;
    options.root = root.string();
    options.paths = {(root / "clusters/prod/fifo.yaml").string()};
    auto named = lint(options);
    CHECK(any_contains(messages_of(named, "SL002"), "not a regular file (a FIFO)"));
  }
}

TEST_CASE("file names with newlines and invalid UTF-8 are linted and reported", "[robust]") {
  TestRepo repo;
  repo.file("clusters/prod/new\nline.yaml", "seldon: [unclosed\n");
  repo.file("clusters/prod/bad-\xff\xfe.yaml", "seldon: [unclosed\n");
  auto result = lint_repo(repo);
  auto sl001 = messages_of(result, "SL001");
  CHECK(sl001.size() == 2);
  CHECK(any_contains(sl001, "clusters/prod/new\nline.yaml"));
  CHECK(any_contains(sl001, "clusters/prod/bad-\xff\xfe.yaml"));
}

TEST_CASE("a file that changes while it is read is linted as read", "[robust]") {
  TestRepo repo;
  repo.file("clusters/prod/values.yaml", "seldon:\n");
  fs::path path = repo.root() / "clusters/prod/values.yaml";
  std::atomic<bool> stop{false};
  // Appends whole lines: whatever the reader saw is a prefix of the final file.
  std::thread writer([&] {
    std::ofstream out(path, std::ios::app);
    for (int i = 0; !stop; ++i) {
      out << "  key" << i << ": value\n";
      out.flush();
    }
  });
  // Texts kept in memory (as --fix keeps them) are the bytes as read; a
  // one-shot lint lets a parsed text go and reads it again when asked, and
  // the file has grown since: the parsed size in blanks (no offset of the
  // parse falls outside it), never bytes the parse did not see.
  std::vector<std::string> seen, seen_again;
  for (int run = 0; run < 20; ++run) {
    auto result = lint_repo(repo, 1, true);
    REQUIRE(result.model->files.size() == 1);
    seen.push_back(result.model->files[0].text);
    auto released = lint_repo(repo);
    REQUIRE(released.model->files.size() == 1);
    seen_again.push_back(released.model->files[0].text);
  }
  stop = true;
  writer.join();
  std::ifstream in(path, std::ios::binary);
  std::string final_text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (const auto& text : seen) {
    CHECK(final_text.compare(0, text.size(), text) == 0);
  }
  for (const auto& text : seen_again) {
    CHECK((final_text.compare(0, text.size(), text) == 0 ||
           text.find_first_not_of(' ') == std::string::npos));
  }

  SECTION("a file truncated and rewritten while read: content as read, or SL002") {
    std::atomic<bool> halt{false};
    std::thread rewriter([&] {
      for (int i = 0; !halt; ++i) {
        std::ofstream(path, std::ios::trunc) << "seldon:\n  round: " << i << "\n";
      }
    });
    for (int run = 0; run < 20; ++run) {
      auto result = lint_repo(repo);
      REQUIRE(result.model->files.size() == 1);
    }
    halt = true;
    rewriter.join();
  }
}

TEST_CASE("the same findings under 1, 2 and 7 threads", "[robust][threads]") {
  LintOptions options;
  options.root = (fs::path(SELDON_LINT_SOURCE_DIR) / "fixtures").string();
  options.paths = {options.root};
  auto key = [](const LintResult& r) {
    std::vector<std::string> out;
    for (const auto& f : r.findings) {
      out.push_back(f.rule_id + " " + f.fingerprint + " " +
                    std::to_string(f.location.range.begin.line) + " " + f.message);
    }
    return out;
  };
  options.jobs = 1;
  auto one = key(lint(options));
  CHECK(one.size() > 100);
  for (unsigned jobs : {2u, 7u}) {
    options.jobs = jobs;
    CHECK(key(lint(options)) == one);
  }
}

namespace {

std::string argo_application(const std::string& parameters) {
  return "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: seldon-core\n"
         "  namespace: argocd\nspec:\n  destination:\n    namespace: seldon-system\n"
         "  source:\n    chart: seldon-core-v2-setup\n"
         "    repoURL: https://seldonio.github.io/helm-charts\n    helm:\n      parameters:\n" +
         parameters;
}

}  // namespace

TEST_CASE("thousands of embedded helm.values literal blocks in one file are read in linear work",
          "[robust]") {
  // Issue 11: each literal block masked a copy of the whole file (a 180 KB
  // file ran past a minute).  2,000 Applications, about 800 KB: every block's
  // values still apply (PLAINTEXT in production, one SL101 per Application).
  const int applications = 2000;
  std::string text;
  for (int i = 0; i < applications; ++i) {
    std::string name = "seldon-core-" + std::to_string(i);
    text += "---\napiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: " + name +
            "\n  namespace: argocd\nspec:\n  destination:\n    namespace: seldon-" +
            std::to_string(i) +
            "\n  source:\n    chart: seldon-core-v2-setup\n"
            "    repoURL: https://seldonio.github.io/helm-charts\n    helm:\n      values: |\n"
            "        security:\n          kafka:\n            protocol: PLAINTEXT\n"
            "        extra:\n          index: " +
            std::to_string(i) + "\n";
  }
  auto result = lint_memory({{"apps/prod/apps.yaml", text}});
  auto sl101 = messages_of(result, "SL101");
  CHECK(sl101.size() == static_cast<size_t>(applications));
  CHECK(messages_of(result, "SL002").empty());
}

TEST_CASE("Helm --set names beyond Helm's limits are SL002 at the name, the rest still linted",
          "[robust]") {
  std::string deep = "a";
  for (int i = 0; i < 100'000; ++i) deep += ".a";
  auto result = lint_memory(
      {{"apps/prod/app.yaml",
        argo_application("      - name: " + deep +
                         "\n        value: x\n"
                         "      - name: a[99999999999999999999999]\n        value: x\n"
                         "      - name: list[70000]\n        value: x\n"
                         "      - name: ok[65536]\n        value: x\n"
                         "      - name: security.kafka.protocol\n        value: PLAINTEXT\n")}});
  auto sl002 = messages_of(result, "SL002");
  CHECK(any_contains(sl002, "nested more than 30 levels deep (Helm's limit)"));
  CHECK(any_contains(sl002, "list index 99999999999999999999999 is above 65536 (Helm's limit)"));
  CHECK(any_contains(sl002, "list index 70000 is above 65536"));
  CHECK(sl002.size() == 3);  // index 65536 itself is allowed
  // The rest of the parameters still apply: PLAINTEXT in production is SL101.
  CHECK(!messages_of(result, "SL101").empty());
}

TEST_CASE("kustomization cycles are SL002 at the entry and finish", "[robust]") {
  auto result = lint_memory({
      {"clusters/prod/kustomization.yaml",
       "kind: Kustomization\nresources:\n- .\n- ./\n- ../staging\n- seldon\n"},
      {"clusters/staging/kustomization.yaml",
       "kind: Kustomization\nresources:\n- ../prod\n- ../staging/\n"},
      {"clusters/prod/seldon/kustomization.yaml",
       "kind: Kustomization\nresources:\n- ..\n- values.yaml\n"},
      {"clusters/prod/seldon/values.yaml", "seldon: {}\n"},
      {"loop/a/kustomization.yaml", "kind: Kustomization\nresources:\n- ../b\n"},
      {"loop/b/kustomization.yaml", "kind: Kustomization\nresources:\n- ../a\n"},
  });
  auto sl002 = messages_of(result, "SL002");
  CHECK(
      any_contains(sl002, "clusters/prod/kustomization.yaml: kustomization lists its own folder"));
  CHECK(any_contains(sl002, "resources entry closes a cycle"));
  CHECK(any_contains(sl002, "loop/"));  // a cycle with no way in is still reported
}

TEST_CASE("a ladder of shared kustomize bases finishes within the work budget", "[robust]") {
  // Level i lists both kustomizations of level i+1: 2^40 paths to the bottom.
  std::vector<MemoryFile> files;
  const int levels = 40;
  for (int i = 0; i < levels; ++i) {
    for (char side : {'a', 'b'}) {
      std::string text = "kind: Kustomization\nresources:\n";
      if (i + 1 < levels) {
        text +=
            "- ../../l" + std::to_string(i + 1) + "/a\n- ../../l" + std::to_string(i + 1) + "/b\n";
      } else {
        text += "- secret.yaml\n";
      }
      files.push_back({"l" + std::to_string(i) + "/" + side + "/kustomization.yaml", text});
    }
  }
  files.push_back({"l39/a/secret.yaml", "kind: Secret\nmetadata:\n  name: kafka\n"});
  auto result = lint_memory(files);
  CHECK(any_contains(messages_of(result, "SL002"), "work budget"));
}

TEST_CASE("kustomize roots built on several threads give the same problems in root order",
          "[robust][threads]") {
  // Two ladders, each over the build budget of its root (2^13 paths to the
  // bottom, within the layout walk's), and plain overlays between them: each
  // root is built on whichever thread is free.
  std::vector<MemoryFile> files;
  for (const std::string ladder : {"x", "c"}) {
    const int levels = 14;
    for (int i = 0; i < levels; ++i) {
      for (char side : {'a', 'b'}) {
        if (i == 0 && side == 'b') continue;  // one root per ladder
        std::string text = "kind: Kustomization\nresources:\n";
        if (i + 1 < levels) {
          std::string next = "../../l" + std::to_string(i + 1);
          text += "- " + next + "/a\n- " + next + "/b\n";
        } else {
          text += "- secret.yaml\nnamePrefix: p-\n";
        }
        files.push_back(
            {ladder + "/l" + std::to_string(i) + "/" + side + "/kustomization.yaml", text});
      }
    }
    files.push_back({ladder + "/l13/a/secret.yaml", "kind: Secret\nmetadata:\n  name: kafka\n"});
  }
  for (int app = 0; app < 20; ++app) {
    std::string base = "apps/app" + std::to_string(app);
    files.push_back({base + "/overlay/kustomization.yaml",
                     "namespace: team\nnamePrefix: prod-\nresources:\n- ../base\n"});
    files.push_back({base + "/base/kustomization.yaml", "resources:\n- secret.yaml\n"});
    files.push_back({base + "/base/secret.yaml", "kind: Secret\nmetadata:\n  name: kafka\n"});
  }
  auto problems = [](const LintResult& result) {
    std::vector<std::string> out;
    for (const auto& p : result.model->problems) {
      out.push_back(result.model->files[p.location.file].path + ": " + p.message);
    }
    return out;
  };
  auto secrets = [](const LintResult& result) {
    std::vector<std::string> out;
    for (const auto& s : result.model->secrets) out.push_back(s.name + "/" + s.namespace_name);
    return out;
  };
  auto one = lint_memory(files, 1);
  auto budget = messages_of(one, "SL002");
  REQUIRE(budget.size() == 2);
  CHECK(budget[0].find("kustomize build not finished") != std::string::npos);
  CHECK(problems(one)[0].rfind("c/l0/a/kustomization.yaml", 0) == 0);  // root order
  for (unsigned jobs : {2u, 4u}) {
    auto many = lint_memory(files, jobs);
    CHECK(problems(many) == problems(one));
    CHECK(secrets(many) == secrets(one));
  }
}

TEST_CASE("templated value files with many holes match without backtracking", "[robust]") {
  std::string name(60, 'a');
  auto result = lint_memory({
      {"apps/prod/appset.yaml",
       "apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\nmetadata:\n  name: seldon\n"
       "spec:\n  generators:\n  - clusters: {}\n  template:\n    metadata:\n"
       "      name: 'seldon-{{name}}'\n    spec:\n      destination:\n        namespace: seldon\n"
       "      source:\n        chart: seldon-core-v2-setup\n"
       "        repoURL: https://seldonio.github.io/helm-charts\n        helm:\n"
       "          valueFiles:\n"
       "          - '$values/envs/{{a}}{{b}}{{c}}{{d}}{{e}}{{f}}{{g}}/values.yaml'\n"},
      {"envs/" + name + "b/values.yaml", "seldon: {}\n"},
  });
  CHECK(result.model != nullptr);  // finishing (it ran past a minute) is the test
}

namespace {

// An Argo CD Application whose only value file is `$values/<next>`: the
// prefilter skips it (it names neither Seldon nor a chart path), so it is
// read only because something references it, and it references `next`.
std::string value_file_link(const std::string& name, const std::string& next) {
  return "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: " + name +
         "\nspec:\n  sources:\n  - ref: values\n    helm:\n      valueFiles:\n"
         "      - $values/" +
         next + "\n";
}

// A Seldon Application and a chain of `links` referenced files, each naming the next.
std::vector<MemoryFile> reference_chain(int links) {
  std::vector<MemoryFile> files{
      {"apps/seldon.yaml", value_file_link("seldon-core", "chain/1.yaml")}};
  for (int i = 1; i <= links; ++i) {
    std::string next = i == links ? "none.yaml" : "chain/" + std::to_string(i + 1) + ".yaml";
    files.push_back({"chain/" + std::to_string(i) + ".yaml", value_file_link("l", next)});
  }
  return files;
}

}  // namespace

TEST_CASE("referenced files nested deeper than the limit are SL002 where the chain is cut",
          "[robust]") {
  // Eight rounds read chain/1 ... chain/8; chain/9 is beyond the limit.
  auto deep = lint_memory(reference_chain(12));
  auto sl002 = messages_of(deep, "SL002");
  REQUIRE(sl002.size() == 1);
  CHECK(sl002[0] ==
        "chain/8.yaml: references not followed: referenced files nested deeper than 8 levels are "
        "not read (first not read: chain/9.yaml)");
  auto parsed = [&](const std::string& path) {
    for (const auto& f : deep.model->files)
      if (f.path == path) return !f.documents.empty();
    return false;
  };
  CHECK(parsed("chain/8.yaml"));
  CHECK(!parsed("chain/9.yaml"));
  // A chain within the limit is read to its end without a finding.
  CHECK(messages_of(lint_memory(reference_chain(8)), "SL002").empty());
}

// ---- reference walks that render, expand or call more of themselves -------------

namespace {

std::string chart_yaml(const std::string& name) {
  return "apiVersion: v2\nname: " + name + "\nversion: 1.0.0\n";
}

// A chart template rendering `count` Argo CD Applications that install the
// in-repo chart at `target` (an app-of-apps chart).
std::string applications_template(int count, const std::string& target) {
  return "{{- range until " + std::to_string(count) +
         " }}\n---\napiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n"
         "  name: app-{{ . }}\n  namespace: argocd\nspec:\n  destination:\n"
         "    namespace: seldon\n  source:\n    path: " +
         target + "\n    repoURL: https://example.com/platform.git\n{{- end }}\n";
}

std::string root_application(const std::string& path, const std::string& value_file = "") {
  return "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: root\n"
         "  namespace: argocd\nspec:\n  destination:\n    namespace: argocd\n  source:\n"
         "    path: " +
         path + "\n    repoURL: https://example.com/platform.git\n" +
         (value_file.empty() ? "" : "    helm:\n      valueFiles:\n      - " + value_file + "\n");
}

}  // namespace

TEST_CASE("an app-of-apps chart rendering Applications of itself is SL002 (not 50^4 renders)",
          "[robust]") {
  auto result = lint_memory({
      {"apps/root.yaml", root_application("charts/apps")},
      {"charts/apps/Chart.yaml", chart_yaml("apps")},
      {"charts/apps/templates/apps.yaml", applications_template(50, "charts/apps")},
      {"clusters/prod/values.yaml", "seldon: [unclosed\n"},
  });
  auto sl002 = messages_of(result, "SL002");
  CHECK(any_contains(sl002, "charts/apps/templates/apps.yaml: app-of-apps cycle"));
  CHECK(!messages_of(result, "SL001").empty());  // the rest is still linted
}

TEST_CASE("app-of-apps charts fanning out are bounded by the render budget", "[robust]") {
  std::vector<MemoryFile> files{{"apps/root.yaml", root_application("charts/c0")}};
  for (int level = 0; level < 4; ++level) {
    std::string dir = "charts/c" + std::to_string(level);
    files.push_back({dir + "/Chart.yaml", chart_yaml("c" + std::to_string(level))});
    files.push_back({dir + "/templates/apps.yaml",
                     applications_template(12, "charts/c" + std::to_string(level + 1))});
  }
  files.push_back({"charts/c4/Chart.yaml", chart_yaml("c4")});
  files.push_back({"charts/c4/templates/cm.yaml", "kind: ConfigMap\n"});
  auto result = lint_memory(files);
  CHECK(any_contains(messages_of(result, "SL002"), "chart render budget"));
}

TEST_CASE("app-of-apps nested deeper than the render rounds is SL002 at the install", "[robust]") {
  std::vector<MemoryFile> files{{"apps/root.yaml", root_application("charts/c0")}};
  for (int level = 0; level < 8; ++level) {
    std::string dir = "charts/c" + std::to_string(level);
    files.push_back({dir + "/Chart.yaml", chart_yaml("c" + std::to_string(level))});
    files.push_back({dir + "/templates/apps.yaml",
                     applications_template(1, "charts/c" + std::to_string(level + 1))});
  }
  files.push_back({"charts/c8/Chart.yaml", chart_yaml("c8")});
  auto result = lint_memory(files);
  CHECK(any_contains(messages_of(result, "SL002"), "charts rendering charts nested deeper than"));
}

TEST_CASE("include and template and tpl recursion in a chart is SL002 naming the limit",
          "[robust]") {
  auto result = lint_memory({
      {"apps/root.yaml", root_application("charts/loop", "values.yaml")},
      {"charts/loop/Chart.yaml", chart_yaml("loop")},
      {"charts/loop/values.yaml", "again: '{{ tpl $.Values.again $ }}'\n"},
      {"charts/loop/templates/_helpers.tpl",
       "{{- define \"loop.a\" -}}{{ include \"loop.b\" . }}{{- end -}}\n"
       "{{- define \"loop.b\" -}}{{ include \"loop.a\" . }}{{- end -}}\n"},
      {"charts/loop/templates/secret.yaml",
       "apiVersion: v1\nkind: Secret\nmetadata:\n  name: {{ include \"loop.a\" . }}\n"},
      {"charts/loop/templates/tpl.yaml",
       "apiVersion: v1\nkind: Secret\nmetadata:\n  name: {{ tpl .Values.again . }}\n"},
  });
  auto sl002 = messages_of(result, "SL002");
  CHECK(any_contains(sl002,
                     "charts/loop/templates/_helpers.tpl: cannot render: templates nested "
                     "deeper than 64 (include/template recursion)"));
  CHECK(any_contains(sl002, "charts/loop/templates/tpl.yaml: cannot render: templates nested"));
}

namespace {

const char* kTerraformNamespace =
    "resource \"azurerm_eventhub_namespace\" \"seldon\" {\n  name = \"ns\"\n"
    "  sku  = \"Standard\"\n}\n";

const char* kBicepNamespace =
    "resource ns 'Microsoft.EventHub/namespaces@2024-01-01' = {\n  name: 'ns'\n"
    "  sku: {\n    name: 'Standard'\n  }\n}\n";

}  // namespace

TEST_CASE("Terraform and Bicep module cycles are SL002 at the call that closes them", "[robust]") {
  auto result = lint_memory({
      {"infra/a/main.tf",
       std::string(kTerraformNamespace) + "module \"b\" {\n  source = \"../b\"\n}\n"},
      {"infra/a/terraform.tfvars", "x = 1\n"},
      {"infra/b/main.tf", "module \"a\" {\n  source = \"../a\"\n}\n"},
      {"bicep/a.bicep",
       std::string(kBicepNamespace) + "module b './b.bicep' = {\n  name: 'b'\n}\n"},
      {"bicep/a.bicepparam", "using './a.bicep'\n"},
      {"bicep/b.bicep", "module a './a.bicep' = {\n  name: 'a'\n}\n"},
  });
  auto sl002 = messages_of(result, "SL002");
  CHECK(any_contains(sl002, "infra/b/main.tf: module call closes a cycle"));
  CHECK(any_contains(sl002, "bicep/b.bicep: module call closes a cycle"));
}

TEST_CASE("module cycles nothing deploys and self-calls are SL002, not skipped", "[robust]") {
  // No var or parameter file: every module of the cycle is called, so none
  // is a root; and a Bicep template calling itself.
  auto result = lint_memory({
      {"infra/a/main.tf",
       std::string(kTerraformNamespace) + "module \"b\" {\n  source = \"../b\"\n}\n"},
      {"infra/b/main.tf", "module \"c\" {\n  source = \"../c\"\n}\n"},
      {"infra/c/main.tf", "module \"a\" {\n  source = \"../a\"\n}\n"},
      {"bicep/a.bicep",
       std::string(kBicepNamespace) + "module b './b.bicep' = {\n  name: 'b'\n}\n"},
      {"bicep/b.bicep", "module a './a.bicep' = {\n  name: 'a'\n}\n"},
      {"self/main.bicep",
       std::string(kBicepNamespace) + "module me './main.bicep' = {\n  name: 'me'\n}\n"},
  });
  auto sl002 = messages_of(result, "SL002");
  CHECK(sl002.size() == 3);
  CHECK(
      any_contains(sl002,
                   "infra/c/main.tf: module call closes a cycle (infra/a -> infra/b -> infra/c -> "
                   "infra/a): not followed"));
  CHECK(any_contains(sl002,
                     "bicep/b.bicep: module call closes a cycle (bicep/a.bicep -> "
                     "bicep/b.bicep -> bicep/a.bicep)"));
  CHECK(any_contains(sl002,
                     "self/main.bicep: module call closes a cycle (self/main.bicep -> "
                     "self/main.bicep)"));
  // The modules of the cycles are still evaluated once each: their namespaces are known.
  CHECK(result.model->eventhub_namespaces.size() == 3);
}

TEST_CASE("modules calling modules many times are bounded by the module budget", "[robust]") {
  // Each level calls the next four times: 4^13 instances of the bottom module.
  std::vector<MemoryFile> files;
  const int levels = 14;
  for (int level = 0; level < levels; ++level) {
    std::string tf, bicep;
    std::string next = std::to_string(level + 1);
    for (int call = 0; call < 4 && level + 1 < levels; ++call) {
      std::string n = std::to_string(call);
      tf += "module \"m" + n + "\" {\n  source = \"../l" + next + "\"\n}\n";
      bicep += "module m" + n + " './l" + next + ".bicep' = {\n  name: 'm" + n + "'\n}\n";
    }
    if (level + 1 == levels) {
      tf = kTerraformNamespace;
      bicep = kBicepNamespace;
    }
    files.push_back({"tf/l" + std::to_string(level) + "/main.tf", tf});
    files.push_back({"bicep/l" + std::to_string(level) + ".bicep", bicep});
  }
  auto result = lint_memory(files);
  auto sl002 = messages_of(result, "SL002");
  CHECK(any_contains(sl002, "/main.tf: module budget exceeded"));
  CHECK(any_contains(sl002, ".bicep: module budget exceeded"));
}

TEST_CASE("ApplicationSet generators nested deeper than the limit are SL002 at the key",
          "[robust]") {
  std::string generators = "- list:\n    elements:\n    - env: prod\n";
  for (int i = 0; i < 5; ++i) {
    std::string nested = "- matrix:\n    generators:\n";
    for (std::string_view line : {generators}) {
      size_t start = 0;
      while (start < line.size()) {
        size_t end = line.find('\n', start);
        nested += "    " + std::string(line.substr(start, end - start + 1));
        start = end + 1;
      }
    }
    generators = nested + "    - list:\n        elements:\n        - x: y\n";
  }
  std::string indented;
  size_t start = 0;
  while (start < generators.size()) {
    size_t end = generators.find('\n', start);
    indented += "  " + generators.substr(start, end - start + 1);
    start = end + 1;
  }
  auto result = lint_memory({
      {"apps/appset.yaml",
       "apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\nmetadata:\n  name: seldon\n"
       "spec:\n  generators:\n" +
           indented +
           "  template:\n    metadata:\n      name: 'seldon-{{env}}'\n    spec:\n"
           "      destination:\n        namespace: seldon\n      source:\n"
           "        chart: seldon-core-v2-setup\n"
           "        repoURL: https://seldonio.github.io/helm-charts\n"},
  });
  CHECK(any_contains(messages_of(result, "SL002"),
                     "apps/appset.yaml: ApplicationSet generators nested deeper than"));
}

TEST_CASE("a hundred thousand Argo CD helm.parameters are applied in linear work", "[robust]") {
  std::string parameters;
  for (int i = 0; i < 100'000; ++i) {
    parameters += "      - name: extra.key" + std::to_string(i) + "\n        value: v\n";
  }
  parameters += "      - name: security.kafka.protocol\n        value: PLAINTEXT\n";
  for (int i = 0; i < 5; ++i) {
    parameters += "      - name: big" + std::to_string(i) + "[65536]\n        value: x\n";
  }
  auto result = lint_memory({{"apps/prod/app.yaml", argo_application(parameters)}});
  // The parameters still apply: PLAINTEXT set in production.
  CHECK(any_contains(messages_of(result, "SL101"), "PLAINTEXT"));
  // 100,001 names of two levels (200,002 steps) and lists of 65,537 elements
  // (65,538 steps each): the fifth list passes the budget of 500,000.
  auto sl002 = messages_of(result, "SL002");
  REQUIRE(sl002.size() == 1);
  CHECK(any_contains(sl002, "exceed the work budget of 500000 steps"));
}
