// LSP base protocol: messages framed by a `Content-Length` header over a byte
// stream (stdin/stdout).  Reading never throws and never trusts the header
// beyond a size limit: a broken or vanished client ends the loop cleanly.
#pragma once

#include <cstddef>
#include <istream>
#include <ostream>
#include <string>

namespace seldon_lint::lsp {

enum class ReadStatus {
  Message,    // `body` holds one message
  BadHeader,  // a header block without a usable Content-Length (skipped; keep reading)
  End,        // end of input (the client went away), or a truncated body
};

struct ReadResult {
  ReadStatus status = ReadStatus::End;
  std::string body;
};

// Bodies above this size are refused (the header block is skipped, and the
// body is drained) rather than allocated.
inline constexpr size_t kMaxMessageBytes = size_t{64} * 1024 * 1024;

ReadResult read_message(std::istream& in);
void write_message(std::ostream& out, const std::string& body);

}  // namespace seldon_lint::lsp
