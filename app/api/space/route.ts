import { NextResponse } from "next/server";
import { z } from "zod";
import { fail, route } from "@/lib/http";
import { SPACE_COOKIE, listSpaces } from "@/lib/spaces/current";

const switchSpaceForm = z.object({
  space: z.string().min(1),
  // Only paths inside this app, so the form cannot be used to redirect elsewhere.
  returnTo: z.string().regex(/^\/(?!\/)/).catch("/projects"),
});

/** The space switcher's form target: remembers the choice and goes back where the visitor was. */
export const POST = route({ permission: "signedIn" }, async ({ request }) => {
  // A form post; anything else (a JSON body) is a client mistake, not a server error.
  const form = await request.formData().catch(() => null);
  if (!form) return fail("invalid_request", "Send the space switcher's form (application/x-www-form-urlencoded or multipart/form-data)", 400);
  const parsed = switchSpaceForm.safeParse(Object.fromEntries(form));
  if (!parsed.success) return fail("invalid_request", "Choose a space", { issues: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) }, 400);
  const spaces = await listSpaces();
  if (!spaces.some((s) => s.slug === parsed.data.space)) return fail("space_not_found", `Unknown space "${parsed.data.space}"`, 404);
  // A relative Location keeps the browser on the host it used (localhost vs 127.0.0.1), so the
  // cookie set here goes with the next request.
  const response = new NextResponse(null, { status: 303, headers: { Location: parsed.data.returnTo } });
  response.cookies.set(SPACE_COOKIE, parsed.data.space, { path: "/", sameSite: "lax", httpOnly: true, maxAge: 60 * 60 * 24 * 365 });
  return response;
});
