// Its own folder below lib/audit and lib/auth: audit records name the credential an actor used,
// and auth (which issues sessions and keys) records to the audit, so neither may hold it.
/** The credential a request acted through: a browser session or an API key. */
export type Credential = { kind: "session"; sessionId: string } | { kind: "apiKey"; apiKeyId: string; apiKeyName: string };

/** How audit records and task logs name it: the key, when a key did it. */
export function credentialDetails(via: Credential): Record<string, string> {
  return via.kind === "apiKey" ? { via: "apiKey", apiKeyId: via.apiKeyId, apiKeyName: via.apiKeyName } : { via: "session" };
}

export function credentialSuffix(via: Credential | undefined): string {
  return via?.kind === "apiKey" ? ` with API key "${via.apiKeyName}" (${via.apiKeyId})` : "";
}
