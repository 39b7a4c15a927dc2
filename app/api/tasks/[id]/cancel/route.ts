import { z } from "zod";
import { prisma } from "@/lib/db/client";
import { route } from "@/lib/http";
import { cancelTask } from "@/lib/executions/queue/cancel";
import { spaceOfTask } from "@/lib/auth/spaces";

export const dynamic = "force-dynamic";

/** The body is empty (or `{}`): who cancels is the acting user, never a field a caller writes. */
export const POST = route({ permission: "Deploy", body: z.object({}).strict(), space: ({ params }) => spaceOfTask(prisma, params.id) }, ({ params, actor }) => cancelTask(prisma, params.id, actor));
