// Seldon Core v2 objects: SeldonRuntime, Model, Pipeline, Experiment.
#include "linter/model/node_access.hpp"
#include "linter/model/objects/object_context.hpp"

namespace seldon_lint {

using yaml::Node;

// ---- Seldon resources ----------------------------------------------------
void visit_runtime(ObjectContext& ctx, const ObjectRef& obj) {
  RuntimeRecord runtime;
  runtime.name = scalar_at(obj.root, "metadata.name");
  runtime.namespace_name = ctx.namespace_of(obj);
  runtime.environment = ctx.model.files[obj.file].environment;
  runtime.location = location_at(obj.root, "metadata.name");
  runtime.namespace_location = location_at(obj.root, "metadata.namespace");
  if (!runtime.location.known()) runtime.location = first_key(*obj.root);
  ctx.add_placed(obj, std::move(runtime), ctx.model.runtimes);
}

void visit_seldon_resource(ObjectContext& ctx, const ObjectRef& obj) {
  SeldonResource resource;
  resource.kind = obj.kind;
  resource.name = scalar_at(obj.root, "metadata.name");
  resource.namespace_name = ctx.namespace_of(obj);
  resource.environment = ctx.model.files[obj.file].environment;
  resource.location = location_at(obj.root, "metadata.name");
  if (!resource.location.known()) resource.location = first_key(*obj.root);
  ctx.add_placed(obj, std::move(resource), ctx.model.resources);
}

}  // namespace seldon_lint
