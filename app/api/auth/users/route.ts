import { z } from "zod";
import { createUser, listUsers, NewUserSchema } from "@/lib/auth/users";
import { prisma } from "@/lib/db/client";
import { fail, ok, route } from "@/lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = route({ permission: "Administer" }, async () => ok({ items: await listUsers(prisma) }));

const Body = NewUserSchema.extend({ roleIds: z.array(z.string()).default([]) });

export const POST = route({ permission: "Administer", body: Body }, async ({ body, actor }) => {
  const { roleIds, ...user } = body;
  const created = await createUser(prisma, actor, user, roleIds);
  return created.ok ? ok({ id: created.id }, 201) : fail(created.code, created.message, created.code === "conflict" ? 409 : 400);
});
