"use client";
/**
 * Monaco from the local `monaco-editor` package, never a CDN: @monaco-editor/react's loader is
 * given this module's instance, and the web workers are bundled from node_modules by Next's
 * bundler (`new URL(..., import.meta.url)`). Only ever imported from client components loaded
 * with `ssr: false`.
 */
import * as monaco from "monaco-editor";
import { loader } from "@monaco-editor/react";
import type { EditorBuiltin } from "@/lib/editor/builtins";
import { completionsAt, hoverAt, type EditorField } from "@/lib/editor/completion";
import { REGO_LANGUAGE_ID, regoLanguageConfiguration, regoMonarchLanguage } from "@/lib/editor/rego-language";

declare global {
  interface Window {
    MonacoEnvironment?: monaco.Environment;
  }
}

if (typeof window !== "undefined" && !window.MonacoEnvironment) {
  window.MonacoEnvironment = {
    getWorker(_workerId: string, label: string) {
      // monaco-editor 0.57 exports "./*" as "./esm/vs/*": these are esm/vs/.../*.worker.js.
      if (label === "json") {
        return new Worker(new URL("monaco-editor/language/json/json.worker.js", import.meta.url), { type: "module" });
      }
      return new Worker(new URL("monaco-editor/editor/editor.worker.js", import.meta.url), { type: "module" });
    },
  };
}

loader.config({ monaco });

/** Light theme with Rego's builtins and `input` paths told apart from plain names. */
export const THEME = "policy-hub";
monaco.editor.defineTheme(THEME, {
  base: "vs",
  inherit: true,
  rules: [
    { token: "predefined", foreground: "795E26" },
    { token: "variable.predefined", foreground: "0451A5" },
    { token: "constant", foreground: "0000FF" },
    { token: "comment", foreground: "008000", fontStyle: "italic" },
  ],
  colors: {},
});

export { monaco };

/** Completion and hover read the current schema fields and builtins through this holder. */
const context: { fields: readonly EditorField[]; builtins: readonly EditorBuiltin[] } = { fields: [], builtins: [] };
let registered = false;
let tokenized: "not yet" | "without builtins" | "with builtins" = "not yet";

/** Registers the Rego language once per page; later calls only refresh fields and builtins. */
export function setUpRego(fields: readonly EditorField[], builtins: readonly EditorBuiltin[]): void {
  context.fields = fields;
  context.builtins = builtins;
  registerRego(builtins);
}

/**
 * The Rego language without changing what completion offers (a read-only diff has no schema
 * fields to give). Builtins are highlighted once some caller names them: a diff shown before
 * any editor registers the language without them.
 */
export function registerRego(builtins: readonly EditorBuiltin[]): void {
  if (!registered) monaco.languages.register({ id: REGO_LANGUAGE_ID, extensions: [".rego"], aliases: ["Rego"] });
  if (tokenized === "not yet" || (tokenized === "without builtins" && builtins.length > 0)) {
    monaco.languages.setMonarchTokensProvider(REGO_LANGUAGE_ID, regoMonarchLanguage(builtins.map((b) => b.name)));
    tokenized = builtins.length > 0 ? "with builtins" : "without builtins";
  }
  if (registered) return;
  registered = true;
  monaco.languages.setLanguageConfiguration(REGO_LANGUAGE_ID, regoLanguageConfiguration);

  monaco.languages.registerCompletionItemProvider(REGO_LANGUAGE_ID, {
    triggerCharacters: ["."],
    provideCompletionItems(model, position) {
      const lineBefore = model.getLineContent(position.lineNumber).slice(0, position.column - 1);
      const textBefore = model.getValueInRange(new monaco.Range(1, 1, position.lineNumber, position.column));
      const kinds = {
        field: monaco.languages.CompletionItemKind.Field,
        function: monaco.languages.CompletionItemKind.Function,
        keyword: monaco.languages.CompletionItemKind.Keyword,
      };
      const suggestions = completionsAt(lineBefore, textBefore, context.fields, context.builtins).map((s) => ({
        label: s.label,
        kind: kinds[s.kind],
        insertText: s.insertText,
        filterText: s.filterText,
        detail: s.detail,
        documentation: s.documentation ? { value: s.documentation } : undefined,
        range: new monaco.Range(position.lineNumber, s.replaceFrom, position.lineNumber, position.column),
      }));
      return { suggestions };
    },
  });

  monaco.languages.registerHoverProvider(REGO_LANGUAGE_ID, {
    provideHover(model, position) {
      const textBefore = model.getValueInRange(new monaco.Range(1, 1, position.lineNumber, position.column));
      const info = hoverAt(model.getLineContent(position.lineNumber), position.column, textBefore, context.fields, context.builtins);
      if (!info) return null;
      return {
        contents: info.contents.map((value) => ({ value })),
        range: new monaco.Range(position.lineNumber, info.startColumn, position.lineNumber, info.endColumn),
      };
    },
  });
}
