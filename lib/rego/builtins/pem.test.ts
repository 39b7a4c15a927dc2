import { describe, expect, it } from "vitest";
import { decodeAllPem, decodePem } from "./pem";

const block = (type: string, body: string) => `-----BEGIN ${type}-----\n${body}\n-----END ${type}-----\n`;

describe("decodePem (Go's encoding/pem.Decode)", () => {
  it("skips text before the block and returns what follows its END line", () => {
    const r = decodePem("leading text\n" + block("CERTIFICATE", "AQID") + "after");
    expect(r.block).toEqual({ type: "CERTIFICATE", bytes: Uint8Array.from([1, 2, 3]) });
    expect(r.rest).toBe("after");
    expect(decodePem(block("A", "AQID")).rest).toBe("");
  });

  it("skips headers and whitespace in the body", () => {
    const r = decodePem("-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n\nAQ ID\n-----END RSA PRIVATE KEY-----");
    expect(r.block?.bytes).toEqual(Uint8Array.from([1, 2, 3]));
  });

  it("finds no block when the END line does not match or the body is not base64", () => {
    const text = "-----BEGIN A-----\nAQID\n-----END B-----\n";
    expect(decodePem(text)).toEqual({ rest: text });
    expect(decodePem(block("A", "!!!")).block).toBeUndefined();
    expect(decodePem("no pem here").block).toBeUndefined();
  });

  it("decodeAllPem reads every block in order", () => {
    expect(decodeAllPem(block("A", "AQ==") + "junk\n" + block("B", "Ag==")).map((b) => b.type)).toEqual(["A", "B"]);
  });
});
