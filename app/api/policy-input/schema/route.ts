import { jsonResponse } from "@/lib/http";
import { inputFields } from "@/lib/policy-input/fields";
import { policyInputJsonSchema } from "@/lib/policy-input/schema";

export const runtime = "nodejs";

export function GET(): Response {
  return jsonResponse({ schema: policyInputJsonSchema(), fields: inputFields() });
}
