/**
 * A local S3-compatible server (s3rver) for the tests and the benchmark, and reading back what
 * landed in it. Only tests and benchmarks import this file.
 */
import { GetObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import S3rver from "s3rver";
import { gunzipSync } from "node:zlib";
import { makeTempDir } from "../../../store/testing";

/** s3rver's fixed credentials. */
export const S3RVER_ENV = { S3_KEY_ID: "S3RVER", S3_SECRET: "S3RVER" };

export interface LocalS3 {
  endpoint: string;
  bucket: string;
  /** A destination entry for it, to be merged with the test's own fields. */
  entry(fields?: Record<string, unknown>): Record<string, unknown>;
  /** Every object: key, metadata and its NDJSON lines (gunzipped). */
  objects(): Promise<{ key: string; metadata: Record<string, string>; lines: string[] }[]>;
  close(): Promise<void>;
}

export async function startLocalS3(bucket = "audit"): Promise<LocalS3> {
  const dir = makeTempDir("parsec-viewer-s3-");
  const server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory: dir.path, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new S3Client({
    region: "us-east-1",
    endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
  return {
    endpoint,
    bucket,
    entry: (fields = {}) => ({
      name: "archive",
      type: "s3",
      bucket,
      endpoint,
      forcePathStyle: true,
      accessKeyIdEnv: "S3_KEY_ID",
      secretAccessKeyEnv: "S3_SECRET",
      ...fields,
    }),
    async objects() {
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
        keys.push(...(page.Contents ?? []).map((object) => object.Key!));
        token = page.NextContinuationToken;
      } while (token);
      return Promise.all(
        keys.sort().map(async (key) => {
          const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
          const body = Buffer.from(await object.Body!.transformToByteArray());
          return { key, metadata: object.Metadata ?? {}, lines: gunzipSync(body).toString("utf8").split("\n").filter(Boolean) };
        }),
      );
    },
    async close() {
      client.destroy();
      await server.close();
      dir.remove();
    },
  };
}
