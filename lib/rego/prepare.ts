/** Inputs converted once for many evaluations. */
import { fromJSON } from "./value";

declare const preparedBrand: unique symbol;
/** An input converted once, usable in any number of `evalRule`/`query` calls (as `input`). */
export type PreparedInput = { readonly [preparedBrand]: true };

/**
 * Converts a JSON-like document once, for many evaluations on the same input (the gate evaluates
 * every policy on one input): passing the JSON itself converts it again on every call. Fields
 * convert lazily on first read and stay converted for later evaluations. The handle is opaque;
 * the document must not be mutated afterwards.
 */
export function prepareInput(json: unknown): PreparedInput {
  return fromJSON(json) as unknown as PreparedInput;
}
