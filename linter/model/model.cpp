// Queries on the model that rules share.
#include "seldon_lint/model.hpp"

#include <algorithm>

#include "linter/base/text.hpp"

namespace seldon_lint {

std::string_view SourceFile::line_text(uint32_t line) const {
  if (line == 0 || line > line_starts.size()) return {};
  uint32_t begin = line_starts[line - 1];
  uint32_t end = line < line_starts.size() ? line_starts[line] : static_cast<uint32_t>(text.size());
  std::string_view view(text);
  view = view.substr(begin, end - begin);
  while (!view.empty() && (view.back() == '\n' || view.back() == '\r')) view.remove_suffix(1);
  return view;
}

const SecretKey* SecretRecord::key(std::string_view key_name) const {
  for (const auto& k : keys) {
    if (k.name == key_name) return &k;
  }
  return nullptr;
}

std::string_view Release::text(std::string_view dotted_path) const {
  const yaml::Node* node = value(dotted_path);
  return node == nullptr ? std::string_view() : node->str();
}

bool Release::set_by_layer(std::string_view dotted_path) const {
  const yaml::Node* node = value(dotted_path);
  return node != nullptr && node->file != kNoFile;
}

namespace {

// `a.b` and `a.b.c` overlap (one is a key of the other); `a.b` and `a.bc` do not.
bool paths_overlap(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty()) return true;
  std::string_view shorter = a.size() <= b.size() ? a : b;
  std::string_view longer = a.size() <= b.size() ? b : a;
  return longer.substr(0, shorter.size()) == shorter &&
         (longer.size() == shorter.size() || longer[shorter.size()] == '.');
}

// Whether `layer` decides `dotted_path` on its own: it writes a value there
// that is not a map (a map merges with what lies below), deletes it with
// null, or replaces a key above it with a scalar, list or null.
bool layer_decides(const ValuesLayer& layer, std::string_view dotted_path) {
  const yaml::Node* current = layer.values;
  for (auto key : split(dotted_path, '.')) {
    if (current == nullptr || !current->is_map()) return false;
    const yaml::Node* next = current->find(key);
    if (next == nullptr) return false;
    if (!next->is_map()) return true;
    current = next;
  }
  return false;  // a map at the path itself: keys below it may still come from lower layers
}

}  // namespace

bool Release::known(std::string_view dotted_path) const {
  // The highest-priority unreadable layer that could set this path.
  size_t blind = layers.size();
  for (size_t i = layers.size(); i-- > 0;) {
    if (layers[i].unreadable && paths_overlap(layers[i].scope, dotted_path)) {
      blind = i;
      break;
    }
  }
  if (blind == layers.size()) return true;
  for (size_t i = blind + 1; i < layers.size(); ++i) {
    if (!layers[i].unreadable && layer_decides(layers[i], dotted_path)) return true;
  }
  return false;
}

bool Release::known_all(std::initializer_list<std::string_view> dotted_paths) const {
  for (auto path : dotted_paths) {
    if (!known(path)) return false;
  }
  return true;
}

std::vector<const ValuesLayer*> Release::unreadable_layers() const {
  std::vector<const ValuesLayer*> out;
  // NOLINTNEXTLINE(modernize-loop-convert): clang 14 cannot use libstdc++ 12's views::reverse
  for (auto it = layers.rbegin(); it != layers.rend(); ++it) {
    if (it->unreadable) out.push_back(&*it);
  }
  return out;
}

Location Release::locate_key(std::string_view dotted_path) const {
  // Walk the effective tree; the entry keeps the key position of the layer that set it.
  const yaml::Node* current = &effective;
  const yaml::Entry* entry = nullptr;
  for (auto key : split(dotted_path, '.')) {
    entry = current == nullptr ? nullptr : current->find_entry(key);
    if (entry == nullptr) return Location{};
    current = &entry->value;
  }
  if (entry == nullptr || entry->key_file == kNoFile) return Location{};
  return Location{entry->key_file, entry->key_range};
}

