// Go library behaviour the functions rely on: fmt.Sprintf verbs,
// strconv.Quote, SHA-256, Masterminds semver constraints, and Helm's
// built-in .Files and .Capabilities objects.
#include <array>
#include <cmath>
#include <cstdio>
#include <set>

#include "linter/parse/gotemplate/exec.hpp"

namespace seldon_lint::gotemplate {

// ---- strconv.Quote ----

std::string go_quote(std::string_view s) {
  return backslash_quoted(s, "\a\b\f\n\r\t\v", false);
}

// ---- fmt.Sprintf ----

namespace {

struct Spec {
  bool minus = false, plus = false, space = false, zero = false, sharp = false;
  int width = -1, precision = -1;
};

std::string pad(std::string s, const Spec& spec, bool numeric) {
  if (spec.width < 0 || static_cast<int>(s.size()) >= spec.width) return s;
  size_t fill = static_cast<size_t>(spec.width) - s.size();
  if (spec.minus) return s + std::string(fill, ' ');
  if (spec.zero && numeric) {
    size_t sign = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
    return s.substr(0, sign) + std::string(fill, '0') + s.substr(sign);
  }
  return std::string(fill, ' ') + s;
}

std::string bad_verb(char verb, const Value& v) {
  if (v.is_nil()) return std::string("%!") + verb + "(<nil>)";
  return std::string("%!") + verb + "(" + v.type_name() + "=" + format_v(v) + ")";
}

std::string format_int(int64_t n, char verb, const Spec& spec) {
  char buf[80];
  switch (verb) {
    case 'd':
      std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(n));
      break;
    case 'x':
      std::snprintf(buf, sizeof buf, n < 0 ? "-%llx" : "%llx",
                    static_cast<unsigned long long>(n < 0 ? -n : n));
      break;
    case 'X':
      std::snprintf(buf, sizeof buf, n < 0 ? "-%llX" : "%llX",
                    static_cast<unsigned long long>(n < 0 ? -n : n));
      break;
    case 'o':
      std::snprintf(buf, sizeof buf, n < 0 ? "-%llo" : "%llo",
                    static_cast<unsigned long long>(n < 0 ? -n : n));
      break;
    case 'b': {
      std::string bits;
      unsigned long long u = static_cast<unsigned long long>(n < 0 ? -n : n);
      do {
        bits.insert(bits.begin(), static_cast<char>('0' + (u & 1)));
        u >>= 1;
      } while (u);
      std::snprintf(buf, sizeof buf, "%s%s", n < 0 ? "-" : "", bits.c_str());
      break;
    }
    default:
      return {};
  }
  std::string s = buf;
  if (spec.plus && n >= 0)
    s = "+" + s;
  else if (spec.space && n >= 0)
    s = " " + s;
  return pad(s, spec, true);
}

std::string format_float(double f, char verb, const Spec& spec) {
  if (verb == 'v' || (verb == 'g' && spec.precision < 0)) return pad(format_float_v(f), spec, true);
  char fmt[16];
  int precision = spec.precision < 0 ? 6 : spec.precision;
  std::snprintf(fmt, sizeof fmt, "%%%s.%d%c", spec.plus ? "+" : "", precision,
                verb == 'F' ? 'f' : verb);
  char buf[512];
  std::snprintf(buf, sizeof buf, fmt, f);
  return pad(buf, spec, true);
}

std::string format_one(char verb, const Value& v, const Spec& spec) {
  switch (verb) {
    case 'v':
      if (v.kind() == Value::Kind::Float) return format_float(v.as_float(), 'v', spec);
      return pad(v.is_nil() ? "<nil>" : to_string_value(v), spec, false);
    case 's':
      if (v.is_string()) {
        std::string s = v.as_string();
        if (spec.precision >= 0 && static_cast<size_t>(spec.precision) < s.size())
          s.resize(static_cast<size_t>(spec.precision));
        return pad(s, spec, false);
      }
      if (v.is_list() || v.is_map()) return pad(format_v(v), spec, false);
      return bad_verb(verb, v);
    case 'q':
      if (v.is_string()) return pad(go_quote(v.as_string()), spec, false);
      return bad_verb(verb, v);
    case 't':
      if (v.kind() == Value::Kind::Bool) return pad(v.as_bool() ? "true" : "false", spec, false);
      return bad_verb(verb, v);
    case 'd':
    case 'x':
    case 'X':
    case 'o':
    case 'b':
      if (v.kind() == Value::Kind::Int) return format_int(v.as_int(), verb, spec);
      if (v.is_string() && (verb == 'x' || verb == 'X')) {
        std::string hex;
        char buf[4];
        for (unsigned char c : v.as_string()) {
          std::snprintf(buf, sizeof buf, verb == 'x' ? "%02x" : "%02X", c);
          hex += buf;
        }
        return pad(hex, spec, false);
      }
      return bad_verb(verb, v);
    case 'f':
    case 'F':
    case 'e':
    case 'E':
    case 'g':
    case 'G':
      if (v.kind() == Value::Kind::Float) return format_float(v.as_float(), verb, spec);
      return bad_verb(verb, v);
    default:
      throw UnsupportedError(std::string("printf verb %") + verb);
  }
}

}  // namespace

