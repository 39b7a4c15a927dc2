import type { ReactNode } from "react";
import { PlatformHubNav } from "@/components/policies/PlatformHubNav";

/** Platform Hub: its policies and the schema of the input they are evaluated against. */
export default function PlatformHubLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <PlatformHubNav />
      {children}
    </>
  );
}
