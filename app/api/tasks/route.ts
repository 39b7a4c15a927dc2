import { prisma } from "@/lib/db/client";
import { route } from "@/lib/http";
import { listTasks, taskListFilters } from "@/lib/executions/task-queries";

export const dynamic = "force-dynamic";

/** ?spaceId=&projectId=&environmentId=&tenantId=&state=Queued,Executing&kind=Deploy&pageSize=&cursor=&direction=older|newer (cursors are the older/newer a page hands out) */
export const GET = route({ permission: "ProjectView", query: taskListFilters }, ({ query }) => listTasks(prisma, query));
