import Link from "next/link";
import { EmptyState } from "@/components/EmptyState";
import { PageHeader } from "@/components/PageHeader";

export default function NotFound() {
  return (
    <>
      <PageHeader title="Not found" />
      <EmptyState title="There is nothing at this address">
        It may have been deleted, or it lives in another space. <Link className="text-brand-500 underline" href="/projects">Back to projects</Link>
      </EmptyState>
    </>
  );
}
