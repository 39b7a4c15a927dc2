import { describe, expect, it } from "vitest";
import { fails, json, o } from "./testing";

// AWS's published SigV4 test suite case "get-vanilla" (credentials AKIDEXAMPLE, 2015-08-30T12:36:00Z).
const CONFIG = {
  aws_access_key: "AKIDEXAMPLE",
  aws_secret_access_key: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
  aws_service: "service",
  aws_region: "us-east-1",
};
const NS = 1440938160n * 1_000_000_000n;

describe("providers.aws.sign_req", () => {
  it("signs AWS's get-vanilla request as the test suite says", () => {
    const r = json("providers.aws.sign_req", o({ method: "GET", url: "https://example.amazonaws.com/" }), o(CONFIG), NS) as {
      headers: Record<string, string>;
    };
    expect(r.headers).toEqual({
      Authorization:
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request,SignedHeaders=host;x-amz-date,Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
      host: "example.amazonaws.com",
      "x-amz-date": "20150830T123600Z",
    });
  });

  it("keeps the request's other fields and headers, and signs s3 payloads and session tokens", () => {
    const r = json(
      "providers.aws.sign_req",
      o({ method: "PUT", url: "https://bucket.s3.amazonaws.com/key?x=1", raw_body: "hello", headers: { "User-Agent": "opa", "X-Custom": "v" }, timeout: "1s" }),
      o({ ...CONFIG, aws_service: "s3", aws_session_token: "tok" }),
      NS,
    ) as { timeout: string; headers: Record<string, string> };
    expect(r.timeout).toBe("1s");
    expect(r.headers["User-Agent"]).toBe("opa");
    expect(r.headers["x-amz-content-sha256"]).toBe("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
    expect(r.headers["x-amz-security-token"]).toBe("tok");
    // user-agent is not signed; the custom header is
    expect(r.headers.Authorization).toContain("SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token;x-custom,");
  });

  it("reports missing or ill-typed parameters with OPA's wording", () => {
    expect(fails("providers.aws.sign_req", o({ method: "GET", url: "https://x/" }), o({ aws_service: "s3" }), NS)).toBe(
      'eval_builtin_error: operand 2 missing required AWS config parameters(s): {"aws_access_key", "aws_region", "aws_secret_access_key"}',
    );
    expect(fails("providers.aws.sign_req", o({ method: 1, url: "https://x/" }), o(CONFIG), NS)).toBe(
      'eval_builtin_error: operand 1 invalid values for required request parameters(s): {"method"}',
    );
    expect(fails("providers.aws.sign_req", o({ method: "GET", url: "https://x/" }), o(CONFIG), 1.5)).toBe(
      "eval_builtin_error: operand 3 could not convert time_ns value into a unix timestamp",
    );
  });
});
