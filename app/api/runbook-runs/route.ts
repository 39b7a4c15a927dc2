import { prisma } from "@/lib/db/client";
import { route, withStatus } from "@/lib/http";
import { startRunbookRun, startRunbookRunBody } from "@/lib/executions/start-runbook-run";
import { spaceOfRunbook } from "@/lib/auth/spaces";

export const dynamic = "force-dynamic";

/** Queues the run and answers 202 at once; follow it at /api/tasks/{taskId}. */
export const POST = route({ permission: "Deploy", idempotent: true, body: startRunbookRunBody, space: ({ body }) => spaceOfRunbook(prisma, body.runbookId) }, async ({ body, actor }) => withStatus(await startRunbookRun(prisma, body, actor), 202));