Location Release::locate(std::string_view dotted_path) const {
  if (const yaml::Node* node = value(dotted_path); node != nullptr && node->file != kNoFile) {
    if (node->range.known() && node->range.end.offset > node->range.begin.offset) {
      return node->location();
    }
    Location key = locate_key(dotted_path);  // `key:` with an empty value
    if (key.known()) return key;
    return node->location();
  }
  // Absent or chart default: the deepest existing ancestor key in the
  // highest-priority layer that configures Seldon, else that layer's anchor.
  const ValuesLayer* layer = nullptr;
  for (auto it = layers.rbegin(); it != layers.rend() && layer == nullptr; ++it) {
    if (it->values != nullptr && it->values->is_map() &&
        (it->values->find("security") || it->values->find("kafka"))) {
      layer = &*it;
    }
  }
  if (layer == nullptr && !layers.empty()) layer = &layers.back();
  if (layer == nullptr) return location;
  const yaml::Node* current = layer->values;
  Location best = layer->anchor;
  for (auto key : split(dotted_path, '.')) {
    const yaml::Entry* entry = current == nullptr ? nullptr : current->find_entry(key);
    if (entry == nullptr) break;
    best = Location{entry->key_file, entry->key_range};
    current = &entry->value;
  }
  return best;
}

std::vector<Location> Release::overridden(std::string_view dotted_path) const {
  std::vector<Location> out;
  const yaml::Node* winner = value(dotted_path);
  for (const auto& layer : layers) {
    if (layer.values == nullptr) continue;
    const yaml::Node* node = layer.values->at(dotted_path);
    if (node == nullptr) continue;
    Location where = node->location();
    if (winner != nullptr && winner->file == where.file &&
        winner->range.begin.offset == where.range.begin.offset &&
        winner->range.end.offset == where.range.end.offset) {
      continue;  // the winning layer itself
    }
    if (!where.known()) continue;
    if (node->is_map() || node->is_seq() ||
        (node->is_null() && node->range.begin.offset == node->range.end.offset)) {
      const yaml::Node* parent = layer.values;
      const yaml::Entry* entry = nullptr;
      for (auto key : split(dotted_path, '.')) {
        entry = parent == nullptr ? nullptr : parent->find_entry(key);
        parent = entry == nullptr ? nullptr : &entry->value;
      }
      if (entry != nullptr) where = Location{entry->key_file, entry->key_range};
    }
    out.push_back(where);
  }
  return out;
}

namespace {
std::string placement_key(std::string_view name, std::string_view namespace_name) {
  std::string key(name);
  key.push_back('\n');
  key.append(namespace_name);
  return key;
}
}  // namespace

void Model::index_secrets() {
  secret_index_.clear();
  secret_placement_index_.clear();
  for (size_t i = 0; i < secrets.size(); ++i) {
    secret_index_[secrets[i].name].push_back(i);
    secret_placement_index_[placement_key(secrets[i].name, secrets[i].namespace_name)].push_back(i);
  }
  indexed_secrets_ = secrets.size();
}

template <typename Visit>
void Model::for_each_secret_named(std::string_view name, Visit&& visit) const {
  if (indexed_secrets_ == secrets.size() && !secrets.empty()) {
    auto it = secret_index_.find(std::string(name));
    if (it == secret_index_.end()) return;
    for (size_t i : it->second) visit(secrets[i]);
    return;
  }
  for (const auto& secret : secrets) {  // not indexed (yet): scan
    if (secret.name == name) visit(secret);
  }
}

std::vector<const SecretRecord*> Model::secrets_in(std::string_view name,
                                                   std::string_view namespace_name,
                                                   std::string_view environment) const {
  std::vector<const SecretRecord*> out;
  any_secret_in(name, namespace_name, environment, [&](const SecretRecord& secret) {
    out.push_back(&secret);
    return false;  // every one
  });
  return out;
}

std::vector<const SecretRecord*> Model::find_secrets(std::string_view name,
                                                     std::string_view namespace_name,
                                                     std::string_view environment) const {
  std::vector<const SecretRecord*> out = secrets_in(name, namespace_name, environment);
  // `name-<hash>` in the cluster: never an exact match (found by the other lookups).
  out.erase(
      std::remove_if(out.begin(), out.end(), [](const SecretRecord* s) { return s->hashed_name; }),
      out.end());
  return out;
}

