import type { ReactNode } from "react";
import type { Tone } from "@/lib/ui/tone";

const TONE_CLASSES: Record<Tone, string> = {
  success: "bg-green-100 text-green-800 ring-green-600/30",
  warning: "bg-amber-100 text-amber-900 ring-amber-600/30",
  danger: "bg-red-100 text-red-800 ring-red-600/30",
  info: "bg-blue-100 text-blue-800 ring-blue-600/30",
  neutral: "bg-slate-100 text-slate-700 ring-slate-500/30",
};

export function StatusBadge({ tone, children }: { tone: Tone; children: ReactNode }) {
  return (
    <span className={`inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONE_CLASSES[tone]}`}>
      {children}
    </span>
  );
}
