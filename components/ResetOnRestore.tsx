"use client";

import { useEffect, useRef } from "react";

/**
 * Put inside a GET filter form. Back can bring the page back from the browser's back/forward
 * cache exactly as it was left, unapplied choices included, while the URL and rows are those of
 * the filter applied; resetting the form then shows the filters the page was rendered with.
 */
export function ResetOnRestore() {
  const marker = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    const onPageShow = (event: PageTransitionEvent) => {
      if (event.persisted) marker.current?.closest("form")?.reset();
    };
    window.addEventListener("pageshow", onPageShow);
    return () => window.removeEventListener("pageshow", onPageShow);
  }, []);
  return <span ref={marker} hidden />;
}
