import { expect, it } from "vitest";
import { apiKeySecrets, redactSecrets } from "./redactSecrets";

const key = "tapi_1sn61992rNstjlDoJWnFXRRkxPZ.Zk3yS3cr3tValue0123";

it("redacts the key and its secret part wherever they appear", () => {
  const secrets = apiKeySecrets(key);
  expect(redactSecrets(`bad key ${key}, secret Zk3yS3cr3tValue0123 again ${key}`, secrets)).toBe("bad key [redacted], secret [redacted] again [redacted]");
  // The team id part is not secret and stays readable.
  expect(redactSecrets("team 1sn61992rNstjlDoJWnFXRRkxPZ", secrets)).toBe("team 1sn61992rNstjlDoJWnFXRRkxPZ");
});

it("does not treat a tiny fragment after a dot as a secret", () => {
  expect(apiKeySecrets("weird.k")).toEqual(["weird.k"]);
});
