// The language server's building blocks: LSP positions in each encoding,
// file URIs, message framing, and the workspace's incremental re-lint with
// editor buffers over the files on disk.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "linter/lsp/server.hpp"
#include "linter/lsp/text_position.hpp"
#include "linter/lsp/transport.hpp"
#include "linter/lsp/uri.hpp"
#include "linter/lsp/workspace.hpp"

namespace fs = std::filesystem;
using namespace seldon_lint;
using namespace seldon_lint::lsp;

TEST_CASE("LSP characters of code-point columns in UTF-16, UTF-8 and UTF-32", "[lsp]") {
  const std::string line = "a\xC3\xA9\xF0\x9F\x98\x80z";  // a é 😀 z
  // Column 4 (1-based, code points) is 'z': after a, é, 😀.
  CHECK(character_of_column(line, 4, Encoding::Utf16) == 4);  // 1 + 1 + 2 (surrogate pair)
  CHECK(character_of_column(line, 4, Encoding::Utf8) == 7);   // 1 + 2 + 4 bytes
  CHECK(character_of_column(line, 4, Encoding::Utf32) == 3);
  CHECK(character_of_column(line, 99, Encoding::Utf16) == 5);  // clamps to the end
  CHECK(byte_in_line(line, 4, Encoding::Utf16) == 7);
  CHECK(byte_in_line(line, 3, Encoding::Utf16) == 7);  // inside the pair: after it
  CHECK(byte_in_line(line, 7, Encoding::Utf8) == 7);
  CHECK(byte_in_line(line, 99, Encoding::Utf8) == line.size());
  CHECK(column_of_byte(line, 7) == 4);
}

TEST_CASE("LSP positions to byte offsets, CRLF and past the end", "[lsp]") {
  const std::string text = "ab\r\ncd\nef";
  CHECK(byte_offset(text, 0, 1, Encoding::Utf16) == 1);
  CHECK(byte_offset(text, 0, 9, Encoding::Utf16) == 2);  // before the CR
  CHECK(byte_offset(text, 1, 0, Encoding::Utf16) == 4);
  CHECK(byte_offset(text, 2, 2, Encoding::Utf16) == 9);
  CHECK(byte_offset(text, 7, 0, Encoding::Utf16) == text.size());
  CHECK(line_of(text, 0) == "ab");
  CHECK(line_of(text, 2) == "ef");
  CHECK(line_of(text, 3).empty());
  std::string edited = text;
  replace_range(edited, 1, 1, "X");
  CHECK(edited == "aXb\r\ncd\nef");
  replace_range(edited, 50, 40, "!");  // clamped: appends
  CHECK(edited == "aXb\r\ncd\nef!");
}

TEST_CASE("file URIs: percent-encoding both ways, other schemes and hosts refused", "[lsp]") {
  CHECK(path_of_uri("file:///work/a%20b/c%C3%A9.yaml") == "/work/a b/c\xC3\xA9.yaml");
  CHECK(path_of_uri("file://localhost/etc/x") == "/etc/x");
  CHECK(path_of_uri("FILE:///x/") == "/x");
  CHECK(path_of_uri("https://example.com/x").empty());
  CHECK(path_of_uri("file://otherhost/x").empty());
  CHECK(path_of_uri("file:").empty());
  CHECK(uri_of_path("/work/a b/c\xC3\xA9.yaml") == "file:///work/a%20b/c%C3%A9.yaml");
  CHECK(path_of_uri(uri_of_path("/r/[x]#y?.yaml")) == "/r/[x]#y?.yaml");
}

TEST_CASE("message framing: Content-Length, other headers, bad and truncated input", "[lsp]") {
  std::istringstream in(
      "Content-Type: application/vscode-jsonrpc\r\nContent-Length: 2\r\n\r\n{}"
      "content-length:3\n\n[1]"
      "X: y\r\n\r\n"
      "Content-Length: -4\r\n\r\n"
      "Content-Length: 10\r\n\r\n{\"a\"");
  ReadResult r = read_message(in);
  CHECK(r.status == ReadStatus::Message);
  CHECK(r.body == "{}");
  r = read_message(in);
  CHECK(r.status == ReadStatus::Message);
  CHECK(r.body == "[1]");
  CHECK(read_message(in).status == ReadStatus::BadHeader);
  CHECK(read_message(in).status == ReadStatus::BadHeader);
  CHECK(read_message(in).status == ReadStatus::End);  // body cut short
  CHECK(read_message(in).status == ReadStatus::End);
  std::ostringstream out;
  write_message(out, "{\"x\":1}");
  CHECK(out.str() == "Content-Length: 7\r\n\r\n{\"x\":1}");
}

