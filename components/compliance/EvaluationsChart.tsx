"use client";

import { useEffect, useRef, useState } from "react";
import type { DayCounts } from "@/lib/compliance/overview";
import type { PolicyOutcome } from "@/lib/db/enums";
import { Table, Td, Th } from "@/components/Table";

// Stacked bottom-up in this order; the colours are the app's status colours.
const SERIES: { outcome: PolicyOutcome; label: string; fill: string }[] = [
  { outcome: "pass", label: "Passed", fill: "#16a34a" },
  { outcome: "warn", label: "Warned", fill: "#d97706" },
  { outcome: "block", label: "Blocked", fill: "#dc2626" },
  // Violet, not a darker red: Errored (the policy could not be evaluated) must not read as Blocked.
  { outcome: "error", label: "Errored", fill: "#7c3aed" },
  // Blue, the app's info tone: a violation an exemption covered is neither a failure nor a pass.
  { outcome: "exempted", label: "Exempted", fill: "#2563eb" },
];

const WIDTH = 760;
const HEIGHT = 220;
const PAD = { top: 12, right: 8, bottom: 28, left: 36 };

/**
 * The chart's width in pixels: the room its figure has (at most WIDTH). The plot is drawn in
 * pixels rather than scaled from a fixed viewBox, so its 12px text is the page's 12px at any width.
 */
function useChartWidth() {
  const ref = useRef<HTMLElement>(null);
  const [width, setWidth] = useState(WIDTH);
  useEffect(() => {
    const figure = ref.current;
    if (!figure) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.max(200, Math.min(WIDTH, Math.floor(entry.contentRect.width)))));
    observer.observe(figure);
    return () => observer.disconnect();
  }, []);
  return { ref, width };
}

/** A round upper bound for the axis: 1, 2, 5 times a power of ten. */
export function niceMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((m) => m * power).find((m) => m >= value)!;
}

/**
 * Evaluations per day as stacked bars, drawn as plain SVG. Screen readers get a summary on the
 * image and the same numbers as a table below it.
 */
export function EvaluationsChart({ days, title }: { days: DayCounts[]; title: string }) {
  const { ref, width } = useChartWidth();
  const total = (d: DayCounts) => SERIES.reduce((sum, s) => sum + d[s.outcome], 0);
  const max = niceMax(Math.max(0, ...days.map(total)));
  const plotW = width - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const slot = plotW / days.length;
  const barW = Math.max(2, slot * 0.7);
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH;
  // A day label takes about 48px ("12-03" and a gap): fewer of them when the chart is narrow.
  const labelEvery = Math.ceil(days.length / Math.max(1, Math.floor(plotW / 48)));
  const sum = days.reduce((n, d) => n + total(d), 0);

  return (
    <figure ref={ref} className="min-w-0">
      <div className="mb-2 flex flex-wrap gap-4 text-xs text-slate-700" aria-hidden>
        {SERIES.map((s) => (
          <span key={s.outcome} className="flex items-center gap-1.5">
            <span className="inline-block h-3 w-3 rounded-sm" style={{ background: s.fill }} />
            {s.label}
          </span>
        ))}
      </div>
      <svg viewBox={`0 0 ${width} ${HEIGHT}`} width={width} height={HEIGHT} className="h-auto max-w-full" role="img" aria-label={`${title}: ${sum} evaluations over ${days.length} days. The table below lists each day.`}>
        {[0, 0.5, 1].map((f) => (
          <g key={f}>
            <line x1={PAD.left} x2={width - PAD.right} y1={y(max * f)} y2={y(max * f)} stroke="#e2e8f0" />
            <text x={PAD.left - 6} y={y(max * f) + 4} textAnchor="end" fontSize="12" fill="#64748b">
              {max * f}
            </text>
          </g>
        ))}
        {days.map((d, i) => {
          const x = PAD.left + i * slot + (slot - barW) / 2;
          let base = 0;
          return (
            <g key={d.day}>
              <title>{`${d.day}: ${SERIES.map((s) => `${d[s.outcome]} ${s.label.toLowerCase()}`).join(", ")}`}</title>
              {SERIES.map((s) => {
                const v = d[s.outcome];
                if (v === 0) return null;
                const rect = <rect key={s.outcome} x={x} y={y(base + v)} width={barW} height={y(base) - y(base + v)} fill={s.fill} />;
                base += v;
                return rect;
              })}
              {i % labelEvery === 0 && (
                <text x={x + barW / 2} y={HEIGHT - 10} textAnchor="middle" fontSize="12" fill="#64748b">
                  {d.day.slice(5)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <details className="mt-2">
        <summary className="cursor-pointer text-sm text-brand-700">Show the numbers as a table</summary>
        <div className="mt-2">
          <Table caption={`${title}, per day`}>
            <thead>
              <tr>
                <Th>Day</Th>
                {SERIES.map((s) => (
                  <Th key={s.outcome} className="text-right">
                    {s.label}
                  </Th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {days.map((d) => (
                <tr key={d.day}>
                  <Td>{d.day}</Td>
                  {SERIES.map((s) => (
                    <Td key={s.outcome} className="text-right tabular-nums">
                      {d[s.outcome]}
                    </Td>
                  ))}
                </tr>
              ))}
            </tbody>
          </Table>
        </div>
      </details>
    </figure>
  );
}
