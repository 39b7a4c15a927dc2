"use client";

import dynamic from "next/dynamic";
import { useState } from "react";
import type { CodeDiffProps } from "./CodeDiff";
import type { CodeEditorProps } from "./CodeEditor";

export type { CodeEditorProps, EditorHandle } from "./CodeEditor";
export type { CodeDiffProps } from "./CodeDiff";

const DEFAULT_HEIGHT = 260;

/** Monaco needs `window`: it is loaded in the browser only (see CodeEditor below for what shows meanwhile). */
const MonacoEditor = dynamic<CodeEditorProps>(() => import("./CodeEditor"), { ssr: false, loading: () => null });

/**
 * Starts fetching Monaco, the page's largest download, before any editor renders: a page calls
 * it as soon as it knows it will show one, so the download overlaps loading the data.
 */
export function preloadCodeEditor(): void {
  void import("./CodeEditor");
}

/**
 * One Monaco editor. Until Monaco is up its text shows read-only in the same place and the same
 * type, so the page can be read at once and does not jump when the editor takes over.
 */
export function CodeEditor(props: CodeEditorProps) {
  const [ready, setReady] = useState(false);
  const height = props.height ?? DEFAULT_HEIGHT;
  return (
    <div className="relative" style={{ minHeight: height }}>
      <MonacoEditor
        {...props}
        height={height}
        onReady={(handle) => {
          setReady(true);
          props.onReady?.(handle);
        }}
      />
      {!ready && (
        <pre
          aria-label={`${props.label} (read-only until the editor has loaded)`}
          data-testid="editor-text-fallback"
          className="absolute inset-0 m-0 overflow-hidden bg-white py-0 pl-[48px] font-mono text-[13px] leading-[19px] whitespace-pre text-slate-800"
          style={{ height }}
        >
          {props.value}
        </pre>
      )}
    </div>
  );
}

export const CodeDiff = dynamic<CodeDiffProps>(() => import("./CodeDiff"), {
  ssr: false,
  loading: () => <div className="h-24 w-full animate-pulse rounded bg-slate-100" />,
});
