import type { PolicyContext } from "./context";
import { fromHub, ok, type Result } from "./errors";

export type BranchView = { name: string; isDefault: boolean; commitId: string };

/** Branches of the repository with their head commits, the default branch first. */
export async function listBranches(ctx: PolicyContext): Promise<Result<{ defaultBranch: string; branches: BranchView[] }>> {
  const main = await ctx.hub.defaultBranch();
  if (!main.ok) return fromHub(main);
  const names = await ctx.hub.listBranches();
  if (!names.ok) return fromHub(names);
  const branches: BranchView[] = [];
  for (const name of names.value) {
    const head = await ctx.hub.headCommit(name);
    if (!head.ok) return fromHub(head);
    branches.push({ name, isDefault: name === main.value, commitId: head.value });
  }
  return ok({ defaultBranch: main.value, branches });
}

/** A new branch at the head of `from` (the default branch unless told otherwise). */
export async function createBranch(ctx: PolicyContext, name: string, from?: string): Promise<Result<{ name: string; commitId: string }>> {
  const main = await ctx.hub.defaultBranch();
  if (!main.ok) return fromHub(main);
  const created = await ctx.hub.createBranch(name, from ?? main.value);
  return created.ok ? ok({ name, commitId: created.value }) : fromHub(created);
}
