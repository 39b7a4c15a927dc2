import type { PolicyDocument } from "./document";
import { withPackage } from "./rego-outline";

/** A new policy from a starter: its content under a new name and slug, with every package renamed to the slug. */
export function policyFromStarter(starter: PolicyDocument, name: string, slug: string): PolicyDocument {
  return {
    ...starter,
    slug,
    name,
    scopeRego: withPackage(starter.scopeRego, slug),
    conditionsRego: withPackage(starter.conditionsRego, slug),
    ...(starter.testsRego === undefined ? {} : { testsRego: withPackage(starter.testsRego, slug) }),
  };
}
