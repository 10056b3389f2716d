// What the cache keys a file's record by besides its path: size, mtime and
// inode, from one stat.
#pragma once

#include <sys/stat.h>

#include <cstdint>

namespace seldon_lint {

struct FileStamp {
  uint64_t size = 0;
  int64_t mtime_ns = 0;
  uint64_t inode = 0;
  bool operator==(const FileStamp&) const = default;
};

inline FileStamp stamp_of(const struct stat& st) {
  FileStamp stamp;
  stamp.size = static_cast<uint64_t>(st.st_size);
  stamp.mtime_ns = int64_t{st.st_mtim.tv_sec} * 1'000'000'000 + st.st_mtim.tv_nsec;
  stamp.inode = static_cast<uint64_t>(st.st_ino);
  return stamp;
}

}  // namespace seldon_lint
