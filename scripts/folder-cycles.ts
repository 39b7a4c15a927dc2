/**
 * Part of npm run lint: fails when folders under lib/ import each other in a loop. The ESLint
 * layer rule only stops imports up the layers; folders that share a layer (lib/executions and
 * lib/exemptions, say) may import each other, and this catches them doing so both ways. Folders
 * are compared with their siblings at every depth (lib/audit with lib/auth, lib/audit/query with
 * lib/audit/export); tests are left out, as the layer rule leaves them out.
 */
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

const ROOT = path.resolve(__dirname, "..");
const SOURCE = /\.(ts|tsx|mts)$/;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name.startsWith("generated") ? [] : sourceFiles(file);
    return SOURCE.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [file] : [];
  });
}

function importedModules(file: string): string[] {
  const modules: string[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      modules.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      modules.push(node.arguments[0].text);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      modules.push(node.argument.literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest));
  return modules;
}

/** The path under the root an app import points at, or null for a package. */
function target(module: string, from: string): string | null {
  if (module.startsWith("@/")) return module.slice(2);
  if (module.startsWith(".")) return path.relative(ROOT, path.resolve(path.dirname(from), module));
  return null;
}

/** Per parent folder: child folder -> child folders it imports from -> one import showing it. */
const edges = new Map<string, Map<string, Map<string, string>>>();
for (const file of sourceFiles(path.join(ROOT, "lib"))) {
  const from = path.relative(ROOT, file).split(path.sep);
  for (const module of importedModules(file)) {
    const to = target(module, file)?.split("/");
    if (!to || to[0] !== "lib") continue;
    let depth = 0;
    while (depth < from.length - 1 && depth < to.length - 1 && from[depth] === to[depth]) depth++;
    // A file directly in the shared folder is not in a sibling folder; nor is an import of the folder itself.
    if (depth >= from.length - 1 || depth >= to.length - 1) continue;
    const parent = from.slice(0, depth).join("/");
    const children = edges.get(parent) ?? edges.set(parent, new Map()).get(parent)!;
    const targets = children.get(from[depth]) ?? children.set(from[depth], new Map()).get(from[depth])!;
    if (!targets.has(to[depth])) targets.set(to[depth], `${from.join("/")} imports ${module}`);
  }
}

/** Folders that reach each other (Tarjan's strongly connected components of more than one). */
function loops(graph: Map<string, Map<string, string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    for (const next of graph.get(node)?.keys() ?? []) {
      if (!index.has(next)) visit(next);
      if (stack.includes(next)) low.set(node, Math.min(low.get(node)!, low.get(next)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const component = stack.splice(stack.indexOf(node));
    if (component.length > 1) found.push(component);
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

let failed = false;
for (const [parent, graph] of edges) {
  for (const component of loops(graph)) {
    failed = true;
    console.error(`Folders in ${parent}/ import each other: ${component.join(", ")}`);
    for (const from of component) {
      for (const [to, example] of graph.get(from) ?? []) if (component.includes(to)) console.error(`  ${from} -> ${to}: ${example}`);
    }
  }
}
if (failed) process.exit(1);
