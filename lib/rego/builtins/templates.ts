/**
 * Templating builtins: `strings.render_template` (Go's text/template, see `gotemplate.ts`) and
 * `internal.template_string`, what OPA compiles a template string `$"...{x}..."` into: each
 * element is a set holding the value of one part (empty when undefined), printed as `print`
 * prints (strings raw, other values as Rego text, `<undefined>`).
 */
import { RSet, typeName, type Value } from "../value";
import { argArray, argObject, argString, builtinError } from "./args";
import { renderGoTemplate, toTemplateData } from "./gotemplate";
import type { BuiltinDef } from "./registry";
import { regoText } from "./sprintf";
import { T } from "./types";

function templateString(args: readonly Value[]): string {
  let out = "";
  for (const part of argArray(args, 0)) {
    if (!(part instanceof RSet)) throw builtinError(`illegal argument type: ${typeName(part)}`);
    if (part.size > 1) throw builtinError("template-strings must not produce multiple outputs");
    const v = part.values()[0];
    out += v === undefined ? "<undefined>" : typeof v === "string" ? v : regoText(v);
  }
  return out;
}

export const builtins: BuiltinDef[] = [
  {
    name: "strings.render_template",
    decl: { args: [T.string, T.object(T.string, T.any)], result: T.string },
    impl: (args) => {
      const src = argString(args, 0);
      const vars = argObject(args, 1);
      return renderGoTemplate(src, toTemplateData(vars));
    },
  },
  {
    name: "internal.template_string",
    decl: { args: [T.array()], result: T.string },
    impl: templateString,
  },
];
