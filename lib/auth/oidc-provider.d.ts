// oidc-provider (a devDependency, only for lib/auth/oidc.test.ts's local provider) ships no types.
declare module "oidc-provider" {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const Provider: any;
  export default Provider;
}
