"use client";

import { useCallback, useEffect, useRef } from "react";

const MESSAGE = "You have uncommitted changes to this policy. Leave without committing them?";

/**
 * Warns before losing uncommitted edits: the browser's own prompt on reload, close and
 * external navigation (beforeunload), and a confirm for in-app links, which the App Router
 * follows without unloading the page.
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
    window.addEventListener("beforeunload", onBeforeUnload);
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onClick, true);
    };
  }, []);

  const confirmLeave = useCallback(() => !dirtyRef.current || window.confirm(MESSAGE), []);
  return { confirmLeave };
}
