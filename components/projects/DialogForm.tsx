/** Form styles, the JSON POST and the footer shared by the project dialogs (create release, deploy, run). */
export const fieldClass = "flex flex-col gap-1 text-sm font-medium text-slate-700";
export const controlClass = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm font-normal text-slate-900";
export const primaryButton = "rounded-md bg-brand-500 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60";
export const secondaryButton = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50";

/** POSTs JSON to one of the executions routes; their errors carry a message meant for people. */
export async function postJson<T>(url: string, body: unknown): Promise<{ ok: true; value: T } | { ok: false; message: string }> {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const json = (await response.json().catch(() => null)) as (T & { error?: { message?: string } }) | null;
  if (!response.ok || !json) return { ok: false, message: json?.error?.message ?? `The request failed (HTTP ${response.status})` };
  return { ok: true, value: json };
}

/** The end of a dialog's form: the request's error, if any, then Cancel and the submit button. */
export function FormFooter({ error, busy, submitLabel, busyLabel, onCancel }: { error: string | null; busy: boolean; submitLabel: string; busyLabel: string; onCancel: () => void }) {
  return (
    <>
      {error && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      )}
      <div className="flex justify-end gap-2 pt-2">
        <button type="button" onClick={onCancel} className={secondaryButton}>
          Cancel
        </button>
        <button type="submit" disabled={busy} className={primaryButton}>
          {busy ? busyLabel : submitLabel}
        </button>
      </div>
    </>
  );
}