std::vector<const SecretRecord*> Model::secrets_placed_in(std::string_view name,
                                                          std::string_view namespace_name,
                                                          std::string_view environment) const {
  std::vector<const SecretRecord*> out;
  any_secret_placed_in(name, namespace_name, environment, [&](const SecretRecord& secret) {
    out.push_back(&secret);
    return false;
  });
  return out;
}

bool Model::any_secret_in(std::string_view name, std::string_view namespace_name,
                          std::string_view environment, const SecretTest& accept) const {
  // A secret whose namespace the repository does not fix can land anywhere,
  // except where it is known not to reach.
  auto can_be_here = [&](const SecretRecord& secret) {
    if (!same_environment(secret.environment, environment)) return false;
    if (secret.namespace_name == namespace_name) return true;
    if (!secret.namespace_name.empty()) return false;
    for (const auto& [ns, env] : secret.not_in) {
      if (ns == namespace_name && same_environment(env, environment)) return false;
    }
    return true;
  };
  if (indexed_secrets_ != secrets.size() || secrets.empty()) {  // not indexed (yet): scan
    bool found = false;
    for_each_secret_named(name, [&](const SecretRecord& secret) {
      found = found || (can_be_here(secret) && accept(secret));
    });
    return found;
  }
  // Two buckets, merged in model order: this namespace, and namespace unknown.
  static const std::vector<size_t> kNone;
  auto bucket = [&](std::string_view ns) -> const std::vector<size_t>& {
    auto it = secret_placement_index_.find(placement_key(name, ns));
    return it == secret_placement_index_.end() ? kNone : it->second;
  };
  const auto& here = bucket(namespace_name);
  const auto& anywhere = namespace_name.empty() ? kNone : bucket("");
  size_t a = 0, b = 0;
  while (a < here.size() || b < anywhere.size()) {
    bool take_here = b >= anywhere.size() || (a < here.size() && here[a] < anywhere[b]);
    const SecretRecord& secret = secrets[take_here ? here[a++] : anywhere[b++]];
    if (can_be_here(secret) && accept(secret)) return true;
  }
  return false;
}

bool Model::any_secret_placed_in(std::string_view name, std::string_view namespace_name,
                                 std::string_view environment, const SecretTest& accept) const {
  auto placed_here = [&](const SecretRecord& secret) {
    return secret.namespace_name == namespace_name &&
           same_environment(secret.environment, environment);
  };
  if (indexed_secrets_ != secrets.size() || secrets.empty()) {  // not indexed (yet): scan
    bool found = false;
    for_each_secret_named(name, [&](const SecretRecord& secret) {
      found = found || (placed_here(secret) && accept(secret));
    });
    return found;
  }
  auto it = secret_placement_index_.find(placement_key(name, namespace_name));
  if (it == secret_placement_index_.end()) return false;
  for (size_t i : it->second) {
    if (placed_here(secrets[i]) && accept(secrets[i])) return true;
  }
  return false;
}

std::vector<const SecretRecord*> Model::find_secrets_anywhere(std::string_view name,
                                                              std::string_view environment) const {
  std::vector<const SecretRecord*> out;
  for_each_secret_named(name, [&](const SecretRecord& secret) {
    if (same_environment(secret.environment, environment)) out.push_back(&secret);
  });
  return out;
}

const UnrenderedObject* Model::unrendered_secret_in(std::string_view namespace_name,
                                                    std::string_view environment) const {
  static constexpr std::string_view kSecretKinds[] = {
      "Secret",    "SealedSecret", "ExternalSecret", "ClusterExternalSecret",
      "KafkaUser", "Kafka",        "Certificate"};
  for (const auto& object : unrendered) {
    if (!same_environment(object.environment, environment)) continue;
    bool may_be_secret = object.kind.empty();
    for (auto kind : kSecretKinds) may_be_secret = may_be_secret || object.kind == kind;
    if (!may_be_secret) continue;
    if (object.namespace_name.empty() || object.namespace_name == namespace_name) return &object;
  }
  return nullptr;
}

}  // namespace seldon_lint
