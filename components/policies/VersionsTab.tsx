"use client";

import { Fragment, useCallback, useEffect, useState } from "react";
import { CodeDiff } from "@/components/editor";
import { EmptyState } from "@/components/EmptyState";
import { StatusBadge } from "@/components/StatusBadge";
import { Table, Td, Th } from "@/components/Table";
import { ApiError, policiesApi, type PolicyVersion } from "@/lib/editor/api";
import { nextVersion } from "@/lib/policies/versions";
import { readPolicyFile } from "@/lib/policies/read";
import type { PolicyDocument } from "@/lib/policies/document";
import { describeLocation, type ApiProblem } from "@/lib/editor/diagnostics";
import { needs, useCan } from "@/components/auth/Permissions";
import { personName } from "@/lib/ui/people";
import { Dialog } from "../Dialog";
import { ViolationActionBadge } from "./Badges";
import { buttons } from "./ui";

type Bump = "major" | "minor" | "patch";

interface Props {
  slug: string;
  defaultBranch: string;
  /** Uncommitted edits or a non-default branch: publishing takes what is committed on the default branch. */
  note?: string;
  /** The active and the latest published version, after every change. */
  onVersionsChange(active: string | null, latest: PolicyVersion | null): void;
}

/** What the Activate or Deactivate dialog asks about. */
type Confirming = { kind: "activate" | "deactivate"; version: PolicyVersion };

