import type { ReactNode } from "react";

/** The card the sign-in and setup pages sit in, with the product's mark. */
export function AuthCard({ title, description, children }: { title: string; description: ReactNode; children: ReactNode }) {
  return (
    <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <p className="mb-4 flex items-center gap-2 text-lg font-semibold text-brand-900">
        <span aria-hidden className="inline-block h-7 w-7 rounded-full bg-brand-500 text-center leading-7 text-white">P</span>
        Policy Hub
      </p>
      <h1 className="text-xl font-semibold tracking-tight text-slate-900">{title}</h1>
      <p className="mb-5 mt-1 text-sm text-slate-600">{description}</p>
      {children}
    </div>
  );
}
