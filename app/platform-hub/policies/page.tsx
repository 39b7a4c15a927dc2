import type { Metadata } from "next";
import { PageHeader } from "@/components/PageHeader";
import { PolicyList } from "@/components/policies/PolicyList";

export const metadata: Metadata = { title: "Policies" };

export default function PoliciesPage() {
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
