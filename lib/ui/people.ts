/** A person as pages name them: what the records and the user table hold. */
export type Person = { displayName?: string | null; username: string };

/**
 * The one name a person goes by on every page: their display name, the username only when there
 * is none (a record that outlived its user keeps just the username it was written with).
 * Nobody (the system) reads "System".
 */
export function personName(person: Person | null | undefined): string {
  if (!person) return "System";
  return person.displayName?.trim() || person.username;
}

/** The username beside the name, where it tells people apart (filters, records); none when it would repeat the name. */
export function personUsername(person: Person | null | undefined): string | null {
  return person && person.username !== personName(person) ? person.username : null;
}

/** Name and username in one string, for a choice in a list: "Administrator (admin)". */
export function personLabel(person: Person | null | undefined): string {
  const username = personUsername(person);
  return username ? `${personName(person)} (${username})` : personName(person);
}
