"use client";

import { useCallback, useEffect, useRef } from "react";

const MESSAGE = "You have uncommitted changes to this policy. Leave without committing them?";

/** Marks the extra history entry that stands between the editor and the page before it. */
const GUARD = "policyHubUnsavedGuard";

/**
 * Warns before losing uncommitted edits: the browser's own prompt on reload, close and
 * external navigation (beforeunload), a confirm for in-app links, which the App Router
 * follows without unloading the page, and a confirm on Back/Forward: while there are edits an
 * extra entry for this same page sits on top of the history, so Back first lands on this page
 * again, where we ask; cancelled, the entry is put back, confirmed, we go on back.
 */
export function useUnsavedChangesWarning(dirty: boolean) {
  const dirtyRef = useRef(dirty);
  dirtyRef.current = dirty;

  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!dirtyRef.current) return;
      event.preventDefault();
      event.returnValue = "";
    };
    // Capture phase on the document runs before Next's <Link> handler on the anchor.
    const onClick = (event: MouseEvent) => {
      if (!dirtyRef.current || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const anchor = (event.target as Element | null)?.closest?.("a[href]") as HTMLAnchorElement | null;
      if (!anchor || anchor.target === "_blank" || anchor.hasAttribute("download")) return;
      const url = new URL(anchor.href, window.location.href);
      if (url.origin !== window.location.origin) return;
      if (url.pathname === window.location.pathname && url.search === window.location.search) return;
      if (!window.confirm(MESSAGE)) {
        event.preventDefault();
        event.stopPropagation();
      }
    };
    let leaving = false;
    const onPopState = (event: PopStateEvent) => {
      if (leaving || !dirtyRef.current || event.state?.[GUARD]) return;
      if (window.confirm(MESSAGE)) {
        leaving = true;
        window.history.back();
      } else {
        window.history.pushState({ ...window.history.state, [GUARD]: true }, "");
      }
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    window.addEventListener("popstate", onPopState);
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      window.removeEventListener("popstate", onPopState);
      document.removeEventListener("click", onClick, true);
    };
  }, []);

  useEffect(() => {
    if (dirty && !window.history.state?.[GUARD]) window.history.pushState({ ...window.history.state, [GUARD]: true }, "");
  }, [dirty]);

  const confirmLeave = useCallback(() => !dirtyRef.current || window.confirm(MESSAGE), []);
  return { confirmLeave };
}
