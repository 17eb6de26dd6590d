import type { IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { Batch } from './batching';
import { requestBody } from './batching';
import type { SerialOutcome } from './mapping';
import { failedOutcomes, outcomeKey, outcomesFromAnswer } from './mapping';
import type { Failure, Session } from './transport';
import { sendDecommission } from './transport';

const FAILED_STATUS: Record<Failure['kind'], string> = {
	api: 'Failed',
	credential: 'Not sent',
	notSent: 'Not sent',
	unknown: 'Unknown',
};

function listSerials(serials: string[]): string {
	const shown = serials.slice(0, 20).join(', ');
	return serials.length > 20 ? `${shown} and ${serials.length - 20} more` : shown;
}

function failureError(
	ctx: IExecuteFunctions,
	batch: Batch,
	failure: Failure,
	done: string[],
	doneRequests: number,
) {
	const progress = done.length
		? `Before this failure, ${done.length} serial(s) were decommissioned by ${doneRequests} earlier request(s) of this run and stay so: ${listSerials(done)}.`
		: 'No serial was decommissioned by this run before this failure.';
	const [firstItem] = [...batch.itemsBySerial.values()][0] ?? [0];
	return new NodeApiError(
		ctx.getNode(),
		{ message: failure.message, type: failure.type ?? null } as JsonObject,
		{
			message: failure.message,
			description: `${failure.description} ${progress}`.trim(),
			httpCode: failure.statusCode ? String(failure.statusCode) : undefined,
			itemIndex: firstItem,
		},
	);
}

/**
 * Sends the batches one after another. Without Continue On Fail the first failed request stops
 * the run; with it, its serials are reported as failed and the other requests still go out,
 * unless the credential or the connection failed, which would fail them all the same way.
 */
export async function sendBatches(
	ctx: IExecuteFunctions,
	session: Session | Failure,
	batches: Batch[],
): Promise<Map<string, SerialOutcome>> {
	const outcomes = new Map<string, SerialOutcome>();
	const done: string[] = [];
	let doneRequests = 0;
	let stopped: Failure | undefined = 'ok' in session ? session : undefined;
	if (stopped && batches.length > 0 && !ctx.continueOnFail()) {
		throw failureError(ctx, batches[0], stopped, done, doneRequests);
	}
	const record = (batch: Batch, byserial: Map<string, SerialOutcome>) => {
		for (const [serial, outcome] of byserial) outcomes.set(outcomeKey(batch, serial), outcome);
	};

	for (const batch of batches) {
		if (stopped) {
			record(
				batch,
				failedOutcomes(batch, {
					status: 'Not sent',
					success: false,
					error: stopped.message,
					message: 'Not sent: the failure in "error" applies to every request of this run.',
				}),
			);
			continue;
		}
		const result = await sendDecommission(
			session as Session,
			requestBody(batch),
			batch.productCode,
		);
		if (result.ok) {
			const answered = outcomesFromAnswer(batch, result.body);
			record(batch, answered);
			for (const [serial, outcome] of answered) if (outcome.success) done.push(serial);
			doneRequests++;
			continue;
		}
		if (!ctx.continueOnFail()) throw failureError(ctx, batch, result, done, doneRequests);
		record(
			batch,
			failedOutcomes(batch, {
				status: FAILED_STATUS[result.kind],
				success: false,
				error: result.message,
				errorType: result.type,
				message: result.description,
			}),
		);
		if (result.kind === 'credential' || result.kind === 'notSent') stopped = result;
	}
	return outcomes;
}
