import { sleep } from 'n8n-workflow';

import type { Batch, Plan } from './batching';
import { requestBody } from './batching';
import { recordAnswer } from './answerOutcomes';
import { failureOutcome, notSentOutcome, Outcomes } from './outcomes';
import type { Failure, SendResult, Session } from './transport';
import { sendDecommission } from './transport';

export interface SendReport {
	outcomes: Outcomes;
	/** Without Continue On Fail: the first failure, which stopped the run. */
	failure?: { batch: Batch; result: Failure };
}

/**
 * Sends the batches, up to `inFlight` at a time, and records what became of every serial.
 * The first request goes alone when n8n still has to fetch a token, so that the token is
 * fetched once. With Continue On Fail a failed request's serials are reported and the others
 * still go out, unless the credential or the connection failed, which would fail them all
 * the same way. Without it the first failure stops new requests, lets those already in
 * flight finish, and is returned with everything that happened.
 */
export async function sendBatches(
	session: Session,
	plan: Plan,
	options: { inFlight: number; continueOnFail: boolean },
): Promise<SendReport> {
	const { batches } = plan;
	const report: SendReport = { outcomes: new Outcomes(plan) };
	const reading: Array<Promise<void>> = [];
	let readError: unknown;
	let stopped: Failure | undefined;
	let next = 0;

	const handle = (batch: Batch, result: SendResult) => {
		if (result.ok) {
			// Whether the next request may go is decided by now; reading the answer serial by serial
			// waits for a moment when that request is on its way, instead of holding it back.
			const read = async () => {
				await sleep(0);
				const secrets = session.secrets.values();
				recordAnswer(report.outcomes, batch, result.body, result.attempts, secrets);
			};
			// Kept, not thrown: a rejection nobody awaits yet would stop n8n's process.
			reading.push(read().catch((error: unknown) => void (readError ??= error)));
			return;
		}
		report.outcomes.setAll(batch, failureOutcome(result, result.attempts));
		if (!options.continueOnFail) report.failure ??= { batch, result };
		else if (result.kind === 'credential' || result.kind === 'notSent') stopped ??= result;
	};
	const canSend = () => next < batches.length && !report.failure && !stopped;
	const sendNext = async () => {
		const batch = batches[next++];
		handle(batch, await sendDecommission(session, requestBody(batch), batch.productCode));
	};
	const worker = async () => {
		while (canSend()) await sendNext();
	};

	if (canSend() && session.tokens.needsToken()) await sendNext();
	await Promise.all(Array.from({ length: options.inFlight }, worker));
	await Promise.all(reading);
	if (readError !== undefined) throw readError;

	const because = (stopped ?? report.failure?.result)?.message;
	for (const batch of batches.slice(next)) report.outcomes.setAll(batch, notSentOutcome(because));
	return report;
}
