import { prisma } from "@/lib/db/client";
import { getProjectDashboardState } from "@/lib/executions/dashboard";
import { resultResponse } from "@/lib/executions/http";

export const dynamic = "force-dynamic";

/** Latest executions per environment and tenant with their policy violations; ?spaceId= picks the space. */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  const { slug } = await params;
  const spaceId = new URL(request.url).searchParams.get("spaceId") ?? undefined;
  return resultResponse(await getProjectDashboardState(prisma, { slug, spaceId }));
}
