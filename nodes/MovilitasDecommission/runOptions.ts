import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Batch } from './batching';
import { Outcomes } from './outcomes';
import { FIELD_LABELS } from './validation';
import { LIMITS } from './vocabulary';

/** Settings of the whole run, read from the first item: one run has one pace and one mode. */
export interface RunOptions {
	timeoutMs: number;
	inFlight: number;
	dryRun: boolean;
}

function whole(
	ctx: IExecuteFunctions,
	options: IDataObject,
	name: 'requestTimeout' | 'requestsInFlight',
): number {
	const { min, max, default: fallback } = LIMITS[name];
	const value = options[name] ?? fallback;
	if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max)
		return value;
	throw new NodeOperationError(
		ctx.getNode(),
		`${FIELD_LABELS[name]} must be a whole number from ${min} to ${max} (got ${JSON.stringify(value)})`,
		{ itemIndex: 0, description: 'Nothing was sent to Movilitas.' },
	);
}

export function readRunOptions(ctx: IExecuteFunctions): RunOptions {
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	const dryRun = options.dryRun ?? false;
	if (typeof dryRun !== 'boolean') {
		throw new NodeOperationError(
			ctx.getNode(),
			`${FIELD_LABELS.dryRun} must be true or false (got ${JSON.stringify(dryRun)})`,
			{ itemIndex: 0, description: 'Nothing was sent to Movilitas.' },
		);
	}
	return {
		timeoutMs: whole(ctx, options, 'requestTimeout') * 1000,
		inFlight: whole(ctx, options, 'requestsInFlight'),
		dryRun,
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
