/**
 * IP addresses and CIDR blocks as Go's `net` package reads and prints them, for the `net.*`
 * builtins: addresses are integers with a width of 32 or 128 bits; an IPv4-mapped IPv6 address
 * (`::ffff:1.2.3.4`) is the IPv4 address, as Go's `To4` makes it in `IPNet.Contains`.
 */

export interface IP {
  readonly bits: 32 | 128;
  readonly value: bigint;
}

export interface CIDR {
  /** The address as written (Go keeps it unmasked for a bare address widened by a default mask). */
  readonly ip: IP;
  readonly prefix: number;
}

function parseV4(s: string): bigint | undefined {
  const parts = s.split(".");
  if (parts.length !== 4) return undefined;
  let v = 0n;
  for (const p of parts) {
    // Go rejects leading zeros (ambiguous octal) and more than three digits
    if (!/^(0|[1-9][0-9]{0,2})$/.test(p) || Number(p) > 255) return undefined;
    v = (v << 8n) | BigInt(p);
  }
  return v;
}

function parseV6(s: string): bigint | undefined {
  if (s.includes("%")) return undefined; // zones are not addresses for ParseIP
  const lastColon = s.lastIndexOf(":");
  if (s.includes(".", lastColon)) {
    // an embedded IPv4 tail stands for the last two groups
    const v4 = parseV4(s.slice(lastColon + 1));
    if (v4 === undefined) return undefined;
    s = `${s.slice(0, lastColon + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const halves = s.split("::");
  if (halves.length > 2) return undefined;
  const group = (h: string): bigint[] | undefined => {
    if (h === "") return [];
    const gs = h.split(":");
    if (gs.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
    return gs.map((g) => BigInt("0x" + g));
  };
  const head = group(halves[0]);
  const rest = halves.length === 2 ? group(halves[1]) : [];
  if (!head || !rest) return undefined;
  const given = head.length + rest.length;
  if (halves.length === 1 ? given !== 8 : given > 7) return undefined;
  const groups = [...head, ...Array<bigint>(8 - given).fill(0n), ...rest];
  return groups.reduce((acc, g) => (acc << 16n) | g, 0n);
}

/** Go's net.ParseIP. */
export function parseIP(s: string): IP | undefined {
  const v4 = parseV4(s);
  if (v4 !== undefined) return { bits: 32, value: v4 };
  if (!s.includes(":")) return undefined;
  const v6 = parseV6(s);
  if (v6 === undefined) return undefined;
  return v6 >> 32n === 0xffffn ? { bits: 32, value: v6 & 0xffffffffn } : { bits: 128, value: v6 };
}

/** Go's net.ParseCIDR: the network (address masked) and its prefix length. */
export function parseCIDR(s: string): CIDR | undefined {
  const slash = s.indexOf("/");
  if (slash < 0) return undefined;
  const addr = s.slice(0, slash);
  const len = s.slice(slash + 1);
  if (!/^[0-9]{1,3}$/.test(len)) return undefined;
  let prefix = Number(len);
  let ip = parseIP(addr);
  if (!ip) return undefined;
  const written = parseV4(addr) !== undefined ? 32 : 128;
  if (prefix > written) return undefined;
  if (written === 128 && ip.bits === 32) {
    // ::ffff:a.b.c.d/n: Go's Contains sees the IPv4 network /n-96 (all of IPv4 below /96)
    prefix = Math.max(0, prefix - 96);
  }
  ip = { bits: ip.bits, value: ip.value & mask(ip.bits, prefix) };
  return { ip, prefix };
}

export const mask = (bits: number, prefix: number): bigint =>
  ((1n << BigInt(bits)) - 1n) ^ ((1n << BigInt(bits - prefix)) - 1n);

export const firstIP = (c: CIDR): bigint => c.ip.value & mask(c.ip.bits, c.prefix);
export const lastIP = (c: CIDR): bigint => firstIP(c) | ((1n << BigInt(c.ip.bits - c.prefix)) - 1n);

/** IPNet.Contains: same family, same network bits. */
export function contains(c: CIDR, ip: IP): boolean {
  if (c.ip.bits !== ip.bits) return false;
  const m = mask(c.ip.bits, c.prefix);
  return (c.ip.value & m) === (ip.value & m);
}

/** Go's IP.String(): dotted quad, or RFC 5952 text (longest run of 2+ zero groups as `::`). */
export function formatIP(ip: IP): string {
  if (ip.bits === 32) return [24n, 16n, 8n, 0n].map((sh) => String((ip.value >> sh) & 0xffn)).join(".");
  const groups = Array.from({ length: 8 }, (_, i) => Number((ip.value >> BigInt(112 - 16 * i)) & 0xffffn));
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) [best, bestLen] = [i, j - i];
    i = j === i ? i + 1 : j;
  }
  const hex = (gs: number[]) => gs.map((g) => g.toString(16)).join(":");
  return best < 0 ? hex(groups) : `${hex(groups.slice(0, best))}::${hex(groups.slice(best + bestLen))}`;
}

export const formatCIDR = (c: CIDR): string => `${formatIP(c.ip)}/${c.prefix}`;

/** Go's IP.DefaultMask for an IPv4 address: the classful /8, /16 or /24. */
export function defaultPrefix(ip: IP): number {
  const first = Number(ip.value >> 24n);
  return first < 0x80 ? 8 : first < 0xc0 ? 16 : 24;
}

/** The fewest CIDR blocks covering [first, last] exactly (netaddr's range-to-CIDR split). */
export function rangeToCIDRs(bits: 32 | 128, first: bigint, last: bigint): CIDR[] {
  const out: CIDR[] = [];
  let start = first;
  while (start <= last) {
    let size = 0;
    while (size < bits && (start & ((1n << BigInt(size + 1)) - 1n)) === 0n && start + (1n << BigInt(size + 1)) - 1n <= last) size++;
    out.push({ ip: { bits, value: start }, prefix: bits - size });
    start += 1n << BigInt(size);
  }
  return out;
}
