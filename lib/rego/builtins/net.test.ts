import { describe, expect, it } from "vitest";
import { formatIP, parseCIDR, parseIP } from "./ipnet";
import { fails, json, o } from "./testing";

// Examples from OPA's policy reference (net) and Go's net package behaviour.
describe("net.cidr_contains", () => {
  it("tests addresses and blocks", () => {
    expect(json("net.cidr_contains", "127.0.0.0/8", "127.0.0.1")).toBe(true);
    expect(json("net.cidr_contains", "127.0.0.0/8", "127.0.1.0/24")).toBe(true);
    expect(json("net.cidr_contains", "127.0.0.64/26", "127.0.0.0/24")).toBe(false);
    expect(json("net.cidr_contains", "10.0.0.0/8", "11.0.0.1")).toBe(false);
    expect(json("net.cidr_contains", "2001:4860:4860::8888/32", "2001:4860:4860:1234::8888")).toBe(true);
    expect(json("net.cidr_contains", "2001:4860::/32", "192.168.0.1")).toBe(false);
    // an IPv4-mapped IPv6 address is its IPv4 address, as Go's To4 makes it
    expect(json("net.cidr_contains", "192.168.0.0/16", "::ffff:192.168.3.4")).toBe(true);
  });

  it("reports bad blocks and addresses with Go's wording", () => {
    expect(fails("net.cidr_contains", "10.0.0.0/33", "10.0.0.1")).toBe("eval_builtin_error: invalid CIDR address: 10.0.0.0/33");
    expect(fails("net.cidr_contains", "10.0.0.0/8", "10.0.0.1.5")).toBe(
      "eval_builtin_error: not a valid textual representation of an IP address or CIDR: 10.0.0.1.5",
    );
    expect(fails("net.cidr_contains", 1, "10.0.0.1")).toBe("eval_type_error: operand 1 must be string but got number");
  });
});

describe("net.cidr_intersects / cidr_is_valid", () => {
  it("intersects when either block holds the other's first address", () => {
    expect(json("net.cidr_intersects", "192.168.0.0/16", "192.168.1.0/24")).toBe(true);
    expect(json("net.cidr_intersects", "192.168.1.0/24", "192.168.0.0/16")).toBe(true);
    expect(json("net.cidr_intersects", "192.168.0.0/24", "192.168.1.0/24")).toBe(false);
    expect(json("net.cidr_intersects", "fd1e:5bfe:8af3:9ddc::/64", "fd1e:5bfe:8af3:9ddc:1111::/72")).toBe(true);
  });

  it("validates CIDR text (not addresses, not leading zeros, false for non-strings)", () => {
    expect(json("net.cidr_is_valid", "192.168.0.0/24")).toBe(true);
    expect(json("net.cidr_is_valid", "fd1e:5bfe:8af3:9ddc::/64")).toBe(true);
    expect(json("net.cidr_is_valid", "192.168.0.0/33")).toBe(false);
    expect(json("net.cidr_is_valid", "192.168.0.1")).toBe(false);
    expect(json("net.cidr_is_valid", "192.168.01.0/24")).toBe(false);
    expect(json("net.cidr_is_valid", 1)).toBe(false);
  });
});

describe("net.cidr_expand", () => {
  it("lists every address of the block", () => {
    expect(json("net.cidr_expand", "192.168.0.0/30")).toEqual(["192.168.0.0", "192.168.0.1", "192.168.0.2", "192.168.0.3"]);
    expect(json("net.cidr_expand", "10.1.2.3/32")).toEqual(["10.1.2.3"]);
    expect(json("net.cidr_expand", "fd1e:5bfe:8af3:9ddc::/127")).toEqual(["fd1e:5bfe:8af3:9ddc::", "fd1e:5bfe:8af3:9ddc::1"]);
  });

  it("refuses a block too big to list", () => {
    expect(fails("net.cidr_expand", "10.0.0.0/8")).toBe("eval_builtin_error: CIDR of more than 1000000 addresses");
  });
});

describe("net.cidr_contains_matches", () => {
  it("pairs the keys of matching blocks and addresses, as OPA's documented examples", () => {
    expect(json("net.cidr_contains_matches", "1.1.1.0/24", "1.1.1.128")).toEqual([["1.1.1.0/24", "1.1.1.128"]]);
    expect(json("net.cidr_contains_matches", ["1.1.1.0/24", "1.1.2.0/24"], "1.1.1.128")).toEqual([[0, "1.1.1.128"]]);
    expect(json("net.cidr_contains_matches", [["1.1.0.0/16", "foo"], "1.1.2.0/24"], ["1.1.1.128", ["1.1.254.254", "bar"]])).toEqual([
      [0, 0],
      [0, 1],
    ]);
    expect(json("net.cidr_contains_matches", o({ "1.1.0.0/16": ["1.1.0.0/16", "foo"], x: "2.0.0.0/8" }), ["1.1.1.128"])).toEqual([
      ["1.1.0.0/16", 0],
    ]);
  });

  it("rejects elements that are not strings or tuples", () => {
    expect(fails("net.cidr_contains_matches", [1], "1.1.1.1")).toBe("eval_builtin_error: operand 1: element must be string or non-empty array");
  });
});

describe("net.cidr_merge", () => {
  it("merges adjacent and contained blocks into the fewest CIDRs", () => {
    expect(json("net.cidr_merge", ["192.0.128.0/24", "192.0.129.0/24"])).toEqual(["192.0.128.0/23"]);
    expect(json("net.cidr_merge", ["192.0.2.0/24", "192.0.2.128/25", "192.0.2.0/24"])).toEqual(["192.0.2.0/24"]);
    expect(json("net.cidr_merge", ["10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"])).toEqual(["10.0.0.0/23", "10.0.2.0/24"]);
    expect(json("net.cidr_merge", ["2001:db8::/33", "2001:db8:8000::/33"])).toEqual(["2001:db8::/32"]);
    expect(json("net.cidr_merge", [])).toEqual([]);
  });

  it("widens a bare IPv4 address to its classful mask and rejects a bare IPv6 one, as OPA", () => {
    expect(json("net.cidr_merge", ["192.0.2.0", "192.0.3.0/24"])).toEqual(["192.0.2.0/23"]);
    expect(fails("net.cidr_merge", ["2001:db8::1"])).toBe("eval_builtin_error: IPv6 invalid: needs prefix length");
    expect(fails("net.cidr_merge", [1])).toBe("eval_builtin_error: element must be string");
  });
});

describe("ipnet", () => {
  it("reads and prints addresses as Go", () => {
    expect(formatIP(parseIP("2001:0db8:0000:0000:0000:0000:0000:0001")!)).toBe("2001:db8::1");
    expect(formatIP(parseIP("::")!)).toBe("::");
    expect(formatIP(parseIP("1:0:0:1:0:0:0:1")!)).toBe("1:0:0:1::1");
    expect(formatIP(parseIP("::ffff:10.0.0.1")!)).toBe("10.0.0.1");
    expect(parseIP("1.2.3")).toBeUndefined();
    expect(parseIP("fe80::1%eth0")).toBeUndefined();
    expect(parseIP("1::2::3")).toBeUndefined();
    expect(parseCIDR("10.1.2.3/8")).toEqual({ ip: { bits: 32, value: 10n << 24n }, prefix: 8 });
  });
});
