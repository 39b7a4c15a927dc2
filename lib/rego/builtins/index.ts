/**
 * Registers every builtin family. Each family module exports `builtins: BuiltinDef[]`;
 * add new families to this list.
 */
import { registerBuiltins } from "./registry";

const families: ReadonlyArray<{ builtins: readonly import("./registry").BuiltinDef[] }> = [];

for (const family of families) registerBuiltins(family.builtins);

export { lookupBuiltin, allBuiltins, BuiltinError, type BuiltinDef, type BuiltinContext, type BuiltinImpl } from "./registry";
export { T, type TypeSpec, type BuiltinDecl } from "./types";
