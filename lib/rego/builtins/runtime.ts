/**
 * Engine-level builtins that touch the outside world. This engine evaluates
 * policies offline on deployment data, so `http.send` is declared (policies that mock it with
 * `with ... as ...` compile and run, as in OPA's tests) but fails with `eval_builtin_error` when
 * really called (undefined unless builtin errors are strict);
 * `opa.runtime` reports an empty runtime document.
 */
import { RObject } from "../value";
import { builtinError } from "./args";
import type { BuiltinDef } from "./registry";
import { T } from "./types";

export const builtins: BuiltinDef[] = [
  {
    name: "http.send",
    decl: { args: [T.object(T.string, T.any)], result: T.object(T.any, T.any) },
    nondeterministic: true,
    impl: () => {
      throw builtinError("network access is not supported by this engine (mock http.send with `with`)");
    },
  },
  {
    name: "opa.runtime",
    decl: { args: [], result: T.object(T.string, T.any) },
    impl: () => new RObject(),
  },
  {
    name: "trace",
    decl: { args: [T.string], result: T.boolean },
    impl: () => true,
  },
];
