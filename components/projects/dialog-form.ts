/** Form styles and the JSON POST shared by the project dialogs (create release, deploy, run). */
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
