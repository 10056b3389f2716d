// A source file's text, readable like a const std::string.
//
// Usually the text is read together with the file.  A file whose parse came
// from the persistent cache (linter/input/file_cache.hpp) is not read at all
// unless something asks for its text: a code frame, a suppression directive,
// a model step that re-reads a block scalar.  The first such use reads it from
// disk; that is safe from several threads at once (rules run in parallel).
// size() and empty() of an unread text answer from the file's stat size
// without reading it.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

namespace seldon_lint {

class FileText {
 public:
  FileText() = default;
  FileText(std::string text) : text_(std::move(text)) {}  // NOLINT: implicit, like a string
  FileText(const FileText& other);
  FileText(FileText&& other) noexcept;
  FileText& operator=(const FileText& other);
  FileText& operator=(FileText&& other) noexcept;
  FileText& operator=(std::string text);
  ~FileText() = default;

  // The text is the contents of `absolute_path` (`size` bytes by its stat),
  // read on first use.  Only before the text is shared between threads.
  void defer(std::string absolute_path, size_t size);
  // True while a deferred text has not been read.
  bool deferred() const { return state_.load(std::memory_order_acquire) == Deferred; }

  const std::string& str() const {
    if (state_.load(std::memory_order_acquire) != Ready) read_now();
    return text_;
  }
  operator const std::string&() const { return str(); }  // NOLINT: implicit on purpose
  operator std::string_view() const { return str(); }    // NOLINT: implicit on purpose

  size_t size() const { return deferred() ? deferred_size_ : str().size(); }
  bool empty() const { return size() == 0; }
  const char* data() const { return str().data(); }
  const char* c_str() const { return str().c_str(); }
  std::string::const_iterator begin() const { return str().begin(); }
  std::string::const_iterator end() const { return str().end(); }
  char operator[](size_t i) const { return str()[i]; }
  std::string substr(size_t pos, size_t n = std::string::npos) const {
    return str().substr(pos, n);
  }
  template <typename... Args>
  size_t find(Args&&... args) const {
    return str().find(std::forward<Args>(args)...);
  }
  template <typename... Args>
  size_t rfind(Args&&... args) const {
    return str().rfind(std::forward<Args>(args)...);
  }
  template <typename... Args>
  int compare(Args&&... args) const {
    return str().compare(std::forward<Args>(args)...);
  }
  friend bool operator==(const FileText& a, std::string_view b) { return a.str() == b; }

 private:
  enum State : uint8_t { Ready, Deferred, Reading };
  void read_now() const;

  // While deferred, text_ holds the absolute path to read (no extra member).
  mutable std::string text_;
  size_t deferred_size_ = 0;
  mutable std::atomic<uint8_t> state_{Ready};
};

}  // namespace seldon_lint
