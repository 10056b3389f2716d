#include "seldon_lint/file_text.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

namespace seldon_lint {
namespace {

// The file's bytes as they were parsed: `expected_size` of them.  A file
// that is gone or no longer of that size changed since: its text is then
// `expected_size` blanks, which keeps every offset and line start of the
// parse inside the text (a code frame shows blank lines, --fix sees that the
// file changed) where the new bytes could leave them past its end.  The read
// stops one byte past the expected size: the path may now name a device or a
// file that keeps growing.
std::string read_file_bytes(const std::string& path, size_t expected_size) {
  auto changed = [expected_size] { return std::string(expected_size, ' '); };
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return changed();
  std::string out(expected_size + 1, '\0');
  size_t filled = 0;
  while (filled < out.size()) {
    ssize_t n = ::read(fd, out.data() + filled, out.size() - filled);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    filled += static_cast<size_t>(n);
  }
  ::close(fd);
  if (filled != expected_size) return changed();
  out.resize(expected_size);
  return out;
}

}  // namespace

FileText::FileText(const FileText& other) {
  *this = other;
}

FileText::FileText(FileText&& other) noexcept {
  *this = std::move(other);
}

FileText& FileText::operator=(const FileText& other) {
  if (this == &other) return *this;
  if (other.deferred()) {
    text_ = other.text_;  // the path
    deferred_size_ = other.deferred_size_;
    state_.store(Deferred, std::memory_order_release);
  } else {
    text_ = other.str();
    deferred_size_ = 0;
    state_.store(Ready, std::memory_order_release);
  }
  return *this;
}

FileText& FileText::operator=(FileText&& other) noexcept {
  if (this == &other) return *this;
  // Moves happen while a model is being built, on one thread: never mid-read.
  text_ = std::move(other.text_);
  deferred_size_ = other.deferred_size_;
  state_.store(other.state_.load(std::memory_order_acquire), std::memory_order_release);
  other.text_.clear();
  other.deferred_size_ = 0;
  other.state_.store(Ready, std::memory_order_release);
  return *this;
}

FileText& FileText::operator=(std::string text) {
  text_ = std::move(text);
  deferred_size_ = 0;
  state_.store(Ready, std::memory_order_release);
  return *this;
}

void FileText::defer(std::string absolute_path, size_t size) {
  text_ = std::move(absolute_path);
  deferred_size_ = size;
  state_.store(Deferred, std::memory_order_release);
}

void FileText::read_now() const {
  uint8_t expected = Deferred;
  if (state_.compare_exchange_strong(expected, Reading, std::memory_order_acq_rel)) {
    std::string bytes = read_file_bytes(text_, deferred_size_);
    text_ = std::move(bytes);
    state_.store(Ready, std::memory_order_release);
    state_.notify_all();
    return;
  }
  // Another thread is reading it: wait until it is done.
  for (uint8_t now = state_.load(std::memory_order_acquire); now != Ready;
       now = state_.load(std::memory_order_acquire)) {
    state_.wait(now, std::memory_order_acquire);
  }
}

}  // namespace seldon_lint
