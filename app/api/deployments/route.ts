import { prisma } from "@/lib/db/client";
import { route, withStatus } from "@/lib/http";
import { startDeployment, startDeploymentBody } from "@/lib/executions/start-deployment";
import { spaceOfRelease } from "@/lib/auth/spaces";

export const dynamic = "force-dynamic";

/** Queues the deployment and answers 202 at once; follow it at /api/tasks/{taskId}. */
export const POST = route({ permission: "Deploy", idempotent: true, body: startDeploymentBody, space: ({ body }) => spaceOfRelease(prisma, body.releaseId) }, async ({ body, actor }) => withStatus(await startDeployment(prisma, body, actor), 202));
