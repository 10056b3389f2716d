#include <catch2/catch.hpp>

#include "linter/base/glob.hpp"
#include "linter/input/environment.hpp"

using namespace seldon_lint;

TEST_CASE("path segments name environments", "[environment]") {
  EnvironmentRules none;
  CHECK(classify_environment("clusters/prod-eu-1/seldon/values.yaml", none) == "production");
  CHECK(classify_environment("envs/production/values.yaml", none) == "production");
  CHECK(classify_environment("envs/live/values.yaml", none) == "production");
  CHECK(classify_environment("envs/prd_west/values.yaml", none) == "production");
  CHECK(classify_environment("envs/non-prod/values.yaml", none) == "staging");
  CHECK(classify_environment("envs/pre-prod/values.yaml", none) == "staging");
  CHECK(classify_environment("envs/preprod/values.yaml", none) == "staging");
  CHECK(classify_environment("clusters/staging/values.yaml", none) == "staging");
  CHECK(classify_environment("clusters/stg.eu/values.yaml", none) == "staging");
  CHECK(classify_environment("clusters/dev/values.yaml", none) == "dev");
  CHECK(classify_environment("overlays/development/values.yaml", none) == "development");
  CHECK(classify_environment("overlays/qa/values.yaml", none) == "qa");
  CHECK(classify_environment("overlays/UAT/values.yaml", none) == "uat");
  CHECK(classify_environment("apps/base/values.yaml", none) == "default");
  // The first segment that names one wins; the file name is not a segment.
  CHECK(classify_environment("dev/prod/values.yaml", none) == "dev");
  CHECK(classify_environment("apps/prod-values.yaml", none) == "default");
  // The two-token words pre-prod and non-prod inside a longer segment stay staging.
  CHECK(classify_environment("clusters/eu-pre-prod/values.yaml", none) == "staging");
  CHECK(classify_environment("clusters/non_prod-1/values.yaml", none) == "staging");
  CHECK(classify_environment("envs/pre-production/values.yaml", none) == "staging");
  CHECK(classify_environment("envs/prod-pre/values.yaml", none) == "production");
  // Words inside other words do not count.
  CHECK(classify_environment("products/devops/values.yaml", none) == "default");
}

TEST_CASE("configured globs win, in order", "[environment]") {
  EnvironmentRules rules;
  rules.globs.push_back({"production", {"clusters/eu-*/**"}});
  rules.globs.push_back({"staging", {"clusters/**"}});
  CHECK(classify_environment("clusters/eu-west/values.yaml", rules) == "production");
  CHECK(classify_environment("clusters/us/values.yaml", rules) == "staging");
  CHECK(classify_environment("envs/prod/values.yaml", rules) == "production");
}

TEST_CASE("globs: ** spans folders, * stays within one", "[glob]") {
  CHECK(glob_match("clusters/prod*/**", "clusters/prod-eu/a/b.yaml"));
  CHECK(glob_match("**/charts/**/templates/**", "vendor/charts/x/templates/a.yaml"));
  CHECK(glob_match("**/*.yaml", "a.yaml"));
  CHECK(glob_match("vendor/**", "vendor/x/y.yaml"));
  CHECK_FALSE(glob_match("clusters/*/values.yaml", "clusters/a/b/values.yaml"));
  CHECK(glob_match("clusters/*/values.yaml", "clusters/a/values.yaml"));
  CHECK(glob_match("a?c.yaml", "abc.yaml"));
  CHECK_FALSE(glob_match("a?c.yaml", "a/c.yaml"));
}
