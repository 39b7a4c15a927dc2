import Link from "next/link";

/** " — name, name": the executions a banner line is about, each linking to its task. */
export function ExecutionLinks({ executions }: { executions: readonly { taskId: string; name: string }[] }) {
  return (
    <span className="text-xs">
      {" — "}
      {executions.map((e, i) => (
        <span key={e.taskId}>
          {i > 0 && ", "}
          <Link href={`/tasks/${e.taskId}`} className="underline underline-offset-2 hover:no-underline">
            {e.name}
          </Link>
        </span>
      ))}
    </span>
  );
}
