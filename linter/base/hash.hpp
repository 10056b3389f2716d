// A fast non-cryptographic 64-bit hash of bytes (multiply-fold mixing in the
// style of wyhash): the persistent cache's content hashes and checksums.  It
// detects changed and damaged data; it is no defence against a crafted collision.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

namespace seldon_lint {

namespace detail {

inline uint64_t fold_multiply(uint64_t a, uint64_t b) {
  __uint128_t product = static_cast<__uint128_t>(a) * b;
  return static_cast<uint64_t>(product) ^ static_cast<uint64_t>(product >> 64);
}

inline uint64_t load_u64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

}  // namespace detail

inline uint64_t hash_bytes(std::string_view data, uint64_t seed = 0) {
  constexpr uint64_t k0 = 0xa0761d6478bd642full, k1 = 0xe7037ed1a0b428dbull,
                     k2 = 0x8ebc6af09c88c6e3ull, k3 = 0x589965cc75374cc3ull;
  const char* p = data.data();
  size_t n = data.size();
  uint64_t h = detail::fold_multiply(seed ^ k0, k1) ^ n;
  while (n >= 16) {
    h = detail::fold_multiply(detail::load_u64(p) ^ k1 ^ h, detail::load_u64(p + 8) ^ k2);
    p += 16;
    n -= 16;
  }
  uint64_t tail[2] = {0, 0};
  if (n > 0) std::memcpy(tail, p, n);  // p may be null when data is empty
  h = detail::fold_multiply(tail[0] ^ k1 ^ h, tail[1] ^ k3 ^ n);
  return detail::fold_multiply(h ^ k0, h ^ k2);
}

}  // namespace seldon_lint
