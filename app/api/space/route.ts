import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { SPACE_COOKIE, listSpaces } from "@/lib/spaces/current";

const switchSpaceForm = z.object({
  space: z.string().min(1),
  // Only paths inside this app, so the form cannot be used to redirect elsewhere.
  returnTo: z.string().regex(/^\/(?!\/)/).catch("/projects"),
});

/** The space switcher's form target: remembers the choice and goes back where the visitor was. */
export async function POST(request: NextRequest) {
  const parsed = switchSpaceForm.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return NextResponse.json({ error: z.treeifyError(parsed.error) }, { status: 400 });
  const spaces = await listSpaces();
  if (!spaces.some((s) => s.slug === parsed.data.space)) {
    return NextResponse.json({ error: `Unknown space "${parsed.data.space}"` }, { status: 404 });
  }
  // A relative Location keeps the browser on the host it used (localhost vs 127.0.0.1), so the
  // cookie set here goes with the next request.
  const response = new NextResponse(null, { status: 303, headers: { Location: parsed.data.returnTo } });
  response.cookies.set(SPACE_COOKIE, parsed.data.space, { path: "/", sameSite: "lax", httpOnly: true, maxAge: 60 * 60 * 24 * 365 });
  return response;
}
