/** The test's checks: PASS/FAIL lines, the count, and what a failed required step blocks. */

const log = (line: string) => console.log(line);

let passed = 0;
let failed = 0;
let blockedBy: string | undefined;
let onFailure: (name: string) => Promise<void> = async () => {};

/** Called after a check fails, e.g. to save a screenshot of the page. */
export function setOnFailure(handler: (name: string) => Promise<void>): void {
	onFailure = handler;
}

/**
 * One check: passes when `run` returns no problem. When a `required` one fails, every later
 * check fails as "not reached" instead of running on a page in an unknown state.
 */
export async function check(
	name: string,
	run: () => Promise<string[]>,
	options: { required?: boolean } = {},
): Promise<void> {
	let problems: string[];
	if (blockedBy) {
		problems = [`not reached: "${blockedBy}" failed`];
	} else {
		try {
			problems = await run();
		} catch (error) {
			problems = [(error as Error).message.split('\n').slice(0, 12).join('\n')];
		}
		if (problems.length) await onFailure(name).catch(() => undefined);
	}
	if (problems.length === 0) {
		passed++;
		log(`PASS ${name}`);
		return;
	}
	failed++;
	log(`FAIL ${name}`);
	for (const problem of problems) log(`     ${problem.replace(/\n/g, '\n     ')}`);
	if (options.required && !blockedBy) blockedBy = name;
}

/** A failure outside any check (the test could not run). */
export function fail(message: string): void {
	failed++;
	log(`FAIL ${message}`);
}

export function counts(): { passed: number; failed: number } {
	return { passed, failed };
}
