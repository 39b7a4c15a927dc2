import { prisma } from "@/lib/db/client";
import { route, withStatus } from "@/lib/http";
import { createRelease, createReleaseBody } from "@/lib/executions/create-release";

export const dynamic = "force-dynamic";

export const POST = route({ body: createReleaseBody, actor: true }, async ({ body, actor }) => withStatus(await createRelease(prisma, body, actor), 201));
