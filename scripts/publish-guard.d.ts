// Types of scripts/publish-guard.js for the TypeScript tests.
export function publishProblems(env: Record<string, string | undefined>, version: string): string[];
