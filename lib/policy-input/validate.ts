/** Validates an input object against the checked-in JSON Schema (not the zod source), so the file is what is tested. */
import Ajv2020, { type ErrorObject } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import schema from "./input.schema.json";

const ajv = new Ajv2020({ allErrors: true, strict: false });
// Step ids carry `format: "uuid"`; without the formats ajv would warn and skip them.
addFormats(ajv);
const validator = ajv.compile(schema);

export function validatePolicyInput(input: unknown): { ok: true } | { ok: false; errors: string[] } {
  if (validator(input)) return { ok: true };
  const errors = (validator.errors ?? []).map((e: ErrorObject) => `${e.instancePath || "/"} ${e.message ?? "is invalid"}`);
  return { ok: false, errors };
}
