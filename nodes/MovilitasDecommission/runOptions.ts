import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Plan } from './batching';
import type { Result } from './lib/result';
import { Outcomes } from './outcomes';
import { ParameterReader } from './parameters';
import type { ItemProblem } from './requests';
import { FIELD_LABELS } from './validation';
import { LIMITS } from './vocabulary';

/** Settings of the whole run: one run has one pace, one mode and one output shape. */
export interface RunOptions {
	timeoutMs: number;
	inFlight: number;
	dryRun: boolean;
	/** Whether output items repeat the reason, market and send to market of their request. */
	includeSettings: boolean;
}

const NAMES = ['dryRun', 'includeSettings', 'requestTimeout', 'requestsInFlight'] as const;
type Name = (typeof NAMES)[number];
type Value = number | boolean;
type Checked = Result<{ value: Value }, { problem: string }>;

/** A value the user set (even by an expression that gave nothing) must be a valid one. */
function check(options: IDataObject, name: Name): Checked {
	const given = Object.prototype.hasOwnProperty.call(options, name);
	const value = options[name];
	if (name === 'dryRun' || name === 'includeSettings') {
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

type Checks = Result<{ values: Record<Name, Value> }, { name: Name; problem: string }>;

/** Every run option of one item's Options, checked; an empty Options gives the defaults. */
function checkAll(options: IDataObject): Checks {
	const values = {} as Record<Name, Value>;
	for (const name of NAMES) {
		const checked = check(options, name);
		if (!checked.ok) return { ok: false, name, problem: checked.problem };
		values[name] = checked.value;
	}
	return { ok: true, values };
}

function toRunOptions(values: Record<Name, Value>): RunOptions {
	return {
		dryRun: values.dryRun as boolean,
		includeSettings: values.includeSettings as boolean,
		timeoutMs: (values.requestTimeout as number) * 1000,
		inFlight: values.requestsInFlight as number,
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
 * Reads Dry Run, Include Request Settings, Request Timeout and Requests in Flight for every item (once, when they are
 * not expressions). They apply to the whole run, so items that disagree are refused: one item
 * asking for a dry run must never let another item's serials go out.
 */
export function readRunOptions(
	ctx: IExecuteFunctions,
	itemCount: number,
): Result<{ run: RunOptions }, { problem: ItemProblem }> {
	const params = new ParameterReader(ctx);
	let first: Record<Name, Value> | undefined;
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
		const checked = checkAll(options);
		if (!checked.ok) {
			return { ok: false, problem: problem(itemIndex, checked.name, checked.problem) };
		}
		const { values } = checked;
		if (!first) {
			first = values;
			continue;
		}
		const differs = NAMES.find((name) => values[name] !== first?.[name]);
		if (differs) {
			const [mine, theirs] = [values[differs], first[differs]];
			return {
				ok: false,
				problem: problem(
					itemIndex,
					differs,
					`is ${JSON.stringify(mine)} here but ${JSON.stringify(theirs)} for item 0: it applies to the whole run, so every item must give the same`,
				),
			};
		}
	}
	if (first) return { ok: true, run: toRunOptions(first) };
	// No item at all (execute never asks): an empty Options gives the defaults.
	const defaults = checkAll({});
	if (!defaults.ok) return { ok: false, problem: problem(0, defaults.name, defaults.problem) };
	return { ok: true, run: toRunOptions(defaults.values) };
}

/** A dry run: every serial validated and numbered with the request it would have gone in. */
export function dryRunOutcomes(plan: Plan): Outcomes {
	const outcomes = new Outcomes(plan);
	for (const batch of plan.batches) {
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
