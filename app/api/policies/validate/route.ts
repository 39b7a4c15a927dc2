import { lintPolicyDocument } from "@/lib/policies/lint";
import { ok, route } from "@/lib/http";
import { checkPolicyDocument } from "@/lib/policy-service";
import { validateSchema } from "@/lib/policy-service/schemas";

export const runtime = "nodejs";

/**
 * Diagnostics for unsaved text: touches neither the repository nor the database. Besides the
 * problems that block publishing it reports warnings (`severity: "warning"`) for refs into
 * `input` the input schema does not know and the other lint rules (lib/policies/lint), some with a quick fix.
 */
export const POST = route({ permission: "PlatformHubView", body: validateSchema }, ({ body }) =>
  ok({ problems: [...checkPolicyDocument(body.policy).problems, ...lintPolicyDocument(body.policy)] }),
);
