// Types of scripts/release-lib.js for the TypeScript tests.
export function nextVersion(current: string, spec: string | undefined): string;
export function releaseChangelog(text: string, version: string, date: string): string;
export function setPackageVersion(jsonText: string, version: string): string;
