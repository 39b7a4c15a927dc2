"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { controlClass, fieldClass, postJson, primaryButton, secondaryButton } from "@/components/projects/DialogForm";

export type AdminUser = {
  id: string; username: string; displayName: string; isService: boolean; isDisabled: boolean;
  roles: { id: string; name: string; spaceId: string | null }[];
  apiKeys: { id: string; name: string; prefix: string; createdAt: string; lastUsedAt: string | null; revokedAt: string | null }[];
};

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "never");

function Alert({ message }: { message: string | null }) {
  return message ? <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">{message}</p> : null;
}

/** Users, their roles and API keys. Non-administrators see only themselves and their own keys. */
export function UserAdmin({ users, roles, mayAdminister }: { users: AdminUser[]; roles: { id: string; name: string }[]; mayAdminister: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [newKey, setNewKey] = useState<{ name: string; key: string } | null>(null);

  async function call(url: string, body: unknown): Promise<unknown> {
    setError(null);
    const result = await postJson<unknown>(url, body);
    if (!result.ok) {
      setError(result.message);
      return null;
    }
    router.refresh();
    return result.value;
  }

  async function createKey(event: FormEvent<HTMLFormElement>, userId: string) {
    event.preventDefault();
    const form = event.currentTarget;
    const name = String(new FormData(form).get("name") ?? "");
    const created = (await call("/api/auth/api-keys", { userId, name })) as { key: string } | null;
    if (created) {
      setNewKey({ name, key: created.key });
      form.reset();
    }
  }

  async function createUser(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const ok = await call("/api/auth/users", {
      username: data.get("username"), displayName: data.get("displayName"), password: data.get("password"),
      roleIds: data.get("roleId") ? [data.get("roleId")] : [],
    });
    if (ok) form.reset();
  }

  return (
    <div className="flex flex-col gap-6">
      <Alert message={error} />
      {newKey && (
        <div role="status" className="rounded-md border border-emerald-300 bg-emerald-50 px-4 py-3 text-sm text-emerald-900">
          <p className="font-semibold">API key “{newKey.name}” created. Copy it now: it is not shown again.</p>
          <code data-testid="new-api-key" className="mt-2 block break-all rounded bg-white px-2 py-1 font-mono text-slate-900">{newKey.key}</code>
        </div>
      )}
      {users.map((user) => (
        <section key={user.id} aria-label={user.username} className="rounded-lg border border-slate-200 bg-white p-4">
          <header className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 className="text-base font-semibold text-slate-900">
              {user.displayName} <span className="font-normal text-slate-500">{user.username}</span>
              {user.isService && <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">service account</span>}
              {user.isDisabled && <span className="ml-2 rounded bg-red-100 px-1.5 py-0.5 text-xs text-red-800">disabled</span>}
            </h2>
            {mayAdminister && (
              <button type="button" className={secondaryButton} onClick={() => call(`/api/auth/users/${user.id}/disabled`, { disabled: !user.isDisabled })}>
                {user.isDisabled ? "Enable" : "Disable"}
              </button>
            )}
          </header>
          <div className="mt-2 flex flex-wrap items-center gap-2 text-sm">
            <span className="text-slate-600">Roles:</span>
            {user.roles.length === 0 && <span className="text-slate-500">none</span>}
            {user.roles.map((r) => (
              <span key={`${r.id}-${r.spaceId}`} className="inline-flex items-center gap-1 rounded-full bg-brand-100 px-2 py-0.5 text-brand-900">
                {r.name}{r.spaceId ? ` (${r.spaceId})` : ""}
                {mayAdminister && (
                  <button type="button" aria-label={`Revoke ${r.name} from ${user.username}`} className="px-1 text-slate-500 hover:text-red-700"
                    onClick={() => call(`/api/auth/users/${user.id}/roles`, { roleId: r.id, spaceId: r.spaceId, grant: false })}>
                    ×
                  </button>
                )}
              </span>
            ))}
            {mayAdminister && (
              <form className="flex items-center gap-1" onSubmit={(e) => { e.preventDefault(); void call(`/api/auth/users/${user.id}/roles`, { roleId: new FormData(e.currentTarget).get("roleId"), spaceId: null, grant: true }); }}>
                <label className="sr-only" htmlFor={`grant-${user.id}`}>Role to grant {user.username}</label>
                <select id={`grant-${user.id}`} name="roleId" className={controlClass}>
                  {roles.map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}
                </select>
                <button type="submit" className={secondaryButton}>Grant</button>
              </form>
            )}
          </div>
          <table className="mt-3 w-full text-left text-sm">
            <caption className="sr-only">API keys of {user.username}</caption>
            <thead className="text-xs uppercase text-slate-500">
              <tr><th className="py-1">API key</th><th>Prefix</th><th>Created</th><th>Last used</th><th><span className="sr-only">Actions</span></th></tr>
            </thead>
            <tbody>
              {user.apiKeys.length === 0 && <tr><td colSpan={5} className="py-1 text-slate-500">No API keys</td></tr>}
              {user.apiKeys.map((k) => (
                <tr key={k.id} className="border-t border-slate-100">
                  <td className="py-1">{k.name}</td>
                  <td className="font-mono">{k.prefix}…</td>
                  <td>{when(k.createdAt)}</td>
                  <td>{when(k.lastUsedAt)}</td>
                  <td className="text-right">
                    {k.revokedAt ? <span className="text-slate-500">revoked {when(k.revokedAt)}</span> : (
                      <button type="button" className={secondaryButton} onClick={() => call(`/api/auth/api-keys/${k.id}/revoke`, {})}>Revoke</button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <form className="mt-3 flex items-end gap-2" onSubmit={(e) => createKey(e, user.id)}>
            <label className={fieldClass}>
              New API key for {user.username}
              <input name="name" required placeholder="What uses it, e.g. CI releases" className={controlClass} />
            </label>
            <button type="submit" className={primaryButton}>Create API key</button>
          </form>
        </section>
      ))}
      {mayAdminister && (
        <form onSubmit={createUser} className="grid max-w-2xl grid-cols-2 gap-3 rounded-lg border border-slate-200 bg-white p-4" aria-label="Create user">
          <h2 className="col-span-2 text-base font-semibold text-slate-900">Create user</h2>
          <label className={fieldClass}>Username<input name="username" required autoComplete="off" className={controlClass} /></label>
          <label className={fieldClass}>Display name<input name="displayName" required className={controlClass} /></label>
          <label className={fieldClass}>Password<input name="password" type="password" required autoComplete="new-password" className={controlClass} /></label>
          <label className={fieldClass}>
            Role
            <select name="roleId" className={controlClass}>
              {roles.map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}
            </select>
          </label>
          <div className="col-span-2 flex justify-end"><button type="submit" className={primaryButton}>Create user</button></div>
        </form>
      )}
    </div>
  );
}
