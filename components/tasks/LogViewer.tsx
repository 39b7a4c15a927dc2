"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useMemo, useRef, useState } from "react";
import { buildLogRows, type LogEntry } from "@/lib/tasks/log-rows";

const ROW_HEIGHT = 20;

const LEVEL_CLASSES: Record<string, string> = {
  Verbose: "text-slate-500",
  Info: "text-slate-800",
  Warning: "text-amber-800 bg-amber-50",
  Error: "text-red-800 bg-red-50",
  Fatal: "text-red-900 bg-red-100 font-semibold",
};

function Switch({ label, checked, onChange }: { label: string; checked: boolean; onChange: (next: boolean) => void }) {
  return (
    <button
      type="button"
      role="switch"
      aria-checked={checked}
      onClick={() => onChange(!checked)}
      className="flex items-center gap-2 rounded-md px-1 py-0.5 text-sm text-slate-700"
    >
      <span aria-hidden className={`relative inline-block h-5 w-9 rounded-full transition-colors ${checked ? "bg-brand-500" : "bg-slate-300"}`}>
        <span className={`absolute left-0 top-0.5 h-4 w-4 rounded-full bg-white shadow transition-transform ${checked ? "translate-x-4" : "translate-x-0.5"}`} />
      </span>
      {label}
    </button>
  );
}

/**
 * The log, virtualized: only the rows in view are in the DOM, so a 100,000-line log scrolls as
 * smoothly as a short one. While the task runs it keeps to the bottom unless the reader scrolled up.
 */
export function LogViewer({ entries, live }: { entries: LogEntry[]; live: boolean }) {
  const [verbose, setVerbose] = useState(false);
  const [timestamps, setTimestamps] = useState(true);
  const rows = useMemo(() => buildLogRows(entries, { verbose }), [entries, verbose]);
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  // Measured heights belong to rows, not positions: showing verbose lines shifts every index.
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, getItemKey: (i) => rows[i].key, overscan: 20 });

  // Showing or hiding verbose lines keeps the line the reader was looking at at the top.
  const anchorSeq = useRef<number | null>(null);
  const toggleVerbose = (next: boolean) => {
    const top = virtualizer.getVirtualItems().find((item) => item.start >= virtualizer.scrollOffset!) ?? virtualizer.getVirtualItems()[0];
    const row = top ? rows.slice(top.index).find((r) => r.kind === "line") : undefined;
    anchorSeq.current = row?.kind === "line" ? row.entry.seq : null;
    setVerbose(next);
  };

  useEffect(() => {
    if (anchorSeq.current !== null) {
      const seq = anchorSeq.current;
      anchorSeq.current = null;
      const index = rows.findIndex((r) => r.kind === "line" && r.entry.seq >= seq);
      if (index >= 0) virtualizer.scrollToIndex(index, { align: "start" });
    } else if (live && atBottom.current && rows.length > 0) {
      virtualizer.scrollToIndex(rows.length - 1, { align: "end" });
    }
  }, [live, rows, virtualizer]);

  return (
    <section aria-labelledby="task-log">
      <div className="mb-2 flex flex-wrap items-center justify-between gap-3">
        <h2 id="task-log" className="text-lg font-semibold">
          Task log
        </h2>
        <div className="flex items-center gap-4">
          <Switch label="Show verbose" checked={verbose} onChange={toggleVerbose} />
          <Switch label="Show timestamps" checked={timestamps} onChange={setTimestamps} />
        </div>
      </div>
      {rows.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white px-4 py-6 text-sm text-slate-600">
          {live ? "Waiting for the task to write its first lines…" : "This task wrote nothing at this level. Turn on Show verbose to see every line."}
        </p>
      ) : (
        <div
          ref={scroller}
          tabIndex={0}
          role="region"
          aria-label={`Log lines (${entries.length})`}
          onScroll={(e) => {
            const el = e.currentTarget;
            atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < ROW_HEIGHT * 2;
          }}
          className="h-[60vh] overflow-auto rounded-lg border border-slate-200 bg-white font-mono text-xs"
        >
          <div style={{ height: virtualizer.getTotalSize(), position: "relative", width: "100%" }}>
            {virtualizer.getVirtualItems().map((item) => {
              const row = rows[item.index];
              // Long lines wrap, so rows are measured once drawn rather than given one height.
              const style = { position: "absolute" as const, top: 0, left: 0, right: 0, minHeight: ROW_HEIGHT, transform: `translateY(${item.start}px)` };
              const measured = { ref: virtualizer.measureElement, "data-index": item.index };
              if (row.kind === "section") {
                return (
                  <div key={row.key} {...measured} style={style} className="border-y border-slate-100 bg-slate-50 px-3 font-sans text-[13px] font-semibold leading-5 text-slate-700">
                    {row.title}
                  </div>
                );
              }
              const level = row.entry.level;
              return (
                <div key={row.key} {...measured} style={style} data-level={level} className={`flex gap-3 px-3 leading-5 ${LEVEL_CLASSES[level] ?? ""}`}>
                  {timestamps && (
                    <time dateTime={row.entry.occurredAt} className="w-16 shrink-0 text-slate-500">
                      {row.first ? row.entry.occurredAt.slice(11, 19) : ""}
                    </time>
                  )}
                  <span className="w-14 shrink-0 uppercase text-[10px] leading-5 tracking-wide">{row.first ? level : ""}</span>
                  <span className="min-w-0 whitespace-pre-wrap break-words">{row.text}</span>
                </div>
              );
            })}
          </div>
        </div>
      )}
    </section>
  );
}
