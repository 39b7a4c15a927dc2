/**
 * Quick fixes (the light bulb, Ctrl+.) for markers that carry one: the lint warnings of
 * lib/policies/lint come from the server with their edits, and each editor hands its markers
 * here, so the one code action provider finds the fix of the marker under the cursor.
 */
import type { EditorMarker } from "@/lib/editor/diagnostics";
import { monaco } from "./monaco-setup";

type Model = ReturnType<typeof monaco.editor.createModel>;

const fixes = new WeakMap<Model, readonly EditorMarker[]>();
let registered = false;

const sameRange = (m: EditorMarker, r: { startLineNumber: number; startColumn: number; endLineNumber: number; endColumn: number }) =>
  m.startLineNumber === r.startLineNumber && m.startColumn === r.startColumn && m.endLineNumber === r.endLineNumber && m.endColumn === r.endColumn;

/** Remembers the markers shown in `model`, for their fixes; registers the provider for `language` once. */
export function rememberQuickFixes(model: Model, language: string, markers: readonly EditorMarker[]): void {
  fixes.set(
    model,
    markers.filter((m) => m.fix),
  );
  if (registered) return;
  registered = true;
  monaco.languages.registerCodeActionProvider(language, {
    provideCodeActions(target, _range, context) {
      const actions = context.markers.flatMap((marker) => {
        const found = (fixes.get(target) ?? []).find((m) => m.code === (typeof marker.code === "string" ? marker.code : marker.code?.value) && sameRange(m, marker));
        if (!found?.fix) return [];
        return [
          {
            title: found.fix.title,
            kind: "quickfix",
            diagnostics: [marker],
            isPreferred: true,
            edit: {
              edits: found.fix.edits.map((e) => ({
                resource: target.uri,
                versionId: target.getVersionId(),
                textEdit: { range: { startLineNumber: e.line, startColumn: e.column, endLineNumber: e.endLine, endColumn: e.endColumn }, text: e.text },
              })),
            },
          },
        ];
      });
      return { actions, dispose() {} };
    },
  });
}
