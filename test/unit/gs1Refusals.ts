import { parseGs1 } from '../../nodes/MovilitasDecommission/gs1';

export const TODAY = new Date('2026-01-01T12:00:00Z');

/** The 1-based position of `marker` in `input` (the `nth` occurrence, counting from 1). */
export function at(input: string, marker: string, nth = 1): number {
	let index = -1;
	for (let n = 0; n < nth; n++) index = input.indexOf(marker, index + 1);
	if (index === -1) throw new Error(`"${marker}" is not in the test input`);
	return index + 1;
}

export type Case = [what: string, input: string, problem: string, position: number];

/** Each case is refused with exactly its problem and position. */
export function check(cases: Case[]) {
	it.each(cases)('%s', (_, input, problem, position) => {
		expect(parseGs1(input, { now: TODAY })).toEqual({ ok: false, problem, position });
	});
}
