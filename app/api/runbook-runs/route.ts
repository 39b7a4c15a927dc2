import { prisma } from "@/lib/db/client";
import { jsonPost } from "@/lib/executions/http";
import { startRunbookRun, type StartRunbookRunRequest } from "@/lib/executions/start-runbook-run";

/** Queues the run and answers 202 at once; follow it at /api/tasks/{taskId}. */
export const POST = jsonPost((body) => startRunbookRun(prisma, body as StartRunbookRunRequest), 202);
