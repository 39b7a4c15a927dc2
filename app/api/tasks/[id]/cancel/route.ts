import { z } from "zod";
import { prisma } from "@/lib/db/client";
import { errorResponse, readJsonBody, resultResponse } from "@/lib/executions/http";
import { cancelTask } from "@/lib/executions/queue/cancel";

const body = z.object({ userId: z.string().min(1).optional() }).strict();

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  const json = await readJsonBody(request);
  if (!json.ok) return errorResponse(json.error);
  const parsed = body.safeParse(json.value);
  if (!parsed.success) return errorResponse({ code: "invalid_request", message: "The cancel request is invalid", details: { issues: parsed.error.issues } });
  return resultResponse(await cancelTask(prisma, id, parsed.data.userId));
}
