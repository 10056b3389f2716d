#include <algorithm>
#include <iterator>
#include <map>
#include <set>
#include <string_view>
#include <tuple>

#include "linter/base/text.hpp"
#include "rules/rule_support.hpp"

namespace seldon_lint {
namespace {

struct Watch {
  bool watched = false;
  bool unknown = false;  // some controller's namespace is unknown: cannot tell
};

// What a release's controller watches, read once per release (the check
// below pairs every runtime with every release).
struct Controller {
  const Release* release = nullptr;
  bool clusterwide = false;
  std::vector<std::string> namespaces;  // controller.watchNamespaces
};

std::vector<Controller> controllers_of(const Model& model) {
  std::vector<Controller> out;
  for (const auto& release : model.releases) {
    // Unknown is not absent: a value an unreadable layer could set is not judged.
    if (!release.known_all({"controller.clusterwide", "controller.watchNamespaces"})) continue;
    Controller c;
    c.release = &release;
    c.clusterwide = yaml::is_true(release.value("controller.clusterwide"));
    const yaml::Node* list = release.value("controller.watchNamespaces");
    if (list != nullptr && list->is_seq()) {
      for (const auto& item : list->items) {
        if (item.is_scalar()) c.namespaces.push_back(item.scalar);
      }
    } else if (list != nullptr && list->is_scalar()) {
      for (auto part : split(list->scalar, ',')) {
        if (!trim(part).empty()) c.namespaces.emplace_back(trim(part));
      }
    }
    out.push_back(std::move(c));
  }
  return out;
}

// The controllers of each environment, in release order, with what they
// watch together: a runtime is only paired with those of its own environment
// and the shared `default` ones (Model::same_environment), and is judged
// against their summary, not against every release of the repository.
class ControllersByEnvironment {
 public:
  explicit ControllersByEnvironment(std::vector<Controller> all) : all_(std::move(all)) {
    for (size_t i = 0; i < all_.size(); ++i) {
      Environment& environment = by_environment_[all_[i].release->environment];
      environment.controllers.push_back(i);
      environment.add(all_[i]);
    }
  }

  // Whether the controllers in `runtime`'s environment watch its namespace;
  // `any` is false when there is no such controller.
  Watch watch(const RuntimeRecord& runtime, bool& any) const {
    Watch w;
    any = false;
    for (const auto& [name, environment] : by_environment_) {
      if (!Model::same_environment(name, runtime.environment)) continue;
      any = true;
      w.unknown = w.unknown || environment.unknown;
      w.watched = w.watched || environment.all_namespaces ||
                  environment.namespaces.count(runtime.namespace_name) != 0;
    }
    return w;
  }

  // The releases of the controllers in `environment`'s environment, in release order.
  std::vector<const Release*> releases(std::string_view environment) const {
    std::vector<size_t> indexes;
    for (const auto& [name, group] : by_environment_) {
      if (!Model::same_environment(name, environment)) continue;
      std::vector<size_t> merged;
      std::merge(indexes.begin(), indexes.end(), group.controllers.begin(), group.controllers.end(),
                 std::back_inserter(merged));
      indexes = std::move(merged);
    }
    std::vector<const Release*> out;
    out.reserve(indexes.size());
    for (size_t i : indexes) out.push_back(all_[i].release);
    return out;
  }

 private:
  struct Environment {
    std::vector<size_t> controllers;  // into all_
    bool unknown = false;             // a release whose namespace is unknown: cannot tell
    bool all_namespaces = false;  // clusterwide without a list, or a list entry to be substituted
    std::set<std::string, std::less<>> namespaces;  // the releases' own and the listed ones

    void add(const Controller& controller) {
      const Release& release = *controller.release;
      if (release.namespace_name.empty()) {
        unknown = true;
        return;
      }
      namespaces.insert(release.namespace_name);
      if (!controller.clusterwide) return;
      if (controller.namespaces.empty()) all_namespaces = true;
      for (const auto& ns : controller.namespaces) {
        if (ns.find("${") != std::string::npos) {
          all_namespaces = true;
        } else {
          namespaces.insert(ns);
        }
      }
    }
  };

  std::vector<Controller> all_;
  std::map<std::string, Environment, std::less<>> by_environment_;
};

void check(const Model& model, Reporter& out) {
  std::set<std::tuple<FileId, uint32_t, std::string>> seen;
  const ControllersByEnvironment all(controllers_of(model));
  for (const auto& runtime : model.runtimes) {
    if (runtime.namespace_name.empty()) continue;
    bool any = false;
    Watch w = all.watch(runtime, any);
    if (w.watched || w.unknown || !any) continue;
    Location where =
        runtime.namespace_location.known() ? runtime.namespace_location : runtime.location;
    auto id = std::make_tuple(where.file, where.range.begin.offset, runtime.namespace_name);
    if (!seen.insert(id).second) continue;
    const std::vector<const Release*> controllers = all.releases(runtime.environment);
    const Release& first = *controllers.front();
    bool clusterwide = yaml::is_true(first.value("controller.clusterwide"));
    std::string detail;
    if (!clusterwide) {
      detail = fmt::format(
          "the controller of {} watches only its own namespace '{}' "
          "(controller.clusterwide is false)",
          describe_release(first), first.namespace_name);
      const yaml::Node* list = first.value("controller.watchNamespaces");
      if (list != nullptr && !list->is_null()) {
        detail += "; controller.watchNamespaces is set but ignored while clusterwide is false";
      }
    } else {
      detail = fmt::format(
          "the controller of {} watches only controller.watchNamespaces and "
          "'{}'",
          describe_release(first), first.namespace_name);
    }
    Finding finding = out.finding(
        fmt::format("SeldonRuntime '{}' in namespace '{}' is not watched: {}; set "
                    "controller.clusterwide: true (and add '{}' to controller.watchNamespaces "
                    "if you list them) or move the runtime",
                    runtime.name, runtime.namespace_name, detail, runtime.namespace_name),
        where, fmt::format("runtime-namespace={}", runtime.namespace_name));
    for (const Release* release : controllers) {
      Location cw = release->locate("controller.clusterwide");
      finding.related.push_back(
          {cw.known() ? cw : release->location,
           fmt::format(
               "{}: controller.clusterwide is {}", describe_release(*release),
               yaml::is_true(release->value("controller.clusterwide")) ? "true" : "false")});
    }
    out.add(std::move(finding), runtime);
  }
}

}  // namespace

std::unique_ptr<Rule> make_RuntimeNamespaceNotWatched() {
  return std::make_unique<FunctionRule>(rule_info("SL504"), check);
}

}  // namespace seldon_lint
