import type { DbOrTx } from "@/lib/db/client";
import { START_TRIGGERS, STEP_SOURCE_TYPES } from "@/lib/db/enums";
import type { ProcessSnapshot, SnapshotStep } from "@/lib/db/json";

type StepRow = {
  id: string;
  parentStepId: string | null;
  sortOrder: number;
  slug: string;
  name: string;
  actionType: string;
  enabled: boolean;
  isRequired: boolean;
  startTrigger: string;
  sourceType: string;
  sourceSlugOrId: string;
  sourceVersion: string | null;
  runCondition: string | null;
  packages: { name: string; packageId: string; feedId: string }[];
};

const oneOf = <T extends string>(values: readonly T[], value: string, what: string): T => {
  if ((values as readonly string[]).includes(value)) return value as T;
  throw new Error(`Step ${what} "${value}" is not one of ${values.join(", ")}`);
};

function toSnapshotStep(row: StepRow): Omit<SnapshotStep, "children"> {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    actionType: row.actionType,
    enabled: row.enabled,
    isRequired: row.isRequired,
    startTrigger: oneOf(START_TRIGGERS, row.startTrigger, "start trigger"),
    source: {
      type: oneOf(STEP_SOURCE_TYPES, row.sourceType, "source type"),
      slugOrId: row.sourceSlugOrId,
      ...(row.sourceVersion ? { version: row.sourceVersion } : {}),
    },
    packages: row.packages.map((p) => ({ name: p.name, packageId: p.packageId, feedId: p.feedId })),
    ...(row.runCondition ? { runCondition: row.runCondition } : {}),
  };
}

/** Copies a live process as releases and runbook snapshots keep it: top-level steps in order, each with its children. */
export async function snapshotProcess(db: DbOrTx, processId: string): Promise<ProcessSnapshot> {
  const rows: StepRow[] = await db.step.findMany({
    where: { processId },
    orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
    include: { packages: { orderBy: { id: "asc" } } },
  });
  return rows
    .filter((r) => r.parentStepId === null)
    .map((top) => ({ ...toSnapshotStep(top), children: rows.filter((r) => r.parentStepId === top.id).map(toSnapshotStep) }));
}

/** Every step of a snapshot in process order: each top-level step followed by its children. */
export function flattenSteps(snapshot: ProcessSnapshot): Omit<SnapshotStep, "children">[] {
  return snapshot.flatMap(({ children, ...top }) => [top, ...children]);
}
