import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Batch } from './batching';
import type { Result } from './lib/result';
import { Outcomes } from './outcomes';
import { ParameterReader } from './parameters';
import type { ItemProblem } from './requests';
import { FIELD_LABELS } from './validation';
import { LIMITS } from './vocabulary';

/** Settings of the whole run: one run has one pace and one mode. */
export interface RunOptions {
	timeoutMs: number;
	inFlight: number;
	dryRun: boolean;
}

type Name = 'requestTimeout' | 'requestsInFlight' | 'dryRun';
type Checked = Result<{ value: number | boolean }, { problem: string }>;

/** A value the user set (even by an expression that gave nothing) must be a valid one. */
function check(options: IDataObject, name: Name): Checked {
	const given = Object.prototype.hasOwnProperty.call(options, name);
	const value = options[name];
	if (name === 'dryRun') {
		if (!given) return { ok: true, value: false };
		if (typeof value === 'boolean') return { ok: true, value };
		return {
			ok: false,
			problem: `must be true or false (got ${JSON.stringify(value) ?? 'nothing'})`,
		};
	}
	const { min, max, default: fallback } = LIMITS[name];
	if (!given) return { ok: true, value: fallback };
	if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) {
		return { ok: true, value };
	}
	return {
		ok: false,
		problem: `must be a whole number from ${min} to ${max} (got ${JSON.stringify(value) ?? 'nothing'})`,
	};
}

function problem(itemIndex: number, name: Name, what: string): ItemProblem {
	const field = FIELD_LABELS[name];
	return {
		itemIndex,
		field,
		message: `Item ${itemIndex}: ${field} ${what}`,
		hint: 'Nothing was sent to Movilitas.',
	};
}

/**
 * Reads Dry Run, Request Timeout and Requests in Flight for every item (once, when they are
 * not expressions). They apply to the whole run, so items that disagree are refused: one item
 * asking for a dry run must never let another item's serials go out.
 */
export function readRunOptions(
	ctx: IExecuteFunctions,
	itemCount: number,
): Result<{ run: RunOptions }, { problem: ItemProblem }> {
	const params = new ParameterReader(ctx);
	let first: RunOptions | undefined;
	let lastOptions: IDataObject | undefined;
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		let options: IDataObject;
		try {
			options = (params.get('options', itemIndex, {}) ?? {}) as IDataObject;
		} catch (error) {
			const what = `could not be read: ${(error as Error).message}`;
			return {
				ok: false,
				problem: { itemIndex, field: 'Options', message: `Item ${itemIndex}: Options ${what}` },
			};
		}
		// Plain options are read once and give the same object for every item.
		if (options === lastOptions) continue;
		lastOptions = options;
		const values: Partial<Record<Name, number | boolean>> = {};
		for (const name of ['dryRun', 'requestTimeout', 'requestsInFlight'] as const) {
			const checked = check(options, name);
			if (!checked.ok) return { ok: false, problem: problem(itemIndex, name, checked.problem) };
			values[name] = checked.value;
		}
		const run: RunOptions = {
			dryRun: values.dryRun as boolean,
			timeoutMs: (values.requestTimeout as number) * 1000,
			inFlight: values.requestsInFlight as number,
		};
		if (!first) {
			first = run;
			continue;
		}
		for (const name of ['dryRun', 'requestTimeout', 'requestsInFlight'] as const) {
			const mine =
				name === 'dryRun'
					? run.dryRun
					: name === 'requestTimeout'
						? run.timeoutMs / 1000
						: run.inFlight;
			const theirs =
				name === 'dryRun'
					? first.dryRun
					: name === 'requestTimeout'
						? first.timeoutMs / 1000
						: first.inFlight;
			if (mine !== theirs) {
				return {
					ok: false,
					problem: problem(
						itemIndex,
						name,
						`is ${JSON.stringify(mine)} here but ${JSON.stringify(theirs)} for item 0: it applies to the whole run, so every item must give the same`,
					),
				};
			}
		}
	}
	return {
		ok: true,
		run: first ?? { dryRun: false, timeoutMs: LIMITS.requestTimeout.default * 1000, inFlight: 1 },
	};
}

/** A dry run: every serial validated and numbered with the request it would have gone in. */
export function dryRunOutcomes(batches: Batch[]): Outcomes {
	const outcomes = new Outcomes();
	for (const batch of batches) {
		outcomes.setAll(batch, {
			status: 'Validated',
			success: false,
			attempts: 0,
			request: batch.index + 1,
			message: 'Dry run: validated and batched, not sent to Movilitas.',
		});
	}
	return outcomes;
}
