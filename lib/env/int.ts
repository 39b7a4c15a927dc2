/** An integer setting from the environment: `fallback` when it is unset, not an integer or below `min`. */
export function intFromEnv(value: string | undefined, fallback: number, min: number): number {
  const n = Number(value);
  return value !== undefined && value !== "" && Number.isInteger(n) && n >= min ? n : fallback;
}