std::string go_sprintf(const std::string& format, const std::vector<Value>& args,
                       size_t first_arg) {
  std::string out;
  size_t arg = first_arg;
  for (size_t i = 0; i < format.size(); ++i) {
    char c = format[i];
    if (c != '%') {
      out += c;
      continue;
    }
    if (++i >= format.size()) {
      out += "%!(NOVERB)";
      break;
    }
    Spec spec;
    for (; i < format.size(); ++i) {
      char f = format[i];
      if (f == '-')
        spec.minus = true;
      else if (f == '+')
        spec.plus = true;
      else if (f == ' ')
        spec.space = true;
      else if (f == '0')
        spec.zero = true;
      else if (f == '#')
        spec.sharp = true;
      else
        break;
    }
    auto read_number = [&](int& target) {
      if (i < format.size() && format[i] == '*') throw UnsupportedError("printf '*' width");
      if (i >= format.size() || format[i] < '0' || format[i] > '9') return;
      target = 0;
      while (i < format.size() && format[i] >= '0' && format[i] <= '9')
        target = std::min(target * 10 + (format[i++] - '0'), 1 << 16);
    };
    read_number(spec.width);
    if (i < format.size() && format[i] == '.') {
      ++i;
      spec.precision = 0;
      read_number(spec.precision);
    }
    if (i >= format.size()) {
      out += "%!(NOVERB)";
      break;
    }
    char verb = format[i];
    if (verb == '%') {
      out += '%';
      continue;
    }
    if (arg >= args.size()) {
      out += std::string("%!") + verb + "(MISSING)";
      continue;
    }
    out += format_one(verb, args[arg++], spec);
  }
  if (arg < args.size()) {
    out += "%!(EXTRA ";
    for (size_t k = arg; k < args.size(); ++k) {
      if (k > arg) out += ", ";
      out += args[k].type_name() + "=" + (args[k].is_nil() ? "<nil>" : format_v(args[k]));
    }
    out += ")";
  }
  return out;
}

// ---- SHA-256 (FIPS 180-4) ----

std::string sha256_hex(std::string_view data) {
  static constexpr std::array<uint32_t, 64> kRound = {
      0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
      0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
      0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
      0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
      0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
      0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
      0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
      0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
      0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
      0xc67178f2};
  std::array<uint32_t, 8> h = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                               0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  std::string msg(data);
  uint64_t bit_length = static_cast<uint64_t>(data.size()) * 8;
  msg += static_cast<char>(0x80);
  while (msg.size() % 64 != 56) msg += '\0';
  for (int i = 7; i >= 0; --i) msg += static_cast<char>((bit_length >> (i * 8)) & 0xff);
  auto rotr = [](uint32_t x, int n) { return (x >> n) | (x << (32 - n)); };
  for (size_t chunk = 0; chunk < msg.size(); chunk += 64) {
    std::array<uint32_t, 64> w{};
    for (int i = 0; i < 16; ++i)
      for (int b = 0; b < 4; ++b)
        w[i] = (w[i] << 8) | static_cast<unsigned char>(msg[chunk + size_t{4} * i + b]);
    for (int i = 16; i < 64; ++i) {
      uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
      uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
      w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    auto v = h;
    for (int i = 0; i < 64; ++i) {
      uint32_t s1 = rotr(v[4], 6) ^ rotr(v[4], 11) ^ rotr(v[4], 25);
      uint32_t ch = (v[4] & v[5]) ^ (~v[4] & v[6]);
      uint32_t t1 = v[7] + s1 + ch + kRound[i] + w[i];
      uint32_t s0 = rotr(v[0], 2) ^ rotr(v[0], 13) ^ rotr(v[0], 22);
      uint32_t maj = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]);
      uint32_t t2 = s0 + maj;
      v = {t1 + t2, v[0], v[1], v[2], v[3] + t1, v[4], v[5], v[6]};
    }
    for (int i = 0; i < 8; ++i) h[i] += v[i];
  }
  std::string out;
  char buf[9];
  for (uint32_t word : h) {
    std::snprintf(buf, sizeof buf, "%08x", word);
    out += buf;
  }
  return out;
}

