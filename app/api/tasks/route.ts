import { prisma } from "@/lib/db/client";
import { resultResponse, searchParamsObject } from "@/lib/executions/http";
import { listTasks } from "@/lib/executions/task-queries";

export const dynamic = "force-dynamic";

/** ?spaceId=&projectId=&environmentId=&tenantId=&state=Queued,Executing&kind=Deploy&page=&pageSize= */
export async function GET(request: Request): Promise<Response> {
  return resultResponse(await listTasks(prisma, searchParamsObject(request)));
}
