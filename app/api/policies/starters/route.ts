import { ok, route } from "@/lib/http";
import { STARTERS } from "@/lib/policies/starters";

export const runtime = "nodejs";

export const GET = route({ permission: "PlatformHubView" }, () => ok({ starters: STARTERS.map(({ slug, title, summary }) => ({ slug, title, summary })) }));
