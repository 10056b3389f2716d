#include <set>
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

Watch watched_by(const std::vector<Controller>& all, const RuntimeRecord& runtime,
                 std::vector<const Release*>& controllers) {
  Watch w;
  for (const auto& controller : all) {
    const Release& release = *controller.release;
    if (!Model::same_environment(release.environment, runtime.environment)) continue;
    controllers.push_back(&release);
    if (release.namespace_name.empty()) {
      w.unknown = true;
      continue;
    }
    if (release.namespace_name == runtime.namespace_name) {
      w.watched = true;
      continue;
    }
    if (!controller.clusterwide) continue;
    if (controller.namespaces.empty()) {
      w.watched = true;
      continue;
    }
    for (const auto& ns : controller.namespaces) {
      if (ns == runtime.namespace_name || ns.find("${") != std::string::npos) w.watched = true;
    }
  }
  return w;
}

void check(const Model& model, Reporter& out) {
  std::set<std::tuple<FileId, uint32_t, std::string>> seen;
  const std::vector<Controller> all = controllers_of(model);
  for (const auto& runtime : model.runtimes) {
    if (runtime.namespace_name.empty()) continue;
    std::vector<const Release*> controllers;
    Watch w = watched_by(all, runtime, controllers);
    if (w.watched || w.unknown || controllers.empty()) continue;
    Location where =
        runtime.namespace_location.known() ? runtime.namespace_location : runtime.location;
    auto id = std::make_tuple(where.file, where.range.begin.offset, runtime.namespace_name);
    if (!seen.insert(id).second) continue;
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
