"use client";

import { useEffect, useRef, useState } from "react";
import type { DialogStep } from "@/lib/projects/queries";
import { Dialog } from "../Dialog";
import { controlClass, fieldClass, secondaryButton } from "./DialogForm";
import { ExecutionForm, useExecutionChoice, type TargetChoices } from "./ExecutionForm";

const NO_STEPS: DialogStep[] = [];
const SEARCH_DELAY_MS = 250;

type DialogRelease = { id: string; version: string; steps: DialogStep[] };
/** The releases the picker lists: the dashboard's newest, a search's matches, and older pages read after them. */
type Listing = { query: string; items: DialogRelease[]; next: string | null };

/**
 * The releases to choose from. The page brings the newest few; older ones and searches by
 * version are read from GET /api/releases a page at a time, so any release can be deployed
 * without the page loading them all.
 */
function useReleaseListing(projectId: string, recent: DialogRelease[], hasOlder: boolean) {
  const newest: Listing = { query: "", items: recent, next: hasOlder ? (recent.at(-1)?.id ?? null) : null };
  const [search, setSearch] = useState("");
  const [listing, setListing] = useState<Listing>(newest);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Only the answer to the latest request is shown: an earlier search may answer after a later one.
  const latest = useRef(0);

  const read = async (query: string, after: string | null): Promise<Listing | null> => {
    const request = ++latest.current;
    const params = new URLSearchParams({ projectId, ...(query ? { q: query } : {}), ...(after ? { after } : {}) });
    setBusy(true);
    const response = await fetch(`/api/releases?${params}`, { cache: "no-store" }).catch(() => null);
    const body = response?.ok ? ((await response.json().catch(() => null)) as Omit<Listing, "query"> | null) : null;
    if (request !== latest.current) return null;
    setBusy(false);
    setError(body ? null : `Releases could not be read${response ? ` (HTTP ${response.status})` : ""}: try again`);
    return body && { query, items: body.items, next: body.next };
  };

  const query = search.trim();
  useEffect(() => {
    if (query === listing.query) return;
    if (!query) {
      latest.current++;
      setBusy(false);
      setListing(newest);
      return;
    }
    const timer = setTimeout(() => void read(query, null).then((found) => found && setListing(found)), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
    // Runs when the search text changes; the listing it replaces is not a reason to search again.
  }, [query]);

  const loadOlder = async () => {
    const older = await read(listing.query, listing.next);
    if (older) setListing({ ...older, items: [...listing.items, ...older.items] });
  };
  return { search, setSearch, listing, busy, error, loadOlder };
}

export function DeployDialog({ open, onClose, choices, releases, hasOlderReleases, initialReleaseId }: {
  open: boolean;
  onClose: () => void;
  choices: TargetChoices;
  /** The newest releases, newest first. */
  releases: DialogRelease[];
  /** Whether the project has releases older than `releases`. */
  hasOlderReleases: boolean;
  initialReleaseId?: string;
}) {
  const { search, setSearch, listing, busy, error, loadOlder } = useReleaseListing(choices.projectId, releases, hasOlderReleases);
  const [release, setRelease] = useState<DialogRelease | undefined>(releases.find((r) => r.id === initialReleaseId) ?? releases[0]);
  // A search picks its newest match, so the chosen release is always one of those listed (or the only one when nothing matches).
  const [listingShown, setListingShown] = useState(listing);
  if (listing !== listingShown) {
    setListingShown(listing);
    if (listing.query && listing.items.length > 0 && !listing.items.some((r) => r.id === release?.id)) setRelease(listing.items[0]);
  }
  const options = release && !listing.items.some((r) => r.id === release.id) ? [release, ...listing.items] : listing.items;
  const choice = useExecutionChoice(choices, release?.steps ?? NO_STEPS);
  return (
    <Dialog open={open} onClose={onClose} title="Deploy a release">
      {!release ? (
        <p className="text-sm text-slate-600">Create a release first: a deployment deploys a release.</p>
      ) : (
        <ExecutionForm
          choice={choice}
          url="/api/deployments"
          request={(target) => ({ ...target, releaseId: release.id })}
          submitLabel="Deploy"
          busyLabel="Deploying…"
          onCancel={onClose}
        >
          <label className={fieldClass}>
            Release
            <select value={release.id} onChange={(e) => setRelease(options.find((r) => r.id === e.currentTarget.value))} className={controlClass}>
              {options.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.version}
                </option>
              ))}
            </select>
          </label>
          <div className="flex flex-col gap-1">
            <div className="flex items-center gap-2">
              <input
                type="search"
                aria-label="Find a release by version"
                placeholder="Find a release by version"
                value={search}
                onChange={(e) => setSearch(e.currentTarget.value)}
                // Enter here searches, it must not start the deployment.
                onKeyDown={(e) => e.key === "Enter" && e.preventDefault()}
                className={`${controlClass} min-w-0 flex-1`}
              />
              {listing.next && (
                <button type="button" onClick={() => void loadOlder()} disabled={busy} className={secondaryButton}>
                  Older releases
                </button>
              )}
            </div>
            <p className="text-xs font-normal text-slate-500" aria-live="polite" data-testid="release-listing">
              {error ?? (busy ? "Reading releases…" : describeListing(listing))}
            </p>
          </div>
        </ExecutionForm>
      )}
    </Dialog>
  );
}

function describeListing({ query, items, next }: Listing): string {
  const count = `${items.length}${next ? "+" : ""} ${items.length === 1 && !next ? "release" : "releases"}`;
  if (!query) return next ? `The ${count.replace("+", "")} newest releases; find older ones by version or with Older releases.` : `All ${count}.`;
  return items.length === 0 ? `No release version contains “${query}”.` : `${count} with “${query}” in the version, newest first.`;
}
