// Types of scripts/check-workflows.js for the TypeScript tests.
export function policyProblems(workflows: { ci: string; publish: string }): string[];
export function actionlintProblems(text: string, file: string): Promise<string[]>;
