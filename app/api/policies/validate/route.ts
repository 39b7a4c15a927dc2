import { ok, route } from "@/lib/http";
import { checkPolicyDocument } from "@/lib/policies/lifecycle";
import { validateSchema } from "@/lib/policies/lifecycle/schemas";

export const runtime = "nodejs";

/** Diagnostics for unsaved text: touches neither the repository nor the database. */
export const POST = route({ body: validateSchema }, ({ body }) => ok({ problems: checkPolicyDocument(body.policy).problems }));
