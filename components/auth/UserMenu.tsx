"use client";

import Link from "next/link";
import { useState } from "react";

/** The signed-in user at the foot of the app shell, with their keys and sign out. */
export function UserMenu({ username, displayName, mayAdminister }: { username: string; displayName: string; mayAdminister: boolean }) {
  const [error, setError] = useState<string | null>(null);
  async function signOut() {
    const response = await fetch("/api/auth/sign-out", { method: "POST" }).catch(() => null);
    if (!response?.ok) return setError("Signing out failed: try again");
    window.location.assign("/sign-in");
  }
  return (
    <section aria-label="Signed in user" className="mt-auto flex flex-col gap-2 border-t border-brand-700 pt-4 text-sm text-slate-200">
      <p>
        Signed in as <span className="font-semibold text-white" data-testid="signed-in-user">{displayName}</span>
        <span className="block text-xs opacity-80">{username}</span>
      </p>
      <Link href="/configuration/users" className="rounded-md px-2 py-1 hover:bg-brand-700 hover:text-white">
        {mayAdminister ? "Users and API keys" : "My API keys"}
      </Link>
      {mayAdminister && (
        <Link href="/configuration/webhooks" className="rounded-md px-2 py-1 hover:bg-brand-700 hover:text-white">
          Webhooks
        </Link>
      )}
      <button type="button" onClick={signOut} className="rounded-md border border-brand-500 px-2 py-1 text-left font-medium text-white hover:bg-brand-700">
        Sign out
      </button>
      {error && <p role="alert" className="text-xs text-red-200">{error}</p>}
    </section>
  );
}
