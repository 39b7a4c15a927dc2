"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { Dialog } from "@/components/Dialog";
import { FormError } from "@/components/FormError";
import { EmptyState } from "@/components/EmptyState";
import { postJson } from "@/components/projects/DialogForm";
import { buttons, field } from "@/components/policies/ui";
import { StatusBadge } from "@/components/StatusBadge";
import { Table, Td, Th } from "@/components/Table";
import type { SubscriptionView } from "@/lib/notifications/subscriptions";

interface Props {
  subscriptions: SubscriptionView[];
  events: string[];
  selectedId: string | null;
}

/** The subscriptions table, the create dialog (the secret is shown once, after creating) and enable/disable. */
export function WebhooksView({ subscriptions, events, selectedId }: Props) {
  const router = useRouter();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [url, setUrl] = useState("");
  const [chosen, setChosen] = useState<string[]>(["evaluation.block", "evaluation.error"]);
  const [error, setError] = useState<string | null>(null);
  const [secret, setSecret] = useState<{ name: string; secret: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const create = async () => {
    setBusy(true);
    setError(null);
    const answer = await postJson<{ name: string; secret: string }>("/api/webhooks", { name, url, events: chosen });
    setBusy(false);
    if (!answer.ok) return setError(answer.message);
    setSecret({ name: answer.value.name, secret: answer.value.secret });
    setOpen(false);
    setName("");
    setUrl("");
    router.refresh();
  };

  const toggle = async (s: SubscriptionView) => {
    const answer = await postJson(`/api/webhooks/${encodeURIComponent(s.id)}/active`, { active: !s.isActive });
    if (!answer.ok) setError(answer.message);
    else router.refresh();
  };

  return (
    <>
      <div className="mb-4 flex justify-end">
        <button type="button" className={buttons.primary} onClick={() => setOpen(true)}>
          Add webhook
        </button>
      </div>
      {secret && (
        <div role="status" className="mb-4 rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-900">
          Signing secret of “{secret.name}”, shown only now: <code className="break-all font-mono">{secret.secret}</code>
        </div>
      )}
      <FormError message={open ? null : error} className="mb-4" />
      {subscriptions.length === 0 ? (
        <EmptyState title="No webhooks">Add one to have evaluation outcomes and policy changes POSTed to a chat, ticketing or SIEM endpoint.</EmptyState>
      ) : (
        <Table caption="Webhook subscriptions">
          <thead>
            <tr>
              <Th>Name</Th>
              <Th>Events</Th>
              <Th>Deliveries</Th>
              <Th>Status</Th>
              <Th><span className="sr-only">Actions</span></Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {subscriptions.map((s) => (
              <tr key={s.id} aria-current={s.id === selectedId ? "true" : undefined}>
                <Td>
                  <span className="font-medium">{s.name}</span>
                  <div className="break-all text-xs text-slate-500">{s.url}</div>
                </Td>
                <Td className="font-mono text-xs">{s.events.join(", ")}</Td>
                <Td className="whitespace-nowrap text-xs">
                  {s.deliveries.delivered} delivered, {s.deliveries.pending} pending, {s.deliveries.failed} failed
                  <div>
                    <Link href={`/configuration/webhooks?subscription=${encodeURIComponent(s.id)}`} className={buttons.link}>
                      Delivery log
                    </Link>
                  </div>
                </Td>
                <Td>
                  <StatusBadge tone={s.isActive ? "success" : "neutral"}>{s.isActive ? "Enabled" : "Disabled"}</StatusBadge>
                </Td>
                <Td className="text-right">
                  <button type="button" className={buttons.secondary} onClick={() => void toggle(s)}>
                    {s.isActive ? "Disable" : "Enable"}
                  </button>
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title="Add webhook"
        testId="create-webhook-dialog"
        footer={
          <>
            <button type="button" className={buttons.secondary} onClick={() => setOpen(false)}>
              Cancel
            </button>
            <button type="submit" form={`${id}-form`} className={buttons.primary} disabled={busy || chosen.length === 0}>
              {busy ? "Adding…" : "Add webhook"}
            </button>
          </>
        }
      >
        <form
          id={`${id}-form`}
          className="space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            void create();
          }}
        >
          <div>
            <label htmlFor={`${id}-name`} className={field.label}>Name</label>
            <input id={`${id}-name`} className={field.input} value={name} onChange={(e) => setName(e.target.value)} maxLength={200} required />
          </div>
          <div>
            <label htmlFor={`${id}-url`} className={field.label}>URL</label>
            <input id={`${id}-url`} type="url" className={field.input} value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://" required />
          </div>
          <fieldset>
            <legend className={field.label}>Events</legend>
            <div className="mt-1 grid grid-cols-2 gap-1 text-sm">
              {events.map((e) => (
                <label key={e} className="flex items-center gap-2 font-mono text-xs">
                  <input type="checkbox" checked={chosen.includes(e)} onChange={(ev) => setChosen(ev.target.checked ? [...chosen, e] : chosen.filter((x) => x !== e))} />
                  {e}
                </label>
              ))}
            </div>
          </fieldset>
          <FormError message={error} />
        </form>
      </Dialog>
    </>
  );
}
