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
