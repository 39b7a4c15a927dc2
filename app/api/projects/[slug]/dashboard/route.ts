import { z } from "zod";
import { prisma } from "@/lib/db/client";
import { getProjectDashboardState } from "@/lib/executions/dashboard";
import { route } from "@/lib/http";

export const dynamic = "force-dynamic";

/** Latest executions per environment and tenant with their policy violations; ?spaceId= picks the space. */
export const GET = route({ permission: "ProjectView", query: z.object({ spaceId: z.string().min(1).optional() }), space: ({ query }) => query.spaceId ?? null }, async ({ params, query }) =>
  getProjectDashboardState(prisma, { slug: params.slug, spaceId: query.spaceId }),
);