function formatTime(iso: string): string {
  return `${new Date(iso).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export function VersionsTab({ slug, defaultBranch, note, onVersionsChange }: Props) {
  const can = useCan();
  const [versions, setVersions] = useState<PolicyVersion[] | null>(null);
  const [publishing, setPublishing] = useState(false);
  const [bump, setBump] = useState<Bump>("major");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; problems: ApiProblem[] } | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<Confirming | null>(null);
  const [shown, setShown] = useState<ReadonlySet<string>>(new Set());

  const load = useCallback(async () => {
    try {
      const { versions } = await policiesApi.versions(slug);
      setVersions(versions);
      onVersionsChange(versions.find((v) => v.isActive)?.version ?? null, versions[0] ?? null);
    } catch (e) {
      setVersions([]);
      setError({ message: e instanceof ApiError ? e.message : "The versions could not be loaded", problems: [] });
    }
  }, [slug, onVersionsChange]);
  useEffect(() => {
    void load();
  }, [load]);

  const latest = versions?.[0]?.version ?? null;
  const first = !latest;

  const publish = async () => {
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      const { version } = await policiesApi.publish(slug, first ? "major" : bump);
      setPublishing(false);
      setStatus(`Published ${version.version}. Activate it to enforce it.`);
      await load();
    } catch (e) {
      setError(e instanceof ApiError ? { message: e.message, problems: e.problems } : { message: "Publishing failed", problems: [] });
    } finally {
      setBusy(false);
    }
  };

  const act = async (action: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setError(null);
    // The last confirmation is about the previous action: it must not stand beside this one's outcome.
    setStatus(null);
    try {
      await action();
      setConfirming(null);
      setStatus(done);
      await load();
    } catch (e) {
      setConfirming(null);
      setError({ message: e instanceof ApiError ? e.message : "That did not work", problems: [] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="versions-heading" data-testid="versions-tab">
      <div className="mb-3 flex items-center justify-between gap-4">
        <div>
          <h2 id="versions-heading" className="text-lg font-semibold">
            Versions
          </h2>
          <p className="text-sm text-slate-600">
            A version is the policy as committed on <code className="font-mono">{defaultBranch}</code> when it was published. Only the active version is
            evaluated.
          </p>
        </div>
        <button
          type="button"
          className={buttons.primary}
          // Until the versions are read the next version is unknown: the dialog would offer 1.0.0.
          disabled={!can("PolicyPublish") || versions === null}
          title={can("PolicyPublish") ? undefined : needs("PolicyPublish")}
          onClick={() => {
            setBump(first ? "major" : "minor");
            setError(null);
            setPublishing(true);
          }}
        >
          Publish
        </button>
      </div>
      {note && <p className="mb-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">{note}</p>}
      <p role="status" aria-live="polite" className={status ? "mb-3 rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-900" : "sr-only"}>
        {status}
      </p>
      {error && !publishing && <ErrorBox message={error.message} problems={error.problems} />}
      {versions === null ? (
        <p className="text-sm text-slate-500">Loading versions…</p>
      ) : versions.length === 0 ? (
        <EmptyState title="Not published yet">
          Commit the policy to <code className="font-mono">{defaultBranch}</code>, then publish version 1.0.0 and activate it to evaluate it for every
          deployment and runbook run.
        </EmptyState>
      ) : (
        <Table caption="Versions">
          <thead>
            <tr>
              <Th>Version</Th>
              <Th>Commit</Th>
              <Th>Violation action</Th>
              <Th>Published by</Th>
              <Th>Published</Th>
              <Th>Status</Th>
              <Th className="relative">
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {versions.map((v, i) => (
              <Fragment key={v.id}>
                <tr data-testid={`version-row-${v.version}`}>
                  <Td className="font-medium">{v.version}</Td>
                  <Td>
                    <code className="text-xs" title={v.commitId}>
                      {v.commitId.slice(0, 7)}
                    </code>
                  </Td>
                  <Td>
                    <ViolationActionBadge action={v.violationAction} />
                  </Td>
                  <Td>{v.publishedBy ? personName({ username: v.publishedBy, displayName: v.publishedByDisplayName }) : "Deleted user"}</Td>
                  <Td className="whitespace-nowrap">{formatTime(v.publishedAt)}</Td>
                  <Td>{v.isActive ? <StatusBadge tone="success">Active</StatusBadge> : <span className="text-slate-500">Inactive</span>}</Td>
                  <Td className="whitespace-nowrap text-right">
                    <button
                      type="button"
                      className={`${buttons.link} mr-3`}
                      aria-expanded={shown.has(v.id)}
                      aria-controls={`changes-${v.id}`}
                      onClick={() =>
                        setShown((open) => {
                          const next = new Set(open);
                          if (!next.delete(v.id)) next.add(v.id);
                          return next;
                        })
                      }
                    >
                      {shown.has(v.id) ? "Hide changes" : "Changes"} <span className="sr-only">in {v.version}</span>
                    </button>
                    {v.isActive ? (
                      <button
                        type="button"
                        className={buttons.danger}
                        disabled={busy || !can("PolicyActivate")}
                        title={can("PolicyActivate") ? undefined : needs("PolicyActivate")}
                        onClick={() => setConfirming({ kind: "deactivate", version: v })}
                      >
                        Deactivate
                      </button>
                    ) : (
                      <button
                        type="button"
                        className={`${buttons.secondary} relative`}
                        disabled={busy || !can("PolicyActivate")}
                        title={can("PolicyActivate") ? undefined : needs("PolicyActivate")}
                        onClick={() => setConfirming({ kind: "activate", version: v })}
                      >
                        Activate <span className="sr-only">{v.version}</span>
                      </button>
                    )}
                  </Td>
                </tr>
                {shown.has(v.id) && (
                  <tr id={`changes-${v.id}`} data-testid={`version-changes-${v.version}`}>
                    <td colSpan={7} className="bg-slate-50 px-4 py-3">
                      <VersionChanges slug={slug} version={v} previous={versions[i + 1]} />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </Table>
      )}
      <Dialog
        open={publishing}
        onClose={() => setPublishing(false)}
        title="Publish a version"
        testId="publish-dialog"
        footer={
          <>
            <button type="button" className={buttons.secondary} onClick={() => setPublishing(false)}>
              Cancel
            </button>
            <button type="button" className={buttons.primary} disabled={busy} onClick={() => void publish()}>
              {busy ? "Publishing…" : `Publish ${nextVersion(latest, first ? "major" : bump)}`}
            </button>
          </>
        }
      >
        <fieldset>
          <legend className="text-sm text-slate-600">
            {first
              ? "The first version of a policy is always a major version."
              : `The latest version is ${latest}. Choose how much this version changes the policy.`}
          </legend>
          <div className="mt-3 space-y-2">
            {(["major", "minor", "patch"] as const).map((b) => (
              <label key={b} className={`flex items-center gap-2 text-sm ${first && b !== "major" ? "text-slate-400" : ""}`}>
                <input type="radio" name="bump" value={b} checked={(first ? "major" : bump) === b} disabled={first && b !== "major"} onChange={() => setBump(b)} />
                <span className="font-medium">{b === "major" ? "Major" : b === "minor" ? "Minor" : "Patch"}</span>
                <span className="text-slate-500">{nextVersion(latest, b) === null ? "(not for the first version)" : `→ ${nextVersion(latest, b)}`}</span>
              </label>
            ))}
          </div>
        </fieldset>
        {error && <div className="mt-3"><ErrorBox message={error.message} problems={error.problems} /></div>}
      </Dialog>
      <Dialog
        open={confirming !== null}
        onClose={() => setConfirming(null)}
        title={confirming ? `${confirming.kind === "activate" ? "Activate" : "Deactivate"} ${confirming.version.version}?` : ""}
        testId="confirm-version-dialog"
        wide
        footer={
          confirming && (
            <>
              <button type="button" className={buttons.secondary} onClick={() => setConfirming(null)}>
                Cancel
              </button>
              {confirming.kind === "activate" ? (
                <button
                  type="button"
                  className={buttons.primary}
                  disabled={busy}
                  onClick={() => void act(() => policiesApi.activate(slug, confirming.version.version), `Activated ${confirming.version.version}`)}
                >
                  {busy ? "Activating…" : `Activate ${confirming.version.version}`}
                </button>
              ) : (
                <button type="button" className={buttons.danger} disabled={busy} onClick={() => void act(() => policiesApi.deactivate(slug), `Deactivated ${confirming.version.version}`)}>
                  {busy ? "Deactivating…" : `Deactivate ${confirming.version.version}`}
                </button>
              )}
            </>
          )
        }
      >
        {confirming?.kind === "activate" && <ActivateSummary slug={slug} version={confirming.version} active={versions?.find((v) => v.isActive) ?? null} />}
        {confirming?.kind === "deactivate" && (
          <p className="text-sm" data-testid="enforced-from-now-on">
            From now on no version of <code className="font-mono">{slug}</code> is enforced: deployments and runbook runs are no longer checked against it, so
            nothing it {confirming.version.violationAction === "warn" ? "warns about" : "blocks"} today is {confirming.version.violationAction === "warn" ? "warned about" : "blocked"}{" "}
            any more. Activate a version again to enforce it.
          </p>
        )}
      </Dialog>
    </section>
  );
}

/** The policy a version enforces, read from its published file; null when that cannot be read (it was checked when published). */
function policyOf(slug: string, version: PolicyVersion): PolicyDocument | null {
  return readPolicyFile(`policies/${slug}.ocl`, version.ocl).policy;
}

const ACTION_EFFECT = {
  block: "an execution that does not comply fails before its first step",
  warn: "an execution that does not comply runs, with a warning in its task log",
} as const;

/** What activating a version enforces from now on: the version, its action and its scope. */
function ActivateSummary({ slug, version, active }: { slug: string; version: PolicyVersion; active: PolicyVersion | null }) {
  const policy = policyOf(slug, version);
  return (
    <div className="space-y-3 text-sm" data-testid="enforced-from-now-on">
      <p>
        From now on every deployment and runbook run in this policy&apos;s scope is checked against version {version.version} before its first step
        {active ? `, instead of ${active.version}` : ""}.
      </p>
      <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-2">
        <dt className="font-medium text-slate-600">Version</dt>
        <dd>
          {version.version} <span className="text-slate-500">(commit <code className="text-xs">{version.commitId.slice(0, 7)}</code>)</span>
        </dd>
        <dt className="font-medium text-slate-600">Violation action</dt>
        <dd>
          <ViolationActionBadge action={version.violationAction} /> {ACTION_EFFECT[version.violationAction]}
          {active && active.violationAction !== version.violationAction && <span className="text-amber-800"> (was {active.violationAction === "warn" ? "Warn" : "Block"})</span>}
          <span className="block text-xs text-slate-500">A result that names its own action overrides it.</span>
        </dd>
        <dt className="font-medium text-slate-600">Scope</dt>
        <dd>
          {policy ? (
            <pre className="max-h-48 overflow-auto rounded border border-slate-200 bg-slate-50 p-2 font-mono text-xs">{policy.scopeRego}</pre>
          ) : (
            <span className="text-slate-500">The scope of this version cannot be read.</span>
          )}
        </dd>
      </dl>
    </div>
  );
}

const FIELDS: readonly { key: "name" | "description" | "violationReason"; label: string }[] = [
  { key: "name", label: "Name" },
  { key: "description", label: "Description" },
  { key: "violationReason", label: "Violation reason" },
];

/** A version against the one published before it: its action, the changed fields, and both Rego modules side by side. */
function VersionChanges({ slug, version, previous }: { slug: string; version: PolicyVersion; previous: PolicyVersion | undefined }) {
  const now = policyOf(slug, version);
  const before = previous ? policyOf(slug, previous) : null;
  if (!now) return <p className="text-sm text-slate-500">This version&apos;s file cannot be read.</p>;
  const changed = before ? FIELDS.filter((f) => before[f.key] !== now[f.key]) : [];
  return (
    <div className="space-y-3">
      <p className="flex flex-wrap items-center gap-2 text-sm">
        <span className="font-medium">Violation action</span>
        {previous && previous.violationAction !== version.violationAction ? (
          <>
            <ViolationActionBadge action={previous.violationAction} /> <span aria-label="changed to">→</span> <ViolationActionBadge action={version.violationAction} />
          </>
        ) : (
          <ViolationActionBadge action={version.violationAction} />
        )}
        <span className="text-slate-500">
          {previous ? `Compared with ${previous.version} (commit ${previous.commitId.slice(0, 7)}).` : "The first version: the previous side is empty."}
        </span>
      </p>
      {changed.length > 0 && (
        <dl className="grid grid-cols-[auto_minmax(0,1fr)_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm">
          {changed.map((f) => (
            <Fragment key={f.key}>
              <dt className="font-medium text-slate-600">{f.label}</dt>
              <dd className="text-red-800 line-through decoration-red-300">{before![f.key] || "(empty)"}</dd>
              <dd className="text-green-800">{now[f.key] || "(empty)"}</dd>
            </Fragment>
          ))}
        </dl>
      )}
      {(["scope", "conditions"] as const).map((block) => {
        const text = block === "scope" ? now.scopeRego : now.conditionsRego;
        const old = before ? (block === "scope" ? before.scopeRego : before.conditionsRego) : "";
        return (
          <section key={block} aria-label={`${block === "scope" ? "Scope" : "Conditions"} changes`} data-testid={`${block}-diff`}>
            <h3 className="mb-1 text-sm font-semibold">
              {block === "scope" ? "Scope" : "Conditions"}
              {previous && old === text && <span className="ml-2 font-normal text-slate-500">unchanged</span>}
            </h3>
            {(!previous || old !== text) && (
              <div className="overflow-hidden rounded border border-slate-200 bg-white">
                <CodeDiff original={old} modified={text} language="rego" label={`${block === "scope" ? "Scope" : "Conditions"} Rego of ${version.version}`} />
              </div>
            )}
          </section>
        );
      })}
    </div>
  );
}

function ErrorBox({ message, problems }: { message: string; problems: ApiProblem[] }) {
  return (
    <div role="alert" className="mb-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
      <p>{message}</p>
      {problems.length > 0 && (
        <ul className="mt-1 list-disc pl-5">
          {problems.map((p, i) => (
            <li key={i}>
              {describeLocation(p)}: {p.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
