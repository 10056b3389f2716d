#include "linter/lsp/server.hpp"

#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "linter/lsp/diagnostics.hpp"
#include "linter/lsp/features.hpp"
#include "linter/lsp/text_position.hpp"
#include "linter/lsp/transport.hpp"
#include "linter/lsp/uri.hpp"

namespace seldon_lint::lsp {
namespace {

using nlohmann::json;

// JSON-RPC and LSP error codes.
constexpr int kParseError = -32700;
constexpr int kInvalidRequest = -32600;
constexpr int kMethodNotFound = -32601;
constexpr int kInvalidParams = -32602;
constexpr int kInternalError = -32603;
constexpr int kServerNotInitialized = -32002;

constexpr int kFileCreated = 1;
constexpr int kFileDeleted = 3;
constexpr int kSyncIncremental = 2;

// A request whose parameters do not have the shape the method needs.
struct BadParams : std::runtime_error {
  using std::runtime_error::runtime_error;
};

const json& member(const json& object, const char* key) {
  static const json kNull;
  if (!object.is_object()) return kNull;
  auto it = object.find(key);
  return it == object.end() ? kNull : *it;
}

std::string string_member(const json& object, const char* key) {
  const json& value = member(object, key);
  if (!value.is_string()) throw BadParams(std::string("'") + key + "' must be a string");
  return value.get<std::string>();
}

uint32_t uint_member(const json& object, const char* key) {
  const json& value = member(object, key);
  if (!value.is_number_integer() || value.get<long long>() < 0) {
    throw BadParams(std::string("'") + key + "' must be a non-negative integer");
  }
  return static_cast<uint32_t>(std::min<long long>(value.get<long long>(), UINT32_MAX));
}

class Server {
 public:
  Server(std::ostream& out, std::ostream& log, const ServerOptions& options)
      : out_(out), log_(log), options_(options) {}

  // Handles one message body; false when the server should stop.
  bool handle(const std::string& body);
  void lint_and_publish();
  bool wants_lint() const { return workspace_ && workspace_->stale(); }
  bool output_failed() const { return !out_; }
  int exit_code() const { return shut_down_ ? 0 : 1; }
  void send_parse_error(const std::string& what) { send_error(json(), kParseError, what); }

 private:
  enum class State { Uninitialized, Running, ShutDown };

  void send(const json& message) {
    write_message(out_, message.dump(-1, ' ', false, json::error_handler_t::replace));
  }
  void send_result(const json& id, json result) {
    send(json{{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}});
  }
  void send_error(const json& id, int code, const std::string& message) {
    send(json{{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}});
  }
  void notify(const char* method, json params) {
    send(json{{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}});
  }
  void request(const char* method, json params) {
    send(json{{"jsonrpc", "2.0"},
              {"id", "seldon-lint-" + std::to_string(++next_request_)},
              {"method", method},
              {"params", std::move(params)}});
  }
  void log_message(const std::string& text) {
    log_ << "seldon-lint lsp: " << text << "\n";
    log_.flush();
  }

  void dispatch_request(const std::string& method, const json& id, const json& params);
  void dispatch_notification(const std::string& method, const json& params);

  json initialize(const json& params);
  void initialized();
  void did_open(const json& params);
  void did_change(const json& params);
  void did_save(const json& params);
  void did_close(const json& params);
  void did_change_watched_files(const json& params);
  json hover(const json& params);
  json code_action(const json& params);
  json execute_command(const json& params);

  // Absolute path of a text document's URI under the workspace, or throws.
  std::string document_path(const json& params);
  void touch(const std::string& path) { edited_.insert(path); }

