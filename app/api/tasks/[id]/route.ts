import { prisma } from "@/lib/db/client";
import { resultResponse, searchParamsObject } from "@/lib/executions/http";
import { getTaskWithLog } from "@/lib/executions/task-queries";

export const dynamic = "force-dynamic";

/** The task with its policy evaluations and log: ?level=Info&afterSeq=120&limit=500 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  return resultResponse(await getTaskWithLog(prisma, id, searchParamsObject(request)));
}
