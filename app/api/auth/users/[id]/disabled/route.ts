import { z } from "zod";
import { setUserDisabled } from "@/lib/auth/users";
import { prisma } from "@/lib/db/client";
import { route } from "@/lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const Body = z.object({ disabled: z.boolean() });

/** Disables a user (ending their sessions; their API keys stop working) or enables them again. */
export const POST = route({ permission: "Administer", body: Body }, async ({ params, body, actor }) =>
  setUserDisabled(prisma, actor, params.id, body.disabled));
