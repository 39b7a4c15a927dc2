import { prisma } from "@/lib/db/client";
import { route } from "@/lib/http";
import { getTaskWithLog, taskLogQuery } from "@/lib/executions/task-queries";
import { spaceOfTask } from "@/lib/auth/spaces";

export const dynamic = "force-dynamic";

/** The task with its policy evaluations and log: ?level=Info&afterSeq=120&limit=500 */
export const GET = route({ permission: "ProjectView", query: taskLogQuery, space: ({ params }) => spaceOfTask(prisma, params.id) }, ({ params, query }) => getTaskWithLog(prisma, params.id, query));
