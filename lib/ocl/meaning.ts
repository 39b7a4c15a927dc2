import type { OclItem, OclValue } from "./types";

/**
 * The meaning of a document: what remains when positions, comments and layout are ignored.
 * Two documents that mean the same give deeply equal results (what a round trip must keep).
 */
export function oclMeaning(items: readonly OclItem[]): unknown[] {
  return items.flatMap((i) => {
    if (i.kind === "comment") return [];
    if (i.kind === "attribute") return [{ [i.name]: valueOf(i.value) }];
    return [{ block: i.type, labels: i.labels, body: oclMeaning(i.body) }];
  });
}

function valueOf(v: OclValue): unknown {
  return v.kind === "list" ? v.items.map(valueOf) : v.value;
}
