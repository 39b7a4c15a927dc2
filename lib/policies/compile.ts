import { compile, type CompiledPolicy, type RegoError } from "@/lib/rego";
import { REGO_BLOCKS, type PolicyProblem, type RegoBlock } from "./document";
import { fileLocationInModule, type PolicyFileRead } from "./read";

export type PolicyCompileResult = { ok: true; policy: CompiledPolicy } | { ok: false; problems: PolicyProblem[] };

const moduleFile = (block: RegoBlock) => `${block}.rego`;

/** Compiles both Rego modules of a policy together (they share one package) and reports errors at file positions. */
export function compilePolicyModules(file: string, read: PolicyFileRead): PolicyCompileResult {
  const blocks = (Object.keys(REGO_BLOCKS) as RegoBlock[]).filter((b) => read.modules[b]);
  const result = compile(blocks.map((b) => ({ file: moduleFile(b), source: read.modules[b]!.value.value })));
  if (result.ok) return { ok: true, policy: result.policy };
  return { ok: false, problems: result.errors.map((e: RegoError) => toProblem(file, read, blocks, e)) };
}

function toProblem(file: string, read: PolicyFileRead, blocks: RegoBlock[], error: RegoError): PolicyProblem {
  const block = blocks.find((b) => moduleFile(b) === error.location?.file);
  const module = block && read.modules[block];
  const at = module && error.location ? fileLocationInModule(module, error.location.row, error.location.col) : { line: 1, column: 1 };
  const where = block ? ` in the ${block} Rego` : "";
  return { code: error.code, message: `Rego error${where}: ${error.message}`, file, ...at };
}
