#include "linter/parse/iac.hpp"

#include <algorithm>

#include "linter/base/text.hpp"

namespace seldon_lint {

void mark_dedicated(EventHubNamespace& ns, Location cluster_reference) {
  ns.sku = "Dedicated";
  ns.sku_location = cluster_reference;
  ns.capacity = 0;
  ns.capacity_location = Location{};  // the cluster's units are not declared here
}

Location iac_location(const SourceFile& file, FileId id, uint32_t begin, uint32_t end) {
  Location location;
  location.file = id;
  location.range.begin = position_at(file.text, file.line_starts, begin);
  location.range.end = position_at(file.text, file.line_starts, end);
  return location;
}

Position IacLocator::position(uint32_t offset) const {
  const std::string& text = file_.text;
  const auto& starts = file_.line_starts;
  if (offset > text.size()) offset = static_cast<uint32_t>(text.size());
  auto line = std::upper_bound(starts.begin(), starts.end(), offset);
  uint32_t line_start = line == starts.begin() ? 0 : *(line - 1);
  if (offset - line_start <= kShortLine) {
    steps_ += offset - line_start + 1;
    return position_at(text, starts, offset);
  }
  if (!index_) {
    steps_ += text.size();
    index_ = std::make_shared<const PositionIndex>(text, starts);
  }
  steps_ += kShortLine;  // at most one block of the index is scanned
  return index_->at(offset);
}

Location IacLocator::at(uint32_t begin, uint32_t end) const {
  Location location;
  location.file = id_;
  location.range.begin = position(begin);
  location.range.end = position(end);
  return location;
}

namespace {

// The rest of the line that holds `"$schema"`.
std::string_view schema_line(std::string_view text) {
  size_t schema = text.find("\"$schema\"");
  if (schema == std::string_view::npos) return {};
  size_t line_end = text.find('\n', schema);
  return text.substr(
      schema, line_end == std::string_view::npos ? std::string_view::npos : line_end - schema);
}

}  // namespace

bool is_arm_template_text(std::string_view text) {
  return schema_line(text).find("deploymentTemplate") != std::string_view::npos;
}

bool is_arm_parameters_text(std::string_view text) {
  return schema_line(text).find("deploymentParameters") != std::string_view::npos;
}

bool mentions_eventhub_namespace(const SourceFile& file) {
  if (file.text.empty() || file.line_starts.empty()) return false;
  switch (file.kind) {
    case FileKind::Terraform:
      return file.text.find("azurerm_eventhub_namespace") != std::string::npos ||
             contains_icase(file.text, "avm-res-eventhub-namespace");
    case FileKind::Bicep:
    case FileKind::ArmJson:
      return contains_icase(file.text, "Microsoft.EventHub/namespaces") ||
             contains_icase(file.text, "avm/res/event-hub/namespace");
    case FileKind::Yaml:
    case FileKind::HelmTemplate:
      break;
  }
  return false;
}

}  // namespace seldon_lint
