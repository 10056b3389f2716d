// file:// URIs <-> absolute paths (RFC 8089 as LSP clients send them).
#pragma once

#include <string>
#include <string_view>

namespace seldon_lint::lsp {

// The absolute path of a file:// URI, percent-decoded; empty for other schemes.
std::string path_of_uri(std::string_view uri);
// file:// URI of an absolute path, percent-encoding all but unreserved characters and '/'.
std::string uri_of_path(std::string_view path);

}  // namespace seldon_lint::lsp
