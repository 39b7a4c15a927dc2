import { prisma } from "@/lib/db/client";
import { route, withStatus } from "@/lib/http";
import { createRelease, createReleaseBody } from "@/lib/executions/create-release";
import { spaceOfProject } from "@/lib/auth/spaces";

export const dynamic = "force-dynamic";

export const POST = route({ permission: "Deploy", idempotent: true, body: createReleaseBody, space: ({ body }) => spaceOfProject(prisma, body.projectId) }, async ({ body, actor }) => withStatus(await createRelease(prisma, body, actor), 201));
