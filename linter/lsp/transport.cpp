#include "linter/lsp/transport.hpp"

#include <cctype>
#include <charconv>
#include <string_view>

#include "linter/base/text.hpp"

namespace seldon_lint::lsp {
namespace {

// One header line without its CR LF (a bare LF is accepted too); false at EOF.
bool read_header_line(std::istream& in, std::string& line) {
  line.clear();
  if (!std::getline(in, line)) return false;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return true;
}

// The value of a `Content-Length: N` line, or -1 when the line is another header.
long long content_length_of(std::string_view line) {
  auto colon = line.find(':');
  if (colon == std::string_view::npos) return -1;
  if (to_lower(trim(line.substr(0, colon))) != "content-length") return -1;
  std::string_view value = trim(line.substr(colon + 1));
  long long n = -1;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
  if (ec != std::errc() || end != value.data() + value.size() || n < 0) return -2;
  return n;
}

}  // namespace

ReadResult read_message(std::istream& in) {
  ReadResult result;
  std::string line;
  long long length = -1;
  bool any_header = false;
  bool bad_length = false;
  for (;;) {
    if (!read_header_line(in, line)) return result;  // End
    if (line.empty()) {
      if (!any_header) continue;  // stray blank lines between messages
      break;
    }
    any_header = true;
    long long n = content_length_of(line);
    if (n == -2) bad_length = true;
    if (n >= 0) length = n;
  }
  if (bad_length || length < 0) {
    result.status = ReadStatus::BadHeader;
    return result;
  }
  if (static_cast<unsigned long long>(length) > kMaxMessageBytes) {
    in.ignore(length);
    result.status = in ? ReadStatus::BadHeader : ReadStatus::End;
    return result;
  }
  result.body.resize(static_cast<size_t>(length));
  in.read(result.body.data(), length);
  if (in.gcount() != length) {
    result.body.clear();
    return result;  // End: the client vanished mid-message
  }
  result.status = ReadStatus::Message;
  return result;
}

void write_message(std::ostream& out, const std::string& body) {
  out << "Content-Length: " << body.size() << "\r\n\r\n" << body;
  out.flush();
}

}  // namespace seldon_lint::lsp
