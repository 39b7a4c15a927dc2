"use client";

import dynamic from "next/dynamic";
import type { CodeEditorProps } from "./CodeEditor";

export type { CodeEditorProps, EditorHandle } from "./CodeEditor";

/** Monaco needs `window`: it is loaded in the browser only, with a placeholder meanwhile. */
export const CodeEditor = dynamic<CodeEditorProps>(() => import("./CodeEditor"), {
  ssr: false,
  loading: () => <div className="h-40 w-full animate-pulse rounded bg-slate-100" />,
});
