import { prisma } from "@/lib/db/client";
import { route } from "@/lib/http";
import { getTaskWithLog, taskLogQuery } from "@/lib/executions/task-queries";

export const dynamic = "force-dynamic";

/** The task with its policy evaluations and log: ?level=Info&afterSeq=120&limit=500 */
export const GET = route({ query: taskLogQuery }, ({ params, query }) => getTaskWithLog(prisma, params.id, query));
