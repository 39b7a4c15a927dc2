import type { Metadata } from "next";
import { EmptyState } from "@/components/EmptyState";
import { PageHeader } from "@/components/PageHeader";
import { requireSignedIn } from "@/lib/auth/page-access";
import { isPermission, PERMISSIONS } from "@/lib/auth/permissions";

export const metadata: Metadata = { title: "Not allowed" };

export default async function ForbiddenPage({ searchParams }: { searchParams: Promise<{ permission?: string }> }) {
  await requireSignedIn();
  const { permission } = await searchParams;
  const known = permission && isPermission(permission) ? permission : null;
  return (
    <>
      <PageHeader title="Not allowed" />
      <EmptyState title="You do not have permission to see this page">
        {known ? `It needs the ${known} permission (${PERMISSIONS[known].description.toLowerCase()}). ` : ""}
        Ask an administrator for a role that grants it.
      </EmptyState>
    </>
  );
}
