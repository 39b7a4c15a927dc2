import { describe, expect, it } from "vitest";
import { json } from "./testing";

// [uri, uri.parse result (undefined when url.Parse rejects it), uri.is_valid]; Go's net/url.Parse rules.
const CASES: [string, Record<string, string> | undefined, boolean][] = [
  ["http://h", { hostname: "h", scheme: "http" }, true],
  ["HTTP://H", { hostname: "H", scheme: "http" }, true],
  ["1abc://h", undefined, false],
  ["://h", undefined, false],
  ["foo:bar", { scheme: "foo" }, true],
  ["http://h:8080", { hostname: "h", port: "8080", scheme: "http" }, true],
  ["http://h:", { hostname: "h", scheme: "http" }, true],
  ["http://h:abc", undefined, false],
  ["http://h:80:90", { hostname: "h:80", port: "90", scheme: "http" }, true],
  ["http://u:p@h:1/x", { hostname: "h", path: "/x", port: "1", raw_path: "/x", scheme: "http" }, true],
  ["http:///p", { path: "/p", raw_path: "/p", scheme: "http" }, true],
  ["//h/p", { hostname: "h", path: "/p", raw_path: "/p" }, true],
  ["http://[::1]:80", { hostname: "::1", port: "80", scheme: "http" }, true],
  ["http://[fe80::1%25en0]", { hostname: "fe80::1%en0", scheme: "http" }, true],
  ["http://[fe80::1%25]", undefined, false],
  ["http://[::1", undefined, false],
  ["http://h/a%20b", { hostname: "h", path: "/a b", raw_path: "/a b", scheme: "http" }, true],
  ["http://h/%2Fx", { hostname: "h", path: "//x", raw_path: "/%2Fx", scheme: "http" }, true],
  ["http://h/%41", { hostname: "h", path: "/A", raw_path: "/%41", scheme: "http" }, true],
  ["http://h/caf%C3%A9", { hostname: "h", path: "/café", raw_path: "/café", scheme: "http" }, true],
  ["http://h/bad%2", undefined, false],
  ["rel/path", { path: "rel/path", raw_path: "rel/path" }, true],
  ["http://h/p?a=1&b=2", { hostname: "h", path: "/p", raw_path: "/p", raw_query: "a=1&b=2", scheme: "http" }, true],
  ["http://h?", { hostname: "h", scheme: "http" }, true],
  ["http://h/p#f?q", { fragment: "f?q", hostname: "h", path: "/p", raw_path: "/p", scheme: "http" }, true],
  ["http://h/p?%20=%26#%2e", { fragment: ".", hostname: "h", path: "/p", raw_path: "/p", raw_query: "%20=%26", scheme: "http" }, true],
  ["mailto:a@b.com", { scheme: "mailto" }, true],
  ["file:/etc/hosts", { path: "/etc/hosts", raw_path: "/etc/hosts", scheme: "file" }, true],
  ["cache_object:foo/bar", undefined, false],
  ["", {}, false],
  ["*", { path: "*", raw_path: "*" }, true],
  ["ht tp://h", undefined, false],
];

describe("uri.parse / uri.is_valid", () => {
  it.each(CASES)("%s", (uri, parsed, valid) => {
    expect(json("uri.parse", uri)).toEqual(parsed);
    expect(json("uri.is_valid", uri)).toBe(valid);
  });

  it("is_valid is false for a non-string", () => {
    expect(json("uri.is_valid", 42)).toBe(false);
  });
});
