/** One filter of a GET filter form: a labelled select whose empty choice means "any". */
export function FilterSelect({ name, label, any, options, value }: { name: string; label: string; any: string; options: readonly { id: string; name: string }[]; value: string | undefined }) {
  return (
    <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
      {label}
      <select name={name} defaultValue={value ?? ""} className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900">
        <option value="">{any}</option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
    </label>
  );
}
