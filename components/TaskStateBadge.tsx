import { humanize, taskStateTone } from "@/lib/ui/tone";
import { StatusBadge } from "./StatusBadge";

export function TaskStateBadge({ state }: { state: string }) {
  return <StatusBadge tone={taskStateTone(state)}>{humanize(state)}</StatusBadge>;
}
