import { field } from "./ui";

interface Props {
  choices: { taskId: string; label: string }[];
  taskId: string | null;
  /** The input as the gate builds it for that execution; null when there is none. */
  input: unknown;
}

/** The input of a real demo execution; choosing another reloads the page with ?task=. */
export function DemoInput({ choices, taskId, input }: Props) {
  return (
    <section aria-labelledby="demo-input-heading" className="min-w-0 self-start rounded-lg border border-slate-200 bg-white p-4 shadow-sm 2xl:sticky 2xl:top-4">
      <h2 id="demo-input-heading" className="text-base font-semibold">
        Example input
      </h2>
      <p className="mt-0.5 text-xs text-slate-600">What a policy sees for a recent execution in the demo data, built exactly as the policy gate builds it.</p>
      {choices.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">No deployments or runbook runs yet. Deploy a release, then come back to see its input.</p>
      ) : (
        <form method="get" className="mt-3 flex items-end gap-2">
          <div className="min-w-0 flex-1">
            <label htmlFor="demo-input-task" className={field.label}>
              Execution
            </label>
            <select id="demo-input-task" name="task" className={field.input} defaultValue={taskId ?? undefined}>
              {choices.map((choice) => (
                <option key={choice.taskId} value={choice.taskId}>
                  {choice.label}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium shadow-sm hover:bg-slate-50">
            Show input
          </button>
        </form>
      )}
      {taskId && input === null && (
        <p role="alert" className={field.error}>
          {taskId} is not a deployment or runbook run.
        </p>
      )}
      {input !== null && (
        <pre className="mt-3 max-h-[75vh] overflow-auto rounded bg-slate-50 p-3 font-mono text-xs" data-testid="demo-input">
          {JSON.stringify(input, null, 2)}
        </pre>
      )}
    </section>
  );
}
