"use client";

import { useRouter } from "next/navigation";
import { useEffect, useId, useState } from "react";
import { ApiError, policiesApi, type Starter } from "@/lib/editor/api";
import { NAME_MAX_LENGTH, proposeSlug, slugProblem } from "@/lib/policies/slug";
import { Dialog } from "../Dialog";
import { buttons, field } from "./ui";

const BLANK = "blank_policy";

/** Create Policy: pick a starter (or blank), then name it; the slug follows the name until edited. */
export function CreatePolicyDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const router = useRouter();
  const [starters, setStarters] = useState<Starter[] | null>(null);
  const [step, setStep] = useState<"pick" | "name">("pick");
  const [starter, setStarter] = useState<string | null>(null);
  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");
  const [slugEdited, setSlugEdited] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const nameId = useId();
  const slugId = useId();

  useEffect(() => {
    if (!open) return;
    setStep("pick");
    setStarter(null);
    setName("");
    setSlug("");
    setSlugEdited(false);
    setError(null);
    policiesApi
      .starters()
      .then(({ starters }) => setStarters(starters))
      .catch(() => setError("The starter policies could not be loaded"));
  }, [open]);

  const choose = (slug: string | null) => {
    setStarter(slug);
    setStep("name");
    setError(null);
  };

  const effectiveSlug = slugEdited ? slug : proposeSlug(name);
  const problem = name.trim() === "" ? null : slugProblem(effectiveSlug);

  const create = async () => {
    if (!name.trim() || problem) return;
    setBusy(true);
    setError(null);
    try {
      await policiesApi.create({ name: name.trim(), slug: effectiveSlug, ...(starter && starter !== BLANK ? { starter } : {}) });
      onClose();
      router.push(`/platform-hub/policies/${effectiveSlug}`);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "The policy could not be created");
    } finally {
      setBusy(false);
    }
  };

  const chosen = starters?.find((s) => s.slug === starter);
  const nonBlank = starters?.filter((s) => s.slug !== BLANK) ?? [];

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={step === "pick" ? "Create policy" : "Name your policy"}
      wide={step === "pick"}
      testId="create-policy-dialog"
      footer={
        step === "pick" ? (
          <>
            <button type="button" className={buttons.secondary} onClick={onClose}>
              Cancel
            </button>
            <button type="button" className={buttons.primary} onClick={() => choose(null)}>
              Create Blank Policy
            </button>
          </>
        ) : (
          <>
            <button type="button" className={buttons.secondary} onClick={() => setStep("pick")}>
              Back
            </button>
            <button type="submit" form={`${nameId}-form`} className={buttons.primary} disabled={busy || !name.trim() || !!problem}>
              {busy ? "Creating…" : "Done"}
            </button>
          </>
        )
      }
    >
      {step === "pick" ? (
        <>
          <p className="mb-3 text-sm text-slate-600">Start from a policy that already works and adjust its scope and conditions, or start blank.</p>
          {starters === null && !error && <p className="text-sm text-slate-500">Loading starter policies…</p>}
          <ul className="grid grid-cols-1 gap-2 sm:grid-cols-2" aria-label="Starter policies">
            {nonBlank.map((s) => (
              <li key={s.slug}>
                <button
                  type="button"
                  onClick={() => choose(s.slug)}
                  className="h-full w-full rounded-md border border-slate-200 bg-white px-3 py-2 text-left hover:border-brand-500 hover:bg-brand-100/40"
                >
                  <span className="block text-sm font-medium text-slate-900">{s.title}</span>
                  <span className="mt-0.5 block text-xs text-slate-600">{s.summary}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <form
          id={`${nameId}-form`}
          onSubmit={(event) => {
            event.preventDefault();
            void create();
          }}
          className="space-y-4"
        >
          <p className="text-sm text-slate-600">
            Starting from: <span className="font-medium text-slate-900">{chosen ? chosen.title : "Blank policy"}</span>
          </p>
          <div>
            <label htmlFor={nameId} className={field.label}>
              Name
            </label>
            <input id={nameId} className={field.input} value={name} maxLength={NAME_MAX_LENGTH} onChange={(e) => setName(e.target.value)} autoFocus required />
          </div>
          <div>
            <label htmlFor={slugId} className={field.label}>
              Slug
            </label>
            <input
              id={slugId}
              className={`${field.input} font-mono`}
              value={effectiveSlug}
              onChange={(e) => {
                setSlugEdited(true);
                setSlug(e.target.value);
              }}
              aria-describedby={`${slugId}-hint`}
              aria-invalid={!!problem}
            />
            <p id={`${slugId}-hint`} className={problem ? field.error : field.hint}>
              {problem ?? "The file name and Rego package of the policy: lower-case letters, digits and underscores. It cannot be changed later."}
            </p>
          </div>
          {error && (
            <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
              {error}
            </p>
          )}
        </form>
      )}
    </Dialog>
  );
}
