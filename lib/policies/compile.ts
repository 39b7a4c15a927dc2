import { compile, type CompiledPolicy, type ModuleSource, type RegoError } from "@/lib/rego";
import { REGO_BLOCKS, TESTS_BLOCK, type PolicyProblem, type RegoBlock } from "./document";
import { fileLocationInModule, type PolicyFileRead, type RegoModuleLocation } from "./read";

export type PolicyCompileResult = { ok: true; policy: CompiledPolicy } | { ok: false; problems: PolicyProblem[] };

/** The block a module comes from: scope, conditions, or tests. */
export type PolicyModuleBlock = RegoBlock | typeof TESTS_BLOCK;

export const moduleFile = (block: PolicyModuleBlock) => `${block}.rego`;

/** The Rego modules of a policy file, by block; the tests module only when asked for (the gate never compiles it). */
export function policyModules(read: PolicyFileRead, options: { withTests?: boolean } = {}): { block: PolicyModuleBlock; module: Pick<RegoModuleLocation, "value"> }[] {
  const modules: { block: PolicyModuleBlock; module: Pick<RegoModuleLocation, "value"> }[] = (Object.keys(REGO_BLOCKS) as RegoBlock[]).flatMap((b) =>
    read.modules[b] ? [{ block: b, module: read.modules[b] }] : [],
  );
  if (options.withTests && read.tests) modules.push({ block: TESTS_BLOCK, module: read.tests });
  return modules;
}

/** The modules as the engine compiles them: one source per block, named `<block>.rego`. */
export function policyModuleSources(read: PolicyFileRead, options: { withTests?: boolean } = {}): ModuleSource[] {
  return policyModules(read, options).map(({ block, module }) => ({ file: moduleFile(block), source: module.value.value }));
}

/**
 * Compiles the Rego modules of a policy together (they share one package) and reports errors at
 * file positions. With `withTests`, the tests block is compiled along, as the test runner does.
 */
export function compilePolicyModules(file: string, read: PolicyFileRead, options: { withTests?: boolean } = {}): PolicyCompileResult {
  const result = compile(policyModuleSources(read, options));
  if (result.ok) return { ok: true, policy: result.policy };
  return { ok: false, problems: result.errors.map((e: RegoError) => regoErrorProblem(file, read, e)) };
}

/** A Rego error as a problem of the policy file, at the file position of the module it points into. */
export function regoErrorProblem(file: string, read: PolicyFileRead, error: RegoError): PolicyProblem {
  const at = moduleFilePosition(read, error.location);
  const where = at ? ` in the ${at.block} Rego` : "";
  return { code: error.code, message: `Rego error${where}: ${error.message}`, file, ...(at ? { line: at.line, column: at.column } : { line: 1, column: 1 }) };
}

/** The file position of an engine location (`<block>.rego`, row, col), or undefined when it is in no module of the file. */
export function moduleFilePosition(read: PolicyFileRead, location: RegoError["location"]): { block: PolicyModuleBlock; line: number; column: number } | undefined {
  if (!location) return undefined;
  const found = policyModules(read, { withTests: true }).find(({ block }) => moduleFile(block) === location.file);
  return found && { block: found.block, ...fileLocationInModule(found.module, location.row, location.col) };
}
