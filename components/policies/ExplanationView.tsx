"use client";

import type { ExplainedLine, ExplainedRule, Explanation } from "@/lib/policies/decision/explain";
import { buttons } from "./ui";

const BLOCK_NAME = { scope: "Scope", conditions: "Conditions" } as const;
const KIND_WORD = { rule: "rule", else: "else", default: "default" } as const;

interface Props {
  explanation: Explanation;
  /** Moves the editor to a line; without it lines are text (the editor is not next to the view, or shows other text). */
  onGoTo?(at: ExplainedLine): void;
}

/** "Why did it decide that?": the body that decided each rule, and where the other bodies failed. */
export function ExplanationView({ explanation, onGoTo }: Props) {
  return (
    <div data-testid="explanation">
      <p className="font-medium text-slate-900">Why</p>
      <RuleWhy name="evaluate" rule={explanation.scope} onGoTo={onGoTo} />
      {explanation.result && <RuleWhy name="result" rule={explanation.result} onGoTo={onGoTo} />}
    </div>
  );
}

function RuleWhy({ name, rule, onGoTo }: { name: string; rule: ExplainedRule; onGoTo?(at: ExplainedLine): void }) {
  const failed = rule.bodies.filter((b) => !b.succeeded && b.failed);
  return (
    <div className="mt-1" data-testid={`explanation-${name}`}>
      <p>
        <code className="text-xs">{name}</code>{" "}
        {rule.decidedBy ? (
          <>
            was decided by the {KIND_WORD[rule.decidedBy.kind]} at <Where at={rule.decidedBy} onGoTo={onGoTo} />
          </>
        ) : (
          "is undefined: no body succeeded"
        )}
      </p>
      {failed.length > 0 && (
        <ul className="mt-0.5 space-y-0.5 pl-4">
          {failed.map((b) => (
            <li key={`${b.at.line}:${b.at.column}`} data-testid="explanation-failure">
              the {KIND_WORD[b.kind]} at {lineName(b.at)} failed at <Where at={b.failed!.at} onGoTo={onGoTo} />
              {b.failed!.values && <span className="text-slate-600"> (compared {b.failed!.values.join(", ")})</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

const lineName = (at: ExplainedLine) => `${BLOCK_NAME[at.module]} line ${at.moduleLine}`;

function Where({ at, onGoTo }: { at: ExplainedLine; onGoTo?(at: ExplainedLine): void }) {
  const label = lineName(at);
  return (
    <>
      {onGoTo ? (
        <button type="button" className={buttons.link} onClick={() => onGoTo(at)} title={`${at.file}:${at.line}`} data-testid="explanation-line">
          {label}
        </button>
      ) : (
        <span title={`${at.file}:${at.line}`}>{label}</span>
      )}
      : <code className="break-all text-xs">{at.text}</code>
    </>
  );
}
