"use client";

import { useEffect, useRef } from "react";
import { monaco, registerRego, THEME } from "./monaco-setup";

export interface CodeDiffProps {
  /** The older text, shown on the left. */
  original: string;
  modified: string;
  language: "rego";
  label: string;
}

const LINE_HEIGHT = 19;
const MAX_HEIGHT = 420;

/**
 * Monaco's side-by-side diff, read-only; loaded only in the browser through `next/dynamic` (see
 * ./index.tsx). Monaco is driven directly rather than through @monaco-editor/react's DiffEditor,
 * which disposes the models before the editor on unmount and so makes Monaco throw.
 */
export default function CodeDiff({ original, modified, language, label }: CodeDiffProps) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (language === "rego") registerRego([]);
    const editor = monaco.editor.createDiffEditor(container.current!, {
      readOnly: true,
      originalEditable: false,
      renderSideBySide: true,
      useInlineViewWhenSpaceIsLimited: false,
      automaticLayout: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      renderOverviewRuler: false,
      fontSize: 13,
      lineNumbersMinChars: 3,
      theme: THEME,
      originalAriaLabel: `${label}, previous version`,
      modifiedAriaLabel: label,
    });
    const models = { original: monaco.editor.createModel(original, language), modified: monaco.editor.createModel(modified, language) };
    editor.setModel(models);
    return () => {
      editor.dispose();
      models.original.dispose();
      models.modified.dispose();
    };
  }, [original, modified, language, label]);
  const lines = Math.max(original.split("\n").length, modified.split("\n").length);
  return <div ref={container} role="group" aria-label={label} style={{ height: Math.min(MAX_HEIGHT, (lines + 1) * LINE_HEIGHT) }} />;
}
