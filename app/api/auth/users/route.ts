import { z } from "zod";
import { createUser, listUsers, NewUserSchema } from "@/lib/auth/users";
import { prisma } from "@/lib/db/client";
import { ok, route, withStatus } from "@/lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = route({ permission: "Administer" }, async () => ok({ items: await listUsers(prisma) }));

const Body = NewUserSchema.extend({ roleIds: z.array(z.string()).default([]) });

export const POST = route({ permission: "Administer", body: Body }, async ({ body, actor }) => {
  const { roleIds, ...user } = body;
  return withStatus(await createUser(prisma, actor, user, roleIds), 201);
});
