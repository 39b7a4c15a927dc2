import type { Metadata } from "next";
import { ExemptionsView } from "@/components/exemptions/ExemptionsView";
import { PageHeader } from "@/components/PageHeader";
import { requirePagePermission } from "@/lib/auth/page-access";
import { hasPermission, spacesWith } from "@/lib/auth/permissions";
import { prisma } from "@/lib/db/client";
import { exemptionOptions } from "@/lib/exemptions/options";
import { listExemptions, maxExemptionDays } from "@/lib/exemptions/service";

export const metadata: Metadata = { title: "Policy exemptions" };
export const dynamic = "force-dynamic";

/** Active exemptions first, then expired and revoked ones; people with ExemptionGrant create and revoke them here. */
export default async function ExemptionsPage() {
  const principal = await requirePagePermission("PlatformHubView");
  const now = new Date();
  const mayGrant = hasPermission(principal.grants, "ExemptionGrant");
  const [exemptions, options] = await Promise.all([
    listExemptions(prisma, spacesWith(principal.grants, "ProjectView"), now),
    mayGrant ? exemptionOptions(prisma, spacesWith(principal.grants, "ExemptionGrant")) : null,
  ]);
  return (
    <>
      <PageHeader
        title="Exemptions"
        description="While an exemption is active, a violation of its policy by its project is recorded as Exempted and the execution runs. Evaluation errors are never exempted."
      />
      <ExemptionsView exemptions={exemptions} options={options} maxDays={maxExemptionDays()} today={now.toISOString().slice(0, 10)} />
    </>
  );
}
