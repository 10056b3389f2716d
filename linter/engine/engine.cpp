#include "linter/engine/engine.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <tuple>

#include "linter/base/text.hpp"
#include "linter/base/thread_pool.hpp"

namespace seldon_lint {
namespace {

bool any_selector_matches(const RuleInfo& rule, const std::vector<std::string>& selectors) {
  return std::any_of(selectors.begin(), selectors.end(),
                     [&](const std::string& s) { return selector_matches(rule, s); });
}

uint64_t fnv1a(std::string_view text, uint64_t hash = 1469598103934665603ull) {
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hash;
}

}  // namespace

// Ids and names are matched case-insensitively everywhere (--select,
// --ignore, config `rules:`, suppressions, explain): `sl101` is clear.
static bool equals_icase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

bool selector_matches(const RuleInfo& rule, const std::string& selector) {
  if (equals_icase(selector, rule.id) || equals_icase(selector, rule.name)) return true;
  // Group prefixes: "SL3", "SL30".
  return selector.size() >= 3 && selector.size() < rule.id.size() &&
         equals_icase(std::string_view(rule.id).substr(0, selector.size()), selector);
}

static int selector_specificity(const RuleInfo& rule, const std::string& selector) {
  if (!selector_matches(rule, selector)) return -1;
  if (equals_icase(selector, rule.id) || equals_icase(selector, rule.name)) return 1000;
  return static_cast<int>(selector.size());  // a longer prefix is more specific
}

const Severity* configured_severity(const RuleInfo& rule, const RuleSelection& selection) {
  const Severity* out = nullptr;
  int best = -1;
  for (const auto& [key, value] : selection.severity) {
    int specificity = selector_specificity(rule, key);
    if (specificity > best) {
      best = specificity;
      out = &value;
    }
  }
  return out;
}

const RuleInfo* find_rule(const std::vector<std::unique_ptr<Rule>>& rules,
                          const std::string& id_or_name) {
  for (const auto& rule : rules) {
    if (equals_icase(rule->info().id, id_or_name) || equals_icase(rule->info().name, id_or_name))
      return &rule->info();
  }
  return nullptr;
}

std::vector<Finding> run_rules(const Model& model, const std::vector<std::unique_ptr<Rule>>& rules,
                               const RuleSelection& selection, unsigned jobs) {
  struct Job {
    const Rule* rule;
    Severity severity;
    bool overridden;  // a configured severity replaces per-finding ones
    std::vector<Finding> produced;
  };
  std::vector<Job> work;
  for (const auto& rule : rules) {
    const RuleInfo& info = rule->info();
    if (!selection.select.empty() && !any_selector_matches(info, selection.select)) continue;
    if (any_selector_matches(info, selection.ignore)) continue;
    Job job{rule.get(), info.severity, false, {}};
    if (const Severity* configured = configured_severity(info, selection)) {
      job.severity = *configured;
      job.overridden = true;
    }
    if (job.severity != Severity::Off) work.push_back(std::move(job));
  }
  // Rules only read the model: run them side by side, collect in rule order.
  const bool timing = std::getenv("SELDON_LINT_TIMING") != nullptr;
  std::vector<double> took(work.size());
  parallel_for(work.size(), jobs, [&](size_t i, unsigned) {
    auto start = std::chrono::steady_clock::now();
    Reporter out(work[i].rule->info(), work[i].produced);
    work[i].rule->check(model, out);
    took[i] =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  });
  if (timing) {
    for (size_t i = 0; i < work.size(); ++i) {
      if (took[i] >= 1.0) {
        std::fprintf(stderr, "seldon-lint:   %s %7.1f ms\n", work[i].rule->info().id.c_str(),
                     took[i]);
      }
    }
  }
  std::vector<Finding> findings;
  for (auto& job : work) {
    for (auto& finding : job.produced) {
      // A rule may raise or lower one finding (SL405 is an error on Confluent
      // Cloud); a configured severity applies to all of its findings.
      if (job.overridden) finding.severity = job.severity;
      if (finding.environment.empty() && finding.location.known()) {
        finding.environment = model.files[finding.location.file].environment;
      }
      findings.push_back(std::move(finding));
    }
  }
  return findings;
}

void assign_fingerprints(std::vector<Finding>& findings, const Model& model) {
  // Equal content in one file gets an occurrence number, so fingerprints stay unique.
  std::map<uint64_t, int> seen;
  for (auto& finding : findings) {
    std::string path =
        finding.location.known() ? model.files[finding.location.file].path : std::string();
    uint64_t hash = fnv1a(finding.rule_id);
    hash = fnv1a("\x1f", hash);
    hash = fnv1a(path, hash);
    hash = fnv1a("\x1f", hash);
    hash = fnv1a(finding.identity.empty() ? finding.message : finding.identity, hash);
    int occurrence = seen[hash]++;
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%016llx:%d", static_cast<unsigned long long>(hash),
                  occurrence + 1);
    finding.fingerprint = buffer;
  }
}

void sort_findings(std::vector<Finding>& findings, const Model& model) {
  auto key = [&](const Finding& f) {
    const std::string* path = f.location.known() ? &model.files[f.location.file].path : nullptr;
    return std::make_tuple(path == nullptr ? std::string() : *path, f.location.range.begin.line,
                           f.location.range.begin.column, f.rule_id, f.message);
  };
  std::stable_sort(findings.begin(), findings.end(),
                   [&](const Finding& a, const Finding& b) { return key(a) < key(b); });
}

}  // namespace seldon_lint