// ---- semver ----

namespace {

struct Version {
  int64_t part[3] = {0, 0, 0};
  std::string prerelease;
};

bool parse_version(std::string_view s, Version& v, bool* wildcard = nullptr) {
  if (!s.empty() && (s[0] == 'v' || s[0] == 'V')) s.remove_prefix(1);
  if (size_t plus = s.find('+'); plus != std::string_view::npos) s = s.substr(0, plus);
  if (size_t dash = s.find('-'); dash != std::string_view::npos) {
    v.prerelease = std::string(s.substr(dash + 1));
    s = s.substr(0, dash);
  }
  int index = 0;
  size_t start = 0;
  while (true) {
    if (index > 2) return false;
    size_t dot = s.find('.', start);
    std::string_view piece =
        s.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (piece == "x" || piece == "X" || piece == "*") {
      if (!wildcard) return false;
      *wildcard = true;
      return true;
    }
    if (piece.empty() || piece.find_first_not_of("0123456789") != std::string_view::npos ||
        piece.size() > 15)
      return false;
    v.part[index++] = std::stoll(std::string(piece));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return true;
}

int compare_prerelease(const std::string& a, const std::string& b) {
  if (a == b) return 0;
  if (a.empty()) return 1;
  if (b.empty()) return -1;
  return a < b ? -1 : 1;
}

int compare(const Version& a, const Version& b) {
  for (int i = 0; i < 3; ++i)
    if (a.part[i] != b.part[i]) return a.part[i] < b.part[i] ? -1 : 1;
  return compare_prerelease(a.prerelease, b.prerelease);
}

bool check_one(std::string_view text, const Version& version) {
  size_t op_end = 0;
  while (op_end < text.size() &&
         std::string_view("<>=!~^").find(text[op_end]) != std::string_view::npos)
    ++op_end;
  std::string op(text.substr(0, op_end));
  std::string_view rest = text.substr(op_end);
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  Version bound;
  bool wildcard = false;
  if (!parse_version(rest, bound, &wildcard))
    throw EvalError("semverCompare: improper constraint: " + std::string(text));
  if (wildcard) throw UnsupportedError("semverCompare wildcard constraint " + std::string(text));
  // A constraint without a prerelease never matches a prerelease version.
  if (!version.prerelease.empty() && bound.prerelease.empty()) return false;
  int c = compare(version, bound);
  if (op.empty() || op == "=") return c == 0;
  if (op == "!=") return c != 0;
  if (op == ">") return c > 0;
  if (op == ">=" || op == "=>") return c >= 0;
  if (op == "<") return c < 0;
  if (op == "<=" || op == "=<") return c <= 0;
  if (op == "~" || op == "~>" || op == "^") {
    if (c < 0) return false;
    Version upper;
    if (op == "^" && bound.part[0] > 0) {
      upper.part[0] = bound.part[0] + 1;
    } else if (op == "^" && bound.part[1] > 0) {
      upper.part[1] = bound.part[1] + 1;
    } else {
      upper.part[0] = bound.part[0];
      upper.part[1] = bound.part[1] + 1;
    }
    upper.prerelease = "0";
    return compare(version, upper) < 0;
  }
  throw EvalError("semverCompare: improper constraint: " + std::string(text));
}

std::vector<std::string> constraint_terms(std::string_view group) {
  // Terms are separated by commas or spaces; an operator may be followed by a space.
  std::vector<std::string> terms;
  std::string current;
  for (char c : group) {
    if (c == ',' || c == ' ') {
      bool operator_only =
          !current.empty() && current.find_first_not_of("<>=!~^") == std::string::npos;
      if (!current.empty() && !operator_only) {
        terms.push_back(current);
        current.clear();
      }
      continue;
    }
    current += c;
  }
  if (!current.empty()) terms.push_back(current);
  return terms;
}

}  // namespace

bool semver_satisfies(std::string_view constraint, std::string_view version_text) {
  Version version;
  if (!parse_version(version_text, version))
    throw EvalError("semverCompare: invalid semantic version " + std::string(version_text));
  size_t start = 0;
  while (true) {
    size_t bar = constraint.find("||", start);
    std::string_view group = constraint.substr(
        start, bar == std::string_view::npos ? std::string_view::npos : bar - start);
    bool all = true;
    auto terms = constraint_terms(group);
    if (terms.empty())
      throw EvalError("semverCompare: improper constraint: " + std::string(constraint));
    for (const std::string& term : terms)
      if (!check_one(term, version)) all = false;
    if (all) return true;
    if (bar == std::string_view::npos) return false;
    start = bar + 2;
  }
}

// ---- Helm's built-in objects ----

namespace {

class FilesObject : public Object {
 public:
  FilesObject(std::map<std::string, std::string> files, bool complete)
      : files_(std::move(files)), complete_(complete) {}
  std::string type_name() const override { return "chart.Files"; }
  bool has_method(std::string_view method) const override {
    return method == "Get" || method == "GetBytes" || method == "Lines" || method == "Glob" ||
           method == "AsConfig" || method == "AsSecrets";
  }
  Value call(std::string_view method, const std::vector<Value>& args) const override {
    if (method == "Glob" || method == "AsConfig" || method == "AsSecrets")
      throw UnsupportedError(".Files." + std::string(method));
    if (args.size() != 1 || !args[0].is_string())
      throw EvalError(".Files." + std::string(method) + " takes one string argument");
    auto it = files_.find(args[0].as_string());
    // Helm returns "" for a missing file; when the linter did not read every
    // file of the chart, a file it lacks is unknown, not missing.
    if (it == files_.end() && !complete_) {
      throw UnsupportedError(".Files." + std::string(method) + " \"" + args[0].as_string() +
                             "\" (a chart file the linter does not read)");
    }
    std::string content = it == files_.end() ? "" : it->second;
    if (method != "Lines") return Value::string(content);
    List lines;
    size_t start = 0;
    while (start <= content.size() && !content.empty()) {
      size_t nl = content.find('\n', start);
      lines.push_back(Value::string(
          content.substr(start, nl == std::string::npos ? std::string::npos : nl - start)));
      if (nl == std::string::npos) break;
      start = nl + 1;
    }
    return Value::list(std::move(lines));
  }

