import type { Metadata } from "next";
import { PageHeader } from "@/components/PageHeader";
import { PolicyList } from "@/components/policies/PolicyList";
import { requirePagePermission } from "@/lib/auth/page-access";

export const metadata: Metadata = { title: "Policies" };

export default async function PoliciesPage() {
  await requirePagePermission("PlatformHubView");
  return (
    <>
      <PageHeader
        title="Policies"
        description="Platform Hub policies are Rego checks, kept in Git, that every deployment and runbook run must pass"
      />
      <PolicyList />
    </>
  );
}
