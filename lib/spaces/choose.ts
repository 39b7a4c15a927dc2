export interface SpaceChoice {
  slug: string;
  isDefault: boolean;
}

/** The space the visitor picked, else the default space, else the first one. */
export function chooseSpace<T extends SpaceChoice>(spaces: T[], slug: string | undefined): T | undefined {
  return spaces.find((s) => s.slug === slug) ?? spaces.find((s) => s.isDefault) ?? spaces[0];
}
