/**
 * The builtins the editor offers, as plain data. Computed on the server (the policy editor page
 * passes it to the client as a prop) so the browser does not download the whole builtin
 * registry with re2js and yaml just to learn names and signatures.
 */
import { allBuiltins } from "@/lib/rego/builtins";
import { builtinDoc, formatSignature } from "./builtin-docs";

export interface EditorBuiltin {
  name: string;
  signature: string;
  doc?: string;
}

let cached: EditorBuiltin[] | undefined;

/** Every callable builtin, by name; operators (`plus`, `equal`) and `internal.*` are left out. */
export function editorBuiltins(): EditorBuiltin[] {
  if (!cached) {
    cached = [...allBuiltins()]
      .filter((def) => !def.infix && !def.name.startsWith("internal."))
      .map((def) => ({ name: def.name, signature: formatSignature(def.name, def.decl), doc: builtinDoc(def.name) }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }
  return cached;
}
