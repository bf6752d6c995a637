/**
 * The credentials an AWS SDK client takes from a destination's `accessKeyIdEnv`,
 * `secretAccessKeyEnv` and `sessionTokenEnv`; undefined leaves the SDK its default chain
 * (environment, profile, instance role).
 */
export function awsCredentials(secrets: Readonly<Record<string, string>>) {
  if (!secrets.accessKeyIdEnv) return undefined;
  return { accessKeyId: secrets.accessKeyIdEnv, secretAccessKey: secrets.secretAccessKeyEnv ?? "", sessionToken: secrets.sessionTokenEnv };
}
