/** Button and field styles shared by the policy screens (Octopus-like: dense, calm, clear focus). */
export const buttons = {
  primary:
    "inline-flex items-center justify-center gap-1 rounded-md bg-brand-500 px-3 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-brand-700 disabled:cursor-not-allowed disabled:opacity-50",
  secondary:
    "inline-flex items-center justify-center gap-1 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 shadow-sm hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-50",
  danger:
    "inline-flex items-center justify-center gap-1 rounded-md border border-red-300 bg-white px-3 py-1.5 text-sm font-medium text-red-700 shadow-sm hover:bg-red-50 disabled:cursor-not-allowed disabled:opacity-50",
  link: "text-sm font-medium text-brand-500 hover:underline",
};

export const field = {
  label: "block text-sm font-medium text-slate-800",
  hint: "mt-1 text-xs text-slate-500",
  input:
    "mt-1 block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm text-slate-900 shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/30 disabled:bg-slate-100 disabled:text-slate-500",
  error: "mt-1 text-xs text-red-700",
};
