import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/AuthCard";
import { CredentialsForm } from "@/components/auth/CredentialsForm";
import { currentPrincipal } from "@/lib/auth/page-access";
import { needsSetup } from "@/lib/auth/users";
import { prisma } from "@/lib/db/client";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage() {
  if (await currentPrincipal()) redirect("/projects");
  if (await needsSetup(prisma)) redirect("/setup");
  return (
    <AuthCard title="Sign in" description="Sign in with your Policy Hub username and password.">
      <CredentialsForm
        action="/api/auth/sign-in"
        submitLabel="Sign in"
        busyLabel="Signing in…"
        fields={[
          { name: "username", label: "Username", type: "text", autoComplete: "username" },
          { name: "password", label: "Password", type: "password", autoComplete: "current-password" },
        ]}
      />
    </AuthCard>
  );
}
