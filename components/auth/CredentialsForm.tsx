"use client";

import { useId, useState, type FormEvent } from "react";
import { controlClass, fieldClass, postJson, primaryButton } from "@/components/projects/DialogForm";

type Field = { name: string; label: string; type: "text" | "password"; autoComplete: string; hint?: string };

/**
 * The sign-in and first-administrator forms: labelled fields, the first one focused, the
 * server's error in words, and a full page load afterwards so the app shell shows the user.
 */
export function CredentialsForm({ action, fields, submitLabel, busyLabel, confirmPassword }: {
  action: string;
  fields: readonly Field[];
  submitLabel: string;
  busyLabel: string;
  /** Ask for the password twice and check they match before sending. */
  confirmPassword?: boolean;
}) {
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const values = Object.fromEntries(fields.map((f) => [f.name, String(form.get(f.name) ?? "")]));
    if (confirmPassword && values.password !== form.get("confirm")) return setError("The two passwords are not the same");
    setBusy(true);
    setError(null);
    const result = await postJson<unknown>(action, values);
    if (!result.ok) {
      setBusy(false);
      return setError(result.message);
    }
    window.location.assign("/projects");
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-4" noValidate aria-describedby={error ? `${id}-error` : undefined}>
      {fields.map((f, i) => (
        <label key={f.name} className={fieldClass}>
          {f.label}
          <input name={f.name} type={f.type} autoComplete={f.autoComplete} required autoFocus={i === 0} className={controlClass} aria-invalid={error ? true : undefined} />
          {f.hint && <span className="text-xs font-normal text-slate-500">{f.hint}</span>}
        </label>
      ))}
      {confirmPassword && (
        <label className={fieldClass}>
          Repeat the password
          <input name="confirm" type="password" autoComplete="new-password" required className={controlClass} />
        </label>
      )}
      {error && (
        <p id={`${id}-error`} role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy} className={`${primaryButton} py-2`}>
        {busy ? busyLabel : submitLabel}
      </button>
    </form>
  );
}
