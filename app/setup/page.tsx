import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/AuthCard";
import { CredentialsForm } from "@/components/auth/CredentialsForm";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/passwords";
import { needsSetup } from "@/lib/auth/users";
import { prisma } from "@/lib/db/client";

export const metadata: Metadata = { title: "Set up" };

/** First start: nobody can sign in yet, so the first visitor creates the administrator. */
export default async function SetupPage() {
  if (!(await needsSetup(prisma))) redirect("/sign-in");
  return (
    <AuthCard title="Create the first administrator" description="No one can sign in to this Policy Hub yet. The user you create here can manage everything, including other users.">
      <CredentialsForm
        action="/api/auth/setup"
        submitLabel="Create administrator and sign in"
        busyLabel="Creating…"
        confirmPassword
        fields={[
          { name: "username", label: "Username", type: "text", autoComplete: "username" },
          { name: "displayName", label: "Display name", type: "text", autoComplete: "name" },
          { name: "password", label: "Password", type: "password", autoComplete: "new-password", hint: `At least ${MIN_PASSWORD_LENGTH} characters` },
        ]}
      />
    </AuthCard>
  );
}
