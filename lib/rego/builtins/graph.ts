/**
 * `graph.reachable` and `graph.reachable_paths` over an adjacency object (node -> array or set of
 * neighbours), following OPA's algorithms: a node counts as reached only when it is a key of the
 * graph, and a path stops where it meets a node already on the walk (or a node not in the graph).
 */
import { RSet, type RObject, type Value } from "../value";
import { argObject, operandTypeError } from "./args";
import type { BuiltinDef } from "./registry";
import { T } from "./types";

/** Members of an array or set of vertices; anything else has none (OPA's foreachVertex). */
const vertices = (v: Value): readonly Value[] => (Array.isArray(v) ? v : v instanceof RSet ? v.values() : []);

function initialNodes(v: Value): readonly Value[] {
  if (!Array.isArray(v) && !(v instanceof RSet)) throw operandTypeError(2, v, "array", "set");
  return vertices(v);
}

function reachable(graph: RObject, initial: readonly Value[]): RSet {
  const reached = new RSet();
  const queue = [...initial];
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i];
    const edges = graph.get(node);
    if (edges === undefined) continue;
    for (const n of vertices(edges)) if (!reached.has(n)) queue.push(n);
    reached.add(node);
  }
  return reached;
}

/**
 * OPA's pathBuilder, including its quirks: `reached` is shared by sibling branches, and a node
 * meeting several reached neighbours emits its path repeated once more each time.
 */
function buildPaths(graph: RObject, root: Value, path: readonly Value[], out: Value[], reached: RSet): void {
  const edges = graph.get(root);
  if (edges === undefined) {
    out.push(path);
    return;
  }
  const here = [...path, root];
  const next = vertices(edges);
  if (next.length === 0) {
    out.push(here);
    return;
  }
  let repeated: Value[] = [];
  for (const n of next) {
    if (reached.has(n)) {
      repeated = [...repeated, ...here];
      out.push(repeated);
    } else {
      reached.add(root);
      buildPaths(graph, n, here, out, reached);
    }
  }
}

const graphType = T.object(T.any, T.union(T.array(), T.set()));
const nodesType = T.union(T.array(), T.set());

export const builtins: BuiltinDef[] = [
  {
    name: "graph.reachable",
    decl: { args: [graphType, nodesType], result: T.set() },
    impl: (args) => {
      const graph = argObject(args, 0);
      return reachable(graph, initialNodes(args[1]));
    },
  },
  {
    name: "graph.reachable_paths",
    decl: { args: [graphType, nodesType], result: T.set(T.array()) },
    impl: (args) => {
      const graph = argObject(args, 0);
      const out: Value[] = [];
      for (const node of initialNodes(args[1])) {
        const edges = graph.get(node);
        if (edges === undefined) continue;
        const next = vertices(edges);
        if (next.length === 0) out.push([node]);
        for (const n of next) buildPaths(graph, n, [node], out, RSet.of([node]));
      }
      return RSet.of(out);
    },
  },
];
