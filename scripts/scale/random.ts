/** Small deterministic generator, so every run measures the same data. */
export function seededRandom(seed = 0x2545f491) {
  let state = seed;
  const random = (): number => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x1_0000_0000;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  return { random, pick };
}
