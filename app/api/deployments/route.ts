import { prisma } from "@/lib/db/client";
import { jsonPost } from "@/lib/executions/http";
import { startDeployment, type StartDeploymentRequest } from "@/lib/executions/start-deployment";

/** Queues the deployment and answers 202 at once; follow it at /api/tasks/{taskId}. */
export const POST = jsonPost((body) => startDeployment(prisma, body as StartDeploymentRequest), 202);
