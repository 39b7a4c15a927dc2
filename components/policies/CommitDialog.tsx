"use client";

import { useEffect, useId, useState } from "react";
import { Dialog } from "../Dialog";
import { buttons, field } from "./ui";

interface Props {
  open: boolean;
  branch: string;
  busy: boolean;
  error: string | null;
  onClose(): void;
  /** `undefined` message: a quick commit with a generated message. */
  onCommit(message: string | undefined): void;
}

export function CommitDialog({ open, branch, busy, error, onClose, onCommit }: Props) {
  const [message, setMessage] = useState("");
  const id = useId();
  useEffect(() => {
    if (open) setMessage("");
  }, [open]);
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Commit changes"
      testId="commit-dialog"
      footer={
        <>
          <button type="button" className={buttons.secondary} onClick={onClose}>
            Cancel
          </button>
          <button type="button" className={buttons.secondary} disabled={busy} onClick={() => onCommit(undefined)}>
            Quick commit
          </button>
          <button type="submit" form={`${id}-form`} className={buttons.primary} disabled={busy || !message.trim()}>
            {busy ? "Committing…" : "Commit"}
          </button>
        </>
      }
    >
      <form
        id={`${id}-form`}
        onSubmit={(e) => {
          e.preventDefault();
          if (message.trim()) onCommit(message.trim());
        }}
      >
        <p className="mb-3 text-sm text-slate-600">
          Commits the policy file to <code className="font-mono">{branch}</code> in the Platform Hub repository.
        </p>
        <label htmlFor={id} className={field.label}>
          Commit message
        </label>
        <textarea id={id} rows={3} className={field.input} value={message} onChange={(e) => setMessage(e.target.value)} autoFocus />
        <p className={field.hint}>Or use Quick commit for a generated message.</p>
        {error && (
          <p role="alert" className="mt-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            {error}
          </p>
        )}
      </form>
    </Dialog>
  );
}
