import { jsonResponse } from "@/lib/http";
import { STARTERS } from "@/lib/policies/starters";

export const runtime = "nodejs";

export function GET(): Response {
  return jsonResponse({ starters: STARTERS.map(({ slug, title, summary }) => ({ slug, title, summary })) });
}