  std::ostream& out_;
  std::ostream& log_;
  const ServerOptions& options_;
  State state_ = State::Uninitialized;
  bool shut_down_ = false;
  bool exit_ = false;
  Encoding encoding_ = Encoding::Utf16;
  bool dynamic_watch_ = false;
  bool show_document_ = false;  // the client handles window/showDocument
  std::unique_ptr<Workspace> workspace_;
  std::map<std::string, int> versions_;    // open documents (absolute path)
  std::set<std::string> edited_;           // publish these even when unchanged
  std::map<std::string, json> published_;  // URI -> last non-empty diagnostics
  long long next_request_ = 0;
};

bool Server::handle(const std::string& body) {
  json message = json::parse(body, nullptr, false);
  if (message.is_discarded()) {
    send_parse_error("message body is not valid JSON");
    return true;
  }
  const json& id = member(message, "id");
  bool has_id = message.is_object() && message.contains("id");
  if (!message.is_object() || member(message, "jsonrpc") != "2.0" ||
      (has_id && !id.is_string() && !id.is_number_integer() && !id.is_null())) {
    send_error(has_id && (id.is_string() || id.is_number_integer()) ? id : json(), kInvalidRequest,
               "not a JSON-RPC 2.0 message");
    return true;
  }
  const json& method = member(message, "method");
  if (method.is_null() && has_id) return true;  // a response to one of our requests
  if (!method.is_string()) {
    if (has_id) send_error(id, kInvalidRequest, "'method' must be a string");
    return true;
  }
  const json& params = member(message, "params");
  try {
    if (has_id) {
      dispatch_request(method.get<std::string>(), id, params);
    } else {
      dispatch_notification(method.get<std::string>(), params);
    }
  } catch (const BadParams& e) {
    if (has_id) send_error(id, kInvalidParams, e.what());
    log_message(method.get<std::string>() + ": invalid params: " + e.what());
  } catch (const std::exception& e) {
    if (has_id) send_error(id, kInternalError, e.what());
    log_message(method.get<std::string>() + ": internal error: " + e.what());
  }
  return !exit_;
}

void Server::dispatch_request(const std::string& method, const json& id, const json& params) {
  if (state_ == State::Uninitialized && method != "initialize") {
    send_error(id, kServerNotInitialized, "the server has not been initialized");
    return;
  }
  if (state_ == State::ShutDown) {
    send_error(id, kInvalidRequest, "the server is shutting down");
    return;
  }
  if (method == "initialize") {
    if (state_ != State::Uninitialized) {
      send_error(id, kInvalidRequest, "initialize was already called");
      return;
    }
    send_result(id, initialize(params));
  } else if (method == "shutdown") {
    state_ = State::ShutDown;
    shut_down_ = true;
    send_result(id, nullptr);
  } else if (method == "textDocument/hover") {
    send_result(id, hover(params));
  } else if (method == "textDocument/codeAction") {
    send_result(id, code_action(params));
  } else if (method == "workspace/executeCommand") {
    send_result(id, execute_command(params));
  } else {
    send_error(id, kMethodNotFound, "unsupported method: " + method);
  }
}

void Server::dispatch_notification(const std::string& method, const json& params) {
  if (method == "exit") {
    exit_ = true;
    return;
  }
  if (state_ != State::Running) return;  // dropped before initialize and after shutdown
  if (method == "initialized") {
    initialized();
  } else if (method == "textDocument/didOpen") {
    did_open(params);
  } else if (method == "textDocument/didChange") {
    did_change(params);
  } else if (method == "textDocument/didSave") {
    did_save(params);
  } else if (method == "textDocument/didClose") {
    did_close(params);
  } else if (method == "workspace/didChangeWatchedFiles") {
    did_change_watched_files(params);
  }
  // Other notifications ($/cancelRequest, $/setTrace, ...) need nothing.
}

std::string workspace_root(const json& params) {
  const json& folders = member(params, "workspaceFolders");
  if (folders.is_array() && !folders.empty() && member(folders[0], "uri").is_string()) {
    std::string path = path_of_uri(folders[0]["uri"].get<std::string>());
    if (!path.empty()) return path;
  }
  if (member(params, "rootUri").is_string()) {
    std::string path = path_of_uri(params["rootUri"].get<std::string>());
    if (!path.empty()) return path;
  }
  if (member(params, "rootPath").is_string()) return params["rootPath"].get<std::string>();
  std::error_code ec;
  return std::filesystem::current_path(ec).string();
}

json Server::initialize(const json& params) {
  const json& capabilities = member(params, "capabilities");
  const json& encodings = member(member(capabilities, "general"), "positionEncodings");
  if (encodings.is_array()) {
    for (const auto& e : encodings) {
      if (e == "utf-8") encoding_ = Encoding::Utf8;
    }
  }
  dynamic_watch_ = member(member(member(capabilities, "workspace"), "didChangeWatchedFiles"),
                          "dynamicRegistration") == true;
  show_document_ =
      member(member(member(capabilities, "window"), "showDocument"), "support") == true;
  std::error_code ec;
  std::string root =
      std::filesystem::weakly_canonical(workspace_root(params), ec).lexically_normal().string();
  while (root.size() > 1 && root.back() == '/') root.pop_back();
  workspace_ = std::make_unique<Workspace>(root, options_.load_config, options_.jobs);
  state_ = State::Running;
  log_message("workspace " + root + ", positions in " + encoding_name(encoding_));
  return json{
      {"capabilities",
       {{"positionEncoding", encoding_name(encoding_)},
        {"textDocumentSync",
         {{"openClose", true}, {"change", kSyncIncremental}, {"save", {{"includeText", false}}}}},
        {"hoverProvider", true},
        {"codeActionProvider", {{"codeActionKinds", json::array({"quickfix"})}}},
        {"executeCommandProvider", {{"commands", json::array({kSelectReasonCommand})}}}}},
      {"serverInfo", {{"name", "seldon-lint"}, {"version", options_.version}}}};
}

void Server::initialized() {
  if (!dynamic_watch_) return;
  json watchers =
      json::array({{{"globPattern", "**/*.{yaml,yml,json,tf,tfvars,bicep,bicepparam,gotmpl}"}},
                   {{"globPattern", "**/.seldon-lint.yaml"}}});
  request("client/registerCapability",
          {{"registrations", json::array({{{"id", "seldon-lint-watch"},
                                           {"method", "workspace/didChangeWatchedFiles"},
                                           {"registerOptions", {{"watchers", watchers}}}}})}});
}

std::string Server::document_path(const json& params) {
  std::string uri = string_member(member(params, "textDocument"), "uri");
  std::string path = path_of_uri(uri);
  if (path.empty()) throw BadParams("not a file:// URI: " + uri);
  return std::filesystem::path(path).lexically_normal().string();
}

void Server::did_open(const json& params) {
  std::string path = document_path(params);
  const json& document = params["textDocument"];
  std::string text = string_member(document, "text");
  const json& version = member(document, "version");
  versions_[path] = version.is_number_integer() ? version.get<int>() : 0;
  workspace_->set_buffer(path, std::move(text));
  touch(path);
}

void Server::did_change(const json& params) {
  std::string path = document_path(params);
  const std::string* current = workspace_->buffer(path);
  if (current == nullptr) throw BadParams("didChange for a document that is not open");
  std::string text = *current;
  const json& changes = member(params, "contentChanges");
  if (!changes.is_array()) throw BadParams("'contentChanges' must be an array");
  for (const auto& change : changes) {
    std::string replacement = string_member(change, "text");
    const json& range = member(change, "range");
    if (range.is_null()) {
      text = std::move(replacement);  // full sync
      continue;
    }
    const json& start = member(range, "start");
    const json& end = member(range, "end");
    size_t begin =
        byte_offset(text, uint_member(start, "line"), uint_member(start, "character"), encoding_);
    size_t finish =
        byte_offset(text, uint_member(end, "line"), uint_member(end, "character"), encoding_);
    replace_range(text, begin, finish, replacement);
  }
  const json& version = member(member(params, "textDocument"), "version");
  if (version.is_number_integer()) versions_[path] = version.get<int>();
  workspace_->set_buffer(path, std::move(text));
  touch(path);
}

void Server::did_save(const json& params) {
  std::string path = document_path(params);
  const json& text = member(params, "text");
  if (text.is_string()) workspace_->set_buffer(path, text.get<std::string>());
}

void Server::did_close(const json& params) {
  std::string path = document_path(params);
  versions_.erase(path);
  workspace_->close_buffer(path);  // the file on disk counts again
}

void Server::did_change_watched_files(const json& params) {
  const json& changes = member(params, "changes");
  if (!changes.is_array()) throw BadParams("'changes' must be an array");
  for (const auto& change : changes) {
    std::string path = path_of_uri(string_member(change, "uri"));
    if (path.empty()) continue;
    path = std::filesystem::path(path).lexically_normal().string();
    const json& type = member(change, "type");
    bool created_or_deleted = type == kFileCreated || type == kFileDeleted;
    // An open buffer still wins over the disk; a new or vanished file changes the list.
    workspace_->file_changed(path, created_or_deleted);
  }
}

json Server::hover(const json& params) {
  std::string path = document_path(params);
  const json& position = member(params, "position");
  workspace_->lint();
  std::string relative = workspace_->relative(path);
  const Model* model = workspace_->model();
  if (relative.empty() || model == nullptr) return nullptr;
  for (const auto& file : model->files) {
    if (file.path != relative) continue;
    size_t byte = byte_offset(file.text, uint_member(position, "line"),
                              uint_member(position, "character"), encoding_);
    return hover_at(*workspace_, relative, byte, encoding_);
  }
  return nullptr;
}

json Server::code_action(const json& params) {
  std::string path = document_path(params);
  workspace_->lint();
  std::string relative = workspace_->relative(path);
  if (relative.empty()) return json::array();
  return code_actions_at(*workspace_, relative, member(params, "range"), encoding_);
}

// The "suppress with reason" action's command: select the `TODO: reason`
// placeholder it inserted, so that the user types the reason over it.
json Server::execute_command(const json& params) {
  std::string command = string_member(params, "command");
  if (command != kSelectReasonCommand) throw BadParams("unknown command: " + command);
  const json& arguments = member(params, "arguments");
  if (!arguments.is_array() || arguments.size() != 2 || !arguments[0].is_string() ||
      !arguments[1].is_object()) {
    throw BadParams(std::string(kSelectReasonCommand) + " takes [uri, range]");
  }
  if (!show_document_) return nullptr;  // the placeholder stays, unselected
  request("window/showDocument",
          {{"uri", arguments[0]}, {"takeFocus", true}, {"selection", arguments[1]}});
  return nullptr;
}

void Server::lint_and_publish() {
  LintStats stats = workspace_->lint();
  log_message("linted " + std::to_string(stats.files) + " files (" +
              std::to_string(stats.reparsed) + " read) in " +
              std::to_string(static_cast<long long>(stats.milliseconds)) + " ms");
  std::map<std::string, json> fresh = diagnostics_by_uri(*workspace_, encoding_);
  std::set<std::string> edited_uris;
  for (const auto& path : edited_) edited_uris.insert(uri_of_path(path));
  edited_.clear();
  std::set<std::string> uris;
  for (const auto& [uri, list] : published_) uris.insert(uri);
  for (const auto& [uri, list] : fresh) uris.insert(uri);
  uris.insert(edited_uris.begin(), edited_uris.end());
  for (const auto& uri : uris) {
    auto now = fresh.find(uri);
    auto before = published_.find(uri);
    static const json kNone = json::array();
    const json& list = now == fresh.end() ? kNone : now->second;  // not copied unless sent
    bool changed = before == published_.end() ? !list.empty() : before->second != list;
    if (!changed && edited_uris.count(uri) == 0) continue;
    json params = {{"uri", uri}, {"diagnostics", list}};
    auto version = versions_.find(path_of_uri(uri));
    if (version != versions_.end()) params["version"] = version->second;
    notify("textDocument/publishDiagnostics", std::move(params));
  }
  published_ = std::move(fresh);
}

}  // namespace

int run_language_server(std::istream& in, std::ostream& out, std::ostream& log,
                        const ServerOptions& options) {
  Server server(out, log, options);
  for (;;) {
    bool pending = options.input_pending && options.input_pending();
    if (server.wants_lint() && !pending) {
      try {
        server.lint_and_publish();
      } catch (const std::exception& e) {
        log << "seldon-lint lsp: lint failed: " << e.what() << "\n";
      }
    }
    if (server.output_failed()) return 1;  // the client closed our stdout
    ReadResult read = read_message(in);
    if (read.status == ReadStatus::End) break;
    if (read.status == ReadStatus::BadHeader) {
      server.send_parse_error("message without a valid Content-Length header");
      continue;
    }
    if (!server.handle(read.body)) break;
  }
  return server.exit_code();
}

}  // namespace seldon_lint::lsp
