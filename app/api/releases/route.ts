import { prisma } from "@/lib/db/client";
import { ok, route, withStatus } from "@/lib/http";
import { createRelease, createReleaseBody } from "@/lib/executions/create-release";
import { spaceOfProject } from "@/lib/auth/spaces";
import { releasePage, releasePageQuery } from "@/lib/projects/release-page";

export const dynamic = "force-dynamic";

export const POST = route({ permission: "Deploy", idempotent: true, body: createReleaseBody, space: ({ body }) => spaceOfProject(prisma, body.projectId) }, async ({ body, actor }) => withStatus(await createRelease(prisma, body, actor), 201));

/**
 * GET /api/releases?projectId=&q=&after=&limit=: a project's releases newest first, `{items, next}`;
 * `after=<next>` reads the page after, so the deploy dialog reaches releases older than the dashboard's.
 */
export const GET = route({ permission: "ProjectView", query: releasePageQuery, space: ({ query }) => spaceOfProject(prisma, query.projectId) }, async ({ query }) =>
  ok(await releasePage(prisma, query)),
);
