import { cookies } from "next/headers";
import { cache } from "react";
import { prisma } from "@/lib/db/client";
import { chooseSpace } from "./choose";

export const SPACE_COOKIE = "policy-hub-space";

export type SpaceSummary = Awaited<ReturnType<typeof listSpaces>>[number];

/** Cached per request: the layout and the page both ask. */
export const listSpaces = cache(() =>
  prisma.space.findMany({
    orderBy: [{ isDefault: "desc" }, { name: "asc" }],
    select: { id: true, name: true, slug: true, isDefault: true },
  }),
);

/** All spaces and the one the visitor is working in (remembered in a cookie). */
export const currentSpace = cache(async () => {
  const spaces = await listSpaces();
  const chosen = (await cookies()).get(SPACE_COOKIE)?.value;
  return { spaces, current: chooseSpace(spaces, chosen) };
});