 private:
  std::map<std::string, std::string> files_;
  bool complete_;
};

// The API versions `helm template` assumes without a cluster: Kubernetes'
// built-in group versions, not those of CRDs.
const std::set<std::string>& default_api_versions() {
  static const std::set<std::string> kVersions = {"v1",
                                                  "admissionregistration.k8s.io/v1",
                                                  "apiextensions.k8s.io/v1",
                                                  "apiregistration.k8s.io/v1",
                                                  "apps/v1",
                                                  "authentication.k8s.io/v1",
                                                  "authorization.k8s.io/v1",
                                                  "autoscaling/v1",
                                                  "autoscaling/v2",
                                                  "batch/v1",
                                                  "certificates.k8s.io/v1",
                                                  "coordination.k8s.io/v1",
                                                  "discovery.k8s.io/v1",
                                                  "events.k8s.io/v1",
                                                  "flowcontrol.apiserver.k8s.io/v1",
                                                  "networking.k8s.io/v1",
                                                  "node.k8s.io/v1",
                                                  "policy/v1",
                                                  "rbac.authorization.k8s.io/v1",
                                                  "scheduling.k8s.io/v1",
                                                  "storage.k8s.io/v1"};
  return kVersions;
}

class ApiVersionsObject : public Object {
 public:
  std::string type_name() const override { return "chartutil.VersionSet"; }
  bool has_method(std::string_view method) const override { return method == "Has"; }
  Value call(std::string_view, const std::vector<Value>& args) const override {
    if (args.size() != 1 || !args[0].is_string())
      throw EvalError(".Capabilities.APIVersions.Has takes one string");
    const std::string& wanted = args[0].as_string();
    const auto& versions = default_api_versions();
    if (versions.count(wanted)) return Value::boolean(true);
    // "apps/v1/Deployment": a kind of a built-in group version.
    size_t slash = wanted.rfind('/');
    return Value::boolean(slash != std::string::npos &&
                          versions.count(wanted.substr(0, slash)) > 0 && wanted.find('/') != slash);
  }
};

}  // namespace

Value make_files_object(std::map<std::string, std::string> files, bool complete) {
  return Value::object(std::make_shared<FilesObject>(std::move(files), complete));
}

Value make_capabilities() {
  Map kube;
  kube.emplace("Version", Value::string("v1.31.0"));
  kube.emplace("GitVersion", Value::string("v1.31.0"));
  kube.emplace("Major", Value::string("1"));
  kube.emplace("Minor", Value::string("31"));
  Map caps;
  caps.emplace("KubeVersion", Value::map(std::move(kube)));
  caps.emplace("APIVersions", Value::object(std::make_shared<ApiVersionsObject>()));
  Map helm;
  helm.emplace("Version", Value::string("v3.16.0"));
  caps.emplace("HelmVersion", Value::map(std::move(helm)));
  return Value::map(std::move(caps));
}

}  // namespace seldon_lint::gotemplate