namespace {

void write_file(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

const char* kValues =
    "security:\n"
    "  kafka:\n"
    "    protocol: SASL_SSL\n"
    "kafka:\n"
    "  bootstrap: kafka.example.com:9093\n";

size_t count_rule(const Workspace& workspace, const std::string& rule) {
  size_t n = 0;
  for (const auto& f : workspace.findings()) n += f.rule_id == rule ? 1 : 0;
  return n;
}

}  // namespace

TEST_CASE("workspace: buffers override the disk, only changed files are parsed again", "[lsp]") {
  fs::path root = fs::temp_directory_path() / "seldon-lint-lsp-workspace-test";
  fs::remove_all(root);
  write_file(root / "clusters/prod/seldon/values.yaml", kValues);
  write_file(root / "clusters/prod/apps/deployment.yaml",
             "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n");
  Workspace workspace(root.string(), nullptr, 1);
  LintStats first = workspace.lint();
  CHECK(first.reparsed == 2);
  CHECK(count_rule(workspace, "SL101") == 0);

  const std::string values = (root / "clusters/prod/seldon/values.yaml").string();
  std::string plaintext = kValues;
  plaintext.replace(plaintext.find("SASL_SSL"), 8, "PLAINTEXT");
  workspace.set_buffer(values, plaintext);
  CHECK(workspace.stale());
  LintStats second = workspace.lint();
  CHECK(second.reparsed == 1);  // the Deployment is kept
  CHECK(second.files == 2);
  CHECK(count_rule(workspace, "SL101") == 1);

  CHECK(workspace.lint().milliseconds == 0);  // nothing changed: no run
  workspace.close_buffer(values);             // back to the disk (SASL_SSL)
  workspace.lint();
  CHECK(count_rule(workspace, "SL101") == 0);

  // A buffer for a file that is not on disk joins the workspace.
  const std::string extra = (root / "clusters/prod/seldon/extra-values.yaml").string();
  workspace.set_buffer(extra, plaintext);
  CHECK(workspace.lint().files == 3);
  CHECK(count_rule(workspace, "SL101") == 1);
  workspace.close_buffer(extra);
  CHECK(workspace.lint().files == 2);
  CHECK(workspace.relative(root.string() + "/a/b.yaml") == "a/b.yaml");
  CHECK(workspace.relative("/elsewhere/b.yaml").empty());
  fs::remove_all(root);
}

TEST_CASE("the server answers garbage with errors and ends at EOF", "[lsp]") {
  std::string garbage = "Content-Length: 5\r\n\r\n{oops";
  std::string request = R"({"jsonrpc":"2.0","id":1,"method":"shutdown"})";
  std::istringstream in(garbage + "Content-Length: " + std::to_string(request.size()) + "\r\n\r\n" +
                        request);
  std::ostringstream out, log;
  ServerOptions options;
  CHECK(run_language_server(in, out, log, options) == 1);  // EOF without shutdown
  CHECK(out.str().find("\"code\":-32700") != std::string::npos);
  CHECK(out.str().find("\"code\":-32002") != std::string::npos);  // shutdown before initialize
}

namespace {

// Every finding of a workspace as text (files by path), for comparing the
// incremental re-lint with a fresh full lint of the same content.
std::vector<std::string> finding_lines(const Workspace& workspace) {
  const Model& model = *workspace.model();
  auto where = [&](const Location& location) {
    std::string path = location.known() ? model.files[location.file].path : "-";
    const Range& r = location.range;
    return path + ":" + std::to_string(r.begin.line) + ":" + std::to_string(r.begin.column) + "-" +
           std::to_string(r.end.line) + ":" + std::to_string(r.end.column);
  };
  std::vector<std::string> lines;
  for (const auto& f : workspace.findings()) {
    std::string line = f.rule_id + " " + std::to_string(static_cast<int>(f.severity)) + " " +
                       where(f.location) + " " + f.message + " [" + f.environment + "] " +
                       f.identity + " " + f.fingerprint +
                       " fixes=" + std::to_string(f.fixes.size());
    for (const auto& related : f.related)
      line += " | " + where(related.location) + " " + related.message;
    lines.push_back(std::move(line));
  }
  return lines;
}

const char* kComponentsValues =
    "security:\n"
    "  kafka:\n"
    "    protocol: SASL_SSL\n"
    "    sasl:\n"
    "      mechanism: PLAIN\n"
    "      client:\n"
    "        username: \"$ConnectionString\"\n"
    "        secret: kafka-sasl\n"
    "        passwordPath: password\n"
    "    ssl:\n"
    "      client:\n"
    "        endpointIdentificationAlgorithm: https\n"
    "kafka:\n"
    "  bootstrap: shop-ns.servicebus.windows.net:9093\n"
    "  topics:\n"
    "    numPartitions: 4\n";

// A small GitOps repository shaped like bench/generate.py's: a Flux
// Kustomization applies an overlay that names a base, a standalone values file.
void write_shop_repository(const fs::path& root) {
  write_file(root / "clusters/production/apps.yaml",
             "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n"
             "  name: shop\n  namespace: flux-system\nspec:\n"
             "  path: ./apps/shop/overlays/production\n  sourceRef:\n    kind: GitRepository\n"
             "    name: flux-system\n");
  write_file(root / "apps/shop/base/kustomization.yaml",
             "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: shop\n"
             "resources:\n  - runtime.yaml\n");
  write_file(root / "apps/shop/base/runtime.yaml",
             "apiVersion: mlops.seldon.io/v1alpha1\nkind: SeldonRuntime\nmetadata:\n"
             "  name: seldon\n  namespace: shop\nspec:\n  seldonConfig: default\n");
  write_file(root / "apps/shop/overlays/production/kustomization.yaml",
             "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: shop\n"
             "resources:\n  - ../../base\n");
  write_file(root / "apps/shop/overlays/production/components-values.yaml", kComponentsValues);
  write_file(root / "apps/shop/overlays/staging/components-values.yaml", kComponentsValues);
}

}  // namespace

TEST_CASE("workspace: after every edit the findings equal a fresh full lint", "[lsp]") {
  fs::path root = fs::temp_directory_path() / "seldon-lint-lsp-relint-test";
  fs::remove_all(root);
  write_shop_repository(root);
  const std::string dir = root.string() + "/apps/shop/overlays/production/";
  const std::string values = dir + "components-values.yaml";
  const std::string kustomization = dir + "kustomization.yaml";
  const std::string secret = dir + "kafka-sasl.yaml";
  const std::string secret_text =
      "apiVersion: v1\nkind: Secret\nmetadata:\n  name: kafka-sasl\n  namespace: shop\n"
      "stringData:\n  password: x\n";
  std::string with_secret =
      "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
      "namespace: shop\nresources:\n  - ../../base\n  - kafka-sasl.yaml\n";
  auto edit = [](std::string text, const std::string& from, const std::string& to) {
    size_t at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
  };
  struct Step {
    const char* what;
    std::string path;
    std::string text;  // empty: close the buffer
    bool in_place;     // the model's object phase is kept
  };
  std::vector<Step> steps = {
      {"a values edit", values, edit(kComponentsValues, "SASL_SSL", "PLAINTEXT"), true},
      {"another values edit", values,
       edit(kComponentsValues, "numPartitions: 4", "numPartitions: 5"), true},
      {"a Secret in a new file", secret, secret_text, false},
      {"the kustomization lists the Secret", kustomization, with_secret, false},
      {"the values name another secret", values,
       edit(kComponentsValues, "secret: kafka-sasl", "secret: kafka-other"), true},
      {"the Secret renamed to match", secret,
       edit(secret_text, "name: kafka-sasl", "name: kafka-other"), false},
      {"the values file becomes an object", values,
       edit(secret_text, "name: kafka-sasl", "name: kafka-other"), false},
      {"and back to values", values, kComponentsValues, false},
      {"a values edit again", values, edit(kComponentsValues, "PLAIN\n", "SCRAM-SHA-512\n"), true},
      {"the kustomization no longer lists the Secret", kustomization, "", false},
  };
  Workspace workspace(root.string(), nullptr, 2);
  workspace.lint();
  std::map<std::string, std::string> buffers;
  std::vector<std::string> before = finding_lines(workspace);
  size_t changed_steps = 0;
  for (const auto& step : steps) {
    INFO(step.what);
    if (step.text.empty()) {
      workspace.close_buffer(step.path);
      buffers.erase(step.path);
    } else {
      workspace.set_buffer(step.path, step.text);
      buffers[step.path] = step.text;
    }
    LintStats stats = workspace.lint();
    CHECK(stats.in_place == step.in_place);
    Workspace fresh(root.string(), nullptr, 1);
    for (const auto& [path, text] : buffers) fresh.set_buffer(path, text);
    fresh.lint();
    std::vector<std::string> after = finding_lines(workspace);
    CHECK(after == finding_lines(fresh));
    CHECK(workspace.model()->releases.size() == fresh.model()->releases.size());
    changed_steps += after != before ? 1 : 0;
    before = std::move(after);
  }
  CHECK(changed_steps >= 6);  // the edits matter to the findings
  fs::remove_all(root);
}
