"use client";

import Editor, { type OnMount } from "@monaco-editor/react";
import { useEffect, useLayoutEffect, useRef } from "react";
import type { EditorBuiltin } from "@/lib/editor/builtins";
import type { EditorField } from "@/lib/editor/completion";
import type { EditorMarker } from "@/lib/editor/diagnostics";
import { monaco, setUpRego, THEME } from "./monaco-setup";
import { rememberQuickFixes } from "./quick-fixes";

export type EditorHandle = { focusAt(line: number, column: number): void };

export interface CodeEditorProps {
  /** Model URI path, unique on the page, e.g. "my_policy/scope.rego". */
  path: string;
  language: "rego" | "json";
  value: string;
  onChange(value: string): void;
  label: string;
  markers?: readonly EditorMarker[];
  height?: number;
  fields?: readonly EditorField[];
  builtins?: readonly EditorBuiltin[];
  onReady?(handle: EditorHandle): void;
}

/** One Monaco editor; loaded only in the browser through `next/dynamic` (see ./index.tsx). */
export default function CodeEditor({ path, language, value, onChange, label, markers = [], height, fields = [], builtins = [], onReady }: CodeEditorProps) {
  const editorRef = useRef<Parameters<OnMount>[0] | null>(null);
  // The editor owns its text while you type; `value` only replaces it when it changes from
  // outside (another branch loaded, an input copied in), never by echoing our own onChange.
  // A layout effect: a passive one could run after the next keystroke and undo it.
  const emitted = useRef(value);
  if (language === "rego") setUpRego(fields, builtins);

  useLayoutEffect(() => {
    const editor = editorRef.current;
    if (!editor || value === emitted.current || value === editor.getValue()) return;
    emitted.current = value;
    editor.setValue(value);
  }, [value]);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model) return;
    monaco.editor.setModelMarkers(
      model,
      "policy-hub",
      markers.map((m) => ({ ...m, severity: m.severity === "warning" ? monaco.MarkerSeverity.Warning : monaco.MarkerSeverity.Error, source: "Policy Hub" })),
    );
    rememberQuickFixes(model, language, markers);
  }, [markers, language]);

  return (
    <Editor
      path={path}
      language={language}
      defaultValue={value}
      height={height}
      theme={THEME}
      onChange={(next) => {
        emitted.current = next ?? "";
        onChange(next ?? "");
      }}
      loading={<div className="h-full w-full animate-pulse bg-slate-100" aria-label={`Loading ${label}`} />}
      onMount={(editor) => {
        editorRef.current = editor;
        const model = editor.getModel();
        if (model) {
          monaco.editor.setModelMarkers(
            model,
            "policy-hub",
            markers.map((m) => ({ ...m, severity: m.severity === "warning" ? monaco.MarkerSeverity.Warning : monaco.MarkerSeverity.Error, source: "Policy Hub" })),
          );
          rememberQuickFixes(model, language, markers);
        }
        onReady?.({
          focusAt(line, column) {
            editor.revealLineInCenter(line);
            editor.setPosition({ lineNumber: line, column });
            editor.focus();
          },
        });
      }}
      options={{
        ariaLabel: label,
        minimap: { enabled: false },
        fontSize: 13,
        lineNumbersMinChars: 3,
        scrollBeyondLastLine: false,
        tabSize: 4,
        insertSpaces: true,
        automaticLayout: true,
        renderLineHighlight: "line",
        fixedOverflowWidgets: true,
        quickSuggestions: { other: true, comments: false, strings: false },
        wordBasedSuggestions: "off",
        // Tab indents; Ctrl+M (Monaco's tab focus mode) makes Tab move focus out of the editor.
        tabFocusMode: false,
      }}
    />
  );
}
