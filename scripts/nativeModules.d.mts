export interface MissingNativeModule {
  name: string;
  error: string;
  fix: string;
}
export function missingNativeModules(require?: NodeJS.Require): MissingNativeModule[];
export function describeMissingNativeModules(missing: MissingNativeModule[]): string[];
