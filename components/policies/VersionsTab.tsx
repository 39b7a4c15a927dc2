"use client";

import { useCallback, useEffect, useState } from "react";
import { EmptyState } from "@/components/EmptyState";
import { StatusBadge } from "@/components/StatusBadge";
import { Table, Td, Th } from "@/components/Table";
import { ApiError, policiesApi, type PolicyVersion } from "@/lib/editor/api";
import { nextVersion } from "@/lib/policies/versions";
import { describeLocation, type ApiProblem } from "@/lib/editor/diagnostics";
import { needs, useCan } from "@/components/auth/Permissions";
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
    try {
      await action();
      setStatus(done);
      await load();
    } catch (e) {
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
          disabled={!can("PolicyPublish")}
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
            {versions.map((v) => (
              <tr key={v.id} data-testid={`version-row-${v.version}`}>
                <Td className="font-medium">{v.version}</Td>
                <Td>
                  <code className="text-xs" title={v.commitId}>
                    {v.commitId.slice(0, 7)}
                  </code>
                </Td>
                <Td>
                  <ViolationActionBadge action={v.violationAction} />
                </Td>
                <Td>{v.publishedBy}</Td>
                <Td className="whitespace-nowrap">{formatTime(v.publishedAt)}</Td>
                <Td>{v.isActive ? <StatusBadge tone="success">Active</StatusBadge> : <span className="text-slate-500">Inactive</span>}</Td>
                <Td className="text-right">
                  {v.isActive ? (
                    <button type="button" className={buttons.danger} disabled={busy || !can("PolicyActivate")} title={can("PolicyActivate") ? undefined : needs("PolicyActivate")} onClick={() => act(() => policiesApi.deactivate(slug), `Deactivated ${v.version}`)}>
                      Deactivate
                    </button>
                  ) : (
                    <button
                      type="button"
                      className={`${buttons.secondary} relative`}
                      disabled={busy || !can("PolicyActivate")}
                      title={can("PolicyActivate") ? undefined : needs("PolicyActivate")}
                      onClick={() => act(() => policiesApi.activate(slug, v.version), `Activated ${v.version}`)}
                    >
                      Activate <span className="sr-only">{v.version}</span>
                    </button>
                  )}
                </Td>
              </tr>
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
    </section>
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
